import { defineRule, isLoopback, ownerAt } from '../../src/rule-api.js';
import type { NodeClassModel, Span } from '../../src/rule-api.js';

/**
 * A broker that takes anonymous clients on a reachable interface lets anyone on the network read and
 * inject device messages. mosquitto 1.6 does so with an empty config, 2.0 only on loopback (local-only
 * mode, ChangeLog 2.0.0 "Breaking changes"), the 2.1 image's default config and `/mosquitto-no-auth.conf`
 * on every interface (facts §Q6).
 */

interface Exposure {
  at: Span;
  binds: string[];
  who: string;
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
    add({ at, binds: [formatBind(l.address, l.port)], who: ownerAt(l.owner, at) });
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
    anonymous: '{{who}} accepts anonymous MQTT clients on {{binds}}: anyone who can reach the node can read and publish device messages.',
  },
  check({ model, report }) {
    // One finding per line that makes a broker anonymous, whichever classes and binds lead to it.
    const found = new Map<string, Exposure>();
    for (const cls of model.classes) {
      classExposures(cls, (e) => {
        const key = spanKey(e.at);
        const existing = found.get(key);
        if (!existing) found.set(key, { ...e, binds: [...e.binds] });
        else for (const b of e.binds) if (!existing.binds.includes(b)) existing.binds.push(b);
      });
    }
    for (const e of found.values()) {
      report({ messageId: 'anonymous', data: { who: e.who, binds: e.binds.join(', ') }, at: e.at });
    }
  },
});
