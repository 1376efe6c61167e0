#!/usr/bin/env node
// Builds what users run: the CLI and library bundles (esbuild, ESM, Node 20; dependencies bundled so
// the CLI starts fast, with lazily loaded chunks for globby/Ajv/the shell parser), the Action bundle
// with --action (action/dist/index.js, committed because GitHub runs it without `npm ci`), and type
// declarations.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { actionOptions, CLI_CHUNKS, CLI_JS, cliChunkOptions, cliScriptOptions, commonOptions, finishCliScript, launcherOptions, shippedSchemaTable, vendorOptions, wasmFileOptions } from './build-options.mjs';
import { writeCliCodeCache } from './cli-code-cache.mjs';
import { precompiledValidatorsPlugin, writeEdgecoreCodeCaches, writeEdgecoreValidators } from './schema-validators.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

const common = commonOptions;

// Build beside dist/ and swap it in at the end, so a CLI test running while someone rebuilds never
// finds dist/ half-written or missing.
const staging = `dist.staging-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });

await build({
  ...common,
  // Whitespace and syntax only: the start of a one-file run is mostly parsing this code, while
  // identifiers stay readable in --debug stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  // The library stays ES modules; the CLI is the script below, started by dist/cli.cjs.
  entryPoints: { index: 'src/index.ts', 'yaml-worker': 'src/engine/yaml-worker.ts' },
  outdir: staging,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // JSON Schemas compiled here rather than at every start (the Action bundle keeps runtime Ajv: it
  // starts once per job, and one file is what GitHub runs).
  ...wasmFileOptions,
  plugins: [...wasmFileOptions.plugins, precompiledValidatorsPlugin(root)],
});
await build({ ...launcherOptions, outdir: staging });
writeFileSync(`${staging}/cli.js`, CLI_JS);
chmodSync(`${staging}/cli.cjs`, 0o755);
chmodSync(`${staging}/cli.js`, 0o755);
writeEdgecoreValidators(root, `${staging}/validators`);
writeEdgecoreCodeCaches(root, `${staging}/validators`);
// Read by the bundles on the first schema lookup (the lazy-k8s-schema-table plugin).
writeFileSync(`${staging}/k8s-schema.jsonl`, shippedSchemaTable(root));

// The CLI as one function compiled through vm.Script with a code cache made here (src/cli-launcher.ts,
// scripts/cli-code-cache.mjs), the lazily imported packages beside it as ES modules.
await build({ ...cliScriptOptions(precompiledValidatorsPlugin(root)), outdir: staging });
writeFileSync(`${staging}/cli-main.cjs`, finishCliScript(readFileSync(`${staging}/cli-main.cjs`, 'utf8')));
await build({ ...cliChunkOptions, outdir: staging });
for (const name of CLI_CHUNKS) writeFileSync(`${staging}/cli-chunks/${name}.cjs`, finishCliScript(readFileSync(`${staging}/cli-chunks/${name}.cjs`, 'utf8'), `dist/cli-chunks/${name}.cjs`));
await build({ ...vendorOptions, outdir: staging });
writeCliCodeCache(root, staging);

// Only on request (`npm run build:action`): the committed bundle must stay what was committed, so that
// test/integrations/action-bundle.test.ts can tell when it is stale (the test build and `npm ci` must
// not silently refresh it).
if (process.argv.includes('--action') && existsSync('src/action.ts')) {
  await build(actionOptions(root));
}

if (!process.argv.includes('--no-types')) {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--outDir', `${staging}/types`], { stdio: 'inherit' });
}

const retired = `dist.retired-${process.pid}`;
if (existsSync('dist')) renameSync('dist', retired);
renameSync(staging, 'dist');
rmSync(retired, { recursive: true, force: true });
