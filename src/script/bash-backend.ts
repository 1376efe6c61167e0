/**
 * The two ways edgelint runs tree-sitter-bash, behind one shape (issue #13):
 *
 * - native (bash-native-backend.ts): node-tree-sitter's N-API addon and tree-sitter-bash's own
 *   prebuilt addon, both optional dependencies. Nothing to compile at start: the 68-line example
 *   script loads and parses in ~28 M instructions where the WebAssembly path takes ~212 M.
 * - WebAssembly (bash-wasm-backend.ts): web-tree-sitter and tree-sitter-bash.wasm, which every Node
 *   runs; the fallback when the addons are absent or do not load, and the only backend of the
 *   one-file GitHub Action bundle.
 *
 * Both run the same grammar (the tree-sitter-bash package ships its C sources, its prebuilt addons and
 * its .wasm from one release) and both report offsets in UTF-16 code units of the JavaScript string,
 * the unit edgelint counts in; test/script/bash-backends.test.ts checks they convert to the same tree.
 */
import type { CursorView } from './bash-copy.js';

/** What the error description reads of a node: web-tree-sitter's `Node` and node-tree-sitter's `SyntaxNode` both have it. */
export interface ErrorNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly text: string;
  readonly hasError: boolean;
  readonly isMissing: boolean;
  readonly isError: boolean;
  readonly isNamed: boolean;
  readonly parent: ErrorNode | null;
  readonly children: ReadonlyArray<ErrorNode | null>;
  /** A cursor at this node: its children one at a time, where `children` builds an object for each at once. */
  walk(): ErrorCursor;
}

/** What the error description reads of a cursor (both packages' TreeCursor; web-tree-sitter's must be deleted). */
export interface ErrorCursor {
  readonly currentNode: ErrorNode;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  delete?(): void;
}

/** One parsed script; `dispose` frees what the JavaScript heap does not hold (WebAssembly memory). */
export interface BashTree {
  root(): ErrorNode;
  /** Walks the tree from its root with a cursor that is valid only during `read`. */
  read<T>(read: (cursor: CursorView) => T): T;
  dispose(): void;
}

export interface BashBackend {
  readonly name: 'native' | 'wasm';
  /** Parses `text` (LF line ends, well-formed UTF-16); undefined if the parser gave no tree. */
  parse(text: string): BashTree | undefined;
}
