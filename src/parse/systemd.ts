/**
 * systemd unit files and drop-ins, read the way systemd's own config parser reads them
 * (src/shared/conf-parser.c `config_parse`/`parse_line`, systemd.syntax(7)), with drop-ins merged per
 * systemd.unit(5), and the value syntaxes rules care about: command lines (systemd.service(5)
 * "Command lines") and `Environment=` (systemd.exec(5)).
 *
 * Nothing here throws: whatever systemd would warn about or refuse becomes a `ParseProblem`.
 */
import { SourceFile, located, resolveSpan, span, type Located, type Span } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import { pushAll } from '../core/arrays.js';
import { closestName } from '../core/did-you-mean.js';

export interface UnitEntry {
  section: string;
  key: string;
  /** The logical value: continued lines joined (each `\` becomes a space), comment lines inside dropped, trimmed. */
  value: string;
  source: SourceFile;
  /** The whole logical line(s), from the key to the last non-blank character. */
  span: Span;
  keySpan: Span;
  /** From the first character of the value to the last non-blank character of the last continued line. */
  valueSpan: Span;
  /**
   * File offset of each character of `value`. Continued values are not contiguous in the file; without
   * this map a value is taken to start at `valueSpan.start` and run contiguously (hand-built entries).
   */
  valueOffsets?: readonly number[];
}

export interface SystemdUnit {
  name: string;
  source: SourceFile;
  dropIns: SourceFile[];
  entries: UnitEntry[];
  problems: ParseProblem[];
  /** Effective single value (last assignment wins; an empty assignment resets to unset → returns undefined). */
  get(section: string, key: string): UnitEntry | undefined;
  /** Effective list for list-valued keys: assignments accumulate, an empty assignment clears what came before. */
  getAll(section: string, key: string): UnitEntry[];
}

/** systemd's WHITESPACE set (basic/string-util.h). */
const WHITESPACE = ' \t\n\r';
const isWhitespace = (c: string | undefined): boolean => c !== undefined && c !== '' && WHITESPACE.includes(c);

interface PhysicalLine {
  start: number;
  end: number;
}

/** read_line() in systemd's fileio.c ends a line at `\n`, `\r\n` or a lone `\r`. */
function physicalLines(text: string, from: number): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  const terminator = /\r\n|\n|\r/g;
  terminator.lastIndex = from;
  let start = from;
  for (let m = terminator.exec(text); m; m = terminator.exec(text)) {
    lines.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}

/** A logical line being assembled: its characters with the file offset each one came from. */
interface LogicalLine {
  chars: string[];
  offsets: number[];
}

export function parseUnitFile(source: SourceFile): { entries: UnitEntry[]; problems: ParseProblem[] } {
  const entries: UnitEntry[] = [];
  const problems: ParseProblem[] = [];
  const text = source.text;
  // config_parse() drops one UTF-8 byte order mark at the start of the file.
  const bodyStart = text.startsWith('\uFEFF') ? 1 : 0;
  const state: SectionState = { section: undefined, ignored: false, stopped: false, sections: knownSections(source.path) };
  let pending: LogicalLine | undefined;
  let lastBackslash = -1;

  for (const line of physicalLines(text, bodyStart)) {
    let first = line.start;
    while (first < line.end && isWhitespace(text[first])) first++;
    // Comment lines are skipped before continuation handling, so a comment inside a continued value
    // vanishes and the value goes on with the next line (systemd.syntax(7)).
    if (first < line.end && (text[first] === '#' || text[first] === ';')) continue;

    const logical = pending ?? { chars: [], offsets: [] };
    let escaped = false;
    for (let i = line.start; i < line.end; i++) {
      const c = text[i];
      logical.chars.push(c);
      logical.offsets.push(i);
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
    }
    if (escaped) {
      // An odd trailing backslash continues the line; config_parse() overwrites it with a space.
      logical.chars[logical.chars.length - 1] = ' ';
      lastBackslash = line.end - 1;
      pending = logical;
      continue;
    }
    pending = undefined;
    parseLogicalLine(source, logical, state, entries, problems);
  }

  if (pending) {
    // systemd still parses a continuation left open at end of file, so the entry is kept.
    problems.push({
      message: 'Line continuation (`\\`) at end of file: nothing follows it',
      span: span(source, lastBackslash, lastBackslash + 1),
    });
    parseLogicalLine(source, pending, state, entries, problems);
  }
  closeIgnored(state);
  return { entries, problems };
}

/**
 * The sections systemd reads in a unit of this type: the `.sections` of its UnitVTable
 * (src/core/service.c `service_vtable`: "Unit\0" "Service\0" "Install\0"; socket.c likewise with
 * "Socket"). Undefined for files whose unit type we do not check.
 */
function knownSections(path: string): ReadonlySet<string> | undefined {
  const unit = unitNameOf(path);
  const type = unit?.slice(unit.lastIndexOf('.') + 1);
  if (type === 'service') return new Set(['Unit', 'Service', 'Install']);
  if (type === 'socket') return new Set(['Unit', 'Socket', 'Install']);
  return undefined;
}

/** A finding whose text waits for the number of lines it makes systemd skip. */
interface IgnoredRun {
  problem: ParseProblem;
  count: number;
  message(count: number): string;
}

interface SectionState {
  section: string | undefined;
  /** After an unknown section header systemd skips assignments without warning about each one. */
  ignored: boolean;
  /** After an invalid section header systemd stops reading the file. */
  stopped: boolean;
  sections: ReadonlySet<string> | undefined;
  /** The one finding the lines systemd currently skips are counted into (one root cause, one finding). */
  run?: IgnoredRun;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function closeIgnored(state: SectionState): void {
  const run = state.run;
  if (!run) return;
  run.problem.message = run.message(run.count);
  state.run = undefined;
}

function openIgnored(state: SectionState, problems: ParseProblem[], at: Span, message: (count: number) => string, count = 0): void {
  closeIgnored(state);
  const problem: ParseProblem = { message: '', span: at };
  problems.push(problem);
  state.run = { problem, count, message };
}

/** A line without `=` that was meant as a section header: `Service]`, `Service`, `(Service)`. */
function looksLikeHeader(line: string, sections: ReadonlySet<string> | undefined): string | undefined {
  const m = /^[^A-Za-z=]*([A-Za-z][A-Za-z-]*)[^A-Za-z=]*$/.exec(line);
  if (!m) return undefined;
  const name = m[1];
  const known = [...(sections ?? ['Unit', 'Service', 'Install'])].find((s) => s.toLowerCase() === name.toLowerCase());
  if (known) return known;
  return line.endsWith(']') ? name : undefined;
}

function parseLogicalLine(
  source: SourceFile,
  line: LogicalLine,
  state: SectionState,
  entries: UnitEntry[],
  problems: ParseProblem[],
): void {
  const { chars, offsets } = line;
  let first = 0;
  while (first < chars.length && isWhitespace(chars[first])) first++;
  let last = chars.length - 1;
  while (last >= first && isWhitespace(chars[last])) last--;
  if (first > last) return;
  const whole = span(source, offsets[first], offsets[last] + 1);
  const lineText = chars.slice(first, last + 1).join('');

  if (state.stopped) {
    // parse_line() returned an error: config_parse() never reads the rest of the file.
    if (state.run) state.run.count++;
    return;
  }

  if (chars[first] === '[') {
    if (chars[last] !== ']') {
      // conf-parser.c parse_line(): "Invalid section header '%s'" and -EBADMSG, which ends config_parse()
      // for the whole file and makes systemd refuse to load a unit file.
      openIgnored(state, problems, whole, (n) =>
        `Invalid section header \`${lineText}\`: it must end with \`]\`; systemd stops reading the file here and refuses to load it` +
        (n > 0 ? `, so the ${plural(n, 'line', 'lines')} after it ${n === 1 ? 'is' : 'are'} never applied` : ''),
      );
      state.section = undefined;
      state.ignored = true;
      state.stopped = true;
      return;
    }
    closeIgnored(state);
    const name = chars.slice(first + 1, last).join('');
    if (state.sections && !state.sections.has(name) && name.startsWith('X-')) {
      // Extension sections are for other programs: systemd skips them without a word.
      state.section = undefined;
      state.ignored = true;
      return;
    }
    if (state.sections && !state.sections.has(name)) {
      // parse_line(): "Unknown section '%s'. Ignoring." once; the assignments under it are skipped silently.
      const close = closestName(state.sections, name);
      const hint = close ? `; did you mean [${close}]?` : '';
      openIgnored(state, problems, whole, (n) =>
        `Unknown section [${name}]: systemd ignores it` + (n > 0 ? ` and the ${plural(n, 'assignment', 'assignments')} in it` : '') + hint,
      );
      state.section = undefined;
      state.ignored = true;
      return;
    }
    state.section = name;
    state.ignored = false;
    return;
  }

  let eq = -1;
  for (let i = first; i <= last; i++) {
    if (chars[i] === '=') {
      eq = i;
      break;
    }
  }
  const meantHeader = eq === -1 ? looksLikeHeader(lineText, state.sections) : undefined;
  if (meantHeader) {
    // Not a header to systemd: outside a section it is one more "Assignment outside of section", inside
    // one a "Missing '='" line; either way the lines after it stay where they were. One finding here.
    const inside = state.section;
    openIgnored(state, problems, whole, (n) =>
      `\`${lineText}\` is not a section header (write \`[${meantHeader}]\`): systemd ignores this line` +
      (n === 0 ? '' : inside === undefined || state.ignored ? `, and the ${plural(n, 'assignment', 'assignments')} after it with it` : `, and reads the ${plural(n, 'assignment', 'assignments')} after it as part of [${inside}]`),
    );
    return;
  }

  if (state.section === undefined) {
    if (state.run) state.run.count++;
    // parse_line(): "Assignment outside of section. Ignoring.", once per line; reported once per run.
    else if (!state.ignored) openIgnored(state, problems, whole, (n) => (n === 1 ? 'Assignment outside of any [Section]: systemd ignores it' : `${n} assignments outside of any [Section]: systemd ignores them`), 1);
    return;
  }

  if (eq === -1) {
    problems.push({ message: "Missing '=': systemd ignores this line", span: whole });
    return;
  }
  if (eq === first) {
    problems.push({ message: "Missing key name before '=': systemd ignores this line", span: whole });
    return;
  }
  if (state.run) state.run.count++;

  let keyLast = eq - 1;
  while (keyLast > first && isWhitespace(chars[keyLast])) keyLast--;
  let valueFirst = eq + 1;
  while (valueFirst <= last && isWhitespace(chars[valueFirst])) valueFirst++;

  const valueOffsets = offsets.slice(valueFirst, last + 1);
  const valueSpan =
    valueFirst <= last
      ? span(source, offsets[valueFirst], offsets[last] + 1)
      : span(source, offsets[eq] + 1, offsets[eq] + 1);

  entries.push({
    section: state.section,
    key: chars.slice(first, keyLast + 1).join(''),
    value: chars.slice(valueFirst, last + 1).join(''),
    source,
    span: whole,
    keySpan: span(source, offsets[first], offsets[keyLast] + 1),
    valueSpan,
    valueOffsets,
  });
}

// -------------------------------------------------------------------------------------------------
// Drop-in merge
// -------------------------------------------------------------------------------------------------

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A unit file name: a non-empty prefix and one of the unit types of systemd.unit(5). */
const UNIT_NAME = /^[^/]+\.(?:service|socket|device|mount|automount|swap|target|path|timer|slice|scope)$/;

/**
 * The unit a file belongs to: `mosquitto.service` for `/etc/systemd/system/mosquitto.service` and for
 * `/etc/systemd/system/mosquitto.service.d/override.conf`; undefined for anything else.
 */
export function unitNameOf(path: string): string | undefined {
  const parts = path.split('/');
  const file = parts[parts.length - 1] ?? '';
  const dir = parts.length > 1 ? parts[parts.length - 2] : undefined;
  if (dir !== undefined && dir.endsWith('.d') && file.endsWith('.conf')) {
    const unit = dir.slice(0, -2);
    return UNIT_NAME.test(unit) ? unit : undefined;
  }
  return UNIT_NAME.test(file) ? file : undefined;
}

export function mergeUnit(name: string, main: SourceFile | undefined, dropIns: SourceFile[]): SystemdUnit {
  // systemd.unit(5): drop-ins of all directories are applied in the order of their file names.
  const ordered = [...dropIns].sort((a, b) => compareText(baseName(a.path), baseName(b.path)) || compareText(a.path, b.path));
  const entries: UnitEntry[] = [];
  const problems: ParseProblem[] = [];
  for (const file of main ? [main, ...ordered] : ordered) {
    const parsed = parseUnitFile(file);
    pushAll(entries, parsed.entries);
    pushAll(problems, parsed.problems);
  }
  // A unit named with no file at all is still a unit (an empty one), never an exception.
  const source = main ?? ordered[0] ?? new SourceFile(name, '', 'systemd');

  return {
    name,
    source,
    dropIns: ordered,
    entries,
    problems,
    get(section, key) {
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        if (entry.section === section && entry.key === key) return entry.value === '' ? undefined : entry;
      }
      return undefined;
    },
    getAll(section, key) {
      let list: UnitEntry[] = [];
      for (const entry of entries) {
        if (entry.section !== section || entry.key !== key) continue;
        if (entry.value === '') list = [];
        else list.push(entry);
      }
      return list;
    },
  };
}

// -------------------------------------------------------------------------------------------------
// Word splitting (systemd's extract_first_word with EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE)
// -------------------------------------------------------------------------------------------------

/** One unquoted, unescaped word, with the file range of each character it was made from. */
interface Word {
  value: string;
  start: number;
  end: number;
  /** Per character of `value`: file offsets of the raw text it came from. */
  charStarts: number[];
  charEnds: number[];
  /** The raw text was exactly `;` (a command separator) or `\;` (a literal semicolon). */
  raw: string;
}

/** Characters of a value with their file offsets. */
interface ValueText {
  text: string;
  offsetAt(index: number): number;
  source: SourceFile;
}

function valueText(entry: UnitEntry): ValueText {
  const offsets = entry.valueOffsets;
  const base = entry.valueSpan.start;
  return {
    text: entry.value,
    source: entry.source,
    offsetAt: (i) => (offsets && i < offsets.length ? offsets[i] : offsets && offsets.length > 0 ? offsets[offsets.length - 1] + 1 : base + i),
  };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', '"': '"', "'": "'", s: ' ',
};

/** cunescape_one() (basic/escape.c): the C escapes systemd accepts; anything else is a syntax error. */
function unescapeAt(text: string, i: number): { value: string; length: number } | undefined {
  const c = text[i];
  if (c === undefined) return undefined;
  if (c in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[c], length: 1 };
  const hex = (n: number): { value: string; length: number } | undefined => {
    const digits = text.slice(i + 1, i + 1 + n);
    if (digits.length !== n || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
    const code = Number.parseInt(digits, 16);
    if (code === 0 || code > 0x10ffff) return undefined;
    return { value: String.fromCodePoint(code), length: 1 + n };
  };
  if (c === 'x') return hex(2);
  if (c === 'u') return hex(4);
  if (c === 'U') return hex(8);
  if (c >= '0' && c <= '7') {
    const digits = text.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(digits)) return undefined;
    const code = Number.parseInt(digits, 8);
    return code === 0 || code > 0xff ? undefined : { value: String.fromCharCode(code), length: 3 };
  }
  return undefined;
}

/**
 * How strictly a setting's words are split, per systemd's source (src/core/load-fragment.c):
 * - `exec`: config_parse_exec() uses extract_first_word_and_warn() (src/basic/extract-word.c), which on
 *   an unknown escape retries the word with EXTRACT_CUNESCAPE_RELAX: the backslash and the character stay
 *   verbatim, a warning "Ignoring unknown escape sequences" is logged, and the command is used. Only
 *   unbalanced quoting survives the retry ("Unbalanced quoting, ignoring").
 * - `environ`: config_parse_environ() calls extract_first_word() without the retry: any bad word logs
 *   "Invalid syntax, ignoring" and ends the line there (the words before it are already applied).
 */
type SplitMode = 'exec' | 'environ';

function splitWords(value: ValueText, problems: ParseProblem[], mode: SplitMode): Word[] {
  const { text, source } = value;
  const at = (i: number, length = 1): Span => span(source, value.offsetAt(i), value.offsetAt(i + length - 1) + 1);
  const words: Word[] = [];
  const rest = 'systemd ignores this word and the rest of the line ("Invalid syntax, ignoring")';
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isWhitespace(text[i])) i++;
    if (i >= text.length) break;
    const wordStart = i;
    let out = '';
    const charStarts: number[] = [];
    const charEnds: number[] = [];
    const emit = (chars: string, from: number, length: number): void => {
      for (const ch of chars) {
        out += ch;
        charStarts.push(value.offsetAt(from));
        charEnds.push(value.offsetAt(from + length - 1) + 1);
      }
    };
    let quote: string | undefined;
    let quoteAt = -1;
    /** Unknown escapes of this word, kept verbatim in exec mode: one warning per word, as systemd logs it. */
    const unknown: Array<{ at: number; text: string }> = [];
    let failed = false;
    while (i < text.length) {
      const c = text[i];
      if (!quote && isWhitespace(c)) break;
      if (c === '\\') {
        if (i + 1 >= text.length) {
          if (mode === 'environ') {
            problems.push({ message: `Backslash at the end of the value escapes nothing: ${rest}`, span: at(i) });
            failed = true;
            break;
          }
          // EXTRACT_CUNESCAPE_RELAX keeps an unquoted trailing backslash verbatim (quoted, it stays an error).
          if (!quote) unknown.push({ at: i, text: '\\' });
          emit('\\', i, 1);
          i++;
          break;
        }
        const escape = unescapeAt(text, i + 1);
        if (escape) {
          emit(escape.value, i, escape.length + 1);
          i += escape.length + 1;
          continue;
        }
        // `\;` as a whole word is the escaped command separator (config_parse_exec checks it first).
        const isLoneSemicolon = mode === 'exec' && text[i + 1] === ';' && i === wordStart && (i + 2 >= text.length || isWhitespace(text[i + 2]));
        if (isLoneSemicolon) {
          emit(';', i, 2);
          i += 2;
          continue;
        }
        if (mode === 'environ') {
          problems.push({ message: `Unknown escape \`\\${text[i + 1]}\` in Environment=: ${rest}`, span: at(i, 2) });
          failed = true;
          break;
        }
        unknown.push({ at: i, text: `\\${text[i + 1]}` });
        emit(`\\${text[i + 1]}`, i, 2);
        i += 2;
        continue;
      }
      if (quote) {
        if (c === quote) quote = undefined;
        else emit(c, i, 1);
        i++;
        continue;
      }
      if (c === '"' || c === "'") {
        quote = c;
        quoteAt = i;
        i++;
        continue;
      }
      emit(c, i, 1);
      i++;
    }
    if (failed) break;
    if (quote) {
      const kind = quote === '"' ? 'double' : 'single';
      problems.push({
        message: mode === 'environ' ? `Unterminated ${kind} quote: ${rest}` : `Unterminated ${kind} quote: systemd rejects this assignment`,
        span: at(quoteAt),
      });
      if (mode === 'environ') break;
    } else if (unknown.length > 0) {
      const names = [...new Set(unknown.map((u) => `\`${u.text}\``))];
      const one = names.length === 1;
      problems.push({
        message:
          `Unknown ${one ? 'escape' : 'escapes'} ${names.join(', ')} in a command line: systemd keeps the ${one ? 'backslash' : 'backslashes'} ` +
          `and passes ${one ? names[0] : 'them'} on as written (it logs "Ignoring unknown escape sequences"); ` +
          'write `\\\\` where a literal backslash is meant',
        span: at(unknown[0].at, unknown[0].text.length),
        severity: 'warning',
      });
    }
    const start = value.offsetAt(wordStart);
    const end = value.offsetAt(i - 1) + 1;
    words.push({ value: out, start, end, charStarts, charEnds, raw: text.slice(wordStart, i) });
  }
  return words;
}

function locatedWord(source: SourceFile, word: Word): Located<string> {
  return located(word.value, span(source, word.start, word.end));
}

// -------------------------------------------------------------------------------------------------
// Command lines
// -------------------------------------------------------------------------------------------------

export interface CommandLine {
  /** Special executable prefixes in the order written: `@`, `-`, `:`, `+`, `!`, `!!`, `|`. */
  prefixes: string;
  /** The program (prefixes stripped from its text and span), then its arguments. */
  argv: Located<string>[];
  /** With the `@` prefix: the word passed as argv[0] instead of the program (not part of `argv`). */
  argv0?: Located<string>;
  span: Span;
}

/**
 * Strips the executable prefixes the way config_parse_exec() (src/core/load-fragment.c) does: each of
 * `-@:|` at most once (`|`, run through the user's shell, since systemd 258, PR #37071), `+` and
 * `!`/`!!` exclusive of each other.
 */
function stripPrefixes(word: string): string {
  let prefixes = '';
  for (const c of word) {
    const bangs = prefixes.split('!').length - 1;
    if ((c === '-' || c === '@' || c === ':' || c === '|') && !prefixes.includes(c)) prefixes += c;
    else if (c === '+' && bangs === 0 && !prefixes.includes('+')) prefixes += c;
    else if (c === '!' && bangs < 2 && !prefixes.includes('+')) prefixes += c;
    else break;
  }
  return prefixes;
}

/**
 * Splits an Exec*= value into command lines per systemd.service(5) "Command lines": quotes and C escapes
 * per systemd.syntax(7) "Quoting"; a lone unquoted `;` word separates command lines (soft-deprecated in
 * systemd 257 but still honoured), `\;` is a literal `;`. `%` specifiers and `$VAR`/`${VAR}` are left in
 * the word text: their values are only known on the node.
 */
export function splitCommandLines(entry: UnitEntry): { commands: CommandLine[]; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const words = splitWords(valueText(entry), problems, 'exec');
  const groups: Word[][] = [[]];
  for (const word of words) {
    if (word.raw === ';') groups.push([]);
    else groups[groups.length - 1].push(word);
  }
  const commands: CommandLine[] = [];
  for (const group of groups) {
    if (group.length === 0) continue;
    const [program, ...rest] = group;
    const prefixes = stripPrefixes(program.value);
    const stripped = program.value.slice(prefixes.length);
    const programStart = prefixes.length < program.charStarts.length ? program.charStarts[prefixes.length] : program.end;
    const whole = span(entry.source, program.start, group[group.length - 1].end);
    if (stripped === '') {
      problems.push({ message: 'Empty executable path after the command prefixes: systemd rejects this command', span: span(entry.source, program.start, program.end) });
    }
    const argv: Located<string>[] = [located(stripped, span(entry.source, programStart, program.end))];
    let argv0: Located<string> | undefined;
    let args = rest;
    if (prefixes.includes('@')) {
      if (rest.length === 0) {
        problems.push({ message: 'The `@` prefix needs a second word to pass as argv[0]', span: whole });
      } else {
        argv0 = locatedWord(entry.source, rest[0]);
        args = rest.slice(1);
      }
    }
    for (const word of args) argv.push(locatedWord(entry.source, word));
    commands.push({ prefixes, argv, argv0, span: whole });
  }
  return { commands, problems };
}

/** The first command line of an Exec*= value (the only one, except for `Type=oneshot` services). */
export function splitCommandLine(entry: UnitEntry): {
  prefixes: string;
  argv: Located<string>[];
  argv0?: Located<string>;
  problems: ParseProblem[];
} {
  const { commands, problems } = splitCommandLines(entry);
  const first = commands[0];
  if (!first) return { prefixes: '', argv: [], problems };
  return { prefixes: first.prefixes, argv: first.argv, argv0: first.argv0, problems };
}

// -------------------------------------------------------------------------------------------------
// Environment=
// -------------------------------------------------------------------------------------------------

/** env_name_is_valid() (basic/env-util.c): the characters bash accepts, not starting with a digit. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface EnvironmentAssignment {
  name: Located<string>;
  value: Located<string>;
}

/**
 * One `Environment=` line: space-separated `NAME=value` words, quoted and escaped as in systemd.syntax(7).
 * Words that are not valid assignments are ignored by systemd (config_parse_environ) and reported here.
 */
export function parseEnvironment(entry: UnitEntry): { assignments: EnvironmentAssignment[]; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const assignments: EnvironmentAssignment[] = [];
  for (const word of splitWords(valueText(entry), problems, 'environ')) {
    const eq = word.value.indexOf('=');
    const name = eq === -1 ? '' : word.value.slice(0, eq);
    if (!ENV_NAME.test(name)) {
      problems.push({
        message: `Invalid environment assignment \`${word.value}\`: systemd ignores it`,
        span: span(entry.source, word.start, word.end),
      });
      continue;
    }
    const valueStart = eq + 1 < word.charStarts.length ? word.charStarts[eq + 1] : word.charEnds[eq];
    const valueEnd = eq + 1 < word.charEnds.length ? word.charEnds[word.charEnds.length - 1] : valueStart;
    assignments.push({
      name: located(name, span(entry.source, word.charStarts[0], word.charEnds[eq - 1])),
      value: located(word.value.slice(eq + 1), span(entry.source, valueStart, valueEnd)),
    });
  }
  return { assignments, problems };
}

/** The section that holds exec settings for a unit type (systemd.exec(5)). */
export function execSectionOf(unitName: string): string {
  const type = unitName.slice(unitName.lastIndexOf('.') + 1);
  return { socket: 'Socket', mount: 'Mount', swap: 'Swap' }[type] ?? 'Service';
}

/** `Environment=` of a unit after drop-ins: later assignments of a name override earlier ones. */
export function environmentOf(unit: SystemdUnit, section = execSectionOf(unit.name)): Map<string, Located<string>> {
  const env = new Map<string, Located<string>>();
  for (const entry of unit.getAll(section, 'Environment')) {
    for (const { name, value } of parseEnvironment(entry).assignments) env.set(name.value, value);
  }
  return env;
}

// -------------------------------------------------------------------------------------------------
// Type=
// -------------------------------------------------------------------------------------------------

/** service_type_table in src/core/service.c: the only values `Type=` accepts (case-sensitive). */
const SERVICE_TYPES = ['simple', 'exec', 'forking', 'oneshot', 'dbus', 'notify', 'notify-reload', 'idle'];

export interface ServiceType {
  /** The type systemd runs the service with. */
  type: string;
  /** The last valid `Type=` assignment, when the type is not the default. */
  explicit?: UnitEntry;
  /** `Type=` assignments systemd ignored. */
  invalid: UnitEntry[];
  problems: ParseProblem[];
}

/**
 * The type a service runs with. `Type=` is parsed by DEFINE_CONFIG_PARSE_ENUM (src/shared/conf-parser.h,
 * config_parse_service_type in load-fragment.c): a value service_type_from_string() does not know —
 * including an empty one — is logged ("Failed to parse service type, ignoring") and leaves the type as
 * it was. With no valid `Type=`, service_add_extras() (src/core/service.c) picks `dbus` when BusName= is
 * set, `simple` when there is an ExecStart=, `oneshot` otherwise.
 */
export function serviceTypeOf(unit: SystemdUnit): ServiceType {
  let explicit: UnitEntry | undefined;
  const invalid: UnitEntry[] = [];
  for (const entry of unit.entries) {
    if (entry.section !== 'Service' || entry.key !== 'Type') continue;
    if (SERVICE_TYPES.includes(entry.value)) explicit = entry;
    else invalid.push(entry);
  }
  const fallback = unit.get('Service', 'BusName')
    ? { type: 'dbus', why: 'the default with BusName=' }
    : unit.getAll('Service', 'ExecStart').length > 0
      ? { type: 'simple', why: 'the default for a service with ExecStart=' }
      : { type: 'oneshot', why: 'the default without ExecStart=' };
  const type = explicit?.value ?? fallback.type;
  const problems: ParseProblem[] = invalid.map((entry) => {
    const close = entry.value === '' ? undefined : closestName(SERVICE_TYPES, entry.value);
    const runs = explicit ? `keeps Type=${type} (${where(explicit)})` : `runs the service as Type=${type}, ${fallback.why}`;
    return {
      message:
        `${entry.value === '' ? 'Empty Type=' : `Invalid Type=${entry.value}`}: systemd logs "Failed to parse service type, ignoring" and ${runs}` +
        (close ? `; did you mean Type=${close}?` : ''),
      span: entry.value === '' ? entry.span : entry.valueSpan,
      severity: 'warning',
    };
  });
  return { type, ...(explicit ? { explicit } : {}), invalid, problems };
}

/** `path:line` of an entry in the file the user can open (a heredoc's script, not the virtual file). */
function where(entry: UnitEntry): string {
  const { file, line } = resolveSpan(entry.span);
  return `${file}:${line}`;
}
