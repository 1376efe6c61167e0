import { EDGECORE_DEFAULTS, defineRule, effective, isBoolean, isNumber, isString, listensOn, parseBrokerUrl, portText } from '../../src/rule-api.js';
import type { EdgecoreConfig, Listener, NodeClassModel } from '../../src/rule-api.js';

/**
 * With mqttMode 1 or 2 edgecore's eventBus connects pub/sub clients to mqttServerExternal
 * (edge/pkg/eventbus/eventbus.go); edgecore binds nothing there itself (facts §1.4, §1.6). If no broker
 * listens, device twins and every MQTT app on the node stop getting messages, while edgecore keeps
 * retrying quietly.
 */

/** Addresses a client dialling `host` reaches on this node; undefined when `host` is not this node for sure. */
function localTargets(host: string): Set<string> | undefined {
  const h = host.toLowerCase();
  if (h === 'localhost') return new Set(['127.0.0.1', '::1']);
  if (/^127\./.test(h) || h === '::1') return new Set([h]);
  // Linux connects 0.0.0.0 and :: to the local host (the kernel maps INADDR_ANY to loopback on connect).
  if (h === '0.0.0.0') return new Set(['127.0.0.1']);
  if (h === '::') return new Set(['::1']);
  return undefined;
}

/**
 * A listener accepts a connection to `target` when it binds it, or a wildcard of its family; `::`
 * also takes IPv4 on Linux, whose default net.ipv6.bindv6only=0 makes it dual-stack (ipv6(7)).
 */
function accepts(listener: Listener, target: string): boolean {
  const address = listener.address === '' ? '0.0.0.0' : listener.address;
  if (address === target) return true;
  if (address === '::') return true;
  return address === '0.0.0.0' && !target.includes(':');
}

function formatBind(l: Listener): string {
  const address = l.address.includes(':') ? `[${l.address}]` : l.address || '0.0.0.0';
  return `${address}:${portText(l.port, (l.portEnd ?? l.port) - l.port + 1)}`;
}

/** "mosquitto.service binds 127.0.0.1:1884" per owner, for the message. */
function describeFound(listeners: Listener[]): string {
  const byOwner = new Map<string, string[]>();
  for (const l of listeners) {
    const binds = byOwner.get(l.owner) ?? [];
    if (!binds.includes(formatBind(l))) binds.push(formatBind(l));
    byOwner.set(l.owner, binds);
  }
  return [...byOwner].slice(0, 3).map(([owner, binds]) => `${owner} binds ${binds.join(' and ')}`).join('; ');
}

function isBroker(l: Listener): boolean {
  return l.anonymous !== undefined || /MQTT|mosquitto/i.test(`${l.reason} ${l.owner}`);
}

export default defineRule({
  id: 'node/broker-reachable',
  description: "Require a broker where edgecore's eventBus connects",
  category: 'reliability',
  severity: 'error',
  recommended: true,
  remediation: 'Run an MQTT broker on the node class at the host and port of mqttServerExternal, or point mqttServerExternal at the broker you run.',
  messages: {
    unreachable: "edgecore's eventBus (mqttMode {{mode}}) connects to {{url}}{{defaulted}}, but nothing on {{class}} nodes listens on {{target}}: {{found}}.",
  },
  check({ model, report }) {
    const seen = new Set<string>();
    for (const cls of model.classes) {
      for (const config of cls.edgecore) {
        const key = `${cls.nodeClass.name}\0${config.source.path}\0${config.span.start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        check(cls, config, (data, at) => report({ messageId: 'unreachable', data, at: at.anchor, related: at.related }));
      }
    }
  },
});

type Related = Array<{ at: Listener['span']; message: string }>;

function check(cls: NodeClassModel, config: EdgecoreConfig, emit: (data: Record<string, string | number>, at: { anchor: Listener['span']; related: Related }) => void): void {
  const enabled = effective(config, ['modules', 'eventBus', 'enable'], EDGECORE_DEFAULTS.eventBusEnable, isBoolean);
  const mode = effective(config, ['modules', 'eventBus', 'mqttMode'], EDGECORE_DEFAULTS.mqttMode, isNumber);
  // Settings an install script fills in at run time (`mqttMode: ${MODE}`): where edgecore connects is unknown.
  if (enabled.unknown || mode.unknown) return;
  if (!enabled.value || (mode.value !== 1 && mode.value !== 2)) return;
  const server = effective(config, ['modules', 'eventBus', 'mqttServerExternal'], EDGECORE_DEFAULTS.mqttServerExternal, isString);
  if (server.unknown) return;
  const url = parseBrokerUrl(server.value);
  // A malformed URL is edgecore/invalid-value's; a host that may be another machine cannot be checked here.
  const targets = url && localTargets(url.host);
  if (!url || !targets) return;
  // mosquitto 2.1's HTTP dashboard (protocol http_api) is no MQTT broker, whatever its port.
  const tcp = cls.listeners.filter((l) => l.protocol === 'TCP' && l.service !== 'http_api');
  const samePort = tcp.filter((l) => listensOn(l, url.port));
  if (samePort.some((l) => [...targets].some((t) => accepts(l, t)))) return;

  const instead = samePort.length > 0 ? samePort : tcp.filter(isBroker);
  // No broker of any kind in the deployment: the node's broker side is not in it (keadm's
  // --with-mqtt, a package installed by hand), and an absence on an unseen side is not reported
  // (README, "An unseen node side"); a broker that is there but elsewhere is.
  if (instead.length === 0) return;
  const found = (samePort.length > 0 ? '' : `nothing listens on ${url.port}; `) + describeFound(instead);
  const target = [...targets].map((t) => (t.includes(':') ? `[${t}]:${url.port}` : `${t}:${url.port}`)).join(' or ');
  emit(
    { mode: mode.value, url: server.value, defaulted: server.defaulted ? ' (the default)' : '', class: cls.nodeClass.name, target, found },
    { anchor: server.at ?? server.anchor, related: instead.slice(0, 3).map((l) => ({ at: l.span, message: `${l.owner} binds ${formatBind(l)} (${l.reason})` })) },
  );
}
