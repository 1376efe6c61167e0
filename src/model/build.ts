/**
 * Folds every parsed input into one model: workloads placed on node classes, host-side files
 * assigned to classes, and per class the listeners, images and offline bundle.
 */
import type { BuiltDockerfile } from './dockerfile-copy.js';
import type { Located, SourceFile, Span } from '../core/source.js';
import type { Facts } from '../knowledge/index.js';
import { mergeUnit } from '../parse/systemd.js';
import { execSectionOf, parseEnvironment, serviceTypeOf, splitCommandLine, splitCommandLines } from '../parse/systemd-settings.js';
import type { SystemdUnit } from '../parse/systemd.js';
import { parseContainerInvocation } from '../parse/command-line.js';
import { EnvFileIndex, expandArgv, unitEnvironment } from './exec-environment.js';
import type { MosquittoConfig } from '../parse/mosquitto.js';
import type { EdgecoreConfig } from './edgecore.js';
import { assumedEdgecore, lookup } from './edgecore.js';
import { deploymentRelease, edgecoreVersionEvidence } from './release.js';
import type { ReleaseEvidence } from './release.js';
import { findConfigFlag, hostBrokerListeners, indexConfigMaps, unitListeners, workloadListeners } from './listeners.js';
import { edgecoreListeners, standaloneListeners } from './config-listeners.js';
import { ConfIndex } from './conf-index.js';
import { composeMountedConfs, composeMountedFiles } from './compose.js';
import { toolingReleases } from './tooling-release.js';
import { cloudcoreImageReleases } from './image-release.js';
import { kustomizeGeneratedConfigMaps, kustomizeRewrites } from './kustomize.js';
import { nodePortExposures, nodePortSelections } from './node-ports.js';
import { composeListeners } from './compose-listeners.js';
import type { BrokerBind } from './listeners.js';
import { parseImageRef } from './image-ref.js';
import { basename, dirname, joinRelative } from './paths.js';
import { describedNodes, isEdgeClass, landsOn, placementKeys } from './placement.js';
import { edgeNodeNames, isNodeName } from './edge-node-names.js';
import { applyShippedCrds } from './shipped-crds.js';
import type {
  Container,
  HostBroker,
  HostUnit,
  ImageUse,
  K8sObject,
  Listener,
  Model,
  ModelSettings,
  NodeClass,
  NodeClassModel,
  NodeLabeling,
  ConfigMapData,
  ShippedCrd,
  Workload,
  YamlDuplicateKey,
} from './types.js';
import type { ParseProblem } from '../core/problem.js';
import { appendTo, exact, pushAll } from '../core/arrays.js';
import { ownRecord } from '../core/records.js';

/** The command-line settings of a service (service_exec_command_table in src/core/service.c). */
const EXEC_KEYS = new Set(['ExecCondition', 'ExecStartPre', 'ExecStart', 'ExecStartPost', 'ExecReload', 'ExecStop', 'ExecStopPost']);

export interface ModelInputs {
  sources: SourceFile[];
  objects: K8sObject[];
  workloads: Workload[];
  configMaps?: ConfigMapData[];
  edgecore: EdgecoreConfig[];
  /** Unit files and drop-ins. */
  unitFiles: SourceFile[];
  mosquitto: MosquittoConfig[];
  /** Images the offline bundle holds; undefined when no bundle is declared. */
  bundle?: ImageUse[];
  /** Imports of archives named only at run time: the bundle of the hosts running them holds images nothing here names. */
  openBundle?: Span[];
  duplicateKeys: YamlDuplicateKey[];
  parseProblems: ParseProblem[];
  scriptEdits?: Model['scriptEdits'];
  unlintedYaml?: SourceFile[];
  /** Each Dockerfile read as stages, by repository path, when its final stage starts from an image (dockerfile-copy.ts). */
  dockerfileBases?: Map<string, BuiltDockerfile>;
  /** Releases the deployment's install scripts install by name (src/model/release.ts). */
  releases?: ReleaseEvidence[];
  /** Releases the cloud host's scripts install (keadm init, cloudcore): the fallback when nothing else states one. */
  cloudReleases?: ReleaseEvidence[];
  /** Names edge nodes register under, as install scripts give them (`keadm join --edgenode-name`). */
  edgeNodeNames?: string[];
  /** `keadm join`s whose node name is missing or decided at run time (edge-node-names.ts). */
  unnamedEdgeJoins?: number;
  /** Labels install scripts put on nodes (`kubectl label node`, `keadm join --labels`). */
  nodeLabelings?: NodeLabeling[];
  /** CRDs the deployment generates instead of shipping: a kubebuilder PROJECT's APIs (kubebuilder-project.ts). */
  declaredCrds?: ShippedCrd[];
  /**
   * Shell scripts install scripts write (`cat > /usr/bin/job.sh <<EOF`), by path: whether every
   * command of each returns (src/script/script-returns.ts). A unit running one is a job, not a daemon.
   */
  /** Brokers install scripts start on their hosts (script/broker-runs.ts). */
  hostBrokers?: HostBroker[];
  /** Files a unit may read as an EnvironmentFile= (engine/collect.ts UNIT_ENV_FILE): model/exec-environment.ts. */
  envFiles?: SourceFile[];
  writtenScripts?: Map<string, { returns: boolean }>;
}

export interface BuildOptions {
  nodeClasses: NodeClass[];
  /** The class a host-side file belongs to (config `hosts`; default by evidence, src/engine/host-class.ts). */
  classOfHostFile(path: string, kind?: string): string;
  settings: ModelSettings;
  knowledge: Facts;
}

/**
 * The release the deployment states for its edge nodes: what its edge-side and undecided scripts
 * install, the tooling's variables and the configs' own edgecoreVersion; the cloud's release (what the
 * cloud host's scripts install, the image its CloudCore runs) only when none of these says anything
 * (cloudcore and edgecore usually ship as one release).
 */
function releaseOfDeployment(inputs: ModelInputs): Model['release'] {
  const edge = edgeReleaseEvidence(inputs);
  return deploymentRelease(edge.length > 0 ? edge : [...(inputs.cloudReleases ?? []), ...cloudcoreImageReleases(inputs.workloads)]);
}

/** What the deployment states of its edge nodes' release: edge-side and undecided scripts, the tooling's variables, the configs' own edgecoreVersion. */
export function edgeReleaseEvidence(inputs: Pick<ModelInputs, 'releases' | 'unlintedYaml' | 'edgecore'>): ReleaseEvidence[] {
  return [...(inputs.releases ?? []), ...toolingReleases(inputs.unlintedYaml ?? []), ...inputs.edgecore.flatMap((c) => edgecoreVersionEvidence(c) ?? [])];
}

export function buildModel(inputs: ModelInputs, options: BuildOptions): Model {
  const { knowledge } = options;
  const classes: NodeClassModel[] = options.nodeClasses.map((nodeClass) => ({
    nodeClass: { ...nodeClass, labels: ownRecord(nodeClass.labels) },
    workloads: [],
    units: [],
    edgecore: [],
    mosquitto: [],
    listeners: [],
    images: [],
  }));
  const byName = new Map(classes.map((c) => [c.nodeClass.name, c]));
  const classFor = (source: SourceFile) => byName.get(options.classOfHostFile(source.root.path, source.root.kind));
  // The offline bundle is what edge nodes are preloaded with; cloud nodes pull. An import a cloud-host
  // script runs fills the control-plane node's store (sweep9 FP-1), not the edge nodes' bundle.
  const onEdge = (at: Span) => {
    const host = classFor(at.source);
    return host === undefined || isEdgeClass(host.nodeClass);
  };
  const edgeBundle = inputs.bundle?.filter((use) => onEdge(use.span));
  const openOnEdge = (inputs.openBundle ?? []).some(onEdge);
  for (const target of classes) {
    if (!isEdgeClass(target.nodeClass)) continue;
    // A bundle declared empty (`offlineImages: []`) is still declared.
    if (edgeBundle && (edgeBundle.length > 0 || inputs.bundle!.length === 0)) target.offlineBundle = [...edgeBundle];
    if (openOnEdge) target.offlineBundleOpen = true;
  }

  const edgedLabels = new Map<NodeClassModel, Set<string>>();
  for (const config of inputs.edgecore) {
    const target = byName.get(options.classOfHostFile(config.source.root.path, 'edgecore'));
    if (!target) continue;
    target.edgecore.push(config);
    // `keadm join --labels` lands in modules.edged.nodeLabels: every node of the class carries them.
    const nodeLabels = lookup(config, ['modules', 'edged', 'nodeLabels']).value?.value;
    if (nodeLabels && typeof nodeLabels === 'object' && !Array.isArray(nodeLabels)) {
      for (const [key, value] of Object.entries(nodeLabels as Record<string, unknown>)) {
        target.nodeClass.labels[key] = String(value ?? '');
        if (!edgedLabels.has(target)) edgedLabels.set(target, new Set());
        edgedLabels.get(target)!.add(key);
      }
    }
  }
  // An edge class whose edgecore.yaml the deployment does not hold still runs edgecore: with its
  // defaults, as far as anything here can tell (README, "An unseen node side").
  for (const target of classes) {
    if (target.edgecore.length === 0 && isEdgeClass(target.nodeClass)) target.assumedEdgecore = assumedEdgecore();
  }
  for (const conf of inputs.mosquitto) classFor(conf.source)?.mosquitto.push(conf);
  const envFiles = new EnvFileIndex(inputs.envFiles ?? []);
  for (const unit of groupUnits(inputs.unitFiles, (s) => classFor(s)?.nodeClass.name ?? '')) {
    const target = byName.get(options.classOfHostFile(unit.source.root.path));
    const described = describeUnit(unit, envFiles);
    const script = described.daemon && inputs.writtenScripts?.get(described.daemon.program.value.replace(/^[-@+!:]+/, ''));
    if (script) described.runsScript = script;
    // systemd refuses, ignores or warns about what these describe; they are the unit's parse problems, located in it.
    pushAll(inputs.parseProblems, unit.problems);
    // config_parse_exec() reads every Exec*= line the same way (src/core/load-fragment.c), reset or not.
    for (const entry of unit.entries) if (entry.section === 'Service' && EXEC_KEYS.has(entry.key) && entry.value !== '') pushAll(inputs.parseProblems, splitCommandLines(entry).problems);
    for (const entry of unit.entries) if (entry.key === 'Environment' && entry.section === execSectionOf(unit.name)) pushAll(inputs.parseProblems, parseEnvironment(entry).problems);
    if (unit.name.endsWith('.service')) {
      const type = serviceTypeOf(unit);
      pushAll(inputs.parseProblems, type.problems);
      described.serviceType = { value: type.type, explicit: type.explicit !== undefined };
    }
    target?.units.push(described);
  }

  // A file a kustomization names as a patch holds partial objects kustomize merges into a resource:
  // never applied alone, they run nowhere and need not carry the fields the API requires.
  const patchFiles = new Set(
    inputs.objects.flatMap((o) => (o.kustomizePatches ?? []).map((p) => joinRelative(dirname(o.source.path), p))),
  );
  if (patchFiles.size > 0) for (const object of inputs.objects) if (patchFiles.has(object.source.path)) object.kustomizePatch = true;
  // A name or namespace a kustomization rewrites is judged as rendered, which the files do not show:
  // a name lacking only its first or last character may get it from a namePrefix or nameSuffix.
  const rewrites = kustomizeRewrites(inputs.sources, inputs.unlintedYaml ?? []);
  if (rewrites.names || rewrites.namespace) {
    for (const object of inputs.objects) {
      if (!object.schemaIssues) continue;
      const kept = object.schemaIssues.filter((i) => !(i.kustomizeFixable === 'name' ? rewrites.names : i.kustomizeFixable === 'namespace' && rewrites.namespace));
      if (kept.length) object.schemaIssues = kept;
      else delete object.schemaIssues;
    }
  }
  // A kind the deployment's own CRD defines is what that CRD says it is.
  applyShippedCrds(inputs.objects, inputs.declaredCrds);
  // The names the deployment gives its edge nodes: a pod pinned to another host is not on them.
  const edgeNames = edgeNodeNames(inputs.edgeNodeNames ?? [], inputs.objects, inputs.edgecore, inputs.unnamedEdgeJoins);
  if (edgeNames.known.length > 0) {
    for (const target of classes) {
      if (!isEdgeClass(target.nodeClass)) continue;
      target.nodeClass.givenNodeNames = edgeNames.known;
      if (edgeNames.closed) target.nodeClass.nodeNames = edgeNames.known;
    }
  }
  // A node labelled by a name the deployment gives an edge node is one, even when other edge nodes
  // join unnamed and the list of names is open.
  const knownEdgeNames = new Set(edgeNames.known);
  // Labelings of a class as a whole (`--all`, `keadm join --labels`), and named ones by node name:
  // what reaches each node a Node object describes (below).
  const wholeClassLabelings = new Map<NodeClass, NodeLabeling[]>();
  const labelingsByNode = new Map<string, NodeLabeling[]>();
  for (const labeling of inputs.nodeLabelings ?? []) {
    const own = byName.get(options.classOfHostFile(labeling.script))?.nodeClass;
    if (Array.isArray(labeling.nodes)) for (const node of new Set(labeling.nodes)) appendTo(labelingsByNode, node, labeling);
    for (const target of classes) {
      if (!reaches(labeling, target.nodeClass, own && isEdgeClass(own) ? own : undefined, knownEdgeNames)) continue;
      addSomeNodesLabels((target.nodeClass.someNodesLabels ??= ownRecord()), labeling.labels);
      if (!Array.isArray(labeling.nodes)) appendTo(wholeClassLabelings, target.nodeClass, labeling);
    }
  }
  for (const target of classes) if (target.nodeClass.someNodesLabels) dedupeValues(target.nodeClass.someNodesLabels);
  // Node objects the deployment applies say which nodes each class has (placement.ts describedNodes).
  const nodeObjects = inputs.objects.filter((o) => o.nodeTaints !== undefined && !o.kustomizePatch);
  if (nodeObjects.length > 0) {
    const readKeys = new Set<string>();
    for (const workload of inputs.workloads) placementKeys(workload.placement, readKeys);
    // One record per node name, shared by every Node object of that name and every class: built per
    // object, 4,000 Nodes named n1 and 4,000 labelings of n1 built 16M label entries (43 s).
    const namedRecords = new Map<string, SomeNodesLabels | undefined>();
    const namedOf = (object: K8sObject) => {
      if (!namedRecords.has(object.name)) {
        const named = labelingsByNode.get(object.name);
        namedRecords.set(object.name, named ? labelRecord(named) : undefined);
      }
      return namedRecords.get(object.name);
    };
    for (const target of classes) {
      const wholeLabelings = wholeClassLabelings.get(target.nodeClass);
      const whole = wholeLabelings ? labelRecord(wholeLabelings) : undefined;
      const nodes = describedNodes(target.nodeClass, nodeObjects, readKeys, edgedLabels.get(target), { whole, byName: namedOf });
      if (nodes) target.nodeClass.nodes = nodes;
    }
  }
  for (const workload of inputs.workloads) {
    if (workload.object.kustomizePatch) continue;
    for (const target of classes) {
      if (landsOn(target.nodeClass, workload.placement) === 'no') continue;
      workload.landsOn.push(target.nodeClass.name);
      target.workloads.push(workload);
    }
    workload.landsOn = exact(workload.landsOn);
  }

  // A ConfigMap a kustomization's generator also builds or merges into holds keys no file spells out.
  const generated = kustomizeGeneratedConfigMaps(inputs.sources, inputs.unlintedYaml ?? []);
  if (generated.size > 0) for (const configMap of inputs.configMaps ?? []) if (generated.has(configMap.object.name)) configMap.keysUnknown = true;
  const configMaps = indexConfigMaps(inputs.configMaps ?? []);
  // What each pod's broker binds in its own network namespace, for the Services that reach it.
  // Only broker pods a NodePort or LoadBalancer Service selects keep what their broker binds.
  const selections = nodePortSelections(inputs.objects, inputs.workloads, (w) => w.containers.some((c) => c.imageRef !== undefined && knowledge.images.mosquittoSeries(c.imageRef) !== undefined));
  const bindsOf = new Map<Container, BrokerBind[]>();
  const onBinds = (container: Container, binds: BrokerBind[]) => {
    if (!bindsOf.has(container)) bindsOf.set(container, binds);
  };
  const composeMounted = composeMountedFiles(inputs.unlintedYaml ?? []);
  const manifestUses = new Map<Container, ImageUse>();
  for (const target of classes) {
    const confs = new ConfIndex(target.mosquitto);
    const listeners: Listener[] = [];
    // A conf a workload or a unit reads is that broker's, not one the distribution's unit runs on its own.
    const usedConfs = new Set<MosquittoConfig>();
    for (const workload of target.workloads) pushAll(listeners, workloadListeners(workload, knowledge, configMaps, confs, usedConfs, selections.has(workload) ? onBinds : undefined));
    for (const unit of target.units) pushAll(listeners, unitListeners(unit, confs, knowledge, usedConfs));
    // A broker an install script starts runs on the host the script provisions.
    for (const broker of inputs.hostBrokers ?? []) {
      if (classFor(broker.span.source) !== target) continue;
      const script = broker.span.source.root;
      const at = broker.span.source.rootOffset(broker.span.start);
      const who = { owner: `mosquitto (started by ${script.path}:${script.positionAt(at).line})`, ownerKey: `script:${script.path}:${at}`, origin: 'script' as const, from: script.path };
      pushAll(listeners, hostBrokerListeners(broker, confs, usedConfs, who));
    }
    // What a docker-compose service publishes (or binds under host networking) is on the host the
    // compose file runs on; the config it mounts is its broker's (a directory mount included).
    for (const file of inputs.unlintedYaml ?? []) if (classFor(file) === target) pushAll(listeners, composeListeners(file, confs, knowledge, usedConfs, inputs.dockerfileBases));
    // A broker config no unit names is still read by the distribution's own unit (Debian's
    // mosquitto.service reads /etc/mosquitto/mosquitto.conf); files pulled in by include_dir are not brokers of their own.
    const taken = new Set(target.mosquitto.flatMap((conf) => confs.includedBy(conf)));
    for (const conf of usedConfs) taken.add(conf);
    // A config a docker-compose service mounts is that container's, not a host broker's.
    for (const conf of composeMountedConfs(composeMounted, target.mosquitto)) taken.add(conf);
    pushAll(listeners, standaloneListeners(confs, taken));
    for (const config of target.assumedEdgecore ? [target.assumedEdgecore] : target.edgecore) pushAll(listeners, edgecoreListeners(config));
    target.listeners = listeners;
    target.images = imageUses(target, manifestUses);
  }

  return {
    settings: options.settings,
    sources: inputs.sources,
    objects: inputs.objects,
    workloads: patchFiles.size > 0 ? inputs.workloads.filter((w) => !w.object.kustomizePatch) : inputs.workloads,
    configMaps: inputs.configMaps ?? [],
    classes,
    nodePorts: nodePortExposures(selections, bindsOf),
    duplicateKeys: inputs.duplicateKeys,
    parseProblems: inputs.parseProblems,
    scriptEdits: inputs.scriptEdits ?? [],
    release: releaseOfDeployment(inputs),
    unlintedYaml: inputs.unlintedYaml ?? [],
    nodeClass: (name) => byName.get(name),
  };
}

/** Units and their drop-ins (`x.service.d/*.conf`), grouped per class and unit name as systemd does. */
function groupUnits(files: SourceFile[], classOf: (source: SourceFile) => string): SystemdUnit[] {
  const groups = new Map<string, { name: string; main?: SourceFile; dropIns: SourceFile[] }>();
  for (const file of files) {
    const dir = basename(dirname(file.path));
    const isDropIn = dir.endsWith('.d') && file.path.endsWith('.conf');
    const name = isDropIn ? dir.slice(0, -2) : basename(file.path);
    const key = `${classOf(file)}\0${name}`;
    const group = groups.get(key) ?? { name, dropIns: [] };
    if (isDropIn) group.dropIns.push(file);
    else if (!group.main) group.main = file;
    else groups.set(`${key}\0${file.path}`, { name, main: file, dropIns: [] });
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => mergeUnit(g.name, g.main, g.dropIns.sort((a, b) => (basename(a.path) < basename(b.path) ? -1 : 1))));
}

/** What a unit's ExecStart starts: a container (and how), or a native daemon. */
function describeUnit(unit: SystemdUnit, envFiles: EnvFileIndex): HostUnit {
  const execs = unit.getAll('Service', 'ExecStart');
  const exec = execs[execs.length - 1];
  if (!exec) return { unit };
  const written = splitCommandLine(exec).argv;
  const argv = written.some((w) => w.value.includes('$')) ? expandArgv(written, unitEnvironment(unit, envFiles)) : written;
  if (argv.length === 0) return { unit };
  const container = parseContainerInvocation(argv);
  if (container) return { unit, container };
  const program = argv[0];
  const name = basename(program.value);
  const args = argv.slice(1);
  const flag = findConfigFlag(args.map((w) => w.value));
  const configPath = flag && (flag.inline ? { value: args[flag.index].value.slice(2), span: args[flag.index].span } : args[flag.index + 1]);
  // ExecStart= prefixes (`-`, `@`, `+`, `!`, `:`; systemd.service(5)) stand before the program's path when no path is written.
  if (name.replace(/^[-@+!:]+/, '') !== 'mosquitto') return { unit, daemon: { program, name, configPath } };
  const flags = mosquittoFlags(args);
  return { unit, daemon: { program, name, configPath, ...(flags.daemonize ? { daemonize: flags.daemonize } : {}), ports: flags.ports, ...(flags.portsUnknown ? { portsUnknown: true as const } : {}) } };
}

/**
 * mosquitto(8): `-c FILE` and `-p PORT` take a value (`-p` repeatable, 1–65535, src/conf.c
 * `config__parse_args`); `-d`/`--daemon` runs it in the background. A `-p` value systemd fills in from
 * the environment (`-p ${PORT}`) leaves the port unknown.
 */
function mosquittoFlags(args: ReadonlyArray<Located<string>>): { daemonize?: Located<string>; ports: number[]; portsUnknown: boolean } {
  const ports: number[] = [];
  let daemonize: Located<string> | undefined;
  let portsUnknown = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value;
    if (word === '-c' || word === '--config-file') i++;
    else if (word === '-p' || word === '--port') {
      const value = args[++i]?.value;
      if (value !== undefined && /^[0-9]{1,5}$/.test(value) && Number(value) >= 1 && Number(value) <= 65535) ports.push(Number(value));
      else portsUnknown = true;
    } else if ((word === '-d' || word === '--daemon') && !daemonize) daemonize = args[i];
  }
  return { ...(daemonize ? { daemonize } : {}), ports, portsUnknown };
}

/**
 * The images a class runs. A container's use is one object for every class its workload may land on
 * (`shared`): a workload without placement lands on every class, and a use per class (with its owner
 * string) was most of what the model build added to a Helm stream. Rules only read uses.
 */
function imageUses(target: NodeClassModel, shared: Map<Container, ImageUse>): ImageUse[] {
  const uses: ImageUse[] = [];
  for (const workload of target.workloads) {
    for (const container of workload.containers) {
      // A placeholder tag (`app:__TAG__`) is no version: nothing to compare, bundle or date (issue #10).
      if (!container.image || !container.imageRef || container.imageRef.placeholder) continue;
      let use = shared.get(container);
      if (!use) {
        use = {
          ref: container.imageRef,
          span: container.image.span,
          origin: 'manifest',
          owner: `${workload.kind} ${workload.object.name}`,
          helmSource: workload.object.helmSource,
          container,
          workload,
        };
        shared.set(container, use);
      }
      uses.push(use);
    }
  }
  for (const unit of target.units) {
    const image = unit.container?.image;
    const ref = image ? parseImageRef(image.value) : undefined;
    if (image && ref && !ref.placeholder) uses.push({ ref, span: image.span, origin: 'unit', owner: unit.unit.name });
  }
  for (const use of target.offlineBundle ?? []) if (!use.ref.placeholder) uses.push(use);
  return uses;
}

/**
 * Whether a script's labeling reaches nodes of the class: `--all` reaches every class; named nodes
 * reach the edge classes when one of them is a name the deployment gives an edge node; `keadm join
 * --labels` reaches the edge class the script installs (its host file's class, or every edge class
 * when the script is of none).
 */
function reaches(labeling: NodeLabeling, nodeClass: NodeClass, scriptClass: NodeClass | undefined, edgeNames: ReadonlySet<string>): boolean {
  if (labeling.nodes === 'all') return true;
  if (!isEdgeClass(nodeClass)) return false;
  if (labeling.nodes === 'joined') return scriptClass === undefined || scriptClass === nodeClass;
  // `kubectl label node '<edge-node>'`: a placeholder is filled in with some node's name, which may be
  // an edge node's, as a placeholder pin may (placement.ts matchNames).
  return labeling.nodes.some((name) => edgeNames.has(name) || !isNodeName(name));
}

type SomeNodesLabels = NonNullable<NodeClass['someNodesLabels']>;

function labelRecord(labelings: readonly NodeLabeling[]): SomeNodesLabels {
  const some: SomeNodesLabels = ownRecord();
  for (const labeling of labelings) addSomeNodesLabels(some, labeling.labels);
  return dedupeValues(some);
}

function dedupeValues(some: SomeNodesLabels): SomeNodesLabels {
  for (const entry of Object.values(some)) entry.values = [...new Set(entry.values)];
  return some;
}

function addSomeNodesLabels(some: SomeNodesLabels, labels: NodeLabeling['labels']): void {
  for (const { key, value } of labels) {
    const entry = (some[key] ??= { values: [], anyValue: false });
    if (value === undefined) entry.anyValue = true;
    else entry.values.push(value);
  }
}
