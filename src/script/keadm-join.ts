/**
 * `keadm join` in an install script: it writes the node's /etc/kubeedge/config/edgecore.yaml, whose
 * layout depends on the KubeEdge release it installs (`--kubeedge-version`). Flags as registered by
 * AddJoinOtherFlags (keadm/cmd/keadm/app/cmd/edge/join_others.go).
 */
import { located } from '../core/source.js';
import type { ScriptReader } from './script-reader.js';
import type { ShStmt, ShWord } from './shell-syntax.js';

const FLAG = '--kubeedge-version=';
const NAME_FLAG = '--edgenode-name=';

export function readKeadm(reader: ScriptReader, stmt: ShStmt, words: ShWord[]): void {
  // `keadm join` (and the `keadm beta join` of older releases).
  let i = 1;
  if (reader.literal(words[i]) === 'beta') i++;
  if (reader.literal(words[i]) !== 'join') return;
  let version: ReturnType<ScriptReader['pathValue']>;
  let nodeName: ReturnType<ScriptReader['pathValue']>;
  for (let k = i + 1; k < words.length; k++) {
    // The flag's value is read only in its `=` form: the flag has a no-option default (NoOptDefVal),
    // so pflag does not take the next word as its value.
    const value = reader.pathValue(words[k]);
    if (value?.value.startsWith(FLAG)) version = located(value.value.slice(FLAG.length), value.span);
    // `--edgenode-name`/`-i` is a plain string flag (StringVarP): `=NAME` or the next word.
    else if (value?.value.startsWith(NAME_FLAG)) nodeName = located(value.value.slice(NAME_FLAG.length), value.span);
    else if ((value?.value === '--edgenode-name' || value?.value === '-i') && k + 1 < words.length) nodeName = reader.pathValue(words[++k]);
  }
  reader.reading.keadmJoins.push({
    ...(version && version.value !== '' ? { version } : {}),
    ...(nodeName && nodeName.value !== '' ? { nodeName } : {}),
    span: reader.stmtSpan(stmt),
  });
}
