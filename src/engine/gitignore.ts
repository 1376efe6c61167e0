/**
 * `.gitignore` files as git reads them while it walks a tree (gitignore(5); git's dir.c,
 * `prep_exclude` and `last_matching_pattern`): a file's patterns are relative to its own directory;
 * for a path, the files of its directory and of each directory above it are asked from the deepest
 * up, and the first that has a matching pattern decides (within one file the last matching pattern,
 * so `!pattern` re-includes); a directory that is excluded is never entered, so nothing below it can
 * be re-included. The patterns themselves are matched as the `ignore` package (gitignore's pattern
 * rules) matches them, with its defaults: case-insensitive, as globby, the walk before this one, used
 * it; plain names by lookup, the rest by `ignore` (gitignore-matcher.ts).
 *
 * The files are read lazily, once per directory, from `top` down: the repository's root (the
 * nearest directory holding `.git`, as globby found it) or, outside a repository, the walked
 * directory. A `.gitignore` that is a symlink, a FIFO or a directory is not read (git does not
 * follow a symlinked .gitignore either; a committed link must not make the walk read outside the
 * tree), nor is one over MAX_BYTES (a notice says so).
 *
 * `ignore` turns each wildcard into a backtracking regex (`*` → `[^/]*`, `**` → `.*`-like), so a
 * pattern of many wildcards costs time exponential in their number on a name that almost matches: a
 * committed `*a*a*a…*b` of 15 stars held a run on one 200-character file name for over a minute
 * (hostile input, session 25). git's wildmatch does not backtrack that way. A pattern with more
 * wildcards than people write (WILDCARDS_MAX) is therefore not applied; a notice names the file.
 */
import { lstatSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { isInside, readRegularText } from '../core/fs-safe.js';
import { CompiledPatterns } from './gitignore-matcher.js';

/** Larger than any .gitignore people write (generated ones run to tens of kilobytes). */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * Runs of `*` one pattern may hold (`a*b*c` has two, `x**y` one). Each more multiplies the worst-case
 * cost of one test by the length of the name tested (`?` matches one character and does not).
 */
const WILDCARDS_MAX = 3;
const WILDCARD_RUN = /\*+/g;

/**
 * Patterns one path is tested against one regex at a time, over the .gitignore files above it (plain
 * names are looked up, not tested: gitignore-matcher.ts). `ignore` tests a path against every such
 * pattern of a file: a root .gitignore of 100,000 wildcard patterns (2.4 MB, under MAX_BYTES) against
 * 400 entries took 30 s; and a path under 800 directories that each hold a .gitignore was tested 800
 * times, each on a path 800 segments long: 26 s, cubic in the depth (hostile14). Real repositories put
 * a few hundred wildcard patterns, in a handful of files, above any path.
 */
const PATTERNS_PER_PATH = 2_000;
/** .gitignore files consulted for one path (the nearest ones: git asks them from the deepest up). */
const LEVELS_PER_PATH = 32;

/** The lines of a .gitignore without the patterns too costly to match, and how many those were. */
export function affordablePatterns(text: string): { text: string; dropped: number } {
  let dropped = 0;
  const kept = text.split('\n').filter((line) => {
    const bare = line.replace(/^\ufeff/, '');
    if (bare.startsWith('#')) return true; // a comment (gitignore(5)), however many stars it draws
    // An escaped `\*` or `\?` is a literal character, not a wildcard.
    const runs = line.replace(/\\[\s\S]/g, '').match(WILDCARD_RUN);
    if (!runs || runs.length <= WILDCARDS_MAX) return true;
    dropped++;
    return false;
  });
  return { text: dropped > 0 ? kept.join('\n') : text, dropped };
}

interface Level {
  /** Absolute directory holding the .gitignore. */
  dir: string;
  /** Its patterns, or undefined when the directory has no readable .gitignore. */
  rules: CompiledPatterns | undefined;
  /** The level of the directory above, up to `top`. */
  parent: Level | undefined;
}

/** The nearest directory at or above `dir` holding `.git` (a directory, or the file of a worktree or submodule). */
export function findGitRoot(dir: string): string | undefined {
  for (let current = dir; ; ) {
    try {
      const stat = statSync(join(current, '.git'));
      if (stat.isDirectory() || stat.isFile()) return current;
    } catch {
      // not here
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export class Gitignore {
  private readonly levels = new Map<string, Level | null>();
  /** Some path was tested against the nearest .gitignore files only (LEVELS_PER_PATH, PATTERNS_PER_PATH). */
  private outerSkipped = false;

  /**
   * `top`: the directory whose .gitignore is the outermost read (absolute, resolved). Paths outside
   * it are never ignored, as no .gitignore governs them.
   */
  constructor(
    private readonly top: string,
    private readonly notices: Set<string>,
    private readonly toPath: (absolute: string) => string,
  ) {}

  /** `absolute` (a file, or a directory when `directory`) is excluded by the .gitignore files above it. */
  ignores(absolute: string, directory: boolean): boolean {
    let patterns = 0;
    let levels = 0;
    for (let level = this.level(dirname(absolute)); level; level = level.parent) {
      if (!level.rules) continue;
      patterns += level.rules.costly;
      if (++levels > LEVELS_PER_PATH || patterns > PATTERNS_PER_PATH) {
        // This file and those above it are not asked about this path; said once per walk, naming the
        // first such file (one notice per file would print the tree's depth squared).
        if (!this.outerSkipped) this.notices.add(`${this.toPath(join(level.dir, '.gitignore'))}: more .gitignore files or patterns lie between it and some paths below it than edgelint tests a path against (${LEVELS_PER_PATH} files, ${PATTERNS_PER_PATH} patterns); its patterns, and those of the .gitignore files above it, were not applied to those paths`);
        this.outerSkipped = true;
        return false;
      }
      // An ancestor's path is a prefix of the path: a slice, not path.relative's O(length) resolve per level.
      const rel = absolute.startsWith(level.dir + sep) ? absolute.slice(level.dir.length + 1) : relative(level.dir, absolute);
      const verdict = level.rules.test(sep === '/' ? rel : rel.split(sep).join('/'), directory);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }

  private level(dir: string): Level | undefined {
    const known = this.levels.get(dir);
    if (known !== undefined) return known ?? undefined;
    const inside = isInside(this.top, dir);
    const level = inside ? { dir, rules: this.read(dir), parent: dir === this.top ? undefined : this.level(dirname(dir)) } : undefined;
    this.levels.set(dir, level ?? null);
    return level;
  }

  private read(dir: string): CompiledPatterns | undefined {
    const file = join(dir, '.gitignore');
    try {
      if (!lstatSync(file).isFile()) return undefined;
    } catch {
      return undefined;
    }
    const read = readRegularText(file, MAX_BYTES);
    if (!read.ok) {
      if (read.code === 'EFBIG') this.notices.add(`${this.toPath(file)}: ${read.reason}; its patterns were not applied`);
      return undefined;
    }
    const { text, dropped } = affordablePatterns('text' in read ? read.text : read.bytes.toString('utf8'));
    if (dropped > 0) {
      this.notices.add(`${this.toPath(file)}: ${dropped} ${dropped === 1 ? 'pattern has' : 'patterns have'} more than ${WILDCARDS_MAX} wildcards, too costly to match; not applied`);
    }
    const rules = new CompiledPatterns(text);
    if (rules.costly > PATTERNS_PER_PATH) {
      this.notices.add(`${this.toPath(file)}: ${rules.costly} patterns that are not plain names or come before a negation (!), more than edgelint tests a path against (${PATTERNS_PER_PATH}); not applied`);
      return undefined;
    }
    return rules;
  }
}
