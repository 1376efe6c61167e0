import { defineRule, edgeValuedLabel, isEdgeClass, isNodeName } from '../../src/rule-api.js';
import type { Container, Fix, NodeClass, Placement, Workload } from '../../src/rule-api.js';

/** The label the kubelet sets to the node's name. */
const HOSTNAME = 'kubernetes.io/hostname';

/**
 * The hosts a placement pins the pod to when a host name is all it selects on (`kubernetes.io/hostname:
 * cloudnode`, or every required term one `In` on it); undefined for any other placement. An operating
 * system or architecture selected beside the name narrows nothing about which host it is (sweep25: a
 * scheduler pinned to `kubernetes.io/arch: amd64` and one host name was said to "land on edge nodes").
 */
function hostnamePin(placement: Placement): string[] | undefined {
  const keys = Object.keys(placement.nodeSelector).filter((k) => !PLATFORM_LABELS.has(k));
  if (keys.length === 1 && keys[0] === HOSTNAME && placement.requiredTerms.length === 0) return [placement.nodeSelector[HOSTNAME]];
  // The same holds inside a required node-affinity term: its platform requirements are dropped before
  // asking whether a host name is all that is left.
  const terms = placement.requiredTerms.map((t) => t.filter((r) => !PLATFORM_LABELS.has(r.key)));
  if (keys.length === 0 && terms.length > 0 && terms.every((t) => t.length === 1 && t[0].key === HOSTNAME && t[0].operator === 'In')) return terms.flatMap((t) => t[0].values);
  return undefined;
}

/** The role label edged puts on every edge node (facts §Q3). */
const EDGE_ROLE = 'node-role.kubernetes.io/edge';

/**
 * The first label the placement requires with the name the deployment gives one of the class's edge
 * nodes as its value (`name: edge3` beside a Device bound to `edge3`, KubeEdge 1.x's build/node.json
 * convention), when nothing else in it says edge: the message then says why the pod is taken for an
 * edge pod, since the label itself is on no file.
 */
function nodeNameLabel(placement: Placement, nodeClass: NodeClass): string | undefined {
  const names = nodeClass.givenNodeNames;
  if (!names?.length) return undefined;
  const pairs: Array<[string, readonly string[]]> = [
    ...Object.entries(placement.nodeSelector).map(([k, v]): [string, readonly string[]] => [k, [v]]),
    ...placement.requiredTerms.flat().filter((r) => r.operator === 'In').map((r): [string, readonly string[]] => [r.key, r.values]),
  ];
  if (pairs.some(([key]) => key === EDGE_ROLE)) return undefined;
  for (const [key, values] of pairs) {
    if (key === HOSTNAME) continue;
    const name = values.find((v) => names.includes(v));
    if (name !== undefined) return `requires the node label ${key}=${name}, the name of edge node ${name},`;
  }
  return undefined;
}

/**
 * Labels the kubelet (edged included) sets on every node from the machine it runs on
 * (pkg/kubelet/kubelet_node_status.go initialNode): selecting on them picks an operating system or
 * an architecture, never a role.
 */
const PLATFORM_LABELS: ReadonlySet<string> = new Set(['kubernetes.io/os', 'beta.kubernetes.io/os', 'kubernetes.io/arch', 'beta.kubernetes.io/arch']);

/**
 * What a placement that names only platform labels selects, as the message quotes it
 * (`kubernetes.io/os: linux`); undefined when it names any other label, or nothing. Such a workload is
 * not aimed at edge nodes: it runs on every node of that platform, edge nodes among them (sweep16
 * R-1: a metrics agent selecting `kubernetes.io/os: linux` was said to "land on edge nodes").
 */
function platformOnly(placement: Placement): string | undefined {
  const selected = Object.keys(placement.nodeSelector);
  const required = placement.requiredTerms.flat();
  if (selected.length + required.length === 0) return undefined;
  if (!selected.every((k) => PLATFORM_LABELS.has(k)) || !required.every((r) => PLATFORM_LABELS.has(r.key))) return undefined;
  const named = [
    ...selected.map((k) => `${k}: ${placement.nodeSelector[k]}`),
    ...required.map((r) => `${r.key} ${r.operator}${r.values.length > 0 ? ` ${r.values.join(', ')}` : ''}`),
  ];
  return [...new Set(named)].join('; ');
}

/**
 * How the message says where the workload runs. A host the deployment does not name as an edge node
 * may or may not be one; a workload with no placement at all can land anywhere, and so can one that
 * selects only an operating system or architecture edge nodes have.
 */
function whereItLands(placement: Placement, nodeClass: NodeClass): string {
  const unplaced = Object.keys(placement.nodeSelector).length === 0 && placement.requiredTerms.length === 0;
  const known = nodeClass.nodeNames !== undefined && nodeClass.nodeNames.length > 0;
  if (placement.nodeName !== undefined && unplaced) {
    // Whatever name is filled in, the policy is the same there; the placeholder is no node's name.
    if (!isNodeName(placement.nodeName)) return `is bound by nodeName to a node still to be filled in (${placement.nodeName}), which can be an edge node,`;
    return known ? `is bound to edge node ${placement.nodeName} (nodeName)` : `is bound to node ${placement.nodeName} (nodeName), which can be an edge node,`;
  }
  if (unplaced) return 'can land on edge nodes (no nodeSelector or node affinity keeps it off them)';
  const hosts = hostnamePin(placement);
  if (hosts?.length === 1 && !isNodeName(hosts[0])) return `is pinned to a host still to be filled in (${HOSTNAME}: ${hosts[0]}), which can be an edge node,`;
  if (hosts && (!known || hosts.some((h) => !isNodeName(h)))) return `is pinned to ${hosts.length === 1 ? `host ${hosts[0]}` : `hosts ${hosts.join(', ')}`} (${HOSTNAME}), which can be an edge node,`;
  const platform = platformOnly(placement);
  if (platform !== undefined) return `can land on edge nodes (it selects only an operating system or architecture, ${platform}, which edge nodes have too)`;
  const marked = edgeValuedLabel(placement);
  return nodeNameLabel(placement, nodeClass) ?? (marked !== undefined ? `requires the node label ${marked}, which names edge nodes,` : 'lands on edge nodes');
}

/**
 * Kubernetes defaulting (pkg/apis/core/v1/defaults.go `SetDefaults_Container`, facts §Q4): an empty
 * imagePullPolicy becomes Always when the tag is `latest`, or when there is neither tag nor digest;
 * IfNotPresent otherwise. With Always the kubelet (edged) contacts the registry at every start, which
 * an offline edge node cannot: the pod sits in ErrImagePull/ImagePullBackOff.
 */
function defaultedPolicy(container: Container): 'Always' | 'IfNotPresent' | undefined {
  const ref = container.imageRef;
  if (!ref) return undefined;
  if (ref.tag === 'latest' || (!ref.tag && !ref.digest)) return 'Always';
  return 'IfNotPresent';
}

/**
 * Inserts `imagePullPolicy: IfNotPresent` on the line after `image:` with the same indentation. Only
 * for the block style every chart renders (`image: x` alone on its line, optionally after `- `);
 * anything else (flow mappings, multi-line scalars) gets no fix rather than a guess.
 */
function insertPolicy(container: Container): Fix | undefined {
  const image = container.image;
  if (!image) return undefined;
  const { source, start, end } = image.span;
  const text = source.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndRaw = text.indexOf('\n', end);
  const lineEnd = lineEndRaw === -1 ? text.length : lineEndRaw;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const m = /^(\s*)(- )?image:\s*\S.*$/.exec(line);
  if (!m || text.slice(end, lineEnd).replace(/\r$/, '').trim().replace(/^#.*/, '') !== '') return undefined;
  const indent = m[1] + (m[2] ? '  ' : '');
  const eol = text.slice(lineEnd - 1, lineEnd) === '\r' ? '\r\n' : '\n';
  const at = source.rootOffset(lineEnd - (eol === '\r\n' ? 1 : 0));
  return { description: 'Set imagePullPolicy: IfNotPresent', edits: [{ start: at, end: at, text: `${eol}${indent}imagePullPolicy: IfNotPresent` }] };
}

export default defineRule({
  id: 'k8s/edge-pull-policy',
  description: 'Disallow image pull policies that make edge pods depend on a registry at every start',
  category: 'reliability',
  severity: 'error',
  recommended: true,
  fixable: true,
  remediation:
    'Pin the image to a version and set imagePullPolicy: IfNotPresent (or Never for images preloaded on the node); a workload not meant for edge nodes can instead be kept off them with the required node affinity node-role.kubernetes.io/edge DoesNotExist.',
  messages: {
    explicitAlways:
      'Container {{container}} of {{workload}} {{lands}} with `imagePullPolicy: Always`: every start contacts the registry, so the pod cannot start on an offline node (ErrImagePull).',
    defaultAlways:
      'Container {{container}} of {{workload}} {{lands}} with image {{image}} and no imagePullPolicy: Kubernetes defaults it to Always ({{reason}}), so the pod cannot start on an offline node.',
    implicit:
      'Container {{container}} of {{workload}} {{lands}} without imagePullPolicy; it defaults to IfNotPresent only because {{image}} has a tag: state it, so that changing the tag to :latest or dropping it cannot silently make it Always.',
  },
  check({ model, report }) {
    const seen = new Set<Workload>();
    for (const nodeClass of model.classes) {
      if (!isEdgeClass(nodeClass.nodeClass)) continue;
      for (const workload of nodeClass.workloads) {
        if (seen.has(workload)) continue;
        seen.add(workload);
        const owner = `${workload.kind} ${workload.object.name}`;
        const lands = whereItLands(workload.placement, nodeClass.nodeClass);
        const helmSource = workload.object.helmSource;
        for (const container of workload.containers) {
          // No image (`image: ""`): nothing is pulled, and the API server rejects the object — k8s/schema's finding.
          if (!container.image || !container.image.value.trim()) continue;
          const data = { container: container.name, workload: owner, image: container.image.value, lands };
          const policy = container.imagePullPolicy;
          // An explicit Always is certain whatever the image: a template placeholder (`<user>/app:v1`,
          // `${IMAGE}`, `{{ .Values.image }}`) still pulls at every start once it is filled in.
          if (policy) {
            if (policy.value === 'Always') report({ messageId: 'explicitAlways', data, at: policy, helmSource });
            continue;
          }
          // A policy is written, as a template placeholder or a value of the wrong type (k8s/schema's
          // finding): the default never applies, so nothing here depends on the tag.
          if (container.imagePullPolicyUnread) continue;
          // Without a policy the default depends on the tag, which an unparseable reference or a
          // placeholder tag (`app:__TAG__`, filled in with `latest` or a version) does not show.
          if (!container.imageRef || container.imageRef.placeholder) continue;
          if (defaultedPolicy(container) === 'Always') {
            const reason = container.imageRef.tag === 'latest' ? 'the tag is latest' : 'the image has no tag';
            report({ messageId: 'defaultAlways', data: { ...data, reason }, at: container.image, helmSource });
          } else {
            report({ messageId: 'implicit', data, at: container.image, severity: 'warning', helmSource, fix: insertPolicy(container) });
          }
        }
      }
    }
  },
});
