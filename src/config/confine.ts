/**
 * What a repository's config may name (SPEC §7 "Confined"). `.edgelint.yaml` is committed by whoever
 * opens a pull request, so every path in it — `include`/`exclude`/`hosts` globs, `deployments` globs,
 * `offlineImages[].file` — must stay inside the tree the config governs: its own directory (or, for a
 * config named with `--config`, the repository holding it). Absolute paths and `..` segments are
 * refused before anything is read, and a file that exists must also resolve there after symlinks.
 * Only paths typed on the command line may point elsewhere. A violation is a config error (exit 2)
 * naming the key and its line.
 */
import { isAbsolute, resolve } from 'node:path';
import { isInside, realpathOrUndefined } from '../core/fs-safe.js';
import { resolveSpan } from '../core/source.js';
import { ConfigError } from './config.js';
import type { LoadedConfig } from './config.js';

/** Throws ConfigError when a path or glob of `loaded` reaches outside `tree` (absolute). */
export function confineConfigPaths(loaded: LoadedConfig, base: string, tree: string): void {
  const { config } = loaded;
  const fail = (key: Array<string | number>, value: string, why: string): never => {
    const at = loaded.locate(key);
    const where = `${loaded.source?.path ?? 'config'}${at ? `:${resolveSpan(at).line}:${resolveSpan(at).column}` : ''}`;
    throw new ConfigError(`${where}: ${key.join('.')}: ${JSON.stringify(value)} ${why}; a repository's config may only name files inside its own directory tree`);
  };
  const glob = (key: Array<string | number>, pattern: string) => {
    const body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
    if (isAbsolute(body) || /^[A-Za-z]:/.test(body)) fail(key, pattern, 'is an absolute path');
    if (body.split(/[\\/]/).includes('..')) fail(key, pattern, 'reaches outside the config\'s directory (..)');
  };
  (config.include ?? []).forEach((p, i) => glob(['include', i], p));
  (config.exclude ?? []).forEach((p, i) => glob(['exclude', i], p));
  (config.hosts ?? []).forEach((h, i) => h.files.forEach((p, j) => glob(['hosts', i, 'files', j], p)));
  (config.deployments ?? []).forEach((d, i) => {
    if (typeof d === 'string') glob(['deployments', i], d);
    else d.files.forEach((p, j) => glob(['deployments', i, 'files', j], p));
  });
  const realTree = realpathOrUndefined(tree) ?? tree;
  (config.offlineImages ?? []).forEach((entry, i) => {
    if (typeof entry === 'string') return;
    const absolute = resolve(base, entry.file);
    if (!isInside(tree, absolute)) fail(['offlineImages', i, 'file'], entry.file, 'is outside the config\'s directory');
    const real = realpathOrUndefined(absolute);
    if (real && !isInside(realTree, real)) fail(['offlineImages', i, 'file'], entry.file, 'resolves (through a symlink) outside the config\'s directory');
  });
}
