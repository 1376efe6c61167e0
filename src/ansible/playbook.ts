/**
 * Ansible files by layout and content: a playbook (a YAML list of plays, each with `hosts:` and
 * `tasks:`/`roles:`…), a task list (a role's `tasks/*.yml` and `handlers/*.yml`, or any list of
 * tasks naming a module), and variable files (a role's `defaults/` and `vars/`, `group_vars/all`).
 * Layout follows the Ansible "Roles" guide (roles/<role>/{tasks,handlers,defaults,vars,templates,files}).
 *
 * Only the structure is read here; what a task does is tasks.ts's, what its Jinja renders to jinja.ts's.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { SourceFile } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import { yamlDocuments } from '../parse/yaml.js';
import { mapScalar } from './text-map.js';
import type { MappedText } from './text-map.js';
import { moduleName } from './modules.js';

export type AnsibleFileKind = 'playbook' | 'tasks' | 'vars';

/** `…/roles/<role>/<part>/…`: a role's directory and the part of it a file is in. */
const ROLE_PART = /^(?:(.*)\/)?roles\/([^/]+)\/(tasks|handlers|defaults|vars)\/(?:[^/]+\/)*[^/]+\.ya?ml$/i;
const GROUP_VARS_ALL = /(?:^|\/)group_vars\/all(?:\.ya?ml|\/[^/]+\.ya?ml)$/i;

export interface RolePath {
  /** `roles/edge` (the role's directory, repository-relative). */
  dir: string;
  name: string;
  part: 'tasks' | 'handlers' | 'defaults' | 'vars';
}

export function rolePathOf(path: string): RolePath | undefined {
  const m = ROLE_PART.exec(path);
  if (!m) return undefined;
  return { dir: `${m[1] ? `${m[1]}/` : ''}roles/${m[2]}`, name: m[2], part: m[3].toLowerCase() as RolePath['part'] };
}

export function isGroupVarsAll(path: string): boolean {
  return GROUP_VARS_ALL.test(path);
}

/** `group_vars/<group>` and `host_vars/<host>`, as a file or a directory of files (Ansible's inventory vars). */
const INVENTORY_VARS = /(?:^|\/)(?:group_vars|host_vars)\/[^/]+(?:\.ya?ml|\/[^/]+\.ya?ml)$/i;

export function isInventoryVars(path: string): boolean {
  return INVENTORY_VARS.test(path);
}

/** Play keys that say a list item is a play (Ansible's Play attributes). */
const PLAY_BODY = new Set(['tasks', 'pre_tasks', 'post_tasks', 'handlers', 'roles']);

/**
 * What an Ansible file is, from its path and a cheap look at its text; `undefined` for anything else.
 * A playbook or a task list outside a role's layout must say so by content (tasks.ts decides on the
 * parse): a YAML list of plays, or of tasks naming a module.
 */
export function ansibleKindByPath(path: string, text: string): AnsibleFileKind | 'maybe' | undefined {
  const role = rolePathOf(path);
  if (role) return role.part === 'defaults' || role.part === 'vars' ? 'vars' : 'tasks';
  if (isInventoryVars(path)) return 'vars';
  // A top-level block sequence (`- ` at column 0) is where plays and tasks are written.
  return /^-(?:[ \t]|$)/m.test(text) ? 'maybe' : undefined;
}

export interface ParsedAnsible {
  kind: AnsibleFileKind;
  /** The top-level list (plays or tasks), or the variables mapping. */
  root: YAMLSeq | YAMLMap;
}

/**
 * Parses an Ansible file and confirms its kind; undefined when it is not one (or does not parse).
 * A file whose path says what it is (a role's `tasks/`, `defaults/`, `vars/`, an inventory's
 * `group_vars/`) and does not parse is one Ansible fails on too: its syntax problems go to
 * `problems`. Any other YAML list that does not parse may be anything, and is left alone.
 */
export function parseAnsible(source: SourceFile, hint: AnsibleFileKind | 'maybe', problems: ParseProblem[] = []): ParsedAnsible | undefined {
  const found: ParseProblem[] = [];
  for (const { doc } of yamlDocuments(source, found)) {
    if (doc.errors.length > 0) {
      if (hint !== 'maybe') for (const problem of found) problems.push(problem);
      return undefined;
    }
    const root = doc.contents;
    if (hint === 'vars') return isMap(root) ? { kind: 'vars', root: root as YAMLMap } : undefined;
    if (!isSeq(root)) continue;
    const items = (root.items as unknown[]).filter((item): item is YAMLMap => isMap(item));
    if (items.length === 0 || items.length !== root.items.length) continue;
    if (items.some((item) => keysOf(item).some((k) => k === 'hosts' || k === 'import_playbook' || k === 'ansible.builtin.import_playbook') && keysOf(item).some((k) => PLAY_BODY.has(k) || k.endsWith('import_playbook')))) {
      return { kind: 'playbook', root: root as YAMLSeq };
    }
    if (hint === 'tasks' || items.some((item) => isTask(item))) return { kind: 'tasks', root: root as YAMLSeq };
  }
  return undefined;
}

function isTask(item: YAMLMap): boolean {
  return keysOf(item).some((k) => k === 'block' || moduleName(k) !== undefined);
}

export function keysOf(map: YAMLMap): string[] {
  const keys: string[] = [];
  for (const pair of map.items) if (isScalar(pair.key) && typeof pair.key.value === 'string') keys.push(pair.key.value);
  return keys;
}

export function pairOf(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((pair) => isScalar(pair.key) && pair.key.value === key) as Pair<unknown, unknown> | undefined;
}

export function get(map: YAMLMap, key: string): unknown {
  return pairOf(map, key)?.value;
}

/** A scalar's value as Ansible's templating sees it (`yes` → `True`, as Python prints a bool), or undefined. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/**
 * mappedScalar's results by node: a looped task is read once per item, its arguments the same each
 * time (hostile12: a 1 MB `content:` under a 100-item loop was mapped onto the file 100 times, 3.6 s).
 */
const mapped = new WeakMap<Scalar, MappedText | undefined>();

/** A string scalar's value with, per character, its offset in the file. */
export function mappedScalar(source: SourceFile, node: unknown): MappedText | undefined {
  if (!isScalar(node)) return undefined;
  if (mapped.has(node)) return mapped.get(node);
  const result = mapScalarOf(source, node);
  mapped.set(node, result);
  return result;
}

function mapScalarOf(source: SourceFile, node: Scalar): MappedText | undefined {
  const value = scalarText(node);
  const range = (node as Scalar).range;
  if (value === undefined || !range) return undefined;
  let start = range[0];
  const type = (node as Scalar).type;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    // The header (`|-`, `>2`) is not content: start at the first line of the body.
    const lineEnd = source.text.indexOf('\n', start);
    start = lineEnd === -1 ? range[1] : Math.min(lineEnd + 1, range[1]);
  } else if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') start = Math.min(start + 1, range[1]);
  return mapScalar(value, source.text.slice(start, range[1]), start);
}

/** The offsets a node was read from. */
export function rangeOf(node: unknown): [number, number] | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/**
 * The literal variables of a `vars:` mapping (or a vars file): a scalar is its text, anything else
 * (a list, a mapping) is set but not to a literal edgelint renders.
 */
export function varsOf(node: unknown): Map<string, string | undefined> {
  const vars = new Map<string, string | undefined>();
  if (!isMap(node)) return vars;
  for (const pair of node.items) {
    const key = scalarText(pair.key);
    if (key === undefined) continue;
    vars.set(key, scalarText(pair.value));
  }
  return vars;
}
