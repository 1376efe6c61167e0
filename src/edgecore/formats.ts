/**
 * Value formats the edgecore schemas name with `format` (host:port, broker and listen URLs): Ajv calls
 * `check` through the validators (src/edgecore/validators.ts, or the code compiled from it at build
 * time), and the messages of `edgecore/invalid-value` reuse it to say what is wrong.
 */

/** Schemes paho.mqtt.golang dials (the eventBus clients of mqttServerExternal, edge/pkg/eventbus/common/util). */
const PAHO_SCHEMES = ['tcp', 'mqtt', 'ssl', 'tls', 'mqtts', 'mqtt+ssl', 'tcps', 'ws', 'wss', 'unix'];
/** Schemes gomqtt `transport.Launch` listens on (the internal broker of mqttServerInternal, edge/pkg/eventbus/mqtt/server.go). */
const GOMQTT_SCHEMES = ['tcp', 'mqtt', 'tls', 'mqtts', 'ws', 'wss'];

function portProblem(port: string): string | undefined {
  if (port === '') return 'it has no port';
  if (!/^[0-9]+$/.test(port) || Number(port) > 65535) return `port ${port} is not a number from 0 to 65535`;
  return undefined;
}

/** `host:port` as net.SplitHostPort reads it (IPv6 hosts in brackets). */
function hostPortProblem(value: string): string | undefined {
  const match = /^(\[[^\]]*\]|[^:[\]]*):([^:]*)$/.exec(value);
  if (!match) return value.includes(':') ? 'it is not host:port (IPv6 addresses need [brackets])' : 'it has no port';
  if (match[1] === '' || match[1] === '[]') return 'it has no host';
  if (/[\s/]/.test(match[1])) return 'the host contains a space or a slash (no scheme or path here)';
  return portProblem(match[2]);
}

/**
 * edgeHub.websocket.server: edgecore dials `"wss://" + server + "/" + projectID + "/" + node + "/events"`
 * (edge/pkg/edgehub/config/config.go InitConfigure joins the parts with "/"), so a path after host:port
 * is kept and reaches whatever listens there (MEF's edge proxy serves `127.0.0.1:10010/edge_core`). A
 * scheme is not: it would make `wss://wss://…`.
 */
function websocketServerProblem(value: string): string | undefined {
  if (value.includes('://')) return hostPortProblem(value);
  const slash = value.indexOf('/');
  return hostPortProblem(slash > 0 ? value.slice(0, slash) : value);
}

function urlProblem(value: string, schemes: readonly string[], withoutScheme: 'tcp' | 'error'): string | undefined {
  let text = value;
  if (!text.includes('://')) {
    // paho's AddBroker prefixes "tcp://" to an address without a scheme; Go's url.Parse (gomqtt)
    // rejects "host:port" ("first path segment in URL cannot contain colon").
    if (withoutScheme === 'error') return 'it has no scheme';
    text = `tcp://${text}`;
  }
  const scheme = text.slice(0, text.indexOf('://')).toLowerCase();
  if (!schemes.includes(scheme)) return `scheme "${scheme}" is not supported`;
  if (scheme === 'unix') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'it is not a URL';
  }
  if (url.hostname === '') return 'it has no host';
  if (scheme === 'ws' || scheme === 'wss') return undefined;
  const authority = text.slice(scheme.length + 3).split('/')[0];
  const port = /:([^:\]]*)$/.exec(authority)?.[1] ?? '';
  return portProblem(port);
}

function httpsUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'it is not a URL';
  }
  if (url.protocol !== 'https:') return `scheme "${url.protocol.replace(/:$/, '')}" is not https (cloudcore serves certificates over TLS)`;
  if (url.hostname === '') return 'it has no host';
  return undefined;
}

export const FORMATS: Record<string, { check: (value: string) => string | undefined; expected: string }> = {
  'host-port': { check: hostPortProblem, expected: 'host:port, e.g. "192.168.1.10:10000"' },
  'websocket-server': { check: websocketServerProblem, expected: 'host:port, e.g. "192.168.1.10:10000"' },
  'https-url': { check: httpsUrlProblem, expected: 'an https:// URL, e.g. "https://192.168.1.10:10002"' },
  'mqtt-broker-url': {
    check: (v) => urlProblem(v, PAHO_SCHEMES, 'tcp'),
    expected: `a broker URL with a port, e.g. "tcp://127.0.0.1:1883" or "ssl://broker:8883" (schemes ${PAHO_SCHEMES.join(', ')})`,
  },
  'mqtt-listen-url': {
    check: (v) => urlProblem(v, GOMQTT_SCHEMES, 'error'),
    expected: `a listen URL with a port, e.g. "tcp://127.0.0.1:1884" (schemes ${GOMQTT_SCHEMES.join(', ')})`,
  },
};
