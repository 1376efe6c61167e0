/**
 * Install scripts (SPEC §1 "shell scripts"): what a script writes into files through heredocs, which
 * image tarballs it imports, which YAML files it edits line by line, and every other command it runs.
 *
 * The structure comes from mvdan/sh's syntax tree (shell-parser.ts); nothing here scans script text for
 * shell syntax. Every node of the tree is visited, so commands inside functions, `if`/`for`/`while`
 * bodies, pipelines, `&&` lists, subshells and `$( )` are read wherever they are. The reading is
 * static: both branches of an `if` are read, function bodies are read where they are written, and a
 * value that depends on the run (a `$VAR` path) is unknown and produces no record rather than a guess.
 */
import { SourceFile, located, span } from '../core/source.js';
import type { Located, SourceKind, Span } from '../core/source.js';
import { parseSedScript } from './sed-script.js';
import type { SedCommandName } from './sed-script.js';
import { BinCmdOp, RedirOp, parseShell } from './shell-parser.js';
import type {
  ParsedScript,
  ShAssign,
  ShBinaryCmd,
  ShCallExpr,
  ShCmdSubst,
  ShDeclClause,
  ShNode,
  ShRedirect,
  ShStmt,
  ShWord,
  ShWordIter,
} from './shell-parser.js';
import { literalWord, nodeSource, soleParameter, wordText } from './words.js';

export interface VirtualFileWrite {
  /** The target path as written (`/etc/systemd/system/mosquitto.service`); words with expansions are skipped (a path with `$VAR` is unknown — nothing is recorded). */
  path: string;
  /** `cat > P <<`, `tee P <<` = create; `cat >> P <<`, `tee -a P <<` = append. */
  mode: 'create' | 'append';
  /** Heredoc body text exactly as the shell would write it, except expansions in unquoted heredocs are kept as their source text (`${VAR}`). `<<-` strips leading tabs; CRLF line ends are kept. */
  text: string;
  /** Maps an offset in `text` (0..text.length) to an offset in the script text. */
  toScriptOffset(offset: number): number;
  /** The delimiter was quoted: the body is literal text. */
  quoted: boolean;
  /** The command line that writes (`cat > P << EOF`, or a whole `cat <<EOF | tee P` pipeline), without the body. */
  span: Span;
}

export interface ImageImport {
  tarball: Located<string>;
  runtime: 'ctr' | 'docker' | 'nerdctl' | 'podman';
  span: Span;
}

export interface YamlLineEdit {
  /** `sed -i ... FILE`, or `cat >> FILE` / `echo ... >> FILE` / `tee -a FILE`. */
  tool: 'sed' | 'append';
  /** The YAML file edited (*.yaml, *.yml). */
  target: Located<string>;
  /** The command. */
  span: Span;
  /** For sed: the parsed edit (see sed-script.ts); `extended` when `-E`/`-r` selects POSIX EREs. */
  sed?: { address?: string; command: SedCommandName; text?: string; script: Located<string>; extended?: boolean };
  /** For appends: the appended text (a heredoc body, or echo's words and newline), when known. */
  appended?: string;
}

export interface ScriptCommand {
  /**
   * The command's words from the program name on: `sudo`/`env X=Y`/`$SUDO` prefixes are removed.
   * A word's value is its literal value, or its source text (`$IMAGE`) when it holds an expansion.
   */
  argv: Located<string>[];
  span: Span;
}

export interface ScriptReading {
  writes: VirtualFileWrite[];
  imports: ImageImport[];
  yamlEdits: YamlLineEdit[];
  /** Commands not recorded as a write, import or YAML edit. */
  commands: ScriptCommand[];
  problems: Array<{ message: string; span: Span }>;
}

/**
 * Reads a shell script. Asynchronous because the parser is loaded on first use; the promise never
 * rejects: any text yields a reading, a script the parser rejects yields one with a problem.
 */
export async function readShellScript(source: SourceFile): Promise<ScriptReading> {
  const reading: ScriptReading = { writes: [], imports: [], yamlEdits: [], commands: [], problems: [] };
  try {
    const outcome = await parseShell(source.text);
    if (!outcome.ok) {
      const at = Math.min(outcome.offset, source.text.length);
      reading.problems.push({
        message: `shell syntax error: ${outcome.message}`,
        span: span(source, at, Math.min(at + 1, source.text.length)),
      });
      return reading;
    }
    new ScriptReader(source, outcome.script, reading).read();
  } catch (error) {
    // The parser is transpiled Go: a runtime panic surfaces as an exception. The file still gets a reading.
    reading.problems.push({
      message: `the shell parser failed: ${error instanceof Error ? error.message : String(error)}`,
      span: span(source, 0, 0),
    });
  }
  return reading;
}

const YAML_PATH = /\.ya?ml$/i;

/** How a command's standard input is fed. */
type Input =
  | { kind: 'heredoc'; redirect: ShRedirect }
  | { kind: 'echo'; text: string | undefined }
  | { kind: 'other' };

interface Resolved {
  /** Index in `Args` of the program word. */
  index: number;
  /** Basename of the program, when known. */
  name?: string;
}

class ScriptReader {
  // Keyed by position: the GopherJS wrapper hands out a new object on every field access, so node
  // identity cannot be compared.
  private readonly producers = new Map<string, ShStmt>();
  private readonly pipelineStart = new Map<string, ShStmt>();
  private readonly assignments = new Map<string, Array<ShWord | null>>();

  constructor(
    private readonly source: SourceFile,
    private readonly script: ParsedScript,
    private readonly reading: ScriptReading,
  ) {}

  read(): void {
    const stmts: ShStmt[] = [];
    this.script.walk(this.script.file, (node) => {
      const type = this.script.nodeType(node);
      if (type === 'Stmt') stmts.push(node as ShStmt);
      else if (type === 'BinaryCmd') this.notePipe(node as ShBinaryCmd);
      else if (type === 'CallExpr') this.noteAssigns((node as ShCallExpr).Assigns);
      else if (type === 'DeclClause') this.noteAssigns((node as ShDeclClause).Args);
      else if (type === 'WordIter') this.noteAssignment((node as ShWordIter).Name?.Value, null);
    });
    for (const stmt of stmts) {
      const cmd = stmt.Cmd;
      if (cmd && this.script.nodeType(cmd) === 'CallExpr') this.readCall(stmt, cmd as ShCallExpr);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Facts gathered before commands are read
  // ---------------------------------------------------------------------------------------------

  /** In `X | Y` the input of Y is the output of X's last command (pipelines nest to the left). */
  private notePipe(node: ShBinaryCmd): void {
    if (node.Op !== BinCmdOp.Pipe && node.Op !== BinCmdOp.PipeAll) return;
    let producer = node.X;
    while (producer.Cmd && this.script.nodeType(producer.Cmd) === 'BinaryCmd') {
      const inner = producer.Cmd as ShBinaryCmd;
      if (inner.Op !== BinCmdOp.Pipe && inner.Op !== BinCmdOp.PipeAll) break;
      producer = inner.Y;
    }
    this.producers.set(nodeKey(node.Y), producer);
    let first = node.X;
    while (first.Cmd && this.script.nodeType(first.Cmd) === 'BinaryCmd') {
      const inner = first.Cmd as ShBinaryCmd;
      if (inner.Op !== BinCmdOp.Pipe && inner.Op !== BinCmdOp.PipeAll) break;
      first = inner.X;
    }
    this.pipelineStart.set(nodeKey(node.Y), first);
  }

  private noteAssigns(assigns: ShAssign[]): void {
    for (const assign of assigns) {
      // `export X` without a value and `X+=v` do not give X a known value of their own.
      if (assign.Naked) continue;
      this.noteAssignment(assign.Name?.Value, assign.Append || assign.Array ? null : assign.Value);
    }
  }

  private noteAssignment(name: string | undefined, value: ShWord | null): void {
    if (!name) return;
    const list = this.assignments.get(name) ?? [];
    list.push(value);
    this.assignments.set(name, list);
  }

  /** The single value a variable is ever given, when the script assigns it exactly once. */
  private onlyAssignment(name: string): ShWord | undefined {
    const list = this.assignments.get(name);
    if (!list || list.length !== 1 || !list[0]) return undefined;
    return list[0];
  }

  // ---------------------------------------------------------------------------------------------
  // Commands
  // ---------------------------------------------------------------------------------------------

  private readCall(stmt: ShStmt, call: ShCallExpr): void {
    const args = call.Args;
    if (args.length === 0) return;
    if (args.some((w) => this.script.nodeType(w) !== 'Word')) return;
    // `read X`, `mapfile X`, `getopts o X` give variables values only known at run time.
    this.noteRuntimeAssignments(args);
    const resolved = this.resolveProgram(args);
    if (resolved.index >= args.length) return;
    const words = args.slice(resolved.index);
    const name = resolved.name;
    let recorded = false;
    if (name === 'cat') recorded = this.readCat(stmt, words);
    else if (name === 'tee') recorded = this.readTee(stmt, words);
    else if (name === 'sed') recorded = this.readSed(stmt, words);
    else if (name === 'echo' || name === 'printf') recorded = this.readEchoAppend(stmt, words, name);
    else if (name === 'ctr' || name === 'docker' || name === 'nerdctl' || name === 'podman' || name === 'k3s')
      recorded = this.readImport(stmt, words, name);
    if (!recorded) {
      this.reading.commands.push({ argv: words.map((w) => this.located(this.textOf(w), w)), span: this.stmtSpan(stmt) });
    }
  }

  private noteRuntimeAssignments(args: ShWord[]): void {
    const first = this.literal(args[0]);
    if (first !== 'read' && first !== 'mapfile' && first !== 'readarray' && first !== 'getopts') return;
    for (const word of args.slice(1)) {
      const value = this.literal(word);
      if (value && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) this.noteAssignment(value, null);
    }
  }

  /**
   * Finds the program word behind `sudo [opts]`, `doas`, `env [opts] [X=Y]...`, `command`, `exec`,
   * `nohup`, `nice`, `time`, and a `$SUDO`-style variable in front of a known program.
   */
  private resolveProgram(args: ShWord[]): Resolved {
    let i = 0;
    for (let guard = 0; guard < 16 && i < args.length; guard++) {
      const word = args[i];
      const name = this.programName(word);
      if (name === undefined) {
        const next = i + 1 < args.length ? this.programName(args[i + 1]) : undefined;
        if (soleParameter(this.script, word) !== undefined && next !== undefined && KNOWN_PROGRAMS.has(next)) {
          i++;
          continue;
        }
        return { index: i };
      }
      if (name === 'sudo' || name === 'doas') i = this.skipOptions(args, i + 1, SUDO_VALUE_OPTIONS, true);
      else if (name === 'env') i = this.skipOptions(args, i + 1, ENV_VALUE_OPTIONS, true);
      else if (name === 'nice') i = this.skipOptions(args, i + 1, new Set(['-n', '--adjustment']), false);
      else if (name === 'command' || name === 'exec' || name === 'nohup' || name === 'time')
        i = this.skipOptions(args, i + 1, new Set(['-a']), false);
      else return { index: i, name };
    }
    return { index: i };
  }

  /** Skips `-x`, `--long[=v]` options (and the value of those in `withValue`), and `NAME=value` words. */
  private skipOptions(args: ShWord[], i: number, withValue: Set<string>, assignments: boolean): number {
    while (i < args.length) {
      const value = this.literal(args[i]);
      if (value === undefined) return i;
      if (value === '--') return i + 1;
      if (assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) {
        i++;
        continue;
      }
      if (!value.startsWith('-') || value === '-') return i;
      i += withValue.has(value) ? 2 : 1;
    }
    return i;
  }

  /** The basename of a program word: literal, or a variable assigned once to a literal path or `$(command -v X)`. */
  private programName(word: ShWord): string | undefined {
    const value = this.literal(word);
    if (value !== undefined) return basename(value);
    const param = soleParameter(this.script, word);
    if (param === undefined) return undefined;
    const assigned = this.onlyAssignment(param);
    if (!assigned) return undefined;
    const literal = this.literal(assigned);
    if (literal !== undefined) return literal ? basename(literal) : undefined;
    // `CTR_BIN=$(command -v ctr)` / `$(which ctr)`: the program is the one named.
    const inner = this.soleSubstitutedCall(assigned);
    if (!inner || inner.Args.length < 2) return undefined;
    const head = inner.Args.map((w) => this.literal(w));
    if (head[0] === 'which' && head.length === 2 && head[1]) return basename(head[1]);
    if (head[0] === 'command' && head[1] === '-v' && head.length === 3 && head[2]) return basename(head[2]);
    return undefined;
  }

  /** The first simple command of a word that is exactly `$( … )` (the left end of a pipeline inside). */
  private soleSubstitutedCall(word: ShWord): ShCallExpr | undefined {
    let parts = word.Parts;
    if (parts.length === 1 && this.script.nodeType(parts[0]) === 'DblQuoted') parts = (parts[0] as unknown as ShWord).Parts;
    if (parts.length !== 1 || this.script.nodeType(parts[0]) !== 'CmdSubst') return undefined;
    const stmts = (parts[0] as ShCmdSubst).Stmts;
    if (stmts.length !== 1) return undefined;
    let stmt = stmts[0];
    while (stmt.Cmd && this.script.nodeType(stmt.Cmd) === 'BinaryCmd') {
      const bin = stmt.Cmd as ShBinaryCmd;
      if (bin.Op !== BinCmdOp.Pipe) return undefined;
      stmt = bin.X;
    }
    return stmt.Cmd && this.script.nodeType(stmt.Cmd) === 'CallExpr' ? (stmt.Cmd as ShCallExpr) : undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // cat / tee / echo: files written
  // ---------------------------------------------------------------------------------------------

  private readCat(stmt: ShStmt, words: ShWord[]): boolean {
    const out = this.stdout(stmt);
    if (!out) return false;
    // `cat FILE > P` copies a file we cannot see; only stdin-fed cat is a write of known text.
    const operands = words.slice(1).filter((w) => this.literal(w) !== '-');
    const input = this.stdin(stmt);
    if (operands.length > 0) {
      if (out.mode === 'append' && out.path !== undefined && YAML_PATH.test(out.path)) {
        this.pushYamlAppend(out.word, out.path, this.stmtSpan(stmt), undefined);
        return true;
      }
      return false;
    }
    const body = input.kind === 'heredoc' ? this.heredoc(input.redirect) : undefined;
    if (out.path === undefined) return body !== undefined;
    if (body) this.pushWrite(out.path, out.mode, body, this.stmtSpan(stmt));
    if (out.mode === 'append' && YAML_PATH.test(out.path)) {
      this.pushYamlAppend(out.word, out.path, this.stmtSpan(stmt), body?.text ?? (input.kind === 'echo' ? input.text : undefined));
      return true;
    }
    return body !== undefined;
  }

  private readTee(stmt: ShStmt, words: ShWord[]): boolean {
    let append = false;
    const files: ShWord[] = [];
    let options = true;
    for (const word of words.slice(1)) {
      const value = this.literal(word);
      if (options && value === '--') {
        options = false;
        continue;
      }
      if (options && value !== undefined && value.startsWith('-') && value !== '-') {
        if (value === '--append' || (!value.startsWith('--') && value.includes('a'))) append = true;
        continue;
      }
      files.push(word);
    }
    const input = this.stdinOrPipe(stmt);
    const body = input.kind === 'heredoc' ? this.heredoc(input.redirect) : undefined;
    const appended = body?.text ?? (input.kind === 'echo' ? input.text : undefined);
    const whole = this.pipelineSpan(stmt);
    let recorded = body !== undefined;
    for (const word of files) {
      const path = this.literalPath(word);
      if (path === undefined) continue;
      if (body) this.pushWrite(path, append ? 'append' : 'create', body, whole);
      if (append && YAML_PATH.test(path)) {
        this.pushYamlAppend(word, path, whole, appended);
        recorded = true;
      }
    }
    return recorded;
  }

  private readEchoAppend(stmt: ShStmt, words: ShWord[], name: string): boolean {
    const out = this.stdout(stmt);
    if (!out || out.mode !== 'append' || out.path === undefined || !YAML_PATH.test(out.path)) return false;
    this.pushYamlAppend(out.word, out.path, this.stmtSpan(stmt), this.echoText(words, name));
    return true;
  }

  /** What `echo`/`printf` prints, with expansions kept as source text; undefined when not knowable. */
  private echoText(words: ShWord[], name: string): string | undefined {
    if (name === 'printf') {
      if (words.length !== 2) return undefined;
      const format = wordText(this.script, words[1]);
      if (format.includes('%')) return undefined;
      return processEscapes(format);
    }
    let i = 1;
    let newline = true;
    let escapes = false;
    // bash's builtin echo takes only clusters of -n, -e, -E as options (bash(1) SHELL BUILTIN COMMANDS).
    for (; i < words.length; i++) {
      const value = this.literal(words[i]);
      if (!value || !/^-[neE]+$/.test(value)) break;
      if (value.includes('n')) newline = false;
      if (value.includes('e')) escapes = true;
      if (value.includes('E')) escapes = false;
    }
    const text = words
      .slice(i)
      .map((w) => wordText(this.script, w))
      .join(' ');
    return (escapes ? processEscapes(text) : text) + (newline ? '\n' : '');
  }

  private pushWrite(path: string, mode: 'create' | 'append', body: HeredocBody, at: Span): void {
    this.reading.writes.push({
      path,
      mode,
      text: body.text,
      quoted: body.quoted,
      toScriptOffset: body.toScriptOffset,
      span: at,
    });
  }

  private pushYamlAppend(word: ShWord, path: string, at: Span, appended: string | undefined): void {
    const edit: YamlLineEdit = { tool: 'append', target: this.located(path, word), span: at };
    if (appended !== undefined) edit.appended = appended;
    this.reading.yamlEdits.push(edit);
  }

  // ---------------------------------------------------------------------------------------------
  // sed -i
  // ---------------------------------------------------------------------------------------------

  private readSed(stmt: ShStmt, words: ShWord[]): boolean {
    let inPlace = false;
    let extended = false;
    // Script pieces: a whole word, or the part of a word after `-e` / `--expression=`.
    const scripts: Array<{ word: ShWord; skip: number }> = [];
    let scriptFromFile = false;
    const operands: ShWord[] = [];
    let options = true;
    for (let i = 1; i < words.length; i++) {
      const word = words[i];
      const value = this.literal(word);
      if (!options || value === undefined || !value.startsWith('-') || value === '-') {
        operands.push(word);
        continue;
      }
      if (value === '--') {
        options = false;
        continue;
      }
      if (value.startsWith('--')) {
        const eq = value.indexOf('=');
        const flag = eq === -1 ? value : value.slice(0, eq);
        if (flag === '--in-place') inPlace = true;
        else if (flag === '--regexp-extended') extended = true;
        else if (flag === '--expression') {
          if (eq !== -1) scripts.push({ word, skip: eq + 1 });
          else if (i + 1 < words.length) scripts.push({ word: words[++i], skip: 0 });
        } else if (flag === '--file') {
          scriptFromFile = true;
          if (eq === -1) i++;
        } else if (flag === '--line-length' && eq === -1) i++;
        continue;
      }
      // A cluster of short options (`-ri`, `-Ee`): `-i` takes the rest as a backup suffix, `-e`/`-f`/`-l`
      // take the rest or the next word (GNU sed manual, "Command-Line Options").
      for (let k = 1; k < value.length; k++) {
        const c = value[k];
        if (c === 'i') {
          inPlace = true;
          break;
        }
        if (c === 'E' || c === 'r') extended = true;
        else if (c === 'e' || c === 'f' || c === 'l') {
          if (k + 1 === value.length) {
            if (i + 1 < words.length) {
              i++;
              if (c === 'e') scripts.push({ word: words[i], skip: 0 });
            }
          } else if (c === 'e') scripts.push({ word, skip: k + 1 });
          if (c === 'f') scriptFromFile = true;
          break;
        }
      }
    }
    if (!inPlace) return false;
    if (scripts.length === 0 && !scriptFromFile && operands.length > 0) scripts.push({ word: operands.shift()!, skip: 0 });
    const targets = operands
      .map((w) => ({ word: w, path: this.literalPath(w) }))
      .filter((t): t is { word: ShWord; path: string } => t.path !== undefined && YAML_PATH.test(t.path));
    if (targets.length === 0) return false;
    let sed: YamlLineEdit['sed'];
    if (scripts.length > 0 && !scriptFromFile) {
      // GNU sed joins the pieces of several -e with newlines into one script.
      const text = scripts.map((piece) => wordText(this.script, piece.word).slice(piece.skip)).join('\n');
      const scriptSpan = span(this.source, this.start(scripts[0].word), this.end(scripts[scripts.length - 1].word));
      sed = { ...parseSedScript(text), script: located(text, scriptSpan) };
      if (extended) sed.extended = true;
    }
    for (const target of targets) {
      const edit: YamlLineEdit = { tool: 'sed', target: this.located(target.path, target.word), span: this.stmtSpan(stmt) };
      if (sed) edit.sed = sed;
      this.reading.yamlEdits.push(edit);
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Image imports
  // ---------------------------------------------------------------------------------------------

  private readImport(stmt: ShStmt, words: ShWord[], program: string): boolean {
    let i = 1;
    let runtime: ImageImport['runtime'];
    if (program === 'k3s') {
      // `k3s ctr …` is containerd's ctr built into k3s.
      if (this.literal(words[1]) !== 'ctr') return false;
      i = 2;
      runtime = 'ctr';
    } else runtime = program as ImageImport['runtime'];
    let tarball: ShWord | undefined;
    if (runtime === 'ctr') {
      i = this.skipOptions(words, i, CTR_GLOBAL_VALUE_OPTIONS, false);
      const group = this.literal(words[i]);
      if (group !== 'images' && group !== 'image' && group !== 'i') return false;
      if (this.literal(words[i + 1]) !== 'import') return false;
      const at = this.skipOptions(words, i + 2, CTR_IMPORT_VALUE_OPTIONS, false);
      tarball = words[at];
    } else {
      i = this.skipOptions(words, i, RUNTIME_GLOBAL_VALUE_OPTIONS, false);
      if (this.literal(words[i]) === 'image') i++;
      if (this.literal(words[i]) !== 'load') return false;
      for (let k = i + 1; k < words.length; k++) {
        const value = this.literal(words[k]);
        if (value === '-i' || value === '--input') {
          tarball = words[k + 1];
          break;
        }
        if (value?.startsWith('--input=') || (value?.startsWith('-i') && value.length > 2 && !value.startsWith('--'))) {
          // `--input=F` / `-iF`: the path is part of this word; only a fully literal word is usable.
          const path = value.startsWith('--') ? value.slice('--input='.length) : value.slice(2);
          if (!path || /[*?[\]]/.test(path)) return false;
          this.pushImport(located(path, this.wordSpan(words[k])), runtime, stmt);
          return true;
        }
      }
    }
    if (!tarball || this.literal(tarball) === '-') {
      // `docker load < F`, `ctr images import - < F`: the tarball is standard input.
      const redirect = this.stdinRedirect(stmt);
      tarball = redirect && redirect.Op === RedirOp.RdrIn && redirect.Word ? redirect.Word : undefined;
    }
    const value = tarball ? this.tarballValue(tarball) : undefined;
    if (!value) return false;
    this.pushImport(value, runtime, stmt);
    return true;
  }

  private pushImport(tarball: Located<string>, runtime: ImageImport['runtime'], stmt: ShStmt): void {
    this.reading.imports.push({ tarball, runtime, span: this.stmtSpan(stmt) });
  }

  /**
   * A tarball word's value: its literal value, or for `"$VAR"` where VAR is assigned exactly once from
   * `$(find … -name NAME.tar …)` with a literal NAME, that NAME (located at the `-name` argument). The
   * name comes from the parse tree of the substitution; a name with glob characters stays unknown.
   */
  private tarballValue(word: ShWord): Located<string> | undefined {
    const literal = literalWord(this.script, word);
    if (literal) return literal.pattern ? undefined : located(literal.value, this.wordSpan(word));
    const param = soleParameter(this.script, word);
    if (param === undefined) return undefined;
    const assigned = this.onlyAssignment(param);
    if (!assigned) return undefined;
    const assignedLiteral = literalWord(this.script, assigned);
    if (assignedLiteral) return assignedLiteral.pattern ? undefined : located(assignedLiteral.value, this.wordSpan(assigned));
    const call = this.soleSubstitutedCall(assigned);
    if (!call || this.literal(call.Args[0]) !== 'find') return undefined;
    for (let k = 1; k + 1 < call.Args.length; k++) {
      const flag = this.literal(call.Args[k]);
      if (flag !== '-name' && flag !== '-iname') continue;
      const name = literalWord(this.script, call.Args[k + 1]);
      if (!name || /[*?[\]]/.test(name.value) || !/\.(tar|tar\.gz|tgz|tar\.zst)$/.test(name.value)) return undefined;
      return located(name.value, this.wordSpan(call.Args[k + 1]));
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Redirections and heredocs
  // ---------------------------------------------------------------------------------------------

  /** Where standard output goes: the last `>`, `>|`, `>>`, `&>`, `&>>` for fd 1 (bash applies them in order). */
  private stdout(stmt: ShStmt): { word: ShWord; path: string | undefined; mode: 'create' | 'append' } | undefined {
    let found: { word: ShWord; path: string | undefined; mode: 'create' | 'append' } | undefined;
    for (const redirect of stmt.Redirs) {
      const op = redirect.Op;
      const fd = redirect.N?.Value;
      const isOut = op === RedirOp.RdrOut || op === RedirOp.ClbOut || op === RedirOp.AppOut;
      const isAll = op === RedirOp.RdrAll || op === RedirOp.AppAll;
      if (!(isOut && (fd === undefined || fd === '1')) && !(isAll && fd === undefined)) continue;
      if (!redirect.Word) continue;
      const mode = op === RedirOp.AppOut || op === RedirOp.AppAll ? 'append' : 'create';
      found = { word: redirect.Word, path: this.literalPath(redirect.Word), mode };
    }
    return found;
  }

  private stdinRedirect(stmt: ShStmt): ShRedirect | undefined {
    let found: ShRedirect | undefined;
    for (const redirect of stmt.Redirs) {
      const op = redirect.Op;
      const fd = redirect.N?.Value;
      if (fd !== undefined && fd !== '0') continue;
      if (op === RedirOp.RdrIn || op === RedirOp.RdrInOut || op === RedirOp.Hdoc || op === RedirOp.DashHdoc || op === RedirOp.WordHdoc)
        found = redirect;
    }
    return found;
  }

  private stdin(stmt: ShStmt): Input & { file?: ShWord } {
    const redirect = this.stdinRedirect(stmt);
    if (!redirect) return { kind: 'other' };
    if (redirect.Op === RedirOp.Hdoc || redirect.Op === RedirOp.DashHdoc) return { kind: 'heredoc', redirect };
    if (redirect.Op === RedirOp.WordHdoc && redirect.Word) return { kind: 'echo', text: `${wordText(this.script, redirect.Word)}\n` };
    return { kind: 'other', file: redirect.Word ?? undefined };
  }

  /** Standard input from a redirection, or else from the command before it in a pipeline. */
  private stdinOrPipe(stmt: ShStmt): Input {
    const direct = this.stdin(stmt);
    if (direct.kind !== 'other' || this.stdinRedirect(stmt)) return direct;
    const producer = this.producers.get(nodeKey(stmt));
    if (!producer?.Cmd || this.script.nodeType(producer.Cmd) !== 'CallExpr') return { kind: 'other' };
    const args = (producer.Cmd as ShCallExpr).Args;
    const resolved = this.resolveProgram(args);
    const words = args.slice(resolved.index);
    if (resolved.name === 'cat' && words.length === 1) return this.stdin(producer);
    if (resolved.name === 'echo' || resolved.name === 'printf') return { kind: 'echo', text: this.echoText(words, resolved.name) };
    return { kind: 'other' };
  }

  /**
   * A heredoc body as the shell produces it (bash(1) Here Documents): with `<<-` leading tabs are
   * removed from every line; with an unquoted delimiter backslash-newline joins lines and `\$`, `` \` ``,
   * `\\` lose their backslash, while expansions are kept as their source text.
   */
  private heredoc(redirect: ShRedirect): HeredocBody {
    const quoted = redirect.Word ? this.isQuotedDelimiter(redirect.Word) : false;
    const dash = redirect.Op === RedirOp.DashHdoc;
    const hdoc = redirect.Hdoc;
    const emptyAt = redirect.Word ? this.end(redirect.Word) : this.script.offset(redirect.End());
    if (!hdoc || hdoc.Parts.length === 0) return makeBody('', [], quoted, emptyAt);
    const norm = this.script.normalized;
    const from = this.script.byteToNorm(hdoc.Pos().Offset());
    // mvdan/sh ends the body's last part after the closing delimiter word (its value stops before
    // it): the body proper ends where the delimiter line's delimiter starts.
    let to = this.script.byteToNorm(hdoc.End().Offset());
    const delimiter = redirect.Word ? literalWord(this.script, redirect.Word)?.value : undefined;
    if (delimiter && to - delimiter.length >= from && norm.slice(to - delimiter.length, to) === delimiter) to -= delimiter.length;
    const verbatim: Array<[number, number]> = [];
    if (!quoted) {
      for (const part of hdoc.Parts) {
        if (this.script.nodeType(part) === 'Lit') continue;
        verbatim.push([this.script.byteToNorm(part.Pos().Offset()), this.script.byteToNorm(part.End().Offset())]);
      }
    }
    const scriptText = this.source.text;
    let text = '';
    const map: number[] = [];
    const emit = (normOffset: number): void => {
      const at = this.script.normToScript(normOffset);
      if (norm[normOffset] === '\n' && at > 0 && scriptText[at - 1] === '\r') {
        text += '\r';
        map.push(at - 1);
      }
      text += norm[normOffset];
      map.push(at);
    };
    let v = 0;
    let lineStart = true;
    for (let i = from; i < to; i++) {
      const c = norm[i];
      if (dash && lineStart && c === '\t') continue;
      lineStart = false;
      while (v < verbatim.length && verbatim[v][1] <= i) v++;
      const inVerbatim = v < verbatim.length && verbatim[v][0] <= i;
      if (!quoted && !inVerbatim && c === '\\' && i + 1 < to) {
        const next = norm[i + 1];
        if (next === '\n') {
          i++;
          lineStart = true;
          continue;
        }
        if (next === '$' || next === '`' || next === '\\') {
          emit(i + 1);
          i++;
          continue;
        }
      }
      emit(i);
      if (c === '\n') lineStart = true;
    }
    return makeBody(text, map, quoted, emptyAt);
  }

  /** bash(1): "If any part of word is quoted, … the lines in the here-document are not expanded." */
  private isQuotedDelimiter(word: ShWord): boolean {
    return word.Parts.some((part) => this.script.nodeType(part) !== 'Lit' || nodeSource(this.script, part).includes('\\'));
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------------------------

  private literal(word: ShWord | undefined): string | undefined {
    if (!word) return undefined;
    return literalWord(this.script, word)?.value;
  }

  /** A path operand's value when fully literal (no expansion, no glob). */
  private literalPath(word: ShWord): string | undefined {
    const value = literalWord(this.script, word);
    if (!value || value.pattern || !value.value) return undefined;
    return value.value;
  }

  private textOf(word: ShWord): string {
    return this.literal(word) ?? this.scriptSlice(word);
  }

  private scriptSlice(node: ShNode): string {
    return this.source.text.slice(this.start(node), this.end(node));
  }

  private start(node: ShNode): number {
    return this.script.offset(node.Pos());
  }

  private end(node: ShNode): number {
    return this.script.offset(node.End());
  }

  private wordSpan(word: ShWord): Span {
    return span(this.source, this.start(word), this.end(word));
  }

  private located(value: string, word: ShWord): Located<string> {
    return located(value, this.wordSpan(word));
  }

  /** The statement's command line: heredoc bodies (which mvdan/sh counts into the statement) are left out. */
  private stmtSpan(stmt: ShStmt): Span {
    return span(this.source, this.start(stmt), this.commandLineEnd(stmt));
  }

  private commandLineEnd(stmt: ShStmt): number {
    if (!stmt.Redirs.some((r) => r.Hdoc)) return this.end(stmt);
    let end = stmt.Cmd ? this.end(stmt.Cmd) : this.start(stmt);
    for (const redirect of stmt.Redirs) end = Math.max(end, redirect.Word ? this.end(redirect.Word) : this.script.offset(redirect.OpPos) + 2);
    return end;
  }

  /** From the first command of the pipeline `stmt` ends (if any) to the end of `stmt`. */
  private pipelineSpan(stmt: ShStmt): Span {
    const first = this.pipelineStart.get(nodeKey(stmt)) ?? stmt;
    return span(this.source, this.start(first), this.commandLineEnd(stmt));
  }
}

interface HeredocBody {
  text: string;
  quoted: boolean;
  toScriptOffset(offset: number): number;
}

function makeBody(text: string, map: number[], quoted: boolean, emptyAt: number): HeredocBody {
  return {
    text,
    quoted,
    toScriptOffset(offset: number): number {
      if (map.length === 0) return emptyAt;
      if (offset <= 0) return map[0];
      if (offset >= map.length) return map[map.length - 1] + 1;
      return map[offset];
    },
  };
}

function nodeKey(node: ShNode): string {
  return `${node.Pos().Offset()}:${node.End().Offset()}`;
}

function basename(path: string): string {
  return path.replace(/^.*\//, '');
}

/** `echo -e` / `printf` format escapes that matter for line edits; others are kept as written. */
function processEscapes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      if (next === 'n' || next === 't' || next === '\\') {
        out += next === 'n' ? '\n' : next === 't' ? '\t' : '\\';
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

const KNOWN_PROGRAMS = new Set(['cat', 'tee', 'sed', 'echo', 'printf', 'ctr', 'docker', 'nerdctl', 'podman', 'k3s', 'env', 'sudo']);

/** sudo(8) options that take a value as the next word. */
const SUDO_VALUE_OPTIONS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '-R', '--user', '--group', '--chdir', '--prompt', '--role', '--type', '--other-user', '--host', '--close-from', '--command-timeout', '--chroot']);

/** env(1) options that take a value as the next word. */
const ENV_VALUE_OPTIONS = new Set(['-u', '--unset', '-C', '--chdir']);

/** ctr global options that take a value (`ctr --help`). */
const CTR_GLOBAL_VALUE_OPTIONS = new Set(['-n', '--namespace', '-a', '--address', '--timeout', '--connect-timeout']);

/** `ctr images import` options that take a value. */
const CTR_IMPORT_VALUE_OPTIONS = new Set(['--base-name', '--index-name', '--platform', '--snapshotter', '--label']);

/** docker / nerdctl / podman global options that take a value. */
const RUNTIME_GLOBAL_VALUE_OPTIONS = new Set([
  '-n',
  '--namespace',
  '-a',
  '--address',
  '-H',
  '--host',
  '-c',
  '--context',
  '--config',
  '-l',
  '--log-level',
  '--root',
  '--runroot',
  '--storage-driver',
  '--url',
  '--connection',
  '--data-root',
  '--cgroup-manager',
  '--snapshotter',
]);

// ---------------------------------------------------------------------------------------------
// Files left behind
// ---------------------------------------------------------------------------------------------

/**
 * Assembles the files a script leaves behind: writes to the same path concatenate in source order
 * (a create resets the file, an append appends), each path becoming one virtual SourceFile whose
 * `origin` maps piecewise back to the script. A path whose first write is an append holds only what
 * the script appended (the rest of that file was not written by the script). `kindOf(path)`
 * classifies a path (the engine passes its own classifier).
 */
export function virtualFilesOf(script: SourceFile, reading: ScriptReading, kindOf: (path: string) => SourceKind): SourceFile[] {
  const byPath = new Map<string, VirtualFileWrite[]>();
  for (const write of reading.writes) {
    let list = byPath.get(write.path);
    if (!list || write.mode === 'create') {
      list = [];
      byPath.set(write.path, list);
    }
    list.push(write);
  }
  const files: SourceFile[] = [];
  for (const [path, writes] of byPath) {
    const starts: number[] = [];
    let text = '';
    for (const write of writes) {
      starts.push(text.length);
      text += write.text;
    }
    const toParentOffset = (offset: number): number => {
      // The piece holding `offset`: the last one starting at or before it (empty pieces are skipped).
      let index = 0;
      for (let k = 0; k < starts.length; k++) {
        if (starts[k] <= offset && (writes[k].text.length > 0 || k === starts.length - 1)) index = k;
      }
      const local = offset - starts[index];
      return writes[index].toScriptOffset(Math.min(local, writes[index].text.length));
    };
    files.push(new SourceFile(path, text, kindOf(path), { parent: script, toParentOffset }));
  }
  return files;
}

/** Is this text a shell script: named `*.sh` / `*.bash`, or a `#!` line naming sh, bash, dash, ash, ksh or zsh (directly or through `env`)? */
export function isShellScript(path: string, text: string): boolean {
  if (/\.(sh|bash)$/i.test(path)) return true;
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (!body.startsWith('#!')) return false;
  const newline = body.indexOf('\n');
  const line = (newline === -1 ? body.slice(2) : body.slice(2, newline)).trim();
  const words = line.split(/[ \t]+/).filter(Boolean);
  let i = 0;
  if (words.length > 0 && basename(words[0]) === 'env') {
    i = 1;
    // env(1): skip options and NAME=VALUE words; `-S` splits the rest into words, which are the same words here.
    while (i < words.length && (words[i].startsWith('-') || words[i].includes('='))) {
      i += words[i] === '-u' || words[i] === '-C' ? 2 : 1;
    }
  }
  const interpreter = words[i] === undefined ? '' : basename(words[i]);
  return ['sh', 'bash', 'dash', 'ash', 'ksh', 'zsh'].includes(interpreter);
}
