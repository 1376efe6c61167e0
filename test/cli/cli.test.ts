import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../temp.js';
import { runCli } from './run-cli.js';

const duplicate = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';
const pinnedNoPolicy = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25.3\n';

function tempRepo(files: Record<string, string>): string {
  const dir = tempDir('cli');
  mkdirSync(join(dir, '.git'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('usage errors exit 2 with a clear message and no stack trace', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown flag', ['--frobnicate'], /^edgelint: unknown option '--frobnicate'; "edgelint --help" lists the options\n$/],
    ['--stdin-filename without "-"', ['--stdin-filename', 'cm.yaml'], /^edgelint: --stdin-filename names the file read from "-", and no "-" was given; add "-" to read standard input\n$/],
    ['unknown format', ['--format', 'xml', '.'], /unknown --format "xml"; expected one of stylish, json, sarif, github, junit, markdown/],
    ['bad --fail-on', ['--fail-on', 'notice', '.'], /--fail-on must be "error" or "warning"/],
    ['bad --max-warnings', ['--max-warnings', 'many', '.'], /--max-warnings takes a whole number/],
    ['missing path', ['does/not/exist.yaml'], /no such file or directory: does\/not\/exist\.yaml/],
    ['explain unknown rule', ['explain', 'node/nope'], /unknown rule "node\/nope"/],
    ['missing config file', ['--config', 'nope.yaml', '.'], /cannot read config file/],
  ];
  for (const [name, args, message] of cases) {
    it(name, () => {
      const run = runCli(args, { cwd: tempRepo({}) });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('config errors name the key and its line, exit 2', () => {
  it('unknown top-level key', () => {
    const dir = tempRepo({ '.edgelint.yaml': 'kubeedgeVersion: "1.22"\nofflineImage:\n  - x\n' });
    const run = runCli(['.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.edgelint.yaml:2:1: offlineImage: unknown key');
  });
  it('bad severity of a rule', () => {
    const dir = tempRepo({ '.edgelint.yaml': 'rules:\n  node/image-drift: fatal\n' });
    const run = runCli(['.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.edgelint\.yaml:2:\d+: rules\.node\/image-drift: must be one of off, note, warning, error/);
  });
  it('a severity that is neither a name nor a mapping is one line, and errors come in file order', () => {
    const dir = tempRepo({ '.edgelint.yaml': 'rules:\n  node/image-drift: loud\nfoo: 1\n' });
    const run = runCli(['.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'edgelint: .edgelint.yaml:2:3: rules.node/image-drift: must be one of off, note, warning, error, or a mapping\n' +
        'edgelint: .edgelint.yaml:3:1: foo: unknown key\n',
    );
  });
  it('a mapping with a wrong severity is one line about the severity, not also "must be one of" for the mapping', () => {
    const dir = tempRepo({ '.edgelint.yaml': 'rules:\n  node/image-drift: {severity: loud}\n' });
    const run = runCli(['.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('edgelint: .edgelint.yaml:2:22: rules.node/image-drift.severity: must be one of off, note, warning, error\n');
  });
  it('an unknown rule id with no near spelling says where the ids are listed', () => {
    const dir = tempRepo({ '.edgelint.yaml': 'rules:\n  acme/no-such-thing: off\n' });
    const run = runCli(['.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('edgelint: .edgelint.yaml:2:3: rules.acme/no-such-thing: unknown rule; "edgelint rules" lists them\n');
  });
  it('unknown rule id', () => {
    const dir = tempRepo({ '.edgelint.yaml': 'rules:\n  node/image-drfit: off\n' });
    const run = runCli(['.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\.edgelint\.yaml:2:3: rules\.node\/image-drfit: unknown rule/);
  });
});

describe('exit codes', () => {
  it('0 for a clean file', () => {
    const dir = tempRepo({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' });
    expect(runCli(['cm.yaml'], { cwd: dir }).status).toBe(0);
  });
  it('1 for an error', () => {
    const dir = tempRepo({ 'cm.yaml': duplicate });
    const run = runCli(['cm.yaml'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('5:3  error');
  });
  it('warnings pass by default, fail with --fail-on warning and with --max-warnings 0', () => {
    const dir = tempRepo({ 'pod.yaml': pinnedNoPolicy });
    expect(runCli(['pod.yaml'], { cwd: dir }).status).toBe(0);
    expect(runCli(['--fail-on', 'warning', 'pod.yaml'], { cwd: dir }).status).toBe(1);
    expect(runCli(['--max-warnings', '0', 'pod.yaml'], { cwd: dir }).status).toBe(1);
    expect(runCli(['--max-warnings', '1', 'pod.yaml'], { cwd: dir }).status).toBe(0);
  });
  it('--exit-zero keeps findings but exits 0', () => {
    const dir = tempRepo({ 'cm.yaml': duplicate });
    const run = runCli(['--exit-zero', 'cm.yaml'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('yaml/duplicate-key');
  });
});

describe('stdin', () => {
  it('unnamed standard input of no kind edgelint reads: one line saying how to name it, exit 2', () => {
    const run = runCli(['-'], { cwd: tempRepo({}), input: 'a: [1, 2]\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('edgelint: standard input, read as YAML, is no Kubernetes object or edgecore config; --stdin-filename gives its name and so its kind (edgecore.yaml, mosquitto.service, install.sh)\n');
  });
  it('named standard input of no kind edgelint reads: one line, exit 2', () => {
    const run = runCli(['--stdin-filename', 'notes.md', '-'], { cwd: tempRepo({}), input: '# notes\n' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('edgelint: standard input (notes.md) is not a file edgelint knows how to read; --stdin-filename gives its name and so its kind (edgecore.yaml, mosquitto.service, install.sh)\n');
  });
  // A notice that says why the input was skipped is kept; the one-line explanation above is only for a
  // kind edgelint does not read (review of dafe00c: an unrendered chart template was called unreadable).
  it.each([
    ['an unrendered Helm chart template', 'chart/templates/cm.yaml', '{{- if .Values.broker }}\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n', {}, 'edgelint: chart/templates/cm.yaml: an unrendered Helm template; lint the output of `helm template` instead\n'],
    ['a template whose placeholders are not YAML', 'cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ name\n', {}, 'edgelint: cm.yaml: an unrendered template whose placeholders are not YAML (skipped); lint the file it renders instead\n'],
    ['a name the config excludes', 'gen/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broker\n', { '.edgelint.yaml': 'exclude: ["gen/**"]\n' }, ''],
  ])('standard input skipped as %s keeps its own notice, exit 2', (_what, name, input, files, notice) => {
    const run = runCli(['--stdin-filename', name, '-'], { cwd: tempRepo(files), input });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${notice}edgelint: no files matched: no file edgelint can lint was found; --no-error-on-unmatched-pattern allows this\n`);
  });
  it('reads "-" with --stdin-filename and reports under that name', () => {
    const run = runCli(['--format', 'json', '--stdin-filename', 'manifests/cm.yaml', '-'], { cwd: tempRepo({}), input: duplicate });
    expect(run.status).toBe(1);
    const finding = JSON.parse(run.stdout).findings[0];
    expect(finding).toMatchObject({ ruleId: 'yaml/duplicate-key', file: 'manifests/cm.yaml', line: 5, column: 3 });
  });
  it('classifies stdin by its name: a unit', () => {
    const unit = '[Service]\nExecStart=ctr run --net-host docker.io/library/eclipse-mosquitto:2.0 m\n';
    const run = runCli(['--format', 'json', '--stdin-filename', 'mosquitto.service', '-'], { cwd: tempRepo({}), input: unit });
    const ids = JSON.parse(run.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(ids).toContain('systemd/require-restart');
  });
});

describe('formats and output file', () => {
  it('every format renders the same finding with its position', () => {
    const dir = tempRepo({ 'cm.yaml': duplicate });
    expect(runCli(['-f', 'stylish', 'cm.yaml'], { cwd: dir }).stdout).toMatch(/cm\.yaml\n\s+5:3\s+error\s+Duplicate key 'name'/);
    expect(JSON.parse(runCli(['-f', 'json', 'cm.yaml'], { cwd: dir }).stdout).findings[0]).toMatchObject({ line: 5, column: 3, endLine: 5, endColumn: 7 });
    const sarif = JSON.parse(runCli(['-f', 'sarif', 'cm.yaml'], { cwd: dir }).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toMatchObject({ artifactLocation: { uri: 'cm.yaml' }, region: { startLine: 5, startColumn: 3 } });
    expect(runCli(['-f', 'github', 'cm.yaml'], { cwd: dir }).stdout).toMatch(/^::error file=cm\.yaml,line=5,col=3,endLine=5,endColumn=7,title=yaml\/duplicate-key::Duplicate key/m);
    expect(runCli(['-f', 'junit', 'cm.yaml'], { cwd: dir }).stdout).toContain('<testsuite name="cm.yaml"');
    expect(runCli(['-f', 'markdown', 'cm.yaml'], { cwd: dir }).stdout).toMatch(/\| error \|.*yaml\/duplicate-key.*\| `?cm\.yaml`? \| 5 \|/);
  });
  it('-o writes the report to a file and nothing to stdout', () => {
    const dir = tempRepo({ 'cm.yaml': duplicate });
    const run = runCli(['-f', 'sarif', '-o', 'out.sarif', 'cm.yaml'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
  });
});

describe('rules and explain', () => {
  it('lists every rule, also as markdown', () => {
    const text = runCli(['rules']).stdout;
    for (const id of ['node/image-drift', 'k8s/edge-pull-policy', 'node/host-port-conflict', 'node/sysctl-not-allowed', 'yaml/duplicate-key', 'core/parse-error']) expect(text).toContain(id);
    expect(runCli(['rules', '--format', 'markdown']).stdout).toMatch(/^\| rule \| default \|/);
  });
  it('explain prints the rule doc', () => {
    const run = runCli(['explain', 'node/sysctl-not-allowed']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('## Why');
    expect(run.stdout).toContain('tailoredKubeletConfig.allowedUnsafeSysctls');
  });
  it('--help and --version', () => {
    expect(runCli(['--help']).stdout).toContain('Usage: edgelint');
    expect(runCli(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('discovery', () => {
  it('walks directories honouring .gitignore, and skips unknown files silently', () => {
    const dir = tempRepo({ '.gitignore': 'ignored/\n', 'ignored/cm.yaml': duplicate, 'deploy/cm.yaml': duplicate, 'notes.txt': 'hello' });
    const run = runCli(['-f', 'json', '.'], { cwd: dir });
    const files = JSON.parse(run.stdout).findings.map((f: { file: string }) => f.file);
    expect(files).toEqual(['deploy/cm.yaml']);
    expect(run.stderr).toBe('');
  });
  it('a named file of no known kind gets a notice (and, alone, exit 2: nothing was linted)', () => {
    const dir = tempRepo({ 'notes.txt': 'hello' });
    const run = runCli(['notes.txt'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('notes.txt: not a file edgelint knows how to read (skipped)');
  });
  it('globs', () => {
    const dir = tempRepo({ 'a/cm.yaml': duplicate, 'b/cm.yml': duplicate });
    const files = JSON.parse(runCli(['-f', 'json', '**/*.yaml'], { cwd: dir }).stdout).findings.map((f: { file: string }) => f.file);
    expect(files).toEqual(['a/cm.yaml']);
  });
});

describe('config files that are valid YAML but not a config', () => {
  it('a merge key on a scalar is a config error with the file named, not an internal error', () => {
    const dir = tempRepo({ '.edgelint.yaml': 'kubeedgeVersion: "1.22"\nrules:\n  <<: 0\n' });
    const run = runCli(['.'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^edgelint: \.edgelint\.yaml/);
    expect(run.stderr).not.toContain('internal error');
  });
});
