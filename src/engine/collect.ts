/**
 * Parse step: each source file, by kind, into the inputs the model is built from. Nothing here
 * throws on input; every problem becomes a located `ParseProblem`.
 */
import { SourceFile, fileStartSpan, span } from '../core/source.js';
import { parseMosquittoConf } from '../parse/mosquitto.js';
import { imageFromTarballName, isTarballName, parseImageRef } from '../model/image-ref.js';
import type { ModelInputs } from '../model/build.js';
import { edgeReleaseEvidence } from '../model/build.js';
import type { ImageUse } from '../model/types.js';
import { evidence } from '../model/release.js';
import { edgedMqttManifest } from './edged-mqtt.js';
import type { ReleaseEvidence } from '../model/release.js';
import type { FileCopy, ScriptReading, Substitution, YamlLineEdit } from '../script/read-script.js';
import { basename, dirname, joinRelative } from '../model/paths.js';
import { classify } from './classify.js';
import { harvestYamlFile } from './yaml-harvest.js';
import { collectTentativeYaml } from './tentative-yaml.js';
import { mergeRanges, pushAll } from '../core/arrays.js';
import type { HostSide } from './host-class.js';
import { appliesMosquittoDaemonSet, keadmInitManifest } from './keadm-init.js';
import { k3sServiceLbManifest } from './k3s-servicelb.js';
import { unitServers } from './k3s-units.js';
import { k3sConfigs } from './k3s-config.js';
import { k3sConfigNode, k3sNodeLabelings, k3sNodeOf } from './k3s-nodes.js';
import type { KeadmInitUse } from './keadm-init.js';
import type { K3sInstall } from '../script/k3s-install.js';
import type { AnsibleCandidate } from './ansible.js';

export interface CollectedInputs extends ModelInputs {
  configMaps: NonNullable<ModelInputs['configMaps']>;
  scriptEdits: Array<{ edit: YamlLineEdit; script: SourceFile; template?: SourceFile }>;
  /** Files scripts copy (`cp SRC DEST`), with the `sed -i s/…/` substitutions run on DEST after the copy. */
  copies: Array<{ script: SourceFile; copy: FileCopy; substitutions: Substitution[] }>;
  unlintedYaml: SourceFile[];
  /** The side each script's own commands set up, by path (src/script/host-side.ts): read by the default host classes. */
  scriptSides: Map<string, HostSide>;
  /** `keadm init`s that apply keadm's chart with its mosquitto DaemonSet (engine/keadm-init.ts), in reading order. */
  keadmInits?: KeadmInitUse[];
  /** K3s servers scripts set up with K3s's installer (script/k3s-install.ts), in reading order. */
  k3sInstalls?: K3sInstall[];
  /** YAML files that may be Ansible playbooks, task lists or vars files (engine/ansible.ts), read once every file is. */
  ansibleFiles?: AnsibleCandidate[];
  /** Texts of files under `templates/` and `files/` directories, which a `template:`/`copy:` task may place. */
  ansibleTree?: { files: Map<string, string>; chars: number; dropped?: number; firstDropped?: string };
}

/**
 * A file a unit may read as its EnvironmentFile=: K3s's installer's `k3s.service.env`, the
 * distributions' /etc/default/NAME and /etc/sysconfig/NAME, a `NAME.env` or `environment` file.
 */
export const UNIT_ENV_FILE = /(?:^|\/)(?:[^/]+\.env|environment|(?:default|sysconfig)\/[^/.]+)$/;

/** A YAML file name: the files a script's line edits are about (file-writes.ts YAML_PATH). */
export const YAML_NAME = /\.ya?ml$/i;

export function emptyInputs(): CollectedInputs {
  return { sources: [], objects: [], workloads: [], configMaps: [], edgecore: [], unitFiles: [], mosquitto: [], duplicateKeys: [], parseProblems: [], scriptEdits: [], copies: [], unlintedYaml: [], scriptSides: new Map() };
}

/** Adds an image to the offline bundle (declaring the bundle if this is its first image). */
export function addToBundle(inputs: CollectedInputs, use: ImageUse): void {
  (inputs.bundle ??= []).push(use);
}

export async function collect(source: SourceFile, inputs: CollectedInputs): Promise<void> {
  inputs.sources.push(source);
  try {
    switch (source.kind) {
      case 'yaml':
        await harvestYamlFile(source, inputs);
        break;
      case 'systemd':
        inputs.unitFiles.push(source);
        break;
      case 'mosquitto': {
        const conf = parseMosquittoConf(source);
        inputs.mosquitto.push(conf);
        pushAll(inputs.parseProblems, conf.problems);
        break;
      }
      case 'shell':
        await collectScript(source, inputs);
        break;
      case 'image-list':
        collectImageList(source, inputs);
        break;
      default:
        break;
    }
  } catch (error) {
    // A parser bug must not end the run: the file is reported and the others are still linted.
    inputs.parseProblems.push({ message: `internal error while reading this file: ${(error as Error)?.message ?? String(error)}`, span: fileStartSpan(source) });
  }
}

/** A cloud host's release is kept apart: it is only the fallback for the edge nodes' (collectScript). */
function pushRelease(inputs: CollectedInputs, found: ReleaseEvidence | undefined, host: 'edge' | 'cloud' = 'edge'): void {
  if (found) (host === 'cloud' ? (inputs.cloudReleases ??= []) : (inputs.releases ??= [])).push(found);
}

async function collectScript(source: SourceFile, inputs: CollectedInputs): Promise<void> {
  // Loaded with the first script (issue #13): the script reader and its shell-tree conversion are a
  // fifth of the code every run would otherwise compile, and most runs read no script.
  const { readShellScript } = await import('../script/read-script.js');
  await collectReading(source, await readShellScript(source), inputs);
}

/**
 * What a script's reading puts into the model: its edits, its side, the releases it names, its
 * joins, labels, brokers, copies, image imports, and the files it writes (linted as files of their
 * own, mapped back into `source`). Shared by shell scripts and Ansible task lists (engine/ansible.ts),
 * whose command bodies and `copy: content:` are read into one reading per file.
 */
export async function collectReading(source: SourceFile, reading: ScriptReading, inputs: CollectedInputs): Promise<void> {
  const { readShellScript, virtualFilesOf } = await import('../script/read-script.js');
  pushAll(inputs.parseProblems, reading.problems);
  for (const edit of reading.yamlEdits) inputs.scriptEdits.push({ edit, script: source });
  // A script that starts the control plane and joins no edge node runs on the cloud host.
  const side = reading.edgeSide.length > 0 ? 'edge' : reading.controlPlane.length > 0 ? 'cloud' : undefined;
  if (side) inputs.scriptSides.set(source.root.path, side);
  // The release such a script installs is cloudcore's (`keadm init --kubeedge-version`, the cloud
  // tarball): the edge nodes' own release is what the rest of the deployment states, and the cloud's
  // is only the fallback when nothing else does (sweep11: a 1.12 keadm init beside a 1.13 keadm join
  // made the deployment "name several releases").
  for (const mention of reading.releases) pushRelease(inputs, evidence(mention.version, mention.span, mention.how), side === 'cloud' ? 'cloud' : 'edge');
  for (const join of reading.keadmJoins) {
    if (join.version) pushRelease(inputs, evidence(join.version.value, join.version.span, `keadm join --kubeedge-version=${join.version.value}`));
    if (join.nodeName) (inputs.edgeNodeNames ??= []).push(join.nodeName.value);
    else inputs.unnamedEdgeJoins = (inputs.unnamedEdgeJoins ?? 0) + 1;
    // The labels are the joining node's, whatever its name is written as (a placeholder included).
    if (join.labels) (inputs.nodeLabelings ??= []).push({ nodes: 'joined', labels: join.labels, script: source.root.path });
  }
  for (const init of reading.keadmInits) if (appliesMosquittoDaemonSet(init, reading.releases)) (inputs.keadmInits ??= []).push({ script: source, init });
  if (reading.brokers.length > 0) pushAll((inputs.hostBrokers ??= []), reading.brokers);
  if (reading.k3sInstalls.length > 0) pushAll((inputs.k3sInstalls ??= []), reading.k3sInstalls);
  for (const labeling of reading.nodeLabels) (inputs.nodeLabelings ??= []).push({ nodes: labeling.nodes, labels: labeling.labels, script: source.root.path });
  if (reading.copies.length > 0) {
    const subsByPath = new Map<string, Substitution[]>();
    for (const s of reading.substitutions) {
      const list = subsByPath.get(s.path);
      if (list) list.push(s);
      else subsByPath.set(s.path, [s]);
    }
    const edited = new Set(reading.yamlEdits.map((e) => e.target.value));
    for (const copy of reading.copies) {
      const copiedAt = copy.span.source.rootOffset(copy.span.start);
      const substitutions = (subsByPath.get(copy.to) ?? []).filter((s) => s.span.source.rootOffset(s.span.start) > copiedAt);
      if (substitutions.length > 0 || edited.has(copy.to)) inputs.copies.push({ script: source, copy, substitutions });
    }
  }
  if (reading.openImports.length > 0) pushAll((inputs.openBundle ??= []), reading.openImports);
  for (const imported of reading.imports) {
    const owner = `offline bundle ${imported.tarball.value.replace(/^.*\//, '')}`;
    if (imported.saved) {
      // The script saved these images into the tarball it imports (`nerdctl save -o /tmp/agent.tar
      // "$AGENT_IMAGE"`): they are what it holds, whatever its file name says.
      for (const image of imported.saved) {
        const ref = parseImageRef(image.value);
        if (ref) addToBundle(inputs, { ref, span: image.span, origin: 'bundle', owner });
      }
      continue;
    }
    const ref = imageFromTarballName(imported.tarball.value);
    if (ref) addToBundle(inputs, { ref, span: imported.tarball.span, origin: 'bundle', owner });
  }
  for (const file of virtualFilesOf(source, reading, (path) => {
    const kind = classify(path, '');
    return kind === 'helm-template' || kind === 'tentative-yaml' ? 'unknown' : kind;
  })) {
    // The text decides, as for files on disk: a `.conf` heredoc that is a mosquitto config, a `.yaml`
    // heredoc that is neither a manifest nor an edgecore config.
    const kind = classify(file.path, file.text);
    if (kind === 'unknown' && YAML_NAME.test(file.path)) inputs.unlintedYaml.push(file);
    if (kind === 'unknown' && UNIT_ENV_FILE.test(file.path)) (inputs.envFiles ??= []).push(file);
    if (kind === 'shell') {
      // A script the install script writes is not linted as a file of its own, but a unit may run it:
      // whether it ends is what says if that unit is a job or a daemon. Writes of one path by several
      // scripts must all end.
      const written = await readShellScript(file);
      const returns = written.staysRunning.length === 0 && written.problems.length === 0;
      const seen = (inputs.writtenScripts ??= new Map()).get(file.path);
      inputs.writtenScripts.set(file.path, { returns: returns && (seen?.returns ?? true) });
      continue;
    }
    if (kind === 'unknown' || kind === 'helm-template') continue;
    if (kind === 'tentative-yaml') {
      collectTentativeYaml(new SourceFile(file.path, file.text, 'yaml', file.origin), inputs);
      continue;
    }
    const typed = kind === file.kind ? file : new SourceFile(file.path, file.text, kind, file.origin);
    await collect(typed, inputs);
  }
}

/** One image reference per line; `#` comments and blank lines ignored (the `images.txt` convention). */
function collectImageList(source: SourceFile, inputs: CollectedInputs): void {
  // Any of LF, CRLF or a lone CR ends a line, as SourceFile counts lines: positions stay exact.
  const lineBreak = /\r\n?|\n/g;
  for (let offset = 0; offset <= source.text.length; ) {
    const found = lineBreak.exec(source.text);
    const end = found ? found.index : source.text.length;
    const line = source.text.slice(offset, end);
    const trimmed = line.replace(/#.*/, '').trim();
    if (trimmed) {
      const start = offset + line.indexOf(trimmed);
      // `pause-3.6.tar` is also a valid image name (docker.io/library/pause-3.6.tar:latest): a line
      // naming an archive is the tarball it names.
      const ref = isTarballName(trimmed) ? imageFromTarballName(trimmed) : parseImageRef(trimmed);
      if (ref) addToBundle(inputs, { ref, span: span(source, start, start + trimmed.length), origin: 'bundle', owner: 'offline bundle' });
      else inputs.parseProblems.push({ message: `not an image reference: ${JSON.stringify(trimmed)}`, span: span(source, start, start + trimmed.length) });
    }
    if (!found) break;
    offset = found.index + found[0].length;
  }
}


/** Placeholders looked for per copied template: each is one pass over its text. */
const MAX_PATTERNS_PER_TEMPLATE = 256;
/** Ranges kept per template: enough for any real one, bounded for a hostile one. */
const MAX_RANGES_PER_TEMPLATE = 100_000;

/**
 * The repository file a script copies: `from` relative to the script's directory (install scripts are
 * run from beside their files, or name them through `$(dirname "$0")`), else relative to the
 * repository; for a tail after an unknown expansion, the one file whose path ends with it. Nothing
 * when no file or several match: a template is never guessed.
 */
function copiedFile(script: SourceFile, copy: FileCopy, byPath: Map<string, SourceFile>, byName: Map<string, SourceFile[]>): SourceFile | undefined {
  if (copy.from.startsWith('/')) return undefined;
  const beside = byPath.get(joinRelative(dirname(script.root.path), copy.from));
  if (beside) return beside;
  if (!copy.tail) return byPath.get(copy.from.replace(/^\.\//, ''));
  const suffix = `/${copy.from.replace(/^\.\//, '')}`;
  const matches = (byName.get(basename(copy.from)) ?? []).filter((s) => `/${s.path}`.endsWith(suffix));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The mosquitto DaemonSet a script's `keadm init` applies (engine/keadm-init.ts), collected as a
 * manifest once every file is read: a rendered chart among them is that DaemonSet already.
 */
export async function resolveKeadmInits(inputs: CollectedInputs): Promise<void> {
  if (!inputs.keadmInits) return;
  const manifest = keadmInitManifest(inputs.keadmInits, inputs.workloads.some((w) => w.kind === 'DaemonSet' && w.object.name === 'edge-eclipse-mosquitto'));
  if (manifest) await collect(manifest, inputs);
}

/**
 * The MQTT pod edged starts before 1.21 when an edgecore unit sets DEPLOY_MQTT_CONTAINER
 * (engine/edged-mqtt.ts), collected as a manifest once every file is read: it needs the units, their
 * drop-ins and the releases the deployment states.
 */
export async function resolveEdgedMqtt(inputs: CollectedInputs, configured: string | undefined): Promise<void> {
  if (inputs.unitFiles.length === 0) return;
  // The same statements the model judges the deployment's release by (model/build.ts).
  const manifest = edgedMqttManifest(inputs.unitFiles, configured, edgeReleaseEvidence(inputs));
  if (manifest) await collect(manifest, inputs);
}

/**
 * The ServiceLB DaemonSet a K3s server runs (engine/k3s-servicelb.ts), started by a unit or set up by
 * K3s's installer or run by a script, collected as a manifest once every file is read: a captured
 * `svclb-*` DaemonSet among them is that DaemonSet already. The labels K3s servers and agents put on
 * their own nodes (engine/k3s-nodes.ts) join the scripts' labelings first.
 */
export async function resolveK3sServers(inputs: CollectedInputs): Promise<void> {
  const configs = k3sConfigs([...inputs.sources, ...inputs.unlintedYaml]);
  if (inputs.unitFiles.length === 0 && !inputs.k3sInstalls && configs.length === 0) return;
  const processes = [...unitServers(inputs.unitFiles, inputs.envFiles ?? []), ...(inputs.k3sInstalls ?? [])];
  // One K3s process and one host's configuration: the process reads it (the default --config path).
  const nodes =
    processes.length === 1 && configs.length === 1
      ? [k3sNodeOf(processes[0].at.source.root.path, processes[0].args, configs[0])]
      : [...processes.map((p) => k3sNodeOf(p.at.source.root.path, p.args)), ...configs.map(k3sConfigNode)];
  const labelings = k3sNodeLabelings(nodes);
  if (labelings.length > 0) pushAll((inputs.nodeLabelings ??= []), labelings);
  const manifest = k3sServiceLbManifest(inputs, processes, configs, nodes);
  if (manifest) await collect(manifest, inputs);
}

/**
 * `cp TEMPLATE DEST` then `sed -i 's|__X__|…|' DEST`: DEST holds the template's text with the
 * placeholders filled in at run time, as a heredoc the script wrote would (virtual-files.ts). The
 * template's occurrences of each replaced literal are marked `runtime` on the template itself, and a
 * line edit of DEST after the copy knows the template as DEST's text. Run once all files are read.
 */
export async function resolveCopies(inputs: CollectedInputs): Promise<void> {
  if (inputs.copies.length === 0) return;
  // Loaded on use, like the script reader (a run with no script loads neither).
  const { literalOfPattern } = await import('../script/sed-script.js');
  const byPath = new Map<string, SourceFile>();
  const byName = new Map<string, SourceFile[]>();
  // A template of no kind edgelint lints (an old edge.yaml with no apiVersion) is still copied.
  for (const s of [...inputs.sources, ...inputs.unlintedYaml]) {
    if (s.origin) continue;
    byPath.set(s.path, s);
    const name = basename(s.path);
    const list = byName.get(name);
    if (list) list.push(s);
    else byName.set(name, [s]);
  }
  // The line edits of each script and target, in script order.
  const edits = new Map<string, CollectedInputs['scriptEdits']>();
  for (const entry of inputs.scriptEdits) {
    const key = `${entry.script.path}\0${entry.edit.target.value}`;
    const list = edits.get(key);
    if (list) list.push(entry);
    else edits.set(key, [entry]);
  }
  const ranges = new Map<SourceFile, Array<[number, number]>>();
  const looked = new Map<SourceFile, Set<string>>();
  for (const { script, copy, substitutions } of inputs.copies) {
    const template = copiedFile(script, copy, byPath, byName);
    if (!template) continue;
    const copiedAt = copy.span.source.rootOffset(copy.span.start);
    for (const entry of edits.get(`${script.path}\0${copy.to}`) ?? []) {
      if (entry.script === script && entry.edit.span.source.rootOffset(entry.edit.span.start) > copiedAt) entry.template ??= template;
    }
    const seen = looked.get(template) ?? new Set<string>();
    looked.set(template, seen);
    const list = ranges.get(template) ?? [];
    ranges.set(template, list);
    for (const sub of substitutions) {
      const literal = literalOfPattern(sub.pattern, sub.extended);
      if (!literal || seen.has(literal) || seen.size >= MAX_PATTERNS_PER_TEMPLATE) continue;
      seen.add(literal);
      for (let at = template.text.indexOf(literal); at !== -1 && list.length < MAX_RANGES_PER_TEMPLATE; at = template.text.indexOf(literal, at + literal.length)) list.push([at, at + literal.length]);
    }
  }
  for (const [template, list] of ranges) {
    if (list.length === 0) continue;
    // A template's own placeholders (`{{ cloud_ip }}`, tentative-yaml.ts) stay filled in at run time too.
    template.runtime = mergeRanges([...(template.runtime ?? []), ...list]);
  }
}
