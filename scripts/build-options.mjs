// esbuild options shared by scripts/build.mjs and the test that checks the committed Action bundle is
// not stale (test/integrations/action-bundle.test.ts): both must build with exactly these options, or
// the byte comparison would report drift that is only a difference of settings.

// Some dependencies are CommonJS and call require(); an ESM bundle needs a require of its own.
const banner = "import { createRequire as __edgelintCreateRequire } from 'node:module'; const require = __edgelintCreateRequire(import.meta.url);";

/**
 * The fast shell parser needs two WebAssembly modules (src/script/bash-wasm.ts). Bundles carry their
 * bytes inline (esbuild's `binary` loader) instead of reading them from node_modules, so dist/ and the
 * one-file Action bundle work wherever they are copied. The module's path stays root-relative, so the
 * bundle is the same on every machine.
 */
const inlineBashWasm = {
  name: 'inline-bash-wasm',
  setup(build) {
    build.onResolve({ filter: /[\\/]bash-wasm\.js$/ }, (args) => {
      if (!/src[\\/]script$/.test(args.resolveDir)) return undefined;
      return { path: 'bash-wasm', namespace: 'inline-bash-wasm' };
    });
    build.onLoad({ filter: /.*/, namespace: 'inline-bash-wasm' }, () => ({
      contents: [
        "import runtime from 'web-tree-sitter/web-tree-sitter.wasm';",
        "import bash from 'tree-sitter-bash/tree-sitter-bash.wasm';",
        'export async function loadBashWasm() { return { runtime, bash }; }',
      ].join('\n'),
      resolveDir: build.initialOptions.absWorkingDir ?? process.cwd(),
      loader: 'js',
    }));
  },
};

export const commonOptions = {
  plugins: [inlineBashWasm],
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
