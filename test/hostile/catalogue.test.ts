/**
 * The hostile-input catalogue (issue 7): files a pull request can contain that must never crash the
 * linter, stall it, or cost the user the findings in the other files. Each case is linted through the
 * built CLI (a child with a 256 MB heap, so "it passed because memory was plentiful" fails) and through
 * `lint()`, from disk and, where the case is plain file content, from memory as bytes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import type { LintOptions } from '../../src/engine/lint.js';
import { STACK_TRACE, SIBLING, expectedStatus, makeTree, removeTree, runCli, runLint } from './helpers.js';
import type { CliRun, Entry, JsonFinding } from './helpers.js';

interface Expected {
  file: string;
  line: number;
  column: number;
  message?: RegExp;
}

interface HostileCase {
  name: string;
  files: Record<string, Entry>;
  /** Paths on the command line; default `.` (the directory is walked). The sibling is always added. */
  paths?: string[];
  /** Extra CLI flags, mirrored into `lint()` by `options`. */
  args?: string[];
  options?: Partial<LintOptions>;
  /** `core/parse-error` findings the case must produce, at these exact positions. */
  parseErrors?: Expected[];
  /** Other findings the case must produce (the hostile file is still linted normally). */
  findings?: Array<Expected & { ruleId: string }>;
  /** Files that must come through without a `core/parse-error`. */
  clean?: string[];
  notice?: RegExp;
  /** Also lint the file contents in memory (`lint({ files })`) and expect the same findings. */
  inMemory?: boolean;
}

const enc = (text: string) => Buffer.from(text, 'utf8');
function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return endian === 'le' ? le : le.swap16();
}

const DUPLICATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "1"\n  k: "2"\n';
const dupAt = (file: string, line = 7, column = 3) => ({ ruleId: 'yaml/duplicate-key', file, line, column });

/** "Billion laughs": nine levels of nine-fold aliases, 9^9 nodes if anything expands it. */
function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', 'data:', '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) lines.push(`  ${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
  return `${lines.join('\n')}\n`;
}

const DEPTH = 10_000;

function mosquittoLines(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 10) {
      case 0:
        out.push(`listener ${20000 + (i / 10) % 40000} 0.0.0.0`);
        break;
      case 1:
        out.push('allow_anonymous false');
        break;
      case 2:
        out.push(`# comment ${i}`);
        break;
      case 3:
        out.push('password_file /mosquitto/config/passwd');
        break;
      case 4:
        out.push('');
        break;
      case 5:
        out.push('protocol websockets');
        break;
      default:
        out.push(`max_connections ${i}`);
    }
  }
  return `${out.join('\n')}\n`;
}

const CASES: HostileCase[] = [
  {
    name: 'binary file named .yaml',
    files: { 'blob.yaml': Buffer.concat([enc('apiVersion: v1\n'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47])]) },
    parseErrors: [{ file: 'blob.yaml', line: 2, column: 1, message: /binary/ }],
    inMemory: true,
  },
  {
    name: 'invalid UTF-8 (located at the bad byte)',
    files: { 'latin1.yaml': Buffer.concat([enc('apiVersion: v1\nkind: ConfigMap\ndata:\n  city: "Z'), Buffer.from([0xfc]), enc('rich"\n')]) },
    parseErrors: [{ file: 'latin1.yaml', line: 4, column: 11, message: /invalid UTF-8 at byte 47/ }],
    inMemory: true,
  },
  {
    name: 'UTF-16LE with BOM is decoded and linted',
    files: { 'le.yaml': utf16(DUPLICATE, 'le') },
    findings: [dupAt('le.yaml')],
    clean: ['le.yaml'],
    inMemory: true,
  },
  {
    name: 'UTF-16BE with BOM is decoded and linted',
    files: { 'be.yaml': utf16(DUPLICATE, 'be') },
    findings: [dupAt('be.yaml')],
    clean: ['be.yaml'],
    inMemory: true,
  },
  {
    name: 'UTF-8 BOM does not shift columns',
    files: { 'bom.yaml': enc(`\ufeff${DUPLICATE.replace('apiVersion', 'apiVersion')}`) },
    findings: [dupAt('bom.yaml')],
    clean: ['bom.yaml'],
    inMemory: true,
  },
  {
    name: 'YAML alias bomb ("billion laughs")',
    files: { 'lol.yaml': aliasBomb() },
    parseErrors: [{ file: 'lol.yaml', line: 14, column: 10, message: /alias/i }],
    inMemory: true,
  },
  {
    name: `block nesting ${DEPTH} levels deep`,
    files: { 'deep-block.yaml': `${'- '.repeat(DEPTH)}x\n` },
    parseErrors: [{ file: 'deep-block.yaml', line: 1, column: 3, message: /nesting is too deep/ }],
    inMemory: true,
  },
  {
    name: `flow nesting ${DEPTH} levels deep`,
    files: { 'deep-flow.yaml': `a: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\nb: ${'{k: '.repeat(DEPTH)}v${'}'.repeat(DEPTH)}\n` },
    parseErrors: [
      { file: 'deep-flow.yaml', line: 1, column: 4, message: /nesting is too deep/ },
      { file: 'deep-flow.yaml', line: 2, column: 4, message: /nesting is too deep/ },
    ],
    inMemory: true,
  },
  {
    name: 'a 5 MB single line',
    files: { 'long.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\ndata:\n  blob: ${'x'.repeat(5 * 1024 * 1024)}\n  blob: y\n` },
    findings: [dupAt('long.yaml')],
    clean: ['long.yaml'],
    inMemory: true,
  },
  {
    name: 'tabs for indentation',
    files: { 'tabs.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: t\n' },
    parseErrors: [{ file: 'tabs.yaml', line: 4, column: 1, message: /tab/i }],
    inMemory: true,
  },
  {
    name: 'documents that are a scalar, null, empty, or a sequence',
    files: { 'odd.yaml': '--- just a string\n--- ~\n---\n--- 42\n--- [1, 2]\n---\n# only a comment\n' },
    clean: ['odd.yaml'],
    inMemory: true,
  },
  {
    name: 'kind: List with items null, a scalar, and junk items',
    files: {
      'list.yaml':
        'apiVersion: v1\nkind: List\nitems: null\n---\napiVersion: v1\nkind: List\nitems: 5\n---\napiVersion: v1\nkind: PodList\nitems: [5, null, "x", {kind: Pod}, {apiVersion: v1, kind: Pod, spec: 3}]\n---\napiVersion: v1\nkind: List\n',
    },
    clean: ['list.yaml'],
    inMemory: true,
  },
  {
    name: 'workloads with the wrong shapes (spec a string, containers: 5, …)',
    files: {
      'shapes.yaml': [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec: "not a spec"\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\nspec:\n  template:\n    spec:\n      containers: 5\n',
        'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: [1]\nspec:\n  template:\n    spec:\n      hostNetwork: [yes]\n      nodeSelector: 7\n      tolerations: {a: b}\n      affinity: "x"\n      securityContext: {sysctls: [{name: [1]}, 3, {value: x}]}\n      containers: [5, null, {image: {a: 1}}, {name: c, image: "", ports: "x"}, {name: d, image: ":::", ports: [{containerPort: "abc", hostPort: -1}, 3]}]\n',
        'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\n  annotations: [edgelint.io/ignore]\n  labels: 3\nspec:\n  jobTemplate: null\n',
        'apiVersion: v1\nkind: Pod\nmetadata: {name: {x: 1}}\nspec:\n  containers:\n    - name: p\n      image: [eclipse-mosquitto]\n      env: 1\n      command: {a: 1}\n',
        'apiVersion: [v1]\nkind: {Pod: 1}\n',
        'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules: 5\n',
        'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged: {tailoredKubeletConfig: [1]}\n  eventBus: {mqttMode: [2], mqttServerExternal: 5}\n',
      ].join('---\n'),
    },
    clean: ['shapes.yaml'],
    inMemory: true,
  },
  {
    name: 'unit with an unterminated quote and a dangling \\ continuation',
    files: { 'broker.service': '[Unit]\nDescription=broker\n[Service]\nExecStart=/usr/bin/docker run --net=host "eclipse-mosquitto:2.0\nRestart=always\nEnvironment=A=1 \\\n' },
    parseErrors: [
      { file: 'broker.service', line: 4, column: 42, message: /Unterminated double quote/ },
      { file: 'broker.service', line: 6, column: 17, message: /continuation/ },
    ],
    inMemory: true,
  },
  {
    name: 'CRLF line endings everywhere keep positions right',
    files: {
      'crlf.yaml': DUPLICATE.replace(/\n/g, '\r\n'),
      'crlf-tab.yaml': 'a: 1\r\nb:\r\n\tc: 2\r\n',
      'crlf.service': '[Service]\r\nExecStart=/usr/bin/mosquitto "-c\r\nRestart=always\r\n',
      'mosquitto/mosquitto.conf': 'listener 1883\r\nallow_anonymous maybe\r\n',
    },
    findings: [dupAt('crlf.yaml')],
    parseErrors: [
      { file: 'crlf-tab.yaml', line: 3, column: 1, message: /tab/i },
      { file: 'crlf.service', line: 2, column: 30, message: /Unterminated double quote/ },
      { file: 'mosquitto/mosquitto.conf', line: 2, column: 17, message: /`allow_anonymous` value `maybe`/ },
    ],
    clean: ['crlf.yaml'],
    inMemory: true,
  },
  {
    name: 'empty and whitespace-only files of every kind',
    files: {
      'empty.yaml': '',
      'blank.yaml': '\n\n   \n',
      'empty.json': '',
      'empty.service': '',
      'mosquitto/mosquitto.conf': '',
      'empty.sh': '',
      'bom-only.yaml': Buffer.from([0xef, 0xbb, 0xbf]),
      'utf16-bom-only.yaml': Buffer.from([0xff, 0xfe]),
    },
    clean: ['empty.yaml', 'blank.yaml', 'empty.json', 'empty.service', 'mosquitto/mosquitto.conf', 'empty.sh', 'bom-only.yaml', 'utf16-bom-only.yaml'],
    inMemory: true,
  },
  {
    name: 'symlink loops in a walked directory',
    files: { 'a/loop': { symlink: '..' }, 'a/self.yaml': { symlink: 'self.yaml' }, 'a/real.yaml': DUPLICATE },
    findings: [dupAt('a/real.yaml')],
    clean: ['a/real.yaml'],
  },
  {
    name: 'a file over the size limit (--max-file-size 100)',
    files: { 'big.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "${'x'.repeat(200)}"\n` },
    args: ['--max-file-size', '100'],
    options: { maxFileSize: 100 },
    parseErrors: [{ file: 'big.yaml', line: 1, column: 1, message: /over the 100-byte limit/ }],
  },
  {
    // chmod 000 cannot stand in for "unreadable": the suite runs as root in CI containers, where
    // permission bits do not deny reads. A dangling symlink named on the command line fails the
    // read the same way an unreadable file does (open() errors), and works for every user.
    name: 'an unreadable file named explicitly (a dangling symlink)',
    files: { 'gone.yaml': { symlink: 'nowhere/missing.yaml' } },
    paths: ['gone.yaml'],
    parseErrors: [{ file: 'gone.yaml', line: 1, column: 1, message: /cannot be read \(ENOENT\)/ }],
  },
  {
    name: 'a directory named x.yaml, walked and named explicitly',
    files: { 'x.yaml': { dir: true }, 'y.yaml/inner.yaml': DUPLICATE },
    paths: ['.', 'x.yaml'],
    // The empty x.yaml/ named alone matches no file, which exits 2 by itself (test/cli/trust.test.ts).
    args: ['--no-error-on-unmatched-pattern'],
    findings: [dupAt('y.yaml/inner.yaml')],
  },
  {
    name: 'shell script with an unterminated heredoc',
    files: { 'install.sh': '#!/bin/sh\nset -e\ncat > /etc/mosquitto/mosquitto.conf <<EOF\nlistener 1883\nallow_anonymous true\n' },
    parseErrors: [{ file: 'install.sh', line: 3, column: 37, message: /heredoc|here-document|EOF/i }],
    inMemory: true,
  },
  {
    name: 'mosquitto.conf with 100k lines',
    files: { 'broker/mosquitto.conf': mosquittoLines(100_000) },
    clean: ['broker/mosquitto.conf'],
    inMemory: true,
  },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeTree));

const summary = (f: Pick<Finding, 'ruleId' | 'file' | 'line' | 'column'>) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`;

function checkFindings(findings: ReadonlyArray<JsonFinding | Finding>, c: HostileCase, hostileOnly = false): void {
  const parseErrors = findings.filter((f) => f.ruleId === 'core/parse-error');
  if (!hostileOnly) expect(findings.map(summary)).toContain(summary({ ruleId: 'yaml/duplicate-key', file: SIBLING.path, line: SIBLING.line, column: SIBLING.column }));
  for (const want of c.parseErrors ?? []) {
    const got = parseErrors.find((f) => f.file === want.file && f.line === want.line && f.column === want.column);
    expect(got, `${want.file}:${want.line}:${want.column} in ${JSON.stringify(parseErrors.map((f) => `${summary(f)} ${f.message}`))}`).toBeDefined();
    if (want.message) expect(got!.message).toMatch(want.message);
  }
  for (const want of c.findings ?? []) expect(findings.map(summary)).toContain(summary(want));
  for (const file of c.clean ?? []) expect(parseErrors.filter((f) => f.file === file).map((f) => `${summary(f)} ${f.message}`)).toEqual([]);
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
  }
}

describe.each(CASES)('hostile: $name', (c) => {
  const dir = makeTree({ ...c.files, [SIBLING.path]: SIBLING.content });
  dirs.push(dir);
  const paths = c.paths ? [...c.paths, SIBLING.path] : ['.'];

  let cached: CliRun | undefined;
  const cliRun = () => (cached ??= runCli(dir, [...(c.args ?? []), ...paths]));

  it('CLI: no crash, exit status as the findings say, the sibling still linted', () => {
    const run = cliRun();
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    expect(run.stdout).toMatch(/^\{/);
    checkFindings(run.findings, c);
    if (c.notice) expect(run.stderr).toMatch(c.notice);
  });

  it('CLI on the hostile files alone: exit status as the findings say', () => {
    const alone = c.paths ?? [...new Set(Object.keys(c.files).map((p) => p.split('/')[0]))];
    const run = runCli(dir, [...(c.args ?? []), ...alone]);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    checkFindings(run.findings, c, true);
  });

  it('lint(): same findings, no internal errors', async () => {
    const result = await runLint(dir, { paths, ...c.options });
    expect(result.errors.join('\n')).toBe('');
    checkFindings(result.findings, c);
    if (c.notice) expect(result.notices.join('\n')).toMatch(c.notice);
    expect(result.findings.map(summary)).toEqual(cliRun().findings.map(summary));
  });

  if (c.inMemory) {
    it('lint({ files }) from memory: the same findings as from disk', async () => {
      const files = Object.entries(c.files).map(([path, content]) => ({ path, content: content as string | Uint8Array }));
      const memory = await runLint(dir, { files: [...files, { path: SIBLING.path, content: SIBLING.content }], ...c.options });
      expect(memory.errors.join('\n')).toBe('');
      checkFindings(memory.findings, c);
      const disk = await runLint(dir, { paths, ...c.options });
      expect(memory.findings.map(summary)).toEqual(disk.findings.map(summary));
    });
  }
});
