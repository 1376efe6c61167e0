/**
 * Commands that write files: `cat > P <<EOF`, `cat <<EOF | tee [-a] P`, `cat >> P`, `echo … >> P`,
 * `tee -a P <<< …`. A heredoc written to a path becomes a write (virtual-files.ts turns writes into
 * files); an append to a YAML file is also a line edit (rule `script/yaml-line-edit`).
 */
import type { Span } from '../core/source.js';
import type { HeredocBody, YamlLineEdit } from './reading.js';
import type { ScriptReader } from './script-reader.js';
import type { ShStmt, ShWord } from './shell-syntax.js';
import { wordText } from './words.js';

export const YAML_PATH = /\.ya?ml$/i;

/** Paths one `tee` writes its heredoc to (real scripts name one to three: a unit and its copy). */
const MAX_TEE_FILES = 8;

export function readCat(reader: ScriptReader, stmt: ShStmt, words: ShWord[]): boolean {
  const out = reader.stdout(stmt);
  if (!out) return false;
  // `cat FILE > P` copies a file we cannot see; only stdin-fed cat is a write of known text.
  const operands = words.slice(1).filter((w) => reader.literal(w) !== '-');
  const input = reader.stdin(stmt);
  if (operands.length > 0) {
    if (out.mode === 'append' && out.path !== undefined && YAML_PATH.test(out.path)) {
      pushYamlAppend(reader, out.word, out.path, reader.stmtSpan(stmt), undefined);
      return true;
    }
    return out.mode === 'append' && out.path === undefined && pushOpenAppend(reader, out.word, reader.stmtSpan(stmt), undefined);
  }
  const body = input.kind === 'heredoc' ? reader.heredoc(input.redirect) : undefined;
  if (out.path === undefined) {
    if (out.mode === 'append' && pushOpenAppend(reader, out.word, reader.stmtSpan(stmt), body?.text ?? (input.kind === 'echo' ? input.text : undefined))) return true;
    return body !== undefined;
  }
  if (body) pushWrite(reader, out.path, out.mode, body, reader.stmtSpan(stmt));
  if (out.mode === 'append' && YAML_PATH.test(out.path)) {
    pushYamlAppend(reader, out.word, out.path, reader.stmtSpan(stmt), body?.text ?? (input.kind === 'echo' ? input.text : undefined));
    return true;
  }
  return body !== undefined;
}

export function readTee(reader: ScriptReader, stmt: ShStmt, words: ShWord[]): boolean {
  let append = false;
  const files: ShWord[] = [];
  let options = true;
  for (const word of words.slice(1)) {
    const value = reader.literal(word);
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
  const input = reader.stdinOrPipe(stmt, (w, name) => echoText(reader, w, name));
  const body = input.kind === 'heredoc' ? reader.heredoc(input.redirect) : undefined;
  const appended = body?.text ?? (input.kind === 'echo' ? input.text : undefined);
  const whole = reader.pipelineSpan(stmt);
  let recorded = body !== undefined;
  let written = 0;
  for (const word of files) {
    const path = reader.pathValue(word)?.value;
    if (path === undefined) {
      if (append && pushOpenAppend(reader, word, whole, appended)) recorded = true;
      continue;
    }
    // Each path becomes a file linted in full: `tee f1 … f100 <<EOF` would multiply one heredoc's
    // text (and its findings) a hundredfold, so a tee writes its text to the first few paths only.
    if (body && written < MAX_TEE_FILES) {
      pushWrite(reader, path, append ? 'append' : 'create', body, whole);
      written++;
    }
    if (append && YAML_PATH.test(path)) {
      pushYamlAppend(reader, word, path, whole, appended);
      recorded = true;
    }
  }
  return recorded;
}

/**
 * `echo … > P` / `echo … >> P`: a write of the text echo prints when that text is known to the
 * character (echoBody), and, appended to a YAML file, a line edit.
 */
export function readEcho(reader: ScriptReader, stmt: ShStmt, words: ShWord[], name: string): boolean {
  const out = reader.stdout(stmt);
  if (!out) return false;
  if (out.path === undefined) return out.mode === 'append' && pushOpenAppend(reader, out.word, reader.stmtSpan(stmt), echoText(reader, words, name));
  const body = name === 'echo' ? echoBody(reader, words) : undefined;
  if (body) pushWrite(reader, out.path, out.mode, body, reader.stmtSpan(stmt));
  if (out.mode === 'append' && YAML_PATH.test(out.path)) {
    pushYamlAppend(reader, out.word, out.path, reader.stmtSpan(stmt), echoText(reader, words, name));
    return true;
  }
  return body !== undefined;
}

/**
 * What `echo [-n|-e|-E]… WORD` prints as a file body, when WORD is one string literal whose every
 * character maps to the script (ScriptReader.stringLiteralBody: a config written as one quoted
 * string with real line breaks, sweep20 U-1) and `-e` has no backslash to interpret. Undefined
 * otherwise: several words, or escapes, are not followed character by character.
 */
function echoBody(reader: ScriptReader, words: ShWord[]): HeredocBody | undefined {
  const { first: i, newline, escapes } = echoOptions(reader, words);
  if (i !== words.length - 1) return undefined;
  const literal = reader.stringLiteralBody(words[i]);
  if (!literal || (escapes && literal.text.includes('\\'))) return undefined;
  const text = newline ? `${literal.text}\n` : literal.text;
  const toScript = 'map' in literal ? (o: number) => literal.map[Math.min(o, literal.map.length - 1)] : (o: number) => literal.start + Math.min(o, literal.text.length);
  // Inside double quotes, a variable the script does not assign once stays as its source text: the
  // run fills it in, as in an unquoted heredoc. Command substitutions are not followed.
  if (reader.source.text[reader.start(words[i])] === "'") return { text, quoted: true, expansions: [], toScriptOffset: toScript };
  if (/\$\(|`/.test(text)) return undefined;
  const expansions: Array<readonly [number, number]> = [];
  for (const m of text.matchAll(PARAMETER)) expansions.push([m.index, m.index + m[0].length]);
  return { text, quoted: expansions.length === 0, expansions, toScriptOffset: toScript };
}

/**
 * echo's options: bash's builtin takes only clusters of -n, -e, -E (bash(1) SHELL BUILTIN COMMANDS).
 * `first` is the index of the first word it prints.
 */
function echoOptions(reader: ScriptReader, words: ShWord[]): { first: number; newline: boolean; escapes: boolean } {
  let first = 1;
  let newline = true;
  let escapes = false;
  for (; first < words.length; first++) {
    const value = reader.literal(words[first]);
    if (!value || !/^-[neE]+$/.test(value)) break;
    if (value.includes('n')) newline = false;
    if (value.includes('e')) escapes = true;
    if (value.includes('E')) escapes = false;
  }
  return { first, newline, escapes };
}

/** `$NAME`, `${…}` and the special parameters, as written in a double-quoted string. */
const PARAMETER = /\$(?:\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/g;

/** What `echo`/`printf` prints, with expansions kept as source text; undefined when not knowable. */
export function echoText(reader: ScriptReader, words: ShWord[], name: string): string | undefined {
  if (name === 'printf') {
    if (words.length < 2) return undefined;
    const format = wordText(reader.script, words[1]);
    return printfText(format, words.slice(2).map((w) => wordText(reader.script, w)));
  }
  const { first: i, newline, escapes } = echoOptions(reader, words);
  const text = words
    .slice(i)
    .map((w) => wordText(reader.script, w))
    .join(' ');
  return (escapes ? processEscapes(text) : text) + (newline ? '\n' : '');
}

/**
 * What `printf FORMAT ARGS…` prints when FORMAT uses only `%s`/`%d`/`%i`/`%b` (no flags or widths) and
 * `%%`, with exactly one argument per conversion, each kept as its source text (bash(1) `printf`: the
 * format is reused while arguments remain, so a count that differs is not read). Undefined otherwise.
 */
function printfText(format: string, args: string[]): string | undefined {
  let out = '';
  let literal = '';
  let used = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      literal += c;
      continue;
    }
    const conversion = format[i + 1];
    i++;
    if (conversion === '%') {
      literal += '%';
      continue;
    }
    if (conversion === undefined || !'sdib'.includes(conversion) || used >= args.length) return undefined;
    // Escapes are the format's; `%s` prints its argument as it is.
    out += processEscapes(literal) + args[used++];
    literal = '';
  }
  if (used !== args.length) return undefined;
  return out + processEscapes(literal);
}

function pushWrite(reader: ScriptReader, path: string, mode: 'create' | 'append', body: HeredocBody, at: Span): void {
  reader.reading.writes.push({ path, mode, text: body.text, quoted: body.quoted, expansions: body.expansions, toScriptOffset: body.toScriptOffset, span: at });
}

function pushYamlAppend(reader: ScriptReader, word: ShWord, path: string, at: Span, appended: string | undefined, openDirectory = false): void {
  const edit: YamlLineEdit = { tool: 'append', target: reader.located(path, word), span: at };
  if (appended !== undefined) edit.appended = appended;
  if (openDirectory) edit.openDirectory = true;
  reader.reading.yamlEdits.push(edit);
}

/**
 * An append to a YAML file whose directory the script computes at run time (`>> ${ROOT}/_output/edgecore.yaml`,
 * ROOT from `$(cd … && pwd)`): still a line edit of a file whose name is known, as for `sed -i`
 * (ScriptReader.openPathValue). Its text is never written out: where it lands is unknown.
 */
function pushOpenAppend(reader: ScriptReader, word: ShWord, at: Span, appended: string | undefined): boolean {
  const open = reader.openPathValue(word);
  if (!open || !YAML_PATH.test(open.value)) return false;
  pushYamlAppend(reader, word, open.value, at, appended, true);
  return true;
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

/** install(1) options that take a value as the next word. */
const INSTALL_VALUE_OPTIONS = new Set(['-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix', '-Z']);

/**
 * `cp [OPTIONS] SRC DEST` and `install [OPTIONS] SRC DEST` with one source: a repository file put on the
 * node (FileCopy). Other forms (several sources, `-t DIR`, `install -d`) are not recorded. A source whose
 * path starts with an expansion the reading cannot resolve (`"$(dirname "$0")/edgecore.yaml"`) keeps its
 * literal tail, to be matched against the deployment's files.
 */
export function readCopy(reader: ScriptReader, stmt: ShStmt, words: ShWord[], name: 'cp' | 'install'): boolean {
  const operands: ShWord[] = [];
  let options = true;
  for (let i = 1; i < words.length; i++) {
    const value = reader.literal(words[i]);
    if (options && value === '--') {
      options = false;
      continue;
    }
    if (options && value !== undefined && value.startsWith('-') && value !== '-') {
      if (value === '-t' || value.startsWith('--target-directory') || (name === 'install' && value === '-d')) return false;
      if (name === 'install' && INSTALL_VALUE_OPTIONS.has(value)) i++;
      continue;
    }
    operands.push(words[i]);
  }
  if (operands.length !== 2) return false;
  const dest = reader.pathValue(operands[1])?.value;
  if (dest === undefined) return false;
  const known = reader.pathValue(operands[0])?.value;
  const tail = known === undefined ? expansionTail(wordText(reader.script, operands[0])) : undefined;
  const from = known ?? tail;
  if (from === undefined) return false;
  const base = from.replace(/^.*\//, '');
  reader.reading.copies.push({ from, tail: known === undefined, to: dest.endsWith('/') ? dest + base : dest, span: reader.stmtSpan(stmt) });
  return true;
}

/** `"$(dirname "$0")/templates/edgecore.yaml"` → `templates/edgecore.yaml`: the literal path after the last expansion. */
function expansionTail(raw: string): string | undefined {
  const text = raw.replace(/["']/g, '');
  const m = /[)}]\/([\w.\-/]+)$/.exec(text) ?? /\$[A-Za-z_]\w*\/([\w.\-/]+)$/.exec(text);
  if (!m || m[1].endsWith('/')) return undefined;
  return m[1];
}
