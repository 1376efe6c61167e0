/**
 * The node model (SPEC §2): what runs on each class of node, assembled from every input file.
 *
 * Every leaf a rule may report on is `Located`, so rules never compute positions. The model keeps no
 * parsed YAML documents for Kubernetes objects (a 100,000-object Helm stream must fit the default heap):
 * what rules need is extracted while each document is composed, and the document is dropped.
 */
import type { Located, SourceFile, Span } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import type { EdgecoreConfig } from './edgecore.js';
import type { MosquittoConfig } from '../parse/mosquitto.js';
import type { SystemdUnit } from '../parse/systemd.js';
import type { ContainerInvocation } from '../parse/command-line.js';
import type { YamlLineEdit } from '../script/read-script.js';
import type { DeploymentRelease } from './release.js';
import type { ImageRef, Protocol, K8sObject, NodePortService, NodeTaint, Container, Placement, Workload } from './k8s-types.js';

// The cloud side's types live in k8s-types.ts; the model's importers read every type from here.
export type * from './k8s-types.js';

// ---------------------------------------------------------------------------------------------
// Node side
// ---------------------------------------------------------------------------------------------

/** Something that binds a port in the host's network namespace. */
export interface Listener {
  /** The port, or the first of a published range. */
  port: number;
  /** The last port of a published range (`-p 8000-8010:80-90`), inclusive; absent for one port. */
  portEnd?: number;
  protocol: Protocol;
  /** `0.0.0.0`, `::`, `127.0.0.1`, `::1`, or a specific address. Wildcards collide with every address. */
  address: string;
  /** The node that makes the bind happen: the port declaration, the `--net-host` flag, the conf line. */
  span: Span;
  /** Who binds: `DaemonSet edge-eclipse-mosquitto`, `mosquitto.service`, `edgecore (eventBus internal broker)`. */
  owner: string;
  /** Why this bind is known: `declared hostPort`, `default config of eclipse-mosquitto:1.6.15`, … */
  reason: string;
  origin: 'workload' | 'unit' | 'edgecore' | 'mosquitto-conf' | 'compose' | 'script';
  /**
   * Known only from edgecore's assumed defaults (no edgecore.yaml of the class in the deployment):
   * `span` points into no file, so a rule names it but never reports at it.
   */
  assumed?: true;
  /** What is served, when known: a broker's MQTT or websockets listener, or mosquitto 2.1's HTTP dashboard. */
  service?: 'mqtt' | 'websockets' | 'http_api';
  /** True when the listener accepts clients without credentials (MQTT brokers). */
  anonymous?: boolean;
  /** For anonymous listeners: the node that makes it anonymous (a conf line, or the image reference). */
  anonymousSpan?: Span;
  helmSource?: string;
  /**
   * One process: its listeners from one bind site never conflict (a broker binding v4 and v6 from one
   * line); two `listener` lines of one broker on one port do (node/host-port-conflict).
   */
  ownerKey: string;
  /**
   * Processes of which a node runs at most one: systemd loads one unit per name (`systemd:NAME`),
   * a node runs one edgecore (`edgecore`), and one container of one Kubernetes object
   * (`object:IDENTITY\0CONTAINER`: manifests of one kind, namespace and name are alternatives). Listeners of one group but different owners are
   * variants of one process (two sites' `mosquitto.service`, two `edgecore.yaml`), never both bound
   * on one node. A mosquitto.conf no unit or pod reads is the distribution's broker
   * (`systemd:mosquitto.service`): several such files of a deployment are that one broker's config on
   * different nodes (one file per node), never two brokers on one node.
   */
  exclusive?: string;
  /**
   * Where a workload's pods may run (its nodeSelector and required node affinity); absent for units,
   * edgecore and host configs, which run on every node of their class. Pods of two workloads whose
   * placements no one node satisfies (each pinned to another `kubernetes.io/hostname`) never share a node.
   */
  placement?: Placement;
  /**
   * A port declared on a pod (a hostPort, or a containerPort under hostNetwork, which the API server
   * defaults hostPort to): the scheduler's NodePorts filter sees it and never places two pods claiming
   * it on one node (two containers of one pod are not kept apart that way). `pod` tells the pods
   * apart (the object identity: manifests of one object make one pod); `daemon` when the pod must run on every node its placement allows (a DaemonSet).
   */
  podPort?: { pod: string; daemon: boolean };
  /**
   * What makes the broker read the config its conf lines come from, when that is not where the
   * finding points (a Dockerfile's COPY of the file into the image a compose service builds).
   */
  via?: { at: Span; message: string };
}

/** A node port kube-proxy opens on every node (Service `type: NodePort` / `LoadBalancer`). */
export interface NodePortOpening {
  /** The Service. */
  object: K8sObject;
  type: NodePortService['type'];
  /** The node port as written; absent when the API server allocates it. */
  nodePort?: number;
  /** The Service's port entry: its `nodePort`, else the entry. */
  span: Span;
}

/** A broker listener in a selected pod, and the node ports that reach it (at most MAX_SERVICES_PER_POD Services' worth). */
export interface NodePortExposure {
  openings: NodePortOpening[];
  /** The container the ports reach: `Deployment mqtt (container mosquitto)`. */
  owner: string;
  /** The port the broker listens on inside the pod (the resolved targetPort). */
  targetPort: number;
  service: NonNullable<Listener['service']>;
  anonymous: boolean;
  /** The line (or image reference) that makes the broker anonymous, else its listener. */
  anonymousSpan: Span;
  reason: string;
}

export type ImageOrigin = 'manifest' | 'unit' | 'bundle' | 'baseline';

/** One place an image reference comes from. */
export interface ImageUse {
  ref: ImageRef;
  span: Span;
  origin: ImageOrigin;
  /** `DaemonSet edge-eclipse-mosquitto`, `mosquitto.service`, `offline bundle eclipse-mosquitto-2.0.tar`. */
  owner: string;
  helmSource?: string;
  /** The container, for manifest uses. */
  container?: Container;
  workload?: Workload;
}

/** A systemd unit after drop-ins, with what its ExecStart runs. */
/**
 * A mosquitto an install script starts on its host (`mosquitto -d -p 1883`, `nohup mosquitto -c F &`;
 * script/broker-runs.ts): `-c FILE`, each `-p PORT`, and whether a word the run decides stands among
 * its arguments (then what it binds is unknown). `span` is the command, in the script (or a heredoc of it).
 */
export interface HostBroker {
  program: Located<string>;
  configPath?: Located<string>;
  ports: number[];
  unknown: boolean;
  span: Span;
}

export interface HostUnit {
  unit: SystemdUnit;
  /** A container started by `ctr`/`nerdctl`/`docker`/`podman` in ExecStart. */
  container?: ContainerInvocation;
  /** A native daemon (`/usr/sbin/mosquitto -c FILE`). */
  /**
   * `daemonize`: mosquitto's `-d`/`--daemon` (mosquitto(8)), the word as written: the process systemd
   * starts forks the broker into the background and exits.
   */
  daemon?: { program: Located<string>; name: string; configPath?: Located<string>; daemonize?: Located<string>; ports?: number[]; portsUnknown?: true };
  /**
   * `Type=` as systemd runs the service (parse/systemd.ts `serviceTypeOf`): invalid values ignored,
   * the default filled in; `explicit` when a valid `Type=` chose it. Set for `.service` units.
   */
  serviceType?: { value: string; explicit: boolean };
  /**
   * ExecStart runs a shell script an install script of the deployment writes at that path; `returns`
   * when each of its commands returns (src/script/script-returns.ts), so the service ends with it.
   */
  runsScript?: { returns: boolean };
}

export interface NodeClass {
  name: string;
  /** Labels every node of the class carries, with their values. */
  labels: Record<string, string>;
  /** Label keys every node carries with a value not known in advance (`kubernetes.io/arch`). */
  anyValueLabels: string[];
  /** Other labels may exist (the open-world `cloud` class); requirements on unknown keys may match. */
  openLabels: boolean;
  /** Keys no node of the class carries (the `cloud` class never has the edge role label). */
  absentLabels: string[];
  taints: NodeTaint[];
  /**
   * The nodes of the class the deployment describes with `kind: Node` objects (placement.ts
   * describedNodes), each a class of one node: its labels, the labels its registrant adds, and its
   * taints. When set, a pod lands on the class when it lands on one of them.
   */
  nodes?: NodeClass[];
  /**
   * The names of the class's nodes the deployment states (placement.ts edgeNodeNames): when set, a pod
   * pinned by `kubernetes.io/hostname` or bound by `nodeName` lands on the class only under one of them.
   */
  nodeNames?: string[];
  /**
   * Every name the deployment gives one of the class's nodes (edge-node-names.ts), whether or not they
   * are all of them: a label a pod requires with one of these as its value is meant to pick that node
   * (placement.ts openedByEdgeIntent).
   */
  givenNodeNames?: string[];
  /**
   * Labels install scripts put on some of the class's nodes (`kubectl label node`, `keadm join
   * --labels`) with every value they give: a requirement on one may hold ("maybe"), unless it asks
   * for values none of them has. `anyValue`: some value is decided at run time.
   */
  someNodesLabels?: Record<string, { values: string[]; anyValue: boolean }>;
  /**
   * A node a `kind: Node` object describes: the labels install scripts put on it by its name
   * (`kubectl label node NAME`), read as someNodesLabels are (the class's own, `--all` and `keadm join
   * --labels`, stay in someNodesLabels, shared by the class's described nodes).
   */
  namedNodeLabels?: Record<string, { values: string[]; anyValue: boolean }>;
}

/** Labels an install script puts on nodes: named ones, every node (`--all`), or the node it joins (`keadm join --labels`). */
export interface NodeLabeling {
  nodes: readonly string[] | 'all' | 'joined';
  labels: ReadonlyArray<{ key: string; value: string | undefined }>;
  /** The script's path, for its host class. */
  script: string;
}

/** Everything known about one class of node. */
export interface NodeClassModel {
  nodeClass: NodeClass;
  workloads: Workload[];
  units: HostUnit[];
  edgecore: EdgecoreConfig[];
  /**
   * Set for an edge class none of whose edgecore.yaml is in the deployment: its nodes are assumed to
   * run edgecore with the defaults (an empty config, `assumed: true`). Rules that depend on edgecore's
   * settings read it where `edgecore` is empty; findings resting only on it say so and are warnings.
   */
  assumedEdgecore?: EdgecoreConfig;
  mosquitto: MosquittoConfig[];
  listeners: Listener[];
  images: ImageUse[];
  /** The offline bundle: undefined when none is declared. */
  offlineBundle?: ImageUse[];
  /** An import into this class's nodes names its archive only at run time: the bundle holds images nothing here names. */
  offlineBundleOpen?: boolean;
}

/** Settings from config that rules read (already validated). */
export interface ModelSettings {
  /** From config; undefined = not set (schemas: the edgecore file's `edgecoreVersion`, else the newest). */
  kubeedgeVersion?: string;
  /** Images the fleet is meant to run: `eclipse-mosquitto:2.0`. */
  baselineImages: Located<string>[];
}

export interface YamlDuplicateKey {
  key: string;
  /** The later key (the one that wins in Go's YAML decoders). */
  span: Span;
  /** The earlier key it overrides. */
  firstSpan: Span;
  /** Path to the mapping holding both keys: `modules` (root = ''). */
  path: string;
  /** Keys under the earlier mapping that the later one lacks: lost when the last key wins. */
  lostKeys: string[];
  /** Both keys hold the same scalar value. */
  sameValue?: boolean;
  /** What reads the document: decides what the message says happens. */
  consumer: 'edgecore' | 'kubernetes' | 'yaml';
}

/** A ConfigMap's `data`, kept so a config file mounted from it can be read like a file. */
export interface ConfigMapData {
  object: K8sObject;
  data: Record<string, Located<string>>;
  /** Keys besides `data`'s string values: `binaryData` keys, and `data` keys of another value type. */
  otherKeys?: string[];
  /**
   * The keys cannot all be read from the file: `data`/`binaryData` is not a literal mapping (a Helm
   * `{{ toYaml … }}` block, an alias) or a key is a template expression.
   */
  keysUnknown?: boolean;
}

export interface Model {
  settings: ModelSettings;
  sources: SourceFile[];
  objects: K8sObject[];
  workloads: Workload[];
  configMaps: ConfigMapData[];
  classes: NodeClassModel[];
  /**
   * Brokers a NodePort or LoadBalancer Service reaches from every node (src/model/node-ports.ts),
   * whatever the pods' own network namespace.
   */
  nodePorts: NodePortExposure[];
  duplicateKeys: YamlDuplicateKey[];
  parseProblems: ParseProblem[];
  /** `sed -i` / `cat >>` edits of YAML files found in install scripts. */
  /**
   * Line edits of YAML files by install scripts. `template`: the repository file the script copied to
   * the edited path before the edit (`cp TEMPLATE DEST; sed -i … DEST`), whose text DEST then holds.
   */
  scriptEdits: Array<{ edit: YamlLineEdit; script: SourceFile; template?: SourceFile }>;
  /**
   * `*.yaml`/`*.yml` files of the deployment (on disk, or written by a script) of no kind edgelint
   * lints: no rule reports on them; their text is what a script's line edit of that path edits.
   */
  unlintedYaml: SourceFile[];
  /**
   * The KubeEdge release the deployment itself states (install scripts, edgecore.yaml's
   * `edgecoreVersion`; src/model/release.ts): `minor` when all of it agrees on one.
   */
  release: DeploymentRelease;
  /** Look up a class by name. */
  nodeClass(name: string): NodeClassModel | undefined;
}
