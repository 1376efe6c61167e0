/**
 * Where a role's variables come from beyond its defaults and the play (engine/ansible-vars.ts):
 * group_vars/<group> and host_vars/<host> (decided by the inventory, so by the run, unless every such
 * file and group_vars/all agree), a play's vars_files, include_vars tasks, and the role's vars/main.
 * Fixture, written here: an edge role templating a broker on `{{ broker_port }}` (its default 1884),
 * beside a chart's host-network broker on 1883 — a port conflict exactly when the role's port is 1883.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { edgeBrokerDaemonSet } from '../edge-broker-daemonset.js';

/** What the chart's DaemonSet is reported for on its own (image line 22). */
const DS_ALONE = ['mosquitto/no-anonymous cloud/broker-ds.yaml:22:16', 'node/image-eol cloud/broker-ds.yaml:22:16'];
/** Both sides of the conflict when the role's broker is on 1883. */
const CONFLICT = [...DS_ALONE, 'node/host-port-conflict cloud/broker-ds.yaml:22:16', 'node/host-port-conflict roles/edge/templates/broker.conf.j2:1:1'];

const TEMPLATE_TASK = ['- name: Broker config', '  template:', '    src: broker.conf.j2', '    dest: /etc/mosquitto/mosquitto.conf', '- command: mosquitto -c /etc/mosquitto/mosquitto.conf -d', ''].join('\n');

const ROLE = (extra: Record<string, string> = {}) => ({
  'cloud/broker-ds.yaml': edgeBrokerDaemonSet(),
  'site.yml': '- hosts: edge_nodes\n  roles: [edge]\n',
  'roles/edge/defaults/main.yml': 'broker_port: 1884\n',
  'roles/edge/templates/broker.conf.j2': 'listener {{ broker_port }}\n',
  'roles/edge/tasks/main.yml': TEMPLATE_TASK,
  ...extra,
});

const INCLUDE = (file: string) => `- include_vars: ${file}\n`;

async function run(files: Record<string, string>) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config: { kubeedgeVersion: '1.22' } });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`).sort();
}

describe('Ansible variables beyond role defaults and play vars', () => {
  it.each<{ name: string; files: Record<string, string>; findings: string[] }>([
    { name: 'the role default (1884): no conflict', files: ROLE(), findings: DS_ALONE },
    { name: 'group_vars/all sets 1883 over the default: the conflict', files: ROLE({ 'group_vars/all.yml': 'broker_port: 1883\n' }), findings: CONFLICT },
    {
      name: 'group_vars/<group> sets 1885 over group_vars/all\'s 1883: only the inventory says which hosts are in the group, so the port is the run\'s',
      files: ROLE({ 'group_vars/all.yml': 'broker_port: 1883\n', 'group_vars/edge_nodes.yml': 'broker_port: 1885\n' }),
      findings: DS_ALONE,
    },
    {
      name: 'an inventory directory\'s group_vars/<group>/ directory: the same',
      files: ROLE({ 'inventory/group_vars/all.yml': 'broker_port: 1883\n', 'inventory/group_vars/edge_nodes/broker.yml': 'broker_port: 1885\n' }),
      findings: DS_ALONE,
    },
    {
      name: 'host_vars/<host> agreeing with group_vars/all: every host sees 1883',
      files: ROLE({ 'group_vars/all.yml': 'broker_port: 1883\n', 'host_vars/edge-1.yml': 'broker_port: 1883\n' }),
      findings: CONFLICT,
    },
    {
      name: 'host_vars/<host> differing from group_vars/all: the run\'s',
      files: ROLE({ 'group_vars/all.yml': 'broker_port: 1883\n', 'host_vars/edge-1.yml': 'broker_port: 1885\n' }),
      findings: DS_ALONE,
    },
    {
      name: 'play vars_files set 1883, over the play\'s own vars',
      files: ROLE({ 'site.yml': '- hosts: edge_nodes\n  vars:\n    broker_port: 1885\n  vars_files:\n    - vars/broker.yml\n  roles: [edge]\n', 'vars/broker.yml': 'broker_port: 1883\n' }),
      findings: CONFLICT,
    },
    {
      name: 'a vars_files entry naming files by a fact: the files it may name agree on 1883',
      files: ROLE({
        'site.yml': '- hosts: edge_nodes\n  vars_files:\n    - "vars/{{ ansible_os_family }}.yml"\n  roles: [edge]\n',
        'vars/Debian.yml': 'broker_port: 1883\n',
        'vars/RedHat.yml': 'broker_port: 1883\n',
      }),
      findings: CONFLICT,
    },
    {
      name: 'a vars_files entry naming files by a fact that disagree: the run\'s',
      files: ROLE({
        'group_vars/all.yml': 'broker_port: 1883\n',
        'site.yml': '- hosts: edge_nodes\n  vars_files:\n    - "vars/{{ ansible_os_family }}.yml"\n  roles: [edge]\n',
        'vars/Debian.yml': 'broker_port: 1884\n',
        'vars/RedHat.yml': 'broker_port: 1885\n',
      }),
      findings: DS_ALONE,
    },
    {
      name: 'include_vars of the role\'s vars/broker.yml before the template: 1883 from there on',
      files: ROLE({ 'roles/edge/tasks/main.yml': INCLUDE('broker.yml') + TEMPLATE_TASK, 'roles/edge/vars/broker.yml': 'broker_port: 1883\n' }),
      findings: CONFLICT,
    },
    {
      name: 'include_vars after the template: the template may run before it or (on a later play) after it: the run\'s',
      files: ROLE({ 'group_vars/all.yml': 'broker_port: 1883\n', 'roles/edge/tasks/main.yml': TEMPLATE_TASK + INCLUDE('other.yml'), 'roles/edge/vars/other.yml': 'broker_port: 1885\n' }),
      findings: DS_ALONE,
    },
    {
      name: 'include_vars elsewhere agreeing with what the template sees: still 1883',
      files: ROLE({ 'group_vars/all.yml': 'broker_port: 1883\n', 'roles/edge/tasks/more.yml': INCLUDE('file=same.yml'), 'roles/edge/vars/same.yml': 'broker_port: 1883\n' }),
      findings: CONFLICT,
    },
    {
      name: 'the role\'s vars/main.yml (1883) over its defaults, beside a vars file only include_vars would load',
      files: ROLE({ 'roles/edge/vars/main.yml': 'broker_port: 1883\n', 'roles/edge/vars/Debian.yml': 'broker_packages: mosquitto\n' }),
      findings: CONFLICT,
    },
  ])('$name', async ({ files, findings }) => {
    expect(await run(files)).toEqual([...findings].sort());
  });
});
