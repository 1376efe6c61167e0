/**
 * Paths, directories and globs → files to read. Directories are walked with `.gitignore` honoured
 * (globby), symbolic links are not followed (a link loop must not hang a CI run), and `node_modules`
 * and `.git` are never entered. globby is loaded only when a directory or glob needs it, so a
 * pre-commit run over a few named files starts without it.
 */
import { lstatSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';

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

export async function discover(
  paths: string[],
  cwd: string,
  options: { exclude: string[]; alsoInclude?: string[] },
): Promise<{ files: DiscoveredFile[]; notices: string[] }> {
  const files = new Map<string, DiscoveredFile>();
  const notices: string[] = [];
  const toPath = (absolute: string) => relative(cwd, absolute).split('\\').join('/') || absolute;
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
    // A named path that exists but cannot be opened (a dangling symlink, a socket) is a file problem
    // the read step reports and locates, not a usage error that would end the run.
    if (stat?.isFile() || (!stat && existsAsLink(absolute))) add(absolute, true);
    else if (stat?.isDirectory()) patterns.push({ pattern: '**/*', base: absolute });
    else if (isGlob(given)) patterns.push({ pattern: given, base: cwd });
    else throw new UsageError(`no such file or directory: ${given}`);
  }
  if (patterns.length) {
    const { globby } = await import('globby');
    for (const { pattern, base } of patterns) {
      const found = await globby(pattern, {
        cwd: base,
        absolute: true,
        gitignore: true,
        dot: false,
        onlyFiles: true,
        followSymbolicLinks: false,
        suppressErrors: true,
        ignore: [...ALWAYS_IGNORED, ...options.exclude],
      });
      for (const file of found.sort()) add(file, false);
    }
    for (const extra of options.alsoInclude ?? []) {
      const absolute = resolve(cwd, extra);
      try {
        if (statSync(absolute).isFile()) add(absolute, false);
      } catch {
        notices.push(`${extra}: offline image list not found`);
      }
    }
  }
  if (options.exclude.length) {
    const { default: picomatch } = await import('picomatch');
    const excluded = picomatch(options.exclude, { dot: true });
    for (const [path] of files) if (excluded(path)) files.delete(path);
  }
  return { files: [...files.values()], notices };
}
