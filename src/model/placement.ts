/**
 * Does a pod land on a class of node? The scheduler's predicates (nodeSelector, required node affinity,
 * taints/tolerations; k8s.io/component-helpers/scheduling/corev1/nodeaffinity and
 * pkg/scheduler/framework/plugins/tainttoleration) evaluated against a *class* of nodes whose labels are
 * only partly known. A requirement on a label the class may or may not carry is "maybe", and a pod
 * that maybe lands on a class is treated as landing there: the question edgelint asks is "can this
 * reach an edge node?".
 */
import type { K8sObject, NodeClass, Placement, SelectorRequirement, Toleration } from './types.js';
import { getOwn, ownRecord } from '../core/records.js';
import { isNodeName } from './edge-node-names.js';
import { EDGE_ROLE_LABEL, HOSTNAME_LABEL, edgeValuedLabel, isEdgeClass, openedByEdgeIntent, setOf } from './edge-intent.js';

export { EDGE_ROLE_LABEL, HOSTNAME_LABEL, edgeValuedLabel, isEdgeClass, setOf };

type Tri = 'yes' | 'no' | 'maybe';

/** The label value every node of the class has, `undefined` if no node has the key, or 'unknown'. */
function labelOf(nodeClass: NodeClass, key: string): { present: Tri; value?: string; someValues?: readonly string[] } {
  if (Object.prototype.hasOwnProperty.call(nodeClass.labels, key)) return { present: 'yes', value: nodeClass.labels[key] };
  if (nodeClass.anyValueLabels.includes(key)) return { present: 'yes' };
  if (nodeClass.absentLabels.includes(key)) return { present: 'no' };
  const some = nodeClass.someNodesLabels?.[key];
  const named = nodeClass.namedNodeLabels?.[key];
  if (some || named) {
    const values = some && named ? [...some.values, ...named.values] : (some ?? named)!.values;
    return { present: 'maybe', ...(some?.anyValue || named?.anyValue || nodeClass.openLabels ? {} : { someValues: values }) };
  }
  return { present: nodeClass.openLabels ? 'maybe' : 'no' };
}

function and(a: Tri, b: Tri): Tri {
  if (a === 'no' || b === 'no') return 'no';
  if (a === 'maybe' || b === 'maybe') return 'maybe';
  return 'yes';
}

function or(a: Tri, b: Tri): Tri {
  if (a === 'yes' || b === 'yes') return 'yes';
  if (a === 'maybe' || b === 'maybe') return 'maybe';
  return 'no';
}

/** A requirement on the node's name, against the names the deployment gives the class's nodes. */
function matchNames(names: readonly string[], requirement: SelectorRequirement): Tri {
  switch (requirement.operator) {
    case 'In': {
      const known = setOf(names);
      if (requirement.values.some((v) => known.has(v))) return 'yes';
      // `<edge_node>`: a placeholder is filled in with some node's name, which may be one of them.
      return requirement.values.some((v) => !isNodeName(v)) ? 'maybe' : 'no';
    }
    case 'NotIn': {
      const excluded = setOf(requirement.values);
      return names.some((n) => !excluded.has(n)) ? 'yes' : 'no';
    }
    case 'Exists':
      return 'yes';
    default:
      return 'no';
  }
}

export function matchRequirement(nodeClass: NodeClass, requirement: SelectorRequirement): Tri {
  if (requirement.key === HOSTNAME_LABEL && nodeClass.nodeNames?.length) return matchNames(nodeClass.nodeNames, requirement);
  const label = labelOf(nodeClass, requirement.key);
  const known = label.value !== undefined;
  switch (requirement.operator) {
    case 'Exists':
      return label.present;
    case 'DoesNotExist':
      return label.present === 'yes' ? 'no' : label.present === 'no' ? 'yes' : 'maybe';
    case 'In':
      if (label.present === 'no') return 'no';
      if (known && label.present === 'yes') return requirement.values.includes(label.value!) ? 'yes' : 'no';
      // Only some nodes carry it, with values the scripts give: none asked for is none there.
      if (label.someValues && !label.someValues.some((v) => setOf(requirement.values).has(v))) return 'no';
      return 'maybe';
    case 'NotIn':
      // A node without the key satisfies NotIn (labels.Requirement.Matches).
      if (label.present === 'no') return 'yes';
      if (known && label.present === 'yes') return requirement.values.includes(label.value!) ? 'no' : 'yes';
      return 'maybe';
    case 'Gt':
    case 'Lt': {
      if (label.present === 'no') return 'no';
      const bound = Number(requirement.values[0]);
      if (requirement.values.length !== 1 || !Number.isInteger(bound)) return 'no';
      if (!known) return 'maybe';
      const value = Number(label.value);
      if (!/^-?\d+$/.test(label.value!)) return 'no';
      return (requirement.operator === 'Gt' ? value > bound : value < bound) ? 'yes' : 'no';
    }
    default:
      // The API server rejects unknown operators; such a pod never exists.
      return 'no';
  }
}

function matchSelector(nodeClass: NodeClass, selector: Record<string, string>): Tri {
  let result: Tri = 'yes';
  for (const [key, value] of Object.entries(selector)) {
    result = and(result, matchRequirement(nodeClass, { key, operator: 'In', values: [value] }));
  }
  return result;
}

function matchAffinity(nodeClass: NodeClass, terms: SelectorRequirement[][]): Tri {
  if (terms.length === 0) return 'yes';
  let result: Tri = 'no';
  for (const term of terms) {
    // An empty term matches no objects (nodeaffinity.NewNodeSelector: "empty term matches nothing").
    if (term.length === 0) continue;
    let termResult: Tri = 'yes';
    for (const requirement of term) termResult = and(termResult, matchRequirement(nodeClass, requirement));
    result = or(result, termResult);
  }
  return result;
}

function tolerates(toleration: Toleration, taint: NodeClass['taints'][number]): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.operator === 'Exists') return !toleration.key || toleration.key === taint.key;
  return toleration.key === taint.key && (toleration.value ?? '') === (taint.value ?? '');
}

function matchTaints(nodeClass: NodeClass, tolerations: Toleration[]): Tri {
  for (const taint of nodeClass.taints) {
    if (taint.effect !== 'NoSchedule' && taint.effect !== 'NoExecute') continue;
    if (!tolerations.some((t) => tolerates(t, taint))) return 'no';
  }
  return 'yes';
}

/**
 * 'yes' / 'maybe' / 'no' that pods with this placement run on nodes of the class: on one of the nodes
 * the deployment describes (`nodes`), or else on the class as a whole.
 */
export function landsOn(nodeClass: NodeClass, placement: Placement): Tri {
  if (!nodeClass.nodes?.length) return landsOnClass(openedByEdgeIntent(nodeClass, placement), placement);
  let result: Tri = 'no';
  for (const node of nodeClass.nodes) if ((result = or(result, landsOnClass(node, placement))) === 'yes') break;
  return result;
}

function landsOnClass(nodeClass: NodeClass, placement: Placement): Tri {
  // `nodeName` binds the pod to that node, the scheduler bypassed: it is on the class only under one of its names.
  if (placement.nodeName !== undefined && isNodeName(placement.nodeName) && nodeClass.nodeNames?.length && !setOf(nodeClass.nodeNames).has(placement.nodeName)) return 'no';
  return and(and(matchSelector(nodeClass, placement.nodeSelector), matchAffinity(nodeClass, placement.requiredTerms)), matchTaints(nodeClass, placement.tolerations));
}

/** KubeEdge defaults (SPEC §2; facts §Q3): edged registers these labels and no taints. */
export const DEFAULT_NODE_CLASSES: NodeClass[] = [
  {
    name: 'edge',
    labels: { 'node-role.kubernetes.io/edge': '', 'node-role.kubernetes.io/agent': '', 'kubernetes.io/os': 'linux', 'beta.kubernetes.io/os': 'linux' },
    // Set by the vendored kubelet's initialNode for every node, with per-node values.
    anyValueLabels: ['kubernetes.io/hostname', 'kubernetes.io/arch', 'beta.kubernetes.io/arch'],
    openLabels: false,
    absentLabels: [],
    taints: [],
  },
  {
    name: 'cloud',
    labels: {},
    anyValueLabels: ['kubernetes.io/hostname', 'kubernetes.io/os', 'kubernetes.io/arch'],
    openLabels: true,
    // KubeEdge tells edge from cloud by this label alone (cloud/pkg/common/util/util.go).
    absentLabels: ['node-role.kubernetes.io/edge'],
    taints: [],
  },
];

/**
 * Labels the kubelet sets to one value on every node, under two names (the beta names are
 * deprecated aliases kept in step; pkg/kubelet/kubelet_node_status.go initialNode): a pod pinned to
 * `beta.kubernetes.io/arch: arm` and one pinned to `kubernetes.io/arch: amd64` cannot share a node.
 */
const LABEL_ALIASES: Record<string, string> = {
  'beta.kubernetes.io/arch': 'kubernetes.io/arch',
  'beta.kubernetes.io/os': 'kubernetes.io/os',
};

/** What one conjunction of requirements says about one label key. */
export interface KeyConstraint {
  /** The values allowed (In, or a nodeSelector value); undefined = any value. */
  allowed?: Set<string>;
  excluded: Set<string>;
  mustExist: boolean;
  mustNotExist: boolean;
}

/**
 * Every way a pod with this placement can be satisfied: nodeSelector AND one term of required node
 * affinity (the terms are ORed). Each way is a map of key constraints; Gt/Lt add no constraint here
 * (a conservative "may overlap").
 */
export function conjunctions(placement: Placement): Array<Map<string, KeyConstraint>> {
  let ways = conjunctionsOf.get(placement);
  if (!ways) conjunctionsOf.set(placement, (ways = readConjunctions(placement)));
  return ways;
}

/**
 * conjunctions once per placement (every listener and container of a workload shares its placement
 * object): placementsDisjoint is asked for many pairs of them. The maps are only read.
 */
const conjunctionsOf = new WeakMap<Placement, Array<Map<string, KeyConstraint>>>();

function readConjunctions(placement: Placement): Array<Map<string, KeyConstraint>> {
  const base: SelectorRequirement[] = Object.entries(placement.nodeSelector).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  // Empty terms match nothing (see matchAffinity); they are dropped, and a placement left with no
  // term is treated as unconstrained: "may overlap" is the safe answer.
  const terms = placement.requiredTerms.filter((t) => t.length > 0);
  const ways = terms.length ? terms.map((t) => [...base, ...t]) : [base];
  return ways.map((requirements) => {
    const byKey = new Map<string, KeyConstraint>();
    for (const r of requirements) {
      const key = getOwn(LABEL_ALIASES, r.key) ?? r.key;
      let c = byKey.get(key);
      if (!c) byKey.set(key, (c = { excluded: new Set(), mustExist: false, mustNotExist: false }));
      if (r.operator === 'In') {
        c.allowed = intersect(c.allowed, new Set(r.values));
        c.mustExist = true;
      } else if (r.operator === 'NotIn') for (const v of r.values) c.excluded.add(v);
      else if (r.operator === 'Exists') c.mustExist = true;
      else if (r.operator === 'DoesNotExist') c.mustNotExist = true;
    }
    return byKey;
  });
}

function intersect(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  return new Set([...a].filter((v) => b.has(v)));
}

const NONE: KeyConstraint = { excluded: new Set(), mustExist: false, mustNotExist: false };

/** Can one node satisfy both conjunctions? False only when some key's constraints contradict. */
export function compatible(a: Map<string, KeyConstraint>, b: Map<string, KeyConstraint>): boolean {
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const ca = a.get(key) ?? NONE;
    const cb = b.get(key) ?? NONE;
    const mustExist = ca.mustExist || cb.mustExist;
    if (mustExist && (ca.mustNotExist || cb.mustNotExist)) return false;
    const allowed = intersect(ca.allowed, cb.allowed);
    if (allowed && ![...allowed].some((v) => !ca.excluded.has(v) && !cb.excluded.has(v))) return false;
  }
  return true;
}

/**
 * True when no node can run pods of both placements: every way of satisfying one contradicts every
 * way of satisfying the other on some label (a node has one value per label key). The classic case is
 * a per-architecture DaemonSet set, each pinned to one `kubernetes.io/arch` value: their images are
 * variants, not versions of one thing running side by side. Tolerations never make placements disjoint.
 */
export function placementsDisjoint(a: Placement, b: Placement): boolean {
  // `spec.nodeName` binds each pod to one node, the scheduler bypassed (the kubelet of that node admits
  // it): pods bound to two different nodes never share one (EdgeMesh's examples pin one hostPort pod
  // per edge node this way). A name that is no node name (a `<your node name>` placeholder) decides nothing.
  if (a.nodeName !== undefined && b.nodeName !== undefined && a.nodeName !== b.nodeName && isNodeName(a.nodeName) && isNodeName(b.nodeName)) return true;
  const waysA = conjunctions(a);
  const waysB = conjunctions(b);
  for (const x of waysA) for (const y of waysB) if (compatible(x, y)) return false;
  return true;
}

/**
 * Pins of a placement: `n\0` to the node's name when `nodeName` binds the pod to a node, `l\0KEY` for a label every way
 * of satisfying it requires at one value, each with that value. Two placements with one pin at two
 * values are disjoint (placementsDisjoint says so: the nodeName test, or no compatible pair of ways),
 * so a caller comparing thousands of placements pinned one per node can index them by a pin instead of
 * asking every pair. Only a pre-filter: placementsDisjoint still decides the rest.
 */
export function placementPins(placement: Placement): Map<string, string> {
  const pins = new Map<string, string>();
  if (placement.nodeName !== undefined && isNodeName(placement.nodeName)) pins.set('n\0', placement.nodeName);
  const ways = conjunctions(placement);
  const [first, ...rest] = ways;
  for (const [key, c] of first) {
    if (c.allowed?.size !== 1) continue;
    const [value] = c.allowed;
    if (rest.every((way) => way.get(key)?.allowed?.size === 1 && way.get(key)!.allowed!.has(value))) pins.set(`l\0${key}`, value);
  }
  return pins;
}

/** What `a`'s constraint on one key says about `b`'s: every value `a` admits, `b` admits too. */
function keyImplies(a: KeyConstraint, b: KeyConstraint): boolean {
  if (b.mustNotExist && !a.mustNotExist) return false;
  if (b.mustExist && !a.mustExist) return false;
  if (b.allowed && (!a.allowed || [...a.allowed].some((v) => !a.excluded.has(v) && !b.allowed!.has(v)))) return false;
  for (const v of b.excluded) if (!a.mustNotExist && !a.excluded.has(v) && !(a.allowed && !a.allowed.has(v))) return false;
  return true;
}

/**
 * True when every node that satisfies `a` satisfies `b` (tolerations aside): a pod of placement `a`
 * always lands where a DaemonSet of placement `b` runs. Conservative: Gt/Lt and unknown operators in
 * `b` (which conjunctions leaves out) make it false, and so does a `nodeName` of `b` that `a` does
 * not share.
 */
export function placementImplies(a: Placement, b: Placement): boolean {
  if (b.nodeName !== undefined && a.nodeName !== b.nodeName) return false;
  if (b.requiredTerms.some((t) => t.some((r) => r.operator !== 'In' && r.operator !== 'NotIn' && r.operator !== 'Exists' && r.operator !== 'DoesNotExist'))) return false;
  const waysB = conjunctions(b);
  return conjunctions(a).every((x) => waysB.some((y) => [...y].every(([key, c]) => keyImplies(x.get(key) ?? NONE, c))));
}

/**
 * A string equal for placements that constrain labels the same way and bind to the same node
 * (`nodeName`; tolerations and spans ignored): placementsDisjoint gives one answer per pair of keys.
 */
export function placementKey(placement: Placement): string {
  const selector = Object.entries(placement.nodeSelector).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const terms = placement.requiredTerms.map((t) => t.map((r) => [r.key, r.operator, r.values]));
  return JSON.stringify(placement.nodeName === undefined ? [selector, terms] : [selector, terms, placement.nodeName]);
}

/**
 * The object the API server stores for a manifest: kind, namespace and name (the apiVersion is not
 * part of it: `extensions/v1beta1` and `apps/v1` DaemonSets are one resource served at two versions).
 * Two manifests with one identity are alternatives, not two workloads: `kubectl apply` of both
 * leaves one object, the later one's spec (a repository's legacy and current manifest sets for one
 * component). Their pods never run side by side. Undefined without a name (`generateName` makes a new
 * object each time).
 */
export function objectIdentity(object: Pick<K8sObject, 'kind' | 'namespace' | 'name'>): string | undefined {
  return object.name ? `${object.kind}\u0000${object.namespace ?? ''}\u0000${object.name}` : undefined;
}

/**
 * Past this many distinct described nodes of one class (after dropping labels no placement reads), the
 * class is judged as a whole, as when no Node is described: every workload is tested against every
 * described node, and this keeps that bounded on any input.
 */
const MAX_DESCRIBED_NODES = 256;

/**
 * The nodes of a class that `kind: Node` objects of the deployment describe (SPEC §2). A repository
 * that ships its Node manifests (labels, taints) says which nodes it runs, so each becomes a class of
 * one node: the labels it states, plus the labels its registrant adds at registration, which the class
 * states (edged adds the edge and agent roles and the os labels, kubelet_node_status.go initialNode,
 * facts §Q3, and the `nodeLabels` of the class's edgecore.yaml, `keadm join --labels`), and the taints
 * it states. A Node belongs to a class when it carries every label of the
 * class with the class's value (a registered label it does not state counts as carried), and none of
 * its absent labels; the edge role label is never filled in: a Node without it is no edge node.
 *
 * `readKeys` are the label keys any placement reads: the others decide nothing, so nodes that differ
 * only there (every `kubernetes.io/hostname`) are one description. Undefined when the deployment
 * describes no node of the class, or more than MAX_DESCRIBED_NODES different ones.
 */
export function describedNodes(
  nodeClass: NodeClass,
  nodeObjects: readonly K8sObject[],
  readKeys: ReadonlySet<string>,
  nodeLabels: ReadonlySet<string> = new Set(),
  scriptLabels: { whole?: NodeClass['someNodesLabels']; byName?: (object: K8sObject) => NodeClass['namedNodeLabels'] } = {},
): NodeClass[] | undefined {
  const edge = isEdgeClass(nodeClass);
  const registered = (key: string) => edge && (REGISTERED_EDGE_LABELS.has(key) || nodeLabels.has(key));
  const nodes = new Map<string, NodeClass>();
  // The labels scripts put on a node by name, as a number equal for equal labels: the record of one
  // name is shared by all its Node objects (build.ts) and holds every label the scripts give that
  // name, so its text is made once, never once per object (4,000 Nodes named n1 labelled 4,000 times
  // wrote 4,000 keys of 4,000 labels each).
  const namedIds = new Map<object, number>();
  const idsByText = new Map<string, number>();
  const namedId = (named: object): number => {
    let id = namedIds.get(named);
    if (id === undefined) {
      const text = JSON.stringify(Object.entries(named).sort(byKey));
      id = idsByText.get(text) ?? idsByText.size;
      idsByText.set(text, id);
      namedIds.set(named, id);
    }
    return id;
  };
  for (const object of nodeObjects) {
    const stated = object.labels;
    const has = (key: string) => Object.prototype.hasOwnProperty.call(stated, key);
    const member =
      Object.entries(nodeClass.labels).every(([key, value]) => (has(key) ? stated[key] === value : key !== EDGE_ROLE_LABEL && registered(key))) &&
      !nodeClass.absentLabels.some(has);
    if (!member) continue;
    const labels = ownRecord<string>();
    for (const [key, value] of Object.entries(nodeClass.labels)) labels[key] = value;
    for (const key of Object.keys(stated)) if (readKeys.has(key)) labels[key] = stated[key];
    const taints = [...nodeClass.taints, ...(object.nodeTaints ?? [])];
    const node: NodeClass = { name: nodeClass.name, labels, anyValueLabels: nodeClass.anyValueLabels.filter((k) => !(has(k) && readKeys.has(k))), openLabels: false, absentLabels: [], taints };
    // Labels install scripts put on every node of the class (`--all`, `keadm join --labels`: one record
    // the class's nodes share) and on this node by its name.
    if (scriptLabels.whole) node.someNodesLabels = scriptLabels.whole;
    const named = scriptLabels.byName?.(object);
    if (named) node.namedNodeLabels = named;
    const key = JSON.stringify([Object.entries(labels).sort(byKey), node.anyValueLabels, taints.map((t) => [t.key, t.value ?? null, t.effect]), named ? namedId(named) : null]);
    if (!nodes.has(key)) nodes.set(key, node);
    if (nodes.size > MAX_DESCRIBED_NODES) return undefined;
  }
  return nodes.size ? [...nodes.values()] : undefined;
}

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/** Labels edged registers on every edge node with a fixed value (DEFAULT_NODE_CLASSES' edge class). */
const REGISTERED_EDGE_LABELS: ReadonlySet<string> = new Set(Object.keys(DEFAULT_NODE_CLASSES[0].labels));

/** Every label key a placement reads: its nodeSelector and its required node affinity. */
export function placementKeys(placement: Placement, into: Set<string>): void {
  for (const key of Object.keys(placement.nodeSelector)) into.add(key);
  for (const term of placement.requiredTerms) for (const r of term) into.add(r.key);
}
