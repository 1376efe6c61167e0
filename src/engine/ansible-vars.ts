/**
 * Where an Ansible task's variables come from beyond the role and the play (Ansible's "Understanding
 * variable precedence", playbook guide, lowest first: role defaults, inventory group_vars/all, then
 * group_vars/<group>, then host_vars/<host>, play vars, play vars_files, role vars, block and task
 * vars, include_vars, set_fact/register, role params):
 *
 * - `group_vars/<group>` and `host_vars/<host>` apply to the hosts of that group or that name, which
 *   the inventory decides: a name they set is decided at run time, unless every such file and
 *   group_vars/all give it the same value (then every host sees that value);
 * - a play's `vars_files:` and an `include_vars:` task read a file of the tree, found as Ansible finds
 *   it (a role's `vars/`, the task file's directory, the play's directory); a path with Jinja in it
 *   is every file it may name, agreed (a name they give differently is unknown);
 * - what an `include_vars:` sets holds for the rest of the host's run: every other task list sees it
 *   as contested (jinja.ts Scope), known only where it agrees.
 */
import { SourceFile } from '../core/source.js';
import { dirname, joinRelative } from '../model/paths.js';
import { UnknownLayer } from '../ansible/jinja.js';
import type { VarLayer } from '../ansible/jinja.js';
import { parseAnsible, varsOf } from '../ansible/playbook.js';
import type { RolePath } from '../ansible/playbook.js';
import { agreeAll } from '../ansible/tasks.js';
import type { VarsFiles } from '../ansible/tasks.js';
import type { CollectedInputs } from './collect.js';

/** The layer group_vars/<group> and host_vars/<host> files give, over group_vars/all. */
export function inventoryLayer(all: VarLayer, specific: readonly VarLayer[]): VarLayer {
  const values = new Map<string, Set<string | undefined>>();
  for (const layer of specific) {
    for (const [name, value] of layer) {
      const set = values.get(name);
      if (set) set.add(value);
      else values.set(name, new Set([value]));
    }
  }
  const out = new Map<string, string | undefined>();
  for (const [name, set] of values) {
    const [only] = set;
    // A host outside every such group sees group_vars/all's value: the same one, or unknown.
    out.set(name, set.size === 1 && only !== undefined && all.get(name) === only ? only : undefined);
  }
  return out;
}

/** Paths looked at per Jinja path: bounded for a hostile tree. */
const MAX_CANDIDATES = 256;
/**
 * What the deployment's Jinja paths may cost in all: paths compared with them plus variables agreed
 * across the files they name. Each distinct path scans every vars file of the tree and agrees up to
 * MAX_CANDIDATES of them, so 1,000 include_vars tasks each naming 256 files of 1,000 variables were
 * 5·10^8 steps (hostile13); past the budget, a Jinja path sets variables only the run decides.
 */
const MAX_JINJA_PATH_WORK = 4_000_000;

/** The tree's vars files by path, each parsed once when a task names it. */
export class VarsFileIndex {
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, VarLayer | undefined>();
  /** What each Jinja path (as a glob: its tags are wildcards) names, agreed. */
  private readonly globbed = new Map<string, VarLayer | undefined>();
  private work = 0;
  /** The task file whose Jinja path went past MAX_JINJA_PATH_WORK, for the notice. */
  cutAt?: string;
  /** The files read for a task: no longer files of no kind (lint.ts). */
  readonly read = new Set<string>();

  constructor(inputs: CollectedInputs) {
    for (const s of inputs.unlintedYaml) if (!s.origin) this.texts.set(s.path, s.text);
  }

  /** A reading's view: paths relative to its role's `vars/`, its own directory and the play's. */
  forReading(taskFile: string, role: RolePath | undefined, playDir: string): VarsFiles {
    return {
      load: (path, how) => {
        if (path.startsWith('/')) return undefined;
        const dirs = how === 'include_vars' ? [...(role ? [`${role.dir}/vars`, role.dir] : []), dirname(taskFile), playDir] : [playDir, dirname(taskFile)];
        for (const dir of dirs) {
          const found = this.at(joinRelative(dir, path), taskFile);
          if (found) return found;
        }
        return undefined;
      },
    };
  }

  /** Notice for the cut, if any. */
  notice(): string | undefined {
    return this.cutAt === undefined ? undefined : `${this.cutAt}: vars_files and include_vars paths with Jinja in them named more files and variables than edgelint agrees per deployment; this and later such paths are read as setting variables only the run decides`;
  }

  private at(path: string, taskFile: string): VarLayer | undefined {
    if (path.startsWith('..')) return undefined;
    if (!path.includes('{{')) return this.one(path);
    // `vars/{{ ansible_os_family }}.yml`: any file the expression may name, agreed. Compared as a glob,
    // never as a RegExp: `{{a}}x{{a}}x…y` as `^[^/]*x[^/]*x…y$` backtracks exponentially on `xxx…`.
    const glob = globOf(path);
    const key = glob.join('/');
    if (this.globbed.has(key)) return this.globbed.get(key);
    let found: VarLayer | undefined;
    if (this.work > MAX_JINJA_PATH_WORK) found = this.cut(taskFile);
    else {
      const layers: VarLayer[] = [];
      for (const candidate of this.texts.keys()) {
        this.work++;
        if (!globMatches(glob, candidate)) continue;
        const layer = this.one(candidate);
        if (layer) {
          layers.push(layer);
          this.work += layer.size;
        }
        if (layers.length >= MAX_CANDIDATES) break;
      }
      found = this.work > MAX_JINJA_PATH_WORK ? this.cut(taskFile) : layers.length > 0 ? agreeAll(layers) : undefined;
    }
    this.globbed.set(key, found);
    return found;
  }

  private cut(taskFile: string): VarLayer {
    this.cutAt ??= taskFile;
    return new UnknownLayer();
  }

  private one(path: string): VarLayer | undefined {
    if (this.parsed.has(path)) return this.parsed.get(path);
    const text = this.texts.get(path);
    let layer: VarLayer | undefined;
    if (text !== undefined) {
      const parsed = parseAnsible(new SourceFile(path, text, 'unknown'), 'vars');
      if (parsed) {
        layer = varsOf(parsed.root);
        this.read.add(path);
      }
    }
    this.parsed.set(path, layer);
    return layer;
  }
}

/**
 * A path with Jinja in it as a glob: its `/`-separated segments, each the literal pieces between its
 * tags (a tag matches any run of characters but `/`, so the segments of a match line up).
 */
export function globOf(path: string): string[][] {
  // Tags found by indexOf, in one pass (`/\{\{.*?\}\}/` rescans the rest of the path from every unclosed `{{`).
  let text = '';
  let from = 0;
  for (let open = path.indexOf('{{'); open !== -1; open = path.indexOf('{{', from)) {
    const close = path.indexOf('}}', open + 2);
    if (close === -1) break;
    text += `${path.slice(from, open)}\u0000`;
    from = close + 2;
  }
  text += path.slice(from);
  return text.split('/').map((segment) => segment.split('\u0000'));
}

/** Does `path` match `glob`? Each segment's pieces found leftmost in turn: linear in the path, no backtracking. */
export function globMatches(glob: readonly string[][], path: string): boolean {
  const segments = path.split('/');
  if (segments.length !== glob.length) return false;
  for (let s = 0; s < segments.length; s++) {
    const pieces = glob[s];
    const text = segments[s];
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    if (pieces.length === 1) {
      if (text !== first) return false;
      continue;
    }
    if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
    let at = first.length;
    const end = text.length - last.length;
    for (let p = 1; p < pieces.length - 1; p++) {
      const found = text.indexOf(pieces[p], at);
      if (found === -1 || found + pieces[p].length > end) return false;
      at = found + pieces[p].length;
    }
  }
  return true;
}

/** What the deployment's `include_vars:` tasks set, per name: one value, or unknown when they differ (or when one set names only the run decides). */
export function includedEverywhere(layers: readonly VarLayer[]): VarLayer {
  const unknown = layers.find((layer) => layer instanceof UnknownLayer);
  if (unknown) return unknown;
  const out = new Map<string, string | undefined>();
  for (const layer of layers) {
    for (const [name, value] of layer) {
      if (!out.has(name)) out.set(name, value);
      else if (out.get(name) !== value) out.set(name, undefined);
    }
  }
  return out;
}
