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
 * Every name the deployment states for one of its edge nodes (`known`: a node an install script labels
 * by one of them is an edge node, build.ts reaches), and whether they are all its edge nodes
 * (`closed`). The list is closed only when no edge node registers under a name it does not state: a
 * `keadm join` whose `--edgenode-name` is missing or depends on the run (`edge-node-${NODE_NUM}`), or
 * an edgecore.yaml without `hostnameOverride`, joins a node named by its hostname, and a pod pinned to
 * an unnamed host may be that node (sweep7 M-1: one node's backed-up edgecore.yaml named
 * `edge-server1` while the installer joined `edge-node-${NODE_NUM}`, and a pod pinned to `edge-002`
 * pulled at every start unreported). A name that is no node's name (`--edgenode-name '<node-name>'`,
 * `hostnameOverride: ${NODE_NAME}` filled in at install time) opens it too.
 */
export function edgeNodeNames(fromScripts: readonly string[], objects: readonly K8sObject[], configs: readonly EdgecoreConfig[], unnamedJoins = 0): { known: string[]; closed: boolean } {
  const names = new Set<string>();
  let closed = unnamedJoins === 0;
  const add = (name: unknown) => {
    if (typeof name === 'string' && isNodeName(name)) names.add(name);
    else closed = false;
  };
  for (const name of fromScripts) add(name);
  for (const config of configs) if (!config.assumed) add(lookup(config, ['modules', 'edged', 'hostnameOverride']).value?.value);
  // A Device names the node it is bound to; a placeholder there opens nothing (no node joins by it).
  for (const object of objects) {
    if (!object.deviceNodes || object.kustomizePatch) continue;
    for (const name of object.deviceNodes) if (isNodeName(name)) names.add(name);
  }
  return { known: [...names].sort(), closed };
}
