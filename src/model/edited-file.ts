/**
 * The file a script's or play's line edit edits (`sed -i`, `cat >>`, `lineinfile`, …), as the
 * deployment holds it, and the text the edit sees there: a linted file at that path (or whose path
 * ends with it), a YAML file of no kind edgelint lints, or what the script itself wrote there before
 * the edit. Used by rule `script/yaml-line-edit`.
 */
import { appendTo, lastIndex } from '../core/arrays.js';
import { memoized } from '../core/memoized.js';
import type { SourceFile } from '../core/source.js';
import { overBudget } from '../parse/side-yaml.js';
import { parsesAsYaml } from '../script/yaml-edit-text.js';
import type { YamlLineEdit } from '../script/read-script.js';
import { basename, dirname, joinRelative } from './paths.js';
import type { Model } from './types.js';

/**
 * The linted copy of an edited file: the same path, or a linted file whose path ends with it. Else a
 * YAML file of the deployment of no kind edgelint lints (an old edge.yaml with no apiVersion), when
 * it parses as YAML: its text is what the edit edits, whatever reads it (issue #10).
 */
export function lintedCopy(repository: RepositoryYaml, target: string, scriptPath: string): SourceFile | undefined {
  const found = fileAt(repository, target, scriptPath);
  return found.linted ?? (found.unlinted && repository.parses(found.unlinted) ? found.unlinted : undefined);
}

/** The YAML file of no kind an edit of `target` from `scriptPath` edits when no linted file is there (lintedCopy's second choice, parsed or not). */
function unlintedAt(repository: RepositoryYaml, target: string, scriptPath: string): SourceFile | undefined {
  return fileAt(repository, target, scriptPath).unlinted;
}

/**
 * The file at an edited path: a linted one, else one of no kind. A relative path is the script's
 * folder's when the script runs from there, as installers kept beside their files do (`sed -i …
 * ../edge/cm.yaml` from standalone/, sweep20 FP-1): after the path itself, that file, then a file
 * whose path ends with it, `..` segments left out.
 */
function fileAt(repository: RepositoryYaml, target: string, scriptPath: string): { linted?: SourceFile; unlinted?: SourceFile } {
  const path = target.replace(/^\.\//, '');
  const beside = path.startsWith('/') ? undefined : joinRelative(dirname(scriptPath), path);
  const { yaml, unlinted } = repository.indexes();
  const linted = atPath(yaml, path, beside);
  return linted ? { linted } : { unlinted: atPath(unlinted, path, beside) };
}

/**
 * YAML files of no kind edgelint lints that line edits edit (the file at the edited path, or the
 * template copied there) and that are over the parser's budget (side-yaml.ts overBudget), each with
 * why and the first script or play editing it. lintedCopy and the rule read such a file as no YAML,
 * so its edits are judged without its text; the lint never reads it, so nothing else says so: the
 * engine names each in a notice (hostile15: a 4.9 MB config/app.yaml a script inserted into, appended
 * to and rewrote was "not checkable here" with no word why).
 */
export function unreadEditedFiles(model: Model): Map<SourceFile, { reason: string; editedBy: string }> {
  const repository = repositoryYaml(model);
  const reasons = memoized(overBudget);
  const out = new Map<SourceFile, { reason: string; editedBy: string }>();
  for (const { edit, template } of model.scriptEdits) {
    const scriptPath = edit.span.source.root.path;
    const file = template ? (template.kind === 'unknown' ? template : undefined) : edit.openDirectory ? undefined : unlintedAt(repository, edit.target.value, scriptPath);
    if (!file || out.has(file)) continue;
    const reason = reasons(file);
    if (reason !== undefined) out.set(file, { reason, editedBy: scriptPath });
  }
  return out;
}

/** Files by path and by base name, each list in the model's order. */
interface PathIndex {
  byPath: Map<string, SourceFile>;
  byBase: Map<string, SourceFile[]>;
}

function pathIndex(files: readonly SourceFile[]): PathIndex {
  const byPath = new Map<string, SourceFile>();
  const byBase = new Map<string, SourceFile[]>();
  for (const s of files) {
    if (!byPath.has(s.path)) byPath.set(s.path, s);
    appendTo(byBase, basename(s.path), s);
  }
  return { byPath, byBase };
}

/**
 * The model's YAML files and its YAML of no kind, as one rule run looks edited paths up: indexed on
 * the first lookup (a scan per edited path was 5.1 s for 5,000 edited paths and 5,000 written files,
 * hostile13), each file parsed once (many edited paths may end with one file's path).
 */
export interface RepositoryYaml {
  indexes(): { yaml: PathIndex; unlinted: PathIndex };
  parses(file: SourceFile): boolean;
}

export function repositoryYaml(model: Model): RepositoryYaml {
  let indexes: { yaml: PathIndex; unlinted: PathIndex } | undefined;
  return {
    indexes: () => (indexes ??= { yaml: pathIndex(model.sources.filter((s) => s.kind === 'yaml')), unlinted: pathIndex(model.unlintedYaml) }),
    parses: memoized((file: SourceFile) => parsesAsYaml(file.text)),
  };
}

/** The file at `path` or `beside`, else the first whose path ends with `path` (less its leading `../`) at a folder boundary. */
function atPath(files: PathIndex, path: string, beside: string | undefined): SourceFile | undefined {
  const suffix = `/${path.replace(/^(?:\.\.?\/|\/)+/, '')}`;
  // The path as written first: what the script itself wrote there (`cat > F`) has that path.
  return (
    files.byPath.get(path) ??
    (beside !== undefined ? files.byPath.get(beside) : undefined) ??
    files.byBase.get(basename(suffix))?.find((s) => s.path.endsWith(suffix) || `/${s.path}` === suffix)
  );
}

/**
 * The text the edit sees: for a file this script also writes, what was written before it (later
 * writes are part of the linted copy too, but not of the file sed reads).
 */
export function textBefore(copy: SourceFile, edit: YamlLineEdit): string {
  if (!copy.origin || copy.root !== edit.span.source.root) return copy.text;
  const at = edit.span.source.rootOffset(edit.span.start);
  // The copy's pieces are written in script order, so its offsets map to increasing script offsets:
  // the last offset written before the edit is found by bisection.
  if (copy.rootOffset(0) > at) return '';
  return copy.text.slice(0, lastIndex(copy.text.length + 1, (k) => copy.rootOffset(k) <= at));
}

/**
 * The whole text of the file an insert edits, when it is known: a linted copy, or a file this
 * script created (`cat > F`) before the edit. A file the script only appends to, or writes only
 * after the edit, had content the script does not show: unknown, so the insert is placed from the
 * consumer's known key layout instead (a later `cat >> F` must not hide where an earlier insert lands).
 */
export function knownTextBefore(copy: SourceFile | undefined, edit: YamlLineEdit, firstWriteAppends: boolean): string | undefined {
  if (!copy) return undefined;
  if (!copy.origin || copy.root !== edit.span.source.root) return copy.text;
  if (firstWriteAppends) return undefined;
  if (copy.rootOffset(0) > edit.span.source.rootOffset(edit.span.start)) return undefined;
  return textBefore(copy, edit);
}

/**
 * Did the script's first write to this virtual file append (so the file had content the script does
 * not show)? The first piece's body directly follows its command line; that command is an append.
 */
export function appendedFirst(appends: AppendsByTarget, copy: SourceFile, target: string): boolean {
  if (!copy.origin) return false;
  const root = copy.root;
  const bodyLine = root.positionAt(copy.rootOffset(0)).line;
  return (appends.get(`${root.path}\u0000${target}`) ?? []).some((edit) => edit.span.source.root === root && root.positionAt(edit.span.source.rootOffset(edit.span.end)).line + 1 === bodyLine);
}

/** The model's appends (`cat >>`, `tee -a`, …) by script path and target path. */
export type AppendsByTarget = ReadonlyMap<string, readonly YamlLineEdit[]>;

/**
 * The appends appendedFirst looks in, indexed once per rule run: asked once per edited path, a scan
 * of every edit of the model was quadratic (20,000 `tee -a` of 20,000 K3s config.yaml.d drop-ins
 * spent 2.4 s of a 7.2 s run in it, hostile14).
 */
export function appendsByTarget(model: Model): AppendsByTarget {
  const appends = new Map<string, YamlLineEdit[]>();
  for (const { edit } of model.scriptEdits) if (edit.tool === 'append') appendTo(appends, `${edit.span.source.root.path}\u0000${edit.target.value}`, edit);
  return appends;
}
