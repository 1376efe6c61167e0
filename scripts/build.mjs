#!/usr/bin/env node
// Builds what users run: the CLI and library bundles (esbuild, ESM, Node 20; dependencies bundled so
// the CLI starts fast, with lazily loaded chunks for globby/Ajv/the shell parser), the Action bundle
// (action/dist/index.js, committed because GitHub runs it without `npm ci`), and type declarations.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

// Some dependencies are CommonJS and call require(); an ESM bundle needs a require of its own.
const banner = "import { createRequire as __edgelintCreateRequire } from 'node:module'; const require = __edgelintCreateRequire(import.meta.url);";

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  banner: { js: banner },
};

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist', { recursive: true });

await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
chmodSync('dist/cli.js', 0o755);

if (!process.argv.includes('--no-action') && existsSync('src/action.ts')) {
  await build({
    ...common,
    entryPoints: ['src/action.ts'],
    outfile: 'action/dist/index.js',
    // GitHub runs this one file: no chunks.
    splitting: false,
    // Stable output so the committed bundle can be compared with a fresh build.
    metafile: false,
  });
}

if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
}
