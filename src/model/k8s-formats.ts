/**
 * What the API server's validation refuses in an object whose fields the schema accepts: names and
 * keys of the wrong format, and the Service port rules a schema cannot state. Each check follows the
 * validation function that makes it, with the path and the words `kubectl apply` prints:
 *
 * - ObjectMeta (apimachinery pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor): `name`
 *   (and a `generateName` prefix) by the kind's name function, `namespace` a DNS-1123 label,
 *   label keys qualified names and values label values (meta/v1/validation ValidateLabels),
 *   annotation keys qualified names once lowercased (ValidateAnnotations);
 * - name functions (kubernetes pkg/apis/core/validation/validation.go, apps and batch validation,
 *   apiextensions customresource/validator.go): most kinds a DNS-1123 subdomain, a Namespace a DNS-1123
 *   label, a Service a DNS-1035 label, a CronJob a subdomain of at most 52 characters, every custom
 *   resource (KubeEdge's) a subdomain. A StatefulSet is a DNS-1123 label from later releases on
 *   (ValidateStatefulSetName: "we used to allow DNS subdomain"), held here to the subdomain every
 *   supported release accepts. Kinds not listed (RBAC's path-segment names, …) are not judged;
 * - pod specs (validateContainers, ValidateVolumes, validateContainerPorts): container and volume names
 *   DNS-1123 labels, unique; container port names IANA service names (IsValidPortName), unique in
 *   their container; port numbers 1–65535;
 * - Services (ValidateService, validateServicePort): port names DNS-1123 labels, required when there
 *   is more than one port, unique; a string targetPort a port name; `nodePort` forbidden on a
 *   ClusterIP Service; one nodePort twice with one protocol a duplicate.
 *
 * Values that read as placeholders (`${NAME}`, `<device-name>`, `__NAME__`, `DEVICE_NAME`) are
 * someone's template, not a name, and are left alone.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { memoizedPasses } from '../core/memoized.js';
import type { SourceFile, Span } from '../core/source.js';
import { findPair, nodeSpan } from '../parse/yaml-nodes.js';
import type { K8sSchemaIssue } from './types.js';
import type { FormatCheck } from './k8s-format-checks.js';
import { asPrefix, cronJobName, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum } from './k8s-format-checks.js';

/** Kinds whose name function is known, by `group/kind` (core group: empty), and whether they are namespaced. */
const NAME_RULES = new Map<string, { check: FormatCheck; namespaced: boolean }>([
  ['/Pod', { check: isDNS1123Subdomain, namespaced: true }],
  ['/ReplicationController', { check: isDNS1123Subdomain, namespaced: true }],
  ['/ConfigMap', { check: isDNS1123Subdomain, namespaced: true }],
  ['/Secret', { check: isDNS1123Subdomain, namespaced: true }],
  ['/ServiceAccount', { check: isDNS1123Subdomain, namespaced: true }],
  ['/Endpoints', { check: isDNS1123Subdomain, namespaced: true }],
  ['/LimitRange', { check: isDNS1123Subdomain, namespaced: true }],
  ['/ResourceQuota', { check: isDNS1123Subdomain, namespaced: true }],
  ['/Service', { check: isDNS1035Label, namespaced: true }],
  ['/Namespace', { check: isDNS1123Label, namespaced: false }],
  ['/Node', { check: isDNS1123Subdomain, namespaced: false }],
  ['apps/Deployment', { check: isDNS1123Subdomain, namespaced: true }],
  ['apps/DaemonSet', { check: isDNS1123Subdomain, namespaced: true }],
  ['apps/ReplicaSet', { check: isDNS1123Subdomain, namespaced: true }],
  ['apps/StatefulSet', { check: isDNS1123Subdomain, namespaced: true }],
  ['batch/Job', { check: isDNS1123Subdomain, namespaced: true }],
  ['batch/CronJob', { check: cronJobName, namespaced: true }],
  ['storage.k8s.io/StorageClass', { check: isDNS1123Subdomain, namespaced: false }],
  ['scheduling.k8s.io/PriorityClass', { check: isDNS1123Subdomain, namespaced: false }],
  ['devices.kubeedge.io/Device', { check: isDNS1123Subdomain, namespaced: true }],
  ['devices.kubeedge.io/DeviceModel', { check: isDNS1123Subdomain, namespaced: true }],
  ['rules.kubeedge.io/Rule', { check: isDNS1123Subdomain, namespaced: true }],
  ['rules.kubeedge.io/RuleEndpoint', { check: isDNS1123Subdomain, namespaced: true }],
  ['apps.kubeedge.io/EdgeApplication', { check: isDNS1123Subdomain, namespaced: true }],
  ['apps.kubeedge.io/NodeGroup', { check: isDNS1123Subdomain, namespaced: false }],
]);

/** Where each kind keeps its pod template (its `metadata` and `spec`). */
const TEMPLATE_PATH: Record<string, readonly string[]> = {
  '/ReplicationController': ['spec', 'template'],
  '/PodTemplate': ['template'],
  'apps/Deployment': ['spec', 'template'],
  'apps/DaemonSet': ['spec', 'template'],
  'apps/ReplicaSet': ['spec', 'template'],
  'apps/StatefulSet': ['spec', 'template'],
  'batch/Job': ['spec', 'template'],
  'batch/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
};

/** A value someone fills in later rather than a name: `${NAME}`, `{{ .name }}`, `<device-name>`, `__NAME__`, `DEVICE_NAME`. */
export function isPlaceholder(value: string): boolean {
  return /[${}<>]/.test(value) || /^__\w+__$/.test(value) || (/^[A-Z][A-Z0-9_]*$/.test(value) && value.includes('_'));
}

/*
 * The checks of what a Helm stream repeats on every object (its chart's label keys and values, its
 * annotation keys, a few namespaces), remembered while they pass: they were ~5% of the worker's CPU
 * profile of a 10,000-object stream (formatIssues, isQualifiedName's split and patterns most of it;
 * issue #13). Bounded, so unique values cost a Set of at most this many strings.
 */
const PASSES_REMEMBERED = 4096;
const labelKey = memoizedPasses(PASSES_REMEMBERED, isQualifiedName);
const labelValue = memoizedPasses(PASSES_REMEMBERED, isValidLabelValue);
// The rule is a qualified name except that case does not matter (ValidateAnnotations).
const annotationKey = memoizedPasses(PASSES_REMEMBERED, (key: string) => isQualifiedName(key.toLowerCase()));
const namespaceName = memoizedPasses(PASSES_REMEMBERED, isDNS1123Label);

const child = (map: unknown, key: string): unknown => {
  const pair = findPair(map, key);
  return pair ? (pair.value ?? null) : undefined;
};

const plainString = (node: unknown): string | undefined => (isScalar(node) && typeof node.value === 'string' ? node.value : undefined);
const integer = (node: unknown): number | undefined => (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) ? node.value : undefined);

class Collector {
  readonly issues: K8sSchemaIssue[] = [];
  constructor(readonly source: SourceFile) {}

  at(node: unknown): Span {
    return nodeSpan(this.source, node as Node);
  }

  /** `path: Invalid value: "v": msg` for each of the check's messages, as one issue at the value. */
  invalid(path: string, node: unknown, value: string, messages: string[], extra?: Partial<K8sSchemaIssue>): void {
    if (messages.length === 0 || isPlaceholder(value)) return;
    this.issues.push({ kind: 'invalid-value', path, span: this.at(node), value, detail: `Invalid value: ${JSON.stringify(value)}: ${messages.join('; ')}`, ...extra });
  }

  other(path: string, node: unknown, detail: string, value?: string, extra?: Partial<K8sSchemaIssue>): void {
    this.issues.push({ kind: 'invalid-value', path, span: this.at(node), detail, ...(value === undefined ? {} : { value }), ...extra });
  }

  /** A string field judged by `check`; numbers and mappings are the schema walk's to report. */
  field(path: string, node: unknown, check: FormatCheck, extra?: Partial<K8sSchemaIssue>): string | undefined {
    const value = plainString(node);
    if (value === undefined || value === '') return value;
    this.invalid(path, node, value, check(value), extra);
    return value;
  }

  port(path: string, node: unknown): void {
    const value = integer(node);
    if (value !== undefined && value !== 0) {
      const messages = isValidPortNum(value);
      if (messages.length) this.other(path, node, `Invalid value: ${value}: ${messages.join('; ')}`, String(value));
    }
  }

  labels(path: string, map: unknown): void {
    if (!isMap(map)) return;
    for (const pair of map.items) {
      const key = plainString(pair.key);
      if (key === undefined) continue;
      this.invalid(path, pair.key, key, labelKey(key));
      this.field(path, pair.value, labelValue);
    }
  }

  annotations(path: string, map: unknown): void {
    if (!isMap(map)) return;
    for (const pair of map.items) {
      const key = plainString(pair.key);
      if (key !== undefined) this.invalid(path, pair.key, key, annotationKey(key));
    }
  }
}

/** The first key of a mapping (a list item's place), else the node itself. */
function firstKey(node: unknown): unknown {
  return isMap(node) && node.items.length && node.items[0].key ? node.items[0].key : node;
}

function groupOf(apiVersion: string): string {
  const cut = apiVersion.lastIndexOf('/');
  return cut === -1 ? '' : apiVersion.slice(0, cut);
}

/** The format refusals of one object, in no particular order (the caller sorts). */
export function formatIssues(source: SourceFile, object: unknown, apiVersion: string, kind: string): K8sSchemaIssue[] {
  const c = new Collector(source);
  const id = `${groupOf(apiVersion)}/${kind}`;
  const metadata = child(object, 'metadata');
  const rule = NAME_RULES.get(id);
  if (rule) {
    const check = rule.check;
    // A kustomize namePrefix or nameSuffix may supply the first or last character the name lacks.
    const affix = (value: string) => (check(`a${value}a`).length === 0 ? { kustomizeFixable: 'name' as const } : undefined);
    const name = plainString(child(metadata, 'name'));
    if (name) c.field('metadata.name', child(metadata, 'name'), check, affix(name));
    const generateName = plainString(child(metadata, 'generateName'));
    if (generateName) c.field('metadata.generateName', child(metadata, 'generateName'), asPrefix(check), affix(generateName));
    if (rule.namespaced) c.field('metadata.namespace', child(metadata, 'namespace'), namespaceName, { kustomizeFixable: 'namespace' });
  }
  c.labels('metadata.labels', child(metadata, 'labels'));
  c.annotations('metadata.annotations', child(metadata, 'annotations'));
  if (id.startsWith('apps/')) c.labels('spec.selector.matchLabels', child(child(child(object, 'spec'), 'selector'), 'matchLabels'));
  const templatePath = TEMPLATE_PATH[id];
  if (templatePath) {
    // A StatefulSet's template is judged for its labels and annotations only: its pod spec is not
    // validated until the pods are created (apps validation ValidatePodTemplateSpecForStatefulSet).
    let template: unknown = object;
    for (const key of templatePath) template = child(template, key);
    const prefix = templatePath.join('.');
    const templateMeta = child(template, 'metadata');
    c.labels(`${prefix}.metadata.labels`, child(templateMeta, 'labels'));
    c.annotations(`${prefix}.metadata.annotations`, child(templateMeta, 'annotations'));
    if (id !== 'apps/StatefulSet') podSpec(c, `${prefix}.spec`, child(template, 'spec'));
  }
  if (id === '/Pod') podSpec(c, 'spec', child(object, 'spec'));
  if (id === '/Service') serviceSpec(c, child(object, 'spec'));
  return c.issues;
}

function podSpec(c: Collector, path: string, spec: unknown): void {
  if (!isMap(spec)) return;
  for (const field of ['initContainers', 'containers']) {
    const list = child(spec, field);
    if (!isSeq(list)) continue;
    const names = new Set<string>();
    list.items.forEach((container, i) => {
      const at = `${path}.${field}[${i}]`;
      const nameNode = child(container, 'name');
      const name = c.field(`${at}.name`, nameNode, isDNS1123Label);
      if (name) {
        if (names.has(name)) c.other(`${at}.name`, nameNode, `Duplicate value: ${JSON.stringify(name)}`, name);
        names.add(name);
      }
      const ports = child(container, 'ports');
      if (!isSeq(ports)) return;
      const portNames = new Set<string>();
      ports.items.forEach((port, j) => {
        const portPath = `${at}.ports[${j}]`;
        const portNameNode = child(port, 'name');
        const portName = plainString(portNameNode);
        if (portName) {
          const messages = isValidPortName(portName);
          if (messages.length) c.invalid(`${portPath}.name`, portNameNode, portName, messages);
          else if (portNames.has(portName)) c.other(`${portPath}.name`, portNameNode, `Duplicate value: ${JSON.stringify(portName)}`, portName);
          else portNames.add(portName);
        }
        c.port(`${portPath}.containerPort`, child(port, 'containerPort'));
        c.port(`${portPath}.hostPort`, child(port, 'hostPort'));
      });
    });
  }
  const volumes = child(spec, 'volumes');
  if (isSeq(volumes)) {
    const names = new Set<string>();
    volumes.items.forEach((volume, i) => {
      const nameNode = child(volume, 'name');
      const name = c.field(`${path}.volumes[${i}].name`, nameNode, isDNS1123Label);
      if (!name) return;
      if (names.has(name)) c.other(`${path}.volumes[${i}].name`, nameNode, `Duplicate value: ${JSON.stringify(name)}`, name);
      names.add(name);
    });
  }
}

function serviceSpec(c: Collector, spec: unknown): void {
  if (!isMap(spec)) return;
  const selector = child(spec, 'selector');
  c.labels('spec.selector', selector);
  const ports = child(spec, 'ports');
  if (!isSeq(ports)) return;
  const type = plainString(child(spec, 'type'));
  // The type defaults to ClusterIP (SetDefaults_Service).
  const clusterIP = type === undefined || type === '' || type === 'ClusterIP';
  const names = new Set<string>();
  const nodePorts = new Set<string>();
  ports.items.forEach((port, i) => {
    if (!isMap(port)) return;
    const path = `spec.ports[${i}]`;
    const nameNode = child(port, 'name');
    const name = plainString(nameNode);
    if (name) {
      c.field(`${path}.name`, nameNode, isDNS1123Label);
      if (names.has(name)) c.other(`${path}.name`, nameNode, `Duplicate value: ${JSON.stringify(name)}`, name);
      names.add(name);
    } else if (ports.items.length > 1 && (nameNode === undefined || nameNode === null || name === '')) {
      // validateServicePort: requireName when the Service has more than one port.
      c.other(`${path}.name`, nameNode ?? firstKey(port), 'Required value: every port of a Service with more than one port needs a name', undefined, { restsOnAbsence: true });
    }
    c.port(`${path}.port`, child(port, 'port'));
    const targetNode = child(port, 'targetPort');
    if (plainString(targetNode)) c.field(`${path}.targetPort`, targetNode, isValidPortName);
    else c.port(`${path}.targetPort`, targetNode);
    const nodePortNode = child(port, 'nodePort');
    const nodePort = integer(nodePortNode);
    if (nodePort === undefined || nodePort === 0) return;
    if (clusterIP) {
      c.other(`${path}.nodePort`, nodePortNode, "Forbidden: may not be used when `type` is 'ClusterIP'", String(nodePort), type === undefined ? { restsOnAbsence: true } : undefined);
      return;
    }
    const key = `${plainString(child(port, 'protocol')) ?? 'TCP'}/${nodePort}`;
    if (nodePorts.has(key)) c.other(`${path}.nodePort`, nodePortNode, `Duplicate value: ${nodePort}`, String(nodePort));
    nodePorts.add(key);
  });
}
