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

/** The tree's vars files by path, each parsed once when a task names it. */
export class VarsFileIndex {
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, VarLayer | undefined>();
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
          const found = this.at(joinRelative(dir, path));
          if (found) return found;
        }
        return undefined;
      },
    };
  }

  private at(path: string): VarLayer | undefined {
    if (path.startsWith('..')) return undefined;
    if (!path.includes('{{')) return this.one(path);
    // `vars/{{ ansible_os_family }}.yml`: any file the expression may name, agreed.
    const pattern = new RegExp(`^${path.split(/\{\{.*?\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
    const layers: VarLayer[] = [];
    for (const candidate of this.texts.keys()) {
      if (!pattern.test(candidate)) continue;
      const layer = this.one(candidate);
      if (layer) layers.push(layer);
      if (layers.length >= MAX_CANDIDATES) break;
    }
    return layers.length > 0 ? agreeAll(layers) : undefined;
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

/** What the deployment's `include_vars:` tasks set, per name: one value, or unknown when they differ. */
export function includedEverywhere(layers: readonly VarLayer[]): VarLayer {
  const out = new Map<string, string | undefined>();
  for (const layer of layers) {
    for (const [name, value] of layer) {
      if (!out.has(name)) out.set(name, value);
      else if (out.get(name) !== value) out.set(name, undefined);
    }
  }
  return out;
}
