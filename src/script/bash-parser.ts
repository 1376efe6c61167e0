/**
 * The fast shell parser: tree-sitter-bash (the grammar bash-language-server uses) running on
 * web-tree-sitter's WebAssembly runtime, its tree converted into the mvdan/sh-shaped tree of
 * shell-syntax.ts so that one reader serves both parsers.
 *
 * tree-sitter recovers from errors instead of stopping, and its bash grammar does not parse a few
 * valid constructs (two heredocs started on one line); `parseWithTreeSitter` therefore reports
 * whether the tree holds an error, and shell-parser.ts decides what to do then. web-tree-sitter
 * reports positions as UTF-16 offsets of the string it was given, the unit edgelint counts in.
 */
import type { Node as TreeSitterNode, Parser as TsParser } from 'web-tree-sitter';
import { withoutWasmTierUp } from '../core/v8-flags.js';
import { RawCursor, isBinding, type TreeSitterBinding } from './bash-copy.js';
import { Converter } from './bash-convert.js';
import type { File, Syn } from './bash-tree.js';
import type { ParsedScript } from './shell-syntax.js';

let parserPromise: Promise<TsParser> | undefined;
/** web-tree-sitter's emscripten module: the object given to Parser.init becomes it (emscripten's MODULARIZE). */
let binding: TreeSitterBinding | undefined;

/** Compiles tree-sitter's runtime and the bash grammar on first use (tens of milliseconds), once per process. */
function loadParser(): Promise<TsParser> {
  parserPromise ??= (async () => {
    // Both imported here, not at the top: their chunk (2 MB of inline WebAssembly in the bundles)
    // is loaded only by runs that read a script.
    const [{ Parser, Language }, { loadBashWasm }] = await Promise.all([import('web-tree-sitter'), import('./bash-wasm.js')]);
    const wasm = await loadBashWasm();
    const language = await withoutWasmTierUp(async () => {
      const module = { wasmBinary: wasm.runtime };
      await Parser.init(module);
      // Undefined if web-tree-sitter was started before with another object: the walk then goes
      // through its TreeCursor, the same tree more slowly.
      if (isBinding(module)) binding = module;
      return Language.load(wasm.bash);
    });
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

export type TreeSitterOutcome = { ok: true; script: ParsedScript } | { ok: false; message: string; offset: number };

/**
 * Parses `normalized` (LF line ends, well-formed UTF-16); `normToScript` maps its offsets back to the
 * script as read. A tree with an error yields the first error's offset and a description.
 */
export async function parseWithTreeSitter(normalized: string, normToScript: (offset: number) => number): Promise<TreeSitterOutcome> {
  const parser = await loadParser();
  const tree = parser.parse(normalized);
  if (!tree) return { ok: false, message: 'the shell parser failed', offset: 0 };
  try {
    const root = tree.rootNode;
    if (root.hasError) return { ok: false, ...describeError(root, normalized) };
    const converter = new Converter(normalized);
    const cursor = tree.walk();
    let file: File;
    try {
      if (binding) {
        const raw = RawCursor.open(binding, tree, cursor);
        try {
          file = converter.file(raw);
        } finally {
          raw.close(cursor);
        }
      } else {
        file = converter.file(cursor);
      }
    } finally {
      cursor.delete();
    }
    const all = converter.all;
    return {
      ok: true,
      script: {
        file,
        nodeType: (node) => (node as Syn).type,
        walk(_node, visit) {
          for (const node of all) visit(node);
        },
        offset: (pos) => normToScript(pos.Offset()),
        normalized,
        normToScript,
        byteToNorm: (offset) => offset,
        heredocEndsAfterDelimiter: false,
      },
    };
  } finally {
    // The tree lives in WebAssembly memory, which the JavaScript garbage collector does not free.
    tree.delete();
  }
}

// -------------------------------------------------------------------------------------------------
// Describing the first error
// -------------------------------------------------------------------------------------------------

/**
 * The first error in source order, described as bash would: a missing token (`fi`, a heredoc's
 * closing delimiter), an unterminated quote, or an unexpected token.
 */
function describeError(root: TreeSitterNode, text: string): { message: string; offset: number } {
  let node: TreeSitterNode = root;
  // Descend to the first node that is an error or missing token, or contains one.
  for (;;) {
    const inner: TreeSitterNode | undefined | null = node.children.find((c) => c !== null && (c.hasError || c.isMissing || c.isError));
    if (!inner) break;
    node = inner;
    if (inner.isMissing || (inner.isError && !inner.children.some((c) => c !== null && (c.isError || c.isMissing)))) break;
  }
  if (node.isMissing) {
    if (node.type === 'heredoc_end') {
      const redirect = node.parent;
      const start = redirect?.children.find((c) => c?.type === 'heredoc_start');
      return {
        message: `here-document delimited by end of file (wanted ${JSON.stringify(start?.text ?? '')})`,
        offset: redirect?.startIndex ?? node.startIndex,
      };
    }
    return { message: `missing ${JSON.stringify(node.type)}`, offset: node.startIndex };
  }
  if (node.isError) {
    // The first token the grammar could not place: a bare keyword or operator, or a quote left open.
    const first = node.children.find((c) => c !== null && (!c.isNamed || c.isError)) ?? node;
    const at = first.startIndex;
    const c = text[at];
    if ((c === '"' || c === "'" || c === '`') && !text.slice(at + 1).includes(c)) return { message: `reached end of file without closing quote ${c}`, offset: at };
    const token = text.slice(at, first.endIndex).split(/\s/)[0] || text.slice(at, at + 1);
    return { message: `unexpected ${JSON.stringify(token)}`, offset: at };
  }
  return { message: 'syntax error', offset: node.startIndex };
}
