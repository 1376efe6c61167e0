// package.json's bin is dist/cli.cjs, a CommonJS launcher (src/cli-launcher.ts, issue #13): an
// ES-module entry point makes Node set up its ES-module loader, which brings fs/promises, readline
// and the stream modules with it (~23 M of a one-file run's ~200 M instructions), and so does any
// import() of a built-in. dist/cli.js, an ES module importing the launcher, must run the same.
// No timing here: what Node loads is counted by name (process.moduleLoadList).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/run-cli.js';
import { tempDir } from '../temp.js';
// @ts-expect-error: a plain ES module of the bench, without types
import { generateInstaller } from '../../scripts/bench/gen-installer.mjs';

const bin = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;

function run(entry: string[], args: string[]) {
  const result = spawnSync(process.execPath, [...entry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Node's own modules that a run of `entry` loaded, from a preload that prints them on exit. */
function loaded(entry: string[]): string[] {
  const dir = tempDir('launcher');
  const preload = join(dir, 'loaded.cjs');
  writeFileSync(preload, "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(process.moduleLoadList) + '\\n'));\n");
  const r = run(['-r', preload, ...entry], []);
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  expect(line, r.stderr).toBeDefined();
  return (JSON.parse(line!.slice('LOADED '.length)) as string[]).filter((m) => m.startsWith('NativeModule '));
}

const esmLoader = (modules: string[]) => modules.filter((m) => /internal\/modules\/esm\/|internal\/fs\/promises|internal\/readline\//.test(m));

describe('the CLI launcher', () => {
  it('is what package.json names, and dist/cli.js runs the same', () => {
    expect(bin).toEqual({ edgelint: 'dist/cli.cjs' });
    for (const args of [['--format', 'json', 'examples/fleet'], ['--format', 'sarif', 'examples/scripted'], ['--fix-dry-run', 'examples/fleet'], ['--help']]) {
      const cjs = run([join(repoRoot, 'dist/cli.cjs')], args);
      expect(cjs.stdout.length).toBeGreaterThan(0);
      expect(run([join(repoRoot, 'dist/cli.js')], args)).toEqual(cjs);
    }
  });

  // The examples' systemd unit (no script) and install script (web-tree-sitter imports `module` and
  // `fs/promises`, the shell parser `node:v8`): neither loads what `node -e 0` does not.
  it.each([['a systemd unit', 'examples/fleet/edge/etc/systemd/system/mosquitto.service'], ['an install script', 'examples/scripted/edge/install.sh']])(
    'does not set up the ES-module loader for %s',
    (_, file) => {
      const bare = esmLoader(loaded(['-e', '0']));
      const cli = loaded([join(repoRoot, 'dist/cli.cjs'), file]);
      expect(cli.length).toBeGreaterThan(bare.length);
      expect(esmLoader(cli).filter((m) => !bare.includes(m))).toEqual([]);
    },
  );

  // node:v8 (the TurboFan delay) loads Node's stream modules, ~8 M instructions: more than TurboFan's
  // compiles cost in a script run under 4 KB (src/core/run-shape.ts optimizationDelay). The example
  // script (1.9 KB) loads it only on the WebAssembly path (withoutWasmTierUp), a 1,000-line installer always.
  it('loads node:v8 for a script of 4 KB or more, and for a smaller one only on the WebAssembly path', () => {
    const fromDist = createRequire(join(repoRoot, 'dist/cli.cjs'));
    let native = true;
    try {
      fromDist('tree-sitter');
      fromDist('tree-sitter-bash');
    } catch {
      native = false;
    }
    const small = loaded([join(repoRoot, 'dist/cli.cjs'), '--exit-zero', 'examples/scripted/edge/install.sh']);
    expect(small.includes('NativeModule v8')).toBe(!native);
    const installer = join(tempDir('launcher-installer'), 'install.sh');
    writeFileSync(installer, generateInstaller({ lines: 1000, seed: 13 }));
    expect(loaded([join(repoRoot, 'dist/cli.cjs'), '--exit-zero', installer])).toContain('NativeModule v8');
    // A unit run never does.
    expect(loaded([join(repoRoot, 'dist/cli.cjs'), 'examples/fleet/edge/etc/systemd/system/mosquitto.service'])).not.toContain('NativeModule v8');
  });

  // `node -e 0` sets up the ES-module loader itself; a CommonJS main file does not, and neither may a
  // one-file run: `node:module` (createRequire, isBuiltin) would load it (~1 M instructions).
  it('loads neither node:module nor the ES-module loader for a systemd unit, as an empty CommonJS file does not', () => {
    const empty = join(tempDir('launcher-empty'), 'empty.cjs');
    writeFileSync(empty, '');
    const bare = loaded([empty]);
    expect(bare).not.toContain('NativeModule module');
    const cli = loaded([join(repoRoot, 'dist/cli.cjs'), 'examples/fleet/edge/etc/systemd/system/mosquitto.service']);
    expect(cli.filter((m) => m === 'NativeModule module' || esmLoader([m]).length > 0).filter((m) => !bare.includes(m))).toEqual([]);
    // A plain command line is read without node:util's parseArgs (src/cli-args.ts).
    expect(cli.filter((m) => m.includes('parse_args'))).toEqual([]);
  });

  // globby's imports cut to what it calls (scripts/build-options.mjs globbyLazyBuiltins) and the
  // walk's own fs calls (src/engine/walk.ts, gitignore.ts): child_process brings net and dgram,
  // fs/promises readline and the file watchers. A directory is walked without globby (session 25), so
  // without `os`, which globby imports; a glob still loads globby. Both look for the git root and read
  // this repository's .gitignore, calls that once went through fs/promises. (`net` is left out of the
  // list: the preload's process.stderr is a pipe's socket.)
  it('walks a directory without globby, child_process or fs/promises, and a glob without the last two', () => {
    const notLoaded = /^NativeModule (child_process|dgram|fs\/promises|internal\/fs\/promises|internal\/readline\/)/;
    const directory = loaded([join(repoRoot, 'dist/cli.cjs'), '--exit-zero', 'examples/fleet']);
    expect(directory).not.toContain('NativeModule os');
    expect(directory.filter((m) => notLoaded.test(m))).toEqual([]);
    const glob = loaded([join(repoRoot, 'dist/cli.cjs'), '--exit-zero', 'examples/fleet/cloud/*.yaml']);
    expect(glob).toContain('NativeModule os');
    expect(glob.filter((m) => notLoaded.test(m))).toEqual([]);
  });
});
