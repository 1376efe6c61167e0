/**
 * `keadm join` in an install script: it writes the node's /etc/kubeedge/config/edgecore.yaml, whose
 * layout depends on the KubeEdge release it installs (`--kubeedge-version`). Flags as registered by
 * AddJoinOtherFlags (keadm/cmd/keadm/app/cmd/edge/join_others.go).
 */
import { located } from '../core/source.js';
import type { ScriptReader } from './script-reader.js';
import type { ShStmt, ShWord } from './shell-syntax.js';

const FLAG = '--kubeedge-version=';

export function readKeadm(reader: ScriptReader, stmt: ShStmt, words: ShWord[]): void {
  // `keadm join` (and the `keadm beta join` of older releases).
  let i = 1;
  if (reader.literal(words[i]) === 'beta') i++;
  if (reader.literal(words[i]) !== 'join') return;
  let version: ReturnType<ScriptReader['pathValue']>;
  for (let k = i + 1; k < words.length; k++) {
    // The flag's value is read only in its `=` form: the flag has a no-option default (NoOptDefVal),
    // so pflag does not take the next word as its value.
    const value = reader.pathValue(words[k]);
    if (value?.value.startsWith(FLAG)) version = located(value.value.slice(FLAG.length), value.span);
  }
  reader.reading.keadmJoins.push({ ...(version && version.value !== '' ? { version } : {}), span: reader.stmtSpan(stmt) });
}
