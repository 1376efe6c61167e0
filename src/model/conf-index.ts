/**
 * The linted mosquitto configs of one node class, looked up by path. A unit's `-c FILE`, a hostPath
 * or bind mount over a broker's config directory and an `include_dir` each name a host path; the
 * repository holds that file at the same path or below some folder (`edge/etc/mosquitto/…`). Every
 * lookup goes through Maps built once, so a class with thousands of configs and as many brokers
 * stays linear (a scan of every config per lookup was quadratic).
 */
import type { MosquittoConfig } from '../parse/mosquitto.js';
import { appendTo } from '../core/arrays.js';
import { basename, dirname } from './paths.js';

/**
 * Suffixes longer than this many path components are not indexed: a host path that long is looked
 * up by a scan. Real config paths have a handful; the cap keeps the index linear in the input when a
 * hostile tree nests folders thousands deep.
 */
const MAX_INDEXED_COMPONENTS = 32;

export class ConfIndex {
  readonly all: readonly MosquittoConfig[];
  /** `/` + every component-boundary suffix of a config's path (`/etc/mosquitto/m.conf`, `/mosquitto/m.conf`, `/m.conf`). */
  private readonly bySuffix = new Map<string, MosquittoConfig[]>();
  private readonly byPath = new Map<string, MosquittoConfig>();
  private readonly byBasename = new Map<string, MosquittoConfig[]>();
  /** The last 1…N components of a config's folder (`conf.d`, `mosquitto/conf.d`, …), for `include_dir`. */
  private readonly byFolderSuffix = new Map<string, MosquittoConfig[]>();
  private readonly included = new Map<MosquittoConfig, MosquittoConfig[]>();

  constructor(confs: readonly MosquittoConfig[]) {
    this.all = confs;
    for (const conf of confs) {
      const path = conf.source.path;
      if (!this.byPath.has(path)) this.byPath.set(path, conf);
      appendTo(this.byBasename, basename(path), conf);
      for (const suffix of componentSuffixes(path)) appendTo(this.bySuffix, `/${suffix}`, conf);
      const folder = dirname(path);
      if (folder !== '.' && folder !== '') for (const suffix of componentSuffixes(folder.replace(/^\/+/, ''))) appendTo(this.byFolderSuffix, suffix, conf);
    }
  }

  /** Is there a config at exactly this path? */
  has(path: string): boolean {
    return this.byPath.has(path);
  }

  /**
   * The config at an absolute host path: the one with exactly that path, else the first (in input
   * order) whose path ends with it at a folder boundary, or equals it without the leading `/`.
   */
  atHostPath(hostFile: string): MosquittoConfig | undefined {
    const wanted = hostFile.replace(/\/{2,}/g, '/');
    if (!wanted.startsWith('/')) return undefined;
    return this.byPath.get(wanted) ?? this.withSuffix(wanted)[0];
  }

  /**
   * The config a broker started with `-c PATH` reads: the first whose path is PATH (leading `/`
   * dropped) or ends with `/PATH`; failing that, one with the same file name when PATH is plainly a
   * mosquitto config (`/etc/mosquitto/mosquitto.conf` against a repository's `conf/mosquitto.conf`).
   * Of several that fit, the one nearest to `from` (the file naming it): see `nearest`.
   */
  forPath(path: string | undefined, from?: string): MosquittoConfig | undefined {
    if (!path) return undefined;
    const wanted = path.replace(/^\/+/, '');
    const exact = this.withSuffix(`/${wanted}`);
    if (exact.length) return nearest(exact, from);
    return wanted.includes('mosquitto') ? nearest(this.byBasename.get(basename(wanted)) ?? [], from) : undefined;
  }

  /**
   * The linted configs a config's `include_dir` lines pull in, in the order mosquitto reads them.
   * mosquitto lists each directory with readdir, not recursively, keeps the names longer than five
   * characters that end in `.conf`, and sorts them case-insensitively, then by case
   * (src/conf.c `config__get_dir_files`, `scmp_p`).
   */
  includedBy(conf: MosquittoConfig): readonly MosquittoConfig[] {
    const known = this.included.get(conf);
    if (known) return known;
    const result: MosquittoConfig[] = [];
    for (const dir of conf.includeDirs) {
      const folder = dir.value.replace(/^\/+/, '').replace(/\/+$/, '');
      if (folder === '') continue;
      const matches = this.inFolder(folder).filter((c) => c !== conf && isIncludedName(basename(c.source.path)));
      matches.sort((a, b) => compareIncludeNames(basename(a.source.path), basename(b.source.path)) || (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0));
      for (const match of matches) result.push(match);
    }
    this.included.set(conf, result);
    return result;
  }

  private withSuffix(key: string): readonly MosquittoConfig[] {
    if (countComponents(key) <= MAX_INDEXED_COMPONENTS) return this.bySuffix.get(key) ?? [];
    const wanted = key.slice(1);
    return this.all.filter((c) => c.source.path === wanted || c.source.path.endsWith(key));
  }

  private inFolder(folder: string): MosquittoConfig[] {
    if (countComponents(folder) <= MAX_INDEXED_COMPONENTS) return [...(this.byFolderSuffix.get(folder) ?? [])];
    return this.all.filter((c) => {
      const own = dirname(c.source.path);
      return own === folder || own.endsWith(`/${folder}`);
    });
  }
}

/** Candidates `nearest` compares; past them the first in input order stands (a bounded lookup on any input). */
const MAX_NEAREST = 64;

/**
 * Of several files that fit, the one sharing the longest directory with the file naming it: a
 * repository of sites keeps each site's unit beside its own `etc/mosquitto/mosquitto.conf`
 * (`sites/north/…`, `sites/south/…`), and a unit reads its own site's, not the first one listed.
 */
function nearest(candidates: readonly MosquittoConfig[], from: string | undefined): MosquittoConfig | undefined {
  if (candidates.length < 2 || from === undefined) return candidates[0];
  const dirs = from.split('/').slice(0, -1);
  let best = candidates[0];
  let bestShared = -1;
  for (const c of candidates.slice(0, MAX_NEAREST)) {
    const parts = c.source.path.split('/');
    let shared = 0;
    while (shared < dirs.length && shared < parts.length - 1 && parts[shared] === dirs[shared]) shared++;
    if (shared > bestShared) [best, bestShared] = [c, shared];
  }
  return best;
}

/** The suffixes of a `/`-separated path that start at a component, shortest first, at most MAX_INDEXED_COMPONENTS of them. */
function componentSuffixes(path: string): string[] {
  const suffixes: string[] = [];
  for (let i = path.length - 1; i >= 0 && suffixes.length < MAX_INDEXED_COMPONENTS; i--) {
    if (i === 0 || path[i - 1] === '/') suffixes.push(path.slice(i));
  }
  return suffixes;
}

function countComponents(path: string): number {
  let count = 0;
  for (const part of path.split('/')) if (part !== '') count++;
  return count;
}

function isIncludedName(name: string): boolean {
  return name.length > 5 && name.endsWith('.conf');
}

/** mosquitto's `scmp_p`: characters compared upper-cased first, then as written; a prefix sorts first. */
export function compareIncludeNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    const folded = upper(ca) - upper(cb);
    if (folded !== 0) return folded;
    if (ca !== cb) return ca - cb;
  }
  return a.length - b.length;
}

/** C `toupper` in the C locale: ASCII letters only. */
function upper(code: number): number {
  return code >= 97 && code <= 122 ? code - 32 : code;
}
