/**
 * `k3s server …` or `k3s agent …` run by a script itself, not through the installer or a unit
 * (`nohup k3s server --disable servicelb > k3s.log 2>&1 &`, `sudo k3s agent --server URL --node-label
 * role=gw`): the process is what a unit's `ExecStart=k3s server …` starts (engine/k3s-units.ts), its
 * flags read the same way. The command is the first word after `k3s` that is no flag (urfave/cli: the
 * global flags, `--debug`, come before it); a word the run decides there may be any command.
 *
 * K3S_CONFIG_FILE in the process's environment (`--config`'s EnvVar, k3s pkg/cli/cmds/config.go)
 * points it at a configuration of its own, not known here: such a run is not recorded, nor is one the
 * script only asks for help (`--help`, `-h`).
 */
import type { Located } from '../core/source.js';
import { located } from '../core/source.js';
import { partial } from './k3s-install.js';
import type { ScriptReader } from './script-reader.js';
import type { ShCallExpr } from './shell-syntax.js';

/** `words[0]` is the `k3s` word of the call's arguments from `index` on. */
export function readK3sRun(reader: ScriptReader, call: ShCallExpr, index: number): void {
  const words = call.Args.slice(index);
  let at = 1;
  while (at < words.length && reader.literal(words[at])?.startsWith('-')) at++;
  const command = at < words.length ? reader.literal(words[at]) : undefined;
  if (command !== 'server' && command !== 'agent') return;
  if (reader.assigned('K3S_CONFIG_FILE') || call.Assigns.some((a) => a.Name?.Value === 'K3S_CONFIG_FILE')) return;
  if (call.Args.slice(0, index).some((w) => /^K3S_CONFIG_FILE=/.test(reader.literal(w) ?? ''))) return;
  const args: Array<Located<string>> = words.slice(at + 1).map((w) => located(partial(reader, w).replaceAll('\u0000', '$'), reader.wordSpan(w)));
  if (args.some((a) => a.value === '--help' || a.value === '-h')) return;
  reader.reading.k3sInstalls.push({ at: reader.wordSpan(words[at]), args, ...(command === 'agent' ? { agent: true as const } : {}) });
}
