/**
 * Finds the config that governs a directory: the nearest `.edgelint.yaml` / `.edgelint.yml` at or
 * above it, walking up to the repository root (the first directory holding `.git`), the way ESLint,
 * Prettier and EditorConfig find theirs. Lookups are cached per directory and each config file is
 * loaded once, so a run over 10,000 files makes one lookup per directory.
 *
 * The config of a repository is untrusted: a committed `.edgelint.yaml` may be a symlink. One that
 * resolves outside the repository (to /etc/passwd, /dev/zero, a FIFO elsewhere) is a config error and
 * is never opened; one that does not resolve at all (a self-loop, a dangling link) is a notice and is
 * treated as absent. Whatever it resolves to is then read only if it is a regular file (fs-safe.ts).
 */
import { lstatSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isInside, printablePath, realpathOrUndefined, toPosixPath } from '../core/fs-safe.js';
import { CONFIG_FILE_NAMES, ConfigError, loadConfigFile } from './config.js';
import type { LoadedConfig } from './config.js';

export interface ConfigLookup {
  /** Absolute path of the nearest config file, if any. */
  file?: string;
  /** The repository root the walk stopped at (the directory holding `.git`), if it met one. */
  repoRoot?: string;
}

export class ConfigFinder {
  private readonly lookups = new Map<string, ConfigLookup>();
  private readonly loads = new Map<string, Promise<LoadedConfig>>();
  private readonly noticed = new Set<string>();

  constructor(
    private readonly cwd: string,
    private readonly notices: string[],
  ) {}

  /** The nearest config at or above `dir` (absolute), and the repository root. */
  lookup(dir: string): ConfigLookup {
    // Iterative walk up, then fill the cache for every directory passed on the way.
    const passed: string[] = [];
    let current = resolve(dir);
    let found: ConfigLookup | undefined;
    for (;;) {
      const cached = this.lookups.get(current);
      if (cached) {
        found = cached;
        break;
      }
      passed.push(current);
      const file = this.configIn(current);
      if (file) {
        found = { file, repoRoot: this.repoRootAbove(current) };
        break;
      }
      if (exists(join(current, '.git'))) {
        found = { repoRoot: current };
        break;
      }
      const parent = dirname(current);
      if (parent === current) {
        found = {};
        break;
      }
      current = parent;
    }
    for (const d of passed) this.lookups.set(d, found);
    return found;
  }

  /** Loads (once) and validates a config file found by `lookup`. */
  load(file: string): Promise<LoadedConfig> {
    let loading = this.loads.get(file);
    if (!loading) {
      loading = loadConfigFile(file, this.cwd);
      this.loads.set(file, loading);
    }
    return loading;
  }

  /** Every config loaded so far. */
  loadedConfigs(): Promise<LoadedConfig[]> {
    return Promise.all(this.loads.values());
  }

  /**
   * The config file in `dir`, if one is there and may be read. A symlink must resolve inside the
   * repository holding it (or inside `dir` itself outside any repository).
   */
  private configIn(dir: string): string | undefined {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      let link: boolean;
      try {
        link = lstatSync(candidate).isSymbolicLink();
      } catch {
        continue;
      }
      if (!link) return candidate;
      const target = realpathOrUndefined(candidate);
      const shown = printablePath(toPosixPath(relative(this.cwd, candidate)) || candidate);
      if (!target) {
        if (!this.noticed.has(candidate)) this.notices.push(`${shown}: a symlink that does not resolve (a loop or a missing target); ignored`);
        this.noticed.add(candidate);
        continue;
      }
      const tree = realpathOrUndefined(this.repoRootAbove(dir) ?? dir) ?? dir;
      if (!isInside(tree, target)) throw new ConfigError(`${shown}: a symlink to a file outside the repository; a repository's config must be inside it (not read)`);
      return candidate;
    }
    return undefined;
  }

  private repoRootAbove(dir: string): string | undefined {
    let current = dir;
    for (;;) {
      if (exists(join(current, '.git'))) return current;
      const parent = dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
