/**
 * The library as users import it (SPEC §6): by package name, from the built dist/ (the package's own
 * `exports`, through Node's self-reference here and through node_modules in a temporary consumer
 * project below), with in-memory files, no console output, custom rules through the rule API, and
 * type declarations a strict NodeNext TypeScript project accepts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineRule, formatFindings, lint, rules } from 'edgelint';
import type { Finding, LintOptions, RuleModule } from 'edgelint';
import { builtinRules } from '../../rules/index.js';
import { ROOT, removeTempDirs, tempDir } from '../integrations/helpers.js';

const NOWHERE = '/nonexistent-edgelint-library-cwd';
const SPEC_FIELDS = ['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'helmSource'];
// Beyond SPEC §6: the message id, the other side of a conflict, a safe fix, and the deployment (SPEC §1).
const EXTRA_FIELDS = ['messageId', 'related', 'fix', 'deployment'];

const HELM = `---
# Source: sensor/templates/daemonset.yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: sensor
spec:
  template:
    spec:
      nodeSelector:
        node-role.kubernetes.io/edge: ""
      containers:
      - name: sensor
        image: registry.example.com/sensor:latest
`;

/** A rule written the way the built-in ones are: metadata, messages, one pure check over the model. */
const noLatest = defineRule({
  id: 'acme/no-latest',
  description: 'Disallow the latest tag',
  category: 'reliability',
  severity: 'warning',
  recommended: true,
  remediation: 'Pin the image to a version.',
  messages: { latest: 'Container {{container}} runs {{image}}; pin a version.' },
  check({ model, report }) {
    for (const workload of model.workloads) {
      for (const container of workload.containers) {
        if (container.image?.value.endsWith(':latest')) {
          report({ messageId: 'latest', data: { container: container.name, image: container.image.value }, at: container.image, helmSource: workload.object.helmSource });
        }
      }
    }
  },
}) as RuleModule;

afterAll(removeTempDirs);

describe('package.json', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    main: string;
    types: string;
    bin: Record<string, string>;
    exports: Record<string, { types: string; import: string } | string>;
  };

  it('points exports, types, main and bin at files the build wrote', () => {
    expect(manifest.name).toBe('edgelint');
    const root = manifest.exports['.'] as { types: string; import: string };
    expect(Object.keys(root)[0], 'types must come first: resolvers take the first matching condition').toBe('types');
    for (const path of [root.types, root.import, manifest.main, manifest.types, manifest.bin.edgelint]) {
      expect(existsSync(join(ROOT, path)), path).toBe(true);
    }
    expect(root.import).toBe('./dist/index.js');
  });
});

describe('import from "edgelint"', () => {
  it('resolves to the built bundle, not to the sources this test also imports', () => {
    expect(rules).not.toBe(builtinRules);
    expect(rules.map((r) => r.id)).toEqual(builtinRules.map((r) => r.id));
  });

  it('exports lint, formatFindings, the rule list and defineRule', () => {
    expect(typeof lint).toBe('function');
    expect(typeof formatFindings).toBe('function');
    expect(typeof defineRule).toBe('function');
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['core/parse-error', 'yaml/duplicate-key', 'k8s/edge-pull-policy']));
    for (const rule of rules) expect(rule.id).toMatch(/^[a-z0-9]+\/[a-z0-9-]+$/);
  });

  it('lints in-memory files with no disk behind them (a working directory that does not exist)', async () => {
    expect(existsSync(NOWHERE)).toBe(false);
    const result = await lint({ cwd: NOWHERE, files: [{ path: 'config/edgecore.yaml', content: 'a: 1\nb:\n  c: 1\na: 2\n' }] });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line, f.column, f.endLine, f.endColumn])).toEqual([['yaml/duplicate-key', 'config/edgecore.yaml', 4, 1, 4, 2]]);
  });

  it('reads nothing from disk when given files and a config object, though a config and files sit in cwd (SPEC §6)', async () => {
    const cwd = tempDir('edgelint-library-nodisk-');
    // Were either read, the run would change: the broken config is a ConfigError, the disk copy of
    // edgecore.yaml has a duplicate key, and the unit beside it lacks Restart=.
    writeFileSync(join(cwd, '.edgelint.yaml'), 'rules: [this is not a config\n');
    mkdirSync(join(cwd, 'config'));
    writeFileSync(join(cwd, 'config', 'edgecore.yaml'), 'a: 1\na: 2\n');
    writeFileSync(join(cwd, 'edgecore.service'), '[Service]\nExecStart=/usr/local/bin/edgecore\n');
    const result = await lint({ cwd, files: [{ path: 'config/edgecore.yaml', content: 'b: 1\nb: 2\nc: 1\n' }], config: {} });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([['yaml/duplicate-key', 'config/edgecore.yaml', 2, 1]]);
    // Without `config`, the nearest .edgelint.yaml above the file is read, as documented on LintOptions.
    await expect(lint({ cwd, files: [{ path: 'config/edgecore.yaml', content: 'b: 1\n' }] })).rejects.toThrow(/\.edgelint\.yaml/);
  });

  it('takes bytes as well as text', async () => {
    const result = await lint({ cwd: NOWHERE, files: [{ path: 'x.yaml', content: new TextEncoder().encode('kind: 1\nkind: 2\n') }] });
    expect(result.findings.map((f) => f.line)).toEqual([2]);
  });

  it('runs a custom rule passed in `rules`, with positions and helmSource on its findings', async () => {
    const result = await lint({ cwd: NOWHERE, files: [{ path: 'rendered.yaml', content: HELM }], rules: [noLatest] });
    const mine = result.findings.filter((f) => f.ruleId === 'acme/no-latest');
    expect(mine).toEqual([
      {
        ruleId: 'acme/no-latest',
        severity: 'warning',
        message: 'Container sensor runs registry.example.com/sensor:latest; pin a version.',
        file: 'rendered.yaml',
        line: 14,
        column: 16,
        endLine: 14,
        endColumn: 50,
        helmSource: 'sensor/templates/daemonset.yaml',
        messageId: 'latest',
        // No repository and no config at NOWHERE: the default deployment at the working directory.
        deployment: '.',
      },
    ]);
    expect(result.rules.map((r) => r.id)).toContain('acme/no-latest');
  });

  it('applies config severities to a custom rule like to a built-in one', async () => {
    const files = [{ path: 'rendered.yaml', content: HELM }];
    const asError = await lint({ cwd: NOWHERE, files, rules: [noLatest], config: { rules: { 'acme/no-latest': 'error' } } });
    expect(asError.findings.find((f) => f.ruleId === 'acme/no-latest')?.severity).toBe('error');
    const off = await lint({ cwd: NOWHERE, files, rules: [noLatest], config: { rules: { 'acme/no-latest': 'off' } } });
    expect(off.findings.filter((f) => f.ruleId === 'acme/no-latest')).toEqual([]);
  });

  it('returns findings with the fields of SPEC §6, typed as documented', async () => {
    const result = await lint({ cwd: NOWHERE, files: [{ path: 'rendered.yaml', content: HELM }, { path: 'dup.yaml', content: 'kind: 1\nkind: 2\n' }], rules: [noLatest] });
    expect(result.findings.length).toBeGreaterThanOrEqual(3);
    expect(result.findings.some((f) => f.helmSource && f.ruleId === 'k8s/edge-pull-policy')).toBe(true);
    for (const f of result.findings) {
      expect([...SPEC_FIELDS, ...EXTRA_FIELDS]).toEqual(expect.arrayContaining(Object.keys(f)));
      expect(typeof f.ruleId).toBe('string');
      expect(['error', 'warning', 'note']).toContain(f.severity);
      expect(typeof f.message).toBe('string');
      expect(typeof f.file).toBe('string');
      for (const n of [f.line, f.column, f.endLine, f.endColumn]) expect(Number.isInteger(n) && n >= 1).toBe(true);
      expect(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column)).toBe(true);
      if ('helmSource' in f) expect(typeof f.helmSource).toBe('string');
    }
    const fromHelm = result.findings.filter((f) => f.file === 'rendered.yaml');
    expect(fromHelm.every((f) => f.helmSource === 'sensor/templates/daemonset.yaml')).toBe(true);
    expect(result.findings.find((f) => f.file === 'dup.yaml')).not.toHaveProperty('helmSource');
  });

  it('formats findings with the exported formatters', async () => {
    const result = await lint({ cwd: NOWHERE, files: [{ path: 'dup.yaml', content: 'kind: 1\nkind: 2\n' }] });
    const json = JSON.parse(formatFindings('json', result.findings, { cwd: NOWHERE, rules: [], toolVersion: '0.0.0' })) as unknown;
    expect(JSON.stringify(json)).toContain('"ruleId":"yaml/duplicate-key"');
    expect(formatFindings('github', result.findings, { cwd: NOWHERE, rules: [], toolVersion: '0.0.0' })).toMatch(/^::error file=dup\.yaml,line=2,/);
  });
});

describe('no console output and no exit', () => {
  const writes: string[] = [];
  beforeEach(() => {
    writes.length = 0;
    const record = (stream: string) => (chunk: unknown) => {
      writes.push(`${stream}: ${String(chunk)}`);
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(record('stdout'));
    vi.spyOn(process.stderr, 'write').mockImplementation(record('stderr'));
    for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) vi.spyOn(console, method).mockImplementation((...args) => void writes.push(`console.${method}: ${args.join(' ')}`));
    // Node's warnings (process.emitWarning) reach standard error on their own: the yaml library emits
    // one when a mapping key is itself a collection, as `{{ server }}` of a Jinja-style value parses.
    vi.spyOn(process, 'emitWarning').mockImplementation((warning) => void writes.push(`emitWarning: ${String(warning)}`));
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`process.exit(${String(code)})`);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('stays silent through findings, parse errors, unknown files, notices, placeholder keys and a failing rule', async () => {
    const throws = defineRule({
      id: 'acme/throws',
      description: 'Fail on purpose',
      category: 'hygiene',
      severity: 'error',
      recommended: true,
      remediation: 'Nothing to do.',
      messages: { never: 'never' },
      check() {
        throw new Error('rule bug');
      },
    }) as RuleModule;
    const options: LintOptions = {
      cwd: NOWHERE,
      files: [
        { path: 'rendered.yaml', content: HELM },
        { path: 'broken.yaml', content: 'kind: [1, 2\n' },
        { path: 'notes.txt', content: 'not a deployment file' },
        { path: 'mosquitto.conf', content: 'listener 1883\nallow_anonymous true\n' },
        { path: 'bin.yaml', content: new Uint8Array([0, 1, 2, 3]) },
        { path: 'edge/edgecore.yaml', content: 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edgeHub:\n    httpServer: {{ cloud_url }}\n' },
        { path: 'roles/edge/templates/edgecore.yaml.j2', content: 'apiVersion: edgecore.config.kubeedge.io/v1alpha1\nkind: EdgeCore\nmodules:\n  edgeHub:\n    websocket:\n      server: {{ hub_address }}\n' },
        { path: 'app.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  {{ key }}: value\n' },
      ],
      rules: [noLatest, throws],
    };
    const result = await lint(options);
    expect(writes).toEqual([]);
    expect(result.findings.some((f) => f.ruleId === 'core/parse-error' && f.file === 'broken.yaml')).toBe(true);
    expect(result.notices.some((n) => n.startsWith('notes.txt'))).toBe(true);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^rule acme\/throws failed: Error: rule bug/);
  });

  it('rejects a bad config with a ConfigError instead of printing or exiting', async () => {
    await expect(lint({ cwd: NOWHERE, files: [], config: { rules: { 'yaml/no-such-rule': 'error' } } })).rejects.toThrow(/unknown rule/);
    expect(writes).toEqual([]);
  });
});

describe('a consumer project outside the package', () => {
  /** A project with edgelint in node_modules (a symlink to this checkout, as `npm link` makes). */
  function consumer(): string {
    const dir = tempDir('consumer');
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/edgelint'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] },
        include: ['*.ts'],
      }),
    );
    return dir;
  }

  function tsc(dir: string) {
    return spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
  }

  it('imports the package by name under plain Node and lints', () => {
    const dir = consumer();
    writeFileSync(
      join(dir, 'main.mjs'),
      "import { lint, rules } from 'edgelint';\nconst r = await lint({ cwd: '/nonexistent', files: [{ path: 'a.yaml', content: 'kind: 1\\nkind: 2\\n' }] });\nprocess.stdout.write(JSON.stringify({ n: rules.length, findings: r.findings }));\n",
    );
    const r = spawnSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { n: number; findings: Finding[] };
    expect(out.n).toBe(rules.length);
    expect(out.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['yaml/duplicate-key', 2, 1]]);
  });

  it('type-checks against the emitted declarations (strict, NodeNext)', () => {
    const dir = consumer();
    writeFileSync(
      join(dir, 'main.ts'),
      `import { defineRule, formatFindings, lint, rules, type Finding, type LintOptions, type RuleModule } from 'edgelint';

const rule: RuleModule = defineRule({
  id: 'acme/named',
  description: 'Require a name',
  category: 'hygiene',
  severity: 'note',
  recommended: true,
  remediation: 'Name it.',
  messages: { unnamed: 'Object {{kind}} has no name.' },
  check({ model, report }) {
    for (const object of model.objects) if (!object.name) report({ messageId: 'unnamed', data: { kind: object.kind }, at: object.span });
  },
});
const options: LintOptions = { files: [{ path: 'a.yaml', content: 'a: 1' }], rules: [rule], config: { rules: { 'yaml/duplicate-key': 'warning' } } };
const result = await lint(options);
const first: Finding | undefined = result.findings[0];
const where: [string, number, number, number, number, string | undefined] | undefined = first && [first.file, first.line, first.column, first.endLine, first.endColumn, first.helmSource];
const severity: 'error' | 'warning' | 'note' | undefined = first?.severity;
const text: string = formatFindings('sarif', result.findings, { cwd: '.', rules: [], toolVersion: '1.0.0' });
console.log(where, severity, text.length, rules.length);
`,
    );
    const r = tsc(dir);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('reports type errors against those declarations (the types are not any)', () => {
    const dir = consumer();
    writeFileSync(join(dir, 'main.ts'), "import { lint } from 'edgelint';\nconst r = await lint({ paths: 'not-an-array' });\nconst n: string = r.findings[0].line;\nconsole.log(n);\n");
    const r = tsc(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/main\.ts\(2,\d+\): error TS2322/);
    expect(r.stdout).toMatch(/main\.ts\(3,\d+\): error TS2322/);
  });
});
