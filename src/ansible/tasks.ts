/**
 * What an Ansible play or task list does on the host it runs on, as steps in file order: command
 * bodies (`shell:`, `command:`, `raw:` — read by the shell-script reader), files placed at host paths
 * (`copy:`, `template:`), services started or enabled (`systemd:`, `service:`), image archives loaded
 * (`docker_image: source=load`, `docker_image_load:`), release archives fetched (`get_url:`,
 * `unarchive:`). Module arguments are read in both forms Ansible accepts: a mapping, or free-form
 * `key=value` words (ansible-core parsing/splitter.py parse_kv).
 *
 * A task under `when:` may or may not run; like a shell script's `if` branch, it is read as running.
 */
import { isMap, isSeq } from 'yaml';
import type { YAMLMap, YAMLSeq } from 'yaml';
import type { SourceFile } from '../core/source.js';
import { Scope, UnknownLayer, render, renderString } from './jinja.js';
import type { Rendered, VarLayer } from './jinja.js';
import type { MappedText } from './text-map.js';
import { moduleName } from './modules.js';
import { get, keysOf, mappedScalar, rangeOf, scalarText, varsOf } from './playbook.js';
import type { ParsedAnsible } from './playbook.js';
import type { LineEditArgs, LineEditModule } from './line-edit.js';
import { argsOf, commandBody } from './task-args.js';

export type Range = readonly [number, number];

export type AnsibleStep =
  /** A command text, Jinja rendered (unknown expressions stand as an unset shell variable). */
  | { kind: 'shell'; body: Rendered }
  | {
      kind: 'place';
      module: 'copy' | 'template';
      /** The controller-side file (`src:`), as written after rendering. */
      src?: string;
      /** `copy: content:`, rendered; unknown expressions kept as written and listed in `unknown`. */
      content?: Rendered;
      dest: string;
      at: Range;
      /** The variables the task sees: a template renders with them. */
      scope: Scope;
    }
  | { kind: 'service'; name: string; at: Range }
  | { kind: 'image-load'; path?: { value: string; at: Range }; images?: Array<{ value: string; at: Range }>; at: Range }
  | { kind: 'url'; url: Rendered }
  /** `lineinfile:` / `replace:` / `blockinfile:` of a host file (line-edit.ts). */
  | { kind: 'line-edit'; module: LineEditModule; path: string; pathAt: Range; args: LineEditArgs; at: Range };

/** A role a play or task applies, with the literal variables given to it there (play vars, then role params). */
export interface RoleUse {
  name: string;
  vars: Map<string, string | undefined>;
}

export interface TaskReading {
  steps: AnsibleStep[];
  files: VarsFiles;
  roles: RoleUse[];
  /** What the deployment's task lists have read so far, this one included. */
  spent: ReadSpent;
}

/** Read by a deployment's task lists, from the first to the last (each readTasks adds to it). */
export interface ReadSpent {
  /** Command and content text: a loop over a long body is read item by item only within MAX_COMMAND_CHARS. */
  chars: number;
  /** Variables copied into role uses (MAX_ROLE_USE_VARS). */
  useVars: number;
  /**
   * What a budget left unread, as sentences (engine/ansible.ts makes each a notice): a cut that said
   * nothing would read as a clean bill for the tasks it skipped. A budget of a task's own (a loop's
   * items, block depth) speaks once per file, a budget of the deployment's once, at the first file it cut.
   */
  cut?: Map<string, string>;
}

function noteCut(out: TaskReading, source: SourceFile, budget: 'loop' | 'depth' | 'commands' | 'role-vars', what: string): void {
  const cut = (out.spent.cut ??= new Map());
  const key = budget === 'loop' || budget === 'depth' ? `${budget}\u0000${source.path}` : budget;
  if (!cut.has(key)) cut.set(key, `${source.path}: ${what}`);
}

/**
 * Variables copied into role uses per deployment: each use holds its play's vars (hostile12: a play of
 * 3,000 vars applying 3,000 roles, a 100 KB playbook, ran a 256 MB heap out). A use past it is one
 * whose variables only the run decides.
 */
const MAX_ROLE_USE_VARS = 100_000;

function addRoleUse(out: TaskReading, source: SourceFile, name: string, size: number, vars: () => Map<string, string | undefined>): void {
  out.spent.useVars += size;
  const over = out.spent.useVars > MAX_ROLE_USE_VARS;
  if (over) noteCut(out, source, 'role-vars', `more than ${MAX_ROLE_USE_VARS.toLocaleString('en-US')} variables passed to roles in the deployment; this and later role uses are read as if the run decided their variables`);
  out.roles.push({ name: name.replace(/^.*\//, ''), vars: over ? new UnknownLayer() : vars() });
}

/**
 * Command text and `copy: content:` read, loops included, from the first task list a deployment
 * reads to the last (ReadSpent): each body is parsed as a script of
 * its own and each content linted as a file, so ten task lists each looping 100 times over a 40 KB
 * body would otherwise be 40 MB read from 400 KB (hostile12).
 */
const MAX_COMMAND_CHARS = 2 * 1024 * 1024;

function commandsCut(out: TaskReading, source: SourceFile): void {
  noteCut(out, source, 'commands', `more than ${MAX_COMMAND_CHARS / 1024 / 1024} MB of command and content text in the deployment's Ansible tasks, loops counted per item; this file's later commands and contents, and those of later task files, were not linted`);
}

/** Unknown Jinja in a command: an unset variable, which the shell reader reads as decided at run time. */
export const UNKNOWN_IN_SHELL = '${__ansible_jinja}';
/** Nested blocks followed this deep. */
const MAX_BLOCK_DEPTH = 32;

/**
 * The variables of the files a play's `vars_files:` or an `include_vars:` task names (the path as
 * written, Jinja included): the engine finds them as Ansible does; undefined when none is found.
 */
export interface VarsFiles {
  load(path: string, how: 'vars_files' | 'include_vars'): VarLayer | undefined;
}

const NO_FILES: VarsFiles = { load: () => undefined };

/** Steps of a playbook's plays or of a task list, each task seeing `scope` plus its own vars. */
export function readTasks(source: SourceFile, parsed: ParsedAnsible, scope: Scope, spent: ReadSpent = { chars: 0, useVars: 0 }, files: VarsFiles = NO_FILES): TaskReading {
  const out: TaskReading = { steps: [], roles: [], spent, files };
  if (!isSeq(parsed.root)) return out;
  if (parsed.kind === 'tasks') {
    walk(source, parsed.root, scope, out, 0);
    return out;
  }
  for (const play of parsed.root.items) {
    if (!isMap(play)) continue;
    // `vars_files:` rank above play `vars:` (and reach the roles the play applies, as play vars do).
    const fromFiles = varsFilesOf(get(play, 'vars_files'), files);
    // Files whose variables only the run decides may set any name the play's vars set.
    const playVars = fromFiles instanceof UnknownLayer ? fromFiles : new Map([...varsOf(get(play, 'vars')), ...fromFiles]);
    const playScope = scope.with(playVars);
    const roles = get(play, 'roles');
    if (isSeq(roles)) {
      for (const entry of roles.items) {
        const name = scalarText(entry) ?? (isMap(entry) ? scalarText(get(entry, 'role')) ?? scalarText(get(entry, 'name')) : undefined);
        if (!name) continue;
        addRoleUse(out, source, name, playVars.size + (isMap(entry) ? entry.items.length : 0), () => {
          if (playVars instanceof UnknownLayer) return playVars;
          const vars = new Map(playVars);
          if (isMap(entry)) {
            for (const [k, v] of varsOf(get(entry, 'vars'))) vars.set(k, v);
            for (const [k, v] of varsOf(entry)) if (!ROLE_ENTRY_KEYWORDS.has(k)) vars.set(k, v);
          }
          return vars;
        });
      }
    }
    for (const part of ['pre_tasks', 'tasks', 'post_tasks', 'handlers']) {
      const list = get(play, part);
      if (isSeq(list)) walk(source, list, playScope, out, 0, playVars);
    }
  }
  return out;
}

/** Keys of a `roles:` entry that are keywords, not role parameters. */
const ROLE_ENTRY_KEYWORDS = new Set(['role', 'name', 'vars', 'tags', 'when', 'become', 'become_user', 'environment', 'delegate_to', 'ignore_errors', 'collections']);

/** A `vars_files:` list: each entry a path, or a list of paths of which the first found is read (agreed here: which one is found is the run's). */
function varsFilesOf(node: unknown, files: VarsFiles): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  if (!isSeq(node)) return out;
  for (const entry of node.items) {
    const paths = isSeq(entry) ? entry.items.map((item) => scalarText(item)) : [scalarText(entry)];
    const found = paths.flatMap((path) => {
      const layer = path === undefined ? undefined : files.load(path, 'vars_files');
      return layer ? [layer] : [];
    });
    const agreed = agreeAll(found);
    if (agreed instanceof UnknownLayer) return agreed;
    for (const [name, value] of agreed) out.set(name, value);
  }
  return out;
}

/**
 * Each name one value across `layers`; a name they give differently, or not all give, is unknown.
 * A layer whose variables only the run decides (UnknownLayer) makes every name unknown.
 */
export function agreeAll(layers: readonly VarLayer[]): Map<string, string | undefined> {
  const unknown = layers.find((layer) => layer instanceof UnknownLayer);
  if (unknown) return new UnknownLayer();
  const out = new Map<string, string | undefined>();
  const count = new Map<string, number>();
  for (const layer of layers) {
    for (const [name, value] of layer) {
      count.set(name, (count.get(name) ?? 0) + 1);
      if (!out.has(name)) out.set(name, value);
      else if (out.get(name) !== value) out.set(name, undefined);
    }
  }
  for (const [name, n] of count) if (n < layers.length) out.set(name, undefined);
  return out;
}

/**
 * The variables an `include_vars:` task sets from the file it names (free-form path, `file=`, or
 * `file:`); an empty map for anything else: `dir:` (every file of a directory) and `name:` (the
 * variables under one key) set names that are not read here.
 */
export function includedVars(source: SourceFile, value: unknown, extra: unknown, files: VarsFiles): VarLayer {
  const free = mappedScalar(source, value);
  let path: string | undefined;
  if (free && !/^\s*\w+=/.test(free.text)) path = free.text.trim();
  else {
    const args = argsOf(source, value, extra);
    if (args.has('name') || args.has('dir')) return new Map();
    path = (args.get('file') ?? args.get('_raw_params'))?.text;
  }
  return (path && files.load(path, 'include_vars')) || new Map();
}

function walk(source: SourceFile, list: YAMLSeq, start: Scope, out: TaskReading, depth: number, playVars?: Map<string, string | undefined>): void {
  if (depth > MAX_BLOCK_DEPTH) {
    noteCut(out, source, 'depth', `blocks nested more than ${MAX_BLOCK_DEPTH} deep; their tasks were not linted`);
    return;
  }
  let scope = start;
  for (const task of list.items) {
    if (!isMap(task)) continue;
    const taskVars = varsOf(get(task, 'vars'));
    const taskScope = scope.with(taskVars);
    const includeKey = keysOf(task).find((k) => moduleName(k) === 'include_vars');
    if (includeKey !== undefined) {
      // What it sets holds for every later task of this list (and is contested elsewhere: engine/ansible.ts).
      scope = scope.including(includedVars(source, get(task, includeKey), get(task, 'args'), out.files));
      continue;
    }
    const block = get(task, 'block');
    if (isSeq(block)) {
      for (const part of ['block', 'rescue', 'always']) {
        const inner = get(task, part);
        if (isSeq(inner)) walk(source, inner, taskScope, out, depth + 1, playVars);
      }
      continue;
    }
    const items = loopItems(task);
    if (items && items.length < loopLength(task)) noteCut(out, source, 'loop', `a loop of more than ${MAX_LOOP_ITEMS} items; each looped task was linted for its first ${MAX_LOOP_ITEMS} items only`);
    if (!items) readTask(source, task, taskScope, out, playVars, taskVars);
    else for (const item of items) readTask(source, task, taskScope.with(item), out, playVars, taskVars);
  }
}

function loopOf(task: YAMLMap): unknown {
  return get(task, 'loop') ?? get(task, 'with_items') ?? get(task, 'with_list');
}

/** How many items a loop written as a list has (0 for any other loop). */
function loopLength(task: YAMLMap): number {
  const loop = loopOf(task);
  return isSeq(loop) ? loop.items.length : 0;
}

/** Items of one loop read: a task is read once per item, as Ansible runs it. */
const MAX_LOOP_ITEMS = 100;

/**
 * `loop:` / `with_items:` / `with_list:` written as a list: each item binds `item` (a scalar) or
 * `item.KEY` (a mapping's scalar values) for one reading of the task. A loop over a variable or a
 * lookup is not read item by item: `{{ item }}` is then unknown.
 */
function loopItems(task: YAMLMap): Array<Map<string, string | undefined>> | undefined {
  const loop = loopOf(task);
  if (!isSeq(loop) || loop.items.length === 0) return undefined;
  return loop.items.slice(0, MAX_LOOP_ITEMS).map((item) => {
    const vars = new Map<string, string | undefined>([['item', scalarText(item)]]);
    if (isMap(item)) for (const [key, value] of varsOf(item)) vars.set(`item.${key}`, value);
    return vars;
  });
}

function readTask(source: SourceFile, task: YAMLMap, scope: Scope, out: TaskReading, playVars: Map<string, string | undefined> | undefined, taskVars: Map<string, string | undefined>): void {
  const key = keysOf(task).find((k) => moduleName(k) !== undefined);
  if (key === undefined) return;
  const name = moduleName(key)!;
  const value = get(task, key);
  const extra = get(task, 'args');
  const keyRange = rangeOf(task.items.find((p) => scalarText(p.key) === key)?.key) ?? [0, 0];
  switch (name) {
    case 'shell':
    case 'command':
    case 'raw': {
      const body = commandBody(source, value, name === 'raw' ? undefined : extra);
      if (!body) return;
      if ((out.spent.chars += body.text.length) > MAX_COMMAND_CHARS) return commandsCut(out, source);
      out.steps.push({ kind: 'shell', body: render(body, scope, () => UNKNOWN_IN_SHELL) });
      return;
    }
    case 'copy':
    case 'template': {
      const args = argsOf(source, value, extra);
      const dest = literal(args.get('dest'), scope);
      if (dest === undefined) return;
      const remote = literal(args.get('remote_src'), scope);
      if (remote !== undefined && TRUE.test(remote)) return;
      const src = literal(args.get('src'), scope);
      const content = name === 'copy' ? args.get('content') : undefined;
      if (src === undefined && content === undefined) return;
      if (content && (out.spent.chars += content.text.length) > MAX_COMMAND_CHARS) return commandsCut(out, source);
      const base = src?.replace(/\/+$/, '').replace(/^.*\//, '') ?? '';
      out.steps.push({
        kind: 'place',
        module: name,
        ...(src !== undefined ? { src } : {}),
        ...(content ? { content: render(content, scope) } : {}),
        dest: dest.endsWith('/') && base ? `${dest}${base}` : dest,
        at: keyRange,
        scope,
      });
      return;
    }
    case 'systemd':
    case 'service': {
      const args = argsOf(source, value, extra);
      const unit = args.get('name');
      const unitName = literal(unit, scope);
      const state = literal(args.get('state'), scope);
      const enabled = literal(args.get('enabled'), scope);
      const starts = (state !== undefined && /^(?:started|restarted|reloaded)$/.test(state)) || (enabled !== undefined && TRUE.test(enabled));
      if (unit && unitName && starts) out.steps.push({ kind: 'service', name: unitName, at: [unit.map[0], unit.map[unit.text.length]] });
      return;
    }
    case 'docker_image':
    case 'docker_image_load': {
      const args = argsOf(source, value, extra);
      const path = args.get(name === 'docker_image' ? 'load_path' : 'path');
      const sourceArg = literal(args.get('source'), scope);
      if (!path || (name === 'docker_image' && sourceArg !== undefined && sourceArg !== 'load')) return;
      const at: Range = [path.map[0], path.map[path.text.length]];
      const pathValue = literal(path, scope);
      const image = args.get('name');
      const tag = literal(args.get('tag'), scope);
      const imageValue = name === 'docker_image' ? literal(image, scope) : undefined;
      const images = image && imageValue ? [{ value: tag && !/:[^/]+$/.test(imageValue) ? `${imageValue}:${tag}` : imageValue, at: [image.map[0], image.map[image.text.length]] as Range }] : undefined;
      out.steps.push({ kind: 'image-load', ...(pathValue !== undefined ? { path: { value: pathValue, at } } : {}), ...(images ? { images } : {}), at });
      return;
    }
    case 'get_url':
    case 'unarchive': {
      const args = argsOf(source, value, extra);
      const url = args.get(name === 'get_url' ? 'url' : 'src');
      if (url && /^[a-z]+:\/\//i.test(url.text)) out.steps.push({ kind: 'url', url: render(url, scope, () => UNKNOWN_IN_SHELL) });
      return;
    }
    case 'lineinfile':
    case 'replace':
    case 'blockinfile': {
      const step = lineEdit(name, argsOf(source, value, extra), scope, keyRange);
      if (step) out.steps.push(step);
      return;
    }
    case 'include_role':
    case 'import_role': {
      const args = argsOf(source, value, extra);
      const role = literal(args.get('name'), scope);
      if (role) addRoleUse(out, source, role, (playVars?.size ?? 0) + taskVars.size, () => (playVars instanceof UnknownLayer ? playVars : new Map([...(playVars ?? new Map()), ...taskVars])));
      return;
    }
    default:
      return;
  }
}

const TRUE = /^(?:yes|true|on|1|y)$/i;

/**
 * A line edit's arguments (ansible-core lineinfile.py / replace.py / blockinfile.py, aliases
 * included); undefined when the file it edits is not a literal path.
 */
function lineEdit(module: LineEditModule, args: Map<string, MappedText>, scope: Scope, at: Range): Extract<AnsibleStep, { kind: 'line-edit' }> | undefined {
  const pathArg = args.get('path') ?? args.get('dest') ?? args.get('destfile') ?? args.get('name');
  const path = literal(pathArg, scope);
  if (!pathArg || path === undefined || path === '') return undefined;
  let unknown = false;
  const value = (...names: string[]): string | undefined => {
    for (const n of names) {
      const arg = args.get(n);
      if (!arg) continue;
      const text = literal(arg, scope);
      if (text === undefined) unknown = true;
      return text;
    }
    return undefined;
  };
  const state = value('state') === 'absent' ? 'absent' : 'present';
  const edit: LineEditArgs = {
    state,
    firstmatch: TRUE.test(value('firstmatch') ?? ''),
    backrefs: TRUE.test(value('backrefs') ?? ''),
    unknown: false,
  };
  const set = <K extends keyof LineEditArgs>(key: K, v: LineEditArgs[K] | undefined) => {
    if (v !== undefined) edit[key] = v;
  };
  set('regexp', module === 'blockinfile' ? undefined : value('regexp', 'regex'));
  if (module === 'lineinfile') set('line', value('line', 'value'));
  if (module === 'replace') edit.replace = value('replace') ?? '';
  if (module === 'blockinfile') edit.block = value('block', 'content') ?? '';
  if (module !== 'replace') {
    set('insertafter', value('insertafter'));
    set('insertbefore', value('insertbefore'));
  }
  // `replace` limited to a region (`after:`/`before:`) changes less than the pattern says: unknown.
  if (module === 'replace' && (args.has('after') || args.has('before'))) unknown = true;
  edit.unknown = unknown;
  return { kind: 'line-edit', module, path, pathAt: [pathArg.map[0], pathArg.map[pathArg.text.length]], args: edit, at };
}

function literal(arg: MappedText | undefined, scope: Scope): string | undefined {
  return arg === undefined ? undefined : renderString(arg.text, scope);
}
