/**
 * The pipeline: discover → read → parse → model → rules → suppress → report. Every adapter (CLI,
 * Action, pre-commit, library) calls `lint()`; it never writes to the console and never exits.
 */
import { relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { compareFindings } from '../core/finding.js';
import type { Finding } from '../core/finding.js';
import { SourceFile, fileStartSpan, located, resolveSpan, span } from '../core/source.js';
import { ConfigError, findConfigFile, loadConfigFile, validateConfig } from '../config/config.js';
import type { EdgelintConfig, LoadedConfig } from '../config/config.js';
import { defaultKnowledge, knowledgeFor } from '../knowledge/index.js';
import { buildModel } from '../model/build.js';
import { parseImageRef } from '../model/image-ref.js';
import { DEFAULT_NODE_CLASSES } from '../model/placement.js';
import type { Model, NodeClass } from '../model/types.js';
import type { RuleModule } from '../rule-api.js';
import { builtinRules } from '../../rules/index.js';
import { classify } from './classify.js';
import { addToBundle, collect, emptyInputs } from './collect.js';
import type { CollectedInputs } from './collect.js';
import { discover } from './discover.js';
import { DEFAULT_MAX_FILE_SIZE, decodeBytes, readFileText } from './read.js';
import { resolveRules } from './resolve-rules.js';
import { runRules } from './run-rules.js';
import { applySuppressions } from './suppress.js';
import { capRepetition } from './cap.js';
import { pushAll } from '../core/arrays.js';

export interface LintFile {
  path: string;
  content: string | Uint8Array;
}

export interface LintOptions {
  /** Working directory: paths are resolved and reported relative to it. Default `process.cwd()`. */
  cwd?: string;
  /** Files, directories or globs. Default: the config's `include`, else the working directory. */
  paths?: string[];
  /** In-memory files (an editor buffer, stdin); linted without touching the disk. */
  files?: LintFile[];
  /** A config object, or the path of a config file. Default: `.edgelint.yaml` found from `cwd`. */
  config?: EdgelintConfig | string;
  /** Rules in addition to the built-in ones, written with `defineRule`. */
  rules?: RuleModule[];
  /** Report only findings in these files (paths as given or relative to `cwd`); all files still feed the model. */
  changed?: string[];
  /** Override of the config's `maxFileSize`. */
  maxFileSize?: number;
}

export interface LintResult {
  findings: Finding[];
  /** Things the user should know that are not findings (a named file of no known kind). */
  notices: string[];
  /** Internal errors (a rule that failed); the CLI exits 2 when there are any. */
  errors: string[];
  /** The text of every linted file by reported path, for code frames and fixes. */
  sources: Map<string, string>;
  /** The rules that ran. */
  rules: RuleModule[];
  model: Model;
}

export async function lint(options: LintOptions = {}): Promise<LintResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const loaded = await resolveConfig(options.config, cwd);
  const config = loaded.config;
  const allRules = [...builtinRules, ...(options.rules ?? [])];
  const resolvedRules = await resolveRules(allRules, loaded);
  const maxFileSize = options.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const notices: string[] = [];
  const inputs = emptyInputs();
  const baseDir = loaded.baseDir ?? cwd;
  // Paths in a config file are relative to the file; findings report paths relative to cwd.
  const fromConfig = (path: string) => normalisePath(relative(cwd, resolve(baseDir, path)));
  const imageLists = new Set((config.offlineImages ?? []).flatMap((e) => (typeof e === 'object' ? [fromConfig(e.file)] : [])));

  const readOne = async (path: string, result: ReturnType<typeof readFileText>, explicit: boolean) => {
    if (!result.ok) {
      const source = new SourceFile(path, result.text, 'unknown');
      inputs.sources.push(source);
      inputs.parseProblems.push({ message: result.message, span: span(source, result.offset, result.offset) });
      return;
    }
    const kind = classify(path, result.text, imageLists);
    if (kind === 'unknown' || kind === 'helm-template') {
      if (explicit) notices.push(kind === 'helm-template' ? `${path}: an unrendered Helm template; lint the output of \`helm template\` instead` : `${path}: not a file edgelint knows how to read (skipped)`);
      return;
    }
    await collect(new SourceFile(path, result.text, kind), inputs);
  };

  if (options.files) {
    for (const file of options.files) {
      const result = typeof file.content === 'string' ? ({ ok: true, text: file.content } as const) : decodeBytes(file.content);
      await readOne(normalisePath(file.path), result, true);
    }
  }
  if (!options.files || options.paths) {
    const paths = options.paths?.length ? options.paths : config.include?.length ? config.include : ['.'];
    const discovered = await discover(paths, cwd, { exclude: config.exclude ?? [], alsoInclude: [...imageLists] });
    pushAll(notices, discovered.notices);
    const already = new Set(inputs.sources.map((s) => s.path));
    for (const file of discovered.files) {
      if (already.has(file.path)) continue;
      await readOne(file.path, readFileText(file.absolute, maxFileSize), file.explicit);
    }
  }

  addConfiguredBundle(config, loaded, inputs);
  const model = buildModel(inputs, {
    nodeClasses: nodeClassesFrom(config),
    classOfHostFile: hostClassifier(config, (path) => normalisePath(relative(baseDir, resolve(cwd, path)))),
    settings: {
      // Unset stays unset: each consumer picks its own default (the newest schema, or an edgecore file's edgecoreVersion).
      kubeedgeVersion: config.kubeedgeVersion,
      baselineImages: (config.baselineImages ?? []).map((image, i) => located(image, loaded.locate(['baselineImages', i]) ?? configSpan(loaded))),
    },
    knowledge: defaultKnowledge(),
  });

  // Script line edits of edgecore.yaml are checked against the schema even when no edgecore.yaml is linted.
  const run = runRules(model, resolvedRules, await knowledgeFor(inputs.edgecore.length > 0 || inputs.scriptEdits.length > 0));
  nameTemplates(run.findings, model);
  const sources = new Map<string, string>();
  for (const source of inputs.sources) sources.set(source.root.path, source.root.text);
  if (loaded.source) sources.set(loaded.source.path, loaded.source.text);
  let findings = applySuppressions(run.findings, model, sources, new Map(resolvedRules.map((r) => [r.rule.id, r.severity])), new Set(allRules.map((r) => r.id)));
  if (options.changed) {
    // pre-commit passes repository-relative paths, editors and scripts often absolute or `./` ones:
    // each must match the reported path, which is cwd-relative for files read from disk and as given
    // for in-memory files.
    const changed = new Set(options.changed.flatMap((p) => [normalisePath(p), normalisePath(relative(cwd, resolve(cwd, p)))]));
    findings = findings.filter((f) => changed.has(f.file));
  }
  findings.sort(compareFindings);
  return { findings: capRepetition(dedupe(findings)), notices, errors: run.errors, sources, rules: resolvedRules.map((r) => r.rule), model };
}

/**
 * Every finding inside an object of `helm template` output names its template, whichever rule
 * reported it: the object that contains the finding's position says which template it came from.
 */
function nameTemplates(findings: Finding[], model: Model): void {
  const pending = findings.filter((f) => !f.helmSource);
  if (pending.length === 0) return;
  const files = new Set(pending.map((f) => f.file));
  // Objects of one file are read in order, so their line ranges are sorted: a binary search finds
  // the object holding a line (100,000-object streams with many findings stay linear).
  const byFile = new Map<string, Array<{ from: number; to: number; helmSource: string }>>();
  for (const object of model.objects) {
    if (!object.helmSource || !files.has(object.source.root.path)) continue;
    const at = resolveSpan(object.span);
    const list = byFile.get(at.file) ?? [];
    list.push({ from: at.line, to: at.endLine, helmSource: object.helmSource });
    byFile.set(at.file, list);
  }
  for (const finding of pending) {
    const list = byFile.get(finding.file);
    if (!list) continue;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (list[mid].from <= finding.line) lo = mid;
      else hi = mid - 1;
    }
    const candidate = list[lo];
    if (candidate && candidate.from <= finding.line && finding.line <= candidate.to) finding.helmSource = candidate.helmSource;
  }
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.file}\0${f.line}\0${f.column}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function normalisePath(path: string): string {
  return path.split('\\').join('/').replace(/^\.\//, '');
}

function configSpan(loaded: LoadedConfig) {
  const source = loaded.source ?? new SourceFile('.edgelint.yaml', '', 'yaml');
  return fileStartSpan(source);
}

async function resolveConfig(config: LintOptions['config'], cwd: string): Promise<LoadedConfig> {
  if (config && typeof config === 'object') {
    await validateConfig(config, 'config');
    return { config, locate: () => undefined };
  }
  const file = typeof config === 'string' ? resolve(cwd, config) : findConfigFile(cwd);
  if (!file) return { config: {}, locate: () => undefined };
  return loadConfigFile(file, cwd);
}

/** `offlineImages` entries that name images directly (list files are read as `image-list` sources). */
function addConfiguredBundle(config: EdgelintConfig, loaded: LoadedConfig, inputs: CollectedInputs): void {
  (config.offlineImages ?? []).forEach((entry, i) => {
    if (typeof entry !== 'string') {
      inputs.bundle ??= [];
      return;
    }
    const ref = parseImageRef(entry);
    const at = loaded.locate(['offlineImages', i]) ?? configSpan(loaded);
    if (!ref) throw new ConfigError(`${loaded.source?.path ?? 'config'}: offlineImages.${i}: not an image reference: ${JSON.stringify(entry)}`);
    addToBundle(inputs, { ref, span: at, origin: 'bundle', owner: 'offline bundle (offlineImages)' });
  });
}

function nodeClassesFrom(config: EdgelintConfig): NodeClass[] {
  const classes = new Map(DEFAULT_NODE_CLASSES.map((c) => [c.name, c]));
  for (const [name, given] of Object.entries(config.nodeClasses ?? {})) {
    const base = classes.get(name) ?? { name, labels: {}, anyValueLabels: [], openLabels: false, absentLabels: [], taints: [] };
    classes.set(name, { ...base, ...given, name } as NodeClass);
  }
  return [...classes.values()];
}

function hostClassifier(config: EdgelintConfig, toConfigRelative: (path: string) => string): (path: string) => string {
  const matchers = (config.hosts ?? []).map((h) => ({ match: picomatch(h.files, { dot: true }), cls: h.class }));
  return (path) => {
    const relativePath = toConfigRelative(path);
    return matchers.find((m) => m.match(relativePath) || m.match(path))?.cls ?? 'edge';
  };
}
