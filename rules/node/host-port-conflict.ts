import { ASSUMED_EDGECORE_NOTE, bindSites, defineRule, isNodeName, ownerAt, placementImplies, portText, ProtocolIndex, sameBrokerDuplicates } from '../../src/rule-api.js';
import type { Site } from '../../src/rule-api.js';

/** `0.0.0.0:1883 and [::]:1883`. */
function bindsText(site: Site): string {
  const port = portText(site.first.port, site.end - site.first.port + 1);
  return site.addresses.map((a) => `${a.includes(':') ? `[${a}]` : a}:${port}`).join(' and ');
}

/**
 * Why the bind is known, said once: the model's reason without the file the finding already points at
 * (a broker's own mosquitto.conf) and without nested brackets (`default config of X (mosquitto 1.6)`
 * reads `default config of X, mosquitto 1.6`).
 */
function whyText(site: Site): string {
  let why = site.first.reason;
  // The file the finding points at, or the one its owner already names (`mosquitto (etc/…/mosquitto.conf)`).
  for (const named of [site.first.span.source.root.path, /\(([^()]+)\)$/.exec(site.first.owner)?.[1]]) {
    if (!named) continue;
    if (why === named) return '';
    if (why.startsWith(`${named} (`) && why.endsWith(')')) {
      why = why.slice(named.length + 2, -1);
      break;
    }
  }
  return why.replace(/ \(([^()]*)\)$/, ', $1');
}

/**
 * What a site does with the port: a pod the scheduler keeps off a node never binds there, it
 * `claims` the port (the unschedulable message); everything else `binds` it.
 */
type Verb = 'binds' | 'claims';

/** The full description of a site, said at its own location (computed once: a site named in many findings shares one string). */
function describe(site: Site, verb: Verb = 'binds'): string {
  if (site.text === undefined) {
    const why = [whyText(site), site.first.assumed ? ASSUMED_EDGECORE_NOTE : ''].filter(Boolean).join(', ');
    site.text = `${bindsText(site)}${why ? ` (${why})` : ''}`;
  }
  return `${ownerAt(site.first.owner, site.first.span)} ${verb} ${site.text}`;
}

/** A site as the other side of a finding: who and what; where and why are its related location. */
function brief(site: Site, verb: Verb = 'binds'): string {
  return `${site.first.owner} ${verb} ${bindsText(site)}`;
}

/**
 * The other sides as the message names them: `, and B binds X` for one; for several a numbered list
 * (`; also (1) A binds X, (2) B binds Y, and 4 more listed below`), so three sides never read as two.
 * Related locations carry the listed ones the message does not name; an assumed bind is in no file
 * and has no related location, so its why stays in the message.
 */
function othersText(others: Site[], count: number, unbounded: boolean, verb: Verb): string {
  const name = (o: Site) => (o.first.assumed ? describe(o, verb) : brief(o, verb));
  if (count === 1 && !unbounded) return `, and ${name(others[0])}`;
  const named = others.slice(0, IN_MESSAGE);
  const items = named.map((o, i) => `(${i + 1}) ${name(o)}`);
  const below = others.length - named.length;
  const rest = count - named.length;
  if (unbounded) items.push(below > 0 ? `and more (${below} listed below)` : 'and more');
  else if (rest > 0) items.push(below === rest ? `and ${rest} more listed below` : below > 0 ? `and ${rest} more (${below} listed below)` : `and ${rest} more`);
  // `(1) A, (2) B and (3) C`, or `(1) A, (2) B, (3) C, and 4 more`.
  const last = items.length > 1 && !items[items.length - 1].startsWith('and ') ? ` and ${items.pop()}` : '';
  return `; also ${items.join(', ')}${last}`;
}

/** Colliding binds a finding names in its message; the rest of those collisions() lists are its related locations only. */
const IN_MESSAGE = 3;

/** The node a pod of this site is bound to by `nodeName`, when it is a literal node name. */
function boundNode(site: Site): string | undefined {
  const name = site.first.placement?.nodeName;
  return name !== undefined && isNodeName(name) ? name : undefined;
}

/** Every node pod `p` may run on runs DaemonSet `d`'s pod: a DaemonSet without placement runs on every node. */
function certainMeeting(p: Site, d: Site): boolean {
  if (d.first.podPort?.daemon !== true) return false;
  const daemonPlacement = d.first.placement;
  if (!daemonPlacement) return true;
  return p.first.placement !== undefined && placementImplies(p.first.placement, daemonPlacement);
}

/**
 * Two binds of one host port collide on Linux when the addresses are equal or either is a wildcard
 * of the family (a v6 wildcard takes v4 too with the default bindv6only=0); the second process to
 * start gets EADDRINUSE (facts §Q8, observed with mosquitto). The Kubernetes scheduler only sees
 * declared hostPorts, so binds by hostNetwork images with default configs, systemd units and edgecore
 * itself are invisible to it.
 */
export default defineRule({
  id: 'node/host-port-conflict',
  description: 'Disallow two listeners on the same host port and protocol on one class of node',
  category: 'reliability',
  severity: 'error',
  recommended: true,
  remediation: 'Keep one of the two (for a broker: either the cloud DaemonSet or the local unit), or move one to another port or address.',
  messages: {
    conflict: 'Host port {{port}}/{{protocol}} on {{nodeClass}} nodes is bound {{times}}: {{self}}{{others}}; {{whichever}} fails with "bind: address already in use".',
    unschedulable: 'Host port {{port}}/{{protocol}} on {{nodeClass}} nodes is claimed {{times}} by pods: {{self}}{{others}}; the scheduler never places two pods claiming it on one node (NodePorts filter), so {{outcome}}.',
    boundTogether:
      'Host port {{port}}/{{protocol}} on {{nodeClass}} nodes is claimed {{times}} by pods bound by nodeName to node {{node}}: {{self}}{{others}}; no scheduler places them, so edged (the kubelet) admits the first and rejects the later one at admission: it fails with reason NodePorts ("didn\'t have free ports for the requested pod ports").',
    sameBroker: 'Host port {{port}}/{{protocol}} on {{nodeClass}} nodes is bound twice by one broker: this listener of {{owner}} binds {{binds}} after an earlier one bound {{other}}; the broker exits at start with "Error: Address already in use".',
  },
  check({ model, report }) {
    const reported = new Set<string>();
    for (const nodeClass of model.classes) {
      const all = bindSites(nodeClass.listeners);
      // Only binds of one protocol and overlapping ports can collide.
      const byProtocol = new Map<string, ProtocolIndex>();
      for (const site of all) {
        let index = byProtocol.get(site.first.protocol);
        if (!index) byProtocol.set(site.first.protocol, (index = new ProtocolIndex()));
        index.add(site);
      }
      for (const index of byProtocol.values()) index.seal();
      const dropped = sameBrokerDuplicates(all);
      for (const [self, other] of dropped) {
        const l = self.first;
        report({
          messageId: 'sameBroker',
          data: { port: portText(l.port), protocol: l.protocol, nodeClass: nodeClass.nodeClass.name, owner: ownerAt(l.owner, l.span), binds: bindsText(self), other: bindsText(other) },
          at: l.span,
          helmSource: l.helmSource,
          related: [{ at: other.first.span, message: `the earlier listener binds ${bindsText(other)}`, helmSource: other.first.helmSource }, ...(l.via ? [l.via] : [])],
        });
      }
      for (const self of all) {
        // Listing every colliding bind in every finding is quadratic in output; the rest are counted.
        const { others, count, more: unbounded } = byProtocol.get(self.first.protocol)!.collisions(self);
        if (others.length === 0) continue;
        const l = self.first;
        // A bind known only from edgecore's assumed defaults is in no file: the other side carries the finding.
        if (l.assumed) continue;
        // Resting only on assumed defaults, a conflict is a warning (README, "An unseen node side").
        const onlyAssumed = !unbounded && count === others.length && others.every((o) => o.first.assumed);
        const key = `${l.span.source.path}:${l.span.start}:${l.port}-${self.end}/${l.protocol}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const several = count > 1 || unbounded;
        // Declared pod ports on both sides: the scheduler keeps the pods apart, nothing binds twice
        // (pkg/scheduler/framework/plugins/nodeports: a pod whose hostIP/protocol/hostPort is taken on a
        // node does not fit there, "node(s) didn't have free ports for the requested pod ports").
        const scheduled = l.podPort !== undefined && !unbounded && count === others.length && others.every((o) => o.first.podPort !== undefined && o.first.podPort.pod !== l.podPort!.pod);
        // A DaemonSet's pod is bound to its node and stays Pending there; other pods go to a node
        // with the port free, if the class has one. That is certain only where every node the other
        // pod may run on runs the DaemonSet (its placement implies the DaemonSet's): a DaemonSet on
        // nodes labelled for it and a pod on nodes labelled otherwise meet only on a node carrying both.
        const daemon = scheduled && others.some((o) => certainMeeting(self, o) || certainMeeting(o, self));
        // Pods bound by nodeName to one node never meet the scheduler: the node's kubelet (edged embeds
        // it) runs the scheduler's NodePorts check as an admit handler and fails the later pod
        // (kubernetes pkg/kubelet/lifecycle/predicate.go: reason = the predicate's name). Certain.
        const node = scheduled ? boundNode(self) : undefined;
        const together = node !== undefined && others.every((o) => boundNode(o) === node);
        const verb: Verb = scheduled ? 'claims' : 'binds';
        report({
          messageId: together ? 'boundTogether' : scheduled ? 'unschedulable' : 'conflict',
          data: {
            port: portText(l.port, self.end - l.port + 1),
            protocol: l.protocol,
            nodeClass: nodeClass.nodeClass.name,
            node: node ?? '',
            times: !several ? 'twice' : unbounded ? 'many times' : `${count + 1} times`,
            self: describe(self, verb),
            others: othersText(others, count, unbounded, verb),
            whichever: several ? 'whichever of two colliding binds starts second' : 'whichever starts second',
            outcome: daemon
              ? 'a DaemonSet pod on a node where the port is taken stays Pending ("didn\'t have free ports for the requested pod ports")'
              : 'a pod stays Pending ("didn\'t have free ports for the requested pod ports") when every node it may run on has the port taken',
          },
          at: l.span,
          helmSource: l.helmSource,
          // Pods the scheduler can spread over several nodes collide only when the class runs out of them.
          ...(onlyAssumed || (scheduled && !daemon && !together) ? { severity: 'warning' as const } : {}),
          related: [...others.filter((o) => !o.first.assumed).map((o) => ({ at: o.first.span, message: describe(o, verb), helmSource: o.first.helmSource })), ...(l.via ? [l.via] : [])],
        });
      }
    }
  },
});
