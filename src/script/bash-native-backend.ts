/**
 * tree-sitter-bash through node-tree-sitter's N-API addon (bash-backend.ts). Both packages are
 * optional dependencies: either may be missing (an install that skipped them, a platform without a
 * prebuilt addon and no compiler), or its addon may not load (tree-sitter 0.25.1's linux-x64 prebuild
 * needs libstdc++ from GCC 13, GLIBCXX_3.4.31, which Debian 12 and Ubuntu 22.04 lack, so there npm
 * compiles it at install or it is absent). Any failure to load means WebAssembly instead, never an
 * error of the run.
 */
import type { BashBackend, BashTree, ErrorNode } from './bash-backend.js';
import type { CursorView } from './bash-copy.js';
import { requireNativeBash } from './bash-native-load.js';

/** What edgelint calls of node-tree-sitter (tree-sitter.d.ts of tree-sitter 0.25). */
interface NativeParser {
  setLanguage(language: unknown): void;
  parse(input: string): NativeTree | null | undefined;
}
interface NativeTree {
  readonly rootNode: ErrorNode;
  walk(): CursorView;
}
type NativeParserClass = new () => NativeParser;

/** The native backend, or undefined if its packages are absent or their addons do not load here. */
export function loadNativeBackend(): BashBackend | undefined {
  let parser: NativeParser;
  try {
    const loaded = requireNativeBash();
    if (!loaded || typeof loaded.runtime !== 'function') return undefined;
    const runtime = loaded.runtime as NativeParserClass & { SyntaxNode?: unknown };
    parser = new runtime();
    // Throws if the grammar's ABI is one the runtime does not read.
    parser.setLanguage(withPlainNodes(loaded.bash, runtime.SyntaxNode));
  } catch {
    return undefined;
  }
  return {
    name: 'native',
    parse(text: string): BashTree | undefined {
      const tree = parser.parse(text);
      if (!tree) return undefined;
      return {
        root: () => tree.rootNode,
        read: (read) => read(tree.walk()),
        // The addon's tree and cursors are freed with their JavaScript objects.
        dispose() {},
      };
    },
  };
}

/**
 * The grammar as node-tree-sitter's setLanguage sees it, without the typed node classes it would build
 * (index.js initializeLanguageNodeClasses: a class compiled with `new Function` per named node type,
 * with field getters; 7-12 ms of a script run, a tenth of a 68-line script's). Those classes only add
 * those getters and a `type` the base class reads from the tree anyway, and nothing here uses them: every
 * node is made a plain SyntaxNode. A derived object, so the tree-sitter-bash module (which another
 * user of the process may share) is left as it was.
 */
function withPlainNodes(language: unknown, syntaxNode: unknown): unknown {
  if (typeof language !== 'object' || language === null || typeof syntaxNode !== 'function') return language;
  const plain = new Proxy([], { get: () => syntaxNode });
  return Object.assign(Object.create(language) as object, { nodeSubclasses: plain });
}
