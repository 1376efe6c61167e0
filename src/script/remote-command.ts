/**
 * Wrapper commands that run a command on another machine or in a container (the edge node, in KubeEdge
 * install scripts): which argument vector or shell string each hands to its target, read from the
 * command line as the tool's manual defines it.
 */
import type { ShWord } from './shell-syntax.js';
import { KUBECTL_GLOBAL_VALUE_OPTIONS } from './kubectl-words.js';

/** Programs that run a command on another machine or in a container (remoteCommand). */
export const REMOTE_RUNNERS = new Set(['ssh', 'multipass', 'docker', 'kubectl', 'lxc', 'vagrant']);

/** What a wrapper runs on its target: an argument vector (no shell in between) or one shell string. */
export interface RemoteCommand {
  argv?: ShWord[];
  shellString?: ShWord;
}

/** docker-container-exec(1) options that take a value. */
const DOCKER_EXEC_VALUE = new Set(['-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--detach-keys']);
/** docker-container-exec(1) options that take none (`-it` clusters them). */
const DOCKER_EXEC_FLAGS = new Set(['-d', '--detach', '-i', '--interactive', '-t', '--tty', '--privileged']);
/** ssh(1) options that take an argument (the synopsis' `-B bind_interface` … `-w local_tun[:remote_tun]`). */
const SSH_VALUE_LETTERS = 'BbcDEeFIiJLlmOoPpQRSWw';

/**
 * What `words` (a wrapper's command line, program first) runs on its target, as each tool's manual
 * defines its command line; undefined when the line is not that form or uses an option not listed:
 * nothing is guessed.
 *
 * - `multipass exec [options] NAME -- COMMAND…` (multipass docs, "exec"): the command is run in the
 *   instance. `--` is required here: multipass parses options after NAME, so `bash -c` without it is
 *   rejected as an unknown option.
 * - `docker [container] exec [OPTIONS] CONTAINER COMMAND [ARG…]` (docker-container-exec(1)): options end
 *   at CONTAINER.
 * - `kubectl [global options] exec POD [options] -- COMMAND [args…]` (kubectl-exec(1)): the command follows `--`.
 * - `lxc exec INSTANCE [flags] -- COMMAND…` (lxc exec --help: "the command is executed directly using
 *   exec, so there is no shell … execute the shell executable, passing the shell commands as
 *   arguments"): the command follows `--`, required here for the same reason as multipass.
 * - `ssh [options] DESTINATION COMMAND` (ssh(1): "If a command is specified, it will be executed on
 *   the remote host instead of a login shell"; sshd runs it with the user's shell `-c`): one command
 *   word is a shell string. Several words are joined with spaces and re-parsed remotely: not read.
 *   Options may follow DESTINATION (OpenSSH ssh.c parses options again after the host).
 * - `vagrant ssh [NAME] -c COMMAND` (vagrant docs, "vagrant ssh": "-c COMMAND – This executes a single
 *   command on the machine via SSH"): a shell string, as for ssh.
 */
export function remoteCommand(words: ShWord[], name: string, literal: (w: ShWord) => string | undefined): RemoteCommand | undefined {
  const at = (i: number): string | undefined => (i < words.length ? literal(words[i]) : undefined);
  const afterDashDash = (from: number): RemoteCommand | undefined => {
    for (let i = from; i < words.length; i++) if (at(i) === '--') return { argv: words.slice(i + 1) };
    return undefined;
  };
  if (name === 'multipass') {
    if (at(1) !== 'exec') return undefined;
    return afterDashDash(2);
  }
  if (name === 'lxc') return at(1) === 'exec' ? afterDashDash(2) : undefined;
  if (name === 'kubectl') {
    for (let i = 1; i < words.length; i++) {
      const v = at(i);
      if (v === 'exec') return afterDashDash(i + 1);
      if (v === undefined || !v.startsWith('-')) return undefined;
      if (KUBECTL_GLOBAL_VALUE_OPTIONS.has(v)) i++; // global options may come before `exec`
    }
    return undefined;
  }
  if (name === 'docker') {
    let i = at(1) === 'exec' ? 2 : at(1) === 'container' && at(2) === 'exec' ? 3 : -1;
    if (i < 0) return undefined;
    for (; i < words.length; i++) {
      const v = at(i);
      if (v === undefined) break;
      if (!v.startsWith('-')) break;
      const flag = v.includes('=') ? v.slice(0, v.indexOf('=')) : v;
      if (DOCKER_EXEC_VALUE.has(flag)) {
        if (flag === v) i++;
      } else if (!DOCKER_EXEC_FLAGS.has(v) && !/^-[dit]+$/.test(v)) return undefined;
    }
    // words[i] is CONTAINER (a literal or an expansion); the command follows it.
    return i + 1 < words.length ? { argv: words.slice(i + 1) } : undefined;
  }
  if (name === 'vagrant') {
    if (at(1) !== 'ssh') return undefined;
    for (let i = 2; i < words.length; i++) {
      const v = at(i);
      if (v === '--') return undefined;
      if ((v === '-c' || v === '--command') && i + 1 < words.length) return { shellString: words[i + 1] };
    }
    return undefined;
  }
  if (name === 'ssh') {
    let destination = false;
    let options = true;
    for (let i = 1; i < words.length; i++) {
      const v = at(i);
      if (options && v !== undefined && v.startsWith('-') && v !== '-') {
        if (v === '--') {
          options = false;
          continue;
        }
        for (let k = 1; k < v.length; k++) {
          const c = v[k];
          // -N: no command; -s: the command is a subsystem; -G: print the configuration and exit.
          if (c === 'N' || c === 's' || c === 'G') return undefined;
          if (SSH_VALUE_LETTERS.includes(c)) {
            if (k === v.length - 1) i++;
            break;
          }
        }
        continue;
      }
      if (!destination) {
        destination = true;
        continue;
      }
      return i === words.length - 1 ? { shellString: words[i] } : undefined;
    }
    return undefined;
  }
  return undefined;
}
