/**
 * Which of the paths a run was given led to no file edgelint linted. ESLint exits 2 with "No files
 * matching the pattern … were found" for such a pattern (lib/eslint/eslint-helpers.js,
 * `errorOnUnmatchedPattern`): a mistyped glob or an empty checkout must fail a CI job, not pass it.
 */
import { isAbsolute, posix as posixPath, relative } from 'node:path';
import picomatch from 'picomatch';
import { toPosixPath } from '../core/fs-safe.js';
import type { LintResult } from './lint.js';

/** Every file a run read and parsed (the config file is not one), from each deployment's model. */
export function lintedFiles(result: Pick<LintResult, 'model'> & { models?: ReadonlyMap<string, LintResult['model']> }): string[] {
  const models = result.models ? [...result.models.values()] : [result.model];
  return models.flatMap((model) => model.sources.map((source) => source.root.path));
}

/**
 * The patterns (files, directories, globs as given, relative to `cwd`) under which no file in `linted`
 * lies: a directory or glob that matched nothing, or only files of no kind edgelint reads. Negated
 * globs (`!x`) only narrow other patterns and are never "unmatched".
 */
export function unmatchedPatterns(patterns: readonly string[], linted: readonly string[], cwd: string): string[] {
  return patterns.filter((pattern) => {
    if (pattern.startsWith('!')) return false;
    const rel = toRelative(pattern, cwd);
    if (rel === '' || rel === '.') return linted.length === 0;
    if (linted.some((file) => file === rel || file.startsWith(`${rel}/`))) return false;
    const match = picomatch(rel, { dot: false });
    return !linted.some((file) => match(file));
  });
}

function toRelative(pattern: string, cwd: string): string {
  // On POSIX a backslash is part of a file name, not a separator (toPosixPath converts only on Windows).
  const posix = toPosixPath(pattern);
  // `a/../a` names what `a` names (the walk resolves it so, and linted files carry the resolved path):
  // left as typed, it matched no linted file and failed the run with "no files matched".
  const rel = isAbsolute(posix) ? toPosixPath(relative(cwd, posix)) : posixPath.normalize(posix);
  return rel.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}
