/**
 * The option grammars of the container runtimes' command lines: which flags take a value (tables from
 * each runtime's own flag definitions, kubeedge-facts.md §Q7), and the two scanners: Go's `flag` package
 * as urfave/cli drives it (ctr) and cobra/pflag (docker, nerdctl, podman). command-line.ts reads the
 * invocations with them.
 */
import { span, located, type Located, type Span } from '../core/source.js';
import { pushAll } from '../core/arrays.js';
import { getOwn } from '../core/records.js';

export type ContainerRuntime = 'ctr' | 'nerdctl' | 'docker' | 'podman';
// -------------------------------------------------------------------------------------------------
// Flag tables
// -------------------------------------------------------------------------------------------------

type FlagKind = 'bool' | 'value';
/** Flag name (without dashes) → kind. Aliases map to a canonical name through `CANONICAL`. */
type FlagTable = Pick<ReadonlyMap<string, FlagKind>, 'get'>;

/**
 * The table of a command's flags, built on its first lookup: most runs read no container command
 * line, and one that does reads one or two runtimes' tables, so the split words of the rest are never
 * made (issue #13: every module's top level runs at every start).
 */
function table(values: string, bools: string): FlagTable {
  let map: Map<string, FlagKind> | undefined;
  return {
    get(name: string): FlagKind | undefined {
      if (!map) {
        map = new Map<string, FlagKind>();
        for (const word of values.split(/\s+/).filter(Boolean)) map.set(word, 'value');
        for (const word of bools.split(/\s+/).filter(Boolean)) map.set(word, 'bool');
      }
      return map.get(name);
    },
  };
}

/** Aliases whose meaning the reader needs, across runtimes. */
const CANONICAL: Record<string, string> = { net: 'network', p: 'publish', namespace: 'n', input: 'i' };
const canonical = (name: string): string => getOwn(CANONICAL, name) ?? name;

// containerd cmd/ctr/app/main.go global flags.
export const CTR_GLOBAL = table('address a timeout connect-timeout namespace n', 'debug help h version v');
// cmd/ctr/commands/run/run.go + commands.ContainerFlags, TaskFlags, SnapshotterFlags.
export const CTR_RUN = table(
  'config c cwd env env-file label annotation mount runtime runtime-config-path with-ns gpus memory-limit ' +
    'cap-add cap-drop seccomp-profile apparmor-default-profile apparmor-profile blockio-config-file blockio-class ' +
    'rdt-class hostname user u cgroup platform pid-file log-uri fifo-dir snapshotter snapshotter-label cpus ' +
    'cpu-shares cpu-quota cpu-period cpu-burst uidmap gidmap device runc-binary runc-root rootfs-propagation checkpoint sandbox',
  'rm net-host privileged read-only tty t allow-new-privs seccomp null-io detach d cni rootfs remap-labels ' +
    'runc-systemd-cgroup no-pivot isolated help h',
);
// cmd/ctr/commands/images/import.go.
export const CTR_IMPORT = table(
  'base-name index-name platform label snapshotter',
  'digests skip-digest-for-named all-platforms no-unpack local compress-blobs discard-unpacked-layers sync-fs help h',
);

const DOCKER_GLOBAL = table('H host context c config l log-level tlscacert tlscert tlskey', 'D debug tls tlsverify v version help');
const NERDCTL_GLOBAL = table(
  'n namespace a address H host snapshotter storage-driver cni-path cni-netconfpath data-root cgroup-manager hosts-dir host-gateway-ip bridge-ip',
  'debug debug-full insecure-registry experimental kube-hide-dupe help version v',
);
const PODMAN_GLOBAL = table(
  'root runroot storage-driver storage-opt cgroup-manager conmon connection c url identity log-level events-backend hooks-dir ' +
    'network-cmd-path network-config-dir runtime runtime-flag tmpdir imagestore module cni-config-dir volumepath db-backend ssh config out',
  'remote r syslog debug D noout transient-store help version v',
);

// docker container_run.md / opts.go, nerdctl command-reference.md, podman-run.1.md: the flags people write.
const RUN_VALUES =
  'add-host annotation attach a blkio-weight blkio-weight-device cap-add cap-drop cgroup-parent cgroupns cidfile cpu-count ' +
  'cpu-percent cpu-period cpu-quota cpu-rt-period cpu-rt-runtime cpu-shares c cpus cpuset-cpus cpuset-mems detach-keys device ' +
  'device-cgroup-rule device-read-bps device-read-iops device-write-bps device-write-iops dns dns-option dns-opt dns-search ' +
  'domainname entrypoint env e env-file expose gpus group-add health-cmd health-interval health-retries health-start-interval ' +
  'health-start-period health-timeout hostname h ip ip6 ipc isolation kernel-memory label l label-file link link-local-ip ' +
  'log-driver log-opt mac-address memory m memory-reservation memory-swap memory-swappiness mount name network net ' +
  'network-alias net-alias oom-score-adj pid pids-limit platform publish p pull restart runtime security-opt shm-size ' +
  'stop-signal stop-timeout storage-opt sysctl tmpfs ulimit user u userns uts volume v volume-driver volumes-from workdir w ' +
  // podman additions
  'arch authfile cert-dir chrootdirs conmon-pidfile creds decryption-key env-merge gidmap group-entry hostuser hosts-file ' +
  'image-volume init-path log-level os passwd-entry personality pidfile pod pod-id-file preserve-fd preserve-fds rdt-class ' +
  'requires retry retry-delay sdnotify seccomp-policy secret subgidname subuidname systemd timeout tz uidmap umask unsetenv ' +
  'variant cgroup-conf cgroups health-on-failure health-startup-cmd health-log-destination ' +
  // nerdctl additions
  'cosign-key cosign-certificate-identity cosign-certificate-oidc-issuer verify ipfs-address cidfile label-file';
const RUN_BOOLS =
  'detach d rm interactive i tty t privileged read-only publish-all P init no-healthcheck oom-kill-disable quiet q sig-proxy ' +
  'disable-content-trust help use-api-socket replace rmi tls-verify http-proxy env-host read-only-tmpfs no-hosts passwd ' +
  'unsetenv-all rootfs';
export const RUN = table(RUN_VALUES, RUN_BOOLS);
export const LOAD = table('input i platform', 'quiet q all-platforms help');

export const GLOBALS: Record<ContainerRuntime, FlagTable> = {
  ctr: CTR_GLOBAL,
  docker: DOCKER_GLOBAL,
  nerdctl: NERDCTL_GLOBAL,
  podman: PODMAN_GLOBAL,
};

// -------------------------------------------------------------------------------------------------
// Flag scanning
// -------------------------------------------------------------------------------------------------

export type Word = Located<string>;

export interface Flag {
  /** Canonical name, without dashes. */
  name: string;
  value?: Word;
  /** Flag word through its value word. */
  span: Span;
  /** The value sits in the flag's own word (`--net=host`, `-p80:80`). */
  joined?: boolean;
}

/**
 * A sub-span of a word: exact when the word's file text is its value verbatim (no quotes or escapes),
 * else the whole word, which is the closest honest position.
 */
export function subSpan(word: Word, from: number, to: number): Span {
  const { source, start, end } = word.span;
  if (end - start === word.value.length && source.text.slice(start, end) === word.value) {
    return span(source, start + from, start + to);
  }
  return word.span;
}

export function cover(a: Span, b: Span): Span {
  return a.source === b.source ? span(a.source, Math.min(a.start, b.start), Math.max(a.end, b.end)) : a;
}

/** distribution/reference grammar, loosely: what an image reference may look like. */
const IMAGE_LIKE =
  /^(?:(?:[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;
export const VARIABLE = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})$/;

/**
 * Whether the word after an unknown flag must be that flag's value. Unknown flags are assumed boolean,
 * so the next word stays the image, unless that word cannot be an image: it is a number or a boolean
 * literal, or it breaks the image reference grammar (uppercase repository, `=`, `,`, a leading `/` or
 * `.`). An unexpanded `$VAR` may be the image, so it is not taken. Guessing wrong the other way would
 * hide the image behind a flag value, which loses more than a mislabelled flag.
 */
function clearlyNotImage(word: Word): boolean {
  const text = word.value;
  if (VARIABLE.test(text)) return false;
  if (/^\d+$/.test(text) || text === 'true' || text === 'false') return true;
  return !IMAGE_LIKE.test(text);
}

export function isFlagWord(text: string): boolean {
  return text.length > 1 && text.startsWith('-') && text !== '--';
}

/**
 * Go `flag` style (ctr): `-name`, `--name`, `-name=value`; a value flag without `=` takes the next word.
 */
function readGoFlag(words: Word[], i: number, flags: FlagTable): { flag: Flag; next: number } {
  const word = words[i];
  const body = word.value.replace(/^--?/, '');
  const eq = body.indexOf('=');
  const rawName = eq === -1 ? body : body.slice(0, eq);
  const name = canonical(rawName);
  const dashes = word.value.length - body.length;
  if (eq !== -1) {
    const value = located(body.slice(eq + 1), subSpan(word, dashes + eq + 1, word.value.length));
    return { flag: { name, value, span: word.span, joined: true }, next: i + 1 };
  }
  const kind = flags.get(rawName);
  const following = words[i + 1];
  const takesNext =
    following !== undefined &&
    (kind === 'value' || (kind === undefined && !isFlagWord(following.value) && clearlyNotImage(following)));
  if (takesNext) return { flag: { name, value: following, span: cover(word.span, following.span) }, next: i + 2 };
  return { flag: { name, span: word.span }, next: i + 1 };
}

/** pflag style (docker, nerdctl, podman): long flags, short flags, short clusters. */
export function readPflag(words: Word[], i: number, flags: FlagTable): { flags: Flag[]; next: number } {
  const word = words[i];
  const text = word.value;
  const following = words[i + 1];
  const takesNext = (kind: FlagKind | undefined): boolean =>
    following !== undefined &&
    (kind === 'value' || (kind === undefined && !isFlagWord(following.value) && clearlyNotImage(following)));

  if (text.startsWith('--')) {
    const body = text.slice(2);
    const eq = body.indexOf('=');
    if (eq !== -1) {
      const value = located(body.slice(eq + 1), subSpan(word, 2 + eq + 1, text.length));
      return { flags: [{ name: canonical(body.slice(0, eq)), value, span: word.span, joined: true }], next: i + 1 };
    }
    if (takesNext(flags.get(body))) {
      return { flags: [{ name: canonical(body), value: following, span: cover(word.span, following.span) }], next: i + 2 };
    }
    return { flags: [{ name: canonical(body), span: word.span }], next: i + 1 };
  }

  const out: Flag[] = [];
  for (let k = 1; k < text.length; k++) {
    const letter = text[k];
    const kind = flags.get(letter);
    if (kind === 'bool') {
      out.push({ name: canonical(letter), span: word.span });
      continue;
    }
    // A value flag (or an unknown letter, which pflag would reject) ends the cluster.
    const rest = text.slice(k + 1);
    if (rest !== '') {
      const from = rest.startsWith('=') ? k + 2 : k + 1;
      out.push({ name: canonical(letter), value: located(text.slice(from), subSpan(word, from, text.length)), span: word.span, joined: true });
      return { flags: out, next: i + 1 };
    }
    if (takesNext(kind)) {
      out.push({ name: canonical(letter), value: following, span: cover(word.span, following.span) });
      return { flags: out, next: i + 2 };
    }
    out.push({ name: canonical(letter), span: word.span });
  }
  return { flags: out, next: i + 1 };
}

interface OptionScan {
  flags: Flag[];
  /** Index of the first positional word (words.length when none). */
  next: number;
}

/** Reads flags from `i` up to the first positional word or `--` (which is consumed). */
export function scanOptions(words: Word[], i: number, flags: FlagTable, style: 'go' | 'pflag'): OptionScan {
  const found: Flag[] = [];
  while (i < words.length) {
    const text = words[i].value;
    if (text === '--') return { flags: found, next: i + 1 };
    if (!isFlagWord(text)) break;
    if (style === 'go') {
      const read = readGoFlag(words, i, flags);
      found.push(read.flag);
      i = read.next;
    } else {
      const read = readPflag(words, i, flags);
      pushAll(found, read.flags);
      i = read.next;
    }
  }
  return { flags: found, next: i };
}
