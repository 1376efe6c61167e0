/**
 * The shell syntax tree the script reader reads, in the shape of mvdan/sh's Go API
 * (https://pkg.go.dev/mvdan.cc/sh/v3/syntax): `Stmt`, `CallExpr`, `Word` and their parts. Two parsers
 * produce it: tree-sitter-bash (bash-parser.ts, the fast path) converts its tree into this shape, and
 * mvdan/sh (mvdan-parser.ts, the exact fallback) is this shape. Positions are parser offsets that
 * `ParsedScript.offset()` turns into offsets of the script text as read.
 */

/** A position as mvdan/sh's Go API exposes it (methods, not fields). */
export interface ShPos {
  Offset(): number;
}

/** Every syntax node: `Pos()` is its first character, `End()` one past its last. */
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
 * Operator codes of mvdan/sh's `token` enumeration as compiled into mvdan-sh 0.10.1 (compared as
 * numbers because the GopherJS wrapper exposes Go's integer enum); the tree-sitter conversion uses
 * the same codes. test/script/read-script.test.ts exercises each one a reading depends on.
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

/** `|` or `|&`: the operators that join a pipeline (left-nested: `a | b | c` is `(a | b) | c`). */
export function isPipeOp(op: number): boolean {
  return op === BinCmdOp.Pipe || op === BinCmdOp.PipeAll;
}

/** A parsed script: the tree, the node-type oracle, and offset conversion back to the script text. */
export interface ParsedScript {
  file: ShFile;
  /** mvdan/sh's node type names: `Stmt`, `CallExpr`, `Word`, `Lit`, `DblQuoted`, … */
  nodeType(node: ShNode): string;
  /** Visits, in source order, every node (at least every Stmt, CallExpr, BinaryCmd, DeclClause and WordIter). */
  walk(node: ShNode, visit: (node: ShNode) => void): void;
  /** A parser position as an offset into the script text as read. */
  offset(pos: ShPos): number;
  /** The script text as the parser saw it (CRLF → LF), with `normToScript` mapping its offsets back. */
  normalized: string;
  normToScript(offset: number): number;
  /** A parser offset (mvdan/sh: UTF-8 bytes; tree-sitter: UTF-16 units) as an offset into `normalized`. */
  byteToNorm(parserOffset: number): number;
  /**
   * mvdan/sh ends a heredoc body's last part after the closing delimiter word; tree-sitter ends the
   * body where the delimiter line starts.
   */
  heredocEndsAfterDelimiter: boolean;
  /**
   * Statements the parser left out of the tree unread, as [start, end) offsets into `normalized`:
   * nothing in their text can matter to the reader (bash-copy.ts mayMatter).
   */
  skipped?: ReadonlyArray<readonly [number, number]>;
}

export type ParseOutcome = { ok: true; script: ParsedScript } | { ok: false; message: string; offset: number };
