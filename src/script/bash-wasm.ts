/**
 * The two WebAssembly modules the fast shell parser needs: tree-sitter's runtime (shipped in the
 * `web-tree-sitter` package) and the bash grammar (shipped in `tree-sitter-bash`). Running from the
 * sources (tests, `tsc` output) they are read from node_modules. The bundles (dist/, the Action's
 * one-file action/dist/index.js) do not import this module: scripts/build-options.mjs replaces it
 * with one that carries both modules' bytes inline, so no bundle looks for a .wasm file at run time.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export interface BashWasm {
  runtime: Uint8Array;
  bash: Uint8Array;
}

export async function loadBashWasm(): Promise<BashWasm> {
  const resolveFrom = createRequire(import.meta.url);
  const [runtime, bash] = await Promise.all([
    readFile(resolveFrom.resolve('web-tree-sitter/web-tree-sitter.wasm')),
    readFile(resolveFrom.resolve('tree-sitter-bash/tree-sitter-bash.wasm')),
  ]);
  return { runtime, bash };
}
