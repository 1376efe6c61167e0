import { addressesCollide, defineRule, where } from '../../src/rule-api.js';
import type { Listener } from '../../src/rule-api.js';

/** One bind site: a broker binding 0.0.0.0 and :: from one line is one listener with two addresses. */
interface Site {
  first: Listener;
  addresses: string[];
  text?: string;
}

function sites(listeners: Listener[]): Site[] {
  const bySite = new Map<string, Site>();
  for (const l of listeners) {
    const key = `${l.ownerKey}\0${l.span.source.path}\0${l.span.start}\0${l.port}\0${l.protocol}`;
    const site = bySite.get(key);
    if (site) {
      if (!site.addresses.includes(l.address)) site.addresses.push(l.address);
    } else {
      bySite.set(key, { first: l, addresses: [l.address] });
    }
  }
  return [...bySite.values()];
}

/** Binds of one port and protocol at the same addresses, in the order `sites` found them. */
interface AddressSet {
  addresses: string[];
  members: Array<{ site: Site; index: number }>;
  owners: Map<string, number>;
}

/** Computed once per site: a site named in many findings shares one string instead of a copy each. */
function describe(site: Site): string {
  if (site.text === undefined) {
    const l = site.first;
    const binds = site.addresses.map((a) => `${a.includes(':') ? `[${a}]` : a}:${l.port}`).join(' and ');
    site.text = `${l.owner} binds ${binds} (${l.reason})`;
  }
  return site.text;
}

/** Colliding binds given as related locations of one finding, and named in its message. */
const MAX_LISTED = 10;
const IN_MESSAGE = 3;

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
    conflict: 'Host port {{port}}/{{protocol}} on {{nodeClass}} nodes is bound twice: {{self}}, and {{others}}; whichever starts second fails with "bind: address already in use".',
  },
  check({ model, report }) {
    const reported = new Set<string>();
    for (const nodeClass of model.classes) {
      const all = sites(nodeClass.listeners);
      // Only binds of one port and protocol can collide, and binds of the same addresses collide with the
      // same others: counting per address set keeps a chart with thousands of hostNetwork pods linear.
      const byPort = new Map<string, Map<string, AddressSet>>();
      all.forEach((site, index) => {
        const portKey = `${site.first.port}/${site.first.protocol}`;
        const sets = byPort.get(portKey) ?? byPort.set(portKey, new Map()).get(portKey)!;
        const setKey = [...site.addresses].sort().join(' ');
        const set = sets.get(setKey) ?? sets.set(setKey, { addresses: site.addresses, members: [], owners: new Map() }).get(setKey)!;
        set.members.push({ site, index });
        set.owners.set(site.first.ownerKey, (set.owners.get(site.first.ownerKey) ?? 0) + 1);
      });
      for (const self of all) {
        let count = 0;
        const candidates: Array<{ site: Site; index: number }> = [];
        for (const set of byPort.get(`${self.first.port}/${self.first.protocol}`)!.values()) {
          if (!self.addresses.some((x) => set.addresses.some((y) => addressesCollide(x, y)))) continue;
          count += set.members.length - (set.owners.get(self.first.ownerKey) ?? 0);
          let taken = 0;
          for (const member of set.members) {
            if (taken === MAX_LISTED) break;
            if (member.site.first.ownerKey === self.first.ownerKey) continue;
            candidates.push(member);
            taken++;
          }
        }
        // Listing every colliding bind in every finding is quadratic in output; the rest are counted.
        const others = candidates.sort((a, b) => a.index - b.index).slice(0, MAX_LISTED).map((c) => c.site);
        const more = count > others.length ? `; and ${count - others.length} more` : '';
        if (others.length === 0) continue;
        const l = self.first;
        const key = `${l.span.source.path}:${l.span.start}:${l.port}/${l.protocol}`;
        if (reported.has(key)) continue;
        reported.add(key);
        report({
          messageId: 'conflict',
          data: {
            port: l.port,
            protocol: l.protocol,
            nodeClass: nodeClass.nodeClass.name,
            self: describe(self),
            // The message names a few; related locations carry the rest of the listed ones.
            others: others.slice(0, IN_MESSAGE).map((o) => `${describe(o)} at ${where(o.first.span)}`).join('; ') + (others.length > IN_MESSAGE ? `; and ${others.length - IN_MESSAGE} more listed below` : '') + more,
          },
          at: l.span,
          helmSource: l.helmSource,
          related: others.map((o) => ({ at: o.first.span, message: describe(o), helmSource: o.first.helmSource })),
        });
      }
    }
  },
});
