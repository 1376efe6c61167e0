/**
 * The names a deployment gives its edge nodes. A pod pinned by `kubernetes.io/hostname` (or bound by
 * `nodeName`) to a host is on an edge node only when that host is one; sweep5 found charts pinning
 * their dashboards to `cloudnode` beside fifteen Devices bound to `edgenode`, reported as edge pods.
 * Three places state an edge node's name:
 * - a KubeEdge Device, bound to the edge node whose edgecore serves it (kubernetes.ts readDeviceNodes);
 * - `keadm join --edgenode-name` / `-i` in an install script (keadm join_others.go, EdgeNodeName);
 * - `modules.edged.hostnameOverride` in an edgecore.yaml, the name edged registers the node under.
 */
import type { EdgecoreConfig } from './edgecore.js';
import { lookup } from './edgecore.js';
import type { K8sObject } from './types.js';

/** A Node's name is a DNS-1123 subdomain (apimachinery validation.IsDNS1123Subdomain): anything else is a placeholder. */
const NODE_NAME = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;

/** A name a Node can have; anything else (`<your node name>`, `${NODE}`) is a placeholder still to be filled in. */
export function isNodeName(name: string): boolean {
  return name.length <= 253 && NODE_NAME.test(name);
}

/**
 * The names are a closed list only when no edge node of the deployment registers under a name it
 * does not state: a `keadm join` whose `--edgenode-name` is missing or depends on the run
 * (`edge-node-${NODE_NUM}`), or an edgecore.yaml without `hostnameOverride`, joins a node named by its
 * hostname, and a pod pinned to an unnamed host may be that node (sweep7 M-1: one node's backed-up
 * edgecore.yaml named `edge-server1` while the installer joined `edge-node-${NODE_NUM}`, and a pod
 * pinned to `edge-002` pulled at every start unreported). Then no names are returned.
 */
export function edgeNodeNames(fromScripts: readonly string[], objects: readonly K8sObject[], configs: readonly EdgecoreConfig[], unnamedJoins = 0): string[] {
  if (unnamedJoins > 0) return [];
  // A name that is no node's name (`--edgenode-name '<node-name>'`, `hostnameOverride: ${NODE_NAME}`
  // filled in at install time) joins a node under a name not written here: the list is open too.
  if (fromScripts.some((name) => !isNodeName(name))) return [];
  for (const config of configs) {
    if (config.assumed) continue;
    const name = lookup(config, ['modules', 'edged', 'hostnameOverride']).value?.value;
    if (typeof name !== 'string' || !isNodeName(name)) return [];
  }
  return knownEdgeNodeNames(fromScripts, objects, configs);
}

/**
 * Every name the deployment states for one of its edge nodes, whether or not other edge nodes join
 * unnamed: a node an install script labels by one of these names is an edge node (build.ts reaches).
 */
export function knownEdgeNodeNames(fromScripts: readonly string[], objects: readonly K8sObject[], configs: readonly EdgecoreConfig[]): string[] {
  const names = new Set<string>();
  const add = (name: unknown) => {
    if (typeof name === 'string' && isNodeName(name)) names.add(name);
  };
  for (const name of fromScripts) add(name);
  for (const object of objects) if (object.deviceNodes && !object.kustomizePatch) for (const name of object.deviceNodes) add(name);
  for (const config of configs) if (!config.assumed) add(lookup(config, ['modules', 'edged', 'hostnameOverride']).value?.value);
  return [...names].sort();
}
