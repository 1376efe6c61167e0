/**
 * Kubernetes objects → model objects and workloads, read straight from the YAML node tree so every
 * field keeps its position and no plain-JS copy of the stream is kept.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import { located, span } from '../core/source.js';
import type { Located, SourceFile, Span } from '../core/source.js';
import { getIn, getNode, mapEntries, nodeSpan, scalarString, seqItems } from '../parse/yaml-nodes.js';
import { parseImageRef } from './image-ref.js';
import { linesOf } from './text-lines.js';
import { apiVersionsOfKind, checkObjectSchema } from './k8s-schema.js';
import { readShippedCrd } from './shipped-crds.js';
import type {
  ConfigMapData,
  ConfigMapKeyRef,
  Container,
  ContainerPort,
  K8sObject,
  NodePortService,
  NodeTaint,
  Placement,
  PodVolume,
  ServicePort,
  SelectorRequirement,
  Toleration,
  Workload,
  WorkloadKind,
} from './types.js';
import { ownRecord } from '../core/records.js';
import { exact } from '../core/arrays.js';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATH: Record<WorkloadKind, readonly string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.prototype.hasOwnProperty.call(POD_SPEC_PATH, kind);
}

export interface ExtractedObjects {
  objects: K8sObject[];
  workloads: Workload[];
  configMaps?: ConfigMapData[];
}

/**
 * Reads the Kubernetes objects in one document: the document itself, or the items of a `kind: List`
 * (or any `*List`, as `kubectl get -o yaml` prints).
 */
export function extractKubernetes(
  source: SourceFile,
  doc: Document.Parsed,
  helmSource: string | undefined,
  out: ExtractedObjects,
): void {
  const root = doc.contents;
  if (!isMap(root)) return;
  const kind = scalarString(getNode(doc, root, 'kind'));
  const apiVersion = scalarString(getNode(doc, root, 'apiVersion'));
  if (!kind || (!apiVersion && !isUnversionedObject(doc, root))) return;
  readListOrObject(source, doc, root, helmSource, out, 0);
}

/**
 * A mapping that is a Kubernetes object but for its `apiVersion`: a `kind` the schema table knows
 * (`Pod`, `Deployment`, `Device`…) with `metadata` or `spec` beside it. kubectl refuses it ("apiVersion
 * not set"), so it is reported, not skipped. A `kind` alone is not enough: Helm values, compose files
 * and CI workflows may have a `kind` key of their own, but not a kind of the table with an object's
 * `metadata` or `spec`.
 */
export function isUnversionedObject(doc: Document.Parsed, node: unknown): boolean {
  if (!isMap(node) || scalarString(getNode(doc, node, 'apiVersion'))) return false;
  const kind = scalarString(getNode(doc, node, 'kind'));
  if (!kind || apiVersionsOfKind(kind).length === 0) return false;
  return isMap(getNode(doc, node, 'metadata')) || isMap(getNode(doc, node, 'spec'));
}

/**
 * The node a KubeEdge Device is bound to: `spec.nodeName` in v1beta1 (KubeEdge 1.15 on), the
 * `spec.nodeSelector` terms' `In` values in v1alpha2 (kubeedge/kubeedge pkg/apis/devices; the
 * documented examples match the node's name under key `''` or `kubernetes.io/hostname`).
 */
function readDeviceNodes(doc: Document.Parsed, node: unknown): string[] {
  const names: string[] = [];
  const nodeName = scalarString(getIn(doc, node, ['spec', 'nodeName']));
  if (nodeName) names.push(nodeName);
  for (const term of seqItems(doc, getIn(doc, node, ['spec', 'nodeSelector', 'nodeSelectorTerms']))) {
    for (const expression of seqItems(doc, getNode(doc, term, 'matchExpressions'))) {
      const key = scalarString(getNode(doc, expression, 'key')) ?? '';
      if (scalarString(getNode(doc, expression, 'operator')) !== 'In' || (key !== '' && key !== 'kubernetes.io/hostname')) continue;
      for (const value of seqItems(doc, getNode(doc, expression, 'values'))) {
        const name = scalarString(value);
        if (name) names.push(name);
      }
    }
  }
  return names;
}

/** A Node's `spec.taints`: entries without a key or an effect are refused by the API server (ValidateNodeSpec), so skipped. */
function readTaints(doc: Document.Parsed, node: unknown): NodeTaint[] {
  const taints: NodeTaint[] = [];
  for (const item of seqItems(doc, getIn(doc, node, ['spec', 'taints']))) {
    const key = scalarString(getNode(doc, item, 'key'));
    const effect = scalarString(getNode(doc, item, 'effect'));
    if (!key || !effect) continue;
    const value = scalarString(getNode(doc, item, 'value'));
    taints.push(value === undefined ? { key, effect } : { key, value, effect });
  }
  return exact(taints);
}

/**
 * A Service that opens a port on every node: `type: NodePort`, or `type: LoadBalancer` unless
 * `allocateLoadBalancerNodePorts: false` (ServiceSpec, core/v1). A ClusterIP Service (the default
 * type) is reachable from the cluster's pods only, and a headless or ExternalName one opens nothing.
 */
function readNodePortService(source: SourceFile, doc: Document.Parsed, node: unknown): NodePortService | undefined {
  const spec = getNode(doc, node, 'spec');
  const type = scalarString(getNode(doc, spec, 'type'));
  if (type !== 'NodePort' && type !== 'LoadBalancer') return undefined;
  if (type === 'LoadBalancer' && scalarString(getNode(doc, spec, 'allocateLoadBalancerNodePorts')) === 'false') return undefined;
  const selector = ownRecord<string>();
  for (const entry of mapEntries(doc, getNode(doc, spec, 'selector'))) selector[entry.key] = scalarString(entry.value) ?? '';
  const ports: ServicePort[] = [];
  for (const item of seqItems(doc, getNode(doc, spec, 'ports'))) {
    if (!isMap(item)) continue;
    const targetNode = getNode(doc, item, 'targetPort');
    const target = scalarString(targetNode);
    ports.push({
      port: numberField(source, doc, item, 'port'),
      // IntOrString: a number is the container port; a string (quoted digits too: JSON keeps them a
      // string) names one of the pods' container ports (pkg/api/v1/pod FindPort).
      ...(target === undefined ? {} : { targetPort: located(isScalar(targetNode) && typeof targetNode.value === 'number' ? targetNode.value : target, nodeSpan(source, targetNode as never)) }),
      nodePort: numberField(source, doc, item, 'nodePort'),
      protocol: normaliseProtocol(scalarString(getNode(doc, item, 'protocol'))),
      span: nodeSpan(source, item),
    });
  }
  return { type, selector, ports: exact(ports) };
}

/**
 * The nodePorts a NodePort or LoadBalancer Service asks for, each number once: one Service may use a
 * number for TCP and UDP alike (the allocator's collectServiceNodePorts folds them). A ClusterIP
 * Service's nodePort is refused by validation (k8s/schema), not allocated.
 */
function requestedNodePorts(source: SourceFile, doc: Document.Parsed, node: unknown): Array<Located<number>> {
  const spec = getNode(doc, node, 'spec');
  const type = scalarString(getNode(doc, spec, 'type'));
  if (type !== 'NodePort' && type !== 'LoadBalancer') return [];
  const seen = new Set<number>();
  const ports: Array<Located<number>> = [];
  for (const item of seqItems(doc, getNode(doc, spec, 'ports'))) {
    // A quoted number is a string, which the API server's decoding refuses (k8s/schema says so).
    const written = getNode(doc, item, 'nodePort');
    const nodePort = isScalar(written) && typeof written.value === 'number' ? numberField(source, doc, item, 'nodePort') : undefined;
    if (!nodePort || nodePort.value === 0 || seen.has(nodePort.value)) continue;
    seen.add(nodePort.value);
    ports.push(nodePort);
  }
  return exact(ports);
}

/**
 * A List's items may be Lists themselves (kubectl's resource builder flattens lists of lists,
 * cli-runtime FlattenListVisitor); nesting past this depth is read as objects, not followed, so a
 * hostile file cannot make the walk deep.
 */
const MAX_LIST_DEPTH = 16;

function readListOrObject(source: SourceFile, doc: Document.Parsed, node: unknown, helmSource: string | undefined, out: ExtractedObjects, depth: number): void {
  const kind = isMap(node) ? scalarString(getNode(doc, node, 'kind')) : undefined;
  const items = kind?.endsWith('List') && depth < MAX_LIST_DEPTH ? getNode(doc, node, 'items') : undefined;
  if (items === undefined) {
    readObject(source, doc, node, helmSource, out);
    return;
  }
  for (const item of seqItems(doc, items)) readListOrObject(source, doc, item, helmSource, out, depth + 1);
}

function readObject(source: SourceFile, doc: Document.Parsed, node: unknown, helmSource: string | undefined, out: ExtractedObjects): void {
  if (!isMap(node)) return;
  const kind = scalarString(getNode(doc, node, 'kind'));
  const apiVersion = scalarString(getNode(doc, node, 'apiVersion')) ?? '';
  if (!kind || (!apiVersion && !isUnversionedObject(doc, node))) return;
  const objectSpan = nodeSpan(source, node);
  const metadata = getNode(doc, node, 'metadata');
  const nameNode = getNode(doc, metadata, 'name');
  const annotations = ownRecord<Located<string>>();
  for (const entry of mapEntries(doc, getNode(doc, metadata, 'annotations'))) {
    const value = scalarString(entry.value);
    if (value !== undefined) annotations[entry.key] = located(value, nodeSpan(source, entry.value as never, objectSpan));
  }
  const labels = ownRecord<string>();
  for (const entry of mapEntries(doc, getNode(doc, metadata, 'labels'))) labels[entry.key] = scalarString(entry.value) ?? '';
  const object: K8sObject = {
    apiVersion,
    kind,
    name: scalarString(nameNode) ?? '',
    namespace: scalarString(getNode(doc, metadata, 'namespace')),
    source,
    span: objectSpan,
    nameSpan: nameNode ? nodeSpan(source, nameNode as never) : nodeSpan(source, getNode(doc, node, 'kind') as never, objectSpan),
    helmSource,
    annotations,
    labels,
  };
  const kindNode = getNode(doc, node, 'kind');
  const schemaIssues = checkObjectSchema(source, node, apiVersion, kind, nodeSpan(source, kindNode as never, objectSpan));
  if (schemaIssues) object.schemaIssues = schemaIssues;
  out.objects.push(object);
  // Refused by kubectl: it runs nowhere, so other rules do not read it as a workload or ConfigMap.
  if (!apiVersion) return;
  if (kind === 'Kustomization' && apiVersion.startsWith('kustomize.config.k8s.io/')) object.kustomizePatches = kustomizePatchPaths(doc, node);
  if (kind === 'ConfigMap' && out.configMaps) out.configMaps.push(readConfigMap(source, doc, node, object));
  if (kind === 'Node' && apiVersion === 'v1') object.nodeTaints = readTaints(doc, node);
  if (kind === 'Device' && apiVersion.startsWith('devices.kubeedge.io/')) object.deviceNodes = readDeviceNodes(doc, node);
  if (kind === 'CustomResourceDefinition' && apiVersion.startsWith('apiextensions.k8s.io/')) {
    const crd = readShippedCrd(doc, node);
    if (crd) object.crd = crd;
  }
  if (kind === 'Service' && apiVersion === 'v1') {
    const service = readNodePortService(source, doc, node);
    if (service) object.nodePortService = service;
    const requested = requestedNodePorts(source, doc, node);
    if (requested.length) object.requestedNodePorts = requested;
    const spec = getNode(doc, node, 'spec');
    if (scalarString(getNode(doc, spec, 'type')) === 'LoadBalancer' && scalarString(getNode(doc, spec, 'loadBalancerClass')) === undefined) {
      object.loadBalancer = { families: seqItems(doc, getNode(doc, spec, 'ipFamilies')).map((n) => scalarString(n) ?? '') };
    }
  }
  if (isWorkloadKind(kind)) {
    const workload = readWorkload(source, doc, node, object, kind);
    if (workload) out.workloads.push(workload);
  }
}

function readConfigMap(source: SourceFile, doc: Document.Parsed, node: unknown, object: K8sObject): ConfigMapData {
  const data: ConfigMapData['data'] = ownRecord();
  const otherKeys: string[] = [];
  let keysUnknown = false;
  for (const field of ['data', 'binaryData']) {
    const mapping = getNode(doc, node, field);
    if (mapping === undefined || mapping === null || (isScalar(mapping) && mapping.value === null)) continue;
    if (!isMap(mapping)) keysUnknown = true;
    for (const entry of mapEntries(doc, mapping)) {
      // A merge key or a template expression stands for keys the file does not spell out.
      if (entry.key === '<<' || entry.key.includes('{{')) keysUnknown = true;
      const value = field === 'data' ? scalarString(entry.value) : undefined;
      if (value === undefined) otherKeys.push(entry.key);
      else {
        const at = nodeSpan(source, entry.value as never, object.span);
        data[entry.key] = linesOf(at, value) ?? located(flatCopy(value), at);
      }
    }
    if (isMap(mapping) && mapping.items.some((pair) => scalarString(pair.key) === undefined)) keysUnknown = true;
  }
  return { object, data, ...(otherKeys.length ? { otherKeys: exact(otherKeys) } : {}), ...(keysUnknown ? { keysUnknown } : {}) };
}

/**
 * The files a kustomization merges into its resources (kustomize api/types/kustomization.go: `patches`
 * with a `path`, and the older `patchesStrategicMerge` / `patchesJson6902`); inline patches name none.
 * A bare path under `patches` is the field's early form (kustomize 1.x: a list of strategic-merge patch
 * files, later renamed `patchesStrategicMerge`); kustomize 5 refuses the kustomization for it ("cannot
 * unmarshal string into Go struct field Kustomization.patches"), so the file is a patch either way:
 * merged into a resource, or applied by nothing.
 */
function kustomizePatchPaths(doc: Document.Parsed, node: unknown): string[] {
  const paths: string[] = [];
  for (const key of ['patches', 'patchesJson6902']) {
    for (const item of seqItems(doc, getNode(doc, node, key))) {
      const bare = key === 'patches' && isScalar(item) ? scalarString(item) : undefined;
      const path = bare ?? scalarString(getNode(doc, item, 'path'));
      if (path && !path.includes('\n')) paths.push(path);
    }
  }
  for (const item of seqItems(doc, getNode(doc, node, 'patchesStrategicMerge'))) {
    const path = scalarString(item);
    // An entry may be an inline patch (a YAML string with newlines) instead of a file.
    if (path && !path.includes('\n')) paths.push(path);
  }
  return exact(paths);
}

function readWorkload(source: SourceFile, doc: Document.Parsed, node: unknown, object: K8sObject, kind: WorkloadKind): Workload | undefined {
  let podSpec: unknown = node;
  for (const key of POD_SPEC_PATH[kind]) {
    const next = getNode(doc, podSpec, key);
    if (!isMap(next)) {
      podSpec = undefined;
      break;
    }
    podSpec = next;
  }
  if (!isMap(podSpec)) return undefined;
  const podSpan = nodeSpan(source, podSpec);
  const hostNetworkNode = getNode(doc, podSpec, 'hostNetwork');
  const hostNetworkValue = scalarString(hostNetworkNode);
  const hostIPCNode = getNode(doc, podSpec, 'hostIPC');
  const hostIPCValue = scalarString(hostIPCNode);
  const containers: Container[] = [];
  for (const [field, init] of [['initContainers', true], ['containers', false]] as const) {
    for (const item of seqItems(doc, getNode(doc, podSpec, field))) {
      const container = readContainer(source, doc, item, init);
      if (container) containers.push(container);
    }
  }
  // The pod template's labels (a bare Pod's are its own): `metadata` beside the pod spec.
  const podLabels = ownRecord<string>();
  for (const entry of mapEntries(doc, getIn(doc, node, [...POD_SPEC_PATH[kind].slice(0, -1), 'metadata', 'labels']))) podLabels[entry.key] = scalarString(entry.value) ?? '';
  const sysctls: Workload['sysctls'] = [];
  for (const item of seqItems(doc, getIn(doc, podSpec, ['securityContext', 'sysctls']))) {
    const nameNode = getNode(doc, item, 'name');
    const name = scalarString(nameNode);
    if (name === undefined) continue;
    const valueNode = getNode(doc, item, 'value');
    const value = scalarString(valueNode);
    sysctls.push({
      name: located(name, nodeSpan(source, nameNode as never)),
      value: value === undefined ? undefined : located(value, nodeSpan(source, valueNode as never)),
    });
  }
  return {
    object,
    kind,
    podSpan,
    hostNetwork: hostNetworkValue === undefined ? undefined : located(hostNetworkValue === 'true', nodeSpan(source, hostNetworkNode as never)),
    ...(hostIPCValue === undefined ? {} : { hostIPC: located(hostIPCValue === 'true', nodeSpan(source, hostIPCNode as never)) }),
    containers: exact(containers),
    sysctls: exact(sysctls),
    placement: readPlacement(source, doc, podSpec, podSpan),
    landsOn: [],
    volumes: exact(
      seqItems(doc, getNode(doc, podSpec, 'volumes')).flatMap((v) => {
        const volume = readVolume(source, doc, v);
        return volume ? [volume] : [];
      }),
    ),
    podLabels,
  };
}

function readVolume(source: SourceFile, doc: Document.Parsed, node: unknown): PodVolume | undefined {
  const name = scalarString(getNode(doc, node, 'name'));
  if (name === undefined) return undefined;
  const hostPath = scalarString(getIn(doc, node, ['hostPath', 'path']));
  const configMapNode = getNode(doc, node, 'configMap');
  const volume: PodVolume = { name, configMap: scalarString(getNode(doc, configMapNode, 'name')), ...(hostPath ? { hostPath } : {}) };
  if (configMapNode === undefined) return volume;
  if (scalarString(getNode(doc, configMapNode, 'optional')) === 'true') volume.optional = true;
  const itemsNode = getNode(doc, configMapNode, 'items');
  if (itemsNode !== undefined) {
    volume.items = exact(
      seqItems(doc, itemsNode).flatMap((item) => {
        const key = stringField(source, doc, item, 'key');
        const path = scalarString(getNode(doc, item, 'path'));
        return key && path !== undefined ? [{ key, path }] : [];
      }),
    );
  }
  return volume;
}

/** `env[].valueFrom.configMapKeyRef` of a container, with the key's place. */
function readConfigMapKeyRefs(source: SourceFile, doc: Document.Parsed, container: unknown): ConfigMapKeyRef[] {
  const refs: ConfigMapKeyRef[] = [];
  for (const env of seqItems(doc, getNode(doc, container, 'env'))) {
    const ref = getIn(doc, env, ['valueFrom', 'configMapKeyRef']);
    const configMap = scalarString(getNode(doc, ref, 'name'));
    const key = stringField(source, doc, ref, 'key');
    if (configMap === undefined || !key) continue;
    refs.push({ configMap, key, optional: scalarString(getNode(doc, ref, 'optional')) === 'true' });
  }
  return exact(refs);
}

function readContainer(source: SourceFile, doc: Document.Parsed, node: unknown, init: boolean): Container | undefined {
  if (!isMap(node)) return undefined;
  const imageNode = getNode(doc, node, 'image');
  const image = scalarString(imageNode);
  const policyNode = getNode(doc, node, 'imagePullPolicy');
  const policy = scalarString(policyNode);
  const ports: ContainerPort[] = [];
  for (const item of seqItems(doc, getNode(doc, node, 'ports'))) {
    if (!isMap(item)) continue;
    const name = scalarString(getNode(doc, item, 'name'));
    ports.push({
      ...(name === undefined ? {} : { name }),
      containerPort: numberField(source, doc, item, 'containerPort'),
      hostPort: numberField(source, doc, item, 'hostPort'),
      hostIP: stringField(source, doc, item, 'hostIP'),
      protocol: normaliseProtocol(scalarString(getNode(doc, item, 'protocol'))),
      span: nodeSpan(source, item),
    });
  }
  const configMapKeyRefs = readConfigMapKeyRefs(source, doc, node);
  return {
    name: scalarString(getNode(doc, node, 'name')) ?? '',
    init,
    span: nodeSpan(source, node),
    image: image === undefined ? undefined : located(image, nodeSpan(source, imageNode as never)),
    imageRef: image === undefined ? undefined : parseImageRef(image),
    imagePullPolicy: policy === undefined ? undefined : located(policy, nodeSpan(source, policyNode as never)),
    ...(policy === undefined && (isMap(policyNode) || isSeq(policyNode)) ? { imagePullPolicyUnread: nodeSpan(source, policyNode as never) } : {}),
    ports: exact(ports),
    command: seqItems(doc, getNode(doc, node, 'command')).map((n) => scalarString(n) ?? ''),
    args: seqItems(doc, getNode(doc, node, 'args')).map((n) => scalarString(n) ?? ''),
    volumeMounts: exact(
      seqItems(doc, getNode(doc, node, 'volumeMounts')).flatMap((m) => {
        const name = scalarString(getNode(doc, m, 'name'));
        const mountPath = scalarString(getNode(doc, m, 'mountPath'));
        if (name === undefined || mountPath === undefined) return [];
        const subPathNode = getNode(doc, m, 'subPath');
        const subPath = scalarString(subPathNode);
        return [{ name, mountPath, subPath, ...(subPath === undefined ? {} : { subPathSpan: nodeSpan(source, subPathNode as never) }) }];
      }),
    ),
    ...(configMapKeyRefs.length ? { configMapKeyRefs } : {}),
  };
}

/**
 * A value written over several lines (a block scalar: most of a chart's ConfigMap bytes) comes from
 * the yaml package as a string concatenated a line at a time, which V8 keeps as a tree of pieces:
 * ~3.5 KB for 740 characters of config file. A copy is one flat string. A value on one line is a
 * slice of the file's text and costs a few bytes as it is. JSON's round trip keeps every UTF-16 unit,
 * lone surrogates included.
 */
function flatCopy(value: string): string {
  return value.includes('\n') ? (JSON.parse(JSON.stringify(value)) as string) : value;
}

function normaliseProtocol(value: string | undefined): 'TCP' | 'UDP' | 'SCTP' {
  const upper = (value ?? 'TCP').toUpperCase();
  return upper === 'UDP' || upper === 'SCTP' ? upper : 'TCP';
}

function numberField(source: SourceFile, doc: Document.Parsed, map: unknown, key: string): Located<number> | undefined {
  const node = getNode(doc, map, key);
  const text = scalarString(node);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return located(Number(text), nodeSpan(source, node as never));
}

function stringField(source: SourceFile, doc: Document.Parsed, map: unknown, key: string): Located<string> | undefined {
  const node = getNode(doc, map, key);
  const text = scalarString(node);
  return text === undefined ? undefined : located(text, nodeSpan(source, node as never));
}

function readPlacement(source: SourceFile, doc: Document.Parsed, podSpec: unknown, podSpan: Span): Placement {
  const nodeSelector = ownRecord<string>();
  const selectorNode = getNode(doc, podSpec, 'nodeSelector');
  for (const entry of mapEntries(doc, selectorNode)) nodeSelector[entry.key] = scalarString(entry.value) ?? '';
  const required = getIn(doc, podSpec, ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms']);
  const requiredTerms: SelectorRequirement[][] = [];
  for (const term of seqItems(doc, required)) {
    const requirements: SelectorRequirement[] = [];
    for (const expression of seqItems(doc, getNode(doc, term, 'matchExpressions'))) {
      const key = scalarString(getNode(doc, expression, 'key'));
      const operator = scalarString(getNode(doc, expression, 'operator'));
      if (key === undefined || operator === undefined) continue;
      const values = seqItems(doc, getNode(doc, expression, 'values')).map((v) => scalarString(v) ?? '');
      requirements.push({ key, operator, values });
    }
    // matchFields select single nodes by name: unknown to the model, so they do not narrow a class.
    requiredTerms.push(exact(requirements));
  }
  const tolerations: Toleration[] = seqItems(doc, getNode(doc, podSpec, 'tolerations')).map((t) => ({
    key: scalarString(getNode(doc, t, 'key')),
    operator: scalarString(getNode(doc, t, 'operator')),
    value: scalarString(getNode(doc, t, 'value')),
    effect: scalarString(getNode(doc, t, 'effect')),
  }));
  const affinityNode = getIn(doc, podSpec, ['affinity', 'nodeAffinity']);
  const at = selectorNode ? nodeSpan(source, selectorNode as never) : affinityNode ? nodeSpan(source, affinityNode as never) : span(podSpan.source, podSpan.start, podSpan.end);
  const nodeName = scalarString(getNode(doc, podSpec, 'nodeName'));
  return { nodeSelector, requiredTerms: exact(requiredTerms), tolerations, ...(nodeName ? { nodeName } : {}), span: at };
}
