/**
 * The file system side of discover.ts: a directory's files with `.gitignore` honoured (gitignore.ts),
 * and a glob's. Imported by discover.ts on first use, so a run over named files loads none of it (in
 * the CLI it is a cached chunk of its own, dist/cli-chunks/walk.cjs: scripts/build-options.mjs).
 *
 * A directory is walked once with @nodelib/fs.walk (the walker fast-glob is built on), each
 * directory's `.gitignore` read as the walk reaches it and an excluded directory never entered, as git
 * walks. globby, which did this until session 25, first globbed the whole tree for `.gitignore` files,
 * then walked it again with fast-glob and matched every file against the rules: on the example fleet
 * that was 56 M of the run's 387 M instructions, more than the rest of the walk (issue #13).
 * Globs typed on the command line still go through globby (its negation-only and `**​/dir` expansion
 * are what users were given), with its `.gitignore` handling off and the same rules applied here.
 */
import { walkSync } from '@nodelib/fs.walk';
import { readdir, readFile, stat, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { findGitRoot, Gitignore } from './gitignore.js';

export { findGitRoot, Gitignore };

/** Walks never enter these, whatever a .gitignore says (dot directories, `.git` among them, are skipped as dot entries). */
const NEVER_ENTERED = 'node_modules';
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface WalkReport {
  /** A directory the walk could not read (not one that vanished meanwhile). */
  unreadable(absolute: string, code: string | undefined): void;
}

/**
 * The files below `base` (relative to it, `/`-separated on POSIX, sorted), as globby's `**​/*` found
 * them: no dot files or directories, no `node_modules`, no symbolic links (neither followed nor
 * listed), only regular files, and nothing `.gitignore` excludes.
 */
export function walkDirectory(base: string, gitignore: Gitignore, report: WalkReport): string[] {
  const entries = walkSync(base, {
    basePath: '',
    followSymbolicLinks: false,
    deepFilter: (entry) => entry.name[0] !== '.' && entry.name !== NEVER_ENTERED && !gitignore.ignores(join(base, entry.path), true),
    entryFilter: (entry) => entry.dirent.isFile() && entry.name[0] !== '.' && entry.name !== NEVER_ENTERED && !gitignore.ignores(join(base, entry.path), false),
    // A directory that cannot be read is reported and skipped, so one locked directory does not end
    // the walk; one that vanished while walking is simply gone.
    errorFilter: (error) => {
      if (error.code !== 'ENOENT') report.unreadable((error as NodeJS.ErrnoException).path ?? base, error.code);
      return true;
    },
  });
  return entries.map((entry) => entry.path).sort();
}

/** The files a glob typed on the command line matches from `cwd` (relative to it, sorted), without what `.gitignore` excludes. */
export async function expandGlob(pattern: string, cwd: string, gitignore: Gitignore, report: WalkReport): Promise<string[]> {
  const { globby } = await import('globby');
  // fast-glob suppresses a directory it cannot read (suppressErrors); its `fs` hook is where the
  // error can still be seen and reported, and where directories .gitignore excludes are left out of
  // what it lists, so the glob does not walk them.
  const fs = {
    readdir: ((path: string, options: unknown, callback: (error: NodeJS.ErrnoException | null, entries: unknown) => void) =>
      readdir(path, options as never, (error, entries: unknown) => {
        if (error) {
          if (error.code !== 'ENOENT') report.unreadable(resolve(cwd, path), error.code);
          callback(error, entries);
          return;
        }
        callback(null, (entries as Array<Dirent | string>).filter((entry) => typeof entry === 'string' || !entry.isDirectory() || !gitignore.ignores(resolve(cwd, path, entry.name), true)));
      })) as unknown as typeof readdir,
    // What globby would otherwise take from `fs.promises`, through the callback API: Node's
    // fs/promises brings readline and the file watchers with it (issue #13).
    promises: { stat: promisify(stat), readFile: promisify(readFile) },
  };
  // Relative results, resolved by the caller: fast-glob's `absolute` turns every `\` into `/`, and
  // on POSIX a backslash is part of a file name (`a\b.yaml` is one file, not `a/b.yaml`).
  const found = await globby(pattern, {
    cwd,
    absolute: false,
    gitignore: false,
    dot: false,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: ALWAYS_IGNORED,
    fs,
  });
  return found.filter((file) => !gitignore.ignores(resolve(cwd, file), false)).sort();
}
