/**
 * K3s installed by its official install script (get.k3s.io): `curl -sfL https://get.k3s.io | sh -`,
 * `… | INSTALL_K3S_EXEC="server --disable traefik" sh -`, `… | sh -s - server --disable=servicelb`,
 * or a downloaded copy run as `sh install.sh --disable servicelb`. The installer writes and starts a
 * `k3s` unit whose ExecStart is `k3s CMD ARGS…`; a server brings ServiceLB (engine/k3s-servicelb.ts).
 *
 * What install.sh does with its input (k3s-io/k3s install.sh, read at 0136cf25):
 * - `eval set -- $(escape "${INSTALL_K3S_EXEC}") $(quote "$@")`: INSTALL_K3S_EXEC is split into words
 *   (escape() backslashes punctuation but not quotes or spaces, so eval honours quotes), then the
 *   script's own arguments follow it;
 * - setup_env: when the first word is empty or starts with `-`, the command is `server` unless K3S_URL
 *   is set (then `agent`, and K3S_TOKEN or K3S_TOKEN_FILE must be set or it stops); otherwise the first
 *   word is the command; the unit runs `ExecStart=${BIN_DIR}/k3s CMD ARGS…`;
 * - create_env_file copies every K3S_* variable into the unit's EnvironmentFile, so K3S_CONFIG_FILE (the
 *   `--config` flag's EnvVar, pkg/cli/cmds/config.go) points the server at a config file of its own;
 * - service_enable_and_start: INSTALL_K3S_SKIP_ENABLE=true neither enables nor starts the unit;
 *   INSTALL_K3S_SKIP_START=true enables it without starting it, so it runs from the next boot on.
 *
 * What the installer is handed is read statically: a variable in its environment comes from a prefix
 * assignment (`X=… sh -`, `sudo X=… sh`, `env X=… sh`) or from an `export` of the script; one the script
 * assigns without exporting, exports with a value the run decides, or passes through `sudo` without
 * `-E` (sudoers env_reset may or may not keep it) is unknown, and then nothing is recorded.
 */
import { located } from '../core/source.js';
import type { Located, Span } from '../core/source.js';
import type { ScriptReader } from './script-reader.js';
import { resolveProgram } from './programs.js';
import type { ShCallExpr, ShStmt, ShWord } from './shell-syntax.js';

/** A K3s server the installer sets up: where it is run, and the server's arguments after `server`. */
export interface K3sInstall {
  /** The word that runs the installer (the shell, or the downloaded script's path). */
  at: Span;
  /** The arguments after `server`; a part the run decides holds `$`. */
  args: Array<Located<string>>;
  /** The release the installer is told to install (INSTALL_K3S_VERSION, else INSTALL_K3S_CHANNEL), when literal. */
  release?: string;
  /** An agent (K3S_URL with no command, or `agent`): no ServiceLB, but the labels of its node (engine/k3s-nodes.ts). */
  agent?: true;
}

/** get.k3s.io, the script in the k3s-io/k3s repository, and the China mirror's copy of it. */
const INSTALLER_URL = /^https?:\/\/(?:get\.k3s\.io\/?(?:[?#].*)?|raw\.githubusercontent\.com\/k3s-io\/k3s\/[^/]+\/install\.sh|rancher-mirror\.rancher\.cn\/k3s\/k3s-install\.sh)$/;

/** Variables whose value decides whether a server runs ServiceLB as read here. */
const RELEVANT = ['INSTALL_K3S_EXEC', 'K3S_URL', 'INSTALL_K3S_SKIP_ENABLE', 'K3S_CONFIG_FILE', 'INSTALL_K3S_VERSION', 'INSTALL_K3S_CHANNEL'] as const;
type Relevant = (typeof RELEVANT)[number];

/** A variable's value in the installer's environment: a string (`\0` marks a part the run decides), or unknown. */
type EnvValue = string | 'unknown';

function installerUrl(reader: ScriptReader, words: readonly ShWord[]): boolean {
  return words.some((w) => INSTALLER_URL.test(reader.literal(w) ?? ''));
}

function normalisePath(path: string): string {
  return path.replace(/^\.\//, '');
}

/**
 * `curl … URL -o FILE` / `--output FILE` / `> FILE`, `wget -O FILE URL` / `--output-document=FILE`:
 * FILE holds the installer, and a later `sh FILE` or `./FILE` runs it.
 */
export function noteInstallerDownload(reader: ScriptReader, stmt: ShStmt, words: ShWord[], name: string): void {
  if (!installerUrl(reader, words)) return;
  let file: string | undefined;
  // Worked out once: a curl line repeating `-O` would otherwise search every word once per `-O` (hostile12).
  let remoteName: { value: string | undefined } | undefined;
  const remote = () => (remoteName ??= { value: remoteFileName(reader, words) }).value;
  for (let i = 1; i < words.length; i++) {
    const word = reader.literal(words[i]);
    if (word === undefined) continue;
    const next = () => (i + 1 < words.length ? reader.pathValue(words[++i])?.value : undefined);
    if (name === 'curl' && (word === '--output' || /^-[a-zA-Z]*o$/.test(word))) file = next();
    else if (name === 'curl' && (word === '--remote-name' || /^-[a-zA-Z]*O$/.test(word))) file = remote();
    else if (name === 'wget' && (word === '-O' || /^-[a-zA-Z]*O$/.test(word))) file = next();
    else if (name === 'wget' && word.startsWith('--output-document=')) file = word.slice('--output-document='.length);
    else if (name === 'wget' && /^-[a-zA-Z]*O./.test(word)) file = word.slice(word.indexOf('O') + 1);
  }
  file ??= reader.stdout(stmt)?.path;
  if (file && file !== '-') reader.k3sInstallers.add(normalisePath(file));
}

/** `-O`: the remote file's name, the last part of the installer URL's path (`install.sh`). */
function remoteFileName(reader: ScriptReader, words: readonly ShWord[]): string | undefined {
  for (const w of words) {
    const word = reader.literal(w) ?? '';
    if (INSTALLER_URL.test(word)) return word.replace(/[?#].*$/, '').replace(/^https?:\/\/[^/]*\/?/, '').replace(/^.*\//, '') || undefined;
  }
  return undefined;
}

/**
 * The installer's own arguments when `words` runs it: a shell reading it from a pipe (`sh`, `sh -`,
 * `sh -s [-|--] ARGS…`), a shell running a downloaded copy (`sh FILE ARGS…`), or the copy itself.
 */
function installerArgs(reader: ScriptReader, stmt: ShStmt, words: ShWord[], name: string | undefined): ShWord[] | undefined {
  const program = reader.pathValue(words[0])?.value;
  if (program && reader.k3sInstallers.has(normalisePath(program))) return words.slice(1);
  if (name !== 'sh' && name !== 'bash' && name !== 'dash' && name !== 'ash') return undefined;
  let stdin = false;
  let i = 1;
  for (; i < words.length; i++) {
    const word = reader.literal(words[i]);
    if (word === undefined) return undefined;
    if (word === '-' || word === '--') {
      // POSIX sh: a lone `-` is an operand that is ignored; after `-s` both end the options.
      i++;
      break;
    }
    if (!/^[-+]/.test(word)) break;
    if (/^-[a-zA-Z]*c/.test(word)) return undefined;
    if (word === '-o' || word === '+o') i++;
    else if (/^-[a-zA-Z]*s/.test(word)) stdin = true;
  }
  if (!stdin && i < words.length) {
    // `sh FILE ARGS…`: the shell runs FILE, which must be the downloaded installer.
    const file = reader.pathValue(words[i])?.value;
    return file && reader.k3sInstallers.has(normalisePath(file)) ? words.slice(i + 1) : undefined;
  }
  const producer = reader.pipeProducer(stmt);
  const call = producer?.Cmd && reader.script.nodeType(producer.Cmd) === 'CallExpr' ? (producer.Cmd as ShCallExpr) : undefined;
  if (!call) return undefined;
  const resolved = resolveProgram(reader, call.Args);
  if (resolved.name !== 'curl' && resolved.name !== 'wget') return undefined;
  return installerUrl(reader, call.Args.slice(resolved.index)) ? words.slice(i) : undefined;
}

/** A word's value with `\0` for each part the run decides; `\0` alone when not even that is known. */
export function partial(reader: ScriptReader, word: ShWord | null): string {
  if (!word) return '';
  return reader.literal(word) ?? reader.partialWord(word) ?? '\u0000';
}

/** The relevant variables of the installer's environment. */
function environment(reader: ScriptReader, call: ShCallExpr, index: number): Map<Relevant, EnvValue> {
  const env = new Map<Relevant, EnvValue>();
  const relevant = (name: string | undefined): name is Relevant => (RELEVANT as readonly string[]).includes(name ?? '');
  // What the script exports reaches the installer unless `sudo` (env_reset) or `env -i` drops it.
  let inherited: 'kept' | 'unknown' | 'dropped' = 'kept';
  for (let i = 0; i < index; i++) {
    const word = reader.literal(call.Args[i]);
    if (word === 'sudo' || word === 'doas') inherited = call.Args.slice(i + 1, index).some((w) => /^(?:-E|--preserve-env(?:=.*)?)$/.test(reader.literal(w) ?? '')) ? 'kept' : 'unknown';
    if (word === '-i' || word === '--ignore-environment' || word === '-') inherited = 'dropped';
  }
  for (const name of RELEVANT) {
    if (!reader.assigned(name)) continue;
    if (inherited === 'dropped') continue;
    const value = inherited === 'kept' && reader.isExported(name) ? reader.variableValue(name) : undefined;
    env.set(name, value ?? 'unknown');
  }
  for (const assign of call.Assigns) {
    const name = assign.Name?.Value;
    if (relevant(name)) env.set(name, partial(reader, assign.Value));
  }
  for (let i = 0; i < index; i++) {
    const word = call.Args[i];
    const text = partial(reader, word);
    const eq = text.indexOf('=');
    if (eq > 0 && relevant(text.slice(0, eq))) env.set(text.slice(0, eq) as Relevant, text.slice(eq + 1));
  }
  return env;
}

/** INSTALL_K3S_EXEC split into words as install.sh's `eval set --` does: at blanks, honouring quotes. */
function splitExec(value: string): string[] {
  const words: string[] = [];
  let current: string | undefined;
  let quote: string | undefined;
  for (const ch of value) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      current ??= '';
    } else if (/\s/.test(ch)) {
      if (current !== undefined) words.push(current);
      current = undefined;
    } else current = (current ?? '') + ch;
  }
  if (current !== undefined) words.push(current);
  return words;
}

/**
 * Records the K3s server or agent a command sets up when it runs the installer (see the module
 * comment); nothing for a command the run decides, or when the unit is not enabled.
 */
export function readK3sInstall(reader: ScriptReader, stmt: ShStmt, call: ShCallExpr, index: number, name: string | undefined): void {
  const words = call.Args.slice(index);
  if (words.length === 0) return;
  const args = installerArgs(reader, stmt, words, name);
  if (!args) return;
  const env = environment(reader, call, index);
  const execWord = call.Assigns.find((a) => a.Name?.Value === 'INSTALL_K3S_EXEC')?.Value;
  const execSpan = execWord ? reader.wordSpan(execWord) : reader.wordSpan(words[0]);
  const exec = env.get('INSTALL_K3S_EXEC');
  const skipEnable = env.get('INSTALL_K3S_SKIP_ENABLE');
  if (exec === 'unknown' || skipEnable === 'unknown' || skipEnable === 'true' || env.has('K3S_CONFIG_FILE')) return;
  const argv: Array<Located<string>> = [
    ...splitExec(exec ?? '').map((w) => located(w.replaceAll('\u0000', '$'), execSpan)),
    ...args.map((w) => located(partial(reader, w).replaceAll('\u0000', '$'), reader.wordSpan(w))),
  ];
  let rest = argv;
  let agent = false;
  const first = argv[0]?.value;
  if (first === undefined || first === '' || first.startsWith('-')) {
    const url = env.get('K3S_URL');
    // A K3S_URL makes the installer set up an agent; one the run decides may be empty or not.
    if (url === 'unknown' || url === '\u0000') return;
    agent = url !== undefined && url !== '';
  } else if (first === 'server' || first === 'agent') {
    rest = argv.slice(1);
    agent = first === 'agent';
  } else return;
  const at = reader.wordSpan(words[0]);
  if (agent) {
    reader.reading.k3sInstalls.push({ at, args: rest, agent: true });
    return;
  }
  reader.reading.controlPlane.push(reader.stmtSpan(stmt));
  // install.sh get_release_version: INSTALL_K3S_VERSION wins, else the channel's newest release.
  const stated = [env.get('INSTALL_K3S_VERSION'), env.get('INSTALL_K3S_CHANNEL')].find((v) => v !== undefined && v !== '');
  const release = stated !== undefined && stated !== 'unknown' && !stated.includes('\u0000') ? stated : undefined;
  reader.reading.k3sInstalls.push(release ? { at, args: rest, release } : { at, args: rest });
}
