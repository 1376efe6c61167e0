/**
 * systemd unit files and drop-ins, read the way systemd's own config parser reads them
 * (src/shared/conf-parser.c `config_parse`/`parse_line`, systemd.syntax(7)): lines, continuations,
 * comments and sections, with drop-ins merged per systemd.unit(5). The syntax of the values is
 * systemd-words.ts (extract_first_word) and systemd-settings.ts (command lines, `Environment=`, `Type=`).
 *
 * Nothing here throws: whatever systemd would warn about or refuse becomes a `ParseProblem`.
 */
import { SourceFile, span, type Span } from '../core/source.js';
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
export const isWhitespace = (c: string | undefined): boolean => c !== undefined && c !== '' && WHITESPACE.includes(c);

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
