/**
 * The cloud side of the node model (types.ts): Kubernetes objects and workloads as rules read them,
 * extracted while each document is composed, and the image reference both sides share.
 */
import type { Located, SourceFile, Span } from '../core/source.js';

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
  /**
   * A v1 Service of `type: LoadBalancer` the cluster's default load balancer serves (no
   * `spec.loadBalancerClass`: cloud-provider's wantsLoadBalancer), with its `spec.ipFamilies` as
   * written (empty: the cluster's default family). K3s's ServiceLB gives each a DaemonSet.
   */
  loadBalancer?: { families: string[] };
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
   * release's CRD serves (`value`: as written, `allowed`: the served apiVersions); `kind-case`: a kind
   * the apiVersion serves only in another letter case (`value`: as written, `type`: as served).
   */
  kind: 'unknown-field' | 'wrong-type' | 'bad-enum' | 'missing-field' | 'missing-api-version' | 'unserved-version' | 'removed-version' | 'selector-mismatch' | 'invalid-value' | 'kind-case';
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
  /**
   * An `imagePullPolicy` written as something other than a string: a template placeholder
   * (`imagePullPolicy: {{ pull_policy }}` parses as a mapping) a renderer fills in, or a type error
   * k8s/schema reports. Either way a policy is stated, just not readable here.
   */
  imagePullPolicyUnread?: Span;
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

/** A port's protocol, as Kubernetes names them (also what units and compose files publish). */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';
