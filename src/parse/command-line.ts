/**
 * Reads container-runtime command lines (`ctr`, `nerdctl`, `docker`, `podman`) from argv words, whether
 * they come from a unit's ExecStart= (splitCommandLine) or from an install script.
 *
 * Flag grammars (read by container-flags.ts): ctr uses urfave/cli on Go's `flag` package (`-name`/
 * `--name`, value after `=` or as the next word, bool flags only take `=true|false`, parsing stops at the
 * first positional argument); docker, nerdctl and podman use cobra/pflag with interspersed flags off for
 * `run` (short clusters `-dp 80:80`, `-p=80:80`, `--publish=…`, parsing stops at the image). Facts:
 * kubeedge-facts.md §Q7.
 */
import { located, type Located, type Span } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import { pushAll } from '../core/arrays.js';
import { getOwn } from '../core/records.js';
import {
  CTR_GLOBAL,
  CTR_IMPORT,
  CTR_RUN,
  GLOBALS,
  LOAD,
  RUN,
  VARIABLE,
  cover,
  isFlagWord,
  readPflag,
  scanOptions,
  subSpan,
  type ContainerRuntime,
  type Flag,
  type Word,
} from './container-flags.js';

export type { ContainerRuntime };

export interface PublishedPort {
  /** undefined = all interfaces. */
  hostIP?: string;
  /** undefined when only a container port is given (the runtime picks a random host port). */
  hostPort?: number;
  containerPort: number;
  /**
   * How many consecutive ports from hostPort/containerPort (`-p 8000-8010:80-90` is 11); absent for one.
   * A range stays one entry: `-p 1-65535:1-65535` expanded is 65k objects from one word.
   */
  count?: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  /** The -p value (or flag+value when joined in one word). */
  span: Span;
}

/**
 * A mount over a path inside the container: what the program there reads at `target` comes from
 * `source` on the host (a bind of an absolute host path) or from something edgelint cannot see (a named
 * volume, a relative path, a tmpfs: `source` undefined).
 */
export interface BindMount {
  /** Absolute host path of a bind mount; undefined for anything else. */
  source?: string;
  /** Absolute path inside the container. */
  target: string;
  /** The flag's value. */
  span: Span;
}

export interface ContainerInvocation {
  runtime: ContainerRuntime;
  image?: Located<string>;
  /** ctr: the container ID (second positional); others: --name. */
  name?: Located<string>;
  /** The `--net-host` / `--net=host` / `--network host` flag, when host networking is on. */
  hostNetwork?: Located<boolean>;
  /**
   * Every -p/--publish, as written. docker and podman discard published ports when host networking is
   * on (facts §Q7); they are kept here and the model decides, because the flag is still worth reporting.
   */
  published: PublishedPort[];
  /** Every bind or volume mount (`-v`/`--volume`, `--mount`), as written. */
  mounts: BindMount[];
  /** The command run inside the container (words after the image; for ctr after IMAGE and ID). */
  command: Located<string>[];
  /** `-c FILE` / `--config-file FILE` / `-c=FILE` inside that command (mosquitto's config flag). */
  configPath?: Located<string>;
  /** The whole invocation. */
  span: Span;
  /** Values the runtime would reject (a malformed -p). */
  problems: ParseProblem[];
}

// -------------------------------------------------------------------------------------------------
// Program and subcommand
// -------------------------------------------------------------------------------------------------

const RUNTIMES: readonly ContainerRuntime[] = ['ctr', 'nerdctl', 'docker', 'podman'];
const WRAPPERS = new Set(['sudo', 'exec', 'env', 'command']);

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * The words of ctr's own grammar prove a variable program (`$CTR_BIN`) is ctr: `--net-host` exists in no
 * other runtime, and a global namespace flag followed by `run` or `images` is how ctr is driven. The
 * variable's name proves nothing and is never looked at.
 */
function provesCtr(words: Word[]): boolean {
  if (words.some((w) => w.value === '--net-host' || w.value.startsWith('--net-host='))) return true;
  const scan = scanOptions(words, 1, CTR_GLOBAL, 'go');
  const sawNamespace = scan.flags.some((f) => f.name === 'n' && f.value !== undefined);
  const sub = words[scan.next]?.value;
  return sawNamespace && (sub === 'run' || sub === 'images' || sub === 'image' || sub === 'i');
}

interface Program {
  runtime: ContainerRuntime;
  /** argv from the program word on (wrappers such as `sudo` dropped). */
  words: Word[];
}

function identifyProgram(argv: Word[]): Program | undefined {
  let start = 0;
  // `sudo ctr …`, `exec docker …` in scripts: a bare wrapper word directly before the runtime.
  while (start < argv.length - 1 && WRAPPERS.has(baseName(argv[start].value))) start++;
  const words = argv.slice(start);
  const program = words[0];
  if (!program) return undefined;
  const name = baseName(program.value) as ContainerRuntime;
  if (RUNTIMES.includes(name)) return { runtime: name, words };
  if (VARIABLE.test(program.value) && provesCtr(words)) return { runtime: 'ctr', words };
  return undefined;
}

/**
 * Skips global flags and matches the subcommand path (`run`, or `container run`). Returns the index of
 * the first word after the subcommand.
 */
function matchSubcommand(program: Program, paths: string[][]): number | undefined {
  const { words, runtime } = program;
  const scan = scanOptions(words, 1, GLOBALS[runtime], runtime === 'ctr' ? 'go' : 'pflag');
  for (const path of paths) {
    if (path.every((part, k) => words[scan.next + k]?.value === part)) return scan.next + path.length;
  }
  return undefined;
}

function wholeSpan(words: Word[]): Span {
  const first = words[0].span;
  const last = words[words.length - 1].span;
  return cover(first, last);
}

// -------------------------------------------------------------------------------------------------
// Published ports
// -------------------------------------------------------------------------------------------------

const PROTOCOLS: Record<string, PublishedPort['protocol']> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

function parsePortRange(text: string): [number, number] | undefined {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) return undefined;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  if (low < 1 || high > 65535 || high < low) return undefined;
  return [low, high];
}

/**
 * `[ip:][hostPort:]containerPort[/proto]` with ranges (docker go-connections nat.ParsePortSpec, nerdctl
 * portutil, podman publish.md). An IPv6 host address is written in brackets. Equal-size ranges map
 * port to port (kept as one entry with a `count`); a host range onto one container port lets the runtime pick one host port from it,
 * so that host port is left undefined.
 */
export function parsePublishSpec(value: Word, at: Span): { ports: PublishedPort[]; problems: ParseProblem[] } {
  const bad = (why: string): { ports: PublishedPort[]; problems: ParseProblem[] } => ({
    ports: [],
    problems: [{ message: `Invalid published port \`${value.value}\`: ${why}`, span: at }],
  });
  let text = value.value;
  let protocol: PublishedPort['protocol'] = 'TCP';
  const slash = text.lastIndexOf('/');
  if (slash !== -1) {
    const proto = getOwn(PROTOCOLS, text.slice(slash + 1).toLowerCase());
    if (!proto) return bad(`unknown protocol \`${text.slice(slash + 1)}\``);
    protocol = proto;
    text = text.slice(0, slash);
  }

  let hostIP: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1 || text[close + 1] !== ':') return bad('an IPv6 address in brackets must be followed by `:`');
    hostIP = text.slice(1, close);
    text = text.slice(close + 2);
  }
  const parts = text.split(':');
  if (hostIP === undefined && parts.length > 2) {
    // Unbracketed: the last two fields are ports, everything before is the address.
    hostIP = parts.slice(0, -2).join(':');
    parts.splice(0, parts.length - 2);
  }
  if (parts.length > 2 || (hostIP !== undefined && parts.length !== 2)) return bad('too many `:` separators');
  const containerText = parts[parts.length - 1];
  const hostText = parts.length === 2 ? parts[0] : '';
  const container = parsePortRange(containerText);
  if (!container) return bad(`\`${containerText}\` is not a port or port range`);
  const host = hostText === '' ? undefined : parsePortRange(hostText);
  if (hostText !== '' && !host) return bad(`\`${hostText}\` is not a port or port range`);
  if (hostIP === '') hostIP = undefined;

  const ports: PublishedPort[] = [];
  const containerCount = container[1] - container[0] + 1;
  if (host && host[1] - host[0] + 1 !== containerCount) {
    if (containerCount !== 1) return bad('host and container port ranges differ in size');
    ports.push({ hostIP, hostPort: host[0] === host[1] ? host[0] : undefined, containerPort: container[0], protocol, span: at });
    return { ports, problems: [] };
  }
  ports.push({ hostIP, hostPort: host ? host[0] : undefined, containerPort: container[0], ...(containerCount > 1 ? { count: containerCount } : {}), protocol, span: at });
  return { ports, problems: [] };
}

// -------------------------------------------------------------------------------------------------
// Container start
// -------------------------------------------------------------------------------------------------

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'busybox']);

/**
 * mosquitto's config flag inside the container command (mosquitto.8: `-c, --config-file`). Skipped for
 * shell commands, where `-c` is a script.
 */
function findConfigPath(command: Word[]): Word | undefined {
  if (command.length === 0 || SHELLS.has(baseName(command[0].value))) return undefined;
  for (let k = 1; k < command.length; k++) {
    const text = command[k].value;
    if ((text === '-c' || text === '--config-file') && command[k + 1]) return command[k + 1];
    for (const prefix of ['-c=', '--config-file=']) {
      if (text.startsWith(prefix) && text.length > prefix.length) {
        return located(text.slice(prefix.length), subSpan(command[k], prefix.length, text.length));
      }
    }
  }
  return undefined;
}

/**
 * `-v [SOURCE:]TARGET[:OPTIONS]` (docker run --volume, nerdctl, podman): SOURCE is a host path when it
 * starts with `/`, else a named volume; without SOURCE the runtime makes an anonymous volume.
 */
export function parseVolumeSpec(value: string): Omit<BindMount, 'span'> | undefined {
  const parts = value.split(':');
  if (parts.length === 1) return parts[0].startsWith('/') ? { target: parts[0] } : undefined;
  const [source, target] = parts;
  if (!target?.startsWith('/')) return undefined;
  return source.startsWith('/') ? { source, target } : { target };
}

/**
 * `--mount type=bind,source=/h,target=/c[,…]` (docker/nerdctl/podman: `source|src`, `target|destination|dst`)
 * and ctr's `--mount type=bind,src=/h,dst=/c,options=rbind:ro`. Only a bind of an absolute path names a
 * host file; other types (volume, tmpfs) hide the target behind something edgelint cannot read.
 */
export function parseMountSpec(value: string): Omit<BindMount, 'span'> | undefined {
  const fields = new Map<string, string>();
  for (const field of value.split(',')) {
    const eq = field.indexOf('=');
    fields.set((eq === -1 ? field : field.slice(0, eq)).trim().toLowerCase(), eq === -1 ? '' : field.slice(eq + 1).trim());
  }
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst');
  if (!target?.startsWith('/')) return undefined;
  const source = fields.get('source') ?? fields.get('src');
  // docker's --mount defaults to type=volume; ctr's to none (its `type` is required for a bind).
  return fields.get('type') === 'bind' && source?.startsWith('/') ? { source, target } : { target };
}

function isHostNetwork(flag: Flag): boolean {
  if (flag.name === 'net-host') return flag.value === undefined || flag.value.value.toLowerCase() !== 'false';
  return flag.name === 'network' && flag.value?.value === 'host';
}

/** Returns undefined when argv is not a container start (e.g. `ctr images import`, `/usr/sbin/mosquitto`). */
export function parseContainerInvocation(argv: Located<string>[]): ContainerInvocation | undefined {
  const program = identifyProgram(argv);
  if (!program) return undefined;
  const { runtime, words } = program;
  const after = matchSubcommand(program, runtime === 'ctr' ? [['run']] : [['run'], ['container', 'run']]);
  if (after === undefined) return undefined;

  const scan = scanOptions(words, after, runtime === 'ctr' ? CTR_RUN : RUN, runtime === 'ctr' ? 'go' : 'pflag');
  const positionals = words.slice(scan.next);
  const invocation: ContainerInvocation = {
    runtime,
    published: [],
    mounts: [],
    command: [],
    span: wholeSpan(words),
    problems: [],
  };

  for (const flag of scan.flags) {
    // Any host network flag counts: docker and nerdctl refuse `host` combined with other networks, so a
    // unit that starts at all with it is on the host network.
    if (isHostNetwork(flag)) invocation.hostNetwork = located(true, flag.span);
    else if (flag.name === 'name' && flag.value && runtime !== 'ctr') invocation.name = flag.value;
    else if (flag.name === 'publish' && flag.value && runtime !== 'ctr') {
      const parsed = parsePublishSpec(flag.value, flag.joined ? flag.span : flag.value.span);
      pushAll(invocation.published, parsed.ports);
      pushAll(invocation.problems, parsed.problems);
    } else if (flag.value && (flag.name === 'mount' || ((flag.name === 'volume' || flag.name === 'v') && runtime !== 'ctr'))) {
      const mount = flag.name === 'mount' ? parseMountSpec(flag.value.value) : parseVolumeSpec(flag.value.value);
      if (mount) invocation.mounts.push({ ...mount, span: flag.value.span });
    }
  }

  // `ctr run --rootfs DIR ID`: the first positional is a directory, not an image.
  const rootfs = runtime === 'ctr' && scan.flags.some((f) => f.name === 'rootfs' && f.value?.value !== 'false');
  if (positionals[0] && !rootfs) invocation.image = positionals[0];
  if (runtime === 'ctr') {
    if (positionals[1]) invocation.name = positionals[1];
    invocation.command = positionals.slice(2);
  } else {
    invocation.command = positionals.slice(1);
  }
  invocation.configPath = findConfigPath(invocation.command);
  return invocation;
}

// -------------------------------------------------------------------------------------------------
// Image import
// -------------------------------------------------------------------------------------------------

/**
 * `ctr [-n NS] images|image|i import [flags] FILE` (ctr reads one input), `docker|nerdctl|podman [image]
 * load -i|--input FILE`: the tarball path words.
 */
export function parseImageImport(argv: Located<string>[]): { runtime: ContainerRuntime; tarballs: Located<string>[] } | undefined {
  const program = identifyProgram(argv);
  if (!program) return undefined;
  const { runtime, words } = program;
  if (runtime === 'ctr') {
    const after = matchSubcommand(program, [['images', 'import'], ['image', 'import'], ['i', 'import']]);
    if (after === undefined) return undefined;
    const scan = scanOptions(words, after, CTR_IMPORT, 'go');
    const file = words[scan.next];
    return { runtime, tarballs: file ? [file] : [] };
  }
  const after = matchSubcommand(program, [['load'], ['image', 'load']]);
  if (after === undefined) return undefined;
  const tarballs: Located<string>[] = [];
  // pflag intersperses flags with positionals for `load`; read every flag up to `--`.
  for (let i = after; i < words.length; ) {
    if (words[i].value === '--') break;
    if (!isFlagWord(words[i].value)) {
      i++;
      continue;
    }
    const read = readPflag(words, i, LOAD);
    for (const flag of read.flags) if (flag.name === 'i' && flag.value) tarballs.push(flag.value);
    i = read.next;
  }
  return { runtime, tarballs };
}
