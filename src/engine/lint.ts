/**
 * The pipeline: discover → deployments → (per deployment) read → parse → model → rules → suppress →
 * report. Every adapter (CLI, Action, pre-commit, library) calls `lint()`; it never writes to the
 * console and never exits. Each deployment (deployments.ts) is linted alone, so cross-file rules
 * never combine files of two deployments, and its findings say which one they belong to.
 */
import { relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import { lastIndex, pushAll } from '../core/arrays.js';
import { memoized } from '../core/memoized.js';
import { compareFindings } from '../core/finding.js';
import type { Finding } from '../core/finding.js';
import { printablePath, toPosixPath } from '../core/fs-safe.js';
import { SourceFile, fileStartSpan, located, resolveSpan, span } from '../core/source.js';
import { ConfigError } from '../config/config.js';
import type { EdgelintConfig, LoadedConfig } from '../config/config.js';
import { defaultKnowledge } from '../knowledge/index.js';
import { knowledgeFor } from './knowledge.js';
import { buildModel } from '../model/build.js';
import { unreadEditedFiles } from '../model/edited-file.js';
import { BITBAKE_RECIPE_NAME, bitbakeRecipeRelease, DOCKERFILE_NAME, dockerfileReleases } from '../model/tooling-release.js';
import { finalBase, readDockerfile } from '../model/dockerfile-copy.js';
import { KUBEBUILDER_PROJECT_NAME, kubebuilderCrds } from '../model/kubebuilder-project.js';
import { parseImageRef } from '../model/image-ref.js';
import { DEFAULT_NODE_CLASSES } from '../model/placement.js';
import type { Model, NodeClass } from '../model/types.js';
import type { RuleModule } from '../rule-api.js';
import { builtinRules } from '../../rules/index.js';
import { TEMPLATE_MARK, classify, isForeignByName } from './classify.js';
import { breaksOnlyAtPlaceholders, collectTentativeYaml } from './tentative-yaml.js';
import { UNIT_ENV_FILE, YAML_NAME, addToBundle, collect, emptyInputs, resolveCopies, resolveEdgedMqtt, resolveK3sServers, resolveKeadmInits } from './collect.js';
import { defaultHostSide } from './host-class.js';
import { isRoleTemplate, noteAnsibleFile, resolveAnsible } from './ansible.js';
import type { HostSide } from './host-class.js';
import type { CollectedInputs } from './collect.js';
import { normalisePath, resolveDeployments } from './deployments.js';
import type { Deployment } from './deployments.js';
import { conflictingReleases, dependsOnKubeEdgeVersion, kubeedgeVersionInUse, olderReleaseNotices } from './kubeedge-version.js';
import type { KubeEdgeVersionInUse } from './kubeedge-version.js';
import { DEFAULT_MAX_FILE_SIZE, decodeBytes, readFileText } from './read.js';
import { resolveRules } from './resolve-rules.js';
import { runRules } from './run-rules.js';
import type { ResolvedRule } from './run-rules.js';
import { Suppressor } from './suppress.js';
import { releaseHeapGrowth } from '../core/v8-flags.js';

/** The notice for a file named explicitly that is of no kind edgelint reads (the CLI tells it apart from the notices that say more). */
export const UNKNOWN_KIND_NOTICE = 'not a file edgelint knows how to read (skipped)';

export interface LintFile {
  path: string;
  content: string | Uint8Array;
}

export interface LintOptions {
  /** Working directory: paths are resolved and reported relative to it. Default `process.cwd()`. */
  cwd?: string;
  /** Files, directories or globs. Default: the working directory. */
  paths?: string[];
  /**
   * In-memory files (an editor buffer, stdin); their content is never read from disk. Without a
   * `config`, each file's deployment and config are still found on disk, from the file's path
   * resolved against `cwd` (the nearest `.edgelint.yaml` above it); with a config object nothing at
   * all is read from disk.
   */
  files?: LintFile[];
  /**
   * A config object, or the path of a config file: everything given is then one deployment. Default:
   * each file uses the nearest `.edgelint.yaml` above it (up to the repository root), and files are
   * grouped into deployments by it (see `deployments` in the result).
   */
  config?: EdgelintConfig | string;
  /** Rules in addition to the built-in ones, written with `defineRule`. */
  rules?: RuleModule[];
  /**
   * Report only findings in these files (paths as given or relative to `cwd`). Without `paths`, the
   * whole deployment of each changed file is read, so cross-file rules still see the unchanged files.
   */
  changed?: string[];
  /** Override of the config's `maxFileSize`. */
  maxFileSize?: number;
}

/** A deployment of the run: the files one model was built from. */
export interface DeploymentSummary {
  /** The root directory relative to cwd, `/`-separated, `.` for cwd. */
  root: string;
  /** The config file it used, relative to cwd. */
  config?: string;
  /** How many files it linted (files of no known kind are not counted). */
  files: number;
  /** For a `{ name, files }` group of a config's `deployments:`, its name (findings then say `ROOT#NAME`). */
  name?: string;
  /** The KubeEdge release (`major.minor`) its version-dependent checks were judged against. */
  kubeedgeVersion: string;
  /** No `kubeedgeVersion` was configured: the newest release edgelint knows stood in. */
  kubeedgeVersionAssumed: boolean;
}

export interface LintResult {
  /** Each with `deployment`: the id of the deployment it belongs to. */
  findings: Finding[];
  /** Things the user should know that are not findings (a named file of no known kind). */
  notices: string[];
  /** Internal errors (a rule that failed); the CLI exits 2 when there are any. */
  errors: string[];
  /** The text of every linted file by reported path, for code frames and fixes. */
  sources: Map<string, string>;
  /** The rules that ran. */
  rules: RuleModule[];
  /** The deployments linted, sorted by root. */
  deployments: DeploymentSummary[];
  /** The model of the first deployment (the only one with a `config`); `models` has every one. */
  model: Model;
  /** The model of each deployment, by deployment id. */
  models: Map<string, Model>;
}

export async function lint(options: LintOptions = {}): Promise<LintResult> {
  try {
    return await lintAll(options);
  } finally {
    // A large YAML stream held the heap's growth down while it was read and linted (yaml-harvest.ts).
    releaseHeapGrowth();
  }
}

async function lintAll(options: LintOptions): Promise<LintResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const notices: string[] = [];
  const allRules = [...builtinRules, ...(options.rules ?? [])];
  const { deployments, configs } = await resolveDeployments({ cwd, paths: options.paths, files: options.files, config: options.config, changed: options.changed }, notices);
  // Rules are resolved once per config, and for every config read, used or not: its errors are exit 2.
  const rulesFor = memoized((loaded: LoadedConfig) => resolveRules(allRules, loaded));
  for (const loaded of configs) await rulesFor(loaded);
  let findings: Finding[] = [];
  const errors: string[] = [];
  const sources = new Map<string, string>();
  const models = new Map<string, Model>();
  const summaries: DeploymentSummary[] = [];
  let ranRules: RuleModule[] | undefined;
  for (const deployment of deployments) {
    const run = await lintDeployment(deployment, { cwd, allRules, resolvedRules: await rulesFor(deployment.loaded), maxFileSize: options.maxFileSize, notices });
    for (const finding of run.findings) {
      finding.deployment = deployment.id;
      findings.push(finding);
    }
    for (const error of run.errors) errors.push(error);
    for (const [path, text] of run.sources) sources.set(path, text);
    models.set(deployment.id, run.model);
    ranRules ??= run.rules;
    summaries.push({
      root: deployment.name === undefined ? deployment.id : deployment.id.slice(0, -deployment.name.length - 1),
      ...(deployment.configFile ? { config: toPosixPath(relative(cwd, deployment.configFile)) || deployment.configFile } : {}),
      files: run.files,
      ...(deployment.name !== undefined ? { name: deployment.name } : {}),
      kubeedgeVersion: run.kubeedge.version,
      kubeedgeVersionAssumed: run.kubeedge.assumed,
    });
    if (run.kubeedge.assumed && run.versionMatters) {
      const where = deployments.length > 1 ? `${deployment.id}: ` : '';
      const several = conflictingReleases(run.model);
      notices.push(printablePath(`${where}assuming KubeEdge ${run.kubeedge.version}, the newest edgelint knows${several ? `, because ${several}` : ''}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`));
    }
    for (const notice of olderReleaseNotices(run.model)) notices.push(printablePath(notice));
  }
  if (options.changed) {
    // pre-commit passes repository-relative paths, editors and scripts often absolute or `./` ones:
    // each must match the reported path, which is cwd-relative for files read from disk and as given
    // for in-memory files.
    const changed = new Set(options.changed.flatMap((p) => [normalisePath(p), normalisePath(relative(cwd, resolve(cwd, p)))]));
    findings = findings.filter((f) => changed.has(f.file));
  }
  findings.sort(compareFindings);
  const model = models.values().next().value ?? emptyModel();
  const rules = ranRules ?? (await rulesFor(configs[0] ?? { config: {}, locate: () => undefined })).map((r) => r.rule);
  return { findings: dedupe(findings), notices, errors, sources, rules, deployments: summaries, model, models };
}

interface DeploymentRun {
  findings: Finding[];
  errors: string[];
  sources: Map<string, string>;
  rules: RuleModule[];
  model: Model;
  files: number;
  kubeedge: KubeEdgeVersionInUse;
  /** Something in the deployment was judged by the KubeEdge release. */
  versionMatters: boolean;
}

/** read → classify → collect → model → rules → suppress, for the files of one deployment. */
async function lintDeployment(
  deployment: Deployment,
  context: { cwd: string; allRules: RuleModule[]; resolvedRules: ResolvedRule[]; maxFileSize?: number; notices: string[] },
): Promise<DeploymentRun> {
  const { cwd, allRules, resolvedRules, notices } = context;
  const loaded = deployment.loaded;
  const config = loaded.config;
  const maxFileSize = context.maxFileSize ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const inputs = emptyInputs();
  const baseDir = deployment.base;
  // Paths in a config file are relative to the file; findings report paths relative to cwd.
  const fromConfig = (path: string) => normalisePath(toPosixPath(relative(cwd, resolve(baseDir, path))));
  const imageLists = new Set((config.offlineImages ?? []).flatMap((e) => (typeof e === 'object' ? [fromConfig(e.file)] : [])));

  let files = 0;
  const deferred: Array<{ path: string; notice: string }> = [];
  const skippedAnsible = new Set<string>();
  const skippedCharts = new Map<string, number>();
  const readOne = async (path: string, result: ReturnType<typeof readFileText>, explicit: boolean) => {
    files++;
    if (!result.ok) {
      // Bytes that are not text are only a problem in a file edgelint would have linted (a manifest
      // with a stray NUL or Latin-1 byte); an executable, an image or a Latin-1 README is not ours.
      if ((result.reason === 'binary' || result.reason === 'encoding') && isNotOurs(path, result.text, result.reason, imageLists)) {
        files--;
        if (explicit) notices.push(printablePath(`${path}: ${result.reason === 'binary' ? 'a binary file' : 'not UTF-8 text'} of no kind edgelint reads (skipped)`));
        return;
      }
      const source = new SourceFile(path, result.text, 'unknown');
      inputs.sources.push(source);
      inputs.parseProblems.push({ message: result.message, span: span(source, result.offset, result.offset) });
      return;
    }
    const kind = classify(path, result.text, imageLists);
    // An Ansible file, or a file a role may place, is known only once every file is read: what
    // would be said of it as a file of no kind waits for engine/ansible.ts (ansibleDeferred).
    const ansible = noteAnsibleFile(path, result.text, kind, inputs);
    const say = (notice: string) => (ansible ? deferred.push({ path, notice }) : notices.push(notice));
    // A YAML file of no kind edgelint lints is never reported on, but a script's line edit of it
    // still reads its text (issue #10: an old edge.yaml with no apiVersion, filled by `sed -i`).
    if (kind === 'unknown' && YAML_NAME.test(path)) inputs.unlintedYaml.push(new SourceFile(path, result.text, 'unknown'));
    // Not linted, but a K3s unit's EnvironmentFile= may set what its server reads (engine/k3s-units.ts).
    if (kind === 'unknown' && UNIT_ENV_FILE.test(path)) (inputs.envFiles ??= []).push(new SourceFile(path, result.text, 'unknown'));
    // A Dockerfile is not linted, but the release it builds an image of is the deployment's (tooling-release.ts).
    // One that builds cloudcore and no edgecore states the cloud's release, like a cloud host's script (collect.ts).
    if (kind === 'unknown' && DOCKERFILE_NAME.test(path)) {
      const cloudOnly = /\bcloudcore\b/.test(result.text) && !/\bedgecore\b/.test(result.text);
      const source = new SourceFile(path, result.text, 'unknown');
      pushAll(cloudOnly ? (inputs.cloudReleases ??= []) : (inputs.releases ??= []), dockerfileReleases(source));
      // A compose service that builds it runs the image it starts from (compose-listeners.ts).
      // What it copies into that image may be the broker's config.
      const image = readDockerfile(result.text);
      if (image && finalBase(image)) (inputs.dockerfileBases ??= new Map()).set(path, { source, image });
    }
    // A Yocto layer's recipe is not linted, but its name states the edgecore release it builds (tooling-release.ts).
    if (kind === 'unknown' && BITBAKE_RECIPE_NAME.test(path)) {
      const stated = bitbakeRecipeRelease(new SourceFile(path, result.text, 'unknown'));
      if (stated) (inputs.releases ??= []).push(stated);
    }
    // A kubebuilder PROJECT is not linted, but the APIs it names are served by CRDs the project generates.
    if (kind === 'unknown' && KUBEBUILDER_PROJECT_NAME.test(path)) pushAll((inputs.declaredCrds ??= []), kubebuilderCrds(path, result.text));
    if (kind === 'tentative-yaml') {
      if (collectTentativeYaml(new SourceFile(path, result.text, 'yaml'), inputs)) return;
      // A `.yaml` manifest read as a template only for markup it holds, broken away from that markup,
      // is broken YAML: reported as any manifest (a template-suffixed or sniffed file stays skipped).
      if (MANIFEST_NAME.test(path) && !breaksOnlyAtPlaceholders(new SourceFile(path, result.text, 'yaml'))) {
        await collect(new SourceFile(path, result.text, 'yaml'), inputs);
        return;
      }
      files--;
      // A template the renderer has not filled in is not what is applied or read on the node: said
      // once per file, like an unrendered Helm chart; a text that only looked like YAML is not ours.
      if (ansible) skippedAnsible.add(path);
      if (TEMPLATE_MARK.test(result.text)) say(printablePath(`${path}: an unrendered template whose placeholders are not YAML (skipped); lint the file it renders instead`));
      else if (explicit) say(printablePath(`${path}: ${UNKNOWN_KIND_NOTICE}`));
      return;
    }
    if (kind === 'unknown' || kind === 'helm-template') {
      files--;
      // A role's `templates/` holds Jinja templates its tasks place (engine/ansible.ts), not a chart's.
      if (kind === 'helm-template' && !explicit && !isRoleTemplate(path)) countChartTemplate(skippedCharts, path);
      if (ansible) skippedAnsible.add(path);
      if (explicit) say(printablePath(kind === 'helm-template' ? `${path}: an unrendered Helm template; lint the output of \`helm template\` instead` : `${path}: ${UNKNOWN_KIND_NOTICE}`));
      return;
    }
    await collect(new SourceFile(path, result.text, kind), inputs);
  };

  for (const file of deployment.memory) {
    const result = typeof file.content === 'string' ? ({ ok: true, text: file.content } as const) : decodeBytes(file.content);
    await readOne(file.path, result, true);
  }
  const already = new Set(deployment.memory.map((f) => f.path));
  for (const file of deployment.files) {
    if (already.has(file.path)) continue;
    // Archives, images and documents are not read at all (a chart .tgz, an image tarball, a diagram).
    if (isForeignByName(file.path) && !imageLists.has(file.path)) {
      if (file.explicit) notices.push(printablePath(`${file.path}: an archive, image or document, not a file edgelint reads (skipped)`));
      continue;
    }
    await readOne(file.path, readFileText(file.absolute, maxFileSize), file.explicit);
  }

  // A walk that skips a chart's templates one by one would say nothing at all, and a user whose
  // repository is only charts would read silence as a clean bill; one notice per chart says why.
  for (const [chart, count] of skippedCharts) {
    notices.push(printablePath(`${chart}: an unrendered Helm chart (${count} template${count === 1 ? '' : 's'} skipped); lint the output of \`helm template\` instead`));
  }
  addConfiguredBundle(config, loaded, inputs);
  // `offlineImages` states what the bundle holds: an import the scripts name only at run time (a
  // `for f in $BUNDLE/*.tar` loop) is what that list describes, so it leaves nothing unknown.
  if (config.offlineImages !== undefined) inputs.openBundle = undefined;
  const ansible = await resolveAnsible(inputs);
  for (const path of skippedAnsible) if (ansible.read.has(path)) files++;
  for (const { path, notice } of deferred) if (!ansible.read.has(path)) notices.push(notice);
  for (const notice of ansible.notices) notices.push(printablePath(notice));
  await resolveKeadmInits(inputs);
  await resolveEdgedMqtt(inputs, config.kubeedgeVersion);
  await resolveK3sServers(inputs);
  await resolveCopies(inputs);
  const model = buildModel(inputs, {
    nodeClasses: nodeClassesFrom(config),
    classOfHostFile: hostClassifier(config, (path) => toPosixPath(relative(baseDir, resolve(cwd, path))), inputs.scriptSides),
    settings: {
      // Unset stays unset: each consumer picks its own default (the newest schema, or an edgecore file's edgecoreVersion).
      kubeedgeVersion: config.kubeedgeVersion,
      baselineImages: (config.baselineImages ?? []).map((image, i) => located(image, loaded.locate(['baselineImages', i]) ?? configSpan(loaded))),
    },
    knowledge: defaultKnowledge(),
  });

  const sources = new Map<string, string>();
  for (const source of inputs.sources) sources.set(source.root.path, source.root.text);
  if (loaded.source) sources.set(loaded.source.path, loaded.source.text);
  const suppressor = new Suppressor(model, sources, new Map(resolvedRules.map((r) => [r.rule.id, r.severity])), new Set(allRules.map((r) => r.id)));
  // Script line edits of edgecore.yaml are checked against the schema even when no edgecore.yaml is linted.
  const run = runRules(model, resolvedRules, await knowledgeFor(inputs.edgecore.length > 0 || inputs.scriptEdits.length > 0), suppressor);
  const findings = run.findings;
  nameTemplates(findings, model);
  // YAML read beside the linted files (K3s configuration, compose files, kustomizations, vars files)
  // that was over the parser's budget: its settings were not applied, and the user is told which file.
  for (const file of inputs.unlintedYaml) {
    if (file.unread === undefined) continue;
    const where = file.origin ? `${file.root.path}: the file it writes to ${file.path}` : file.path;
    notices.push(printablePath(`${where}: too large to read (${file.unread}); what it configures was not applied`));
  }
  for (const [file, { reason, editedBy }] of unreadEditedFiles(model)) {
    if (file.unread !== undefined) continue;
    const where = file.origin ? `${file.root.path}: the file it writes to ${file.path}` : file.path;
    notices.push(printablePath(`${where}: too large to read (${reason}); ${editedBy}'s line edits of it were judged without its text`));
  }
  const kubeedge = kubeedgeVersionInUse(config.kubeedgeVersion, model);
  return { findings, errors: run.errors, sources, rules: resolvedRules.map((r) => r.rule), model, files, kubeedge, versionMatters: dependsOnKubeEdgeVersion(model) };
}

/** Counts a skipped template under its chart: the directory above its first `templates/` segment. */
function countChartTemplate(charts: Map<string, number>, path: string): void {
  const at = path.startsWith('templates/') ? 0 : path.indexOf('/templates/');
  const chart = at <= 0 ? '.' : path.slice(0, at);
  charts.set(chart, (charts.get(chart) ?? 0) + 1);
}

function emptyModel(): Model {
  return buildModel(emptyInputs(), { nodeClasses: nodeClassesFrom({}), classOfHostFile: () => 'edge', settings: { baselineImages: [] }, knowledge: defaultKnowledge() });
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
    const candidate = list[lastIndex(list.length, (i) => list[i].from <= finding.line)];
    if (candidate && candidate.from <= finding.line && finding.line <= candidate.to) finding.helmSource = candidate.helmSource;
  }
}

/**
 * A file whose name and readable text make it no kind edgelint lints. A NUL byte makes any file
 * binary (a self-extracting installer starts with a `#!/bin/sh` stub) except a manifest that went
 * wrong: a `.yaml`/`.json` whose text before the NUL is a Kubernetes object or edgecore config.
 */
function isNotOurs(path: string, text: string, reason: 'binary' | 'encoding', imageLists: ReadonlySet<string>): boolean {
  if (isForeignByName(path) && !imageLists.has(path)) return true;
  const kind = classify(path, text, imageLists);
  // A `.yaml` manifest holding template markup is still a manifest (classify.ts hasTemplateMarkup).
  const manifest = kind === 'yaml' || (kind === 'tentative-yaml' && MANIFEST_NAME.test(path));
  if (reason === 'binary') return !manifest;
  return !manifest && (kind === 'unknown' || kind === 'helm-template' || kind === 'tentative-yaml');
}

/** A manifest's own name (not a template or sample suffix): `.yaml`, `.yml`, `.json`. */
const MANIFEST_NAME = /\.(?:ya?ml|json)$/i;

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.file}\0${f.line}\0${f.column}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function configSpan(loaded: LoadedConfig) {
  const source = loaded.source ?? new SourceFile('.edgelint.yaml', '', 'yaml');
  return fileStartSpan(source);
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

/** `hosts:` first; else the evidence of the file's own commands and path (host-class.ts). */
function hostClassifier(config: EdgelintConfig, toConfigRelative: (path: string) => string, scriptSides: ReadonlyMap<string, HostSide>): (path: string, kind?: string) => string {
  const matchers = (config.hosts ?? []).map((h) => ({ match: picomatch(h.files, { dot: true }), cls: h.class }));
  return (path, kind) => {
    const relativePath = toConfigRelative(path);
    return matchers.find((m) => m.match(relativePath) || m.match(path))?.cls ?? defaultHostSide(relativePath, kind, scriptSides.get(path));
  };
}
