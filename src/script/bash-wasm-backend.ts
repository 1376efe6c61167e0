/**
 * tree-sitter-bash as WebAssembly on web-tree-sitter's runtime (bash-backend.ts): runs on every Node,
 * at the price of compiling both modules at every start (Node 20 cannot cache compiled WebAssembly;
 * docs/performance.md, "The shell parser").
 */
import type { Parser as TsParser } from 'web-tree-sitter';
import { loadPendingDelay, withoutWasmTierUp } from '../core/v8-flags.js';
import type { BashBackend, BashTree, ErrorNode } from './bash-backend.js';
import { RawCursor, isBinding, type TreeSitterBinding } from './bash-copy.js';

/** Compiles tree-sitter's runtime and the bash grammar (tens of milliseconds); call once per process. */
export async function loadWasmBackend(): Promise<BashBackend> {
  // Both imported here, not at the top: their chunk (2 MB of inline WebAssembly in the Action bundle)
  // is loaded only by runs that read a script.
  // This path loads node:v8 (withoutWasmTierUp): a TurboFan delay the command line left pending for
  // it is set first, so the web-tree-sitter chunk is read with its code cache (src/core/v8-flags.ts).
  await loadPendingDelay();
  const [{ Parser, Language }, { loadBashWasm }] = await Promise.all([import('web-tree-sitter'), import('./bash-wasm.js')]);
  const wasm = await loadBashWasm();
  /** web-tree-sitter's emscripten module: the object given to Parser.init becomes it (emscripten's MODULARIZE). */
  let binding: TreeSitterBinding | undefined;
  const language = await withoutWasmTierUp(async () => {
    const module = { wasmBinary: wasm.runtime };
    await Parser.init(module);
    // Undefined if web-tree-sitter was started before with another object: the walk then goes
    // through its TreeCursor, the same tree more slowly.
    if (isBinding(module)) binding = module;
    return Language.load(wasm.bash);
  });
  const parser: TsParser = new Parser();
  parser.setLanguage(language);
  return {
    name: 'wasm',
    parse(text: string): BashTree | undefined {
      const tree = parser.parse(text);
      if (!tree) return undefined;
      return {
        root: () => tree.rootNode as unknown as ErrorNode,
        read(read) {
          const cursor = tree.walk();
          try {
            if (!binding) return read(cursor);
            const raw = RawCursor.open(binding, tree, cursor);
            try {
              return read(raw);
            } finally {
              raw.close(cursor);
            }
          } finally {
            cursor.delete();
          }
        },
        // The tree lives in WebAssembly memory, which the JavaScript garbage collector does not free.
        dispose: () => tree.delete(),
      };
    },
  };
}
