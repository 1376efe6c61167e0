/**
 * The labels a K3s server or agent registers its own node with: `--node-label KEY=VALUE` (repeatable;
 * `node-label:` in its configuration files, engine/k3s-config.ts), and the kubelet's `--node-labels`
 * passed through `--kubelet-arg node-labels=K=V,…` (`kubelet-arg:`), under `--node-name` (`node-name:`)
 * or the host's name. k3s-io/k3s pkg/cli/cmds/agent.go: NodeLabels and ExtraKubeletArgs are slices,
 * NodeName a string (the last one given wins, a config value before the command line's own).
 *
 * They feed placement as a script's `kubectl label node NAME` does (model/build.ts NodeLabeling): a
 * node whose name the deployment states. A K3s node is never an edge node (edged, not a kubelet,
 * registers those), so a name the run decides reaches no class; such labels still tell ServiceLB
 * that some node carries `svccontroller.k3s.cattle.io/enablelb` (engine/k3s-servicelb.ts).
 * `--node-taint` (`node-taint:`) is left unread on purpose: it taints one node of the cloud class,
 * which is open, so it keeps no workload off the class (docs/measurements.md, sweep25).
 */
import type { Located } from '../core/source.js';
import type { NodeLabeling } from '../model/types.js';
import { isNodeName } from '../model/edge-node-names.js';
import type { K3sConfig } from './k3s-config.js';

/** What one K3s process says of its node. */
export interface K3sNode {
  /** The file whose host runs it, for the host's class. */
  path: string;
  labels: Array<{ key: string; value: string | undefined }>;
  /** The name it registers under, when stated and literal. */
  nodeName?: string;
}

/** A label key as the API validates it (kubectl-label.ts LABEL_KEY). */
const LABEL_KEY = /^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** `KEY=VALUE` labels of one value (the kubelet's `--node-labels` list is comma-separated); a part the run decides leaves its value unknown. */
function labelsOf(value: string, into: K3sNode['labels']): void {
  for (const item of value.split(',')) {
    const eq = item.indexOf('=');
    const key = (eq === -1 ? item : item.slice(0, eq)).trim();
    if (!LABEL_KEY.test(key)) continue;
    const labelValue = eq === -1 ? '' : item.slice(eq + 1).trim();
    into.push({ key, value: labelValue.includes('$') ? undefined : labelValue });
  }
}

/** Reads one flag and its value into the node. */
function readFlag(node: { labels: K3sNode['labels']; nodeName?: string | null }, flag: string, value: string): void {
  if (flag === 'node-label') labelsOf(value, node.labels);
  else if (flag === 'kubelet-arg' && value.replace(/^--/, '').startsWith('node-labels=')) labelsOf(value.replace(/^--/, '').slice('node-labels='.length), node.labels);
  // A name the run decides is no name: `null` marks it, so a config's name does not stand in for it.
  else if (flag === 'node-name') node.nodeName = value.includes('$') ? null : value;
}

const FLAGS = new Set(['node-label', 'kubelet-arg', 'node-name']);

/** The node settings of a server's or agent's arguments (after `server`/`agent`), over its configuration's. */
export function k3sNodeOf(path: string, args: ReadonlyArray<Located<string>>, config?: K3sConfig): K3sNode {
  const node: { labels: K3sNode['labels']; nodeName?: string | null } = { labels: [] };
  if (config) {
    for (const flag of FLAGS) {
      const values = config.unread ? 'unknown' : config.values.get(flag);
      if (values === 'unknown') {
        if (flag === 'node-name') node.nodeName = null;
        continue;
      }
      for (const value of values ?? []) readFlag(node, flag, value.value);
    }
  }
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value;
    if (!word.startsWith('--')) continue;
    const eq = word.indexOf('=');
    const flag = word.slice(2, eq === -1 ? undefined : eq);
    if (!FLAGS.has(flag)) continue;
    const value = eq === -1 ? args[++i]?.value : word.slice(eq + 1);
    if (value !== undefined) readFlag(node, flag, value);
  }
  return { path, labels: node.labels, ...(node.nodeName ? { nodeName: node.nodeName } : {}) };
}

/** A K3s configuration on its own: the node of whichever process on its host reads it. */
export function k3sConfigNode(config: K3sConfig): K3sNode {
  return k3sNodeOf(config.file.root.path, [], config);
}

/** The labelings of the nodes whose names are stated, as `kubectl label node NAME` records them. */
export function k3sNodeLabelings(nodes: readonly K3sNode[]): NodeLabeling[] {
  const labelings: NodeLabeling[] = [];
  for (const node of nodes) if (node.nodeName !== undefined && isNodeName(node.nodeName) && node.labels.length > 0) labelings.push({ nodes: [node.nodeName], labels: node.labels, script: node.path });
  return labelings;
}
