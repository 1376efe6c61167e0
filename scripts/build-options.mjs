import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// esbuild options shared by scripts/build.mjs and the test that checks the committed Action bundle is
// not stale (test/integrations/action-bundle.test.ts): both must build with exactly these options, or
// the byte comparison would report drift that is only a difference of settings.

// Some dependencies are CommonJS and call require(); an ESM bundle needs a require of its own.
const banner = "import { createRequire as __edgelintCreateRequire } from 'node:module'; const require = __edgelintCreateRequire(import.meta.url);";

/**
 * The fast shell parser needs two WebAssembly modules (src/script/bash-wasm.ts). Bundles never read
 * them from node_modules (an installed package has none): the module is replaced by one that either
 * carries both modules' bytes inline (`inline`, esbuild's `binary` loader: the one-file Action
 * bundle), or reads them from files esbuild copies beside the bundle (the `file` loader: dist/,
 * where a run that reads a script would otherwise parse and decode 2 MB of base64 JavaScript,
 * ~60 ms of CPU). The paths stay root-relative, so the bundle is the same on every machine.
 */
function bashWasmPlugin({ inline }) {
  const contents = inline
    ? [
        "import runtime from 'web-tree-sitter/web-tree-sitter.wasm';",
        "import bash from 'tree-sitter-bash/tree-sitter-bash.wasm';",
        'export async function loadBashWasm() { return { runtime, bash }; }',
      ]
    : [
        // The `file` loader turns each import into the copied file's path relative to this chunk.
        "import { readFileSync } from 'node:fs';",
        "import runtime from 'web-tree-sitter/web-tree-sitter.wasm';",
        "import bash from 'tree-sitter-bash/tree-sitter-bash.wasm';",
        'export async function loadBashWasm() {',
        '  return { runtime: readFileSync(new URL(runtime, import.meta.url)), bash: readFileSync(new URL(bash, import.meta.url)) };',
        '}',
      ];
  const name = inline ? 'inline-bash-wasm' : 'bash-wasm-files';
  return {
    name,
    setup(build) {
      build.onResolve({ filter: /[\\/]bash-wasm\.js$/ }, (args) => {
        if (!/src[\\/]script$/.test(args.resolveDir)) return undefined;
        return { path: 'bash-wasm', namespace: name };
      });
      build.onLoad({ filter: /.*/, namespace: name }, () => ({
        contents: contents.join('\n'),
        resolveDir: build.initialOptions.absWorkingDir ?? process.cwd(),
        loader: 'js',
      }));
    },
  };
}

/**
 * The native shell parser (src/script/bash-native-load.ts) in the bundles. dist/ loads node-tree-sitter
 * and tree-sitter-bash, optional dependencies, from node_modules with the bundle's own `require`
 * (never bundled: each finds its prebuilt addon beside its own files). The one-file Action bundle,
 * which GitHub runs without node_modules, loads nothing and parses with WebAssembly.
 */
function nativeBashPlugin({ native }) {
  const contents = native
    ? "export function requireNativeBash() { return { runtime: require('tree-sitter'), bash: require('tree-sitter-bash') }; }\n"
    : 'export function requireNativeBash() { return undefined; }\n';
  const name = native ? 'native-bash' : 'no-native-bash';
  return {
    name,
    setup(build) {
      build.onResolve({ filter: /[\\/]bash-native-load\.js$/ }, (args) => {
        if (!/src[\\/]script$/.test(args.resolveDir)) return undefined;
        return { path: 'bash-native-load', namespace: name };
      });
      if (native) build.onResolve({ filter: /^tree-sitter(-bash)?$/ }, (args) => ({ path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: name }, () => ({ contents, loader: 'js' }));
    },
  };
}

/**
 * The Kubernetes schema table (src/model/k8s-schema-table.ts), parsed on first use. Bundled as an
 * object literal, its 200 KB were compiled at every start (~25 ms of CPU per run, manifests or not).
 * The one-file Action bundle carries it as a JSON string (V8 only scans a string literal); dist/
 * reads it from dist/k8s-schema.jsonl (written by scripts/build.mjs), so a run that reads no manifest
 * (a unit, a mosquitto.conf, an edgecore.yaml) neither reads nor scans those bytes (issue #13).
 */
function lazySchemaTable({ file }) {
  return {
    name: 'lazy-k8s-schema-table',
    setup(build) {
      build.onResolve({ filter: /[\\/]k8s-schema-table\.js$/ }, (args) => {
        if (!/src[\\/]model$/.test(args.resolveDir)) return undefined;
        return { path: 'k8s-schema-table', namespace: 'lazy-k8s-schema-table' };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-k8s-schema-table' }, () => {
        const root = build.initialOptions.absWorkingDir ?? process.cwd();
        const watchFiles = [join(root, 'schemas/kubernetes.json')];
        if (file) {
          return {
            contents: [
              "import { readFileSync } from 'node:fs';",
              "import { basename, dirname, join } from 'node:path';",
              "import { fileURLToPath } from 'node:url';",
              // Entry points sit in dist/, split chunks in dist/chunks/: the table is dist/k8s-schema.jsonl either way.
              // A path, not a URL: the CLI script's import.meta has its directory (src/cli-launcher.ts), and
              // a one-file run then makes no URL (issue #13); Node 20.11 and later give ES modules one too.
              'const tablePath = () => {',
              '  const dir = import.meta.dirname ?? dirname(fileURLToPath(import.meta.url));',
              "  return join(dir, basename(dir) === 'chunks' ? '..' : '.', 'k8s-schema.jsonl');",
              '};',
              'let table;',
              // The first line is the table without its types and with their names; line i + 1 is type i's JSON text (shippedSchemaTable).
              'export function loadSchemaTable() {',
              '  if (table) return table;',
              '  const path = tablePath();',
              "  const text = readFileSync(path, 'utf8');",
              "  const cut = text.indexOf('\\n');",
              '  const { typeNames, ...head } = JSON.parse(text.slice(0, cut));',
              // A manifest reaches a few dozen of the ~870 types: a type's line is cut out of the text
              // when it is first asked for, not every line split out and mapped by name at the first
              // lookup (issue #13).
              '  const starts = [cut + 1];',
              "  for (let at = text.indexOf('\\n', cut + 1); at !== -1; at = text.indexOf('\\n', at + 1)) starts.push(at + 1);",
              '  if (starts.length !== typeNames.length) throw new Error(`${path}: ${typeNames.length} type names, ${starts.length} types`);',
              '  starts.push(text.length + 1);',
              '  const typeTexts = { get: (name) => { const i = typeNames.indexOf(name); return i === -1 ? undefined : text.slice(starts[i], starts[i + 1] - 1); } };',
              '  return (table = { ...head, typeTexts });',
              '}',
              '',
            ].join('\n'),
            loader: 'js',
            resolveDir: root,
            watchFiles,
          };
        }
        return {
          contents: `const text = ${JSON.stringify(minifiedSchemaTable(root))};\nlet table;\nexport function loadSchemaTable() { return table ??= JSON.parse(text); }\n`,
          loader: 'js',
          watchFiles,
        };
      });
    },
  };
}

/** schemas/kubernetes.json without its indentation: what the Action bundle carries. */
function minifiedSchemaTable(root) {
  return JSON.stringify(JSON.parse(readFileSync(join(root, 'schemas/kubernetes.json'), 'utf8')));
}

/**
 * dist/k8s-schema.jsonl: the table with each type as its JSON text, parsed when a manifest first
 * reaches the type (src/model/k8s-schema.ts): parsing every type's objects at the first lookup cost
 * ~9 ms. JSON Lines: the first line is the table without `types` and with `typeNames`, then one line
 * per type in that order (JSON.stringify never writes a raw line break). Each type's text as a string
 * inside one JSON document, as before, made the first lookup unescape ~170 KB of `\"` (read and parse
 * ~2.3 ms, measured in a process of its own; as lines ~1.2 ms).
 */
export function shippedSchemaTable(root) {
  const { types, ...table } = JSON.parse(readFileSync(join(root, 'schemas/kubernetes.json'), 'utf8'));
  const names = Object.keys(types);
  return [JSON.stringify({ ...table, typeNames: names }), ...names.map((name) => JSON.stringify(types[name]))].join('\n');
}

/**
 * yaml as ES modules (its `browser/` build, the same code as its CommonJS `dist/`): esbuild wraps a
 * CommonJS package in one function that runs every module of it at start and keeps all of it, where
 * ES modules are tree-shaken and hoisted (issue #13: yaml was ~10% of a one-file run's CPU before the
 * first line was read). The two places where that build differs from the Node one are put back to
 * what Node gets: warnings through process.emitWarning, and `!!binary` decoded by Buffer (lenient
 * base64, a Buffer), not atob. A yaml upgrade that moves either text fails the build.
 */
function yamlEsm(root) {
  const patches = {
    'log.js': [['console.warn(warning);', "if (typeof process !== 'undefined' && typeof process.emitWarning === 'function') process.emitWarning(warning);\n        else console.warn(warning);"]],
    'binary.js': [
      ["if (typeof atob === 'function') {", "if (typeof Buffer === 'function') {\n            return Buffer.from(src, 'base64');\n        }\n        else if (typeof atob === 'function') {"],
      ["if (typeof btoa === 'function') {", "if (typeof Buffer === 'function') {\n            str = buf instanceof Buffer ? buf.toString('base64') : Buffer.from(buf.buffer).toString('base64');\n        }\n        else if (typeof btoa === 'function') {"],
    ],
  };
  return {
    name: 'yaml-esm',
    setup(build) {
      build.onResolve({ filter: /^yaml$/ }, () => ({ path: join(root, 'node_modules/yaml/browser/index.js') }));
      build.onLoad({ filter: /[\\/]yaml[\\/]browser[\\/]dist[\\/](log|schema[\\/]yaml-1\.1[\\/]binary)\.js$/ }, (args) => {
        let text = readFileSync(args.path, 'utf8');
        for (const [from, to] of patches[args.path.replace(/^.*[\\/]/, '')]) {
          if (!text.includes(from)) throw new Error(`yaml-esm: ${args.path} no longer contains ${JSON.stringify(from)}`);
          text = text.replace(from, to);
        }
        return { contents: text, loader: 'js' };
      });
    },
  };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * picomatch required on its first call: esbuild runs a CommonJS package where it is imported, so the
 * static `import picomatch from 'picomatch'` of src/engine ran picomatch's setup at every start,
 * though only configs with include/exclude/hosts globs and unmatched CLI patterns call it (issue #13).
 * src/ only calls the default export; the shim's require() is bundled as a call to the same module.
 */
function lazyPicomatch(root) {
  return {
    name: 'lazy-picomatch',
    setup(build) {
      build.onResolve({ filter: /^picomatch$/ }, (args) => (args.kind === 'import-statement' && /[\\/]src[\\/]/.test(args.importer) ? { path: 'picomatch', namespace: 'lazy-picomatch' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'lazy-picomatch' }, () => ({
        contents: "export default function picomatch(glob, options, returnState) { return require('picomatch')(glob, options, returnState); }\n",
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}


/**
 * What globby loads at its first import, cut to what it calls (issue #13). A directory run imports
 * globby, and its modules' static imports brought Node's child_process (with net, dgram and their
 * bindings) and fs/promises (with readline and the file watchers) into every such run:
 * - `unicorn-magic/node`, of which globby imports only `toPath`, imports `node:child_process` for
 *   its exec helpers: the shim is `toPath` alone, the same text (the build fails if it changes);
 * - globby's ignore.js imports `node:fs/promises` for `readFile`, used only when no `fs.promises`
 *   is given: the shim requires fs/promises when that `readFile` is first called.
 */
function globbyLazyBuiltins(root) {
  const TO_PATH = 'export function toPath(urlOrPath) {\n\treturn urlOrPath instanceof URL ? fileURLToPath(urlOrPath) : urlOrPath;\n}';
  return {
    name: 'globby-lazy-builtins',
    setup(build) {
      build.onResolve({ filter: /^unicorn-magic\/node$/ }, (args) => (/[\\/]node_modules[\\/]globby[\\/]/.test(args.importer) ? { path: 'unicorn-magic/node', namespace: 'globby-lazy-builtins' } : undefined));
      build.onResolve({ filter: /^node:fs\/promises$/ }, (args) => (/[\\/]node_modules[\\/]globby[\\/]ignore\.js$/.test(args.importer) ? { path: 'fs-promises', namespace: 'globby-lazy-builtins' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'globby-lazy-builtins' }, (args) => {
        if (args.path === 'fs-promises') {
          return { contents: "export default { readFile(...args) { return require('node:fs/promises').readFile(...args); } };\n", loader: 'js', resolveDir: root };
        }
        const file = join(root, 'node_modules/unicorn-magic/node.js');
        if (!readFileSync(file, 'utf8').includes(TO_PATH)) throw new Error(`globby-lazy-builtins: ${file} no longer defines toPath as the shim does`);
        return { contents: `import { fileURLToPath } from 'node:url';\n${TO_PATH}\n`, loader: 'js', resolveDir: root, watchFiles: [file] };
      });
    },
  };
}

/** dist/: the WebAssembly modules as files in dist/wasm/ (see bashWasmPlugin). */
export const wasmFileOptions = {
  plugins: [bashWasmPlugin({ inline: false }), nativeBashPlugin({ native: true }), lazySchemaTable({ file: true }), yamlEsm(ROOT), lazyPicomatch(ROOT), globbyLazyBuiltins(ROOT)],
  loader: { '.wasm': 'file' },
  assetNames: 'wasm/[name]-[hash]',
};

export const commonOptions = {
  plugins: [bashWasmPlugin({ inline: true }), nativeBashPlugin({ native: false }), lazySchemaTable({ file: false }), yamlEsm(ROOT), lazyPicomatch(ROOT), globbyLazyBuiltins(ROOT)],
  loader: { '.wasm': 'binary' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: banner },
};

/**
 * dist/cli.cjs, the launcher (src/cli-launcher.ts), as CommonJS: an ES-module entry point makes Node
 * set up its ES-module loader and the readline and stream modules it brings, ~23 M instructions of a
 * one-file run's ~200 M (issue #13). It finds the files beside it from `__dirname`, without URLs.
 */
export const launcherOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  legalComments: 'none',
  logLevel: 'warning',
  minifyWhitespace: true,
  minifySyntax: true,
  entryPoints: { cli: 'src/cli-launcher.ts' },
  outExtension: { '.js': '.cjs' },
  banner: { js: '"use strict";' },
};

/** dist/cli.js, for whoever runs that path: the launcher, imported from an ES module. */
export const CLI_JS = "#!/usr/bin/env node\n// The command line is dist/cli.cjs (package.json bin); this path starts it too.\nimport './cli.cjs';\n";

export const ACTION_ENTRY = 'src/action.ts';
export const ACTION_OUTFILE = 'action/dist/index.js';

/** `absWorkingDir` is the repository root: esbuild writes root-relative paths into the bundle's comments. */
export function actionOptions(root) {
  return {
    ...commonOptions,
    absWorkingDir: root,
    entryPoints: [ACTION_ENTRY],
    outfile: ACTION_OUTFILE,
    // GitHub runs this one file from the action's checkout, without `npm ci`: no chunks.
    splitting: false,
    metafile: false,
  };
}

/**
 * The packages only rare runs import: Ajv (rule options) and mvdan-sh (the fallback shell parser,
 * 1.4 MB). The CLI script (below) leaves them out: each is its own ES module in dist/vendor/, so the
 * script V8 deserializes at every start stays the code runs execute. globby (directory arguments)
 * and web-tree-sitter (every script) are not ES modules there: importing one sets up Node's
 * ES-module loader (in the script and its cache the example fleet was 1,049 M -> 976 M instructions,
 * the 68-line script 881 M -> 869 M, for +9 M on a one-file run); they are cached chunks of their
 * own (CLI_CHUNKS below), which one-file runs do not read.
 */
export const VENDOR_PACKAGES = ['ajv', 'mvdan-sh'];

/** dist/vendor/<package>.js: each lazily imported package as one ES module. */
export const vendorOptions = {
  ...commonOptions,
  ...wasmFileOptions,
  minifyWhitespace: true,
  minifySyntax: true,
  entryPoints: Object.fromEntries(VENDOR_PACKAGES.map((name) => [`vendor/${name}`, name])),
  splitting: false,
};

/**
 * The wrapper of dist/cli-main.cjs: the bundle is one function expression that dist/cli.js
 * (src/cli-launcher.ts) compiles with `vm.Script`, so V8 can take and reuse a code cache of it
 * (Node 20 has no `module.enableCompileCache()`, and `vm.SourceTextModule`, the ES-module way, needs
 * `--experimental-vm-modules`). Its parameters stand for what an ES module or a CommonJS wrapper
 * would give: `require` for Node's built-ins and the bundled CommonJS packages, `import.meta.url`,
 * and `import()` (a `vm.Script`'s own `import()` needs `importModuleDynamically`, which on Node 20
 * is experimental: `vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER` prints an ExperimentalWarning
 * and a callback needs `--experimental-vm-modules`; https://nodejs.org/docs/latest-v20.x/api/vm.html).
 * `import.meta` is an object whose `url` the launcher works out when the script first reads it:
 * Node's URL class (pathToFileURL, new URL, fileURLToPath) costs ~2 M instructions of a start,
 * compiled on first use, and a one-file run needs no URL at all (issue #13).
 */
export const CLI_SCRIPT_PARAMETERS = ['require', 'module', '__edgelintImportMeta', '__edgelintImport'];

/**
 * The packages only directory runs (globby) and script runs (web-tree-sitter) import: each is a
 * script of its own, dist/cli-chunks/<package>.cjs, shaped like dist/cli-main.cjs (a function of
 * CLI_SCRIPT_PARAMETERS) with a code cache beside it (<package>.cache), which the launcher compiles
 * on the CLI's first import() of the package (src/cli-launcher.ts). A one-file run reads and
 * deserializes neither: V8 deserializes a script's whole cache before its first line runs, and even
 * functions never called have their entry in it. One systemd unit, main-thread instructions
 * (callgrind): 157.3 -> 154.1 M with both packages out of dist/cli-main.cjs (issue #13).
 */
export const CLI_CHUNKS = ['globby', 'web-tree-sitter', 'walk'];
/**
 * Chunks that are edgelint's own modules rather than packages, by chunk name: the module, and how
 * src/ imports it. `walk` is the directory walk (src/engine/walk.ts: @nodelib/fs.walk, the `ignore`
 * package, the .gitignore reader), imported by src/engine/discover.ts for directories and globs only.
 */
const CLI_CHUNK_MODULES = { walk: { entry: 'src/engine/walk.ts', specifier: './walk.js' } };

const chunksExternal = {
  name: 'cli-chunks-external',
  setup(build) {
    const packages = CLI_CHUNKS.filter((name) => !(name in CLI_CHUNK_MODULES));
    const filter = new RegExp(`^(${packages.join('|')})$`);
    build.onResolve({ filter }, (args) => (args.kind === 'dynamic-import' ? { path: `./cli-chunks/${args.path}.cjs`, external: true } : undefined));
    for (const [name, { entry, specifier }] of Object.entries(CLI_CHUNK_MODULES)) {
      const module = join(ROOT, entry);
      build.onResolve({ filter: new RegExp(`^${specifier.replace(/[.]/g, '\\.')}$`) }, (args) =>
        args.kind === 'dynamic-import' && join(args.resolveDir, args.path.replace(/\.js$/, '.ts')) === module ? { path: `./cli-chunks/${name}.cjs`, external: true } : undefined,
      );
    }
  },
};

/**
 * What dist/cli-main.cjs and each dist/cli-chunks/<package>.cjs share: one minified CommonJS file, the
 * body of a function of CLI_SCRIPT_PARAMETERS (the banner opens it, the footer closes it), with
 * `import.meta` read from the parameter that stands for it.
 */
const cliScriptShape = {
  ...commonOptions,
  ...wasmFileOptions,
  minifyWhitespace: true,
  minifySyntax: true,
  // Short names (issue #13): a start deserializes the code cache, whose scope infos name every
  // module-level binding the functions close over (thousands, in the one function the bundle is) and
  // every function; V8 internalizes each name and rebuilds the scopes' name tables. Callgrind, all
  // threads: ~3 M instructions less on every one-file row (2%), the same output. A --debug stack
  // trace names minified functions; its script:line:column positions are exact as before.
  minifyIdentifiers: true,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  splitting: false,
  footer: { js: '})' },
  define: { 'import.meta.url': '__edgelintImportMeta.url', 'import.meta.dirname': '__edgelintImportMeta.dirname' },
};

/** dist/cli-chunks/<package>.cjs before finishCliScript(): each of CLI_CHUNKS as CommonJS. */
export const cliChunkOptions = {
  ...cliScriptShape,
  entryPoints: Object.fromEntries(CLI_CHUNKS.map((name) => [`cli-chunks/${name}`, CLI_CHUNK_MODULES[name]?.entry ?? name])),
  // A chunk's own import() of another chunk (the walk's of globby, for globs) stays an import.
  plugins: [chunksExternal, ...wasmFileOptions.plugins],
  banner: { js: `(function (${CLI_SCRIPT_PARAMETERS.join(', ')}) {\n"use strict";` },
};

const vendorExternal = {
  name: 'vendor-external',
  setup(build) {
    const filter = new RegExp(`^(${VENDOR_PACKAGES.join('|')})$`);
    build.onResolve({ filter }, (args) => (args.kind === 'dynamic-import' ? { path: `./vendor/${args.path}.js`, external: true } : undefined));
  },
};

/**
 * src/core/lazy-builtins.ts in the CLI script: the script's own `require` (a parameter, see
 * CLI_SCRIPT_PARAMETERS) loads the built-ins, where the module's `createRequire` would load
 * `node:module` at every start, and `node:module` sets up Node's ES-module loader (issue #13).
 */
const scriptRequireBuiltins = {
  name: 'script-require-builtins',
  setup(build) {
    const module = join(ROOT, 'src/core/lazy-builtins.js');
    build.onResolve({ filter: /[\\/]lazy-builtins\.js$/ }, (args) => (join(args.resolveDir, args.path) === module ? { path: 'lazy-builtins', namespace: 'script-require-builtins' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'script-require-builtins' }, () => ({
      contents: "export function nodeCrypto() { return require('node:crypto'); }\n",
      loader: 'js',
    }));
  },
};

/** dist/cli-main.cjs before finishCliScript(): src/cli.ts as CommonJS, the vendor packages left out. */
export function cliScriptOptions(validatorsPlugin) {
  return {
    ...cliScriptShape,
    entryPoints: { 'cli-main': 'src/cli.ts' },
    banner: { js: `(function (${CLI_SCRIPT_PARAMETERS.join(', ')}) {` },
    plugins: [vendorExternal, chunksExternal, scriptRequireBuiltins, ...wasmFileOptions.plugins, validatorsPlugin],
  };
}

/**
 * esbuild keeps `import()` of external modules and built-ins as written (web-tree-sitter's
 * Emscripten code imports `module` and `fs/promises`); in the script they go through the
 * `__edgelintImport` parameter instead (see CLI_SCRIPT_PARAMETERS). Any other `import(` left in the
 * text fails the build rather than a run.
 */
export function finishCliScript(code, name = 'dist/cli-main.cjs') {
  const out = code
    .replace(/^#!.*\n/, '')
    .replace(/\bimport\("(\.\/vendor\/[\w-]+\.js|\.\/cli-chunks\/[\w-]+\.cjs|[\w:/_]+)"\)/g, (call, specifier) => (specifier.startsWith('./') || isBuiltin(specifier) ? `__edgelintImport("${specifier}")` : call));
  const stray = /\bimport\s*\(/.exec(out);
  if (stray) throw new Error(`${name}: an import() the launcher does not provide: ${out.slice(stray.index, stray.index + 80)}`);
  // Strict like the ES modules it replaces (esbuild writes the directive for the ES-module sources).
  if (!out.startsWith(`(function (${CLI_SCRIPT_PARAMETERS.join(', ')}) {\n"use strict";`)) throw new Error(`${name}: not a strict function`);
  return `${out}${sourceUrlComment(name)}`;
}

/**
 * The name stack traces give a script compiled with a code cache. V8 11.3 (Node 20) keeps the name the
 * cache was trained under (the build's dist.staging-<pid>/ directory) and ignores vm.Script's
 * `filename` when it accepts the cache; a `sourceURL` comment is part of the source, so it names the
 * script the same way with or without the cache, wherever the package is installed
 * (https://v8.dev/docs/stack-trace-api: the script's sourceURL is preferred over its name).
 */
export function sourceUrlComment(name) {
  return `\n//# sourceURL=edgelint/${name}\n`;
}
