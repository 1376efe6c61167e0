/**
 * The shell parser: mvdan/sh (the parser behind shfmt) as compiled to JavaScript by the `mvdan-sh`
 * package, behind a narrow typed surface.
 *
 * mvdan/sh reports positions as UTF-8 byte offsets into the text it was given
 * (https://pkg.go.dev/mvdan.cc/sh/v3/syntax#Pos.Offset); everything else in edgelint counts UTF-16
 * code units. `ParsedScript.offset()` converts, and also undoes the CRLF normalisation below, so callers
 * only ever see offsets into the script text exactly as read.
 */

/** A position as mvdan/sh's Go API exposes it (methods, not fields). */
export interface ShPos {
  Offset(): number;
  Line(): number;
  Col(): number;
  IsValid(): boolean;
}

/** Every syntax node: `Pos()` is its first byte, `End()` one past its last. */
export interface ShNode {
  Pos(): ShPos;
  End(): ShPos;
}

export interface ShLit extends ShNode {
  Value: string;
}

export interface ShWord extends ShNode {
  Parts: ShNode[];
}

export interface ShSglQuoted extends ShNode {
  /** `$'…'`: ANSI-C quoting, whose escapes we do not evaluate. */
  Dollar: boolean;
  Value: string;
}

export interface ShDblQuoted extends ShNode {
  /** `$"…"`: locale translation; its text is still the literal. */
  Dollar: boolean;
  Parts: ShNode[];
}

export interface ShParamExp extends ShNode {
  Short: boolean;
  Param: ShLit | null;
}

export interface ShCmdSubst extends ShNode {
  Stmts: ShStmt[];
}

export interface ShAssign extends ShNode {
  Name: ShLit | null;
  Value: ShWord | null;
  Naked: boolean;
  Append: boolean;
  Array: unknown;
  Index: unknown;
}

export interface ShRedirect extends ShNode {
  OpPos: ShPos;
  Op: number;
  N: ShLit | null;
  Word: ShWord | null;
  Hdoc: ShWord | null;
}

export interface ShStmt extends ShNode {
  Cmd: ShNode | null;
  Redirs: ShRedirect[];
  Negated: boolean;
  Background: boolean;
}

export interface ShCallExpr extends ShNode {
  Assigns: ShAssign[];
  Args: ShWord[];
}

export interface ShBinaryCmd extends ShNode {
  Op: number;
  X: ShStmt;
  Y: ShStmt;
}

export interface ShDeclClause extends ShNode {
  Variant: ShLit | null;
  Args: ShAssign[];
}

export interface ShWordIter extends ShNode {
  Name: ShLit | null;
}

export interface ShFile extends ShNode {
  Stmts: ShStmt[];
}

/**
 * Operator codes of this build of mvdan/sh (the `token` enumeration of v3 compiled into mvdan-sh
 * 0.10.1). They are compared as numbers because the GopherJS wrapper exposes Go's integer enum;
 * test/script/read-script.test.ts exercises each one a reading depends on.
 */
export const RedirOp = {
  RdrOut: 54, // >
  AppOut: 55, // >>
  RdrIn: 56, // <
  RdrInOut: 57, // <>
  DplIn: 58, // <&
  DplOut: 59, // >&
  ClbOut: 60, // >|
  Hdoc: 61, // <<
  DashHdoc: 62, // <<-
  WordHdoc: 63, // <<<
  RdrAll: 64, // &>
  AppAll: 65, // &>>
} as const;

export const BinCmdOp = {
  AndStmt: 10, // &&
  OrStmt: 11, // ||
  Pipe: 12, // |
  PipeAll: 13, // |&
} as const;

interface MvdanSyntax {
  NewParser(...options: unknown[]): { Parse(src: string, name: string): ShFile };
  KeepComments(keep: boolean): unknown;
  Variant(lang: unknown): unknown;
  LangBash: unknown;
  Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
  NodeType(node: ShNode): string;
}

let syntaxPromise: Promise<MvdanSyntax> | undefined;

/**
 * Loads mvdan-sh on first use: evaluating its 1.5 MB of transpiled Go takes a noticeable fraction of
 * a second, which a run without scripts (a pre-commit hook on one YAML file) should not pay.
 */
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

/** A parsed script: the tree, the node-type oracle, and offset conversion back to the script text. */
export interface ParsedScript {
  file: ShFile;
  nodeType(node: ShNode): string;
  walk(node: ShNode, visit: (node: ShNode) => void): void;
  /** A parser position (byte offset) as an offset into the script text as read. */
  offset(pos: ShPos): number;
  /** The script text as the parser saw it (CRLF → LF), with `normToScript` mapping its offsets back. */
  normalized: string;
  normToScript(offset: number): number;
  /** A parser byte offset as an offset into `normalized`. */
  byteToNorm(byteOffset: number): number;
}

export type ParseOutcome = { ok: true; script: ParsedScript } | { ok: false; message: string; offset: number };

/**
 * Parses `text` as bash. Bash is used for `#!/bin/sh` scripts too: install scripts written for `sh`
 * routinely run under bash on the distributions KubeEdge supports, and bash accepts every POSIX
 * construct, so the bash grammar only ever accepts more.
 */
export async function parseShell(text: string): Promise<ParseOutcome> {
  const syntax = await loadSyntax();
  const { normalized, normToScript } = normalizeLineEnds(text);
  // Go strings must be valid UTF-8; an unpaired surrogate (possible in a JS string, never in a file
  // decoded as UTF-8) is replaced by U+FFFD, which has the same UTF-16 length, so offsets hold.
  const wellFormed = replaceLoneSurrogates(normalized);
  const byteToNorm = byteOffsetMapper(wellFormed);
  let file: ShFile;
  try {
    file = syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash)).Parse(wellFormed, '');
  } catch (error) {
    const { message, byteOffset } = describeParseError(error);
    return { ok: false, message, offset: normToScript(byteToNorm(byteOffset)) };
  }
  const script: ParsedScript = {
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
  };
  return { ok: true, script };
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

/**
 * Bash reads a CR before LF as an ordinary character (so `EOF\r` never closes a heredoc and every
 * word gains a trailing CR). A script with CRLF line ends is almost always a Windows checkout of a
 * script meant to run as LF, so it is read as that script; offsets map back to the CRLF text.
 */
function normalizeLineEnds(text: string): { normalized: string; normToScript: (offset: number) => number } {
  if (!text.includes('\r\n')) return { normalized: text, normToScript: (o) => o };
  // removedBefore[k] = N-offset of the LF that followed the k-th removed CR.
  const lfAfterCr: number[] = [];
  let normalized = '';
  let last = 0;
  let removed = 0;
  let i = text.indexOf('\r\n');
  while (i !== -1) {
    normalized += text.slice(last, i);
    lfAfterCr.push(i - removed);
    removed++;
    last = i + 1;
    i = text.indexOf('\r\n', i + 2);
  }
  normalized += text.slice(last);
  const normToScript = (offset: number): number => {
    // Count removed CRs whose LF sits at or before `offset`: each shifts the script offset by one.
    let lo = 0;
    let hi = lfAfterCr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lfAfterCr[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  };
  return { normalized, normToScript };
}

function replaceLoneSurrogates(text: string): string {
  let out: string[] | undefined;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    out ??= [];
    out.push(text.slice(last, i), '\ufffd');
    last = i + 1;
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

/** Maps UTF-8 byte offsets of `text` to UTF-16 offsets; identity for ASCII text. */
function byteOffsetMapper(text: string): (byteOffset: number) => number {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return (b) => Math.max(0, Math.min(b, text.length));
  const table: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    const bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) table.push(i);
    if (c >= 0x10000) i++;
  }
  const byteLength = table.length;
  return (b) => {
    if (b <= 0) return 0;
    if (b >= byteLength) return text.length;
    return table[b];
  };
}
