// esbuild options shared by scripts/build.mjs and the test that checks the committed Action bundle is
// not stale (test/integrations/action-bundle.test.ts): both must build with exactly these options, or
// the byte comparison would report drift that is only a difference of settings.

// Some dependencies are CommonJS and call require(); an ESM bundle needs a require of its own.
const banner = "import { createRequire as __edgelintCreateRequire } from 'node:module'; const require = __edgelintCreateRequire(import.meta.url);";

export const commonOptions = {
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
