/**
 * One .gitignore's patterns compiled for testing many paths. `ignore` tests a path against each
 * pattern in turn, one regex each, from the last (the last matching pattern decides, gitignore(5)):
 * a path costs time proportional to the file's patterns, and the file a generator writes — thousands of
 * plain names, one per build output or vendored file — cost each path thousands of regex tests
 * (hostile14, hostile15: 2,000 names against 20,000 files took 5.9 s of CPU).
 *
 * A plain pattern (a name or a path of names: no wildcard, bracket, escape, space or `!`) matches
 * exactly the paths whose segment, or whose leading segments, spell it; a Map keyed by the spelling
 * answers for all of them at once, in time proportional to the path. Order matters only up to the
 * last negation: past it every pattern ignores, so whether any of them matches the path or a
 * directory above it decides (`ignore` too reads an ignored directory's verdict as its contents').
 * The patterns up to that negation, and the other patterns past it, are still `ignore`'s regexes,
 * tested one by one; `costly` counts them, and only they are held to the per-path budget.
 */
import ignore from 'ignore';

export interface Verdict {
  ignored: boolean;
  unignored: boolean;
}

const IGNORED: Verdict = { ignored: true, unignored: false };
const UNIGNORED: Verdict = { ignored: false, unignored: true };
const NEITHER: Verdict = { ignored: false, unignored: false };

/**
 * Characters a plain pattern is made of: ones `ignore` (and git's wildmatch) read as themselves. A
 * leading `/` anchors the pattern to its file's directory, a trailing one restricts it to directories,
 * and a `/` between names anchors it too (gitignore(5), "PATTERN FORMAT").
 */
const PLAIN = /^\/?[\w.\-@+~,=%]+(?:\/[\w.\-@+~,=%]+)*\/?$/;

/** Whether a spelling names any file or directory (`any`), or directories only (`dirOnly`). */
interface Spelled {
  any: boolean;
  dirOnly: boolean;
}

/**
 * Anchored spellings by segment: a path's leading segments are looked up one level at a time, each
 * segment once. Keyed by whole prefixes, each level hashed the path again up to there: a path n
 * segments deep cost n² characters, and a walk tests every directory on the way (hostile16: an
 * 800-deep anchored pattern, cubic).
 */
interface Segment {
  spelled?: Spelled;
  readonly next: Map<string, Segment>;
}

/**
 * `ignore` matches case-insensitively by default (its `i` flag without `u`): that folds ASCII letters
 * only where the pattern is ASCII, as a plain pattern is, and never maps another character onto an
 * ASCII one (ECMA-262 Canonicalize), so lowering ASCII letters alone gives the same answers.
 */
function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (run) => run.toLowerCase()) : text;
}

function spell(map: Map<string, Spelled>, key: string, dirOnly: boolean): void {
  const known = map.get(key);
  if (!known) map.set(key, { any: !dirOnly, dirOnly });
  else if (dirOnly) known.dirOnly = true;
  else known.any = true;
}

function spellAnchored(root: Segment, key: string, dirOnly: boolean): void {
  let at = root;
  for (const name of key.split('/')) {
    let next = at.next.get(name);
    if (!next) {
      next = { next: new Map() };
      at.next.set(name, next);
    }
    at = next;
  }
  if (!at.spelled) at.spelled = { any: !dirOnly, dirOnly };
  else if (dirOnly) at.spelled.dirOnly = true;
  else at.spelled.any = true;
}

export class CompiledPatterns {
  /** Plain patterns without a `/` before their end: a name matched against every segment. */
  private readonly names = new Map<string, Spelled>();
  /** Plain patterns with one: the leading segments of the path, relative to the file's directory. */
  private readonly anchored: Segment = { next: new Map() };
  /** The patterns past the last negation that are not plain (they ignore, whatever their order). */
  private readonly tail: ignore.Ignore | undefined;
  /** The patterns up to the last negation, in order. */
  private readonly head: ignore.Ignore | undefined;
  /** Patterns tested one regex at a time: `head`'s and `tail`'s. */
  readonly costly: number;

  constructor(text: string) {
    // Split as `ignore` splits a string it is given (a final `\r` dropped, then CRLF or LF); each line
    // keeps the break after it, so lines given back to `ignore` split there again (a line ending in a
    // lone `\r` joined by `\n` would end in CRLF, or end the text, and lose its `\r` either way).
    const pieces = (text.endsWith('\r') ? text.slice(0, -1) : text).split(/(\r?\n)/);
    const lines: string[] = [];
    const breaks: string[] = [];
    for (let index = 0; index < pieces.length; index += 2) {
      lines.push(pieces[index]!);
      breaks.push(pieces[index + 1] ?? '\n');
    }
    // A BOM is dropped from the first line only, as `ignore` does; the texts given back to `ignore` start
    // with a comment line, so it drops none from theirs.
    lines[0] = lines[0]!.replace(/^\ufeff/, '');
    const rejoin = (indexes: number[]) => indexes.map((index) => lines[index]! + breaks[index]!).join('');
    let lastNegation = -1;
    lines.forEach((line, index) => {
      if (line.startsWith('!')) lastNegation = index;
    });
    let costly = 0;
    const others: number[] = [];
    lines.forEach((line, index) => {
      if (line === '' || line.startsWith('#')) return;
      if (index <= lastNegation) {
        costly++;
        return;
      }
      if (!PLAIN.test(line)) {
        others.push(index);
        costly++;
        return;
      }
      const dirOnly = line.endsWith('/');
      const body = dirOnly ? line.slice(0, -1) : line;
      const inner = body.indexOf('/', 1);
      if (body.startsWith('/') || inner > 0) {
        const key = asciiLower(body.startsWith('/') ? body.slice(1) : body);
        spellAnchored(this.anchored, key, dirOnly);
      } else {
        spell(this.names, asciiLower(body), dirOnly);
      }
    });
    this.costly = costly;
    this.tail = others.length > 0 ? ignore().add(`#\n${rejoin(others)}`) : undefined;
    this.head = lastNegation >= 0 ? ignore().add(`#\n${rejoin(Array.from({ length: lastNegation + 1 }, (_, index) => index))}`) : undefined;
  }

  /** The verdict on `rel` (relative to the file's directory, `/`-separated; a directory when `directory`). */
  test(rel: string, directory: boolean): Verdict {
    if ((this.names.size > 0 || this.anchored.next.size > 0) && this.plainMatch(rel, directory)) return IGNORED;
    const path = directory ? `${rel}/` : rel;
    if (this.tail?.test(path).ignored) return IGNORED;
    const verdict = this.head?.test(path);
    return verdict?.ignored ? IGNORED : verdict?.unignored ? UNIGNORED : NEITHER;
  }

  /** Some plain pattern matches `rel` or a directory above it. */
  private plainMatch(rel: string, directory: boolean): boolean {
    const lower = asciiLower(rel);
    let anchored: Segment | undefined = this.anchored;
    for (let start = 0; start <= lower.length; ) {
      const slash = lower.indexOf('/', start);
      const end = slash < 0 ? lower.length : slash;
      const isDirectory = slash >= 0 || directory;
      const name = lower.slice(start, end);
      if (this.names.size > 0 && matches(this.names.get(name), isDirectory)) return true;
      anchored = anchored?.next.get(name);
      if (matches(anchored?.spelled, isDirectory)) return true;
      if (slash < 0) break;
      start = slash + 1;
    }
    return false;
  }
}

function matches(spelled: Spelled | undefined, isDirectory: boolean): boolean {
  return spelled !== undefined && (spelled.any || (spelled.dirOnly && isDirectory));
}
