#!/usr/bin/env node
/**
 * dist/cli.cjs (package.json `bin`): starts the command line (src/cli.ts, bundled as the function
 * dist/cli-main.cjs) from a V8 code cache made at build time (scripts/cli-code-cache.mjs, issue #13).
 * dist/cli.js, for whoever runs that path, is an ES module importing it (scripts/build.mjs).
 *
 * Most of a one-file run was V8 compiling edgelint's code: parsing the bundle, then each function on
 * its first call. Node 20 has no compile cache for modules (`module.enableCompileCache()` is Node
 * 22.1), but `vm.Script` accepts `cachedData`, the bytes of `script.createCachedData()`; the build
 * takes them after running the CLI over the examples, so they hold the functions those runs compiled
 * as well as the top level (https://nodejs.org/docs/latest-v20.x/api/vm.html#scriptcreatecacheddata).
 *
 * The launcher is CommonJS (built with esbuild's `cjs` format): an ES-module entry point makes Node
 * set up its ES-module loader, whose `internal/fs/promises` brings readline and the stream modules
 * with it, ~23 M instructions of a one-file run's ~200 M (`node -e 0`: ~90 M; callgrind, a clean
 * environment). For the same reason the script's `import()` of a built-in (`node:v8`,
 * `node:worker_threads`, and `module` and `fs/promises` from web-tree-sitter) is answered with
 * `require`: every caller reads named exports, which a built-in's `module.exports` holds as its ES
 * namespace does. Only the vendor modules (Ajv, mvdan-sh) go through `import()`.
 *
 * The cache is read, never written, here: nothing is written at run time, inside or outside the
 * linted tree. V8 checks the cache against its own version, its flags and the source's length, and
 * when they differ (another Node, `--max-old-space-size` and other V8 flags) sets
 * `cachedDataRejected` and compiles the source as if there were no cache: the run is the same, only
 * slower, and says nothing. A missing or unreadable cache is the same case.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { runShape } from './core/run-shape.js';

type CliScript = (
  require: NodeRequire,
  module: { exports: unknown },
  importMeta: { readonly url: string; readonly dirname: string },
  importModule: (specifier: string) => Promise<unknown>,
) => void;

/*
 * Files are found beside this one by path (dist/cli.cjs is CommonJS, so __dirname is dist/): Node's
 * URL class (pathToFileURL, new URL, fileURLToPath) cost ~2 M instructions of a one-file run's
 * ~150 M, compiled on first use, and such a run needs no URL at all. A script's `import.meta.url`
 * is worked out when the script first reads it (importMetaOf; issue #13).
 */
const dist = __dirname;
const bundle = join(dist, 'cli-main.cjs');

/** `import.meta` of the script at `path`: its directory, and its file URL made on first read. */
function importMetaOf(path: string): { readonly url: string; readonly dirname: string } {
  let url: string | undefined;
  return {
    get url() {
      return (url ??= pathToFileURL(path).href);
    },
    dirname: dirname(path),
  };
}
/*
 * The cache is chosen by what the arguments name (runShape): only regular files and no shell script
 * get dist/cli-main-files.cache, trained on one-file runs only (0.84 MB against 1.0 MB), files with a
 * script dist/cli-main-scripts.cache (0.98 MB, trained on the example script and the same files), and
 * anything else (a directory, standard input) dist/cli-main.cache, which holds what every kind of run
 * compiled. V8 deserializes a whole cache before the first line runs. Measured when the full cache
 * still held the directory walk (session 20, callgrind): one systemd unit 188 -> 164 M instructions,
 * one edgecore.yaml 220 -> 205 M; the 68-line example script 363 -> 345 M, the 1,000-line installer
 * 749-756 -> 745 M. Files none of which is named as YAML or JSON (units, mosquitto.conf) get
 * dist/cli-main-units.cache, trained on a systemd unit alone (0.75 MB): the files cache holds the yaml
 * parser, the edgecore validator's glue and the manifest model besides (session 22: one systemd unit
 * 152.4 -> 151.3 M main-thread instructions, one mosquitto.conf 142.2 -> 140.4 M). Files with a
 * script of 4 KB or more in all get dist/cli-main-long-scripts.cache, trained on a generated installer
 * as well (session 32): a long installer calls readers, rules and edgecore schema code the example
 * script does not, and V8 compiled them on first call, but the same cache cost the example script
 * more than it saved (see scripts/cli-code-cache.mjs). A wrong guess only costs time: a function
 * missing from the cache V8 compiles, as it does without one.
 */
const CACHES = {
  units: './cli-main-units.cache',
  files: './cli-main-files.cache',
  scripts: './cli-main-scripts.cache',
  'long-scripts': './cli-main-long-scripts.cache',
  other: './cli-main.cache',
} as const;

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(join(dist, CACHES[runShape(process.argv.slice(2))]));
} catch {
  // No cache: V8 compiles the source.
}
const script = new Script(readFileSync(bundle, 'utf8'), { filename: bundle, cachedData });
const run = script.runInThisContext() as CliScript;

/*
 * dist/cli-chunks/<package>.cjs: globby (directory runs) and web-tree-sitter (script runs), each a
 * script shaped like dist/cli-main.cjs with its own code cache (scripts/build-options.mjs CLI_CHUNKS),
 * compiled on the CLI's first import() of it, once per process as import() would. A one-file run
 * reads neither. The chunks' caches are taken under the flags the CLI runs with when it imports them
 * (scripts/cli-code-cache.mjs); under other flags V8 compiles the source, as for the CLI's own.
 */
const chunks = new Map<string, unknown>();
function chunk(specifier: string): unknown {
  let exports = chunks.get(specifier);
  if (exports === undefined) {
    const path = join(dist, specifier);
    let data: Buffer | undefined;
    try {
      data = readFileSync(join(dist, specifier.replace(/\.cjs$/, '.cache')));
    } catch {
      // No cache: V8 compiles the source.
    }
    const module = { exports: {} };
    (new Script(readFileSync(path, 'utf8'), { filename: path, cachedData: data }).runInThisContext() as CliScript)(require, module, importMetaOf(path), importModule);
    exports = module.exports;
    chunks.set(specifier, exports);
  }
  return exports;
}

/*
 * The scripts get this module's own `require` (this file is CommonJS): dist/cli.cjs sits beside
 * dist/cli-main.cjs, so it resolves what `createRequire(bundle)` would, without loading `node:module`,
 * which sets up the ES-module loader (internal/modules/esm/loader, its source maps and import
 * assertions): ~1.5 M instructions of a one-file run that uses none of it. They import only
 * `./vendor/` modules, `./cli-chunks/` and built-ins (scripts/build-options.mjs finishCliScript
 * checks it at build).
 */
function importModule(specifier: string): Promise<unknown> {
  if (specifier.startsWith('./cli-chunks/')) return Promise.resolve().then(() => chunk(specifier));
  return specifier.startsWith('./') ? import(pathToFileURL(join(dist, specifier)).href) : Promise.resolve().then(() => require(specifier));
}

run(require, { exports: {} }, importMetaOf(bundle), importModule);
