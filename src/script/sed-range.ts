/**
 * Runs a sed script made only of substitutions — each under an optional address or range, or grouped
 * in one `{ … }` block under one (`/metaServer:/,+5{/enable: false/s/false/true/}`) — on a known text,
 * the way GNU sed does (GNU sed manual, "Addresses overview", "Range Addresses", "The s Command"):
 * which lines it changes and to what. Used on the edgecore.yaml `keadm join` writes, a file edgelint
 * renders itself, so an edit of it can be described key by key (script/yaml-line-edit).
 *
 * Anything outside that subset (other commands, `!`, step or `0,` addresses, nested blocks, `\n` or
 * case conversion in a replacement, flags but `g` and `I`) makes the script unknown. A regular
 * expression is run only within a bound on its backtracking (regex-budget.ts), and a line the
 * substitutions grow past MAX_SPACE (`s/e/&&/` forty times doubles a line forty times) ends the run:
 * its outcome is unknown.
 */
import { addressRegex } from './sed-address.js';
import { parsesAsYaml } from './yaml-edit-text.js';
import { backtrackingDegree, RegexBudget } from './regex-budget.js';
import { readAddress, readSubstitution } from './sed-script.js';

type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 'regex'; written: string; regex: RegExp; degree: number };
type Range = { first: Address; last?: Address | { kind: 'plus'; n: number } };

interface Substitution {
  regex: RegExp;
  degree: number;
  global: boolean;
  /** Literal text and references: a number is a group (0 = the whole match). */
  replacement: Array<string | number>;
}

interface Command {
  /** The block's range, shared by its commands (evaluated once per line). */
  block?: Range;
  own?: Range;
  s: Substitution;
}

export interface SedProgram {
  commands: Command[];
  /** The regex addresses (a range's first) written outside any block: tried on every line of the text. */
  outerRegexAddresses: string[];
}

/** Commands read per script: more is not a line edit anyone writes. */
const MAX_COMMANDS = 64;

export function parseSubstitutionProgram(script: string, extended: boolean): SedProgram | undefined {
  const commands: Command[] = [];
  const outerRegexAddresses: string[] = [];
  let i = 0;
  while (commands.length <= MAX_COMMANDS) {
    i = skip(script, i, true);
    if (i >= script.length) return commands.length > 0 ? { commands, outerRegexAddresses } : undefined;
    const outer = readRange(script, i, extended, true);
    if (!outer) return undefined;
    // A range's end is tried only on the lines it already selected.
    if (outer.range?.first.kind === 'regex') outerRegexAddresses.push(outer.range.first.written);
    i = skip(script, outer.end, false);
    if (script[i] !== '{') {
      const s = readS(script, i, extended);
      if (!s) return undefined;
      commands.push({ own: outer.range, s: s.s });
      i = s.end;
      continue;
    }
    i++;
    for (;;) {
      i = skip(script, i, true);
      if (script[i] === '}') {
        i++;
        break;
      }
      if (i >= script.length || commands.length > MAX_COMMANDS) return undefined;
      const own = readRange(script, i, extended, false);
      if (!own) return undefined;
      const s = readS(script, skip(script, own.end, false), extended);
      if (!s) return undefined;
      commands.push({ block: outer.range, own: own.range, s: s.s });
      i = s.end;
    }
  }
  return undefined;
}

function skip(s: string, i: number, separators: boolean): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || (separators && (s[i] === ';' || s[i] === '\n')))) i++;
  return i;
}

/** An address or range at `i` (none: `range` undefined); undefined when it is not one this module runs. */
function readRange(s: string, i: number, extended: boolean, allowRange: boolean): { range?: Range; end: number } | undefined {
  const end = readAddress(s, i);
  if (end < 0) return undefined;
  if (end === i) return { end };
  const first = address(s.slice(i, end), extended);
  if (!first) return undefined;
  if (s[end] !== ',') return s[skip(s, end, false)] === '!' ? undefined : { range: { first }, end };
  if (!allowRange) return undefined;
  let j = end + 1;
  if (s[j] === '+') {
    const digits = /^\d+/.exec(s.slice(j + 1));
    if (!digits) return undefined;
    j += 1 + digits[0].length;
    return s[skip(s, j, false)] === '!' ? undefined : { range: { first, last: { kind: 'plus', n: Number(digits[0]) } }, end: j };
  }
  const lastEnd = readAddress(s, j);
  if (lastEnd <= j) return undefined;
  const last = address(s.slice(j, lastEnd), extended);
  if (!last || s[skip(s, lastEnd, false)] === '!') return undefined;
  return { range: { first, last }, end: lastEnd };
}

function address(written: string, extended: boolean): Address | undefined {
  if (written === '$') return { kind: 'last' };
  if (/^\d+$/.test(written)) return Number(written) >= 1 ? { kind: 'line', n: Number(written) } : undefined;
  // An empty regex reuses the last one run (GNU): not followed.
  if (/^\/\/|^\\(.)\1/.test(written) || written.endsWith('M')) return undefined;
  const regex = addressRegex(written, extended);
  const degree = regex && backtrackingDegree(regex);
  return regex && degree !== undefined ? { kind: 'regex', written, regex, degree } : undefined;
}

function readS(script: string, i: number, extended: boolean): { s: Substitution; end: number } | undefined {
  if (script[i] !== 's') return undefined;
  const parsed = readSubstitution(script, i + 1);
  // The pattern is handed to addressRegex between U+0001 delimiters: a pattern holding one is not read.
  if (!parsed || !/^(?:g?I?|Ig)$/.test(parsed.flags) || parsed.pattern === '' || parsed.pattern.includes('\u0001')) return undefined;
  const after = script[parsed.end];
  if (after !== undefined && !' \t;\n}'.includes(after)) return undefined;
  const regex = addressRegex(`\\\u0001${parsed.pattern}\u0001${parsed.flags.includes('I') ? 'I' : ''}`, extended);
  const degree = regex && backtrackingDegree(regex);
  if (!regex || degree === undefined) return undefined;
  const groups = new RegExp(`${regex.source}|`).exec('')!.length - 1;
  const replacement = readReplacement(parsed.replacement, groups);
  if (!replacement) return undefined;
  return { s: { regex, degree, global: parsed.flags.includes('g'), replacement }, end: parsed.end };
}

/** The replacement's pieces; undefined for `\n`, a newline, case conversion, or a group the regex lacks. */
function readReplacement(text: string, groups: number): Array<string | number> | undefined {
  const out: Array<string | number> = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return undefined;
    if (c === '&') {
      out.push(literal, 0);
      literal = '';
      continue;
    }
    if (c !== '\\') {
      literal += c;
      continue;
    }
    const n = text[++i];
    if (n === undefined || /[nrtLlUuEe]/.test(n)) return undefined;
    if (/\d/.test(n)) {
      if (Number(n) > groups) return undefined;
      out.push(literal, Number(n));
      literal = '';
    } else literal += n;
  }
  out.push(literal);
  return out;
}

export interface SedRun {
  /** The text's lines after the script (the same count: no command adds or removes a line). */
  lines: string[];
  /** 0-based lines whose text changed. */
  changed: number[];
  /** 0-based lines a block's range, or a command's own address or range, selected (changed or not). */
  selected: Set<number>;
}

/**
 * Longest pattern space a run follows. keadm's edgecore.yaml has no line near it; a script that grows a
 * line past it (`s/e/&&/` repeated) is not a value edit, and went on to exhaust the heap.
 */
const MAX_SPACE = 4096;

/** Thrown inside a run when a bound is reached: the run's outcome is unknown. */
const UNKNOWN = Symbol('unknown');

/** The script run over `text`, line by line, as sed runs it; undefined past a bound (see MAX_SPACE, regex-budget.ts). */
export function runSubstitutionProgram(program: SedProgram, text: string): SedRun | undefined {
  try {
    return run(program, text, new RegexBudget());
  } catch (error) {
    if (error === UNKNOWN) return undefined;
    throw error;
  }
}

function run(program: SedProgram, text: string, budget: RegexBudget): SedRun {
  const lines = text.split('\n');
  const count = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const states = new Map<Range, { active: boolean; end: number }>();
  const changed: number[] = [];
  const selected = new Set<number>();
  for (let index = 0; index < count; index++) {
    const original = lines[index];
    let space = original;
    const blockHits = new Map<Range, boolean>();
    for (const command of program.commands) {
      if (command.block) {
        let hit = blockHits.get(command.block);
        if (hit === undefined) blockHits.set(command.block, (hit = inRange(command.block, index + 1, count, space, states, budget)));
        if (!hit) continue;
        // The block's commands test their own addresses on every line it selects.
        selected.add(index);
      }
      if (command.own && !inRange(command.own, index + 1, count, space, states, budget)) continue;
      selected.add(index);
      space = substitute(command.s, space, budget);
    }
    if (space !== original) {
      lines[index] = space;
      changed.push(index);
    }
  }
  return { lines, changed, selected };
}

/** `regex` tested on `space`, if the budget allows it. */
function test(regex: RegExp, degree: number, space: string, budget: RegexBudget): boolean {
  if (!budget.charge(degree, space.length)) throw UNKNOWN;
  return regex.test(space);
}

function matches(a: Address, line: number, count: number, space: string, budget: RegexBudget): boolean {
  if (a.kind === 'line') return a.n === line;
  if (a.kind === 'last') return line === count;
  return test(a.regex, a.degree, space, budget);
}

function inRange(range: Range, line: number, count: number, space: string, states: Map<Range, { active: boolean; end: number }>, budget: RegexBudget): boolean {
  const last = range.last;
  if (!last) return matches(range.first, line, count, space, budget);
  let state = states.get(range);
  if (!state) states.set(range, (state = { active: false, end: 0 }));
  if (state.active) {
    if (last.kind === 'plus' || last.kind === 'line') state.active = line < state.end;
    else if (last.kind === 'regex') state.active = !test(last.regex, last.degree, space, budget);
    return true;
  }
  if (!matches(range.first, line, count, space, budget)) return false;
  // A second address that is a line number at or before this line, or `+0`, selects this line only;
  // a regex is tried from the next line on.
  if (last.kind === 'plus') state = { active: last.n > 0, end: line + last.n };
  else if (last.kind === 'line') state = { active: last.n > line, end: last.n };
  else state = { active: last.kind === 'regex' || line < count, end: 0 };
  states.set(range, state);
  return true;
}

function substitute(s: Substitution, space: string, budget: RegexBudget): string {
  // With `g`, each exec starts where the last match ended: every start position is tried once in all.
  if (!budget.charge(s.degree, space.length)) throw UNKNOWN;
  const regex = new RegExp(s.regex.source, s.regex.flags.includes('g') ? s.regex.flags : `${s.regex.flags}g`);
  let out = '';
  let copied = 0;
  let previousEnd = -1;
  for (let match = regex.exec(space); match; match = regex.exec(space)) {
    const start = match.index;
    if (match[0].length === 0) {
      regex.lastIndex = start + 1;
      // GNU sed (execute.c do_subst) skips an empty match where the previous match ended:
      // `echo aab | sed 's/a*/x/g'` prints `xbx`, where JavaScript's replace gives `xxbx`.
      if (start === previousEnd) continue;
    }
    out += space.slice(copied, start) + expand(s, match);
    if (out.length > MAX_SPACE) throw UNKNOWN;
    copied = previousEnd = start + match[0].length;
    if (!s.global) break;
  }
  out += space.slice(copied);
  if (out.length > MAX_SPACE) throw UNKNOWN;
  return out;
}

function expand(s: Substitution, match: RegExpExecArray): string {
  let out = '';
  for (const piece of s.replacement) {
    if (typeof piece === 'string') out += piece;
    else out += piece === 0 ? match[0] : piece < match.length ? (match[piece] ?? '') : '';
  }
  return out;
}

/** A YAML text edgelint renders itself (keadm's edgecore.yaml), with what of it is not certain. */
export interface RenderedLayout {
  text: string;
  pathOfLine(line: number): string | undefined;
  /** Lines whose text, or number of lines, is not known. */
  unknownLines: ReadonlySet<number>;
  /** Lines known to be one line, spelled this way or the other. */
  otherSpellings: ReadonlyMap<number, string>;
}

export interface ValueChange {
  /** The key path whose value changes (`['modules', 'edgeStream', 'enable']`). */
  path: string[];
  /** The value text before and after, as written after `key:`. */
  from: string;
  to: string;
}

/**
 * The values a substitution script changes in `layout`, when that is certain: every address tried on
 * every line names a key that opens a mapping (`/metaServer:/`, so the unknown values, host names and
 * tokens, cannot hold it), every line a range or address selects is known text (a `+N` range counts
 * known lines), the outcome does not depend on a line's other spelling, each changed line keeps its
 * key and indentation and only its value changes, and the result is still YAML. Undefined otherwise,
 * or when nothing changes.
 */
export function layoutValueChanges(layout: RenderedLayout, script: string, extended: boolean): ValueChange[] | undefined {
  const program = parseSubstitutionProgram(script, extended);
  if (!program) return undefined;
  const lines = layout.text.split('\n');
  for (const written of program.outerRegexAddresses) {
    const key = /^\/\^?(?: *|\\s\*|\[\[:space:\]\]\*|\[\[:blank:\]\]\*)([A-Za-z_][\w-]*):\/$/.exec(written)?.[1];
    if (key === undefined || !lines.some((line) => line.trim() === `${key}:`)) return undefined;
  }
  // Each command needs an address of its own or its block's (else it runs on the unknown lines too),
  // and only regex addresses and `+N`: a line number counts lines a `{}` struct hides.
  for (const c of program.commands) {
    if ((c.block ?? c.own) === undefined) return undefined;
    for (const range of [c.block, c.own]) if (range && (range.first.kind !== 'regex' || (range.last && range.last.kind !== 'regex' && range.last.kind !== 'plus'))) return undefined;
  }
  const run = runSubstitutionProgram(program, layout.text);
  if (!run || run.changed.length === 0 || [...run.selected].some((line) => layout.unknownLines.has(line))) return undefined;
  if (layout.otherSpellings.size > 0) {
    const other = [...lines];
    for (const [line, spelled] of layout.otherSpellings) other[line] = spelled;
    const second = runSubstitutionProgram(program, other.join('\n'));
    if (!second || second.changed.join() !== run.changed.join() || run.changed.some((line) => second.lines[line] !== run.lines[line])) return undefined;
  }
  const changes: ValueChange[] = [];
  for (const line of run.changed) {
    const before = /^( *)([A-Za-z_][\w-]*):(?: (.*))?$/.exec(lines[line]);
    const after = /^( *)([A-Za-z_][\w-]*):(?: (.*))?$/.exec(run.lines[line]);
    const path = layout.pathOfLine(line);
    if (!before || !after || before[1] !== after[1] || before[2] !== after[2] || path === undefined || !path.endsWith(before[2])) return undefined;
    changes.push({ path: path.split('.'), from: (before[3] ?? '').trim(), to: (after[3] ?? '').trim() });
  }
  return parsesAsYaml(run.lines.join('\n'), { uniqueKeys: true }) ? changes : undefined;
}
