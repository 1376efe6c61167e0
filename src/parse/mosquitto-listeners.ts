/**
 * What a mosquitto broker of a given series binds with the directives mosquitto.ts read: listeners,
 * their addresses and whether they admit anonymous clients, per mosquitto.conf(5), ChangeLog.txt 2.0.0
 * "Breaking changes" and src/conf.c / src/listeners.c of each series.
 */
import { filledAtRunTime, located, type Located, type Span } from '../core/source.js';
import { pushAll } from '../core/arrays.js';
import { parseBool, parsePort, unresolvable, type BrokerListener, type BrokerListenerOptions, type MosquittoConfig, type MosquittoSeries } from './mosquitto.js';

/**
 * Options that, before any `listener` in the same file, configure the default listener
 * (src/conf.c: `port`/`bind_address`, and the options guarded by REQUIRE_LISTENER_OR_DEFAULT_LISTENER;
 * 1.6 and 2.0 then create it in `config__parse_args` when any default-listener field is set).
 */
const DEFAULT_LISTENER_OPTIONS = new Set([
  'port',
  'bind_address',
  'bind_interface',
  'max_connections',
  'max_qos',
  'maximum_qos',
  'protocol',
  'socket_domain',
  'cafile',
  'capath',
  'certfile',
  'keyfile',
  'ciphers',
  'ciphers_tls1.3',
  'crlfile',
  'dhparamfile',
  'psk_hint',
  'require_certificate',
  'tls_engine',
  'tls_engine_kpass_sha1',
  'tls_keyform',
  'use_identity_as_username',
  'use_subject_as_username',
  'use_username_as_clientid',
]);

/**
 * A default-listener option written with its default value changes no field 1.6's and 2.0's src/conf.c
 * test before creating the default listener (`max_connections != -1`, `max_qos != 2`, `protocol != mp_mqtt`,
 * `tls_keyform != mosq_k_pem`, true flags), so it creates none: `max_connections -1` before any `listener`
 * leaves 1883 alone (checked on the 2.0.11 broker). 2.1's conf.c creates the default listener as it reads
 * such an option, whatever its value (REQUIRE_LISTENER_OR_DEFAULT_LISTENER), so there the option counts.
 */
function leavesDefaultListenerAlone(name: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  switch (name) {
    case 'max_connections':
      return Number.parseInt(value, 10) === -1; // read with atoi
    case 'max_qos':
    case 'maximum_qos':
      return Number.parseInt(value, 10) === 2;
    case 'protocol':
      return value === 'mqtt';
    case 'tls_keyform':
      return value === 'pem';
    case 'require_certificate':
    case 'use_identity_as_username':
    case 'use_subject_as_username':
    case 'use_username_as_clientid':
      return parseBool(value) === false;
    default:
      return false;
  }
}

/** Options that make `allow_anonymous` default to false in 1.6 (mosquitto.conf 1.6.15, `allow_anonymous`). */
const AUTH_OPTIONS_16 = new Set(['password_file', 'psk_file', 'auth_plugin', 'plugin']);

interface ListenerState {
  port: number;
  host?: string;
  socketDomain?: 'ipv4' | 'ipv6';
  protocol: BrokerListener['protocol'];
  span: Span;
  implicit: boolean;
  isDefault: boolean;
  /** Per-listener security (per_listener_settings true, or 2.1's listener_allow_anonymous). */
  allowAnonymous?: Located<boolean>;
  hasAuth: boolean;
  /** Its bind address cannot resolve (`unresolvableHost`): the broker opens no socket for it. */
  opensNothing?: true;
}

/**
 * What a broker of that series binds when started with `confs` (main file first, then included files in
 * include_dir order; empty = no config file at all). `fallback` is the span implicit listeners point at.
 *
 * - 1.6: without `listener`, a default listener on `port` (default 1883), on `bind_address` or all
 *   interfaces; `allow_anonymous` defaults to true unless password_file/psk_file/an auth plugin is set.
 * - 2.0/2.1: without `listener`/`port`/`bind_address` the broker runs in local-only mode on 127.0.0.1
 *   and ::1 (port 1883 or each `-p`), anonymous unless `allow_anonymous false` (honoured there since
 *   2.0.22, ChangeLog); with any listener `allow_anonymous` defaults to false and `-p` is ignored.
 *   `port`/`bind_address` are deprecated but still create the default listener (2.0.11 binary, src/conf.c).
 *   2.0 also creates it for other listener options written before any `listener`; 2.1 (src/conf.c on
 *   the 2.1 line) creates it but stays in local-only mode unless `listener`/`port`/`bind_address` appear.
 */
export function brokerListeners(
  confs: MosquittoConfig[],
  series: MosquittoSeries,
  fallback: Span,
  options: BrokerListenerOptions = {},
): BrokerListener[] {
  const cmdPorts = (options.cmdPorts ?? []).filter((p) => Number.isInteger(p) && p > 0 && p <= 65535);
  const listeners: ListenerState[] = [];
  let defaultListener: ListenerState | undefined;
  let localOnly = true;
  let perListener = false;
  let globalAnon: Located<boolean> | undefined;
  let globalAuth = false;

  const ensureDefault = (at: Span): ListenerState => {
    if (!defaultListener) {
      defaultListener = { port: 0, protocol: 'mqtt', span: at, implicit: false, isDefault: true, hasAuth: false };
      listeners.push(defaultListener);
    }
    return defaultListener;
  };

  const runFile = (conf: MosquittoConfig, level: number, onInclude: (index: number) => void): void => {
    // `cur_listener` is local to each file read (config__read_file_core), so an included file starts
    // with no current listener.
    let current: ListenerState | undefined;
    let includeIndex = 0;
    for (const d of conf.directives) {
      const a0 = d.args[0];
      switch (d.name) {
        case 'listener': {
          const port = a0 && !filledAtRunTime(a0.span) ? parsePort(a0.value) : undefined;
          if (port === undefined || port > 65535) {
            // A port the installer fills in (`listener ${PORT}`, `listener {{ port }}`) is a listener
            // on a port nobody knows: the broker leaves local-only mode, and claims nothing known.
            if (a0 && filledAtRunTime(a0.span)) localOnly = false;
            continue;
          }
          localOnly = false;
          const host = d.args[1]?.value;
          current = { port: port === 0 ? 0 : port, host: port === 0 ? undefined : host, protocol: 'mqtt', span: d.span, implicit: false, isDefault: false, hasAuth: false };
          if (port !== 0 && d.args[1] && unresolvable(d.args[1])) current.opensNothing = true;
          listeners.push(current);
          continue;
        }
        case 'port': {
          const port = a0 ? parsePort(a0.value) : undefined;
          if (port === undefined || port < 1 || port > 65535) {
            if (a0 && filledAtRunTime(a0.span)) localOnly = false;
            continue;
          }
          localOnly = false;
          const def = ensureDefault(d.span);
          def.port = port;
          def.span = d.span;
          current = def;
          continue;
        }
        case 'bind_address': {
          if (!a0) continue;
          localOnly = false;
          const def = ensureDefault(d.span);
          def.host = a0.value.trim();
          if (unresolvable(a0)) def.opensNothing = true;
          else delete def.opensNothing;
          current = def;
          continue;
        }
        case 'per_listener_settings': {
          // Once set it cannot be unset (src/conf.c): it should be the first option.
          if (a0 && parseBool(a0.value) === true) perListener = true;
          continue;
        }
        case 'allow_anonymous': {
          // A value the installer decides (a line an Ansible `lineinfile:` rewrites, a placeholder a
          // `sed -i` fills) is never taken for anonymous access: a false finding is worse than a miss.
          const value = a0 ? (filledAtRunTime(a0.span) ? false : parseBool(a0.value)) : undefined;
          if (value === undefined) continue;
          const v = located(value, d.span);
          if (perListener) {
            const target = current ?? (series === '1.6' ? ensureDefault(d.span) : undefined);
            if (target) target.allowAnonymous = v;
          } else {
            globalAnon = v;
          }
          continue;
        }
        case 'listener_allow_anonymous': {
          // Added in 2.1 (src/conf.c); an unknown option to older brokers.
          const value = a0 ? parseBool(a0.value) : undefined;
          if (series === '2.1' && current && value !== undefined) current.allowAnonymous = located(value, d.span);
          continue;
        }
        case 'include_dir': {
          // Only read from the main configuration file (mosquitto.conf(5), `include_dir`).
          if (level === 0) onInclude(includeIndex++);
          continue;
        }
        default:
          break;
      }
      if (AUTH_OPTIONS_16.has(d.name) && a0) {
        if (perListener && current) current.hasAuth = true;
        else globalAuth = true;
      }
      if (DEFAULT_LISTENER_OPTIONS.has(d.name)) {
        if (!current && series !== '2.1' && leavesDefaultListenerAlone(d.name, a0?.value)) continue;
        const target = current ?? ensureDefault(d.span);
        if (!current) current = target;
        if (d.name === 'protocol' && a0 && (a0.value === 'mqtt' || a0.value === 'websockets' || a0.value === 'http_api')) {
          target.protocol = a0.value;
        } else if (d.name === 'socket_domain' && a0 && (a0.value === 'ipv4' || a0.value === 'ipv6')) {
          target.socketDomain = a0.value;
        }
        if (series === '2.0' && target === defaultListener) localOnly = false;
      }
    }
  };

  const [main, ...included] = confs;
  if (main) {
    const groups = assignIncludes(main, included);
    runFile(main, 0, (index) => {
      for (const conf of groups[index] ?? []) runFile(conf, 1, () => undefined);
    });
    if (main.includeDirs.length === 0) for (const conf of included) runFile(conf, 1, () => undefined);
  }

  // A host the socket domain cannot bind (`bind_address ::` with `socket_domain ipv4`) makes the
  // listener fail to open: it binds nothing.
  if (series === '1.6') return listeners16(listeners, defaultListener, fallback, cmdPorts, globalAnon, globalAuth, perListener).filter((l) => l.addresses.length > 0);

  if (localOnly) {
    const anonymous = globalAnon ? globalAnon.value : true;
    const ports = cmdPorts.length > 0 ? cmdPorts : [1883];
    return ports.map((port) => ({
      port,
      addresses: ['127.0.0.1', '::1'],
      protocol: 'mqtt' as const,
      anonymous,
      span: fallback,
      anonymousSpan: anonymous && globalAnon?.value ? globalAnon.span : undefined,
      implicit: true,
    }));
  }

  const out: BrokerListener[] = [];
  for (const l of listeners) {
    const port = l.isDefault && l.port === 0 ? 1883 : l.port;
    if (port === 0) continue;
    // With listeners defined, an unset allow_anonymous becomes false (src/conf.c `config__read`).
    const decided = perListener ? l.allowAnonymous : (l.allowAnonymous ?? globalAnon);
    const anonymous = decided ? decided.value : false;
    out.push({
      port,
      addresses: l.opensNothing ? [] : bindAddresses(l.host, l.socketDomain),
      protocol: l.protocol,
      anonymous,
      span: l.span,
      anonymousSpan: anonymous ? decided?.span : undefined,
      implicit: false,
    });
  }
  return out.filter((l) => l.addresses.length > 0);
}

function listeners16(
  listeners: ListenerState[],
  defaultListener: ListenerState | undefined,
  fallback: Span,
  cmdPorts: number[],
  globalAnon: Located<boolean> | undefined,
  globalAuth: boolean,
  perListener: boolean,
): BrokerListener[] {
  const all = [...listeners];
  // 1.6 creates the default listener when no `listener` exists or any default-listener option is set
  // (src/conf.c 1.6 `config__parse_args`); `-p` sets its port.
  let def = defaultListener;
  if (!def && (all.length === 0 || cmdPorts.length > 0)) {
    def = { port: 0, protocol: 'mqtt', span: fallback, implicit: true, isDefault: true, hasAuth: false };
    all.unshift(def);
  }
  if (def && def.port === 0) def.port = cmdPorts.length > 0 ? cmdPorts[cmdPorts.length - 1] : 1883;
  const out: BrokerListener[] = [];
  for (const l of all) {
    if (l.port === 0) continue;
    let anonymous: boolean;
    let anonymousSpan: Span | undefined;
    if (perListener) {
      anonymous = l.allowAnonymous ? l.allowAnonymous.value : !l.hasAuth;
      anonymousSpan = l.allowAnonymous?.value ? l.allowAnonymous.span : undefined;
    } else {
      anonymous = globalAnon ? globalAnon.value : !globalAuth;
      anonymousSpan = globalAnon?.value ? globalAnon.span : undefined;
    }
    out.push({
      port: l.port,
      addresses: l.opensNothing ? [] : bindAddresses(l.host, l.socketDomain),
      protocol: l.protocol,
      anonymous,
      span: l.span,
      anonymousSpan: anonymous ? anonymousSpan : undefined,
      implicit: l.implicit,
    });
  }
  return out;
}

/**
 * The sockets a listener opens: getaddrinfo(host, AI_PASSIVE) over the allowed families, one socket
 * each, IPv6 sockets with IPV6_V6ONLY (src/net.c `net__socket_listen`).
 */
function bindAddresses(host: string | undefined, domain: 'ipv4' | 'ipv6' | undefined): string[] {
  let addresses: string[];
  if (host === undefined || host === '') addresses = ['0.0.0.0', '::'];
  else if (host === 'localhost') addresses = ['127.0.0.1', '::1'];
  else addresses = [host];
  if (domain === 'ipv4') addresses = addresses.filter((a) => !a.includes(':'));
  else if (domain === 'ipv6') addresses = addresses.filter((a) => a.includes(':') || !/^\d+\.\d+\.\d+\.\d+$/.test(a));
  return addresses;
}

/** Included files grouped by the include_dir directive whose directory holds them. */
function assignIncludes(main: MosquittoConfig, included: MosquittoConfig[]): MosquittoConfig[][] {
  const dirs = main.includeDirs.map((d) => d.value.trim().replace(/\/+$/, ''));
  const groups: MosquittoConfig[][] = dirs.map(() => []);
  if (dirs.length === 0) return groups;
  const unmatched: MosquittoConfig[] = [];
  for (const conf of included) {
    const path = conf.source.path;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const index = dirs.findIndex((d) => d === dir || (d !== '' && dir.endsWith(`/${d.replace(/^\/+/, '')}`)));
    if (index === -1) unmatched.push(conf);
    else groups[index].push(conf);
  }
  // A file the model attributed to this broker but whose path does not name the directory (a repo
  // copy of conf.d) is read with the first include_dir: that is where the broker reads included files.
  pushAll(groups[0], unmatched);
  return groups;
}
