import { containerBridge, defineRule, isLoopback, ownerAt, wordList } from '../../src/rule-api.js';
import type { Model, NodeClassModel, RelatedAnchor, Span } from '../../src/rule-api.js';

/**
 * A broker that takes anonymous clients on a reachable interface lets anyone on the network read and
 * inject device messages. mosquitto 1.6 does so with an empty config, 2.0 only on loopback (local-only
 * mode, ChangeLog 2.0.0 "Breaking changes"), the 2.1 image's default config and `/mosquitto-no-auth.conf`
 * on every interface (facts §Q6).
 */

interface Exposure {
  at: Span;
  binds: string[];
  /** `nodePort 31441 (NodePort Service mqtt)`: node ports that reach the broker from every node. */
  nodePorts: string[];
  related: RelatedAnchor[];
  who: string;
  /** Every bind is the node's address on this container bridge (containerBridge), or undefined. */
  bridge?: string;
  /** What makes the broker read this config when the finding's file does not say (a Dockerfile's COPY). */
  via?: RelatedAnchor;
}

/** Node ports one finding names. */
const MAX_LISTED_NODE_PORTS = 8;

/** Owners one finding names. */
const MAX_NAMED_OWNERS = 4;

/**
 * Binds one finding names: a config thousands of workloads mount, each publishing its own host port,
 * listed every bind (a 60 KB message for 4,000), each checked against the list before it was added.
 */
const MAX_LISTED_BINDS = 8;

function listedBinds(binds: readonly string[], count: number): string {
  return count > binds.length ? `${binds.join(', ')} and ${count - binds.length} more` : binds.join(', ');
}

function formatBind(address: string, port: number): string {
  return `${address.includes(':') ? `[${address}]` : address || '0.0.0.0'}:${port}`;
}

function spanKey(at: Span): string {
  return `${at.source.root.path}\0${at.source.rootOffset(at.start)}\0${at.source.rootOffset(Math.max(at.start, at.end - 1))}`;
}

/**
 * The model's listeners already say who accepts anonymous clients where: brokers under host
 * networking, host ports forwarded to a broker's container interface, units' brokers, and confs no
 * unit names (read as a distribution's 2.0 broker). The 2.1 image's HTTP dashboard is not MQTT.
 */
function classExposures(cls: NodeClassModel, add: (e: Exposure) => void): void {
  for (const l of cls.listeners) {
    if (l.anonymous !== true || isLoopback(l.address) || l.service === 'http_api') continue;
    const at = l.anonymousSpan ?? l.span;
    add({ at, binds: [formatBind(l.address, l.port)], nodePorts: [], related: [], who: ownerAt(l.owner, at), bridge: containerBridge(l.address), via: l.via });
  }
}

/**
 * Brokers a NodePort or LoadBalancer Service reaches: kube-proxy opens the node port on every node,
 * so a broker in its own pod network namespace is reachable there (src/model/node-ports.ts). A
 * ClusterIP Service is not in the model: it reaches the broker from the cluster's pods only.
 */
function nodePortExposures(model: Model, add: (e: Exposure) => void): void {
  for (const p of model.nodePorts) {
    if (!p.anonymous || p.service === 'http_api') continue;
    const nodePorts: string[] = [];
    const related: RelatedAnchor[] = [];
    for (const o of p.openings) {
      const port = o.nodePort === undefined ? 'a nodePort the API server allocates' : `nodePort ${o.nodePort}`;
      const service = `${o.type} Service ${o.object.name}`;
      nodePorts.push(`${port} (${service})`);
      related.push({ at: o.span, message: `${service} opens ${o.nodePort === undefined ? 'an allocated nodePort' : port} on every node to port ${p.targetPort} of ${p.owner}`, helmSource: o.object.helmSource });
    }
    add({ at: p.anonymousSpan, binds: [], nodePorts, related, who: ownerAt(p.owner, p.anonymousSpan) });
  }
}

export default defineRule({
  id: 'mosquitto/no-anonymous',
  description: 'Disallow MQTT brokers that accept anonymous clients on non-loopback interfaces',
  category: 'security',
  severity: 'warning',
  recommended: true,
  remediation: 'Set allow_anonymous false with a password_file, or bind the listener to 127.0.0.1 (listener 1883 127.0.0.1).',
  messages: {
    anonymous: '{{who}} {{accepts}} anonymous MQTT clients on {{binds}}: anyone who can reach the node can read and publish device messages.',
    bridge: '{{who}} {{accepts}} anonymous MQTT clients on {{binds}}, the node\'s address on {{bridge}}: every container on the node, and the node itself, can read and publish device messages.',
    nodePort: '{{who}} {{accepts}} anonymous MQTT clients{{binds}} and {{is}} reachable on every node at {{nodePorts}}: anyone who can reach a node can read and publish device messages.',
  },
  check({ model, report }) {
    // One finding per line that makes a broker anonymous, whichever classes and binds lead to it.
    const found = new Map<string, Exposure>();
    const add = (e: Exposure) => {
      const key = spanKey(e.at);
      let existing = found.get(key);
      if (!existing) {
        existing = { ...e, binds: [], nodePorts: [], related: [], via: undefined };
        found.set(key, existing);
        seenNodePorts.set(existing, new Set());
        bindsOf.set(existing, new Set());
        owners.set(existing, new Set());
      } else if (existing.bridge !== e.bridge) existing.bridge = undefined;
      // One config several workloads mount (a shared ConfigMap) is one finding naming each of them.
      owners.get(existing)!.add(e.who);
      if (e.via) {
        const placed = placedBy.get(existing) ?? new Map<string, RelatedAnchor>();
        placedBy.set(existing, placed);
        if (placed.size < MAX_NAMED_OWNERS) placed.set(spanKey(e.via.at as Span), { at: e.via.at, message: e.via.message });
      }
      const seenBinds = bindsOf.get(existing)!;
      for (const b of e.binds) {
        if (seenBinds.has(b)) continue;
        seenBinds.add(b);
        if (existing.binds.length < MAX_LISTED_BINDS) existing.binds.push(b);
      }
      const seen = seenNodePorts.get(existing)!;
      for (const [i, n] of e.nodePorts.entries()) {
        if (seen.has(n)) continue;
        seen.add(n);
        // One broker behind thousands of Services (a generated stream) names a few of them.
        if (existing.nodePorts.length >= MAX_LISTED_NODE_PORTS) continue;
        existing.nodePorts.push(n);
        existing.related.push(e.related[i]);
      }
    };
    const seenNodePorts = new Map<Exposure, Set<string>>();
    const bindsOf = new Map<Exposure, Set<string>>();
    const owners = new Map<Exposure, Set<string>>();
    const placedBy = new Map<Exposure, Map<string, RelatedAnchor>>();
    for (const cls of model.classes) classExposures(cls, add);
    nodePortExposures(model, add);
    for (const e of found.values()) {
      const who = [...owners.get(e)!];
      const placed = [...(placedBy.get(e)?.values() ?? [])];
      const withPlaced = placed.length ? { related: placed } : {};
      const several = who.length > 1;
      const named = who.length > MAX_NAMED_OWNERS ? `${who.slice(0, MAX_NAMED_OWNERS).join(', ')} and ${who.length - MAX_NAMED_OWNERS} more` : wordList(who);
      const grammar = { who: several ? `${named}, ${who.length === 2 ? 'both' : 'all'} reading this config,` : named, accepts: several ? 'accept' : 'accepts', is: several ? 'are' : 'is' };
      if (e.nodePorts.length === 0) {
        // A bind on a container bridge only is open to the node's containers, not to the node's network.
        const binds = listedBinds(e.binds, bindsOf.get(e)!.size);
        if (e.bridge) report({ messageId: 'bridge', data: { ...grammar, binds, bridge: e.bridge }, at: e.at, ...withPlaced });
        else report({ messageId: 'anonymous', data: { ...grammar, binds }, at: e.at, ...withPlaced });
        continue;
      }
      const binds = e.binds.length ? ` on ${listedBinds(e.binds, bindsOf.get(e)!.size)}` : '';
      // The model joins a pod to a few Services only, so the rest is said, not counted.
      const more = seenNodePorts.get(e)!.size > e.nodePorts.length;
      const nodePorts = e.nodePorts.join(', ') + (more ? ' and more' : '');
      report({ messageId: 'nodePort', data: { ...grammar, binds, nodePorts }, at: e.at, related: [...e.related, ...placed] });
    }
  },
});
