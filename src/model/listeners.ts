/**
 * Who binds which host port. The Kubernetes scheduler only sees declared hostPorts; the failures in
 * the field come from binds it cannot see: a hostNetwork container that declares no port (the CloudCore
 * chart's mosquitto DaemonSet), a container started by systemd, edgecore's own servers.
 */
import { brokerListeners, parseMosquittoConf } from '../parse/mosquitto.js';
import type { MosquittoConfig } from '../parse/mosquitto.js';
import { basename } from './paths.js';
import { SourceFile } from '../core/source.js';
import type { Span } from '../core/source.js';
import { parseImageRef } from './image-ref.js';
import type { Knowledge } from '../knowledge/index.js';
import type { EdgecoreConfig } from './edgecore.js';
import { EDGECORE_DEFAULTS, effective, isBoolean, isNumber, isString, parseBrokerUrl, parseHostPort } from './edgecore.js';
import type { ConfigMapData, Container, HostUnit, ImageRef, Listener, Workload } from './types.js';
import type { Located } from '../core/source.js';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** Linux refuses a second bind of a port when either side is a wildcard of the same family, or both are the same address (facts §Q8). */
export function addressesCollide(a: string, b: string): boolean {
  if (a === b) return true;
  const familyA = a.includes(':') ? 6 : 4;
  const familyB = b.includes(':') ? 6 : 4;
  if (WILDCARDS.has(a) && WILDCARDS.has(b)) return true;
  // A v6 wildcard without IPV6_V6ONLY also takes the v4 port (Linux default net.ipv6.bindv6only=0).
  if (a === '::' || b === '::') return true;
  if (familyA !== familyB) return false;
  return WILDCARDS.has(a) || WILDCARDS.has(b);
}

export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || address.startsWith('127.');
}

/** What a broker image binds, from the config it runs with: the image's own, or a linted file mounted over it. */
function brokerFromImage(
  knowledge: Knowledge,
  ref: ImageRef | undefined,
  command: string[],
  at: Span,
  owner: string,
  ownerKey: string,
  origin: Listener['origin'],
  helmSource?: string,
): Listener[] {
  if (!ref) return [];
  const config = knowledge.images.brokerConfig(ref, command);
  if (!config) return [];
  const reason = `${config.configPath} of ${ref.display} (mosquitto ${config.series})`;
  const listeners: Listener[] = [];
  for (const broker of brokerListeners(config.text ? [configFromText(config.text, at)] : [], config.series, at, { cmdPorts: config.cmdPorts })) {
    if (broker.port <= 0) continue;
    for (const address of broker.addresses) {
      listeners.push({
        port: broker.port,
        protocol: 'TCP',
        address,
        span: at,
        owner,
        reason,
        origin,
        anonymous: broker.anonymous,
        anonymousSpan: at,
        helmSource,
        ownerKey,
      });
    }
  }
  return listeners;
}

/**
 * An image's built-in config is not a file in the repository: it is parsed as a virtual file whose
 * every offset maps to the image reference, so findings about it point at the image.
 */
function configFromText(text: string, at: Span): MosquittoConfig {
  const virtual = new SourceFile(`${at.source.path}#image-config`, text, 'mosquitto', { parent: at.source, toParentOffset: () => at.start });
  return parseMosquittoConf(virtual);
}

/** mosquitto's `-c FILE` / `--config-file FILE` in a container command. */
function configFlag(command: string[]): string | undefined {
  for (let i = 0; i < command.length; i++) {
    if ((command[i] === '-c' || command[i] === '--config-file') && command[i + 1]) return command[i + 1];
    if (command[i].startsWith('-c') && command[i].length > 2 && !command[i].startsWith('--')) return command[i].slice(2);
  }
  return undefined;
}

/** The volume mount that hides `path` inside the container, if any (a mount over a directory hides all below it). */
function mountCovering(container: Container, path: string) {
  return container.volumeMounts
    .filter((m) => path === m.mountPath || path.startsWith(m.mountPath.replace(/\/+$/, '') + '/'))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
}

/**
 * The text of a config file mounted from a ConfigMap: `mountPath` + `subPath`, or the key named by
 * the file name under a directory mount (kubelet's configMap volume projects each key as a file).
 */
function mountedConfig(workload: Workload, mount: Container['volumeMounts'][number], path: string, configMaps: ConfigMapData[]): Located<string> | undefined {
  const volume = workload.volumes.find((v) => v.name === mount.name);
  if (!volume?.configMap) return undefined;
  const namespace = workload.object.namespace;
  const configMap = configMaps.find((c) => c.object.name === volume.configMap && c.object.namespace === namespace);
  if (!configMap) return undefined;
  const key = mount.subPath ?? path.slice(mount.mountPath.replace(/\/+$/, '').length + 1);
  return configMap.data[key];
}

/**
 * Offsets in a ConfigMap value map back line by line into the YAML file (a literal block scalar keeps
 * each line, indented); where a line cannot be found (folded or quoted scalars), the value's start.
 */
function configMapSource(value: Located<string>): SourceFile {
  const parent = value.span.source;
  const lines = value.value.split('\n');
  const starts: number[] = [];
  let cursor = value.span.start;
  for (const line of lines) {
    const found = line ? parent.text.indexOf(line, cursor) : -1;
    if (line && (found === -1 || found > value.span.end)) {
      starts.length = 0;
      break;
    }
    starts.push(line ? found : cursor);
    cursor = line ? found + line.length : cursor;
  }
  const lineOf: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineOf.push(offset);
    offset += line.length + 1;
  }
  const toParentOffset = (o: number) => {
    if (!starts.length) return value.span.start;
    let i = lineOf.length - 1;
    while (i > 0 && lineOf[i] > o) i--;
    return starts[i] + (o - lineOf[i]);
  };
  return new SourceFile(`${parent.path}#configmap`, value.value, 'mosquitto', { parent, toParentOffset });
}

function brokerFromMountedConfig(value: Located<string>, series: '1.6' | '2.0' | '2.1', configPath: string, at: Span, owner: string, ownerKey: string, helmSource?: string): Listener[] {
  const conf = parseMosquittoConf(configMapSource(value));
  const listeners: Listener[] = [];
  for (const broker of brokerListeners([conf], series, at)) {
    if (broker.port <= 0) continue;
    for (const address of broker.addresses) {
      listeners.push({
        port: broker.port,
        protocol: 'TCP',
        address,
        span: broker.implicit ? at : broker.span,
        owner,
        reason: `${configPath} mounted from a ConfigMap (mosquitto ${series})`,
        origin: 'workload',
        anonymous: broker.anonymous,
        anonymousSpan: broker.anonymousSpan ?? (broker.implicit ? at : broker.span),
        helmSource,
        ownerKey,
      });
    }
  }
  return listeners;
}

export function workloadListeners(workload: Workload, knowledge: Knowledge, configMaps: ConfigMapData[] = []): Listener[] {
  const owner = `${workload.kind} ${workload.object.name}`;
  const workloadKey = `workload:${workload.object.source.path}:${workload.object.span.start}`;
  const helmSource = workload.object.helmSource;
  const hostNetwork = workload.hostNetwork?.value === true;
  const listeners: Listener[] = [];
  for (const container of workload.containers) {
    if (container.init) continue;
    // Containers of one pod share the host's network namespace under hostNetwork: two of them binding one port collide too.
    const ownerKey = `${workloadKey}:${container.name}`;
    const containerOwner = `${owner} (container ${container.name})`;
    const found: Listener[] = [];
    if (hostNetwork && container.image && container.imageRef) {
      const command = [...container.command, ...container.args];
      const series = knowledge.images.mosquittoSeries(container.imageRef);
      const configPath = series ? knowledge.images.brokerConfig(container.imageRef, command)?.configPath || configFlag(command) : undefined;
      const mount = configPath ? mountCovering(container, configPath) : undefined;
      if (series && configPath && mount) {
        // A volume over the config path replaces the image's file: read it from the ConfigMap when it
        // is linted, and otherwise claim nothing rather than guess.
        const text = mountedConfig(workload, mount, configPath, configMaps);
        if (text) found.push(...brokerFromMountedConfig(text, series, configPath, container.image.span, containerOwner, ownerKey, helmSource));
      } else {
        found.push(...brokerFromImage(knowledge, container.imageRef, command, container.image.span, containerOwner, ownerKey, 'workload', helmSource));
      }
    }
    // What the program really binds beats what the pod declares: a declared containerPort 1883 on a
    // 2.0 image with its default config is a loopback-only bind, not 0.0.0.0.
    const known = new Set(found.map((l) => `${l.port}/${l.protocol}`));
    listeners.push(...found);
    for (const port of container.ports) {
      // With hostNetwork the container port is the host port (the API server defaults hostPort to it).
      const hostPort = port.hostPort ?? (hostNetwork ? port.containerPort : undefined);
      if (!hostPort || hostPort.value <= 0 || (hostNetwork && known.has(`${hostPort.value}/${port.protocol}`))) continue;
      listeners.push({
        port: hostPort.value,
        protocol: port.protocol,
        address: port.hostIP?.value || '0.0.0.0',
        span: hostPort.span,
        owner: containerOwner,
        reason: hostNetwork ? 'declared port with hostNetwork' : 'declared hostPort',
        origin: 'workload',
        helmSource,
        ownerKey,
      });
    }
  }
  return listeners;
}

/** Confs a unit's broker reads: a linted mosquitto.conf whose path ends like the `-c` argument. */
export function findConf(confs: MosquittoConfig[], path: string | undefined): MosquittoConfig | undefined {
  if (!path) return undefined;
  const wanted = path.replace(/^\/+/, '');
  return confs.find((c) => c.source.path === wanted || c.source.path.endsWith(`/${wanted}`)) ?? confs.find((c) => basename(c.source.path) === basename(wanted) && wanted.includes('mosquitto'));
}

export function unitListeners(hostUnit: HostUnit, confs: MosquittoConfig[], knowledge: Knowledge, usedConfs: Set<MosquittoConfig>): Listener[] {
  const owner = hostUnit.unit.name;
  const ownerKey = `unit:${hostUnit.unit.source.path}`;
  const listeners: Listener[] = [];
  const container = hostUnit.container;
  if (container) {
    if (container.hostNetwork?.value && container.image) {
      const ref = parseImageRef(container.image.value);
      const configPath = container.configPath?.value;
      const mounted = findConf(confs, configPath);
      const series = ref ? knowledge.images.mosquittoSeries(ref) : undefined;
      if (mounted && series && !knowledge.images.brokerConfig(ref!, container.command.map((w) => w.value))) {
        usedConfs.add(mounted);
        listeners.push(...confListeners(mounted, confs, series, owner, ownerKey, 'unit', container.configPath!.span));
      } else {
        const at = container.configPath?.span ?? container.image.span;
        listeners.push(...brokerFromImage(knowledge, ref, container.command.map((w) => w.value), at, owner, ownerKey, 'unit'));
      }
    } else {
      // docker/podman discard published ports under host networking (facts §Q7), so only non-host ones bind.
      for (const published of container.published) {
        if (published.hostPort === undefined) continue;
        listeners.push({
          port: published.hostPort,
          protocol: published.protocol,
          address: published.hostIP ?? '0.0.0.0',
          span: published.span,
          owner,
          reason: `published port ${published.hostPort}:${published.containerPort}`,
          origin: 'unit',
          ownerKey,
        });
      }
    }
  } else if (hostUnit.daemon && hostUnit.daemon.name === 'mosquitto') {
    const conf = findConf(confs, hostUnit.daemon.configPath?.value);
    if (conf) usedConfs.add(conf);
    const at = hostUnit.daemon.configPath?.span ?? hostUnit.daemon.program.span;
    // A distribution's broker: Debian bookworm and current upstream units run 2.0 semantics.
    listeners.push(...(conf ? confListeners(conf, confs, '2.0', owner, ownerKey, 'unit', at) : brokerFromConfs([], '2.0', at, owner, ownerKey, 'unit', 'no config file (mosquitto 2.0 local-only mode)')));
  }
  return listeners;
}

/** Listeners of a broker reading `conf` (and the linted files of its include_dir). */
export function confListeners(conf: MosquittoConfig, all: MosquittoConfig[], series: '1.6' | '2.0' | '2.1', owner: string, ownerKey: string, origin: Listener['origin'], fallback: Span): Listener[] {
  const included = conf.includeDirs.flatMap((dir) => {
    const prefix = dir.value.replace(/^\/+/, '').replace(/\/+$/, '') + '/';
    return all.filter((c) => c !== conf && (c.source.path.startsWith(prefix) || c.source.path.includes(`/${prefix}`))).sort((a, b) => (a.source.path < b.source.path ? -1 : 1));
  });
  return brokerFromConfs([conf, ...included], series, fallback, owner, ownerKey, origin, `${conf.source.path} (mosquitto ${series})`);
}

function brokerFromConfs(confs: MosquittoConfig[], series: '1.6' | '2.0' | '2.1', fallback: Span, owner: string, ownerKey: string, origin: Listener['origin'], reason: string): Listener[] {
  const listeners: Listener[] = [];
  for (const broker of brokerListeners(confs, series, fallback)) {
    if (broker.port <= 0) continue;
    for (const address of broker.addresses) {
      listeners.push({ port: broker.port, protocol: 'TCP', address, span: broker.span, owner, reason, origin, anonymous: broker.anonymous, anonymousSpan: broker.anonymousSpan ?? broker.span, ownerKey });
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
    listeners.push({ port, protocol: 'TCP', address, span: at, owner, reason, origin: 'edgecore', ownerKey });

  const eventBus = effective(config, ['modules', 'eventBus', 'enable'], EDGECORE_DEFAULTS.eventBusEnable, isBoolean);
  const mode = effective(config, ['modules', 'eventBus', 'mqttMode'], EDGECORE_DEFAULTS.mqttMode, isNumber);
  if (eventBus.value && (mode.value === 0 || mode.value === 1)) {
    const internal = effective(config, ['modules', 'eventBus', 'mqttServerInternal'], EDGECORE_DEFAULTS.mqttServerInternal, isString);
    const url = parseBrokerUrl(internal.value);
    if (url) add(url.host, url.port, internal.at ?? mode.at ?? mode.anchor, `eventBus internal MQTT broker (mqttMode ${mode.value})`);
  }
  const edged = effective(config, ['modules', 'edged', 'enable'], EDGECORE_DEFAULTS.edgedEnable, isBoolean);
  const readOnlyPort = effective(config, ['modules', 'edged', 'tailoredKubeletConfig', 'readOnlyPort'], EDGECORE_DEFAULTS.readOnlyPort, isNumber);
  if (edged.value && readOnlyPort.value > 0) {
    const address = effective(config, ['modules', 'edged', 'tailoredKubeletConfig', 'address'], EDGECORE_DEFAULTS.kubeletAddress, isString);
    add(address.value, readOnlyPort.value, readOnlyPort.at ?? readOnlyPort.anchor, 'edged read-only kubelet server');
  }
  const metaServer = effective(config, ['modules', 'metaManager', 'metaServer', 'enable'], EDGECORE_DEFAULTS.metaServerEnable, isBoolean);
  if (metaServer.value) {
    const server = effective(config, ['modules', 'metaManager', 'metaServer', 'server'], EDGECORE_DEFAULTS.metaServer, isString);
    const hostPort = parseHostPort(server.value);
    if (hostPort) add(hostPort.host, hostPort.port, server.at ?? metaServer.at ?? metaServer.anchor, 'metaManager metaServer');
  }
  const serviceBus = effective(config, ['modules', 'serviceBus', 'enable'], EDGECORE_DEFAULTS.serviceBusEnable, isBoolean);
  if (serviceBus.value) {
    const host = effective(config, ['modules', 'serviceBus', 'server'], EDGECORE_DEFAULTS.serviceBusServer, isString);
    const port = effective(config, ['modules', 'serviceBus', 'port'], EDGECORE_DEFAULTS.serviceBusPort, isNumber);
    add(host.value, port.value, port.at ?? serviceBus.at ?? serviceBus.anchor, 'serviceBus HTTP server');
  }
  return listeners;
}

