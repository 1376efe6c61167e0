/**
 * Brokers and servers read from configuration alone, not from a workload or a unit's command line:
 * mosquitto configs no unit starts (the distribution's own broker), the broker of a given config with its
 * include_dir files, and edgecore's own servers. Split from listeners.ts, which reads what workloads and
 * units run and calls in here for the configs they name.
 */
import { parseMosquittoConf } from '../parse/mosquitto.js';
import { brokerListeners } from '../parse/mosquitto-listeners.js';
import type { MosquittoConfig } from '../parse/mosquitto.js';
import { basename, dirname } from './paths.js';
import { SourceFile, fileStartSpan } from '../core/source.js';
import type { Span } from '../core/source.js';
import type { EdgecoreConfig } from './edgecore.js';
import { EDGECORE_DEFAULTS, effective, isBoolean, isNumber, isString, parseBrokerUrl, parseHostPort } from './edgecore.js';
import type { Listener } from './types.js';
import { appendTo, pushAll } from '../core/arrays.js';
import type { ConfIndex } from './conf-index.js';
import { compareIncludeNames } from './conf-index.js';

/**
 * Brokers of the config files no unit starts and no include_dir pulls in. mosquitto reads only the file
 * given with `-c` and, from that file alone, its include_dir (mosquitto.conf(5); src/conf.c reads
 * include_dir at level 0 only), so:
 * - a main config is a broker of its own: the distribution's unit reads it (Debian's mosquitto.service
 *   runs `mosquitto -c /etc/mosquitto/mosquitto.conf`, facts §Q6);
 * - a file in a `conf.d` directory is never one. With a linted main config beside the directory that
 *   does not include it, nothing reads it. With none, the distribution's main config does (Debian's
 *   ends with `include_dir /etc/mosquitto/conf.d` and has no listener), so the files of one such
 *   directory are one broker, read in order.
 * Either case that is the distribution's one `mosquitto.service` reading /etc/mosquitto/mosquitto.conf
 * (see `isSystemMain`), and a node runs one unit of a name: several such configs in one deployment (a
 * repository keeping each node's main config, `edgenode1.conf` and `rpi3.conf`) are variants of that
 * one broker on different nodes, never two brokers on one node. They share the exclusive group of a
 * unit of that name (a linted mosquitto.service replaces the distribution's: never both on one node).
 * A config the repository places elsewhere on the host (`edge/opt/bridge/mosquitto.conf`) is a broker
 * of its own, as before.
 */
export function standaloneListeners(index: ConfIndex, taken: ReadonlySet<MosquittoConfig>): Listener[] {
  const all = index.all;
  const listeners: Listener[] = [];
  const dropIns = new Map<string, MosquittoConfig[]>();
  for (const conf of all) {
    if (taken.has(conf)) continue;
    const dir = dirname(conf.source.path);
    if (basename(dir) !== 'conf.d') {
      const own = confListeners(conf, index, '2.0', `mosquitto (${conf.source.path})`, `conf:${conf.source.path}`, 'mosquitto-conf', fileStartSpan(conf.source));
      pushAll(listeners, isSystemMain(conf) ? own.map((l) => ({ ...l, exclusive: DISTRIBUTION_BROKER })) : own);
      continue;
    }
    const parent = dirname(dir);
    if (index.has(parent === '.' ? 'mosquitto.conf' : `${parent}/mosquitto.conf`)) continue;
    appendTo(dropIns, dir, conf);
  }
  for (const [dir, confs] of dropIns) {
    confs.sort((a, b) => compareIncludeNames(basename(a.source.path), basename(b.source.path)));
    // The distribution's main config, reduced to what matters here: it binds nothing itself.
    const main = parseMosquittoConf(new SourceFile(`${dir}#distribution-main`, '', 'mosquitto'));
    const reason = `read by the distribution's mosquitto.conf through include_dir, mosquitto 2.0`;
    for (const l of brokerFromConfs([main, ...confs], '2.0', fileStartSpan(confs[0].source), `mosquitto (${dir})`, `conf:${dir}`, 'mosquitto-conf', reason)) listeners.push({ ...l, exclusive: DISTRIBUTION_BROKER });
  }
  return listeners;
}

/** The exclusive group of the distribution's broker: its unit's name (Debian's mosquitto.service). */
const DISTRIBUTION_BROKER = 'systemd:mosquitto.service';

/** Folders of a node's file tree kept in a repository (`edge/etc/…`, `site/opt/…`): a path below one is a host path. */
const HOST_TREE_ROOTS = new Set(['etc', 'opt', 'usr', 'srv', 'var', 'home', 'root']);

/**
 * Is a config no unit reads the distribution's main config (Debian's mosquitto.service runs
 * `mosquitto -c /etc/mosquitto/mosquitto.conf`)? Yes when the repository keeps it at that host path,
 * when it carries the directives of that file (`pid_file /run/mosquitto/mosquitto.pid`, `include_dir
 * /etc/mosquitto/conf.d`), or when it is a loose file not placed in a host tree (`mqtt/rpi3.conf`, to be
 * copied into place). A file the repository places at another host path is not.
 */
function isSystemMain(conf: MosquittoConfig): boolean {
  const path = conf.source.path;
  if (path === 'etc/mosquitto/mosquitto.conf' || path.endsWith('/etc/mosquitto/mosquitto.conf')) return true;
  for (const d of conf.directives) {
    const value = d.args.map((a) => a.value).join(' ');
    if (d.name === 'pid_file' && /^\/(?:var\/)?run\/mosquitto(?:\/mosquitto)?\.pid$/.test(value)) return true;
    if (d.name === 'include_dir' && value.replace(/\/+$/, '') === '/etc/mosquitto/conf.d') return true;
  }
  return !dirname(path).split('/').some((part) => HOST_TREE_ROOTS.has(part));
}

/** Listeners of a broker reading `conf` (and the linted files of its include_dir). */
export function confListeners(conf: MosquittoConfig, index: ConfIndex, series: '1.6' | '2.0' | '2.1', owner: string, ownerKey: string, origin: Listener['origin'], fallback: Span, cmdPorts: number[] = []): Listener[] {
  return brokerFromConfs([conf, ...index.includedBy(conf)], series, fallback, owner, ownerKey, origin, `${conf.source.path} (mosquitto ${series})`, cmdPorts);
}

/** `cmdPorts`: the broker's `-p` ports (mosquitto(8)), which matter only where no listener is configured. */
export function brokerFromConfs(confs: MosquittoConfig[], series: '1.6' | '2.0' | '2.1', fallback: Span, owner: string, ownerKey: string, origin: Listener['origin'], reason: string, cmdPorts: number[] = []): Listener[] {
  const listeners: Listener[] = [];
  for (const broker of brokerListeners(confs, series, fallback, { cmdPorts })) {
    if (broker.port <= 0) continue;
    for (const address of broker.addresses) {
      listeners.push({ port: broker.port, protocol: 'TCP', address, span: broker.span, owner, reason, origin, anonymous: broker.anonymous, anonymousSpan: broker.anonymousSpan ?? broker.span, service: broker.protocol, ownerKey });
    }
  }
  return listeners;
}

/** edgecore's own servers (facts §1.6), each only when its module is on. */
export function edgecoreListeners(config: EdgecoreConfig): Listener[] {
  const owner = 'edgecore';
  const ownerKey = `edgecore:${config.source.path}`;
  const listeners: Listener[] = [];
  const add = (address: string, port: number, at: Span, reason: string) =>
    listeners.push({ port, protocol: 'TCP', address, span: at, owner, reason, origin: 'edgecore', ownerKey, exclusive: 'edgecore', ...(config.assumed ? { assumed: true as const } : {}) });

  // A setting an install script fills in at run time (`mqttMode: ${MODE}`) leaves its listener unknown: none is claimed.
  const known = (...settings: Array<{ unknown?: true }>) => settings.every((s) => !s.unknown);
  const eventBus = effective(config, ['modules', 'eventBus', 'enable'], EDGECORE_DEFAULTS.eventBusEnable, isBoolean);
  const mode = effective(config, ['modules', 'eventBus', 'mqttMode'], EDGECORE_DEFAULTS.mqttMode, isNumber);
  if (known(eventBus, mode) && eventBus.value && (mode.value === 0 || mode.value === 1)) {
    const internal = effective(config, ['modules', 'eventBus', 'mqttServerInternal'], EDGECORE_DEFAULTS.mqttServerInternal, isString);
    const url = parseBrokerUrl(internal.value);
    if (url && known(internal)) add(url.host, url.port, internal.at ?? mode.at ?? mode.anchor, `eventBus internal MQTT broker (mqttMode ${mode.value})`);
  }
  const edged = effective(config, ['modules', 'edged', 'enable'], EDGECORE_DEFAULTS.edgedEnable, isBoolean);
  const readOnlyPort = effective(config, ['modules', 'edged', 'tailoredKubeletConfig', 'readOnlyPort'], EDGECORE_DEFAULTS.readOnlyPort, isNumber);
  if (known(edged, readOnlyPort) && edged.value && readOnlyPort.value > 0) {
    const address = effective(config, ['modules', 'edged', 'tailoredKubeletConfig', 'address'], EDGECORE_DEFAULTS.kubeletAddress, isString);
    if (known(address)) add(address.value, readOnlyPort.value, readOnlyPort.at ?? readOnlyPort.anchor, 'edged read-only kubelet server');
  }
  const metaServer = effective(config, ['modules', 'metaManager', 'metaServer', 'enable'], EDGECORE_DEFAULTS.metaServerEnable, isBoolean);
  if (known(metaServer) && metaServer.value) {
    const server = effective(config, ['modules', 'metaManager', 'metaServer', 'server'], EDGECORE_DEFAULTS.metaServer, isString);
    const hostPort = parseHostPort(server.value);
    if (hostPort && known(server)) add(hostPort.host, hostPort.port, server.at ?? metaServer.at ?? metaServer.anchor, 'metaManager metaServer');
  }
  const serviceBus = effective(config, ['modules', 'serviceBus', 'enable'], EDGECORE_DEFAULTS.serviceBusEnable, isBoolean);
  if (known(serviceBus) && serviceBus.value) {
    const host = effective(config, ['modules', 'serviceBus', 'server'], EDGECORE_DEFAULTS.serviceBusServer, isString);
    const port = effective(config, ['modules', 'serviceBus', 'port'], EDGECORE_DEFAULTS.serviceBusPort, isNumber);
    if (known(host, port)) add(host.value, port.value, port.at ?? serviceBus.at ?? serviceBus.anchor, 'serviceBus HTTP server');
  }
  return listeners;
}

