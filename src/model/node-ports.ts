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
import { isLoopback, workloadOwner } from './listeners.js';
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
 * Services a pod lists at most: they all lead to one finding per broker, which names eight and says
 * when there are more; a generated stream where thousands of NodePort Services select one app must not
 * make pods × Services entries (100,000 objects: 62,000 pods, 11,000 such Services).
 */
export const MAX_SERVICES_PER_POD = 9;

/** Selector checks one run may spend: a hostile stream of identical selectors stops here, not at pods × Services. */
const MAX_SELECTOR_CHECKS = 4_000_000;

/** A NodePort or LoadBalancer Service and the pods its selector picks. */
export type NodePortSelections = ReadonlyMap<Workload, readonly K8sObject[]>;

/**
 * The NodePort and LoadBalancer Services each broker pod is selected by (`isBroker` says which pods
 * run a broker image; no other pod is looked at). Services with one selector in one namespace are one
 * group, and groups are indexed by their first selector label, so a pod checks only the groups one of
 * its own labels names.
 */
export function nodePortSelections(objects: readonly K8sObject[], workloads: readonly Workload[], isBroker: (workload: Workload) => boolean): NodePortSelections {
  const selections = new Map<Workload, K8sObject[]>();
  const groups = new Map<string, { selector: Array<[string, string]>; services: K8sObject[] }>();
  const byLabel = new Map<string, Array<{ selector: Array<[string, string]>; services: K8sObject[] }>>();
  for (const object of objects) {
    const service = object.nodePortService;
    if (!service || object.kustomizePatch) continue;
    // Without a selector the Service's endpoints are kept by hand: which pods it reaches is unknown.
    const selector = Object.entries(service.selector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (selector.length === 0) continue;
    const id = JSON.stringify([object.namespace ?? '', selector]);
    let group = groups.get(id);
    if (!group) {
      group = { selector, services: [] };
      groups.set(id, group);
      appendTo(byLabel, labelKey(object.namespace, selector[0][0], selector[0][1]), group);
    }
    if (group.services.length < MAX_SERVICES_PER_POD) group.services.push(object);
  }
  if (byLabel.size === 0) return selections;
  let checks = 0;
  for (const workload of workloads) {
    if (workload.object.kustomizePatch || !workload.podLabels || !isBroker(workload)) continue;
    const labels = workload.podLabels;
    const picked: K8sObject[] = [];
    for (const [key, value] of Object.entries(labels)) {
      for (const group of byLabel.get(labelKey(workload.object.namespace, key, value)) ?? []) {
        if (++checks > MAX_SELECTOR_CHECKS) return selections;
        if (!group.selector.every(([k, v]) => getOwn(labels, k) === v)) continue;
        for (const service of group.services) if (picked.length < MAX_SERVICES_PER_POD) picked.push(service);
      }
    }
    if (picked.length > 0) selections.set(workload, picked);
  }
  return selections;
}

/** Every broker listener of the pods `selections` holds that a NodePort or LoadBalancer Service port reaches, with those ports. */
export function nodePortExposures(selections: NodePortSelections, bindsOf: BindsOf): NodePortExposure[] {
  const exposures: NodePortExposure[] = [];
  for (const [workload, services] of selections) {
    const byBind = new Map<BrokerBind, NodePortExposure>();
    for (const object of services) {
      const service = object.nodePortService!;
      for (const port of service.ports) {
        // MQTT and its websockets listeners are TCP.
        if (port.protocol !== 'TCP') continue;
        const target = targetPortIn(workload, port);
        if (target === undefined) continue;
        for (const container of workload.containers) {
          const bind = bindsOf.get(container)?.find((b) => b.port === target && b.addresses.some((a) => !isLoopback(a)));
          if (!bind) continue;
          let exposure = byBind.get(bind);
          if (!exposure) {
            exposure = {
              openings: [],
              owner: `${workloadOwner(workload)} (container ${container.name})`,
              targetPort: target,
              service: bind.service,
              anonymous: bind.anonymous,
              anonymousSpan: bind.anonymousSpan,
              reason: bind.reason,
            };
            byBind.set(bind, exposure);
            exposures.push(exposure);
          }
          exposure.openings.push({ object, type: service.type, ...(port.nodePort ? { nodePort: port.nodePort.value } : {}), span: port.nodePort?.span ?? port.span });
        }
      }
    }
  }
  return exposures;
}
