/**
 * Is a workload meant for edge nodes? What a pod's placement says of its intent, before the scheduler's
 * predicates (placement.ts) judge it against a class whose labels are only partly known: a pod aimed at
 * edge nodes may select labels the repository never shows, and those are then unknown on the edge
 * class, not absent.
 */
import type { NodeClass, Placement } from './types.js';

/** The label edged puts on every KubeEdge edge node (facts §Q3). */
export const EDGE_ROLE_LABEL = 'node-role.kubernetes.io/edge';

/** A class whose nodes carry the edge role label (facts §Q3) is an edge class. */
export function isEdgeClass(nodeClass: { labels: Record<string, string> }): boolean {
  return Object.prototype.hasOwnProperty.call(nodeClass.labels, EDGE_ROLE_LABEL);
}

/** The label the kubelet sets to the node's name (pkg/kubelet/kubelet_node_status.go initialNode). */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/**
 * Lists of names and requirement values are model data, asked again for every workload and class: a
 * deployment of 10,000 Devices and 10,000 pinned pods would compare every name with every pin.
 */
const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
export function setOf(list: readonly string[]): ReadonlySet<string> {
  let set = sets.get(list);
  if (!set) sets.set(list, (set = new Set(list)));
  return set;
}

/**
 * Taint keys operators put on edge nodes to keep cloud workloads off them: the role label's own key
 * (`kubectl taint node … node-role.kubernetes.io/edge=:NoSchedule`) and the KubeEdge 1.x era
 * `node-role.kubeedge.io=edge:NoSchedule`, also written with a suffix (`node-role.kubeedge.io/edge`,
 * sweep5). edged registers no taint by default (facts §Q3).
 */
const EDGE_TAINT_KEYS: ReadonlySet<string> = new Set([EDGE_ROLE_LABEL, 'node-role.kubeedge.io']);
const EDGE_TAINT_PREFIX = 'node-role.kubeedge.io/';

function isEdgeTaintKey(key: string): boolean {
  return EDGE_TAINT_KEYS.has(key) || key.startsWith(EDGE_TAINT_PREFIX);
}

/** The role labels edged registers on every edge node and no other node carries (facts §Q3). */
const EDGE_ROLE_KEYS: ReadonlySet<string> = new Set([EDGE_ROLE_LABEL, 'node-role.kubernetes.io/agent']);

/** The required node-affinity terms say something, and each of them has a requirement `holds` accepts (terms are ORed). */
function everyTermRequires(placement: Placement, holds: (r: Placement['requiredTerms'][number][number]) => boolean): boolean {
  const terms = placement.requiredTerms.filter((term) => term.length > 0);
  return terms.length > 0 && terms.every((term) => term.some(holds));
}

/** Every way the placement can be satisfied requires an edge role label to exist. */
function requiresEdgeRole(placement: Placement): boolean {
  for (const key of Object.keys(placement.nodeSelector)) if (EDGE_ROLE_KEYS.has(key)) return true;
  return everyTermRequires(placement, (r) => EDGE_ROLE_KEYS.has(r.key) && (r.operator === 'Exists' || r.operator === 'In'));
}

/**
 * Every way the placement can be satisfied requires some label (not the hostname, which the names
 * already decide) to hold the name the deployment gives one of the class's nodes: `name: edge3` beside
 * a Device bound to `edge3`. That is how KubeEdge 1.x marked its edge nodes: build/node.json created the
 * Node with the label `name: edge-node`, and guides label a node with its own name to pin mappers to
 * it (sweep17 M-1: a mapper selecting `name In [edge3]`, with an untagged image, beside a Device bound
 * to `edge3`).
 */
function requiresGivenNodeName(nodeClass: NodeClass, placement: Placement): boolean {
  if (!nodeClass.givenNodeNames?.length) return false;
  const names = setOf(nodeClass.givenNodeNames);
  const picksName = (key: string, values: readonly string[]) => key !== HOSTNAME_LABEL && values.some((v) => names.has(v));
  for (const [key, value] of Object.entries(placement.nodeSelector)) if (picksName(key, [value])) return true;
  return everyTermRequires(placement, (r) => r.operator === 'In' && picksName(r.key, r.values));
}

/**
 * The first label (not the node's name, not an edge role label) a placement requires with the value
 * `edge`, in any case, when every way of satisfying it requires one: `nodeSelector: {dedicated: edge}`,
 * `node-type In [Edge]`. Operators who label nodes by hand mark edge nodes that way (sweep18 M-1: a
 * KubeEdge 0.x demo ran `kubectl label nodes … dedicated=edge` from its setup notes and pinned its
 * recognition Deployment to it). Undefined when the placement also requires an edge role label, which
 * says edge by itself.
 */
export function edgeValuedLabel(placement: Placement): string | undefined {
  if (requiresEdgeRole(placement)) return undefined;
  const edgeValue = (key: string, values: readonly string[]) =>
    key === HOSTNAME_LABEL || EDGE_ROLE_KEYS.has(key) ? undefined : values.find((v) => v.toLowerCase() === 'edge');
  for (const [key, value] of Object.entries(placement.nodeSelector)) if (edgeValue(key, [value]) !== undefined) return `${key}=${value}`;
  const terms = placement.requiredTerms.filter((term) => term.length > 0);
  let first: string | undefined;
  for (const term of terms) {
    let found: string | undefined;
    for (const r of term) {
      const value = r.operator === 'In' ? edgeValue(r.key, r.values) : undefined;
      if (value !== undefined) {
        found = `${r.key}=${value}`;
        break;
      }
    }
    if (found === undefined) return undefined;
    first ??= found;
  }
  return first;
}

/**
 * A pod that tolerates an edge taint by name, requires an edge role label, requires a label valued
 * with the name of one of the edge nodes, or requires a label valued `edge`, is meant for edge nodes.
 * Its other requirements may read labels the repository never shows (`kubectl label node`, `keadm join --labels`): on the edge class
 * as a whole such a label is then unknown ("maybe"), not absent. Nodes the deployment describes with
 * `kind: Node` objects keep their own labels only.
 */
export function openedByEdgeIntent(nodeClass: NodeClass, placement: Placement): NodeClass {
  if (nodeClass.openLabels || !isEdgeClass(nodeClass)) return nodeClass;
  const intent =
    placement.tolerations.some((t) => t.key !== undefined && isEdgeTaintKey(t.key)) ||
    requiresEdgeRole(placement) ||
    requiresGivenNodeName(nodeClass, placement) ||
    edgeValuedLabel(placement) !== undefined;
  if (!intent) return nodeClass;
  return { ...nodeClass, openLabels: true };
}
