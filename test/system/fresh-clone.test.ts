/**
 * What a newcomer and a consumer meet, end to end (issue 12):
 *
 * - a fresh clone of this repository's HEAD in a temporary folder with no sibling folders (so no
 *   ../shared): `npm ci` and `npm test` pass there, and `npm ci --omit=dev` succeeds (no build step
 *   runs on install);
 * - `npm pack` in that clone builds dist/ (prepack) into the tarball; installed into an empty project
 *   it runs no install script, installs only the declared dependencies, and `npx edgelint`,
 *   `edgelint explain`, `import { lint } from "edgelint"` and a TypeScript consumer (skipLibCheck off)
 *   all work from the installed copy.
 *
 * It clones the committed HEAD: uncommitted changes are not part of it. npm installs use the local
 * cache first (`--prefer-offline`), filled by the `npm ci` that ran before this suite.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../integrations/helpers.js';
import { tempDir } from '../temp.js';

const MINUTE = 60_000;

/** The environment minus what the outer runner sets for itself (vitest workers, npm run lifecycle). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|npm_|NODE_OPTIONS$|INIT_CWD$|TEST$|GITHUB_|INPUT_|RUNNER_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

function sh(command: string, args: string[], cwd: string, timeoutMinutes = 10): Ran {
  const r = spawnSync(command, args, { cwd, env: childEnv(), encoding: 'utf8', timeout: timeoutMinutes * MINUTE, maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Fails with the command's own output, so a CI log says what went wrong. */
function ok(r: Ran, what: string): Ran {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}\n--- stdout (end)\n${r.stdout.slice(-6000)}\n--- stderr (end)\n${r.stderr.slice(-6000)}`);
  return r;
}

let clone: string;

beforeAll(() => {
  // A parent folder holding nothing but the clone: no ../shared, no ../node_modules.
  clone = join(tempDir('clone'), 'edgelint');
  ok(sh('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], ROOT), 'git clone');
  ok(sh('npm', ['ci', '--prefer-offline'], clone, 15), 'npm ci in the fresh clone');
}, 20 * MINUTE);

describe('a fresh clone with nothing beside it', () => {
  it('npm test passes, having run tests and loaded every file', () => {
    const report = join(clone, 'npm-test-report.json');
    const run = sh('npm', ['test', '--', '--reporter=dot', '--reporter=json', `--outputFile=${report}`], clone, 40);
    const summary = sh(process.execPath, [join(ROOT, 'scripts/ci-summary.mjs'), report], clone);
    ok(run, `npm test in the fresh clone (${summary.stdout.trim()}; ${summary.stderr.trim()})`);
    expect(summary.stderr).toBe('');
    expect(summary.status).toBe(0);
    expect(summary.stdout).toMatch(/^[1-9]\d* passed, 0 failed\n$/);
  }, 45 * MINUTE);

  it('npm ci --omit=dev installs only the runtime dependencies and builds nothing', () => {
    const prod = join(tempDir('clone-prod'), 'edgelint');
    ok(sh('git', ['clone', '--quiet', '--no-hardlinks', ROOT, prod], ROOT), 'git clone');
    ok(sh('npm', ['ci', '--omit=dev', '--prefer-offline'], prod, 10), 'npm ci --omit=dev');
    const declared = Object.keys((JSON.parse(readFileSync(join(prod, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    const installed = readdirSync(join(prod, 'node_modules')).filter((n) => !n.startsWith('.'));
    for (const name of declared) expect(installed).toContain(name);
    expect(installed).not.toContain('esbuild');
    expect(installed).not.toContain('vitest');
  }, 15 * MINUTE);
});

describe('the packed package, installed into an empty project', () => {
  let project: string;
  let manifestTarball: string;
  let manifest: { scripts?: Record<string, string>; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

  beforeAll(() => {
    const packDir = tempDir('pack');
    const packed = JSON.parse(ok(sh('npm', ['pack', '--json', '--pack-destination', packDir], clone, 15), 'npm pack').stdout.replace(/^[^[]*/, '')) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = packed[0].files.map((f) => f.path);
    // prepack built dist/ in the clone, which has none in git.
    expect(files).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/index.js', 'dist/yaml-worker.js', 'dist/types/src/index.d.ts', 'LICENSE']));
    expect(files.filter((f) => /^(src|test)\//.test(f))).toEqual([]);

    project = tempDir('consumer');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    // --prefer-offline: npm ci cached the dependencies' tarballs, not always their registry metadata.
    manifestTarball = join(packDir, packed[0].filename);
    ok(sh('npm', ['install', '--prefer-offline', manifestTarball], project, 10), 'npm install of the tarball');
    manifest = JSON.parse(readFileSync(join(project, 'node_modules/edgelint/package.json'), 'utf8')) as typeof manifest;
    cpSync(join(ROOT, 'test/fixtures/consumer'), join(project, 'deploy'), { recursive: true });
  }, 20 * MINUTE);

  it('declares no install-time script and installs only its declared dependencies (and theirs)', () => {
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
    const tree = JSON.parse(sh('npm', ['ls', '--all', '--json'], project).stdout) as { dependencies: Record<string, { dependencies?: Record<string, unknown> }> };
    expect(Object.keys(tree.dependencies.edgelint.dependencies ?? {}).sort()).toEqual(Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }).sort());
  });

  // The shell parser's native backend (src/script/bash-native-backend.ts): the optional packages are
  // installed with the package and the installed CLI parses a script with their addons; installed
  // without them, it parses with WebAssembly and reports the same findings (the deployment holds a script).
  it('lints a script with the native tree-sitter addons, and the same without them', () => {
    const probe = join(project, 'probe-native.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write('native: ' + Object.keys(require.cache).some((k) => /[\\/]node_modules[\\/]tree-sitter[\\/]/.test(k)) + '\\n'));\n");
    const cli = join(project, 'node_modules/edgelint/dist/cli.cjs');
    const withNative = sh(process.execPath, ['-r', probe, cli, '--format', 'json', '.'], join(project, 'deploy'));
    expect(withNative.stderr).toBe('native: true\n');
    expect(withNative.status).toBe(1);

    const bare = tempDir('consumer-no-optional');
    writeFileSync(join(bare, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    ok(sh('npm', ['install', '--prefer-offline', '--omit=optional', manifestTarball], bare, 10), 'npm install --omit=optional of the tarball');
    expect(readdirSync(join(bare, 'node_modules')).filter((n) => n.startsWith('tree-sitter'))).toEqual([]);
    const withoutNative = sh(process.execPath, ['-r', probe, join(bare, 'node_modules/edgelint/dist/cli.cjs'), '--format', 'json', '.'], join(project, 'deploy'));
    expect(withoutNative.stderr).toBe('native: false\n');
    expect(withoutNative.stdout).toBe(withNative.stdout);
    expect(withoutNative.status).toBe(1);
  });

  it('npx edgelint lints a deployment from the installed copy', () => {
    const run = sh('npx', ['--no', '--', 'edgelint', '--format', 'json', '.'], join(project, 'deploy'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; column: number }> }).findings;
    expect(findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`)).toEqual(
      expect.arrayContaining(['yaml/duplicate-key cloud/cm.yaml:5:3', 'edgecore/unknown-key edge/edgecore.yaml:5:5', 'systemd/require-restart edge/install.sh:4:1']),
    );
  });

  it('edgelint explain reads the rule docs shipped in the package', () => {
    const run = ok(sh('npx', ['--no', '--', 'edgelint', 'explain', 'yaml/duplicate-key'], project), 'edgelint explain');
    expect(run.stdout).toMatch(/yaml\/duplicate-key/);
  });

  it('import { lint } from "edgelint" works, files given in memory', () => {
    const script = [
      'import { lint, rules } from "edgelint";',
      'const content = "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: a\\n  name: b\\n";',
      'const result = await lint({ files: [{ path: "cm.yaml", content }], config: {} });',
      'console.log(JSON.stringify({ rules: rules.length, findings: result.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`) }));',
    ].join('\n');
    writeFileSync(join(project, 'use.mjs'), script);
    const out = JSON.parse(ok(sh(process.execPath, ['use.mjs'], project), 'node use.mjs').stdout) as { rules: number; findings: string[] };
    expect(out.rules).toBeGreaterThan(10);
    expect(out.findings).toEqual(['yaml/duplicate-key 5:3']);
  });

  it('its type declarations compile for a TypeScript consumer (skipLibCheck off)', () => {
    mkdirSync(join(project, 'ts'));
    writeFileSync(
      join(project, 'ts', 'use.ts'),
      'import { lint, type Finding, type LintResult } from "edgelint";\nconst result: LintResult = await lint({ files: [{ path: "a.yaml", content: "a: 1\\n" }] });\nconst first: Finding | undefined = result.findings[0];\nexport const line: number | undefined = first?.line;\n',
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, include: ['ts'] }),
    );
    const tsc = join(clone, 'node_modules/typescript/bin/tsc');
    ok(sh(process.execPath, [tsc, '-p', 'tsconfig.json'], project), 'tsc on a consumer of the installed package');
  });
});
