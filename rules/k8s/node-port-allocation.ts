import { defineRule, filledAtRunTime, where } from '../../src/rule-api.js';
import type { K8sObject, Located } from '../../src/rule-api.js';

/** The API server's default `--service-node-port-range` (kube-apiserver options, also K3s and MicroK8s). */
const RANGE_MIN = 30000;
const RANGE_MAX = 32767;

/**
 * Two definitions of one Service (the same object in overlays, per-architecture copies, a chart and its
 * rendered output) are one allocation: the second apply updates the first. A Service without a
 * namespace goes where it is applied, so it may be the one a namespaced definition names.
 */
function sameService(a: K8sObject, b: K8sObject): boolean {
  if (!a.name || a.name !== b.name) return false;
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

const owner = (object: K8sObject) => (object.name ? `Service ${object.name}` : 'Service');

/**
 * Reports nodePorts the API server cannot allocate. The allocator (kubernetes pkg/registry/core/service
 * portallocator, called from storage/alloc.go) holds one bitmap of node ports for the whole cluster,
 * whatever the namespace and protocol: a number asked for by a second Service fails with "provided
 * port is already allocated", and one outside the range with "provided port is not in the valid
 * range". Services of one deployment are those applied to one cluster; two deployments never combine.
 */
export default defineRule({
  id: 'k8s/node-port-allocation',
  description: 'Disallow Service nodePorts the API server cannot allocate',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  remediation: 'Give each Service its own nodePort within 30000–32767, or leave nodePort out and let the API server pick a free one.',
  messages: {
    taken:
      '{{object}} asks for nodePort {{port}}, which {{other}} ({{where}}) asks for too: the API server allocates a node port to one Service in the whole cluster, so whichever is applied second is refused (spec.ports[].nodePort: Invalid value: {{port}}: provided port is already allocated).',
    outOfRange:
      '{{object}} asks for nodePort {{port}}, outside 30000-32767, the API server\'s default --service-node-port-range: unless the cluster\'s range was widened to hold it, the Service is refused (spec.ports[].nodePort: Invalid value: {{port}}: provided port is not in the valid range. The range of valid ports is 30000-32767).',
  },
  check({ model, report }) {
    const holders = new Map<number, { object: K8sObject; at: Located<number> }>();
    for (const object of model.objects) {
      // A kustomize patch is merged into its resource: it allocates nothing of its own.
      if (!object.requestedNodePorts || object.kustomizePatch) continue;
      for (const nodePort of object.requestedNodePorts) {
        if (filledAtRunTime(nodePort.span)) continue;
        const port = nodePort.value;
        if (port < RANGE_MIN || port > RANGE_MAX) {
          // The range is the cluster's to set: a warning, and no duplicate is judged outside it.
          report({ messageId: 'outOfRange', data: { object: owner(object), port: String(port) }, at: nodePort, severity: 'warning', helmSource: object.helmSource });
          continue;
        }
        const holder = holders.get(port);
        if (!holder) {
          holders.set(port, { object, at: nodePort });
          continue;
        }
        if (sameService(holder.object, object)) continue;
        report({
          messageId: 'taken',
          data: { object: owner(object), port: String(port), other: owner(holder.object), where: where(holder.at) },
          at: nodePort,
          helmSource: object.helmSource,
          related: [{ at: holder.at.span, message: `nodePort ${port} of ${owner(holder.object)}`, helmSource: holder.object.helmSource }],
        });
      }
    }
  },
});
