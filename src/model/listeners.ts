/**
 * Who binds which host port. The Kubernetes scheduler only sees declared hostPorts; the failures in
 * the field come from binds it cannot see: a hostNetwork container that declares no port (the CloudCore
 * chart's mosquitto DaemonSet), a container started by systemd, edgecore's own servers.
 */
import { parseMosquittoConf } from '../parse/mosquitto.js';
import { brokerListeners } from '../parse/mosquitto-listeners.js';
import type { BrokerListener, MosquittoConfig, MosquittoSeries } from '../parse/mosquitto.js';
import type { BindMount } from '../parse/command-line.js';
import { SourceFile } from '../core/source.js';
import type { Span } from '../core/source.js';
import { parseImageRef } from './image-ref.js';
import type { Facts } from '../knowledge/index.js';
import type { ConfigMapData, Container, HostBroker, HostUnit, ImageRef, Listener, Workload } from './types.js';
import type { Located } from '../core/source.js';
import { lastIndex, pushAll } from '../core/arrays.js';
import { getOwn } from '../core/records.js';
import { ConfIndex } from './conf-index.js';
import { brokerFromConfs, confListeners } from './config-listeners.js';
import { objectIdentity } from './placement.js';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** The ConfigMaps of a deployment by namespace and name (configMapKey), the first of a name winning. */
export type ConfigMapIndex = ReadonlyMap<string, ConfigMapData>;

export function configMapKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}\u0000${name}`;
}

export function indexConfigMaps(configMaps: readonly ConfigMapData[]): ConfigMapIndex {
  const index = new Map<string, ConfigMapData>();
  for (const configMap of configMaps) {
    const key = configMapKey(configMap.object.namespace, configMap.object.name);
    if (!index.has(key)) index.set(key, configMap);
  }
  return index;
}

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

/** True when `listener` binds `port` (one port, or a published range holding it). */
export function listensOn(listener: Pick<Listener, 'port' | 'portEnd'>, port: number): boolean {
  return port >= listener.port && port <= (listener.portEnd ?? listener.port);
}

/** `8000` or `8000-8010`. */
export function portText(first: number, count = 1): string {
  return count > 1 ? `${first}-${first + count - 1}` : String(first);
}

/**
 * A published range is one listener over all its host ports; a broker the range reaches inside the
 * container gets its own listener on the host port that forwards to it (what it serves, anonymous or
 * not). Expanding the range port by port would make 65k listeners of one `-p 1-65535:1-65535`.
 */
function rangeListeners(f: Forward, count: number, binds: BrokerBind[] | undefined, base: Pick<Listener, 'owner' | 'ownerKey' | 'origin' | 'helmSource' | 'exclusive'>): Listener[] {
  const out: Listener[] = [Object.assign({}, base, { port: f.hostPort, portEnd: f.hostPort + count - 1, protocol: f.protocol, address: f.hostIP, span: f.span, reason: f.reason })];
  if (f.protocol !== 'TCP' || f.containerPort === undefined) return out;
  const containerPort = f.containerPort;
  for (const b of binds ?? []) {
    if (b.port < containerPort || b.port >= containerPort + count || !b.addresses.some((a) => !isLoopback(a))) continue;
    const hostPort = f.hostPort + (b.port - containerPort);
    out.push(Object.assign({}, base, { port: hostPort, protocol: 'TCP' as const, address: f.hostIP, span: f.span, reason: `${f.reason}, to ${b.reason}`, anonymous: b.anonymous, anonymousSpan: b.anonymousSpan, service: b.service }, b.via ? { via: b.via } : undefined));
  }
  return out;
}

export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || address.startsWith('127.');
}

/**
 * The node's own address on the default Docker bridge: dockerd gives the `bridge` network (the
 * `docker0` interface) the first default local address pool, 172.17.0.0/16, and the bridge its first
 * address as gateway (moby `libnetwork/ipamutils/utils.go` `localScopeDefaultNetworks`; Docker docs "Bridge
 * network driver", daemon `bip`). A listener there is reached by the node's containers, which route
 * to it through their gateway, and the node itself; other hosts only with a route to that network
 * through the node. Only the default is known: a `bip` set elsewhere moves it.
 */
export function containerBridge(address: string): string | undefined {
  return address === DOCKER0_GATEWAY ? 'the default Docker bridge (docker0)' : undefined;
}

const DOCKER0_GATEWAY = '172.17.0.1';

/** What a broker binds inside the network namespace it runs in (the host's, or its container's). */
export interface BrokerBind {
  port: number;
  addresses: string[];
  anonymous: boolean;
  service: NonNullable<Listener['service']>;
  /** The line that opens the listener, or the image reference / `-c` argument for implicit ones. */
  span: Span;
  anonymousSpan: Span;
  reason: string;
  via?: Listener['via'];
}

/** Where a container's broker config comes from when something replaces the image's own file. */
export type MountedConfig = { kind: 'none' } | { kind: 'unknown' } | { kind: 'file'; confs: MosquittoConfig[]; reason: string; via?: Listener['via'] };

/**
 * An image's built-in config is not a file in the repository: it is parsed as a virtual file whose
 * every offset maps to the image reference, so findings about it point at the image.
 */
function configFromText(text: string, at: Span): MosquittoConfig {
  const virtual = new SourceFile(`${at.source.path}#image-config`, text, 'mosquitto', { parent: at.source, toParentOffset: () => at.start });
  return parseMosquittoConf(virtual);
}

/**
 * The binds of a known broker image started with `command`: from a config mounted over the image's
 * (when `mounted` finds one), else from the config the image ships for that command. Undefined when
 * the image is not a known broker or its config cannot be known — then nothing is claimed.
 */
function brokerBinds(knowledge: Facts, ref: ImageRef | undefined, command: string[], at: Span, mounted: (configPath: string) => MountedConfig): BrokerBind[] | undefined {
  if (!ref) return undefined;
  const series = knowledge.images.mosquittoSeries(ref);
  if (!series) return undefined;
  const shipped = knowledge.images.brokerConfig(ref, command);
  const configPath = shipped?.configPath || configFlag(command) || '';
  const replaced = configPath ? mounted(configPath) : ({ kind: 'none' } as const);
  let confs: MosquittoConfig[];
  let reason: string;
  let cmdPorts: number[] = [];
  if (replaced.kind === 'unknown') return undefined;
  if (replaced.kind === 'file') {
    confs = replaced.confs;
    reason = `${replaced.reason} (mosquitto ${series})`;
  } else if (shipped) {
    confs = shipped.text ? [configFromText(shipped.text, at)] : [];
    cmdPorts = shipped.cmdPorts;
    reason = `${shipped.configPath || 'no config file'} of ${ref.display} (mosquitto ${series})`;
  } else {
    return undefined;
  }
  return brokerListeners(confs, series, at, { cmdPorts })
    .filter((b) => b.port > 0)
    .map((b) => {
      // The image's own config is no file of the repository: its lines all map to one point of `at`
      // (configFromText), so what the repository wrote that chose it, `at`, is the whole span.
      const fromRepository = replaced.kind === 'file';
      const bindSpan = b.implicit || !fromRepository ? at : b.span;
      const anonymousSpan = fromRepository ? (b.anonymousSpan ?? bindSpan) : at;
      return { port: b.port, addresses: b.addresses, anonymous: b.anonymous, service: b.protocol, span: bindSpan, anonymousSpan, reason, ...(fromRepository && replaced.via ? { via: replaced.via } : {}) };
    });
}

/** Where mosquitto looks for its config: the official image's CMD, and the distributions' packages. */
const STANDARD_CONFIG_PATHS = ['/mosquitto/config/mosquitto.conf', '/etc/mosquitto/mosquitto.conf'];

const ALL_SERIES: readonly MosquittoSeries[] = ['1.6', '2.0', '2.1'];

/**
 * The binds of a container whose image edgelint holds no data for but whose name says it runs
 * mosquitto (`pascaldevink/rpi-mosquitto`), reading a repository config mounted where mosquitto looks
 * for one (`/mosquitto/config/mosquitto.conf`, the official image's CMD; `/etc/mosquitto/mosquitto.conf`,
 * the distributions' packages) or at the path its command names with `-c`. Its series is unknown, so
 * only what every series (1.6, 2.0, 2.1) reads alike from that config is claimed: an explicit listener
 * each of them binds on the same addresses and port, anonymous or not alike. `listener 1883` with
 * `allow_anonymous true` is such a listener; an empty config is not (1.6 opens 1883 on all interfaces,
 * 2.x stays local-only). Undefined for a known image (brokerBinds' business), another name, or no such
 * mounted file.
 */
function unknownBrokerBinds(knowledge: Facts, ref: ImageRef | undefined, command: string[], at: Span, mounted: (configPath: string) => MountedConfig): BrokerBind[] | undefined {
  if (!ref || knowledge.images.image(ref)) return undefined;
  if (!/mosquitto/i.test(ref.path.slice(ref.path.lastIndexOf('/') + 1))) return undefined;
  const flagged = configFlag(command);
  for (const path of flagged ? [flagged] : STANDARD_CONFIG_PATHS) {
    const replaced = mounted(path);
    if (replaced.kind !== 'file') continue;
    const key = (b: BrokerListener) => `${b.port}|${b.protocol}|${b.anonymous}|${[...b.addresses].sort().join(',')}`;
    const [first, ...rest] = ALL_SERIES.map((series) => brokerListeners(replaced.confs, series, at).filter((b) => b.port > 0 && !b.implicit));
    const others = rest.map((list) => new Set(list.map(key)));
    return first
      .filter((b) => others.every((keys) => keys.has(key(b))))
      .map((b) => ({ port: b.port, addresses: b.addresses, anonymous: b.anonymous, service: b.protocol, span: b.span, anonymousSpan: b.anonymousSpan ?? b.span, reason: `${replaced.reason} (mosquitto of an unknown series)`, ...(replaced.via ? { via: replaced.via } : {}) }));
  }
  return undefined;
}

/**
 * The binds of a broker container: a known broker image's (brokerBinds), else one whose name says it
 * runs mosquitto (unknownBrokerBinds), which may be asked for configs by another rule (`unknownMounted`:
 * a unit's unknown image reads only what is bind-mounted into it).
 */
export function containerBrokerBinds(knowledge: Facts, ref: ImageRef | undefined, command: string[], at: Span, mounted: (configPath: string) => MountedConfig, unknownMounted = mounted): BrokerBind[] | undefined {
  return brokerBinds(knowledge, ref, command, at, mounted) ?? unknownBrokerBinds(knowledge, ref, command, at, unknownMounted);
}

/** mosquitto's `-c FILE` / `--config-file FILE` in a container command. */
function configFlag(command: string[]): string | undefined {
  const found = findConfigFlag(command);
  return found && (found.inline ? command[found.index].slice(2) : command[found.index + 1]);
}

/** Where mosquitto's config flag is among `words`: `-c FILE` / `--config-file FILE`, or `-cFILE` (inline). */
export function findConfigFlag(words: readonly string[]): { index: number; inline: boolean } | undefined {
  for (let i = 0; i < words.length; i++) {
    if ((words[i] === '-c' || words[i] === '--config-file') && words[i + 1] !== undefined) return { index: i, inline: false };
    if (words[i].startsWith('-c') && words[i].length > 2 && !words[i].startsWith('--')) return { index: i, inline: true };
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
function mountedConfig(workload: Workload, mount: Container['volumeMounts'][number], path: string, configMaps: ConfigMapIndex): Located<string> | undefined {
  const volume = workload.volumes.find((v) => v.name === mount.name);
  if (!volume?.configMap) return undefined;
  const configMap = configMaps.get(configMapKey(workload.object.namespace, volume.configMap));
  if (!configMap) return undefined;
  const file = mount.subPath ?? path.slice(mount.mountPath.replace(/\/+$/, '').length + 1);
  // With `items`, the volume holds only the listed keys, each at its own path (configmap.go MakePayload).
  const key = volume.items ? volume.items.find((item) => item.path.replace(/^\.\//, '') === file)?.key.value : file;
  return key === undefined ? undefined : getOwn(configMap.data, key);
}

/**
 * A ConfigMap value read as a mosquitto.conf, once: every workload mounting it (and every node class
 * it is judged for) reads the same broker config. Parsed per workload, 2,000 DaemonSets mounting one
 * 5,000-line conf ran a 256 MB heap out (signal 6) on 1.3 MB of YAML.
 */
const mountedConfs = new WeakMap<Located<string>, MosquittoConfig>();

function mountedConf(text: Located<string>): MosquittoConfig {
  let conf = mountedConfs.get(text);
  if (!conf) mountedConfs.set(text, (conf = parseMosquittoConf(configMapSource(text))));
  return conf;
}

/**
 * Offsets in a ConfigMap value map back line by line into the YAML file (a literal block scalar keeps
 * each line, indented); where a line cannot be found (folded or quoted scalars), the value's start.
 */
function configMapSource(value: Located<string>): SourceFile {
  const parent = value.span.source;
  // Read once: a ConfigMap value may be read from the file's text each time it is asked (text-lines.ts).
  const text = value.value;
  const lines = text.split('\n');
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
  // The line holding `o` by bisection: a scan from the last line made every lookup (each directive's
  // span is mapped up, filledAtRunTime) cost the conf's length, quadratic in it.
  const toParentOffset = (o: number) => {
    if (!starts.length) return value.span.start;
    const i = lastIndex(lineOf.length, (k) => lineOf[k] <= o);
    return starts[i] + (o - lineOf[i]);
  };
  return new SourceFile(`${parent.path}#configmap`, text, 'mosquitto', { parent, toParentOffset });
}

/** A host port that forwards into a container (hostPort, `-p`): anonymous when the broker behind it is. */
export interface Forward {
  hostPort: number;
  hostIP: string;
  containerPort?: number;
  /** Consecutive ports forwarded from hostPort to containerPort (a published range); absent for one. */
  count?: number;
  protocol: Listener['protocol'];
  span: Span;
  reason: string;
}

/**
 * Host listeners of one container: under host networking the broker's own binds (what the program
 * really binds beats what the pod declares: a declared 1883 on a 2.0 image with its default config is
 * a loopback-only bind) plus declared ports it does not cover; otherwise the forwarded host ports,
 * which expose whatever the broker binds on the container's interface (a loopback-only broker inside
 * its container is unreachable through them).
 */
// Listeners are built with Object.assign, not `{ ...base, port, … }`: V8 (Node 20) gives every
// object made by a spread followed by more properties a hidden class of its own (~350 bytes each,
// thousands per 10,000-object stream); Object.assign onto `{}` shares them. Same keys, same order.
export function containerListeners(binds: BrokerBind[] | undefined, hostNetwork: boolean, forwards: Forward[], base: Pick<Listener, 'owner' | 'ownerKey' | 'origin' | 'helmSource' | 'exclusive'>): Listener[] {
  const listeners: Listener[] = [];
  const covered = new Set<string>();
  if (hostNetwork) {
    for (const b of binds ?? []) {
      covered.add(`${b.port}/TCP`);
      for (const address of b.addresses) {
        listeners.push(Object.assign({}, base, { port: b.port, protocol: 'TCP' as const, address, span: b.span, reason: b.reason, anonymous: b.anonymous, anonymousSpan: b.anonymousSpan, service: b.service }, b.via ? { via: b.via } : undefined));
      }
    }
  }
  for (const f of forwards) {
    if (f.count !== undefined && f.count > 1) {
      pushAll(listeners, rangeListeners(f, f.count, hostNetwork ? undefined : binds, base));
      continue;
    }
    if (covered.has(`${f.hostPort}/${f.protocol}`)) continue;
    const behind = hostNetwork ? undefined : binds?.find((b) => b.port === f.containerPort && f.protocol === 'TCP' && b.addresses.some((a) => !isLoopback(a)));
    listeners.push(
      Object.assign(
        {},
        base,
        { port: f.hostPort, protocol: f.protocol, address: f.hostIP, span: f.span, reason: behind ? `${f.reason}, to ${behind.reason}` : f.reason },
        behind ? { anonymous: behind.anonymous, anonymousSpan: behind.anonymousSpan, service: behind.service, ...(behind.via ? { via: behind.via } : {}) } : undefined,
      ),
    );
  }
  return listeners;
}

/**
 * A workload as listeners and node ports name it (`Deployment iot/mq`). Two namespaces may each hold an
 * object of one name (one per site or tenant): the owner names the namespace whenever the manifest
 * states one, so a collision between them reads as two objects. node-ports.ts names the same
 * workload the same way, so one broker reached by a host port and a node port is one owner.
 */
export function workloadOwner(workload: Workload): string {
  const namespace = workload.object.namespace;
  return `${workload.kind} ${namespace ? `${namespace}/` : ''}${workload.object.name}`;
}

/** `onBinds`: what each container's broker binds in its pod (node-ports.ts: what a Service's targetPort reaches). */
export function workloadListeners(workload: Workload, knowledge: Facts, configMaps: ConfigMapIndex = new Map(), confs: ConfIndex = new ConfIndex([]), usedConfs?: Set<MosquittoConfig>, onBinds?: (container: Container, binds: BrokerBind[]) => void): Listener[] {
  const owner = workloadOwner(workload);
  const workloadKey = `workload:${workload.object.source.path}:${workload.object.span.start}`;
  const hostNetwork = workload.hostNetwork?.value === true;
  // Manifests of one object are alternatives (placement.ts objectIdentity): one container of theirs is
  // one process on a node, whichever manifest was applied last.
  const identity = objectIdentity(workload.object);
  const listeners: Listener[] = [];
  for (const container of workload.containers) {
    if (container.init) continue;
    const mounted = (configPath: string): MountedConfig => {
      const mount = mountCovering(container, configPath);
      if (!mount) return { kind: 'none' };
      // A volume over the config path replaces the image's file: read it from the linted ConfigMap, or
      // from the host file a hostPath volume mounts there when the deployment holds that file (written
      // by the install script, or the node's tree in the repository); otherwise claim nothing rather than guess.
      const text = mountedConfig(workload, mount, configPath, configMaps);
      if (text) return { kind: 'file', confs: [mountedConf(text)], reason: `${configPath} mounted from a ConfigMap` };
      const hostPath = workload.volumes.find((v) => v.name === mount.name)?.hostPath;
      if (hostPath === undefined) return { kind: 'unknown' };
      const below = configPath.slice(mount.mountPath.replace(/\/+$/, '').length);
      const hostFile = hostPath.replace(/\/+$/, '') + (mount.subPath ? `/${mount.subPath.replace(/^\/+|\/+$/g, '')}` : '') + below;
      const conf = confs.atHostPath(hostFile);
      if (!conf) return { kind: 'unknown' };
      usedConfs?.add(conf);
      return { kind: 'file', confs: [conf, ...confs.includedBy(conf)], reason: `${configPath} mounted from the host's ${hostFile}` };
    };
    const command = [...container.command, ...container.args];
    const binds = container.image ? containerBrokerBinds(knowledge, container.imageRef, command, container.image.span, mounted) : undefined;
    if (binds) onBinds?.(container, binds);
    const forwards: Forward[] = container.ports.flatMap((port) => {
      // With hostNetwork the container port is the host port (the API server defaults hostPort to it).
      const hostPort = port.hostPort ?? (hostNetwork ? port.containerPort : undefined);
      if (!hostPort || hostPort.value <= 0) return [];
      return [{ hostPort: hostPort.value, hostIP: port.hostIP?.value || '0.0.0.0', containerPort: port.containerPort?.value, protocol: port.protocol, span: hostPort.span, reason: hostNetwork ? 'declared port with hostNetwork' : 'declared hostPort' }];
    });
    // Containers of one pod share the host's network namespace under hostNetwork: two of them binding one port collide too.
    const own = containerListeners(binds, hostNetwork, forwards, { owner: `${owner} (container ${container.name})`, ownerKey: `${workloadKey}:${container.name}`, origin: 'workload', helmSource: workload.object.helmSource, ...(identity ? { exclusive: `object:${identity}\u0000${container.name}` } : {}) });
    // A port the pod declares is in the scheduler's view (NodePorts filter); one only the image binds is not.
    const declared = new Set(forwards.map((f) => `${f.hostPort}/${f.protocol}`));
    for (const l of own) {
      l.placement = workload.placement;
      if (l.portEnd === undefined && declared.has(`${l.port}/${l.protocol}`)) l.podPort = { pod: identity ?? workloadKey, daemon: workload.kind === 'DaemonSet' };
    }
    pushAll(listeners, own);
  }
  return listeners;
}

/** The mount that hides `path` inside the container, if any (the last one wins for one target, as in the runtimes). */
function bindCovering(mounts: readonly BindMount[], path: string): BindMount | undefined {
  let best: BindMount | undefined;
  for (const m of mounts) {
    const target = m.target.replace(/\/+$/, '');
    if (path !== target && !path.startsWith(target + '/')) continue;
    if (!best || target.length >= best.target.replace(/\/+$/, '').length) best = m;
  }
  return best;
}

export function unitListeners(hostUnit: HostUnit, confs: ConfIndex, knowledge: Facts, usedConfs: Set<MosquittoConfig>): Listener[] {
  // systemd loads one unit per name on a node (the first one found on the unit search path, systemd
  // src/basic/unit-file.c unit_file_build_name_map): two files of one name are variants, not two services.
  const exclusive = `systemd:${hostUnit.unit.name}`;
  return unitBinds(hostUnit, confs, knowledge, usedConfs).map((l) => ({ ...l, exclusive }));
}

function unitBinds(hostUnit: HostUnit, confs: ConfIndex, knowledge: Facts, usedConfs: Set<MosquittoConfig>): Listener[] {
  const owner = hostUnit.unit.name;
  const ownerKey = `unit:${hostUnit.unit.source.path}`;
  const container = hostUnit.container;
  if (container) {
    if (!container.image) return [];
    const command = container.command.map((w) => w.value);
    const ref = parseImageRef(container.image.value);
    const shipsConfig = ref ? knowledge.images.brokerConfig(ref, command) !== undefined : false;
    const used = (conf: MosquittoConfig): MountedConfig => {
      usedConfs.add(conf);
      return { kind: 'file', confs: [conf, ...confs.includedBy(conf)], reason: conf.source.path };
    };
    const mounted = (configPath: string): MountedConfig => {
      // A bind mount over the config path (`-v /etc/mosquitto:/mosquitto/config`, the image's documented
      // way to configure it) hides the image's file: the broker reads the host file, a linted conf when
      // one has that path; anything else mounted there is unknown, and nothing is claimed.
      const bind = bindCovering(container.mounts, configPath);
      if (bind) {
        const conf = bind.source === undefined ? undefined : confs.forPath(bind.source + configPath.slice(bind.target.replace(/\/+$/, '').length), hostUnit.unit.source.path);
        return conf ? used(conf) : { kind: 'unknown' };
      }
      if (shipsConfig) return { kind: 'none' };
      // A `-c` path the image does not ship is a host file mounted into the container: a linted conf
      // with that path is what the broker reads.
      const conf = confs.forPath(configPath, hostUnit.unit.source.path);
      return conf ? used(conf) : { kind: 'none' };
    };
    const at = container.configPath?.span ?? container.image.span;
    // An image edgelint does not know reads only what is bind-mounted into it (no host file by its path alone).
    const bound = (configPath: string): MountedConfig => (bindCovering(container.mounts, configPath) ? mounted(configPath) : { kind: 'none' });
    const binds = containerBrokerBinds(knowledge, ref, command, at, mounted, bound);
    const hostNetwork = container.hostNetwork?.value === true;
    // docker/podman discard published ports under host networking (facts §Q7).
    const forwards: Forward[] = hostNetwork
      ? []
      : container.published.flatMap((p) => (p.hostPort === undefined ? [] : [{ hostPort: p.hostPort, hostIP: p.hostIP ?? '0.0.0.0', containerPort: p.containerPort, ...(p.count ? { count: p.count } : {}), protocol: p.protocol, span: p.span, reason: `published port ${portText(p.hostPort, p.count)}:${portText(p.containerPort, p.count)}` }]));
    return containerListeners(binds, hostNetwork, forwards, { owner, ownerKey, origin: 'unit' });
  }
  if (hostUnit.daemon && hostUnit.daemon.name === 'mosquitto') {
    const { program, configPath, ports, portsUnknown } = hostUnit.daemon;
    return hostBrokerListeners({ program, ...(configPath ? { configPath } : {}), ports: ports ?? [], unknown: portsUnknown === true }, confs, usedConfs, { owner, ownerKey, origin: 'unit', from: hostUnit.unit.source.path });
  }
  return [];
}

/**
 * A mosquitto started on the host, by a unit's ExecStart or an install script's command line. A
 * distribution's broker: Debian bookworm and current upstream packages run 2.0 semantics, where `-p`
 * sets the port of the local-only listener (127.0.0.1 and ::1) when no config defines a listener and
 * is ignored when one does (parse/mosquitto-listeners.ts; facts §Q6, observed on 2.0.11 in §Q8).
 */
export function hostBrokerListeners(
  broker: Pick<HostBroker, 'program' | 'configPath' | 'ports' | 'unknown'>,
  confs: ConfIndex,
  usedConfs: Set<MosquittoConfig>,
  who: { owner: string; ownerKey: string; origin: Listener['origin']; from: string },
): Listener[] {
  // A word the run decides among the arguments may name any config or port: nothing is claimed.
  if (broker.unknown) return [];
  const conf = confs.forPath(broker.configPath?.value, who.from);
  if (conf) usedConfs.add(conf);
  const at = broker.configPath?.span ?? broker.program.span;
  if (conf) return confListeners(conf, confs, '2.0', who.owner, who.ownerKey, who.origin, at, broker.ports);
  // `-c FILE` naming a file edgelint was not given: its listeners are unknown, so none are claimed.
  if (broker.configPath) return [];
  const reason = `no config file${broker.ports.length > 0 ? `, -p ${broker.ports.join(' -p ')}` : ''} (mosquitto 2.0 local-only mode)`;
  return brokerFromConfs([], '2.0', at, who.owner, who.ownerKey, who.origin, reason, broker.ports);
}
