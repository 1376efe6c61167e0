/**
 * Which program a command line runs: the word behind the wrappers that run another command (`sudo`,
 * `doas`, `env`, `command`, `exec`, `nohup`, `nice`, `time`, `sshpass`, a `$SUDO`-style variable),
 * named by its basename, whether written out, held by a variable assigned once (a literal path,
 * `$(command -v X)`, `$(which X)`, `$(find … -name X …)`), or at the end of a path the run fills in.
 */
import { BinCmdOp } from './shell-syntax.js';
import type { ShBinaryCmd, ShCallExpr, ShCmdSubst, ShWord } from './shell-syntax.js';
import type { WordValues } from './word-values.js';
import { soleParameter } from './words.js';

export interface ResolvedProgram {
  /** Index in `Args` of the program word. */
  index: number;
  /** Basename of the program, when known. */
  name?: string;
}

/**
 * Finds the program word behind `sudo [opts]`, `doas`, `env [opts] [X=Y]...`, `command`, `exec`,
 * `nohup`, `nice`, `time`, and a `$SUDO`-style variable in front of a known program.
 */
export function resolveProgram(values: WordValues, args: ShWord[]): ResolvedProgram {
  let i = 0;
  for (let guard = 0; guard < 16 && i < args.length; guard++) {
    const word = args[i];
    const name = programName(values, word);
    if (name === undefined) {
      const next = i + 1 < args.length ? programName(values, args[i + 1]) : undefined;
      if (soleParameter(values.script, word) !== undefined && next !== undefined && KNOWN_PROGRAMS.has(next)) {
        i++;
        continue;
      }
      return { index: i };
    }
    if (name === 'sudo' || name === 'doas') i = skipOptions(values, args, i + 1, SUDO_VALUE_OPTIONS, true);
    else if (name === 'env') i = skipOptions(values, args, i + 1, ENV_VALUE_OPTIONS, true);
    else if (name === 'nice') i = skipOptions(values, args, i + 1, NICE_VALUE_OPTIONS, false);
    else if (name === 'sshpass') i = skipOptions(values, args, i + 1, SSHPASS_VALUE_OPTIONS, false);
    else if (name === 'command' || name === 'exec' || name === 'nohup' || name === 'time') i = skipOptions(values, args, i + 1, EXEC_VALUE_OPTIONS, false);
    else return { index: i, name };
  }
  return { index: i };
}

/** Skips `-x`, `--long[=v]` options (and the value of those in `withValue`), and `NAME=value` words. */
export function skipOptions(values: WordValues, args: ShWord[], i: number, withValue: ReadonlySet<string>, assignments: boolean): number {
  while (i < args.length) {
    const value = values.literal(args[i]);
    if (value === undefined) return i;
    if (value === '--') return i + 1;
    if (assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) {
      i++;
      continue;
    }
    if (!value.startsWith('-') || value === '-') return i;
    i += withValue.has(value) ? 2 : 1;
  }
  return i;
}

/** The basename of a program word: literal, or a variable assigned once to a literal path, `$(command -v X)` or `$(find … -name X …)`. */
function programName(values: WordValues, word: ShWord): string | undefined {
  const value = values.literal(word);
  if (value !== undefined) return basename(value);
  const param = soleParameter(values.script, word);
  if (param === undefined) return tailName(values, word);
  const assigned = values.assignments.only(param);
  if (!assigned) return undefined;
  const literal = values.literal(assigned);
  if (literal !== undefined) return literal ? basename(literal) : undefined;
  // `CTR_BIN=$(command -v ctr)` / `$(which ctr)`: the program is the one named.
  const inner = soleSubstitutedCall(values, assigned);
  if (!inner || inner.Args.length < 2) return undefined;
  const head = inner.Args.map((w) => values.literal(w));
  if (head[0] === 'which' && head.length === 2 && head[1]) return basename(head[1]);
  if (head[0] === 'command' && head[1] === '-v' && head.length === 3 && head[2]) return basename(head[2]);
  // `KEADM=$(find "$PKG" -name keadm -type f | head -1)`: what find(1) prints is a path whose last
  // component matches `-name`'s pattern; a pattern without wildcards is the program's name.
  if (head[0] === 'find') {
    const at = head.indexOf('-name');
    const pattern = at > 0 ? head[at + 1] : undefined;
    if (pattern && !/[*?[\]\\/]/.test(pattern)) return pattern;
  }
  return undefined;
}

/**
 * `"$PKG"/keadm`, `${KE_DIR}/keadm/keadm`: a path the run fills in up to its last `/`, after which
 * the name is written out. Whatever the directory is, execve(2) runs a file of that name.
 */
function tailName(values: WordValues, word: ShWord): string | undefined {
  const partial = values.partialWord(word);
  if (partial === undefined) return undefined;
  const slash = partial.lastIndexOf('/');
  return slash > partial.lastIndexOf('\u0000') && slash < partial.length - 1 ? partial.slice(slash + 1) : undefined;
}

/** The first simple command of a word that is exactly `$( … )` (the left end of a pipeline inside). */
export function soleSubstitutedCall(values: WordValues, word: ShWord): ShCallExpr | undefined {
  let parts = word.Parts;
  if (parts.length === 1 && values.script.nodeType(parts[0]) === 'DblQuoted') parts = (parts[0] as unknown as ShWord).Parts;
  if (parts.length !== 1 || values.script.nodeType(parts[0]) !== 'CmdSubst') return undefined;
  const stmts = (parts[0] as ShCmdSubst).Stmts;
  if (stmts.length !== 1) return undefined;
  let stmt = stmts[0];
  while (stmt.Cmd && values.script.nodeType(stmt.Cmd) === 'BinaryCmd') {
    const bin = stmt.Cmd as ShBinaryCmd;
    if (bin.Op !== BinCmdOp.Pipe) return undefined;
    stmt = bin.X;
  }
  return stmt.Cmd && values.script.nodeType(stmt.Cmd) === 'CallExpr' ? (stmt.Cmd as ShCallExpr) : undefined;
}

export function basename(path: string): string {
  return path.replace(/^.*\//, '');
}

const KNOWN_PROGRAMS = new Set(['cat', 'tee', 'sed', 'echo', 'printf', 'ctr', 'docker', 'nerdctl', 'podman', 'isula', 'k3s', 'kubectl', 'env', 'sudo', 'bash', 'sh']);

/** sudo(8) options that take a value as the next word. */
const SUDO_VALUE_OPTIONS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '-R', '--user', '--group', '--chdir', '--prompt', '--role', '--type', '--other-user', '--host', '--close-from', '--command-timeout', '--chroot']);

/** env(1) options that take a value as the next word. */
const ENV_VALUE_OPTIONS = new Set(['-u', '--unset', '-C', '--chdir']);

const NICE_VALUE_OPTIONS = new Set(['-n', '--adjustment']);

const EXEC_VALUE_OPTIONS = new Set(['-a']);

/** sshpass(1): `sshpass [-ffilename|-dnum|-ppassword|-e|-P prompt|-v] command arguments`. */
const SSHPASS_VALUE_OPTIONS = new Set(['-p', '-f', '-d', '-P']);
