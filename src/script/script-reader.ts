/**
 * Reads a parsed script: every statement of the tree (in functions, `if`/`for`/`while` bodies,
 * pipelines, `&&` lists, subshells and `$( )`) is read where it is written. The reading is static:
 * both branches of an `if` are read, function bodies are read where they are written, and a value
 * that depends on the run (a `$VAR` path whose variable is not assigned exactly once) is unknown and
 * produces no record rather than a guess. What each command means is read by its own module:
 * file-writes.ts (`cat`, `tee`, `echo >>`), sed-edits.ts (`sed -i`), image-imports.ts (`ctr`, `docker`, …);
 * what each word's value is, through the variables the script assigns, by word-values.ts; which
 * program a command runs, behind sudo, env and the like, by programs.ts.
 */
import { span } from '../core/source.js';
import type { SourceFile, Span } from '../core/source.js';
import { readCat, readCopy, readEcho, readTee } from './file-writes.js';
import { heredocBody } from './heredoc.js';
import { readImport } from './image-imports.js';
import { readHostSide } from './host-side.js';
import { readKeadm } from './keadm-join.js';
import { isOpenLoop, noteStaysRunning, skippedStatementReturns } from './script-returns.js';
import { readKubectlApply } from './kubectl-apply.js';
import { readKubectlLabel } from './kubectl-label.js';
import { readReleaseMentions, readReleaseVariables } from './release-mentions.js';
import type { HeredocBody, ScriptReading } from './reading.js';
import { readSed } from './sed-edits.js';
import { RedirOp, isPipeOp } from './shell-syntax.js';
import type { ParsedScript, ShBinaryCmd, ShCallExpr, ShDblQuoted, ShDeclClause, ShNode, ShRedirect, ShSglQuoted, ShStmt, ShWord, ShWordIter } from './shell-syntax.js';
import { expandedCommandString } from './command-string.js';
import type { CommandStringBody } from './command-string.js';
import { REMOTE_RUNNERS, remoteCommand } from './remote-command.js';
import { wordText } from './words.js';
import { resolveProgram } from './programs.js';
import { WordValues } from './word-values.js';
import { readBrokerRun } from './broker-runs.js';
import { noteInstallerDownload, readK3sInstall } from './k3s-install.js';
import { readK3sRun } from './k3s-run.js';

/** How a command's standard input is fed. */
export type Input = { kind: 'heredoc'; redirect: ShRedirect } | { kind: 'echo'; text: string | undefined } | { kind: 'other' };

/** Where standard output goes. */
export interface Output {
  word: ShWord;
  /** The path, when literal or resolved from a variable assigned once. */
  path: string | undefined;
  mode: 'create' | 'append';
}


/** A command string read as a script of its own: its text from `start` on, or mapped character by character. */
export type ShellBody = { text: string; start: number } | CommandStringBody;

export class ScriptReader extends WordValues {
  // Keyed by position: mvdan/sh's GopherJS wrapper hands out a new object on every field access, so
  // node identity cannot be compared.
  private readonly producers = new Map<string, ShStmt>();
  private readonly pipelineStart = new Map<string, ShStmt>();
  /** pipeEnd's answers, by the statement asked about (and each passed on the way). */
  private readonly firstOfChain = new Map<string, ShStmt>();
  private readonly lastOfChain = new Map<string, ShStmt>();
  /** `bash -c '…'` / `sh -c "…"` bodies given as string literals: read as scripts of their own (read-script.ts). */
  readonly shellBodies: ShellBody[] = [];
  /** Paths a download of K3s's installer wrote (`curl -sfL https://get.k3s.io -o install.sh`; k3s-install.ts). */
  readonly k3sInstallers = new Set<string>();
  /** Names the script exports (`export X=…`, `export X`); every assigned name after `set -a`. */
  private readonly exported = new Set<string>();
  private allExported = false;

  constructor(
    source: SourceFile,
    script: ParsedScript,
    readonly reading: ScriptReading,
  ) {
    super(source, script);
  }

  read(): void {
    const stmts: ShStmt[] = [];
    this.script.walk(this.script.file, (node) => {
      const type = this.script.nodeType(node);
      if (type === 'Stmt') stmts.push(node as ShStmt);
      else if (type === 'BinaryCmd') this.notePipe(node as ShBinaryCmd);
      else if (type === 'CallExpr') this.assignments.noteAssigns((node as ShCallExpr).Assigns);
      else if (type === 'DeclClause') this.noteDeclaration(node as ShDeclClause);
      else if (type === 'WordIter') this.assignments.note((node as ShWordIter).Name?.Value, null);
    });
    // `read X`, `mapfile X`, `getopts o X` give variables values only known at run time; noted
    // before any command is read, so a variable read anywhere is unknown everywhere.
    for (const stmt of stmts) {
      const cmd = stmt.Cmd;
      if (cmd && this.script.nodeType(cmd) === 'CallExpr') this.noteRuntimeAssignments((cmd as ShCallExpr).Args);
    }
    for (const [start, end] of this.script.skipped ?? []) {
      if (!skippedStatementReturns(this.script.normalized.slice(start, end))) this.reading.staysRunning.push(span(this.source, this.script.normToScript(start), this.script.normToScript(end)));
    }
    for (const stmt of stmts) {
      const cmd = stmt.Cmd;
      if (cmd && this.script.nodeType(cmd) === 'CallExpr') this.readCall(stmt, cmd as ShCallExpr);
      else if (isOpenLoop(this, stmt)) this.reading.staysRunning.push(this.stmtSpan(stmt));
    }
    readReleaseVariables(this);
  }

  /** In `X | Y` the input of Y is the output of X's last command (pipelines nest to the left). */
  private notePipe(node: ShBinaryCmd): void {
    if (!isPipeOp(node.Op)) return;
    this.producers.set(nodeKey(node.Y), this.pipeEnd(node.X, 'Y'));
    this.pipelineStart.set(nodeKey(node.Y), this.pipeEnd(node.X, 'X'));
  }

  /** The statement whose output `stmt` reads in a pipeline (`X | stmt`), if any. */
  pipeProducer(stmt: ShStmt): ShStmt | undefined {
    return this.producers.get(nodeKey(stmt));
  }

  /**
   * Down the pipe chain `stmt` holds: its last command (side `Y`) or its first (side `X`). Every
   * statement passed down is remembered with the end found: a pipeline nests to the left, each of its
   * n pipes asks for the first command, and walking the chain each time was quadratic (hostile15:
   * `echo a | cat | cat …`, 20,000 pipes 2.95 s CPU, 50,000 14.4 s and 340 MB).
   */
  private pipeEnd(stmt: ShStmt, side: 'X' | 'Y'): ShStmt {
    const known = side === 'X' ? this.firstOfChain : this.lastOfChain;
    const passed: string[] = [];
    let end = stmt;
    for (;;) {
      const key = nodeKey(end);
      const found = known.get(key);
      if (found) {
        end = found;
        break;
      }
      passed.push(key);
      if (!end.Cmd || this.script.nodeType(end.Cmd) !== 'BinaryCmd') break;
      const inner = end.Cmd as ShBinaryCmd;
      if (!isPipeOp(inner.Op)) break;
      end = inner[side];
    }
    for (const key of passed) known.set(key, end);
    return end;
  }

  /** `export X=v`, `local X=v`, `declare -x X`: the assignment, and for `export` the name exported. */
  private noteDeclaration(decl: ShDeclClause): void {
    this.assignments.noteAssigns(decl.Args);
    if (decl.Variant?.Value !== 'export') return;
    for (const assign of decl.Args) if (assign.Name?.Value) this.exported.add(assign.Name.Value);
  }

  /** Whether a variable is exported to the commands the script runs (`export X`, or `set -a`/`set -o allexport`). */
  isExported(name: string): boolean {
    return this.allExported || this.exported.has(name);
  }

  private noteRuntimeAssignments(args: ShWord[]): void {
    if (args.length === 0) return;
    const first = this.literal(args[0]);
    // bash(1) `set -a` / `set -o allexport`: every variable assigned from then on is exported.
    if (first === 'set' && args.slice(1).some((w, i, rest) => /^-[a-zA-Z]*a/.test(this.literal(w) ?? '') || (this.literal(w) === '-o' && this.literal(rest[i + 1]) === 'allexport'))) this.allExported = true;
    if (first !== 'read' && first !== 'mapfile' && first !== 'readarray' && first !== 'getopts') return;
    for (const word of args.slice(1)) {
      const value = this.literal(word);
      if (value && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) this.assignments.note(value, null);
    }
  }

  private readCall(stmt: ShStmt, call: ShCallExpr): void {
    const args = call.Args;
    if (args.length === 0) return;
    const resolved = args.some((w) => this.script.nodeType(w) !== 'Word') ? { index: args.length } : resolveProgram(this, args);
    if (resolved.index >= args.length) {
      this.reading.staysRunning.push(this.stmtSpan(stmt));
      return;
    }
    const words = args.slice(resolved.index);
    const name = resolved.name;
    noteStaysRunning(this, stmt, words, name);
    readReleaseMentions(this, words, name);
    readHostSide(this, stmt, words, name);
    readK3sInstall(this, stmt, call, resolved.index, name);
    if (name === 'k3s') readK3sRun(this, call, resolved.index);
    if (name === 'curl' || name === 'wget') noteInstallerDownload(this, stmt, words, name);
    if (name === 'cat') readCat(this, stmt, words);
    else if (name === 'tee') readTee(this, stmt, words);
    else if (name === 'sed') readSed(this, stmt, words);
    else if (name === 'cp' || name === 'install') readCopy(this, stmt, words, name);
    else if (name === 'echo' || name === 'printf') readEcho(this, stmt, words, name);
    else if (REMOTE_RUNNERS.has(name ?? '') && this.readRemote(stmt, words, name!)) return;
    else if (name === 'kubectl' || name === 'microk8s.kubectl') this.readKubectl(stmt, words);
    else if ((name === 'k3s' || name === 'microk8s') && this.literal(words[1]) === 'kubectl') this.readKubectl(stmt, words.slice(1));
    else if (name === 'ctr' || name === 'docker' || name === 'nerdctl' || name === 'podman' || name === 'isula' || name === 'k3s') readImport(this, stmt, words, name);
    else if (name === 'keadm') readKeadm(this, stmt, words);
    else if (name === 'mosquitto') readBrokerRun(this, stmt, words);
    else if (SHELLS.has(name ?? '')) this.noteShellBody(words);
  }

  /** A kubectl command line: node labels it sets, manifests it applies from a heredoc. */
  private readKubectl(stmt: ShStmt, words: ShWord[]): void {
    readKubectlLabel(this, stmt, words);
    readKubectlApply(this, stmt, words);
  }

  /**
   * `bash [options] -c STRING [name [args]]` (bash(1) OPTIONS, POSIX sh -c): the command string is
   * the first operand after the options once `-c` is among them. Only a string literal is taken, and
   * only when its text is the script text between its quotes (no escapes, no expansions), so every
   * offset in it maps straight back to this script. It is read, never run.
   */
  private noteShellBody(words: ShWord[]): void {
    let command = false;
    for (let i = 1; i < words.length; i++) {
      const value = this.literal(words[i]);
      if (value !== undefined && /^[-+]/.test(value) && value !== '-' && value !== '--') {
        if (value === '-o' || value === '+o' || value === '-O' || value === '+O') i++;
        else if (/^-[A-Za-z]*c[A-Za-z]*$/.test(value)) command = true;
        continue;
      }
      if (value === '--') continue;
      if (!command) return;
      const body = this.stringLiteralBody(words[i]);
      if (body) this.shellBodies.push(body);
      return;
    }
  }

  /**
   * A command that runs another command on a machine or container it names (the edge node, in
   * KubeEdge install scripts): the command is read when it is `bash`/`sh -c STRING` (its body, a
   * script of its own) or `sed -i` (an edit of a file on that machine); a shell string the wrapper
   * hands to the target's shell (`ssh HOST 'STRING'`, `vagrant ssh -c STRING`) is read as a body. Each
   * wrapper's command line is read as its manual page defines it (remoteCommand); anything else is
   * not read. True when the words were such a wrapper.
   */
  private readRemote(stmt: ShStmt, words: ShWord[], name: string): boolean {
    const remote = remoteCommand(words, name, (w) => this.literal(w));
    if (!remote) return false;
    if (remote.shellString) {
      const body = this.stringLiteralBody(remote.shellString);
      if (body) this.shellBodies.push(body);
      return true;
    }
    const argv = remote.argv ?? [];
    const resolved = resolveProgram(this, argv);
    const inner = argv.slice(resolved.index);
    if (inner.length === 0) return true;
    if (SHELLS.has(resolved.name ?? '')) this.noteShellBody(inner);
    else if (resolved.name === 'sed') readSed(this, stmt, inner);
    // A label is the cluster's, whichever machine's kubectl sets it.
    else if (resolved.name === 'kubectl') readKubectlLabel(this, stmt, inner);
    return true;
  }

  /**
   * The text between the quotes of a word that is one `'…'`, or one `"…"` holding no escape that
   * changes it, with the variables the script assigns once filled in (command-string.ts).
   */
  stringLiteralBody(word: ShWord): ShellBody | undefined {
    if (word.Parts.length !== 1) return undefined;
    const part = word.Parts[0];
    const type = this.script.nodeType(part);
    const start = this.start(word);
    const raw = this.source.text.slice(start, this.end(word));
    if (raw.length < 2) return undefined;
    if (type === 'SglQuoted' && !(part as ShSglQuoted).Dollar && raw.startsWith("'") && raw.endsWith("'")) return { text: raw.slice(1, -1), start: start + 1 };
    // Inside double quotes a backslash is kept unless it quotes `$`, a backquote, `"`, `\` or a newline (bash(1) QUOTING).
    if (type !== 'DblQuoted' || !raw.startsWith('"') || !raw.endsWith('"') || /`|\\[$`"\\\r\n]/.test(raw.slice(1, -1))) return undefined;
    if (!raw.includes('$')) return { text: raw.slice(1, -1), start: start + 1 };
    return expandedCommandString(this, part as ShDblQuoted, start + 1, this.end(word) - 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Redirections
  // ---------------------------------------------------------------------------------------------

  /** Where standard output goes: the last `>`, `>|`, `>>`, `&>`, `&>>` for fd 1 (bash applies them in order). */
  stdout(stmt: ShStmt): Output | undefined {
    let found: Output | undefined;
    for (const redirect of stmt.Redirs) {
      const op = redirect.Op;
      const fd = redirect.N?.Value;
      const isOut = op === RedirOp.RdrOut || op === RedirOp.ClbOut || op === RedirOp.AppOut;
      const isAll = op === RedirOp.RdrAll || op === RedirOp.AppAll;
      if (!(isOut && (fd === undefined || fd === '1')) && !(isAll && fd === undefined)) continue;
      if (!redirect.Word) continue;
      const mode = op === RedirOp.AppOut || op === RedirOp.AppAll ? 'append' : 'create';
      found = { word: redirect.Word, path: this.pathValue(redirect.Word)?.value, mode };
    }
    return found;
  }

  stdinRedirect(stmt: ShStmt): ShRedirect | undefined {
    let found: ShRedirect | undefined;
    for (const redirect of stmt.Redirs) {
      const op = redirect.Op;
      const fd = redirect.N?.Value;
      if (fd !== undefined && fd !== '0') continue;
      if (op === RedirOp.RdrIn || op === RedirOp.RdrInOut || op === RedirOp.Hdoc || op === RedirOp.DashHdoc || op === RedirOp.WordHdoc) found = redirect;
    }
    return found;
  }

  stdin(stmt: ShStmt): Input {
    const redirect = this.stdinRedirect(stmt);
    if (!redirect) return { kind: 'other' };
    if (redirect.Op === RedirOp.Hdoc || redirect.Op === RedirOp.DashHdoc) return { kind: 'heredoc', redirect };
    if (redirect.Op === RedirOp.WordHdoc && redirect.Word) return { kind: 'echo', text: `${wordText(this.script, redirect.Word)}\n` };
    return { kind: 'other' };
  }

  /** Standard input from a redirection, or else from the command before it in a pipeline. */
  stdinOrPipe(stmt: ShStmt, echoText: (words: ShWord[], name: string) => string | undefined): Input {
    const direct = this.stdin(stmt);
    if (direct.kind !== 'other' || this.stdinRedirect(stmt)) return direct;
    const producer = this.producers.get(nodeKey(stmt));
    if (!producer?.Cmd || this.script.nodeType(producer.Cmd) !== 'CallExpr') return { kind: 'other' };
    const args = (producer.Cmd as ShCallExpr).Args;
    const resolved = resolveProgram(this, args);
    const words = args.slice(resolved.index);
    if (resolved.name === 'cat' && words.length === 1) return this.stdin(producer);
    if (resolved.name === 'echo' || resolved.name === 'printf') return { kind: 'echo', text: echoText(words, resolved.name) };
    return { kind: 'other' };
  }

  heredoc(redirect: ShRedirect): HeredocBody {
    return heredocBody(this.script, this.source.text, redirect);
  }


  // ---------------------------------------------------------------------------------------------
  // Statement spans
  // ---------------------------------------------------------------------------------------------

  /** The statement's command line: heredoc bodies (which the parsers count into the statement) are left out. */
  stmtSpan(stmt: ShStmt): Span {
    return span(this.source, this.start(stmt), this.commandLineEnd(stmt));
  }

  private commandLineEnd(stmt: ShStmt): number {
    if (!stmt.Redirs.some((r) => r.Hdoc)) return this.end(stmt);
    let end = stmt.Cmd ? this.end(stmt.Cmd) : this.start(stmt);
    for (const redirect of stmt.Redirs) end = Math.max(end, redirect.Word ? this.end(redirect.Word) : this.script.offset(redirect.OpPos) + 2);
    return end;
  }

  /** From the first command of the pipeline `stmt` ends (if any) to the end of `stmt`. */
  pipelineSpan(stmt: ShStmt): Span {
    const first = this.pipelineStart.get(nodeKey(stmt)) ?? stmt;
    return span(this.source, this.start(first), this.commandLineEnd(stmt));
  }
}

function nodeKey(node: ShNode): string {
  return `${node.Pos().Offset()}:${node.End().Offset()}`;
}

/** Shells whose `-c STRING` body is read as a script of its own. */
const SHELLS = new Set(['bash', 'sh', 'dash', 'ash']);

