/**
 * The fast shell parser: tree-sitter-bash (the grammar bash-language-server uses), natively or as
 * WebAssembly (bash-backend.ts), its tree converted into the mvdan/sh-shaped tree of shell-syntax.ts
 * so that one reader serves both parsers.
 *
 * tree-sitter recovers from errors instead of stopping, and its bash grammar does not parse a few
 * valid constructs (two heredocs started on one line); `parseWithTreeSitter` therefore reports
 * whether the tree holds an error, and shell-parser.ts decides what to do then. Both backends
 * report positions as UTF-16 offsets of the string they were given, the unit edgelint counts in.
 */
import type { BashBackend, ErrorNode } from './bash-backend.js';
import { Converter } from './bash-convert.js';
import type { Syn } from './bash-tree.js';
import { loadNativeBackend } from './bash-native-backend.js';
import { loadWasmBackend } from './bash-wasm-backend.js';
import type { ParsedScript } from './shell-syntax.js';

let backendPromise: Promise<BashBackend> | undefined;
/** Set by tests only (test/setup.ts): which backend every parse in this process uses. */
let forced: BashBackend['name'] | undefined;

/** The native backend where its addons load, WebAssembly otherwise; chosen once per process. */
export function shellBackend(): Promise<BashBackend> {
  backendPromise ??= (async () => {
    if (forced === 'wasm') return loadWasmBackend();
    const native = loadNativeBackend();
    if (native) return native;
    if (forced === 'native') throw new Error('the native tree-sitter backend does not load here');
    return loadWasmBackend();
  })();
  return backendPromise;
}

/** For tests: run every later parse on one backend (`undefined`: choose as a user's run does). */
export function forceShellBackendForTests(name: BashBackend['name'] | undefined): void {
  forced = name;
  backendPromise = undefined;
}

/**
 * bash keeps a `$` that starts no expansion (not followed by a name, a digit, a special parameter,
 * `{`, `(`, `[` or a quote) as a literal character of its word (subst.c `param_expand` expands it to
 * itself), so `sed /^$/d` passes the word `/^$/d`. The
 * tree-sitter-bash grammar has no token for such a `$` when a character like `/` follows, and its
 * error would send the whole script to the slow parser. Each such `$` is handed to tree-sitter as `.`
 * — one UTF-16 unit for one, an ordinary word character that is no name character, so no word turns
 * into an assignment — and the converter reads every word from the unmasked text. A backslash pair
 * and `$$` (the shell's PID) are skipped whole so the `$` after them is judged on its own.
 */
const LITERAL_DOLLAR = /\\[\s\S]|\$\$|\$(?=[/.,%+:^~\]}=);|&<>])/g;

export function maskLiteralDollars(text: string): string {
  if (!text.includes('$')) return text;
  return text.replace(LITERAL_DOLLAR, (match) => (match === '$' ? '.' : match));
}

export type TreeSitterOutcome = { ok: true; script: ParsedScript } | { ok: false; message: string; offset: number };

/**
 * Parses `normalized` (LF line ends, well-formed UTF-16); `normToScript` maps its offsets back to the
 * script as read. A tree with an error yields the first error's offset and a description.
 */
export async function parseWithTreeSitter(normalized: string, normToScript: (offset: number) => number): Promise<TreeSitterOutcome> {
  return parseWithBackend(await shellBackend(), normalized, normToScript);
}

/** parseWithTreeSitter on a given backend. */
export function parseWithBackend(backend: BashBackend, normalized: string, normToScript: (offset: number) => number): TreeSitterOutcome {
  const tree = backend.parse(maskLiteralDollars(normalized));
  if (!tree) return { ok: false, message: 'the shell parser failed', offset: 0 };
  try {
    const root = tree.root();
    if (root.hasError) return { ok: false, ...describeError(root, normalized) };
    const converter = new Converter(normalized);
    const file = tree.read((cursor) => converter.file(cursor));
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
        skipped: converter.skipped,
      },
    };
  } finally {
    tree.dispose();
  }
}

// -------------------------------------------------------------------------------------------------
// Describing the first error
// -------------------------------------------------------------------------------------------------

/**
 * How far past its first unplaced token the children of an ERROR node are read. The ERROR node an
 * unclosed construct leaves holds every token after it (hostile16: 50,000 `if true; then` without
 * `fi`, 250,000 children, each built as an object twice and asked three questions, 1.5-4 s of the
 * run). A child with an error further on than this is after that token in the script, and the token
 * is reported instead.
 */
export const MAX_ERROR_CHILDREN = 4096;

/** What the error description needs of one node's children, read in one pass through a cursor (`children` builds them all). */
interface ChildScan {
  /** The first child that is an error or missing token or holds one. */
  inner?: ErrorNode;
  /** The first child that is a token or an error: in an ERROR node, the first token the grammar could not place. */
  token?: ErrorNode;
  /** Whether a child is an error or missing token itself. */
  errorOrMissing: boolean;
}

function scanChildren(node: ErrorNode): ChildScan {
  const isError = node.isError;
  const scan: ChildScan = { errorOrMissing: false };
  const cursor = node.walk();
  try {
    if (!cursor.gotoFirstChild()) return scan;
    let past = 0;
    do {
      const child = cursor.currentNode;
      // ts_node_has_error (tree-sitter lib/src/node.c) is true of a MISSING node and of any node holding
      // an error, though not of an ERROR leaf the lexer made (subtree.c ts_subtree_new_error).
      if (scan.inner === undefined && (child.hasError || child.isError)) scan.inner = child;
      if (!isError) {
        if (scan.inner) break;
        continue;
      }
      if (!scan.errorOrMissing && (child.isError || child.isMissing)) scan.errorOrMissing = true;
      if (scan.token === undefined && (!child.isNamed || child.isError)) scan.token = child;
      if (scan.token && ((scan.inner && scan.errorOrMissing) || ++past > MAX_ERROR_CHILDREN)) break;
    } while (cursor.gotoNextSibling());
    return scan;
  } finally {
    cursor.delete?.();
  }
}

/**
 * The first error in source order, described as bash would: a missing token (`fi`, a heredoc's
 * closing delimiter), an unterminated quote, or an unexpected token.
 */
function describeError(root: ErrorNode, text: string): { message: string; offset: number } {
  let node: ErrorNode = root;
  let scan = scanChildren(node);
  // Descend to the first node that is an error or missing token, or contains one.
  for (;;) {
    const inner = scan.inner;
    if (!inner) break;
    node = inner;
    if (inner.isMissing) break;
    scan = scanChildren(inner);
    if (inner.isError && !scan.errorOrMissing) break;
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
    const first = scan.token ?? node;
    const at = first.startIndex;
    const c = text[at];
    if ((c === '"' || c === "'" || c === '`') && !text.slice(at + 1).includes(c)) return { message: `reached end of file without closing quote ${c}`, offset: at };
    const token = text.slice(at, first.endIndex).split(/\s/)[0] || text.slice(at, at + 1);
    return { message: `unexpected ${JSON.stringify(token)}`, offset: at };
  }
  return { message: 'syntax error', offset: node.startIndex };
}
