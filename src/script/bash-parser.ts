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
 * The first error in source order, described as bash would: a missing token (`fi`, a heredoc's
 * closing delimiter), an unterminated quote, or an unexpected token.
 */
function describeError(root: ErrorNode, text: string): { message: string; offset: number } {
  let node: ErrorNode = root;
  // Descend to the first node that is an error or missing token, or contains one.
  for (;;) {
    const inner: ErrorNode | undefined | null = node.children.find((c) => c !== null && (c.hasError || c.isMissing || c.isError));
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
