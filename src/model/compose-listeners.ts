/**
 * What the services of a docker-compose file bind on the host they run on. The Compose Specification
 * (compose-spec 05-services.md) says:
 * - `ports`, short syntax `[HOST:]CONTAINER[/PROTOCOL]`, HOST being `[IP:](port | range)`: without an
 *   IP the port is bound on all interfaces (0.0.0.0); with only CONTAINER the runtime picks a free host
 *   port; HOST and CONTAINER ranges are equivalent ranges (`9090-9091:8080-8081`), while a host range
 *   for one container port (`8000-9000:80`) publishes one port of that range; IPv6 addresses may be
 *   bracketed (`[::1]:6001:6001`). Long syntax: `target` (container port), `published` (a port or a
 *   range, one port of which is assigned), `host_ip` (default all interfaces), `protocol`.
 * - `network_mode: host` gives the container the host's network interface: its program binds the host's
 *   ports itself, and port mapping is an error there (docker discards published ports, facts §Q7).
 *   `none` has no network; `service:NAME` / `container:NAME` share another container's namespace,
 *   whose own ports are what gets published.
 * A port edgelint cannot know (the runtime's pick, one port of a range, an `${VARIABLE}`) is no listener.
 */
import { isMap, isScalar } from 'yaml';
import type { Document } from 'yaml';
import { span } from '../core/source.js';
import type { SourceFile, Span } from '../core/source.js';
import type { Facts } from '../knowledge/index.js';
import type { MosquittoConfig } from '../parse/mosquitto.js';
import { getNode, mapEntries, nodeSpan, scalarString, seqItems } from '../parse/yaml-nodes.js';
import { findDuplicateKeys } from '../parse/yaml-duplicate-keys.js';
import { parseSideDocument } from '../parse/side-yaml.js';
import type { ConfIndex } from './conf-index.js';
import { COMPOSE_NAME } from './compose.js';
import { imageCommand, imageFile, targetStage } from './dockerfile-copy.js';
import type { BuiltDockerfile } from './dockerfile-copy.js';
import { parseImageRef } from './image-ref.js';
import { containerBrokerBinds, containerListeners, portText } from './listeners.js';
import type { Forward, MountedConfig } from './listeners.js';
import { basename, dirname, joinRelative } from './paths.js';
import type { Listener, Protocol } from './types.js';
import { pushAll } from '../core/arrays.js';

/** `80` or `8000-8010`: first port and count; undefined for anything else (a variable, a bad range). */
function portRange(text: string): { first: number; count: number } | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (!m) return undefined;
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  if (first < 1 || last > 65535 || last < first) return undefined;
  return { first, count: last - first + 1 };
}

function protocolOf(text: string | undefined): Protocol | undefined {
  const upper = (text ?? 'tcp').toUpperCase();
  return upper === 'TCP' || upper === 'UDP' || upper === 'SCTP' ? upper : undefined;
}

/**
 * A host port (or equivalent range) forwarded to a container port; undefined when the host port is
 * the runtime's pick or one port of a range.
 */
function forwardOf(hostIP: string, host: string | undefined, container: string, protocol: Protocol | undefined, span: Span): Forward | undefined {
  const to = portRange(container);
  const from = host === undefined ? undefined : portRange(host);
  if (!to || !from || !protocol || from.count !== to.count) return undefined;
  return {
    hostPort: from.first,
    hostIP: hostIP || '0.0.0.0',
    containerPort: to.first,
    ...(from.count > 1 ? { count: from.count } : {}),
    protocol,
    span,
    reason: `published port ${portText(from.first, from.count)}:${portText(to.first, to.count)}`,
  };
}

/** One `ports` entry, short or long syntax. */
function readPort(source: SourceFile, doc: Document.Parsed, item: unknown): Forward | undefined {
  if (isMap(item)) {
    const published = getNode(doc, item, 'published');
    const target = scalarString(getNode(doc, item, 'target'));
    const host = scalarString(published);
    if (target === undefined || host === undefined) return undefined;
    return forwardOf(scalarString(getNode(doc, item, 'host_ip')) ?? '', host, target, protocolOf(scalarString(getNode(doc, item, 'protocol'))), nodeSpan(source, published as never));
  }
  const text = scalarString(item);
  if (text === undefined) return undefined;
  const slash = text.lastIndexOf('/');
  const protocol = protocolOf(slash === -1 ? undefined : text.slice(slash + 1));
  let rest = slash === -1 ? text : text.slice(0, slash);
  let hostIP = '';
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']:');
    if (close === -1) return undefined;
    hostIP = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  // `::1:6000:6000`, `127.0.0.1:8001:8001`: the last two parts are the ports, the rest the address.
  if (parts.length > 2) {
    if (hostIP) return undefined;
    hostIP = parts.slice(0, -2).join(':');
    parts.splice(0, parts.length - 2);
  }
  return forwardOf(hostIP, parts.length === 2 ? parts[0] : undefined, parts[parts.length - 1], protocol, nodeSpan(source, item as never));
}

/** `command` / `entrypoint`: a list, or a string split on blanks as Compose's shell-like split does for plain words. */
function words(doc: Document.Parsed, node: unknown): string[] {
  const text = scalarString(node);
  if (text !== undefined) return text.split(/\s+/).filter(Boolean);
  return seqItems(doc, node).map((n) => scalarString(n) ?? '');
}

/** A service's bind mounts: source as a repository path (relative to the compose file) or an absolute host path. */
function bindMounts(file: SourceFile, doc: Document.Parsed, service: unknown): Array<{ source: string; target: string }> {
  const mounts: Array<{ source: string; target: string }> = [];
  for (const volume of seqItems(doc, getNode(doc, service, 'volumes'))) {
    const short = scalarString(volume);
    const [source, target] = short !== undefined ? short.split(':') : [scalarString(getNode(doc, volume, 'source')), scalarString(getNode(doc, volume, 'target'))];
    if (!source || !target) continue;
    // A source starting with `.` is relative to the compose file; one without `/` is a named volume.
    if (source.startsWith('.')) mounts.push({ source: joinRelative(dirname(file.path), source), target });
    else if (source.startsWith('/')) mounts.push({ source, target });
    else mounts.push({ source: '', target });
  }
  return mounts;
}

/**
 * The image a service without `image:` builds (compose-spec build.md: `build` is the context path, or
 * a mapping of `context`, default `.`, and `dockerfile`, default `Dockerfile`, relative to the
 * context): the base its Dockerfile in the repository starts from. A remote context is not read.
 */
function builtImage(file: SourceFile, doc: Document.Parsed, service: unknown, bases: ReadonlyMap<string, BuiltDockerfile>): { image: string; node: unknown; dockerfile: BuiltDockerfile; context: string; stage: number } | undefined {
  const build = getNode(doc, service, 'build');
  if (build === undefined || build === null) return undefined;
  const context = scalarString(build) ?? (isMap(build) ? (scalarString(getNode(doc, build, 'context')) ?? '.') : undefined);
  if (context === undefined || context.includes('://') || context.startsWith('git@')) return undefined;
  // `dockerfile_inline` is the Dockerfile itself (compose-spec build.md); the context's own is not read.
  if (isMap(build) && getNode(doc, build, 'dockerfile_inline') !== undefined) return undefined;
  const dockerfile = (isMap(build) ? scalarString(getNode(doc, build, 'dockerfile')) : undefined) ?? 'Dockerfile';
  const contextDir = joinRelative(dirname(file.path), context);
  const built = bases.get(joinRelative(contextDir, dockerfile));
  if (built === undefined) return undefined;
  // `target` builds up to a named stage: the image is that stage's.
  const target = isMap(build) ? scalarString(getNode(doc, build, 'target')) : undefined;
  const stage = targetStage(built.image, target);
  const image = stage === undefined ? undefined : built.image.stages[stage].base;
  return stage === undefined || image === undefined ? undefined : { image, node: build, dockerfile: built, context: contextDir, stage };
}

/**
 * What a service runs (compose-spec: `entrypoint` replaces the image's ENTRYPOINT and clears its CMD,
 * `command` replaces CMD); undefined when the Dockerfile it builds sets either to a shell command
 * edgelint does not read as words. Empty: the base image's own.
 */
function serviceCommand(doc: Document.Parsed, service: unknown, built: { dockerfile: BuiltDockerfile; stage: number } | undefined): string[] | undefined {
  const entrypointNode = getNode(doc, service, 'entrypoint');
  const commandNode = getNode(doc, service, 'command');
  const given = (node: unknown) => node !== undefined && node !== null;
  const image = built ? imageCommand(built.dockerfile.image, built.stage) : { entrypoint: undefined, cmd: undefined };
  const entrypoint = given(entrypointNode) ? words(doc, entrypointNode) : image.entrypoint;
  const cmd = given(commandNode) ? words(doc, commandNode) : given(entrypointNode) ? [] : image.cmd;
  if (entrypoint === 'unknown' || cmd === 'unknown') return undefined;
  return [...(entrypoint ?? []), ...(cmd ?? [])];
}

/**
 * The host listeners of every service of one compose file, on the node class the file belongs to.
 * `confs`: the class's mosquitto configs; a config a service bind-mounts over the broker's config path
 * is what that broker reads (added to `usedConfs`: the container's, not a host broker's).
 */
export function composeListeners(
  file: SourceFile,
  confs: ConfIndex,
  knowledge: Facts,
  usedConfs: Set<MosquittoConfig>,
  dockerfileBases: ReadonlyMap<string, BuiltDockerfile> = new Map(),
): Listener[] {
  if (!COMPOSE_NAME.test(file.path)) return [];
  let doc: Document.Parsed | undefined;
  try {
    doc = parseSideDocument(file);
  } catch {
    return [];
  }
  // docker compose refuses a file with a repeated key ("mapping key … already defined").
  if (!doc || doc.errors.length || findDuplicateKeys(file, doc).length) return [];
  const byPath = new Map<string, MosquittoConfig>();
  for (const conf of confs.all) if (!byPath.has(conf.source.path)) byPath.set(conf.source.path, conf);
  const listeners: Listener[] = [];
  for (const { key: name, value: service } of mapEntries(doc, getNode(doc, doc.contents, 'services'))) {
    if (!isMap(service)) continue;
    const mode = scalarString(getNode(doc, service, 'network_mode')) ?? '';
    if (mode === 'none' || mode.startsWith('service:') || mode.startsWith('container:')) continue;
    const hostNetwork = mode === 'host';
    const named = getNode(doc, service, 'image');
    const built = isScalar(named) ? undefined : builtImage(file, doc, service, dockerfileBases);
    const imageNode = built ? built.node : named;
    const image = built ? built.image : isScalar(named) ? scalarString(named) : undefined;
    const mounts = bindMounts(file, doc, service);
    /** The repository file a built image's Dockerfile copies to `configPath` (dockerfile-copy.ts). */
    const copiedConfig = (from: NonNullable<typeof built>, configPath: string): MountedConfig => {
      const { image: dockerfile, source } = from.dockerfile;
      const held = imageFile(dockerfile, configPath, (path) => byPath.has(joinRelative(from.context, path)), from.stage);
      if (held.kind !== 'context') return held.kind === 'base' ? { kind: 'none' } : { kind: 'unknown' };
      const conf = byPath.get(joinRelative(from.context, held.path))!;
      usedConfs.add(conf);
      const via = { at: span(source, held.at.start, held.at.end), message: `the ${held.keyword} that puts ${conf.source.path} at ${configPath} in the image service ${name} builds` };
      return { kind: 'file', confs: [conf, ...confs.includedBy(conf)], reason: `${configPath} copied from ${conf.source.path}`, via };
    };
    const mounted = (configPath: string): MountedConfig => {
      const mount = mounts
        .filter((m) => configPath === m.target.replace(/\/+$/, '') || configPath.startsWith(m.target.replace(/\/+$/, '') + '/'))
        .sort((a, b) => b.target.length - a.target.length)[0];
      // A bind mount hides what the image holds there (a copied config it hides is still the image's, no host broker's).
      const copied = built ? copiedConfig(built, configPath) : ({ kind: 'none' } as const);
      if (!mount) return copied;
      if (!mount.source) return { kind: 'unknown' };
      const hostFile = mount.source + configPath.slice(mount.target.replace(/\/+$/, '').length);
      // A compose file moved into a folder of its own may still name `./mosquitto.conf` beside it: the
      // repository's file of that name is the one meant (compose.ts composeMountedConfs).
      const conf = hostFile.startsWith('/') ? confs.atHostPath(hostFile) : (byPath.get(hostFile) ?? confs.all.find((c) => basename(c.source.path) === basename(hostFile)));
      if (conf) usedConfs.add(conf);
      return conf ? { kind: 'file', confs: [conf, ...confs.includedBy(conf)], reason: `${configPath} mounted from ${conf.source.path}` } : { kind: 'unknown' };
    };
    const command = serviceCommand(doc, service, built);
    const ref = image === undefined || command === undefined ? undefined : parseImageRef(image);
    const at = nodeSpan(file, imageNode as never);
    const binds = ref === undefined || command === undefined ? undefined : containerBrokerBinds(knowledge, ref, command, at, mounted);
    const forwards = hostNetwork ? [] : seqItems(doc, getNode(doc, service, 'ports')).flatMap((item) => readPort(file, doc, item) ?? []);
    // One container name per Docker host; without one, Compose names it after the project (the compose
    // file's folder) and the service: files of one folder defining one service are alternatives.
    const containerName = scalarString(getNode(doc, service, 'container_name'));
    const exclusive = containerName ? `container:${containerName}` : `compose:${dirname(file.path)}\u0000${name}`;
    pushAll(listeners, containerListeners(binds, hostNetwork, forwards, { owner: `compose service ${name} (${file.path})`, ownerKey: `compose:${file.path}\u0000${name}`, origin: 'compose', exclusive }));
  }
  return listeners;
}
