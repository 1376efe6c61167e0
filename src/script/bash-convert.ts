/**
 * tree-sitter-bash's tree → the mvdan/sh-shaped tree of shell-syntax.ts (bash-tree.ts), so one
 * reader serves both parsers. Node types per tree-sitter-bash 0.25's src/node-types.json.
 */
import { Assign, BinaryCmd, CallExpr, CmdSubst, DblQuoted, DeclClause, File, Lit, Offset, ParamExp, Redirect, SglQuoted, Stmt, Syn, Word, WordIter } from './bash-tree.js';
import { pushAll } from '../core/arrays.js';
import { BinCmdOp, RedirOp, isPipeOp } from './shell-syntax.js';
import { STATEMENTS, copySubtree, mayMatter, type CursorView, type TNode } from './bash-copy.js';

const FILE_REDIRECT_OPS: ReadonlyMap<string, number> = new Map([
  ['>', RedirOp.RdrOut],
  ['>>', RedirOp.AppOut],
  ['<', RedirOp.RdrIn],
  ['<>', RedirOp.RdrInOut],
  ['<&', RedirOp.DplIn],
  ['<&-', RedirOp.DplIn],
  ['>&', RedirOp.DplOut],
  ['>&-', RedirOp.DplOut],
  ['>|', RedirOp.ClbOut],
  ['&>', RedirOp.RdrAll],
  ['&>>', RedirOp.AppAll],
]);

/** Node types that are expansions inside a double-quoted string or an unquoted heredoc body. */
const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution']);

/**
 * tree-sitter → mvdan/sh shape. `all` lists the statement-level nodes in source order (a statement
 * before the statements inside it), which is what the reader walks.
 */
export class Converter {
  readonly all: Syn[] = [];
  /** Statements left unread because nothing in them can matter to the reader (bash-copy.ts mayMatter). */
  readonly skipped: Array<[number, number]> = [];

  constructor(private readonly text: string) {}

  /** Converts the tree one top-level statement at a time, so only one statement's copy is held at once. */
  file(cursor: CursorView): File {
    const file = new File(cursor.startIndex, cursor.endIndex);
    if (!cursor.gotoFirstChild()) return file;
    do {
      const type = cursor.nodeType;
      if (!STATEMENTS.has(type) || !cursor.nodeIsNamed) continue;
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      if (mayMatter(this.text, start, end)) file.Stmts.push(this.statement(copySubtree(cursor, null, this.text, this.skipped, type, start, end)));
      else this.skipped.push([start, end]);
    } while (cursor.gotoNextSibling());
    return file;
  }

  // ---------------------------------------------------------------------------------------------
  // Statements
  // ---------------------------------------------------------------------------------------------

  private statement(node: TNode): Stmt {
    const stmt = new Stmt(node.startIndex, node.endIndex);
    this.all.push(stmt);
    this.fill(stmt, node);
    return stmt;
  }

  /** Gives `stmt` the command of `node` (and, for a redirected statement, its redirections). */
  private fill(stmt: Stmt, node: TNode): void {
    switch (node.type) {
      case 'redirected_statement':
        this.redirected(stmt, node);
        return;
      case 'command':
        stmt.Cmd = this.command(stmt, node);
        return;
      case 'variable_assignment':
      case 'variable_assignments': {
        const call = new CallExpr(node.startIndex, node.endIndex);
        this.all.push(call);
        for (const a of node.type === 'variable_assignment' ? [node] : node.namedChildren) {
          if (a?.type === 'variable_assignment') call.Assigns.push(this.assign(a));
        }
        stmt.Cmd = call;
        return;
      }
      case 'declaration_command':
        stmt.Cmd = this.declaration(node);
        return;
      case 'unset_command': {
        const call = new CallExpr(node.startIndex, node.endIndex);
        this.all.push(call);
        for (const child of node.children) if (child) call.Args.push(child.isNamed ? this.word(child) : this.literalWord(child));
        stmt.Cmd = call;
        return;
      }
      case 'negated_command': {
        stmt.Negated = true;
        const inner = node.namedChildren.find((c) => c !== null && STATEMENTS.has(c.type));
        if (inner) this.fill(stmt, inner);
        return;
      }
      case 'pipeline':
        stmt.Cmd = this.pipeline(this.pipelineMembers(node));
        return;
      case 'list':
        stmt.Cmd = this.list(node);
        return;
      default:
        stmt.Cmd = this.block(node);
    }
  }

  /** `body redirect…`: a heredoc redirection may carry the rest of the line (`| tee F`, `&& cmd`). */
  private redirected(stmt: Stmt, node: TNode): void {
    const body = node.childForFieldName('body');
    let target = stmt;
    if (body) {
      if (body.type === 'pipeline') {
        // `a | b > F`: the redirection belongs to the last command of the pipeline.
        const members = this.pipelineMembers(body);
        stmt.Cmd = this.pipeline(members);
        target = members[members.length - 1];
      } else {
        this.fill(stmt, body);
        // tree-sitter-bash attaches `a && b > F` redirections to the list; bash to its last command.
        while (target.Cmd instanceof BinaryCmd) target = target.Cmd.Y;
      }
    }
    stmt.end = node.endIndex;
    if (body?.type === 'command' && target.Cmd instanceof CallExpr) this.recoverDroppedDash(target.Cmd, body, node);
    for (const child of node.namedChildren) {
      if (!child || child === body) continue;
      const continuation = this.redirect(target, child);
      if (continuation) {
        // The heredoc's command line goes on: `cat <<EOF | tee F` or `cat <<EOF && next`.
        this.continueLine(stmt, target, continuation);
      }
    }
  }

  /**
   * tree-sitter-bash leaves a lone `-` right before a heredoc out of the tree: in `kubectl apply -f -
   * <<EOF` and `cat - <<EOF` the command ends before the `-` and the heredoc redirection starts after
   * it. bash passes it to the command as an argument (standard input, for the programs that take one),
   * so it is put back as the command's last word.
   */
  private recoverDroppedDash(call: CallExpr, body: TNode, node: TNode): void {
    const heredoc = node.namedChildren.find((c) => c?.type === 'heredoc_redirect');
    if (!heredoc || heredoc.startIndex <= body.endIndex) return;
    const gap = /^([ \t]+)-[ \t]+$/.exec(this.text.slice(body.endIndex, heredoc.startIndex));
    if (!gap) return;
    const at = body.endIndex + gap[1].length;
    call.Args.push(new Word(at, at + 1, [new Lit(at, at + 1, '-')]));
  }

  /** Adds the redirection `node` to `stmt`; returns the rest of a heredoc's command line, if any. */
  private redirect(stmt: Stmt, node: TNode): { op: number; rest: TNode } | undefined {
    if (node.type === 'file_redirect') {
      const descriptor = node.childForFieldName('descriptor');
      const operator = node.children.find((c) => c !== null && !c.isNamed);
      const destinations = node.childrenForFieldName('destination').filter((c): c is TNode => c !== null);
      const op = FILE_REDIRECT_OPS.get(operator?.type ?? '') ?? RedirOp.RdrOut;
      stmt.Redirs.push(
        new Redirect(
          node.startIndex,
          node.endIndex,
          new Offset(operator?.startIndex ?? node.startIndex),
          op,
          descriptor ? this.lit(descriptor) : null,
          destinations[0] ? this.word(destinations[0]) : null,
          null,
        ),
      );
      // tree-sitter-bash takes every word after `> F` into the redirection; bash passes them to the command.
      if (stmt.Cmd instanceof CallExpr) for (const extra of destinations.slice(1)) stmt.Cmd.Args.push(this.word(extra));
      return undefined;
    }
    if (node.type === 'herestring_redirect') {
      const operator = node.children.find((c) => c !== null && !c.isNamed);
      const word = node.namedChildren.find((c) => c !== null && c.type !== 'file_descriptor');
      const descriptor = node.namedChildren.find((c) => c?.type === 'file_descriptor');
      stmt.Redirs.push(
        new Redirect(node.startIndex, node.endIndex, new Offset(operator?.startIndex ?? node.startIndex), RedirOp.WordHdoc, descriptor ? this.lit(descriptor) : null, word ? this.word(word) : null, null),
      );
      return undefined;
    }
    if (node.type === 'heredoc_redirect') return this.heredoc(stmt, node);
    return undefined;
  }

  private heredoc(stmt: Stmt, node: TNode): { op: number; rest: TNode } | undefined {
    let op: number = RedirOp.Hdoc;
    let opStart = node.startIndex;
    let start: TNode | undefined;
    let body: TNode | undefined;
    let end: TNode | undefined;
    let continuation: { op: number; rest: TNode } | undefined;
    let pendingOp: number | undefined;
    const later: TNode[] = [];
    for (const child of node.children) {
      if (!child) continue;
      const type = child.type;
      if (type === '<<' || type === '<<-') {
        op = type === '<<-' ? RedirOp.DashHdoc : RedirOp.Hdoc;
        opStart = child.startIndex;
      } else if (type === 'heredoc_start') start = child;
      else if (type === 'heredoc_body') body = child;
      else if (type === 'heredoc_end') end = child;
      else if (type === '&&' || type === '||') pendingOp = type === '&&' ? BinCmdOp.AndStmt : BinCmdOp.OrStmt;
      else if (type === 'pipeline') continuation = { op: BinCmdOp.Pipe, rest: child };
      else if (type === 'file_redirect' || type === 'herestring_redirect') later.push(child);
      else if (child.isNamed && STATEMENTS.has(type)) continuation = { op: pendingOp ?? BinCmdOp.AndStmt, rest: child };
    }
    const delimiter = start ? this.delimiterWord(start) : null;
    // tree-sitter starts the body after the first line's leading blanks and ends it at the closing
    // delimiter (after `<<-` tabs); the body proper runs from the line after the command line to
    // the start of the delimiter's line.
    const bodyStart = body ? lineStart(this.text, body.startIndex) : (end ? lineStart(this.text, end.startIndex) : node.endIndex);
    const bodyEnd = end ? lineStart(this.text, end.startIndex) : (body?.endIndex ?? bodyStart);
    const hdoc = new Word(bodyStart, Math.max(bodyStart, bodyEnd), body ? this.stringParts(body, bodyStart, Math.max(bodyStart, bodyEnd)) : []);
    stmt.Redirs.push(new Redirect(opStart, node.endIndex, new Offset(opStart), op, null, delimiter, hdoc));
    for (const redirect of later) this.redirect(stmt, redirect);
    return continuation;
  }

  /** `cat <<EOF | tee F` / `cat <<EOF && next`: `stmt` becomes `target OP rest`. */
  private continueLine(stmt: Stmt, target: Stmt, continuation: { op: number; rest: TNode }): void {
    // The heredoc's own statement, as the left side.
    const left = target === stmt ? this.detach(stmt) : target;
    if (isPipeOp(continuation.op)) {
      const members = [left, ...this.pipelineMembers(continuation.rest)];
      stmt.Cmd = this.pipeline(members);
    } else {
      const right = this.statement(continuation.rest);
      const bin = new BinaryCmd(left.start, right.end, continuation.op, left, right);
      this.all.push(bin);
      stmt.Cmd = bin;
    }
  }

  /** Moves `stmt`'s command and redirections into a new statement (the left side of a continuation). */
  private detach(stmt: Stmt): Stmt {
    const left = new Stmt(stmt.start, stmt.end);
    left.Cmd = stmt.Cmd;
    pushAll(left.Redirs, stmt.Redirs);
    left.Negated = stmt.Negated;
    stmt.Redirs.length = 0;
    stmt.Negated = false;
    this.all.push(left);
    return left;
  }

  /** The statements of a pipeline, nested pipelines flattened (tree-sitter nests `a | b | c` variously). */
  private pipelineMembers(node: TNode): Stmt[] {
    const members: Stmt[] = [];
    for (const child of node.children) {
      if (!child || !child.isNamed) continue;
      if (child.type === 'pipeline') pushAll(members, this.pipelineMembers(child));
      else if (child.type === 'redirected_statement' && child.childForFieldName('body')?.type === 'pipeline') {
        const stmt = new Stmt(child.startIndex, child.endIndex);
        this.redirected(stmt, child);
        // `stmt.Cmd` is the pipeline; its members carry the redirections.
        pushAll(members, flattenPipe(stmt.Cmd));
      } else if (STATEMENTS.has(child.type)) members.push(this.statement(child));
    }
    return members;
  }

  /** `a | b | c` as mvdan/sh builds it: nested to the left, `((a | b) | c)`. */
  private pipeline(members: Stmt[]): Syn | null {
    if (members.length === 0) return null;
    if (members.length === 1) return members[0].Cmd;
    let left = members[0];
    let bin: BinaryCmd | undefined;
    for (let i = 1; i < members.length; i++) {
      const right = members[i];
      bin = new BinaryCmd(left.start, right.end, BinCmdOp.Pipe, left, right);
      this.all.push(bin);
      if (i < members.length - 1) {
        const wrapper = new Stmt(left.start, right.end);
        wrapper.Cmd = bin;
        left = wrapper;
      }
    }
    return bin ?? null;
  }

  private list(node: TNode): Syn {
    const parts = node.children.filter((c): c is TNode => c !== null);
    const operator = parts.find((c) => !c.isNamed && (c.type === '&&' || c.type === '||'));
    const statements = parts.filter((c) => c.isNamed && STATEMENTS.has(c.type));
    if (statements.length !== 2) return this.block(node);
    const x = this.statement(statements[0]);
    const y = this.statement(statements[1]);
    const bin = new BinaryCmd(node.startIndex, node.endIndex, operator?.type === '||' ? BinCmdOp.OrStmt : BinCmdOp.AndStmt, x, y);
    this.all.push(bin);
    return bin;
  }

  /** Compound commands (`if`, loops, functions, subshells, `[[ ]]`): their statements and substitutions are read where they are. */
  private block(node: TNode): Syn {
    const block = new Syn('Block', node.startIndex, node.endIndex);
    if (node.type === 'for_statement') {
      const variable = node.childForFieldName('variable');
      const iter = new WordIter(node.startIndex, node.endIndex, variable ? this.lit(variable) : null);
      this.all.push(iter);
    }
    this.visitInside(node);
    return block;
  }

  private visitInside(node: TNode): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (STATEMENTS.has(child.type)) this.statement(child);
      else if (child.type === 'command_substitution' || child.type === 'process_substitution') this.substitution(child);
      else if (child.childCount > 0) this.visitInside(child);
    }
  }

  private command(stmt: Stmt, node: TNode): CallExpr {
    const call = new CallExpr(node.startIndex, node.endIndex);
    this.all.push(call);
    for (const child of node.namedChildren) {
      if (!child) continue;
      const type = child.type;
      if (type === 'variable_assignment') call.Assigns.push(this.assign(child));
      else if (type === 'command_name') {
        const inner = child.namedChildren[0];
        call.Args.push(inner ? this.word(inner) : this.literalWord(child));
      } else if (type === 'file_redirect' || type === 'herestring_redirect') {
        // Redirections before or between the words (`>/dev/null echo x`).
        stmt.Cmd = call;
        this.redirect(stmt, child);
      } else if (type !== 'comment' && type !== 'subscript') call.Args.push(this.word(child));
    }
    return call;
  }

  private assign(node: TNode): Assign {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    const append = node.children.some((c) => c?.type === '+=');
    const array = value?.type === 'array' || name?.type === 'subscript';
    const assign = new Assign(node.startIndex, node.endIndex, name ? this.lit(name) : null, value ? this.word(value) : null, false, append, array);
    if (value?.type === 'array') this.visitInside(value);
    return assign;
  }

  private declaration(node: TNode): DeclClause {
    const keyword = node.children[0];
    const clause = new DeclClause(node.startIndex, node.endIndex, keyword ? this.lit(keyword) : null);
    this.all.push(clause);
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'variable_assignment') clause.Args.push(this.assign(child));
      else if (child.type === 'variable_name') clause.Args.push(new Assign(child.startIndex, child.endIndex, this.lit(child), null, true, false, false));
      else if (child.childCount > 0) this.visitInside(child);
    }
    return clause;
  }

  private substitution(node: TNode): CmdSubst {
    const subst = new CmdSubst(node.startIndex, node.endIndex);
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (STATEMENTS.has(child.type)) subst.Stmts.push(this.statement(child));
      else if (child.childCount > 0) this.visitInside(child);
    }
    return subst;
  }

  // ---------------------------------------------------------------------------------------------
  // Words
  // ---------------------------------------------------------------------------------------------

  private lit(node: TNode): Lit {
    return new Lit(node.startIndex, node.endIndex, this.text.slice(node.startIndex, node.endIndex));
  }

  private literalWord(node: TNode): Word {
    return new Word(node.startIndex, node.endIndex, [this.lit(node)]);
  }

  private word(node: TNode): Word {
    const parts: Syn[] = [];
    this.parts(node, parts);
    return new Word(node.startIndex, node.endIndex, parts);
  }

  private parts(node: TNode, out: Syn[]): void {
    const { startIndex: start, endIndex: end } = node;
    switch (node.type) {
      case 'concatenation':
        for (const child of node.children) if (child) this.parts(child, out);
        return;
      case 'raw_string':
        out.push(new SglQuoted(start, end, false, this.text.slice(start + 1, Math.max(start + 1, end - 1))));
        return;
      case 'ansi_c_string':
        out.push(new SglQuoted(start, end, true, this.text.slice(start + 2, Math.max(start + 2, end - 1))));
        return;
      case 'string':
        out.push(new DblQuoted(start, end, false, this.stringParts(node, start + 1, Math.max(start + 1, end - 1))));
        return;
      case 'translated_string': {
        const inner = node.namedChildren.find((c) => c?.type === 'string');
        out.push(new DblQuoted(start, end, true, inner ? this.stringParts(inner, inner.startIndex + 1, Math.max(inner.startIndex + 1, inner.endIndex - 1)) : []));
        return;
      }
      case 'simple_expansion': {
        const name = node.namedChildren[0];
        out.push(new ParamExp(start, end, true, name ? this.lit(name) : null, false));
        return;
      }
      case 'expansion': {
        const named = node.namedChildren.filter((c): c is TNode => c !== null);
        const plain = named.length === 1 && node.children.length === 3 && (named[0].type === 'variable_name' || named[0].type === 'special_variable_name');
        out.push(new ParamExp(start, end, false, named[0] && (named[0].type === 'variable_name' || named[0].type === 'special_variable_name') ? this.lit(named[0]) : null, !plain));
        if (!plain) this.visitInside(node);
        return;
      }
      case 'command_substitution':
        out.push(this.substitution(node));
        return;
      case 'process_substitution':
      case 'arithmetic_expansion':
        this.visitInside(node);
        out.push(new Syn(node.type === 'arithmetic_expansion' ? 'ArithmExp' : 'ProcSubst', start, end));
        return;
      default:
        if (!node.isNamed || node.childCount === 0 || node.type === 'brace_expression' || node.type === 'word') out.push(this.lit(node));
        else {
          this.visitInside(node);
          out.push(new Syn('Other', start, end));
        }
    }
  }

  /**
   * The parts of `from`…`to`, between a double quote's quotes or a heredoc body: expansions, and the
   * literal text between them (as mvdan/sh gives them).
   */
  private stringParts(node: TNode, from: number, to: number): Syn[] {
    const parts: Syn[] = [];
    let at = from;
    for (const child of node.namedChildren) {
      if (!child || !EXPANSIONS.has(child.type)) continue;
      if (child.startIndex > at) parts.push(new Lit(at, child.startIndex, this.text.slice(at, child.startIndex)));
      this.parts(child, parts);
      at = child.endIndex;
    }
    if (to > at) parts.push(new Lit(at, to, this.text.slice(at, to)));
    return parts;
  }

  /** `EOF`, `'EOF'`, `"EOF"`, `\EOF` as a word (quoted parts make the body literal, bash(1) Here Documents). */
  private delimiterWord(node: TNode): Word {
    const { startIndex: start, endIndex: end } = node;
    const raw = this.text.slice(start, end);
    let part: Syn;
    if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'") && !raw.slice(1, -1).includes("'")) part = new SglQuoted(start, end, false, raw.slice(1, -1));
    else if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') && !/["\\$`]/.test(raw.slice(1, -1)))
      part = new DblQuoted(start, end, false, [new Lit(start + 1, end - 1, raw.slice(1, -1))]);
    else if (/['"]/.test(raw)) part = new Syn('Other', start, end);
    else part = new Lit(start, end, raw);
    return new Word(start, end, [part]);
  }
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The members of a left-nested pipe chain, in order. */
function flattenPipe(cmd: Syn | null): Stmt[] {
  if (!(cmd instanceof BinaryCmd) || !isPipeOp(cmd.Op)) return [];
  const x = cmd.X.Cmd instanceof BinaryCmd && isPipeOp(cmd.X.Cmd.Op) ? flattenPipe(cmd.X.Cmd) : [cmd.X];
  return [...x, cmd.Y];
}
