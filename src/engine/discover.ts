/**
 * Paths, directories and globs → files to read. Directories are walked with `.gitignore` honoured
 * (walk.ts, gitignore.ts), symbolic links are not followed (a link loop must not hang a CI run, and a
 * committed link must not lead the walk out of the tree), and `node_modules` and `.git` are never
 * entered. A directory the walk cannot read is a notice, not a silent gap. The walk is loaded only
 * when a directory or glob needs it, so a pre-commit run over a few named files starts without it.
 * Which deployment each file belongs to, and its config's include/exclude, is deployments.ts's job.
 */
import { lstatSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
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
  // A directory (pattern undefined) or a glob typed on the command line, from `base`.
  const patterns: Array<{ pattern: string | undefined; base: string }> = [];
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
    if (stat?.isDirectory()) patterns.push({ pattern: undefined, base: absolute });
    else if (stat || existsAsLink(absolute)) add(absolute, true);
    else if (isGlob(given)) patterns.push({ pattern: given, base: cwd });
    else throw new UsageError(`no such file or directory: ${given}`);
  }
  if (patterns.length) {
    const { findGitRoot, Gitignore, walkDirectory, expandGlob } = await import('./walk.js');
    const walkNotices = new Set<string>();
    const report = { unreadable: (absolute: string, code: string | undefined) => walkNotices.add(`${toPath(absolute)}: directory cannot be read (${code ?? 'error'}); its files were not linted`) };
    // One reader of .gitignore files per repository (or per walked directory outside one), so two
    // paths given in one repository read each .gitignore once.
    const gitignores = new Map<string, InstanceType<typeof Gitignore>>();
    const gitignoreFor = (base: string) => {
      const top = findGitRoot(base) ?? base;
      let found = gitignores.get(top);
      if (!found) gitignores.set(top, (found = new Gitignore(top, walkNotices, toPath)));
      return found;
    };
    for (const { pattern, base } of patterns) {
      const found = pattern === undefined ? walkDirectory(base, gitignoreFor(base), report) : await expandGlob(pattern, base, gitignoreFor(base), report);
      for (const file of found) add(resolve(base, file), false);
    }
    for (const notice of walkNotices) notices.push(printablePath(notice));
  }
  return { files: [...files.values()], notices };
}
