/**
 * Deployments: the unit one model is built from (SPEC §1). A repository often holds several —
 * `sites/plant-a/`, `examples/*`, a `cloud/prod` + `edge/prod` pair — and cross-file rules must never
 * combine files of two of them (two sites' brokers on 1883 are not a conflict).
 *
 * - A file belongs to the deployment rooted at the directory of the nearest config above it
 *   (find-config.ts), and uses that config.
 * - That config's `deployments:` may split its tree further: a string glob names directories, each
 *   matching directory below the config is its own deployment (with the same config); an object
 *   `{ name, files }` makes the files matching its globs one deployment. The first entry that
 *   matches a file wins; files matching none stay in the config's own deployment.
 * - Files with no config above them form one default deployment at the repository root (or the
 *   working directory outside a repository).
 * - A config given to `lint()` (`--config`) makes everything one deployment, as before.
 */
import { statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { realpathOrUndefined, toPosixPath } from '../core/fs-safe.js';
import { loadConfigFile, validateConfig } from '../config/config.js';
import type { EdgelintConfig, LoadedConfig } from '../config/config.js';
import { confineConfigPaths } from '../config/confine.js';
import { ConfigFinder } from '../config/find-config.js';
import { pushAll } from '../core/arrays.js';
import { memoized } from '../core/memoized.js';
import { discover } from './discover.js';
import type { DiscoveredFile } from './discover.js';

export interface InMemoryFile {
  path: string;
  content: string | Uint8Array;
}

export interface Deployment {
  /** Absolute root directory. */
  root: string;
  /** How reports name it: the root relative to cwd (`/`-separated, `.` for cwd), `ROOT#NAME` for a named group. */
  id: string;
  /** The name of a `{ name, files }` group. */
  name?: string;
  loaded: LoadedConfig;
  /** Absolute path of the config file, when it came from one. */
  configFile?: string;
  /** The config was given to lint() (`--config`), not found in the tree. */
  typed?: boolean;
  /** Directory the config's relative paths are relative to. */
  base: string;
  files: DiscoveredFile[];
  memory: InMemoryFile[];
}

export interface DeploymentRequest {
  cwd: string;
  paths?: string[];
  files?: InMemoryFile[];
  config?: EdgelintConfig | string;
  changed?: string[];
}

const NO_CONFIG: LoadedConfig = { config: {}, locate: () => undefined };

/**
 * Discovers the files of a run and groups them into deployments, sorted by id; `configs` is every
 * config read on the way (a config whose directory holds nothing lintable must still be valid).
 */
export async function resolveDeployments(request: DeploymentRequest, notices: string[]): Promise<{ deployments: Deployment[]; configs: LoadedConfig[] }> {
  const { cwd } = request;
  const walkDisk = !request.files || request.paths !== undefined;
  if (request.config !== undefined) {
    const single = await fixedDeployment(request.config, cwd);
    if (request.files) pushAll(single.memory, request.files.map((f) => ({ ...f, path: normalisePath(f.path) })));
    if (walkDisk) {
      const found = await discover(request.paths?.length ? request.paths : ['.'], cwd);
      pushAll(notices, found.notices);
      single.files = found.files;
    }
    return { deployments: await finish([single], cwd, notices), configs: [single.loaded] };
  }

  const finder = new ConfigFinder(cwd, notices);
  const grouper = new Grouper(cwd, finder);
  for (const file of request.files ?? []) {
    const path = normalisePath(file.path);
    (await grouper.assign(resolve(cwd, path))).memory.push({ ...file, path });
  }
  let keep: Set<Deployment> | undefined;
  if (walkDisk) {
    let paths = request.paths?.length ? request.paths : ['.'];
    // The config governing each path given is read even when no file there is lintable, so a broken
    // config is reported (exit 2) rather than silently unused.
    for (const path of paths) {
      const absolute = resolve(cwd, path);
      const found = finder.lookup(isDirectory(absolute) ? absolute : dirname(absolute));
      if (found.file) await finder.load(found.file);
    }
    if (request.changed && !request.paths?.length) {
      // pre-commit names the changed files; load the whole deployment of each, not the repository.
      keep = new Set();
      for (const changed of request.changed) keep.add(await grouper.assign(resolve(cwd, changed)));
      paths = [...new Set([...keep].map((d) => d.root))].map((root) => relative(cwd, root) || '.');
    }
    const found = await discover(paths, cwd);
    pushAll(notices, found.notices);
    for (const file of found.files) (await grouper.assign(file.absolute)).files.push(file);
  }
  const all = grouper.all().filter((d) => (d.files.length > 0 || d.memory.length > 0) && (!keep || keep.has(d)));
  return { deployments: await finish(all, cwd, notices), configs: await finder.loadedConfigs() };
}

/** `--config FILE` or a config object: one deployment of everything given. */
async function fixedDeployment(config: EdgelintConfig | string, cwd: string): Promise<Deployment> {
  if (typeof config === 'object') {
    await validateConfig(config, 'config');
    return { root: cwd, id: '.', loaded: { config, locate: () => undefined }, typed: true, base: cwd, files: [], memory: [] };
  }
  const file = resolve(cwd, config);
  const loaded = await loadConfigFile(file, cwd);
  const root = dirname(file);
  return { root, id: idOf(cwd, root), loaded, configFile: file, typed: true, base: root, files: [], memory: [] };
}

/**
 * Per deployment: its config's paths confined to its tree, `exclude` (and, for walked files,
 * `include`) applied relative to the config's directory, and the offline image lists it names added.
 */
async function finish(deployments: Deployment[], cwd: string, notices: string[]): Promise<Deployment[]> {
  const checked = new Set<LoadedConfig>();
  for (const d of deployments) {
    const { config } = d.loaded;
    if (!checked.has(d.loaded)) {
      checked.add(d.loaded);
      // A config named on the command line may name files anywhere in the repository holding it.
      confineConfigPaths(d.loaded, d.base, d.typed && d.configFile ? treeOfTypedConfig(d) : d.base);
    }
    const toBase = (absolute: string) => toPosixPath(relative(d.base, absolute));
    if (config.exclude?.length) {
      const excluded = picomatch(config.exclude, { dot: true });
      d.files = d.files.filter((f) => !excluded(toBase(f.absolute)));
      d.memory = d.memory.filter((f) => !excluded(toBase(resolve(cwd, f.path))));
    }
    if (config.include?.length) {
      const included = picomatch(config.include, { dot: true });
      d.files = d.files.filter((f) => f.explicit || included(toBase(f.absolute)));
    }
    if (d.files.some((f) => !f.explicit)) addImageLists(d, cwd, notices);
  }
  return deployments.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function treeOfTypedConfig(d: Deployment): string {
  // Only a config found in a repository gets the repository: one typed on the command line.
  let current = d.base;
  for (;;) {
    if (realpathOrUndefined(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return d.base;
    current = parent;
  }
}

function addImageLists(d: Deployment, cwd: string, notices: string[]): void {
  const have = new Set(d.files.map((f) => f.absolute));
  for (const entry of d.loaded.config.offlineImages ?? []) {
    if (typeof entry === 'string') continue;
    const absolute = resolve(d.base, entry.file);
    if (have.has(absolute)) continue;
    have.add(absolute);
    const path = toPosixPath(relative(cwd, absolute)) || absolute;
    if (realpathOrUndefined(absolute)) d.files.push({ path, absolute, explicit: false });
    else notices.push(`${path}: offline image list not found`);
  }
}

/** Assigns files to deployments, caching per directory. */
class Grouper {
  private readonly byKey = new Map<string, Deployment>();
  private readonly byDir = new Map<string, Promise<{ deployment?: Deployment; groups?: GroupMatcher }>>();

  constructor(
    private readonly cwd: string,
    private readonly finder: ConfigFinder,
  ) {}

  async assign(absolute: string): Promise<Deployment> {
    const dir = dirname(absolute);
    let atDir = this.byDir.get(dir);
    if (!atDir) {
      atDir = this.resolveDir(dir);
      this.byDir.set(dir, atDir);
    }
    const { deployment, groups } = await atDir;
    if (deployment) return deployment;
    return groups!.match(absolute);
  }

  all(): Deployment[] {
    return [...this.byKey.values()];
  }

  /** The deployment of every file in `dir`, or, when the config lists file groups, a matcher. */
  private async resolveDir(dir: string): Promise<{ deployment?: Deployment; groups?: GroupMatcher }> {
    const found = this.finder.lookup(dir);
    if (!found.file) return { deployment: this.get(found.repoRoot ?? this.cwd, NO_CONFIG, undefined, undefined) };
    const loaded = await this.finder.load(found.file);
    const base = dirname(found.file);
    const entries = this.compiled(loaded);
    const rel = toPosixPath(relative(base, dir));
    // Directory globs: the shallowest directory between the config and the file that one matches.
    const segments = rel === '' ? [] : rel.split('/');
    for (const [i, entry] of entries.entries()) {
      if (!entry.dir) {
        // A file group listed before this directory glob could claim files here: match per file.
        return { groups: new GroupMatcher(entries, i, base, (root, name) => this.get(root, loaded, found.file, name), () => this.get(base, loaded, found.file, undefined), segments) };
      }
      for (let k = 1; k <= segments.length; k++) {
        if (entry.dir(segments.slice(0, k).join('/'))) return { deployment: this.get(join(base, ...segments.slice(0, k)), loaded, found.file, undefined) };
      }
    }
    return { deployment: this.get(base, loaded, found.file, undefined) };
  }

  /**
   * A config's `deployments:` entries compiled once (picomatch), however many directories consult
   * them: compiled per directory, and held by each directory's matcher, 400 `{ name, files }` groups
   * over 400 directories were 160,000 compiled globs, 5.5 s of CPU and a 256 MB heap run out
   * (hostile15).
   */
  private readonly compiled = memoized((loaded: LoadedConfig): CompiledEntry[] =>
    (loaded.config.deployments ?? []).map((entry, i) => (typeof entry === 'string' ? { dir: picomatch(entry, { dot: true }) } : { files: picomatch(entry.files, { dot: true }), name: entry.name ?? String(i + 1) })),
  );

  private get(root: string, loaded: LoadedConfig, configFile: string | undefined, name: string | undefined): Deployment {
    const key = `${root}\0${configFile ?? ''}\0${name ?? ''}`;
    let deployment = this.byKey.get(key);
    if (!deployment) {
      const id = name === undefined ? idOf(this.cwd, root) : `${idOf(this.cwd, root)}#${name}`;
      deployment = { root, id, name, loaded, configFile, base: configFile ? dirname(configFile) : root, files: [], memory: [] };
      this.byKey.set(key, deployment);
    }
    return deployment;
  }
}

/** A `deployments:` entry compiled: a directory glob, or a file group (an unnamed one named by its 1-based position in the list). */
type CompiledEntry = { dir: picomatch.Matcher; files?: undefined; name?: undefined } | { dir?: undefined; files: picomatch.Matcher; name: string };

/** The `deployments:` entries from the first `{ name, files }` group on, matched per file. */
class GroupMatcher {
  constructor(
    private readonly entries: readonly CompiledEntry[],
    private readonly from: number,
    private readonly base: string,
    private readonly make: (root: string, name: string | undefined) => Deployment,
    private readonly fallback: () => Deployment,
    private readonly segments: string[],
  ) {}

  match(absolute: string): Deployment {
    const rel = toPosixPath(relative(this.base, absolute));
    for (let i = this.from; i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      if (entry.files) {
        if (entry.files(rel)) return this.make(this.base, entry.name);
        continue;
      }
      for (let k = 1; k <= this.segments.length; k++) {
        if (entry.dir!(this.segments.slice(0, k).join('/'))) return this.make(join(this.base, ...this.segments.slice(0, k)), undefined);
      }
    }
    return this.fallback();
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function idOf(cwd: string, root: string): string {
  return toPosixPath(relative(cwd, root)) || '.';
}

/** In-memory paths as given: `/`-separated on Windows, `./` dropped. */
export function normalisePath(path: string): string {
  return toPosixPath(path).replace(/^\.\//, '');
}


