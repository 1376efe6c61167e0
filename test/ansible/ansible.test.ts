/**
 * Ansible playbooks and roles read as node-side installers (src/engine/ansible.ts, src/ansible/):
 * the same facts a shell script gives, so the node rules report on what a role places and runs, at
 * the playbook's or the template's own line and column, and nothing on what only the run decides.
 * The fixtures are written here: an edge role that templates a broker and joins with keadm, beside a
 * chart's host-network broker DaemonSet (the shape keadm's chart ships).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { edgeBrokerDaemonSet } from '../edge-broker-daemonset.js';

/** What the chart's DaemonSet is reported for on its own (image line 22). */
const DS_ALONE = ['mosquitto/no-anonymous cloud/broker-ds.yaml:22:16', 'node/image-eol cloud/broker-ds.yaml:22:16'];
const DS_CONFLICT = 'node/host-port-conflict cloud/broker-ds.yaml:22:16';

/** An edge role: defaults, a broker config and unit from templates/, keadm join from a shell task. */
const ROLE: Record<string, string> = {
  'site.yml': ['---', '- name: Provision edge nodes', '  hosts: edge_nodes', '  become: true', '  roles:', '    - role: edge', ''].join('\n'),
  'roles/edge/defaults/main.yml': ['broker_port: 1883', 'cloud_address: 192.0.2.10', ''].join('\n'),
  'roles/edge/tasks/main.yml': [
    '- name: Broker package',
    '  ansible.builtin.apt:',
    '    name: mosquitto',
    '- name: Broker config',
    '  ansible.builtin.template:',
    '    src: broker.conf.j2',
    '    dest: /etc/mosquitto/mosquitto.conf',
    '- name: Broker unit',
    '  template: src=broker.service.j2 dest=/etc/systemd/system/broker.service mode=0644',
    '- name: Start the broker',
    '  systemd: name=broker.service enabled=yes',
    '',
  ].join('\n'),
  'roles/edge/templates/broker.conf.j2': ['# managed by ansible', 'listener {{ broker_port }}', 'allow_anonymous true', ''].join('\n'),
  'roles/edge/templates/broker.service.j2': ['[Unit]', 'Description=MQTT broker for edgecore', '[Service]', 'ExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf', '[Install]', 'WantedBy=multi-user.target', ''].join('\n'),
};

async function run(files: Record<string, string>, config: Record<string, unknown> = { kubeedgeVersion: '1.22' }) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config });
  expect(result.errors).toEqual([]);
  return { findings: result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`).sort(), notices: result.notices };
}

describe('Ansible roles and playbooks as node-side installers', () => {
  it.each<{ name: string; files: Record<string, string>; findings: string[]; notices?: string[] }>([
    {
      name: 'a role templating a broker on 1883 (from its defaults) beside a host-network DaemonSet on 1883: both sides, at the template lines',
      files: { 'cloud/broker-ds.yaml': edgeBrokerDaemonSet(), ...ROLE },
      findings: [
        ...DS_ALONE,
        DS_CONFLICT,
        'mosquitto/no-anonymous roles/edge/templates/broker.conf.j2:3:1',
        'node/host-port-conflict roles/edge/templates/broker.conf.j2:2:1',
        'systemd/require-restart roles/edge/templates/broker.service.j2:4:1',
      ],
    },
    {
      name: 'play vars over role defaults: the broker moved to 1884 conflicts with nothing',
      files: { 'cloud/broker-ds.yaml': edgeBrokerDaemonSet(), ...ROLE, 'site.yml': ['- hosts: edge_nodes', '  vars:', '    broker_port: 1884', '  roles: [edge]', ''].join('\n') },
      findings: [...DS_ALONE, 'mosquitto/no-anonymous roles/edge/templates/broker.conf.j2:3:1', 'systemd/require-restart roles/edge/templates/broker.service.j2:4:1'],
    },
    {
      name: 'two plays giving the role different ports: the port is unknown, and nothing is said of it',
      files: {
        'cloud/broker-ds.yaml': edgeBrokerDaemonSet(),
        ...ROLE,
        'site.yml': ['- hosts: a', '  vars: {broker_port: 1884}', '  roles: [edge]', '- hosts: b', '  vars: {broker_port: 1885}', '  roles: [edge]', ''].join('\n'),
      },
      findings: [...DS_ALONE, 'systemd/require-restart roles/edge/templates/broker.service.j2:4:1'],
    },
    {
      name: 'a port set by set_fact is the run\'s: nothing on the listener',
      files: { 'cloud/broker-ds.yaml': edgeBrokerDaemonSet(), ...ROLE, 'roles/edge/tasks/facts.yml': ['- set_fact:', '    broker_port: "{{ 1883 + offset }}"', ''].join('\n') },
      findings: [...DS_ALONE, 'systemd/require-restart roles/edge/templates/broker.service.j2:4:1'],
    },
    {
      name: 'a heredoc in a `shell: |` body is a file the task writes: findings on the playbook\'s lines',
      files: {
        'cloud/broker-ds.yaml': edgeBrokerDaemonSet(),
        'edge/site.yml': ['- hosts: edge', '  tasks:', '    - name: broker', '      shell: |', '        cat > /etc/mosquitto/mosquitto.conf <<EOF', '        listener 1883', '        allow_anonymous true', '        EOF', '        mosquitto -c /etc/mosquitto/mosquitto.conf -d', ''].join('\n'),
      },
      findings: [...DS_ALONE, DS_CONFLICT, 'mosquitto/no-anonymous edge/site.yml:7:9', 'node/host-port-conflict edge/site.yml:6:9'],
    },
    {
      name: '`copy: content:` under `when:` is read as running; an unknown Jinja value is never reported',
      files: {
        'cloud/broker-ds.yaml': edgeBrokerDaemonSet(),
        'edge/site.yml': [
          '- hosts: edge',
          '  vars:',
          '    port: 1883',
          '  tasks:',
          '    - ansible.builtin.copy:',
          '        dest: /etc/mosquitto/mosquitto.conf',
          '        content: |',
          '          listener {{ port }}',
          '          listener {{ tls_port }} {{ bind_ip }}',
          '      when: broker_enabled | bool',
          '    - command: mosquitto -c /etc/mosquitto/mosquitto.conf -d',
          '',
        ].join('\n'),
      },
      findings: [...DS_ALONE, DS_CONFLICT, 'node/host-port-conflict edge/site.yml:8:11'],
    },
    {
      name: 'docker_image source=load: the bundle holds the image it names, and the chart drifts from it',
      files: {
        'cloud/broker-ds.yaml': edgeBrokerDaemonSet(),
        'edge/images.yml': ['- hosts: edge', '  tasks:', '    - community.docker.docker_image:', '        name: eclipse-mosquitto', '        tag: "2.0.18"', '        source: load', '        load_path: /opt/bundle/mosquitto.tar', ''].join('\n'),
      },
      findings: ['mosquitto/no-anonymous cloud/broker-ds.yaml:22:16', 'node/image-drift cloud/broker-ds.yaml:22:16', 'node/image-eol cloud/broker-ds.yaml:22:16'],
    },
    {
      name: 'a free-form FQCN shell task importing a bundle with ctr',
      files: {
        'cloud/broker-ds.yaml': edgeBrokerDaemonSet(),
        'edge/images.yml': ['- hosts: edge', '  tasks:', '    - ansible.builtin.shell: ctr -n k8s.io images import /opt/bundle/eclipse-mosquitto_2.0.18.tar chdir=/opt', ''].join('\n'),
      },
      findings: ['mosquitto/no-anonymous cloud/broker-ds.yaml:22:16', 'node/image-drift cloud/broker-ds.yaml:22:16', 'node/image-eol cloud/broker-ds.yaml:22:16'],
    },
    {
      name: 'a YAML list that is not Ansible: nothing read, and the file is still said to be of no kind',
      files: { 'cloud/broker-ds.yaml': edgeBrokerDaemonSet(), 'data/brokers.yml': ['- name: broker', '  port: 1883', '  content: "listener 1883"', ''].join('\n') },
      findings: DS_ALONE,
      notices: ['data/brokers.yml: not a file edgelint knows how to read (skipped)'],
    },
    {
      name: 'a template placed at a path only the run knows, and one whose source is not in the tree: nothing',
      files: {
        'cloud/broker-ds.yaml': edgeBrokerDaemonSet(),
        'play.yml': ['- hosts: edge', '  tasks:', '    - template: src=broker.conf.j2 dest={{ conf_dir }}/mosquitto.conf', '    - template: src=missing.j2 dest=/etc/mosquitto/mosquitto.conf', '    - command: mosquitto -c /etc/mosquitto/mosquitto.conf -d', ''].join('\n'),
        'templates/broker.conf.j2': 'listener 1883\n',
      },
      findings: DS_ALONE,
      // Placed nowhere edgelint knows, the template is only a file of no kind (said as of any file named).
      notices: ['templates/broker.conf.j2: not a file edgelint knows how to read (skipped)'],
    },
  ])('$name', async ({ files, findings, notices }) => {
    const result = await run(files);
    expect(result.findings).toEqual([...findings].sort());
    expect(result.notices).toEqual(notices ?? []);
  });
});

const OLD_LAYOUT = ['apiVersion: edgecore.config.kubeedge.io/v1alpha2', 'kind: EdgeCore', 'modules:', '  edged:', '    cniConfDir: /etc/cni/net.d', ''].join('\n');
const NOT_CHECKED = 'older than the oldest release edgelint has schemas for (1.16): its keys and values were not checked (edgecore/unknown-key, edgecore/invalid-value)';

describe('keadm join in Ansible tasks', () => {
  it.each<{ name: string; task: string[]; defaults?: string; at: string; version?: string }>([
    {
      name: 'a `shell: |` block, the release from the role defaults: the placeholder is where it is stated',
      task: ['- name: Join', '  shell: |', '    keadm join \\', '      --cloudcore-ipport={{ cloud_address }}:10000 \\', '      --kubeedge-version={{ ke_release }}', ''],
      defaults: 'ke_release: v1.14.0\ncloud_address: 192.0.2.10\n',
      at: '5:7',
    },
    {
      name: '`command: {cmd: …}` in FQCN form, the release written out',
      task: ['- ansible.builtin.command:', '    cmd: keadm join --cloudcore-ipport=192.0.2.10:10000 --kubeedge-version=v1.14.0', ''],
      at: '2:57',
    },
    {
      name: '`command: {argv: […]}`: each item one word',
      task: ['- command:', '    argv:', '      - keadm', '      - join', '      - --kubeedge-version=v1.14.0', ''],
      at: '5:9',
    },
    {
      name: 'a double-quoted free-form command',
      task: ['- shell: "keadm join --kubeedge-version=v1.14.0 --cloudcore-ipport=192.0.2.10:10000"', ''],
      at: '1:22',
    },
    {
      name: 'a task looping over commands: `{{ item }}` is each item in turn, stated where the placeholder is',
      task: ['- name: Join', '  ansible.builtin.shell: "{{ item }}"', '  loop:', '    - keadm reset --force', '    - keadm join --cloudcore-ipport=192.0.2.10:10000 --kubeedge-version=v1.14.0', ''],
      at: '2:27',
    },
    {
      name: 'a loop of mappings: `{{ item.cmd }}`',
      task: ['- shell: "{{ item.cmd }}"', '  with_items:', '    - {cmd: "keadm join --kubeedge-version=v1.14.0"}', ''],
      at: '1:11',
    },
    {
      name: 'a release variable of the role defaults with no join naming it',
      task: ['- command: keadm join --cloudcore-ipport=192.0.2.10:10000', ''],
      defaults: 'kubeedge_version: "v1.14.0"\n',
      at: 'roles/edge/defaults/main.yml:1:19',
      version: 'kubeedge_version: v1.14.0',
    },
  ])('$name', async ({ task, defaults, at, version }) => {
    const files: Record<string, string> = { 'node/edgecore.yaml': OLD_LAYOUT, 'roles/edge/tasks/main.yml': task.join('\n') };
    if (defaults) files['roles/edge/defaults/main.yml'] = defaults;
    const where = at.includes('/') ? at : `roles/edge/tasks/main.yml:${at}`;
    const result = await run(files, {});
    expect(result.findings).toEqual([]);
    expect(result.notices).toEqual([`node/edgecore.yaml: judged as KubeEdge 1.14 (${version ?? 'keadm join --kubeedge-version=v1.14.0'} at ${where}), ${NOT_CHECKED}`]);
  });

  it.each([
    ['an unset variable', '- shell: keadm join --kubeedge-version={{ ke_version }}\n'],
    ['a fact, whatever its default', '- shell: keadm join --kubeedge-version={{ ansible_local.ke.version | default("v1.14.0") }}\n'],
    ['a registered result', '- shell: cat /etc/ke-release\n  register: ke\n- shell: keadm join --kubeedge-version={{ ke | default("v1.14.0") }}\n'],
    ['a loop over a variable', '- shell: "{{ item }}"\n  loop: "{{ join_commands }}"\n'],
  ])('a release the run decides (%s) states nothing', async (_, tasks) => {
    const files = { 'node/edgecore.yaml': OLD_LAYOUT, 'roles/edge/tasks/main.yml': tasks };
    const result = await run(files, {});
    expect(result.findings).toEqual(['edgecore/unknown-key node/edgecore.yaml:5:5']);
  });
});

describe('K3s installed from an Ansible task', () => {
  const EDGECORE = ['apiVersion: edgecore.config.kubeedge.io/v1alpha2', 'kind: EdgeCore', 'modules:', '  edged:', '    enable: true', ''].join('\n');
  it('`shell: curl … get.k3s.io | sh -` brings svclb-traefik, reported at the word that runs the installer', async () => {
    const play = ['- hosts: cloud', '  tasks:', '    - name: K3s server', '      ansible.builtin.shell: curl -sfL https://get.k3s.io | sh -', ''].join('\n');
    const result = await run({ 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE, 'cloud/site.yml': play });
    expect(result.findings).toEqual(['node/sysctl-not-allowed cloud/site.yml:4:61']);
  });

  // K3s's configuration a template: task places is read as K3s reads /etc/rancher/k3s/config.yaml (engine/k3s-config.ts).
  it.each([
    ['disable: [servicelb]\n', []],
    ['disable: [traefik]\n', ['node/sysctl-not-allowed cloud/site.yml:7:61']],
    // A value the play fills in at run time may disable anything.
    ['disable: [{{ k3s_disabled }}]\n', []],
  ])('a template: task placing config.yaml with %j', async (config, found) => {
    const play = ['- hosts: cloud', '  tasks:', '    - name: K3s configuration', '      ansible.builtin.template:', '        src: k3s-config.yaml.j2', '        dest: /etc/rancher/k3s/config.yaml', '    - ansible.builtin.shell: curl -sfL https://get.k3s.io | sh -', ''].join('\n');
    const result = await run({ 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE, 'cloud/site.yml': play, 'cloud/templates/k3s-config.yaml.j2': config, 'cloud/svc.yaml': ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: mqtt-lb', 'spec:', '  type: LoadBalancer', '  ports:', '  - port: 1883', ''].join('\n') });
    expect(result.findings).toEqual(found);
  });
});

describe('budgets that cut the reading short say so', () => {
  // Every budget of src/ansible/tasks.ts and engine/ansible.ts keeps a hostile repository bounded;
  // what it skips is not linted, so each says which file it cut, once per file and budget.
  const BROKER_CONF = ['listener 1883', 'allow_anonymous true', ''].join('\n');
  const names = (count: number) => Array.from({ length: count }, (_, i) => `part${i}.conf`);
  const nested = (depth: number, task: string): string => {
    let lines = [`- ${task}`];
    for (let i = 0; i < depth; i++) lines = ['- block:', ...lines.map((l) => `    ${l}`)];
    return `${lines.join('\n')}\n`;
  };
  it.each<{ name: string; files: Record<string, string>; findings: string[]; notices: string[] }>([
    {
      name: 'a loop of 100 templates: read whole, no notice',
      files: { 'site.yml': `- hosts: edge\n  tasks:\n    - template: src={{ item }}.j2 dest=/etc/mosquitto/conf.d/{{ item }}\n      loop: [${[...names(99), 'broker.conf'].join(', ')}]\n`, 'templates/broker.conf.j2': BROKER_CONF },
      findings: ['mosquitto/no-anonymous templates/broker.conf.j2:2:1'],
      notices: [],
    },
    {
      name: 'a loop of 101 templates: the 101st (the anonymous broker) is not read, and the notice says why',
      files: { 'site.yml': `- hosts: edge\n  tasks:\n    - template: src={{ item }}.j2 dest=/etc/mosquitto/conf.d/{{ item }}\n      loop: [${[...names(100), 'broker.conf'].join(', ')}]\n`, 'templates/broker.conf.j2': BROKER_CONF },
      findings: [],
      notices: ['templates/broker.conf.j2: not a file edgelint knows how to read (skipped)', 'site.yml: a loop of more than 100 items; each looped task was linted for its first 100 items only'],
    },
    {
      name: 'blocks 32 deep: read',
      files: { 'roles/edge/tasks/main.yml': nested(32, 'template: src=broker.conf.j2 dest=/etc/mosquitto/mosquitto.conf'), 'roles/edge/templates/broker.conf.j2': BROKER_CONF, 'site.yml': '- hosts: edge\n  roles: [edge]\n' },
      findings: ['mosquitto/no-anonymous roles/edge/templates/broker.conf.j2:2:1'],
      notices: [],
    },
    {
      name: 'blocks 34 deep: not read, with a notice',
      files: { 'roles/edge/tasks/main.yml': nested(34, 'template: src=broker.conf.j2 dest=/etc/mosquitto/mosquitto.conf'), 'roles/edge/templates/broker.conf.j2': BROKER_CONF, 'site.yml': '- hosts: edge\n  roles: [edge]\n' },
      findings: [],
      notices: ['roles/edge/templates/broker.conf.j2: not a file edgelint knows how to read (skipped)', 'roles/edge/tasks/main.yml: blocks nested more than 32 deep; their tasks were not linted'],
    },
    {
      name: 'more than 2 MB of commands: the later broker placement is not read, with a notice',
      files: {
        'site.yml': `- hosts: edge\n  tasks:\n    - shell: "echo ${'y'.repeat(30_000)}"\n      loop: ${`[${Array.from({ length: 80 }, (_, i) => i).join(', ')}]`}\n    - copy:\n        dest: /etc/mosquitto/mosquitto.conf\n        content: |\n          listener 1883\n          allow_anonymous true\n`,
      },
      findings: [],
      notices: ["site.yml: more than 2 MB of command and content text in the deployment's Ansible tasks, loops counted per item; this file's later commands and contents, and those of later task files, were not linted"],
    },
  ])('$name', async ({ files, findings, notices }) => {
    const result = await run(files);
    expect(result.findings).toEqual(findings);
    expect(result.notices.filter((n) => !n.includes('assuming KubeEdge'))).toEqual(notices);
  });
});

describe('Ansible files that do not parse', () => {
  // A file whose path says it is Ansible's fails Ansible too: reported where the YAML breaks, as any
  // YAML file edgelint reads is. A list elsewhere that does not parse may be anything: left alone.
  const BROKEN = ['- template: src=broker.conf.j2 dest=/etc/mosquitto/mosquitto.conf', '- shell: echo ok', '  args: [chdir', ''].join('\n');
  it.each<{ name: string; files: Record<string, string>; findings: string[] }>([
    { name: "a role's task list", files: { 'site.yml': '- hosts: edge\n  roles: [edge]\n', 'roles/edge/tasks/main.yml': BROKEN }, findings: ['core/parse-error roles/edge/tasks/main.yml:3:9'] },
    { name: "a role's defaults", files: { 'site.yml': '- hosts: edge\n  roles: [edge]\n', 'roles/edge/tasks/main.yml': '- shell: echo {{ port }}\n', 'roles/edge/defaults/main.yml': 'port: [1883\n' }, findings: ['core/parse-error roles/edge/defaults/main.yml:1:7'] },
    { name: 'group_vars/all', files: { 'site.yml': '- hosts: edge\n  tasks:\n    - shell: echo {{ port }}\n', 'group_vars/all.yml': 'port: "1883\n' }, findings: ['core/parse-error group_vars/all.yml:1:7'] },
    { name: 'a YAML list of no known place', files: { 'site.yml': '- hosts: edge\n  tasks:\n    - shell: echo ok\n', 'lists/data.yml': BROKEN }, findings: [] },
  ])('$name', async ({ files, findings }) => {
    const result = await run(files);
    expect(result.findings).toEqual(findings);
  });
});

describe('a finding in a template names the task that places it', () => {
  it('the template: task (its module key) is a related location of each finding in the rendered file, and of no other', async () => {
    const result = await lint({ files: Object.entries(ROLE).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config: { kubeedgeVersion: '1.22' } });
    expect(result.errors).toEqual([]);
    const shown = result.findings
      .map((f) => ({ at: `${f.ruleId} ${f.file}:${f.line}:${f.column}`, related: (f.related ?? []).map((r) => `${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn} ${r.message}`) }))
      .sort((a, b) => a.at.localeCompare(b.at));
    expect(shown).toEqual([
      { at: 'mosquitto/no-anonymous roles/edge/templates/broker.conf.j2:3:1', related: ['roles/edge/tasks/main.yml:5:3-5:27 the template task that places broker.conf.j2 at /etc/mosquitto/mosquitto.conf'] },
      { at: 'systemd/require-restart roles/edge/templates/broker.service.j2:4:1', related: ['roles/edge/tasks/main.yml:9:3-9:11 the template task that places broker.service.j2 at /etc/systemd/system/broker.service'] },
    ]);
  });
});
