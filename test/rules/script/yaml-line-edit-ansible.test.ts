/**
 * script/yaml-line-edit on Ansible's line edits (engine/ansible-edits.ts): a role's `lineinfile:`,
 * `replace:` and `blockinfile:` tasks on the YAML files it templates, or on the edgecore.yaml its
 * `keadm join` writes, are the same hazard as a script's `sed -i` and `cat >>`. Fixtures are written
 * here: an edge role that templates edgecore.yaml and then adjusts it line by line.
 */
import rule from '../../../rules/script/yaml-line-edit.js';
import { ruleTester, text } from '../../rule-tester.js';

const CFG = '/etc/kubeedge/config/edgecore.yaml';

/** The role's edgecore.yaml template (edged at line 4, mqttMode at line 11). */
const TEMPLATE = text`
  apiVersion: edgecore.config.kubeedge.io/v1alpha2
  kind: EdgeCore
  modules:
    edged:
      enable: true
      hostnameOverride: {{ inventory_hostname }}
      tailoredKubeletConfig:
        cgroupDriver: cgroupfs
    eventBus:
      enable: true
      mqttMode: 0
`;

/** The same config with nothing for the template engine to fill in: its whole text is known. */
const LITERAL = TEMPLATE.replace(/\n.*hostnameOverride.*\n/, '\n');

/** Templates edgecore.yaml (line 2), then one edit task whose module key is at line 6, column 3. */
const TASKS = (edit: string) =>
  ['- name: Edge config', '  template:', '    src: edgecore.yaml.j2', `    dest: ${CFG}`, '- name: Adjust it', edit, ''].join('\n');

const ROLE = (edit: string, extra: Record<string, string> = {}) => ({
  'site.yml': '- hosts: edge\n  roles: [edge]\n',
  'roles/edge/templates/edgecore.yaml.j2': TEMPLATE,
  'roles/edge/tasks/main.yml': TASKS(edit),
  ...extra,
});

const FILE = 'roles/edge/tasks/main.yml';

ruleTester(rule, {
  valid: [
    {
      name: 'lineinfile rewrites the one mqttMode line at its own indentation: one value changes, no key moves',
      files: ROLE(`  lineinfile:\n    path: ${CFG}\n    regexp: '^\\s*mqttMode:'\n    line: '    mqttMode: 2'`),
    },
    {
      name: 'lineinfile of a line the file holds already: nothing changes',
      files: ROLE(`  lineinfile:\n    path: ${CFG}\n    line: '    enable: true'`),
    },
    {
      name: 'replace of one key value in place, written back with its group',
      files: ROLE(`  replace:\n    path: ${CFG}\n    regexp: '^(\\s*cgroupDriver:).*'\n    replace: '\\1 systemd'`),
    },
    {
      name: 'lineinfile on a file that is not YAML (sysctl.conf) is not this rule\'s',
      files: ROLE("  lineinfile: path=/etc/sysctl.conf regexp='^net.ipv4.ip_forward' line='net.ipv4.ip_forward = 1'"),
    },
    {
      name: 'lineinfile state=absent of a line the file does not have: nothing changes',
      files: ROLE(`  lineinfile:\n    path: ${CFG}\n    regexp: '^\\s*clusterDNS:'\n    state: absent`),
    },
  ],
  invalid: [
    {
      name: 'lineinfile inserts clusterDNS after edged: it lands in modules.edged, where edgecore does not read it',
      files: ROLE(`  ansible.builtin.lineinfile:\n    path: ${CFG}\n    insertafter: '^  edged:'\n    line: '    clusterDNS: 169.254.96.16'`),
      errors: [
        {
          messageId: 'insertIgnored',
          file: FILE,
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 29,
          message:
            '`lineinfile` inserts `clusterDNS` into /etc/kubeedge/config/edgecore.yaml at modules.edged.clusterDNS, where edgecore does not read it (it reads modules.edged.tailoredKubeletConfig.clusterDNS). Set it where edgecore reads it with a YAML-aware edit: yq -i \'.modules.edged.tailoredKubeletConfig.clusterDNS = ["169.254.96.16"]\' /etc/kubeedge/config/edgecore.yaml.',
        },
      ],
    },
    {
      name: 'lineinfile rewrites mqttMode without its indentation: the key moves to the top level',
      files: ROLE(`  lineinfile:\n    path: ${CFG}\n    regexp: 'mqttMode:'\n    line: 'mqttMode: 2'`),
      errors: [{ messageId: 'insertIgnored', file: FILE, line: 6, column: 3, message: /^`lineinfile` inserts `mqttMode` into \/etc\/kubeedge\/config\/edgecore\.yaml at mqttMode, where edgecore does not read it/ }],
    },
    {
      name: 'replace of a bare value on every line it matches: a text edit of YAML',
      files: ROLE(`  replace:\n    path: ${CFG}\n    regexp: 'enable: true'\n    replace: 'enable: false'`),
      errors: [{ messageId: 'sedEdit', file: FILE, line: 6, column: 3, message: /^`replace` edits \/etc\/kubeedge\/config\/edgecore\.yaml as text;/ }],
    },
    {
      name: 'replace whose pattern matches no line of the templated file: it does nothing',
      files: ROLE(`  replace:\n    path: ${CFG}\n    regexp: 'mqttMode: 1'\n    replace: 'mqttMode: 2'`, { 'roles/edge/templates/edgecore.yaml.j2': LITERAL }),
      errors: [{ messageId: 'noMatch', file: FILE, line: 6, column: 3 }],
    },
    {
      name: 'blockinfile at the end adds a second modules: mapping',
      files: ROLE(`  blockinfile:\n    path: ${CFG}\n    block: |\n      modules:\n        edgeStream:\n          enable: true`),
      errors: [{ messageId: 'appendDuplicate', file: FILE, line: 6, column: 3, message: /^This `blockinfile` task adds a second top-level `modules:` to \/etc\/kubeedge\/config\/edgecore\.yaml, which already has one: the file now holds a duplicate key and edgecore keeps only the appended mapping, dropping edged, eventBus from the first\./ }],
    },
    {
      name: 'lineinfile state=absent of the line that holds a key: a text edit',
      files: ROLE(`  lineinfile:\n    path: ${CFG}\n    regexp: 'cgroupDriver'\n    state: absent`),
      errors: [{ messageId: 'sedEdit', file: FILE, line: 6, column: 3 }],
    },
  ],
});
