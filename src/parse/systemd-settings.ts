/**
 * The settings of a systemd unit whose values rules read: command lines (systemd.service(5) "Command
 * lines"), `Environment=` (systemd.exec(5)) and a service's `Type=`, over the entries systemd.ts reads.
 *
 * Nothing here throws: whatever systemd would warn about or refuse becomes a `ParseProblem`.
 */
import { located, resolveSpan, span, type Located, type SourceFile, type Span } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import { closestName } from '../core/did-you-mean.js';
import type { SystemdUnit, UnitEntry } from './systemd.js';
import { locatedWord, splitWords, valueText, type Word } from './systemd-words.js';

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
 * Letters that name a specifier in some systemd release: systemd.unit(5) "Specifiers", the tables of
 * src/core/unit-printf.c and src/shared/specifier.h (`%D` since systemd 254; `%c`, `%r`, `%R` in older
 * releases; systemd 252 accepts every other letter here, checked by test/system/systemd-oracle.test.ts).
 * specifier_printf() fails the whole string with -EBADSLT ("Invalid slot") on any other character
 * after a `%`; `%%` is a literal `%`, and a `%` that ends the string is kept as it is.
 */
const SPECIFIER_LETTERS = new Set('aAbBcCdDEfgGhHiIjJlLmMnNopPqrRsStTuUvVwWyY');

/** The index of the first `%` of `text` that no systemd release resolves (`%F` of `date +%F`). */
function unresolvableSpecifier(text: string): number | undefined {
  for (let i = text.indexOf('%'); i !== -1 && i + 1 < text.length; i = text.indexOf('%', i + 2)) {
    const next = text[i + 1];
    if (next !== '%' && !SPECIFIER_LETTERS.has(next)) return i;
  }
  return undefined;
}

/** The file span of characters `from`..`from + length` of a word. */
function wordChars(source: SourceFile, word: { charStarts: number[]; charEnds: number[] }, from: number, length: number): Span {
  return span(source, word.charStarts[from], word.charEnds[from + length - 1]);
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
  // config_parse_exec() stops at the first word it cannot resolve: one finding per setting.
  let specifierReported = false;
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
    if (!specifierReported) specifierReported = checkSpecifiers(entry.source, group, prefixes, problems);
  }
  return { commands, problems };
}

/**
 * config_parse_exec() resolves the specifiers of each unquoted word (unit_path_printf for the program,
 * unit_full_printf for the arguments). A word it cannot resolve fails the setting with -ENOEXEC, which
 * ends the parse of the file: systemd marks the unit "bad-setting" and will not start it. With the `-`
 * prefix the same failure is logged ", ignoring" and only this command line is dropped.
 */
function checkSpecifiers(source: SourceFile, words: Word[], prefixes: string, problems: ParseProblem[]): boolean {
  for (const [index, word] of words.entries()) {
    const skip = index === 0 ? prefixes.length : 0;
    const at = unresolvableSpecifier(word.value.slice(skip));
    if (at === undefined) continue;
    const written = word.value.slice(skip + at, skip + at + 2);
    const consequence = prefixes.includes('-')
      ? 'systemd drops this command line (the `-` prefix makes the failure a warning, "Failed to resolve unit specifiers … ignoring")'
      : 'systemd cannot resolve it ("Failed to resolve unit specifiers … Invalid slot") and refuses to start the unit';
    problems.push({ message: `Unknown specifier \`${written}\` in a command line: ${consequence}; write \`%%\` for a literal \`%\``, span: wordChars(source, word, skip + at, 2) });
    return true;
  }
  return false;
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
    // config_parse_environ() resolves each word's specifiers and skips a word it cannot resolve ("Failed to
    // resolve specifiers in …, ignoring").
    const unresolved = unresolvableSpecifier(word.value);
    if (unresolved !== undefined) {
      problems.push({
        message: `Unknown specifier \`${word.value.slice(unresolved, unresolved + 2)}\` in Environment=: systemd ignores the assignment of ${name} ("Failed to resolve specifiers … Invalid slot"); write \`%%\` for a literal \`%\``,
        span: wordChars(entry.source, word, unresolved, 2),
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
