/**
 * Ansible's line edits of a file on the host — `lineinfile`, `replace`, `blockinfile` — read as what
 * they change: which lines of a known text they rewrite or remove, and where an added line goes. The
 * semantics are ansible-core's modules (lineinfile.py, replace.py, blockinfile.py in
 * ansible/modules/): lineinfile searches each line with `re.search` and rewrites the LAST match (or
 * removes every match with `state: absent`); with no match, `line` is added after the last match of
 * `insertafter` (default EOF) or before the last match of `insertbefore`, unless that exact line is
 * there already; `firstmatch: true` takes the first match instead; `backrefs: true` adds nothing when
 * nothing matches. `replace` is `re.sub` over the whole text in MULTILINE mode. `blockinfile` writes
 * its block between two marker lines, at EOF unless `insertafter`/`insertbefore` says otherwise.
 *
 * Patterns are Python regular expressions the repository wrote: run as JavaScript RegExps only when
 * the translation is exact for them and their backtracking is bounded (script/regex-budget.ts);
 * otherwise what they select is unknown.
 */
import { RegexBudget, backtrackingDegree } from '../script/regex-budget.js';
import { memoizedRecent } from '../core/memoized.js';

export type LineEditModule = 'lineinfile' | 'replace' | 'blockinfile';

export interface LineEditArgs {
  state: 'present' | 'absent';
  /** lineinfile/replace `regexp` (alias `regex`), as rendered. */
  regexp?: string;
  /** lineinfile `line` (alias `value`). */
  line?: string;
  /** replace `replace` (default empty). */
  replace?: string;
  /** blockinfile `block` (alias `content`). */
  block?: string;
  /** `EOF`, `BOF` or a Python regular expression. */
  insertafter?: string;
  insertbefore?: string;
  firstmatch: boolean;
  backrefs: boolean;
  /** An argument that decides what changes is filled in at run time (Jinja edgelint cannot render). */
  unknown: boolean;
}

/** A Python `re` pattern as a JavaScript RegExp with the same meaning, or undefined. */
export function pythonRegex(pattern: string, flags = ''): RegExp | undefined {
  // Constructs whose meaning differs between the two engines (or that JS lacks): not translated.
  if (/\\[AZzGQE]|\(\?[aiLmsux]+\)|\(\?P=|\(\?\(|\\[0-9]{3}/.test(pattern)) return undefined;
  const source = pattern.replace(/\(\?P</g, '(?<');
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags);
  } catch {
    return undefined;
  }
  return backtrackingDegree(regex) === undefined ? undefined : regex;
}

/**
 * What all the line edits of one deployment may spend matching their patterns (every edit searches
 * the whole text it edits): 1,000 lineinfile tasks on a 1 MB placed template searched 1 GB (hostile13).
 * Past it, what an edit selects is unknown, as a pattern that cannot be run is.
 */
const MAX_LINE_EDIT_SEARCH = 128_000_000;

export function lineEditBudget(): RegexBudget {
  return new RegexBudget(MAX_LINE_EDIT_SEARCH);
}

/** The lines of a text as a line edit sees them: each without its terminator, with its start offset. The edits of one file each ask for its lines, so the last few texts' are kept. */
export const linesOf: (text: string) => ReadonlyArray<{ text: string; start: number }> = memoizedRecent(4, splitLines);

function splitLines(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    out.push({ text: text.slice(start, end).replace(/\r$/, ''), start });
    start = end + 1;
  }
  return out;
}

/** 0-based indexes of the lines `pattern` finds (re.search), or undefined when it cannot be run. */
export function matchingLineIndexes(lines: ReadonlyArray<{ text: string }>, pattern: string, shared?: RegexBudget): number[] | undefined {
  const regex = pythonRegex(pattern);
  const degree = regex && backtrackingDegree(regex);
  if (!regex || degree === undefined) return undefined;
  const budget = new RegexBudget();
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!budget.charge(degree, lines[i].text.length) || (shared && !shared.charge(degree, lines[i].text.length))) return undefined;
    if (regex.test(lines[i].text)) out.push(i);
  }
  return out;
}

/** What a `lineinfile` (state present) does to a known text. */
export type LineinfileEffect =
  /** The line at `index` is rewritten to `line`. */
  | { kind: 'rewrite'; index: number }
  /** `line` is added after (`a`) or before (`i`) the line at `index` (`index` -1 with `a`: at the start). */
  | { kind: 'insert'; command: 'a' | 'i'; index: number; anchored?: boolean }
  /** The text is left as it is (the line is there already, or backrefs found nothing). */
  | { kind: 'none' };

/** lineinfile.py present(): undefined when a pattern cannot be run or an argument is unknown. */
export function lineinfileEffect(text: string, args: LineEditArgs, shared?: RegexBudget): LineinfileEffect | undefined {
  if (args.unknown || args.line === undefined) return undefined;
  const lines = linesOf(text);
  const pick = (found: number[]) => (args.firstmatch ? found[0] : found[found.length - 1]);
  if (args.regexp !== undefined) {
    const found = matchingLineIndexes(lines, args.regexp, shared);
    if (!found) return undefined;
    if (found.length > 0) return { kind: 'rewrite', index: pick(found) };
    if (args.backrefs) return { kind: 'none' };
  }
  // No regexp match: an exact copy of the line anywhere leaves the file as it is.
  if (shared && !shared.charge(0, text.length)) return undefined;
  if (lines.some((l) => l.text === args.line)) return { kind: 'none' };
  if (args.insertbefore !== undefined && args.insertafter === undefined) {
    if (args.insertbefore === 'BOF') return { kind: 'insert', command: 'a', index: -1 };
    const found = matchingLineIndexes(lines, args.insertbefore, shared);
    if (!found) return undefined;
    return found.length > 0 ? { kind: 'insert', command: 'i', index: pick(found), anchored: true } : { kind: 'insert', command: 'a', index: lines.length - 1 };
  }
  if (args.insertafter !== undefined && args.insertafter !== 'EOF') {
    const found = matchingLineIndexes(lines, args.insertafter, shared);
    if (!found) return undefined;
    if (found.length > 0) return { kind: 'insert', command: 'a', index: pick(found), anchored: true };
  }
  return { kind: 'insert', command: 'a', index: lines.length - 1 };
}

/**
 * Ranges of `text` (sorted, end exclusive) whose content the edit changes: after it, what is written
 * there is not what the host's program reads. Lines a lineinfile rewrites or removes, lines holding a
 * `replace` match, an existing marked block blockinfile rewrites; the whole text when what the edit
 * selects is unknown. Added lines change no existing text.
 */
export function changedRanges(text: string, module: LineEditModule, args: LineEditArgs, shared?: RegexBudget): Array<[number, number]> {
  const whole: Array<[number, number]> = text.length > 0 ? [[0, text.length]] : [];
  const lines = linesOf(text);
  const lineRange = (i: number): [number, number] => [lines[i].start, lines[i].start + lines[i].text.length];
  if (module === 'blockinfile') return [];
  if (args.regexp === undefined) return module === 'replace' || args.unknown ? whole : [];
  // re.sub runs over the whole text: a pattern that may match a line break is not read line by line.
  if (module === 'replace' && /\\[nsSWD]|\[\^/.test(args.regexp)) return whole;
  if (args.unknown && args.state === 'present' && module === 'lineinfile') {
    // The line written is unknown but the rewritten line is not: only that one.
    const found = matchingLineIndexes(lines, args.regexp, shared);
    if (!found) return whole;
    return found.length > 0 ? [lineRange(args.firstmatch ? found[0] : found[found.length - 1])] : [];
  }
  const found = matchingLineIndexes(lines, args.regexp, shared);
  if (!found) return whole;
  if (module === 'lineinfile' && args.state === 'present') {
    return found.length > 0 ? [lineRange(args.firstmatch ? found[0] : found[found.length - 1])] : [];
  }
  // `state: absent` removes every match; `replace` may change every line a match touches.
  return found.map(lineRange);
}

/** An inserted or rewritten `INDENT KEY: VALUE` line: its key and indentation. */
export function keyLine(line: string): { indent: string; key: string; after: string } | undefined {
  const m = /^( *)([A-Za-z_][\w.-]*|"[^"]*"|'[^']*'):(\s.*|)$/.exec(line);
  return m ? { indent: m[1], key: m[2].replace(/^["']|["']$/g, ''), after: m[3] } : undefined;
}

/** What a lineinfile (state present) does to a known YAML text, in the terms of a sed edit. */
export type LineinfileReading =
  /** The text stays as it is. */
  | { kind: 'unchanged' }
  /** One `KEY: VALUE` line rewritten to the same key at the same indentation: one value changes, no key moves. */
  | { kind: 'value' }
  /** The `a`/`i`/`c` edit of one line (by number) it makes, and where, for a message. */
  | { kind: 'sed'; command: 'a' | 'i' | 'c'; line: number; where: string };

/**
 * lineinfileEffect in sed's terms; undefined when it is not known. `oneValue` says whether rewriting
 * line `line` (0-based) to `KEY:AFTER` changes one value and leaves the YAML parsing.
 */
export function lineinfileAsSed(text: string, args: LineEditArgs, oneValue: (key: string, after: string, line: number) => boolean, shared?: RegexBudget): LineinfileReading | undefined {
  const effect = lineinfileEffect(text, args, shared);
  if (!effect) return undefined;
  if (effect.kind === 'none') return { kind: 'unchanged' };
  const which = args.firstmatch ? 'first' : 'last';
  if (effect.kind === 'rewrite') {
    const lines = linesOf(text);
    const old = keyLine(lines[effect.index].text);
    const now = keyLine(args.line!);
    if (old && now && old.key === now.key && old.indent === now.indent && oneValue(now.key, now.after, effect.index)) return { kind: 'value' };
    return { kind: 'sed', command: 'c', line: effect.index + 1, where: ` in place of the ${which} line matching /${args.regexp}/` };
  }
  if (effect.index === -1) return { kind: 'sed', command: 'i', line: 1, where: ' at the start' };
  const anchor = effect.command === 'i' ? args.insertbefore : args.insertafter;
  const where = effect.anchored ? ` ${effect.command === 'i' ? 'before' : 'after'} the ${which} line matching /${anchor}/` : ' at the end';
  return { kind: 'sed', command: effect.command, line: effect.index + 1, where };
}
