/**
 * Paths, directories and globs → files to read. Directories are walked with `.gitignore` honoured
 * (globby), symbolic links are not followed (a link loop must not hang a CI run, and a committed link
 * must not lead the walk out of the tree), and `node_modules` and `.git` are never entered. A
 * directory the walk cannot read is a notice, not a silent gap. globby is loaded only when a
 * directory or glob needs it, so a pre-commit run over a few named files starts without it.
 * Which deployment each file belongs to, and its config's include/exclude, is deployments.ts's job.
 */
import { readdir, readFile, lstatSync, stat, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { printablePath, toPosixPath } from '../core/fs-safe.js';

export interface DiscoveredFile {
  /** Relative to cwd, `/`-separated: the path findings report. */
  path: string;
  absolute: string;
  /** Named on the command line (not found by walking): unknown kinds get a notice. */
  explicit: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

function existsAsLink(absolute: string): boolean {
  try {
    return lstatSync(absolute).isSymbolicLink();
  } catch {
    return false;
  }
}

function isGlob(pattern: string): boolean {
  return /[*?[\]{}!]/.test(pattern);
}

export async function discover(paths: string[], cwd: string): Promise<{ files: DiscoveredFile[]; notices: string[] }> {
  const files = new Map<string, DiscoveredFile>();
  const notices: string[] = [];
  const toPath = (absolute: string) => toPosixPath(relative(cwd, absolute)) || absolute;
  const add = (absolute: string, explicit: boolean) => {
    const path = toPath(absolute);
    if (!files.has(path)) files.set(path, { path, absolute, explicit });
  };
  const patterns: Array<{ pattern: string; base: string }> = [];
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    // A named path that exists but cannot be opened or is not a regular file (a dangling symlink, a
    // socket, a FIFO, a device) is a file problem the read step reports and locates without opening
    // it for a blocking read, not a usage error that would end the run.
    if (stat?.isDirectory()) patterns.push({ pattern: '**/*', base: absolute });
    else if (stat || existsAsLink(absolute)) add(absolute, true);
    else if (isGlob(given)) patterns.push({ pattern: given, base: cwd });
    else throw new UsageError(`no such file or directory: ${given}`);
  }
  if (patterns.length) {
    const { globby } = await import('globby');
    // fast-glob suppresses a directory it cannot read (suppressErrors, so one locked directory does
    // not end the walk); its `fs` hook is where the error can still be seen and reported.
    const unreadable = new Set<string>();
    const fs = {
      readdir: ((path: string, options: unknown, callback: (error: NodeJS.ErrnoException | null, entries: unknown) => void) =>
        readdir(path, options as never, (error, entries) => {
          if (error && error.code !== 'ENOENT') unreadable.add(`${toPath(path)}: directory cannot be read (${error.code ?? 'error'}); its files were not linted`);
          callback(error, entries);
        })) as unknown as typeof readdir,
      // What globby would otherwise take from `fs.promises` (the git root's `stat`, each
      // .gitignore's `readFile`), the same calls through the callback API: Node's fs/promises
      // brings readline and the file watchers with it, ~1-2 ms of a directory run (issue #13).
      promises: { stat: promisify(stat), readFile: promisify(readFile) },
    };
    for (const { pattern, base } of patterns) {
      // Relative results, resolved here: fast-glob's `absolute` turns every `\` into `/`, and on
      // POSIX a backslash is part of a file name (`a\b.yaml` is one file, not `a/b.yaml`).
      const found = await globby(pattern, {
        cwd: base,
        absolute: false,
        gitignore: true,
        dot: false,
        onlyFiles: true,
        followSymbolicLinks: false,
        suppressErrors: true,
        ignore: ALWAYS_IGNORED,
        fs,
      });
      for (const file of found.sort()) add(resolve(base, file), false);
    }
    for (const notice of unreadable) notices.push(printablePath(notice));
  }
  return { files: [...files.values()], notices };
}
