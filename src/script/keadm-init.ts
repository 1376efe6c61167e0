/**
 * `keadm init` in an install script: keadm installs its own CloudCore Helm chart into the cluster
 * (keadm/cmd/keadm/app/cmd/cloud/init.go: NewCloudInit → KubeCloudHelmInstTool with the flags below).
 * From KubeEdge 1.16 that chart holds the `edge-eclipse-mosquitto` DaemonSet, so the command puts a
 * broker on every edge node although no manifest of the repository shows it (engine/keadm-init.ts
 * renders it). Read here: the helm `--set` values, and the flags under which the chart applied is not
 * the one keadm ships (`--external-helm-root`) or nothing is applied (`--dry-run`/`-d`).
 */
import { located } from '../core/source.js';
import type { KeadmInit } from './reading.js';
import type { ScriptReader } from './script-reader.js';
import type { ShStmt, ShWord } from './shell-syntax.js';


/** `words[i]` is keadm's `init` (the plain subcommand; `keadm deprecated init` installs binaries, no chart). */
export function readKeadmInit(reader: ScriptReader, stmt: ShStmt, words: ShWord[], i: number): KeadmInit {
  const init: KeadmInit = { sets: [], externalCharts: false, dryRun: false, span: reader.stmtSpan(stmt) };
  const value = (word: ShWord | undefined) => (word ? reader.pathValue(word) : undefined);
  for (let k = i + 1; k < words.length; k++) {
    const flag = reader.literal(words[k]) ?? reader.partialWord(words[k]);
    if (flag === undefined) continue;
    if (flag === '--set') init.sets.push(value(words[++k]));
    else if (flag.startsWith('--set=')) {
      const v = value(words[k]);
      init.sets.push(v && v.value.startsWith('--set=') ? located(v.value.slice('--set='.length), v.span) : undefined);
    } else if (flag === '--kubeedge-version') {
      const v = value(words[++k]);
      if (v) init.version = v;
    } else if (flag.startsWith('--kubeedge-version=')) {
      const v = value(words[k]);
      if (v) init.version = located(v.value.slice('--kubeedge-version='.length), v.span);
    } else if (flag === '--external-helm-root' || flag.startsWith('--external-helm-root=')) init.externalCharts = true;
    // pflag bools: `--dry-run`, `--dry-run=true`, `-d` (also grouped with other short bools, which init has none of).
    else if (flag === '--dry-run' || flag === '-d' || /^--dry-run=(?:1|t|T|true|TRUE|True)$/.test(flag)) init.dryRun = true;
  }
  return init;
}
