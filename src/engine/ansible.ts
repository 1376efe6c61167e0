/**
 * Ansible playbooks and roles as node-side installers (sweep16: many real installers are Ansible):
 * each task list becomes one ScriptReading — its `shell:`/`command:` bodies read by the shell-script
 * reader, `copy: content:` as files written, edgecore/cloudcore services started as the host's side,
 * image archives loaded as the offline bundle — collected exactly as a shell script's reading is
 * (collect.ts collectReading), so every node rule reads Ansible without knowing it. A `template:` or
 * `copy: src=` places a file of the tree at a host path: that file, rendered with the variables the
 * task sees, is linted as the file the node reads, its findings on the tree file's lines.
 *
 * Run once every file is read: a role's tasks need its defaults, its templates and the plays that
 * apply it, wherever they are in the walk.
 */
import { SourceFile, fileStartSpan, filledAtRunTime, located, span } from '../core/source.js';
import type { Span } from '../core/source.js';
import { basename, dirname, joinRelative } from '../model/paths.js';
import { Scope, UnknownLayer, identity, render, renderBudget } from '../ansible/jinja.js';
import type { Rendered, VarLayer } from '../ansible/jinja.js';
import { ansibleKindByPath, isGroupVarsAll, isInventoryVars, parseAnsible, rolePathOf, varsOf } from '../ansible/playbook.js';
import type { AnsibleFileKind, ParsedAnsible, RolePath } from '../ansible/playbook.js';
import { includeVarsTasks, runtimeNames } from '../ansible/runtime-vars.js';
import { agreeAll, includedVars, readTasks } from '../ansible/tasks.js';
import type { ReadSpent } from '../ansible/tasks.js';
import type { AnsibleStep } from '../ansible/tasks.js';
import type { ParseProblem } from '../core/problem.js';
import { MappedBuilder, toParent } from '../ansible/text-map.js';
import { appendTo, firstIndex, mergeRanges, pushAll } from '../core/arrays.js';
import type { ScriptReading } from '../script/read-script.js';
import { emptyReading } from '../script/reading.js';
import { classify } from './classify.js';
import type { Classification } from './classify.js';
import { YAML_NAME, collect, collectReading } from './collect.js';
import type { CollectedInputs } from './collect.js';
import { collectTentativeYaml } from './tentative-yaml.js';
import { isK3sConfigPath } from './k3s-config.js';
import { placedRuntime, readLineEdit } from './ansible-edits.js';
import { lineEditBudget } from '../ansible/line-edit.js';
import type { RegexBudget } from '../script/regex-budget.js';
import type { LineEditStep } from './ansible-edits.js';
import { VarsFileIndex, includedEverywhere, inventoryLayer } from './ansible-vars.js';
import type { HostSide } from './host-class.js';

export interface AnsibleCandidate {
  path: string;
  text: string;
  hint: AnsibleFileKind | 'maybe';
}

/** Files a `copy:`/`template:` may name: those under a `templates/` or `files/` directory. */
const PLACEABLE = /(?:^|\/)(?:templates|files)\//;
/** A role's own defaults or vars: `main.yml`, or the files of a `main/` directory. */
const ROLE_MAIN = /^(?:defaults|vars)\/main(?:\.ya?ml|\/[^/]+\.ya?ml)$/i;
/** Text kept for them per deployment: enough for any real project, bounded for a hostile one. */
const MAX_TREE_CHARS = 64 * 1024 * 1024;
/** Text placed per deployment, a file placed twice counted twice. */
const MAX_PLACED_CHARS = 8 * 1024 * 1024;

/**
 * Notes a file read by the walk (lint.ts): an Ansible file candidate (a YAML file of no other kind),
 * or a file a role's `copy:`/`template:` may place (whatever its own kind).
 */
export function noteAnsibleFile(path: string, text: string, kind: Classification, inputs: CollectedInputs): boolean {
  let noted = false;
  if (PLACEABLE.test(path)) {
    const tree: NonNullable<CollectedInputs['ansibleTree']> = (inputs.ansibleTree ??= { files: new Map(), chars: 0 });
    if (tree.chars + text.length <= MAX_TREE_CHARS) {
      tree.files.set(path, text);
      tree.chars += text.length;
      noted = true;
    } else {
      tree.dropped = (tree.dropped ?? 0) + 1;
      tree.firstDropped ??= path;
    }
  }
  if (kind !== 'unknown' || !YAML_NAME.test(path)) return noted;
  const hint = ansibleKindByPath(path, text);
  if (hint) (inputs.ansibleFiles ??= []).push({ path, text, hint });
  return noted || hint !== undefined;
}

/** `roles/<r>/templates/…` is an Ansible role's, not a Helm chart's (lint.ts's notice of skipped charts). */
export function isRoleTemplate(path: string): boolean {
  return /(?:^|\/)roles\/[^/]+\/templates\//.test(path);
}

interface ReadFile {
  source: SourceFile;
  parsed: ParsedAnsible;
  role?: RolePath;
}

interface TaskFileReading {
  source: SourceFile;
  steps: AnsibleStep[];
  role?: RolePath;
  /** The play's directory: a playbook's own, or the one holding a role's `roles/`. */
  playDir: string;
}

/**
 * Reads the deployment's Ansible files into `inputs`; says which files it read (the Ansible files,
 * and the tree files their tasks place): those are not "of no kind edgelint reads" (lint.ts).
 */
export async function resolveAnsible(inputs: CollectedInputs): Promise<{ read: Set<string>; notices: string[] }> {
  const read = new Set<string>();
  const notices: string[] = [];
  const candidates = inputs.ansibleFiles;
  if (!candidates || candidates.length === 0) return { read, notices };
  const files: ReadFile[] = [];
  for (const c of candidates) {
    const source = new SourceFile(c.path, c.text, 'unknown');
    const problems: ParseProblem[] = [];
    const parsed = guarded(inputs, source, () => parseAnsible(source, c.hint, problems));
    if (parsed) files.push({ source, parsed, role: rolePathOf(c.path) });
    else if (problems.length > 0) {
      // A role's task file or a vars file that does not parse: reported as any YAML file is, not skipped in silence.
      pushAll(inputs.parseProblems, problems);
      inputs.sources.push(source);
      read.add(source.path);
    }
  }
  if (!files.some((f) => f.parsed.kind !== 'vars')) return { read, notices };
  for (const f of files) read.add(f.source.path);
  const runtime = new Set<string>();
  for (const f of files) if (f.parsed.kind !== 'vars') runtimeNames(f.parsed, runtime);
  const inventory = files.filter((f) => f.parsed.kind === 'vars' && !f.role && isInventoryVars(f.source.path));
  const groupAll = agree(inventory.filter((f) => isGroupVarsAll(f.source.path)).map((f) => varsOf(f.parsed.root)));
  const groupOrHost = inventoryLayer(groupAll, inventory.filter((f) => !isGroupVarsAll(f.source.path)).map((f) => varsOf(f.parsed.root)));
  // Ansible loads a role's defaults/main and vars/main (a file, or a directory of files) by itself;
  // its other vars files only through include_vars.
  const roleLayer = (dir: string, part: 'defaults' | 'vars') =>
    agree(files.filter((f) => f.role?.dir === dir && f.role.part === part && ROLE_MAIN.test(f.source.path.slice(dir.length + 1))).map((f) => varsOf(f.parsed.root)));
  const varsFiles = new VarsFileIndex(inputs);
  const filesFor = (f: ReadFile) => varsFiles.forReading(f.source.path, f.role, f.role ? dirname(dirname(f.role.dir)) : dirname(f.source.path));
  const included: VarLayer[] = [];
  for (const f of files) {
    if (f.parsed.kind === 'vars') continue;
    const view = filesFor(f);
    for (const task of includeVarsTasks(f.parsed)) included.push(includedVars(f.source, task.value, task.args, view));
  }
  const contested = includedEverywhere(included);
  // One budget for the deployment's rendering (jinja.ts): every scope below is made from these.
  const budget = renderBudget();
  const base = new Scope([groupAll, groupOrHost], runtime, budget, contested);

  const readings: TaskFileReading[] = [];
  const uses = new Map<string, Array<Map<string, string | undefined>>>();
  const spent: ReadSpent = { chars: 0, useVars: 0 };
  for (const f of files) {
    if (f.parsed.kind === 'vars' || f.role) continue;
    const read = guarded(inputs, f.source, () => readTasks(f.source, f.parsed, base, spent, filesFor(f)));
    if (!read) continue;
    readings.push({ source: f.source, steps: read.steps, playDir: dirname(f.source.path) });
    for (const use of read.roles) appendTo(uses, use.name, use.vars);
  }
  for (const f of files) {
    if (f.parsed.kind !== 'tasks' || !f.role) continue;
    const scope = new Scope([roleLayer(f.role.dir, 'defaults'), groupAll, groupOrHost, agree(uses.get(f.role.name) ?? []), roleLayer(f.role.dir, 'vars')], runtime, budget, contested);
    const read = guarded(inputs, f.source, () => readTasks(f.source, f.parsed, scope, spent, filesFor(f)));
    if (!read) continue;
    readings.push({ source: f.source, steps: read.steps, role: f.role, playDir: dirname(dirname(f.role.dir)) });
  }

  for (const path of varsFiles.read) read.add(path);
  const varsCut = varsFiles.notice();
  const scriptReadings = new Map<TaskFileReading, ScriptReading>();
  // What the line edits' patterns search, in all (line-edit.ts): each searches the whole text it edits.
  const searched = lineEditBudget();
  let searchCut: string | undefined;
  for (const r of readings) {
    scriptReadings.set(r, (await guardedAsync(inputs, r.source, () => readSteps(r.source, r.steps, searched))) ?? emptyReading());
    if (searched.spent) searchCut ??= r.source.path;
  }
  // A role is one host's: the side its keadm join (or cloudcore) says holds for all its task files.
  const roleSides = new Map<string, HostSide>();
  for (const [r, reading] of scriptReadings) {
    const side = sideOf(reading);
    if (r.role && side && roleSides.get(r.role.dir) !== 'edge') roleSides.set(r.role.dir, side);
  }
  const tree = treeLookup(inputs, searched);
  // The line edits of each host path, wherever they are: a role's template in one task file is often
  // edited by a `lineinfile:` in another.
  const edits = new Map<string, Array<{ reading: TaskFileReading; index: number; step: LineEditStep }>>();
  for (const r of readings) {
    r.steps.forEach((step, index) => {
      if (step.kind === 'line-edit') appendTo(edits, step.path, { reading: r, index, step });
    });
  }
  const placedFiles = new Map<string, SourceFile>();
  for (const r of readings) {
    const reading = scriptReadings.get(r)!;
    const side = sideOf(reading) ?? (r.role ? roleSides.get(r.role.dir) : undefined);
    // Each placement with its index among the steps (one pass: an indexOf per placement is quadratic).
    const placements: Array<{ place: Extract<AnsibleStep, { kind: 'place' }>; at: number }> = [];
    r.steps.forEach((s, at) => {
      if (s.kind === 'place' && s.src !== undefined) placements.push({ place: s, at });
    });
    // Read like a script: linted whether or not it does anything the model holds.
    inputs.sources.push(r.source);
    if (side) inputs.scriptSides.set(r.source.path, side);
    await guardedAsync(inputs, r.source, () => withoutRuntimeProblems(inputs, () => collectReading(r.source, reading, inputs)));
    for (const { place, at } of placements) {
      const after = (edits.get(place.dest) ?? []).filter((e) => e.reading !== r || e.index > at).map((e) => e.step);
      const placed = await guardedAsync(inputs, r.source, () => placeTreeFile(r, place, tree, side, inputs, after));
      if (searched.spent) searchCut ??= r.source.path;
      if (placed?.path) read.add(placed.path);
      if (placed?.file) placedFiles.set(place.dest, placed.file);
    }
  }
  // A line edit of a placed file edits the text placed there, as a script's `sed -i` of a file it copied
  // into place edits the copy (collect.ts resolveCopies): script/yaml-line-edit reads that text.
  const tasks = new Set(readings.map((r) => r.source));
  for (const entry of inputs.scriptEdits) if (!entry.template && tasks.has(entry.script)) entry.template = placedFiles.get(entry.edit.target.value);
  // Each budget that cut the reading short says so (SPEC §7 bounds the work; silence would read as
  // a clean bill for what was skipped).
  for (const said of spent.cut?.values() ?? []) notices.push(said);
  if (varsCut) notices.push(varsCut);
  if (searchCut) notices.push(`${searchCut}: the deployment's lineinfile and replace tasks searched more text than edgelint matches per deployment; this and later line edits are read as rewriting whatever they may select`);
  const dropped = inputs.ansibleTree?.dropped;
  if (dropped) notices.push(`${inputs.ansibleTree!.firstDropped}: ${dropped === 1 ? 'this file' : `this and ${dropped - 1} more files`} under templates/ or files/ past the ${MAX_TREE_CHARS / 1024 / 1024} MB edgelint keeps per deployment; what Ansible tasks place from ${dropped === 1 ? 'it' : 'them'} was not linted`);
  if (tree.placed.cutAt) notices.push(`${tree.placed.cutAt}: more than ${MAX_PLACED_CHARS / 1024 / 1024} MB of files placed by the deployment's Ansible tasks; this and later placements were not linted`);
  return { read, notices };
}

/**
 * `read()`, or undefined with a problem at the file's start when it fails: a reader bug must not end
 * the run (collect.ts does the same for each file it reads).
 */
function guarded<T>(inputs: CollectedInputs, source: SourceFile, read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    inputs.parseProblems.push({ message: `internal error while reading this file: ${(error as Error)?.message ?? String(error)}`, span: fileStartSpan(source) });
    if (!inputs.sources.includes(source)) inputs.sources.push(source);
    return undefined;
  }
}

async function guardedAsync<T>(inputs: CollectedInputs, source: SourceFile, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    return guarded(inputs, source, () => {
      throw error;
    });
  }
}

/** Each name one value: a name the layers give different values is decided by which applies, so unknown. */
function agree(layers: ReadonlyArray<ReadonlyMap<string, string | undefined>>): VarLayer {
  // A use whose variables were not recorded may set any of them.
  const unknown = layers.find((layer) => layer instanceof UnknownLayer);
  if (unknown) return unknown;
  // A play that applies the role without the name leaves the role's default in force there: agreeAll
  // takes a name not every layer gives as unknown.
  return agreeAll(layers);
}

function sideOf(reading: ScriptReading): HostSide | undefined {
  return reading.edgeSide.length > 0 ? 'edge' : reading.controlPlane.length > 0 ? 'cloud' : undefined;
}


/** A task list's steps as one script reading, in file order, every span in `source`. */
async function readSteps(source: SourceFile, steps: AnsibleStep[], searched: RegexBudget): Promise<ScriptReading> {
  const { readShellScript } = await import('../script/read-script.js');
  const reading = emptyReading();
  for (const step of steps) {
    const at = (range: readonly [number, number]): Span => span(source, range[0], range[1]);
    if (step.kind === 'shell' || step.kind === 'url') {
      let body = step.kind === 'shell' ? step.body : step.url;
      if (step.kind === 'url') {
        // A URL fetched is read as `wget URL`: the release it names, as in a script.
        const builder = new MappedBuilder();
        builder.literal('wget ', step.url.mapped.map[0]);
        builder.copy(step.url.mapped, 0, step.url.mapped.text.length);
        const shift = 'wget '.length;
        body = { mapped: builder.done(), unknown: step.url.unknown.map(([a, b]) => [a + shift, b + shift]) };
      }
      await readBody(source, body, reading, readShellScript);
    } else if (step.kind === 'place' && step.content) {
      const content = step.content;
      reading.writes.push({
        path: step.dest,
        mode: 'create',
        text: content.mapped.text,
        toScriptOffset: (offset) => toParent(content.mapped, offset),
        quoted: true,
        expansions: content.unknown,
        span: at(step.at),
      });
    } else if (step.kind === 'line-edit') {
      readLineEdit(source, step, reading, searched);
    } else if (step.kind === 'service') {
      const unit = step.name.replace(/\.service$/, '');
      if (unit === 'edgecore') reading.edgeSide.push(at(step.at));
      else if (unit === 'cloudcore') reading.controlPlane.push(at(step.at));
    } else if (step.kind === 'image-load') {
      if (!step.path) reading.openImports.push(at(step.at));
      else {
        reading.imports.push({
          tarball: located(step.path.value, at(step.path.at)),
          runtime: 'docker',
          span: at(step.at),
          ...(step.images ? { saved: step.images.map((image) => located(image.value, at(image.at))) } : {}),
        });
      }
    }
  }
  return reading;
}

/**
 * A command body read as a script (a virtual file mapped into the task list, its unknown Jinja
 * marked filled at run time) and merged into `into`; a body the shell parser rejects adds nothing,
 * as a `bash -c` string does (read-script.ts).
 */
async function readBody(source: SourceFile, body: Rendered, into: ScriptReading, readShellScript: (s: SourceFile) => Promise<ScriptReading>): Promise<void> {
  const mapped = body.mapped;
  const virtual = new SourceFile(`${source.path}#task`, mapped.text, 'shell', {
    parent: source,
    toParentOffset: (offset) => toParent(mapped, offset),
    ...(body.unknown.length > 0 ? { runtime: body.unknown } : {}),
  });
  const inner = await readShellScript(virtual);
  if (inner.problems.length > 0) return;
  const unknownAt = (offset: number) => {
    const i = firstIndex(body.unknown.length, (k) => body.unknown[k][1] > offset);
    return i < body.unknown.length && body.unknown[i][0] <= offset;
  };
  for (const write of inner.writes) {
    // Files written from the body map into the task list; Jinja the run fills in inside a quoted
    // heredoc is still filled in at run time (Ansible renders it before the shell sees the body).
    const expansions: Array<[number, number]> = write.expansions.map(([a, b]) => [a, b]);
    if (body.unknown.length > 0) {
      let open = -1;
      for (let i = 0; i <= write.text.length; i++) {
        const inside = i < write.text.length && unknownAt(write.toScriptOffset(i));
        if (inside && open === -1) open = i;
        else if (!inside && open !== -1) {
          expansions.push([open, i]);
          open = -1;
        }
      }
      expansions.sort((a, b) => a[0] - b[0]);
    }
    into.writes.push({ ...write, expansions, toScriptOffset: (offset) => toParent(mapped, write.toScriptOffset(offset)) });
  }
  // Everything else the body states, whatever the reading holds (a field added to ScriptReading is
  // carried without a change here); `problems` and `staysRunning` are the body's own, not the task list's.
  for (const key of Object.keys(inner) as Array<keyof ScriptReading>) {
    if (key === 'writes' || key === 'problems' || key === 'staysRunning') continue;
    const from = inner[key];
    const to = into[key];
    if (Array.isArray(from) && Array.isArray(to)) for (const item of from as unknown[]) (to as unknown[]).push(item);
  }
}


/** Texts of the tree's files by path: those kept for placing and those already read. */
function treeLookup(inputs: CollectedInputs, searched: RegexBudget): { text(path: string): string | undefined; source(path: string): SourceFile | undefined; read: Set<SourceFile>; placed: { chars: number; cutAt?: string }; searched: RegexBudget } {
  const sources = new Map<string, SourceFile>();
  for (const s of inputs.unlintedYaml) if (!s.origin) sources.set(s.path, s);
  for (const s of inputs.sources) if (!s.origin) sources.set(s.path, s);
  const files = inputs.ansibleTree?.files;
  return { text: (path) => files?.get(path) ?? sources.get(path)?.text, source: (path) => sources.get(path), read: new Set(inputs.sources), placed: { chars: 0 }, searched };
}

/**
 * The tree file a task's `src:` names, searched as Ansible searches a relative path on the controller
 * (playbook guide, "Search paths in Ansible"; DataLoader.path_dwim_relative_stack): the task's role
 * (its `templates/`|`files/`, the role itself, its `tasks/`), the task file's directory, then the
 * play's directory — each first in the subdirectory for the module, then as given.
 */
function findTreeFile(r: TaskFileReading, module: 'copy' | 'template', src: string, tree: ReturnType<typeof treeLookup>): string | undefined {
  if (src.startsWith('/') || src.includes('{{')) return undefined;
  const sub = module === 'template' ? 'templates' : 'files';
  const dirs = [...(r.role ? [r.role.dir, `${r.role.dir}/tasks`] : []), dirname(r.source.path), r.playDir];
  for (const dir of dirs) {
    // Paths are relative to the working directory, so a tree linted as `..` starts with `..`: a src
    // may not climb above the directory it is searched from, as `../../x` from `../roles/r` would.
    for (const path of [joinRelative(dir, `${sub}/${src}`), joinRelative(dir, src)]) if (climbs(path) <= climbs(dir) && tree.text(path) !== undefined) return path;
  }
  return undefined;
}

/** The `..` a relative path starts with. */
function climbs(path: string): number {
  let count = 0;
  while (path.startsWith('../', count * 3) || path.slice(count * 3) === '..') count++;
  return count;
}

/**
 * Lints the tree file a task places as the file at its destination: its path when it did, and the
 * file that stands for the destination's text (the rendered file, or the tree file linted already).
 */
async function placeTreeFile(r: TaskFileReading, place: Extract<AnsibleStep, { kind: 'place' }>, tree: ReturnType<typeof treeLookup>, side: HostSide | undefined, inputs: CollectedInputs, edits: readonly LineEditStep[]): Promise<{ path?: string; file?: SourceFile } | undefined> {
  const path = findTreeFile(r, place.module, place.src!, tree);
  if (path === undefined) return undefined;
  const existing = tree.source(path);
  // A file linted as what it is already (a mosquitto.conf under files/) is read once; what the line
  // edits of its destination rewrite in it is decided by the run.
  if (existing && existing.kind !== 'unknown' && tree.read.has(existing)) {
    if (edits.length > 0) existing.runtime = mergeRanges([...(existing.runtime ?? []), ...placedRuntime(existing.text, edits, tree.searched)]);
    return { file: existing };
  }
  const text = tree.text(path)!;
  // Each placement is linted as a file of its own, so a deployment places at most MAX_PLACED_CHARS
  // (hostile12: a 100 KB template placed by a 100-item loop in ten tasks ran a 256 MB heap out).
  if ((tree.placed.chars += text.length) > MAX_PLACED_CHARS) {
    tree.placed.cutAt ??= r.source.path;
    return undefined;
  }
  const rendered = place.module === 'template' ? render(identity(text), place.scope) : { mapped: identity(text), unknown: [] as Array<[number, number]> };
  const dest = place.dest.endsWith('/') ? `${place.dest}${basename(path)}` : place.dest;
  let kind = classify(dest, rendered.mapped.text);
  // K3s's configuration is no file edgelint lints, but what it turns off and the labels it sets are read (k3s-config.ts).
  const k3sConfig = kind === 'unknown' && isK3sConfigPath(dest);
  if ((kind === 'unknown' && !k3sConfig) || kind === 'helm-template' || kind === 'image-list') return undefined;
  const parent = existing ?? new SourceFile(path, text, 'unknown');
  if (!tree.read.has(parent)) {
    tree.read.add(parent);
    inputs.sources.push(parent);
  }
  if (side) inputs.scriptSides.set(parent.path, side);
  // What the deployment's line edits of the destination rewrite is decided by the run, as an unknown expression is.
  const runtime = edits.length > 0 ? mergeRanges([...rendered.unknown, ...placedRuntime(rendered.mapped.text, edits, tree.searched)]) : rendered.unknown;
  const placedBy = { at: span(r.source, place.at[0], place.at[1]), message: `the ${place.module} task that places ${basename(path)} at ${dest}` };
  const origin = { parent, toParentOffset: (offset: number) => toParent(rendered.mapped, offset), ...(runtime.length > 0 ? { runtime } : {}), placedBy };
  // A YAML file whose placeholders the run fills in is read only when it still parses (tentative-yaml.ts).
  if (kind === 'yaml' && rendered.unknown.length > 0) kind = 'tentative-yaml';
  if (k3sConfig) {
    const file = new SourceFile(dest, rendered.mapped.text, 'unknown', origin);
    inputs.unlintedYaml.push(file);
    return { path, file };
  }
  const file = new SourceFile(dest, rendered.mapped.text, kind === 'tentative-yaml' ? 'yaml' : (kind as Exclude<Classification, 'helm-template' | 'tentative-yaml'>), origin);
  await withoutRuntimeProblems(inputs, async () => {
    if (kind === 'tentative-yaml') collectTentativeYaml(file, inputs);
    else await collect(file, inputs);
  });
  return { path, file };
}

/** Runs `read`, then drops the problems it added on text the run fills in: an unknown value is never reported. */
async function withoutRuntimeProblems(inputs: CollectedInputs, read: () => Promise<void> | void): Promise<void> {
  const before = inputs.parseProblems.length;
  await read();
  const added = inputs.parseProblems.splice(before);
  for (const problem of added) if (!filledAtRunTime(problem.span)) inputs.parseProblems.push(problem);
}
