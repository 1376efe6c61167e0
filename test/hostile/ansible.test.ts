/**
 * Ansible playbooks and roles (src/ansible/, src/engine/ansible.ts) render Jinja with the variables a
 * repository defines, read a looped task once per item and lint each file a task places: all three
 * let a small file stand for a great deal of text. Each case runs the built CLI with a 256 MB heap;
 * the 60 s only turns a hang into a failure (an honest run takes a few seconds). Before the fixes
 * (hostile12) every case but one aborted out of memory; the chain of empty variables ran for minutes.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectSurvived, makeTree, removeTree, runCli, SIBLING } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

/** `a0` names `a1` `times` times, and so on down to `a4`, which is `leaf`. */
function variableChain(times: number, leaf: string): string {
  const lines = [`a4: "${leaf}"`];
  for (let level = 3; level >= 0; level--) lines.push(`a${level}: "${`{{ a${level + 1} }}`.repeat(times)}"`);
  return `${lines.join('\n')}\n`;
}

const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => `${line(i)}\n`).join('');
const items = (count: number) => `[${Array.from({ length: count }, (_, i) => i).join(', ')}]`;

/** A broker config a role places: its anonymous listener is reported at line 2 of the template. */
const BROKER_TEMPLATE = 'listener {{ broker_port }}\nallow_anonymous true\n';
const BROKER_TASK = '    - template: src=broker.conf.j2 dest=/etc/mosquitto/mosquitto.conf\n';
const BROKER_FINDING = ['mosquitto/no-anonymous', 'templates/broker.conf.j2', 2, 1];

/** The notices a budget prints when it cuts the reading short (src/ansible/tasks.ts noteCut, engine/ansible.ts). */
const CUT = /not linted|linted for its first|as if the run decided|only the run decides|rewriting whatever/;
const CUT_COMMANDS = "loops counted per item; this file's later commands and contents, and those of later task files, were not linted";
const ROLE_VARS_CUT = 'site.yml: more than 100,000 variables passed to roles in the deployment; this and later role uses are read as if the run decided their variables';

const CASES: Array<{ name: string; files: Record<string, string>; expected?: Array<Array<string | number>>; cut?: string[] }> = [
  {
    // Each level repeated the one below: 100^4 copies of ten characters (OOM, 2 KB lines).
    name: 'four levels of variables, each naming the next 100 times',
    files: {
      'group_vars/all.yml': `${variableChain(100, 'x'.repeat(10))}broker_port: 1883\n`,
      'site.yml': `- hosts: edge\n  tasks:\n    - shell: echo {{ a0 }}\n${BROKER_TASK}`,
      'templates/broker.conf.j2': BROKER_TEMPLATE,
    },
    expected: [BROKER_FINDING],
  },
  {
    // Nothing grows, but every copy was evaluated again: 200^4 expressions (60 copies: 10.5 s).
    name: 'four levels of empty variables, each naming the next 200 times',
    files: {
      'group_vars/all.yml': `${variableChain(200, '')}broker_port: 1883\n`,
      'site.yml': `- hosts: edge\n  tasks:\n    - shell: echo {{ a0 }}\n${BROKER_TASK}`,
      'templates/broker.conf.j2': BROKER_TEMPLATE,
    },
    expected: [BROKER_FINDING],
  },
  {
    name: 'a 100 KB variable written 1,000 times in a command',
    files: {
      'group_vars/all.yml': `big: "${'x'.repeat(100_000)}"\n`,
      'site.yml': `- hosts: edge\n  tasks:\n    - shell: echo ${'{{ big }}'.repeat(1000)}\n`,
    },
  },
  {
    name: 'a 100 KB variable written 1,000 times in a template',
    files: {
      'group_vars/all.yml': `big: "${'x'.repeat(100_000)}"\nbroker_port: 1883\n`,
      'site.yml': `- hosts: edge\n  tasks:\n${BROKER_TASK}`,
      'templates/broker.conf.j2': `${BROKER_TEMPLATE}${'# {{ big }}\n'.repeat(1000)}`,
    },
    expected: [BROKER_FINDING],
  },
  {
    name: 'a 1 MB copy content under a 100-item loop',
    files: { 'site.yml': `- hosts: edge\n  tasks:\n    - copy:\n        dest: /etc/x{{ item }}.yaml\n        content: "${'y'.repeat(1_000_000)}"\n      loop: ${items(100)}\n` },
    cut: ["site.yml: more than 2 MB of command and content text in the deployment's Ansible tasks, loops counted per item; this file's later commands and contents, and those of later task files, were not linted"],
  },
  {
    // 1,000 placements of 100 KB, each linted as a file (one loop of 100: 2.3 s, 200 MB).
    name: 'a 100 KB template placed by ten tasks looping 100 times',
    files: {
      'group_vars/all.yml': 'broker_port: 1883\n',
      'site.yml': `- hosts: edge\n  tasks:\n${`    - template: src=broker.conf.j2 dest=/etc/mosquitto/m{{ item }}.conf\n      loop: ${items(100)}\n`.repeat(10)}`,
      'templates/broker.conf.j2': `${BROKER_TEMPLATE}${'# a comment line padding the template out\n'.repeat(2500)}`,
    },
    cut: ["site.yml: more than 8 MB of files placed by the deployment's Ansible tasks; this and later placements were not linted"],
  },
  {
    // Bounded per task list, not per deployment: ten lists, 40 MB of script from 480 KB.
    name: 'ten playbooks each looping 100 times over a 40 KB command',
    files: Object.fromEntries(
      Array.from({ length: 10 }, (_, j) => [
        `play${j}.yml`,
        `- hosts: edge\n  tasks:\n    - shell: |\n${Array.from({ length: 1000 }, (_, i) => `        echo "line ${i} $HOME" >> /tmp/log${i}\n`).join('')}      loop: ${items(100)}\n`,
      ]),
    ),
    cut: [`play0.yml: more than 2 MB of command and content text in the deployment's Ansible tasks, ${CUT_COMMANDS}`],
  },
  {
    // Each role use copied the play's vars: 9M entries from a 100 KB playbook.
    name: 'a play of 3,000 vars applying 3,000 roles',
    files: { 'site.yml': `- hosts: edge\n  vars:\n${lines(3000, (i) => `    v${i}: x${i}`)}  roles:\n${lines(3000, (i) => `    - r${i}`)}` },
    cut: [ROLE_VARS_CUT],
  },
  {
    name: 'a play of 3,000 vars including 3,000 roles from its tasks',
    files: { 'site.yml': `- hosts: edge\n  vars:\n${lines(3000, (i) => `    v${i}: x${i}`)}  tasks:\n${lines(3000, (i) => `    - include_role: name=r${i}`)}` },
    cut: [ROLE_VARS_CUT],
  },
  {
    // Compared as `^[^/]*x[^/]*x…y\.yml$`, the path backtracked through every split of the 60 `x`s among
    // its twelve wildcards: more than 120 s (hostile13).
    name: 'an include_vars path of twelve Jinja tags between `x`s, beside a vars file named with 60 `x`s',
    files: {
      'group_vars/all.yml': 'broker_port: 1883\n',
      'site.yml': `- hosts: edge\n  tasks:\n    - include_vars: "${'{{ a }}x'.repeat(12)}y.yml"\n${BROKER_TASK}`,
      [`${'x'.repeat(60)}.yml`]: 'a: 1\n',
      'templates/broker.conf.j2': BROKER_TEMPLATE,
    },
    expected: [BROKER_FINDING],
  },
  {
    // Each distinct Jinja path agreed every file it names: 60 paths × 100 files × 1,000 variables. Past
    // the budget the paths set what only the run decides, so the template's port is not known either.
    name: '60 include_vars paths with Jinja, each naming 100 vars files of 1,000 variables',
    files: {
      'group_vars/all.yml': 'broker_port: 1883\n',
      'site.yml': `- hosts: edge\n  tasks:\n${lines(60, (i) => `    - include_vars: "vars/f{{ a }}${'0'.repeat(i)}{{ b }}.yml"`)}${BROKER_TASK}`,
      ...Object.fromEntries(Array.from({ length: 100 }, (_, f) => [`vars/f${f}${'0'.repeat(60)}.yml`, lines(1000, (j) => `v${j}: x${j}`)])),
      'templates/broker.conf.j2': BROKER_TEMPLATE,
    },
    expected: [],
    cut: ['site.yml: vars_files and include_vars paths with Jinja in them named more files and variables than edgelint agrees per deployment; this and later such paths are read as setting variables only the run decides'],
  },
  {
    // Each edit parsed the whole edited template again (50 edits: 48 s), and split and searched it
    // again (500: past 120 s); past the deployment's search budget an edit may rewrite what it selects.
    name: '300 lineinfile tasks rewriting values of a 1 MB ConfigMap template',
    files: {
      'site.yml': `- hosts: edge\n  tasks:\n    - template: src=app.yaml.j2 dest=/etc/app/config.yaml\n${lines(300, (i) => `    - lineinfile:\n        path: /etc/app/config.yaml\n        regexp: "^  key${i}:"\n        line: "  key${i}: new"`)}`,
      'templates/app.yaml.j2': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n${lines(50_000, (j) => `  key${j}: value${j}`)}`,
    },
    cut: ["site.yml: the deployment's lineinfile and replace tasks searched more text than edgelint matches per deployment; this and later line edits are read as rewriting whatever they may select"],
  },
  {
    // Each line edit went through every write of its task list, and the rule searched every written file
    // for each edited path: 10,000 of each took 18 s (5,000: 6.2 s).
    name: '20,000 copy: content tasks and 20,000 lineinfile tasks of other paths',
    files: {
      'site.yml': `- hosts: edge\n  tasks:\n${lines(20_000, (i) => `    - copy: {content: "a: 1", dest: /etc/f${i}.yaml}`)}${lines(20_000, (i) => `    - lineinfile: {path: /etc/g${i}.yaml, regexp: "^a:", line: "a: 2"}`)}`,
    },
  },
];

describe.each(CASES)('hostile Ansible: $name', ({ files, expected, cut }) => {
  const dir = makeTree({ ...files, [SIBLING.path]: SIBLING.content });
  dirs.push(dir);

  it('CLI (256 MB heap, 60 s): no crash, the sibling still linted', () => {
    const run = runCli(dir, ['.'], 256, 60_000);
    expectSurvived(run);
    if (expected) {
      const own = run.findings.filter((f) => f.file !== SIBLING.path && f.ruleId !== 'core/parse-error');
      expect(own.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual(expected);
    }
    expect(run.findings.filter((f) => f.message.startsWith('internal error'))).toEqual([]);
    // A budget that cut the reading short says which file it cut, once.
    const said = run.stderr.split('\n').filter((line) => CUT.test(line)).map((line) => line.replace(/^edgelint: /, ''));
    expect(said).toEqual(cut ?? []);
  });
});

describe('Ansible role paths when the tree is linted from outside it', () => {
  // Paths are relative to the working directory: the template is `../repo/templates/broker.conf.j2`,
  // which a check for a src climbing out of the tree took for one (the run ended "no files matched").
  it('CLI from a sibling directory, `../repo`: the template a play places is linted at its line', () => {
    const dir = makeTree({ 'repo/group_vars/all.yml': 'broker_port: 1883\n', 'repo/site.yml': `- hosts: edge\n  tasks:\n${BROKER_TASK}`, 'repo/templates/broker.conf.j2': BROKER_TEMPLATE, elsewhere: { dir: true } });
    dirs.push(dir);
    const run = runCli(join(dir, 'elsewhere'), ['../repo']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([['mosquitto/no-anonymous', '../repo/templates/broker.conf.j2', 2, 1]]);
  });
});
