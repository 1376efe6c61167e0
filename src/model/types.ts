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

/** A normalised image reference: `eclipse-mosquitto:2.0` and `docker.io/library/eclipse-mosquitto:2.0` are equal. */
export interface ImageRef {
  /** As written. */
  raw: string;
  /** Registry host (with port), `docker.io` when absent. */
  registry: string;
  /** Path under the registry, with `library/` added for Docker Hub official images. */
  path: string;
  /** `registry/path`: the identity compared across sources. */
  repository: string;
  tag?: string;
  digest?: string;
  /**
   * The tag is a placeholder a template or script fills in (`__TAG__`, `${TAG}`, `{{ .Values.tag }}`,
   * `<tag>`): the repository is known, the version is not. Such a reference is not a version of its
   * image, so it is never compared with other versions, looked up in a bundle or an end-of-life list.
   */
  placeholder?: true;
  /**
   * Read from a tarball's file name (`turbine-telemetry-3.2.0.tar`), which cannot tell the registry or
   * namespace: `registry` is empty, `path` is the name as written, and `repository` is a key no
   * known reference has. Compare with `sameRepository` / `ImageIndex`, never by `repository`.
   */
  registryUnknown?: true;
  /** The short form people write: `eclipse-mosquitto:2.0`, `rancher/klipper-lb:v0.4.9`. */
  display: string;
}

// ---------------------------------------------------------------------------------------------
// Cloud side: Kubernetes objects and workloads
// ---------------------------------------------------------------------------------------------

export interface K8sObject {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  source: SourceFile;
  /** The object's whole mapping. */
  span: Span;
  /** `metadata.name` (or the object when absent): where object-level findings point. */
  nameSpan: Span;
  /** Template from a `# Source:` comment in `helm template` output. */
  helmSource?: string;
  annotations: Record<string, Located<string>>;
  labels: Record<string, string>;
  /** What the object's API schema rejects or drops (absent when nothing, or no schema for the kind). */
  schemaIssues?: K8sSchemaIssue[];
  /** A kustomization.yaml: the patch files it names, as written (`patches[].path`, `patchesStrategicMerge`, `patchesJson6902[].path`). */
  kustomizePatches?: string[];
  /**
   * Set by the model on objects of a file a kustomization names as a patch: a partial object kustomize
   * merges into a resource, never applied alone.
   */
  kustomizePatch?: boolean;
  /** A `kind: Node` object's `spec.taints` (empty when it has none); absent on other kinds. */
  nodeTaints?: NodeTaint[];
  /** A v1 Service that opens node ports (NodePort, or LoadBalancer allocating them); absent on other objects. */
  nodePortService?: NodePortService;
  /**
   * A v1 Service of type NodePort or LoadBalancer: the nodePorts it asks for by number (0 and unset
   * ports are allocated by the API server). Each is allocated once in the cluster; a LoadBalancer's are
   * allocated even with `allocateLoadBalancerNodePorts: false` (ServiceSpec: requested ports "will be
   * respected, regardless of this field").
   */
  requestedNodePorts?: Array<Located<number>>;
  /** A KubeEdge Device: the nodes it is bound to (edge nodes: the device twin lives in their edgecore). */
  deviceNodes?: string[];
  /** A CustomResourceDefinition: the kind it defines and each version's schema (shipped-crds.ts). */
  crd?: ShippedCrd;
}

/** What a CustomResourceDefinition the deployment applies says of its kind. */
export interface ShippedCrd {
  group: string;
  kind: string;
  /**
   * By version name: whether it is served, and its openAPIV3Schema as plain data. `schemaUnknown`: the
   * CRD is generated from types the tree does not hold as a schema (a kubebuilder PROJECT's APIs).
   */
  versions: Map<string, { served: boolean; schema?: unknown; schemaUnknown?: boolean }>;
}

/**
 * What a Service that opens node ports says: kube-proxy opens each port's nodePort on every node's
 * addresses and forwards it to the selected pods' targetPort (Kubernetes "Service" concept page,
 * type NodePort; a LoadBalancer Service allocates node ports too unless
 * `allocateLoadBalancerNodePorts: false`, ServiceSpec API reference).
 */
export interface NodePortService {
  type: 'NodePort' | 'LoadBalancer';
  /** `spec.selector`: pods of the Service's namespace carrying every one of these labels. */
  selector: Record<string, string>;
  ports: ServicePort[];
}

export interface ServicePort {
  /** `port`: the Service's own port, and the default targetPort. */
  port?: Located<number>;
  /** A container port's number, or the name of a container port; absent: the same as `port`. */
  targetPort?: Located<number | string>;
  /** Absent: the API server allocates one (30000-32767 unless --service-node-port-range says otherwise). */
  nodePort?: Located<number>;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  /** The port entry. */
  span: Span;
}

export interface NodeTaint {
  key: string;
  value?: string;
  effect: string;
}

/**
 * One place where an object departs from its API schema, found while its document was composed
 * (src/model/k8s-schema.ts). Plain data with spans, so it crosses from the YAML worker thread.
 */
export interface K8sSchemaIssue {
  /**
   * `missing-api-version`: a document of a kind the table knows, without `apiVersion` (`allowed`: the
   * apiVersions of that kind); `unserved-version`: a KubeEdge kind under a version no supported
   * release's CRD serves (`value`: as written, `allowed`: the served apiVersions).
   */
  kind: 'unknown-field' | 'wrong-type' | 'bad-enum' | 'missing-field' | 'missing-api-version' | 'unserved-version' | 'removed-version' | 'selector-mismatch' | 'invalid-value';
  /** Dotted path from the object root as written: `spec.template.spec.containers[0].imagePullpolicy`. */
  path: string;
  /** The path is too long to write whole: its middle is left out (`…`, k8s-schema.ts PATH_HEAD). */
  elided?: true;
  /** The unknown key, the wrong value, or (missing field) the closest parent's key. */
  span: Span;
  /** Unknown field: the key as written; missing field: the required field. */
  field?: string;
  /** The API type that declares (or lacks) the field: `Container`, `DaemonSetSpec`. */
  type?: string;
  /** A declared field of that type the unknown key is probably meant to be. */
  suggestion?: string;
  /** Wrong type: what the schema wants (`an integer`) and what is written (`the string "1883"`). */
  expected?: string;
  actual?: string;
  /** Enum: the values the API accepts and the one written. */
  allowed?: string[];
  value?: string;
  /** `missing-field`: the field is written, with no value (`image:`, `image: ""`); `span` is its key. */
  empty?: true;
  /** `selector-mismatch`: the `spec.selector` that does not select the template's labels (`value`: it, as text). */
  related?: Span;
  /**
   * `invalid-value`: what the API server's validation says after the path, in its words
   * (`Invalid value: "Web": a lowercase RFC 1123 …`, `Required value`, `Duplicate value: 30007`).
   */
  detail?: string;
  /**
   * `invalid-value` a kustomization could make valid: a name whose only fault is its first or last
   * character (a `namePrefix` or `nameSuffix` supplies one), or a namespace (its `namespace:` replaces it).
   */
  kustomizeFixable?: 'name' | 'namespace';
  /**
   * `invalid-value` that rests on what the object does not say (a port without a name beside others,
   * a nodePort without `type`): a kustomize patch leaves those to the resource it is merged into.
   */
  restsOnAbsence?: true;
  /** `removed-version`: the Kubernetes release that stopped serving the version (`allowed`: what to write instead). */
  removedIn?: string;
}

export type WorkloadKind = 'Pod' | 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'ReplicaSet' | 'Job' | 'CronJob';

export interface ContainerPort {
  /** The port's name, which a Service's targetPort may name. */
  name?: string;
  containerPort?: Located<number>;
  hostPort?: Located<number>;
  hostIP?: Located<string>;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  span: Span;
}

export interface Container {
  name: string;
  init: boolean;
  /** The container mapping. */
  span: Span;
  image?: Located<string>;
  imageRef?: ImageRef;
  imagePullPolicy?: Located<string>;
  ports: ContainerPort[];
  /** `command` + `args` as strings, when literal: tells which config file an image is started with. */
  command: string[];
  args: string[];
  /** Where volumes are mounted: a mount over an image's config path replaces the image's own config. */
  volumeMounts: Array<{ name: string; mountPath: string; subPath?: string; subPathSpan?: Span }>;
  /** `env[].valueFrom.configMapKeyRef`s (absent when none): a missing key stops the container. */
  configMapKeyRefs?: ConfigMapKeyRef[];
}

export interface ConfigMapKeyRef {
  configMap: string;
  key: Located<string>;
  optional: boolean;
}

/** One `items[]` entry of a configMap volume: the key projected, and the file it becomes. */
export interface ConfigMapItem {
  key: Located<string>;
  path: string;
}

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface SelectorRequirement {
  key: string;
  operator: Operator | string;
  values: string[];
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

export interface Placement {
  nodeSelector: Record<string, string>;
  /** Required node affinity: OR of terms, each an AND of requirements. Empty = no constraint. */
  requiredTerms: SelectorRequirement[][];
  tolerations: Toleration[];
  /** `spec.nodeName`: the pod is bound to that node, the scheduler bypassed (not modelled as a node). */
  nodeName?: string;
  /** Where placement was decided: nodeSelector or affinity node, else the pod spec. */
  span: Span;
}

export interface Workload {
  object: K8sObject;
  kind: WorkloadKind;
  /** The pod spec mapping (for a missing field, the closest parent). */
  podSpan: Span;
  hostNetwork?: Located<boolean>;
  hostIPC?: Located<boolean>;
  containers: Container[];
  sysctls: Array<{ name: Located<string>; value?: Located<string> }>;
  placement: Placement;
  /** Names of the node classes this workload's pods land on, decided by the model builder. */
  landsOn: string[];
  /** Pod volumes that name a ConfigMap or a host path (the others only matter as "not the image's own file"). */
  volumes: PodVolume[];
  /** The labels of the pods (the pod template's, a Pod's own): what a Service's selector matches. */
  podLabels?: Record<string, string>;
}

export interface PodVolume {
  name: string;
  configMap?: string;
  hostPath?: string;
  /** A configMap volume's `items` (absent when it projects every key). */
  items?: ConfigMapItem[];
  /** `configMap.optional: true`: a missing ConfigMap or key is skipped, not an error. */
  optional?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Node side
// ---------------------------------------------------------------------------------------------

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

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
