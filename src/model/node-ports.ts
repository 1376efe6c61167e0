/**
 * Brokers a Service opens on every node. kube-proxy opens a NodePort Service's `nodePort` on every
 * node's addresses and forwards it to the targetPort of the pods its selector picks (Kubernetes
 * documentation, Service, "type: NodePort"); a LoadBalancer Service allocates node ports the same way
 * unless `allocateLoadBalancerNodePorts: false` (ServiceSpec, core/v1). A broker in a pod on no host
 * network, publishing no hostPort, is then reachable from anywhere that reaches a node. A ClusterIP
 * Service reaches it from the cluster's pods only: not a node's port, so not modelled here.
 */
import type { Container, K8sObject, NodePortExposure, ServicePort, Workload } from './types.js';
import type { BrokerBind } from './listeners.js';
import { isLoopback } from './listeners.js';
import { appendTo } from '../core/arrays.js';
import { getOwn } from '../core/records.js';

/** What each container's broker binds in its pod (listeners.ts workloadListeners `onBinds`). */
export type BindsOf = ReadonlyMap<Container, readonly BrokerBind[]>;

/** Pods of one namespace carrying one label: the endpoints controller selects within the Service's namespace only. */
function labelKey(namespace: string | undefined, key: string, value: string): string {
  return `${namespace ?? ''}\u0000${key}\u0000${value}`;
}

/**
 * The container port a Service port forwards to in one pod: targetPort as a number, or the number of
 * the pod's container port of that name and protocol (the endpoints controller looks the name up
 * across the pod's containers, podutil.FindPort); absent, the Service's own `port`.
 */
function targetPortIn(workload: Workload, port: ServicePort): number | undefined {
  const target = port.targetPort?.value ?? port.port?.value;
  if (typeof target === 'number') return target;
  if (target === undefined) return undefined;
  for (const container of workload.containers) {
    if (container.init) continue;
    const named = container.ports.find((p) => p.name === target && p.protocol === port.protocol);
    if (named?.containerPort) return named.containerPort.value;
  }
  return undefined;
}

/**
 * Every (Service port, broker listener) pair a NodePort or LoadBalancer Service joins. Pods are
 * indexed by namespace and label once; a Service looks up only the pods carrying its least common
 * selector label, then checks the rest of its selector on those.
 */
export function nodePortExposures(objects: readonly K8sObject[], workloads: readonly Workload[], bindsOf: BindsOf): NodePortExposure[] {
  const exposures: NodePortExposure[] = [];
  if (bindsOf.size === 0) return exposures;
  const byLabel = new Map<string, Workload[]>();
  for (const workload of workloads) {
    if (workload.object.kustomizePatch || !workload.podLabels || !workload.containers.some((c) => bindsOf.has(c))) continue;
    for (const [key, value] of Object.entries(workload.podLabels)) appendTo(byLabel, labelKey(workload.object.namespace, key, value), workload);
  }
  if (byLabel.size === 0) return exposures;
  for (const object of objects) {
    const service = object.nodePortService;
    if (!service || object.kustomizePatch) continue;
    const selector = Object.entries(service.selector);
    // Without a selector the Service's endpoints are kept by hand: which pods it reaches is unknown.
    if (selector.length === 0) continue;
    let candidates: Workload[] = [];
    for (let i = 0; i < selector.length; i++) {
      const pods = byLabel.get(labelKey(object.namespace, selector[i][0], selector[i][1])) ?? [];
      if (i === 0 || pods.length < candidates.length) candidates = pods;
    }
    for (const workload of candidates) {
      if (!selector.every(([key, value]) => getOwn(workload.podLabels!, key) === value)) continue;
      for (const port of service.ports) {
        // MQTT and its websockets listeners are TCP.
        if (port.protocol !== 'TCP') continue;
        const target = targetPortIn(workload, port);
        if (target === undefined) continue;
        for (const container of workload.containers) {
          const bind = bindsOf.get(container)?.find((b) => b.port === target && b.addresses.some((a) => !isLoopback(a)));
          if (!bind) continue;
          exposures.push({
            object,
            type: service.type,
            ...(port.nodePort ? { nodePort: port.nodePort.value } : {}),
            span: port.nodePort?.span ?? port.span,
            owner: `${workload.kind} ${workload.object.name} (container ${container.name})`,
            targetPort: target,
            service: bind.service,
            anonymous: bind.anonymous,
            anonymousSpan: bind.anonymousSpan,
            reason: bind.reason,
          });
        }
      }
    }
  }
  return exposures;
}
