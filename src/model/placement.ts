/**
 * Does a pod land on a class of node? The scheduler's predicates (nodeSelector, required node affinity,
 * taints/tolerations; k8s.io/component-helpers/scheduling/corev1/nodeaffinity and
 * pkg/scheduler/framework/plugins/tainttoleration) evaluated against a *class* of nodes whose labels are
 * only partly known. A requirement on a label the class may or may not carry is "maybe", and a pod
 * that maybe lands on a class is treated as landing there: the question edgelint asks is "can this
 * reach an edge node?".
 */
import type { NodeClass, Placement, SelectorRequirement, Toleration } from './types.js';

type Tri = 'yes' | 'no' | 'maybe';

/** The label edged puts on every KubeEdge edge node (facts §Q3). */
export const EDGE_ROLE_LABEL = 'node-role.kubernetes.io/edge';

/** The label value every node of the class has, `undefined` if no node has the key, or 'unknown'. */
function labelOf(nodeClass: NodeClass, key: string): { present: Tri; value?: string } {
  if (Object.prototype.hasOwnProperty.call(nodeClass.labels, key)) return { present: 'yes', value: nodeClass.labels[key] };
  if (nodeClass.anyValueLabels.includes(key)) return { present: 'yes' };
  if (nodeClass.absentLabels.includes(key)) return { present: 'no' };
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

export function matchRequirement(nodeClass: NodeClass, requirement: SelectorRequirement): Tri {
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

/** 'yes' / 'maybe' / 'no' that pods with this placement run on nodes of the class. */
export function landsOn(nodeClass: NodeClass, placement: Placement): Tri {
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
