// The V8 code cache of the CLI (dist/cli-main.cache, read by dist/cli.js: src/cli-launcher.ts), made
// at build time (issue #13). A child process runs the CLI script over the repository's examples the
// way dist/cli.js runs it, and writes `script.createCachedData()` when it exits: taken after the run,
// the cache holds the functions the run compiled, not only the top level
// (https://nodejs.org/docs/latest-v20.x/api/vm.html#scriptcreatecacheddata). A second child checks
// that V8 accepts it, so a cache V8 would always reject never ships.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { CLI_CHUNKS } from './build-options.mjs';
import { generateInstaller } from './bench/gen-installer.mjs';

const self = fileURLToPath(import.meta.url);

/** What the training run lints: every kind of file the examples hold (manifests, edgecore.yaml, units, mosquitto.conf, scripts). */
const TRAINING_ARGS = ['--exit-zero', 'examples'];
/**
 * dist/cli-main-files.cache, what the launcher reads when its arguments name only files and no shell
 * script (src/cli-launcher.ts): trained on such a run, so it leaves out the directory walk, the
 * shell parser and the script readers (0.7 MB against 1.3 MB, deserialized at every start).
 */
const FILES_TRAINING_ARGS = [
  '--exit-zero',
  'examples/fleet/edge/etc/kubeedge/config/edgecore.yaml',
  'examples/fleet/edge/etc/systemd/system/mosquitto.service',
  'examples/fleet/cloud/sensor-agent.yaml',
];
/**
 * dist/cli-main-scripts.cache, what the launcher reads when its arguments name only files and at
 * least one is a shell script: the example script and the one-file runs, no directory walk (1.1 MB
 * against 1.4 MB; the 68-line example script 363 -> 345 M instructions, callgrind).
 */
const SCRIPTS_TRAINING_ARGS = ['--exit-zero', 'examples/scripted/edge/install.sh', ...FILES_TRAINING_ARGS.slice(1)];
/**
 * dist/cli-main-long-scripts.cache, what the launcher reads when the files it is given hold a script
 * and are 4 KB or more in all (src/core/run-shape.ts `long-scripts`): the example script, a generated
 * 400-line installer (scripts/bench/gen-installer.mjs, seed 7; the bench lints the 1,000-line one of
 * seed 13) and the one-file runs' files. Session 32, callgrind (main thread / all threads), the
 * bench's 1,000-line installer 521-537 / 548-554 M -> 505-510 / 530-535 M with this cache (five runs each); the same cache
 * for every script run took the 68-line example script 254-256 / 260 M -> 266-267 / 271-272 M
 * (functions V8 compiles lazily: +10 M, with the cache accepted), hence a cache of its own.
 */
const LONG_SCRIPTS_TRAINING_ARGS = ['--exit-zero', 'examples/scripted/edge/install.sh', '<installer>', ...FILES_TRAINING_ARGS.slice(1)];
/**
 * dist/cli-main-units.cache, what the launcher reads when its arguments name only files, none a
 * script and none named as YAML or JSON (src/core/run-shape.ts `units`): a systemd unit alone.
 */
const UNITS_TRAINING_ARGS = ['--exit-zero', 'examples/fleet/edge/etc/systemd/system/mosquitto.service'];
/** Each cache the build writes, with the arguments of its training run. */
const CACHES = [
  ['cli-main.cache', TRAINING_ARGS],
  ['cli-main-files.cache', FILES_TRAINING_ARGS],
  ['cli-main-scripts.cache', SCRIPTS_TRAINING_ARGS],
  ['cli-main-long-scripts.cache', LONG_SCRIPTS_TRAINING_ARGS],
  ['cli-main-units.cache', UNITS_TRAINING_ARGS],
];
/**
 * dist/cli-chunks/<package>.cache (scripts/build-options.mjs CLI_CHUNKS), taken after the first
 * training run, which walks a directory holding a script. The CLI imports the chunks with TurboFan
 * delayed (src/core/v8-flags.ts delayOptimization: a directory or a script), so their caches are
 * taken under that flag, and the check below reads them so.
 */
const CHUNK_FLAGS = '--ticks-before-optimization=30';

/** Writes `dir`/cli-main.cache and the caches of each run shape (CACHES) for `dir`/cli-main.cjs; throws when V8 would reject one. */
export function writeCliCodeCache(root, dir) {
  // V8 rejects a cache made under other flags; NODE_OPTIONS of whoever builds must not leak into it.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const generated = mkdtempSync(join(tmpdir(), 'edgelint-training-'));
  try {
    const installer = join(generated, 'install.sh');
    writeFileSync(installer, generateInstaller({ lines: 400, seed: 7 }));
    for (const [name, args] of CACHES) {
      const argv = args.map((arg) => (arg === '<installer>' ? installer : arg));
      // Standard error piped: a failed run's is in the error thrown, a good run's notices (the generated
      // installer's "assuming KubeEdge …") are not the build's to print.
      execFileSync(process.execPath, [self, '--train', dir, name, '-', ...argv], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    }
  } finally {
    rmSync(generated, { recursive: true, force: true });
  }
  // The chunks' caches from a run of their own that cannot load the native shell parser, so that it
  // imports the WebAssembly one (web-tree-sitter's chunk), as a run does where the addons are absent.
  // A glob besides the directory, so that globby's chunk (globs typed on the command line) is loaded too.
  execFileSync(process.execPath, [self, '--train', dir, '-', 'chunks', ...TRAINING_ARGS, 'examples/fleet/cloud/*.yaml'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const verdict = execFileSync(process.execPath, [self, '--check', dir], { cwd: root, env, encoding: 'utf8' }).trim();
  if (verdict !== 'accepted') throw new Error(`V8 rejects the code cache the build made for ${join(dir, 'cli-main.cjs')} (${verdict})`);
}

function compile(dir, cachedData, file = 'cli-main.cjs') {
  const bundle = pathToFileURL(join(dir, file));
  return { bundle, script: new Script(readFileSync(bundle, 'utf8'), { filename: fileURLToPath(bundle), cachedData }) };
}

/** The chunks the CLI script imports, as the launcher compiles them (src/cli-launcher.ts), without their caches. */
function chunkLoader(dir) {
  const loaded = new Map();
  const load = (specifier, importModule) => {
    if (!loaded.has(specifier)) {
      const { bundle, script } = compile(dir, undefined, specifier);
      const module = { exports: {} };
      script.runInThisContext()(createRequire(bundle), module, { url: bundle.href, dirname: dirname(fileURLToPath(bundle)) }, importModule);
      loaded.set(specifier, { script, exports: module.exports });
    }
    return loaded.get(specifier).exports;
  };
  return { loaded, load };
}

if (process.argv[1] === self && process.argv[2] === '--train') {
  const dir = process.argv[3];
  const name = process.argv[4];
  const withChunks = process.argv[5] === 'chunks';
  // The CLI reads its arguments from process.argv.slice(2), as it would under dist/cli.js.
  process.argv.splice(2, 4);
  const { bundle, script } = compile(dir);
  const chunks = chunkLoader(dir);
  process.on('exit', () => {
    // The shell parser sets `--liftoff-only` while it compiles tree-sitter's WebAssembly and
    // `--no-liftoff-only` after; V8 applies the flag's implications (`--no-wasm-tier-up`,
    // `--no-wasm-dynamic-tiering`, src/flags/flag-definitions.h) and does not undo them. V8 stamps a
    // hash of the flags into the cache and rejects it under others, so they are put back to the
    // defaults every run starts with (the check below fails the build if a V8 adds another). So is
    // the TurboFan delay a directory or script run sets (src/core/v8-flags.ts delayOptimization).
    setFlagsFromString('--wasm-tier-up');
    setFlagsFromString('--wasm-dynamic-tiering');
    if (withChunks) {
      setFlagsFromString(CHUNK_FLAGS);
      for (const [specifier, { script: chunk }] of chunks.loaded) writeFileSync(join(dir, specifier.replace(/\.cjs$/, '.cache')), chunk.createCachedData());
    }
    setFlagsFromString('--ticks-before-optimization=3');
    if (name !== '-') writeFileSync(join(dir, name), script.createCachedData());
  });
  const importModule = (specifier) =>
    specifier.startsWith('./cli-chunks/') ? Promise.resolve().then(() => chunks.load(specifier, importModule)) : import(specifier.startsWith('./') ? new URL(specifier, bundle).href : specifier);
  const require = createRequire(bundle);
  const withoutNative = (specifier) => {
    if (/^tree-sitter(-bash)?$/.test(specifier)) throw new Error(`${specifier}: left out of this training run`);
    return require(specifier);
  };
  script.runInThisContext()(withChunks ? withoutNative : require, { exports: {} }, { url: bundle.href, dirname: dirname(fileURLToPath(bundle)) }, importModule);
} else if (process.argv[1] === self && process.argv[2] === '--check') {
  const dir = process.argv[3];
  // 'accepted' when V8 takes every cache; else 'rejected: ' and the first it does not.
  let rejected = CACHES.map(([name]) => name).find((name) => compile(dir, readFileSync(join(dir, name))).script.cachedDataRejected);
  if (!rejected) {
    setFlagsFromString(CHUNK_FLAGS);
    rejected = CLI_CHUNKS.map((chunk) => `cli-chunks/${chunk}`).find((chunk) => compile(dir, readFileSync(join(dir, `${chunk}.cache`)), `${chunk}.cjs`).script.cachedDataRejected);
    setFlagsFromString('--ticks-before-optimization=3');
  }
  process.stdout.write(rejected ? `rejected: ${rejected}` : 'accepted');
}
