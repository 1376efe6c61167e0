/**
 * Whether a script ends on its own: each command it runs returns. A systemd unit whose ExecStart runs
 * such a script is a job, not a daemon: under `Type=simple` the service ends when the script does
 * (systemd.service(5) `Type=`), and `Restart=always` would run the job again and again
 * (systemd/require-restart). Read statically and conservatively: a command is taken to return only
 * when its program is one whose every run returns (below); anything else — an unknown program, a
 * function the script defines, a `while`/`until` loop — may keep the script running, and is noted in
 * `reading.staysRunning`.
 */
import { containerSubcommandIndex } from './image-imports.js';
import type { ScriptReader } from './script-reader.js';
import type { ShStmt, ShWord } from './shell-syntax.js';

/**
 * Programs that do their work and exit whatever their arguments (coreutils, util-linux, procps,
 * iproute2, kmod, systemctl — which waits for the job it queues, then returns (systemctl(1)
 * `--no-block`) —, package managers and downloaders).
 */
const RETURNING = new Set([
  'true', 'false', ':', 'test', '[', 'echo', 'printf', 'rm', 'rmdir', 'cp', 'mv', 'mkdir', 'ln', 'chmod', 'chown', 'chgrp', 'touch',
  'install', 'sed', 'grep', 'egrep', 'fgrep', 'awk', 'cut', 'tr', 'sort', 'uniq', 'head', 'wc', 'tee', 'basename', 'dirname', 'date',
  'hostname', 'hostnamectl', 'id', 'whoami', 'uname', 'export', 'set', 'unset', 'cd', 'sync', 'logger',
  'systemctl', 'service', 'mount', 'umount', 'modprobe', 'sysctl', 'ip', 'iptables', 'ip6tables', 'swapoff', 'kill', 'pkill',
  'killall', 'curl', 'wget', 'tar', 'gzip', 'unzip', 'apt', 'apt-get', 'yum', 'dnf', 'apk', 'dpkg', 'rpm', 'ls', 'stat', 'find',
]);

/** Container CLI subcommands that may stay attached to what they start or follow (docker(1), nerdctl, podman, ctr). */
const ATTACHING = ['run', 'start', 'attach', 'wait', 'logs', 'events', 'compose', 'exec', 'stats', 'container', 'task', 'top'];
const CONTAINER_CLIS = new Set(['docker', 'nerdctl', 'podman', 'ctr']);

/** Leading letters of a word as written, up to its first expansion or quote (`kill` of `kill$(docker ps -q)`). */
function leadingLetters(reader: ScriptReader, word: ShWord): string {
  const raw = reader.source.text.slice(reader.start(word), reader.end(word));
  return /^[A-Za-z][A-Za-z-]*/.exec(raw)?.[0] ?? '';
}

/** `sleep N…`, `tail`/`journalctl` without `-f`: the arguments decide; otherwise the program alone. */
function programReturns(name: string, args: ReadonlyArray<string | undefined>): boolean {
  if (name === 'sleep') return args.length > 0 && args.every((a) => /^\d+(\.\d+)?[smhd]?$/.test(a ?? ''));
  if (name === 'tail' || name === 'journalctl') return !args.some((a) => /^(-[A-Za-z]*[fF][A-Za-z]*|--follow(=.*)?)$/.test(a ?? ''));
  return RETURNING.has(name);
}

function returns(reader: ScriptReader, words: ShWord[], name: string | undefined): boolean {
  if (name === undefined) return false;
  const arg = (i: number) => reader.literal(words[i]);
  if (CONTAINER_CLIS.has(name)) {
    const i = containerSubcommandIndex(reader, words, name);
    if (i >= words.length) return false;
    const sub = arg(i) ?? leadingLetters(reader, words[i]);
    // A subcommand glued to an expansion (`kill$(docker ps -q)`) is a word starting with its letters:
    // it returns unless those letters could still begin an attaching subcommand.
    return sub !== '' && !ATTACHING.some((a) => a.startsWith(sub) || sub.startsWith(a));
  }
  return programReturns(name, words.slice(1).map((w) => reader.literal(w)));
}

/**
 * A statement the parser left unread (ParsedScript.skipped), judged from its text: it returns when it
 * is one plain command line (no `;`, `&`, newline, quote, expansion or grouping), optionally behind
 * `sudo`, whose program returns. Anything else — a loop, a list, a function call — may not.
 */
export function skippedStatementReturns(text: string): boolean {
  if (!/^[\w./:@%+,=-]+(?:[ \t]+[\w./:@%+,=-]+)*$/.test(text.trim())) return false;
  const words = text.trim().split(/[ \t]+/);
  let i = 0;
  if (words[0] === 'sudo') for (i = 1; i < words.length && words[i].startsWith('-'); i++);
  if (i >= words.length) return false;
  return programReturns(words[i].replace(/^.*\//, ''), words.slice(i + 1));
}

/** Notes `stmt` when the command may keep the script running (see the module comment). */
export function noteStaysRunning(reader: ScriptReader, stmt: ShStmt, words: ShWord[], name: string | undefined): void {
  if (!returns(reader, words, name)) reader.reading.staysRunning.push(reader.stmtSpan(stmt));
}

/** A `while`/`until` loop statement (its text starts with the keyword, whichever parser built the tree). */
export function isOpenLoop(reader: ScriptReader, stmt: ShStmt): boolean {
  const at = reader.start(stmt);
  return /^(?:while|until)\b/.test(reader.source.text.slice(at, at + 6));
}
