import { brokerListeners, containerBrokerBinds, defineRule, isLoopback } from '../../src/rule-api.js';
import type { ContainerBind, Knowledge, MosquittoConfig, NodeClassModel, Span } from '../../src/rule-api.js';

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

/** A published port exposes the container's broker when it binds the container port on a non-loopback address anonymously. */
function published(binds: ContainerBind[] | undefined, containerPort: number | undefined): ContainerBind | undefined {
  if (!binds || containerPort === undefined) return undefined;
  return binds.find((b) => b.anonymous && b.port === containerPort && b.addresses.some((a) => !isLoopback(a)));
}

function classExposures(cls: NodeClassModel, knowledge: Knowledge, add: (e: Exposure) => void): void {
  // Brokers binding host interfaces: host networking, native daemons, confs read by a unit or standalone.
  // Containers are read below from the broker's own binds, which know an MQTT listener from the 2.1
  // image's HTTP dashboard (listener 9883, protocol http_api); the model's host listeners do not.
  const containerUnits = new Set(cls.units.filter((u) => u.container).map((u) => u.unit.name));
  for (const l of cls.listeners) {
    if (l.anonymous !== true || isLoopback(l.address)) continue;
    if (l.origin === 'workload' || (l.origin === 'unit' && containerUnits.has(l.owner))) continue;
    add({ at: l.anonymousSpan ?? l.span, binds: [formatBind(l.address, l.port)], who: l.owner });
  }
  // Published ports and hostPorts forward to the container's own interface.
  for (const w of cls.workloads) {
    for (const c of w.containers) {
      if (c.init || !c.image) continue;
      const binds = containerBrokerBinds(knowledge, c.image.value, [...c.command, ...c.args], c.image.span, cls.mosquitto);
      if (w.hostNetwork?.value === true) {
        // The model keeps a declared port in place of the image's default bind of the same port (the
        // seed's DaemonSet declares 1883), so the broker's own binds are read here too; same span, same finding.
        for (const b of binds ?? []) {
          const open = b.addresses.filter((a) => !isLoopback(a));
          if (b.anonymous && open.length) add({ at: b.anonymousSpan, binds: open.map((a) => formatBind(a, b.port)), who: `${w.kind} ${w.object.name} (container ${c.name})` });
        }
        continue;
      }
      for (const p of c.ports) {
        const hostIP = p.hostIP?.value || '0.0.0.0';
        const bind = published(binds, p.containerPort?.value);
        if (!p.hostPort || !bind || isLoopback(hostIP)) continue;
        add({ at: bind.anonymousSpan, binds: [formatBind(hostIP, p.hostPort.value)], who: `${w.kind} ${w.object.name} (container ${c.name}, hostPort)` });
      }
    }
  }
  for (const u of cls.units) {
    const container = u.container;
    if (!container?.image) continue;
    const binds = containerBrokerBinds(knowledge, container.image.value, container.command.map((w) => w.value), container.configPath?.span ?? container.image.span, cls.mosquitto);
    if (container.hostNetwork?.value) {
      for (const b of binds ?? []) {
        const open = b.addresses.filter((a) => !isLoopback(a));
        if (b.anonymous && open.length) add({ at: b.anonymousSpan, binds: open.map((a) => formatBind(a, b.port)), who: u.unit.name });
      }
      continue;
    }
    // docker and podman discard published ports under host networking (facts §Q7): handled above.
    for (const p of container.published) {
      const hostIP = p.hostIP ?? '0.0.0.0';
      const bind = published(binds, p.containerPort);
      if (p.hostPort === undefined || !bind || isLoopback(hostIP)) continue;
      add({ at: bind.anonymousSpan, binds: [formatBind(hostIP, p.hostPort)], who: `${u.unit.name} (published port)` });
    }
  }
  // A conf no broker of the model reads (and no other conf includes) is judged as a distribution's 2.0 broker would read it.
  const covered = new Set(cls.listeners.flatMap((l) => [l.span.source.root.path, (l.anonymousSpan ?? l.span).source.root.path]));
  for (const conf of cls.mosquitto) {
    if (covered.has(conf.source.root.path) || isIncluded(conf, cls.mosquitto)) continue;
    const firstLine = { source: conf.source, start: 0, end: Math.max(0, conf.source.text.indexOf('\n')) };
    for (const b of brokerListeners([conf], '2.0', firstLine)) {
      if (!b.anonymous || b.port <= 0) continue;
      const open = b.addresses.filter((a) => !isLoopback(a));
      if (open.length) add({ at: b.anonymousSpan ?? b.span, binds: open.map((a) => formatBind(a, b.port)), who: `mosquitto (${conf.source.path})` });
    }
  }
}

function isIncluded(conf: MosquittoConfig, all: MosquittoConfig[]): boolean {
  return all.some((other) => other !== conf && other.includeDirs.some((dir) => {
    const prefix = dir.value.replace(/^\/+/, '').replace(/\/+$/, '') + '/';
    return conf.source.path.startsWith(prefix) || conf.source.path.includes(`/${prefix}`);
  }));
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
  check({ model, knowledge, report }) {
    // One finding per line that makes a broker anonymous, whichever classes and binds lead to it.
    const found = new Map<string, Exposure>();
    for (const cls of model.classes) {
      classExposures(cls, knowledge, (e) => {
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
