/**
 * The exact fallback parser: mvdan/sh (the parser behind shfmt) as compiled to JavaScript by the
 * `mvdan-sh` package. It parses every script bash parses and words its errors as bash users know
 * them, but it is a GopherJS build costing about a millisecond per statement, so shell-parser.ts
 * uses it only for small scripts the fast parser (tree-sitter-bash) does not parse cleanly.
 *
 * mvdan/sh reports positions as UTF-8 byte offsets into the text it was given
 * (https://pkg.go.dev/mvdan.cc/sh/v3/syntax#Pos.Offset); `ParsedScript.offset()` converts them.
 */
import { byteOffsetMapper } from './line-ends.js';
import type { ParseOutcome, ShFile, ShNode } from './shell-syntax.js';

interface MvdanSyntax {
  NewParser(...options: unknown[]): { Parse(src: string, name: string): ShFile };
  KeepComments(keep: boolean): unknown;
  Variant(lang: unknown): unknown;
  LangBash: unknown;
  Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
  NodeType(node: ShNode): string;
}

let syntaxPromise: Promise<MvdanSyntax> | undefined;

/** Loads mvdan-sh on first use: evaluating its 1.5 MB of transpiled Go takes a noticeable fraction of a second. */
function loadSyntax(): Promise<MvdanSyntax> {
  syntaxPromise ??= (async () => {
    // The GopherJS runtime sets `Error.stackTraceLimit = Infinity` and `global.require` while it
    // initialises; both leak into the host process (every later Error then records its whole stack).
    // Parsing needs neither afterwards, so the previous values are put back.
    const g = globalThis as { require?: unknown };
    const hadRequire = Object.prototype.hasOwnProperty.call(g, 'require');
    const previousRequire = g.require;
    const previousLimit = Error.stackTraceLimit;
    try {
      const mod = (await import('mvdan-sh')) as { default?: unknown };
      const sh = (mod.default ?? mod) as { syntax: MvdanSyntax };
      return sh.syntax;
    } finally {
      Error.stackTraceLimit = previousLimit;
      if (hadRequire) g.require = previousRequire;
      else delete g.require;
    }
  })();
  return syntaxPromise;
}

/**
 * Parses `normalized` (LF line ends, well-formed UTF-16) as bash; `normToScript` maps its offsets
 * back to the script as read.
 */
export async function parseWithMvdan(normalized: string, normToScript: (offset: number) => number): Promise<ParseOutcome> {
  const syntax = await loadSyntax();
  const byteToNorm = byteOffsetMapper(normalized);
  let file: ShFile;
  try {
    file = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash)).Parse(normalized, '');
  } catch (error) {
    const { message, byteOffset } = describeParseError(error);
    return { ok: false, message, offset: normToScript(byteToNorm(byteOffset)) };
  }
  return {
    ok: true,
    script: {
      file,
      nodeType: (node) => syntax.NodeType(node),
      walk(node, visit) {
        syntax.Walk(node, (n) => {
          if (n) visit(n);
          return true;
        });
      },
      offset: (pos) => normToScript(byteToNorm(pos.Offset())),
      normalized,
      normToScript,
      byteToNorm,
      heredocEndsAfterDelimiter: true,
    },
  };
}

function describeParseError(error: unknown): { message: string; byteOffset: number } {
  const e = error as { Text?: unknown; Error?: unknown; Pos?: { Offset?: unknown }; message?: unknown } | null;
  let message = 'the shell parser failed';
  let byteOffset = 0;
  if (e && typeof e === 'object') {
    if (typeof e.Text === 'string' && e.Text) message = e.Text;
    else if (typeof e.Error === 'function') message = String((e.Error as () => unknown)());
    else if (typeof e.message === 'string') message = e.message;
    try {
      if (e.Pos && typeof e.Pos.Offset === 'function') byteOffset = Number((e.Pos.Offset as () => unknown)()) || 0;
    } catch {
      byteOffset = 0;
    }
  } else if (typeof error === 'string') {
    message = error;
  }
  return { message, byteOffset };
}
