/**
 * What an Ansible line edit (`lineinfile:`, `replace:`, `blockinfile:`; engine/ansible-edits.ts) does
 * to the file a role writes: the text it rewrites is decided by the run, so no rule judges the value it
 * replaces — as a placeholder a script's `sed -i` fills in. Fixtures are written here: an edge role
 * whose edgecore.yaml template points the event bus at an external broker nobody runs on the node,
 * and a broker config that admits anonymous clients, each then adjusted line by line.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

const CFG = '/etc/kubeedge/config/edgecore.yaml';

/** eventBus on an external broker (mqttMode line 6, the server line 7). */
const EDGECORE = [
  'apiVersion: edgecore.config.kubeedge.io/v1alpha2',
  'kind: EdgeCore',
  'modules:',
  '  eventBus:',
  '    enable: true',
  '    mqttMode: 2',
  '    mqttServerExternal: tcp://127.0.0.1:1883',
  '',
].join('\n');

/** A broker, on 1884: not where the event bus connects. */
const BROKER_CONF = ['listener 1884', 'allow_anonymous true', ''].join('\n');

/** Tasks placing both templates (lines 1-6), then `more` from line 7 on. */
const TASKS = (more = '') =>
  ['- name: Edge config', '  template:', '    src: edgecore.yaml.j2', `    dest: ${CFG}`, '- name: Broker config', '  template: src=broker.conf.j2 dest=/etc/mosquitto/mosquitto.conf', more].join('\n');

const ROLE = (tasks: string, extra: Record<string, string> = {}) => ({
  'site.yml': '- hosts: edge\n  roles: [edge]\n',
  'roles/edge/templates/edgecore.yaml.j2': EDGECORE,
  'roles/edge/templates/broker.conf.j2': BROKER_CONF,
  'roles/edge/tasks/main.yml': tasks,
  ...extra,
});

const MODE_TO_0 = `- lineinfile:\n    path: ${CFG}\n    regexp: '^\\s*mqttMode:'\n    line: '    mqttMode: 0'\n`;

/** A play writing both files with `copy: content:` (mqttServerExternal at line 12), then `edit`. */
const PLAY = (edit: string) =>
  [
    '- hosts: edge',
    '  tasks:',
    '    - copy:',
    `        dest: ${CFG}`,
    '        content: |',
    ...EDGECORE.replace(/\n$/, '').split('\n').map((l) => `          ${l}`),
    '    - copy:',
    '        dest: /etc/mosquitto/mosquitto.conf',
    "        content: 'listener 1884 127.0.0.1'",
    edit,
  ].join('\n');

/** What the unedited role is reported for. */
const UNEDITED = ['mosquitto/no-anonymous roles/edge/templates/broker.conf.j2:2:1', 'node/broker-reachable roles/edge/templates/edgecore.yaml.j2:7:25'];
const ANONYMOUS = UNEDITED[0];

async function run(files: Record<string, string>) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config: { kubeedgeVersion: '1.22' } });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`).sort();
}

describe('Ansible line edits of the files a role writes', () => {
  it.each<{ name: string; files: Record<string, string>; findings: string[] }>([
    {
      name: 'unedited: the event bus points at 1883, where no broker runs, and the broker config admits anonymous clients',
      files: ROLE(TASKS()),
      findings: [...UNEDITED],
    },
    {
      name: 'lineinfile sets mqttMode 0 (the internal broker) in place: the external broker is no longer the one used',
      files: ROLE(TASKS(MODE_TO_0)),
      findings: [ANONYMOUS],
    },
    {
      name: 'the same edit in another task file of the role',
      files: ROLE(TASKS(), { 'roles/edge/tasks/tune.yml': MODE_TO_0 }),
      findings: [ANONYMOUS],
    },
    {
      name: 'an edit of a line the file does not hold changes nothing it reads',
      files: ROLE(TASKS(`- lineinfile:\n    path: ${CFG}\n    regexp: '^\\s*mqttPort:'\n    state: absent\n`)),
      findings: [...UNEDITED],
    },
    {
      name: 'an edit placed before the template: the template overwrites it (and on the template\'s text it changes one value in place)',
      files: ROLE([MODE_TO_0.replace(/\n$/, ''), TASKS()].join('\n')),
      findings: [...UNEDITED],
    },
    {
      name: 'a pattern the run decides: what it rewrites is unknown, so nothing in the file is judged',
      files: ROLE(TASKS(`- lineinfile:\n    path: ${CFG}\n    regexp: '{{ bus_pattern }}'\n    line: '    mqttMode: 0'\n`)),
      findings: [ANONYMOUS, 'script/yaml-line-edit roles/edge/tasks/main.yml:7:3'],
    },
    {
      name: 'a copy: content: config, unedited',
      files: { 'edge.yml': PLAY('') },
      findings: ['node/broker-reachable edge.yml:12:35'],
    },
    {
      name: 'a copy: content: config whose mqttMode a replace task rewrites',
      files: { 'edge.yml': PLAY(`    - replace:\n        path: ${CFG}\n        regexp: '^(\\s*mqttMode:).*'\n        replace: '\\1 0'\n`) },
      findings: [],
    },
    {
      name: 'the broker config: anonymous access reported where the template admits it',
      files: ROLE(TASKS(MODE_TO_0)),
      findings: [ANONYMOUS],
    },
    {
      name: 'the broker config with allow_anonymous rewritten by lineinfile: the run decides it',
      files: ROLE(TASKS(`${MODE_TO_0}- lineinfile: path=/etc/mosquitto/mosquitto.conf regexp=^allow_anonymous line='allow_anonymous false'\n`)),
      findings: [],
    },
  ])('$name', async ({ files, findings }) => {
    expect(await run(files)).toEqual(findings);
  });
});
