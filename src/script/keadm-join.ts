/**
 * `keadm join` in an install script: it writes the node's /etc/kubeedge/config/edgecore.yaml, whose
 * layout depends on the KubeEdge release it installs (`--kubeedge-version`). Flags as registered by
 * AddJoinOtherFlags (keadm/cmd/keadm/app/cmd/edge/join_others.go).
 */
import { located } from '../core/source.js';
import type { ScriptReader } from './script-reader.js';
import type { NodeLabel } from './reading.js';
import type { ShStmt, ShWord } from './shell-syntax.js';
import { readKeadmInit } from './keadm-init.js';

const FLAG = '--kubeedge-version=';
const NAME_FLAG = '--edgenode-name=';
const LABELS_FLAG = '--labels=';

/** keadm's setEdgedNodeLabels splits each `k=v` at its first `=`; a part the run decides keeps its key. */
function addLabels(into: NodeLabel[], list: string | undefined): void {
  if (list === undefined) return;
  for (const pair of list.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || pair.slice(0, eq).includes('\u0000')) continue;
    const value = pair.slice(eq + 1);
    into.push({ key: pair.slice(0, eq), value: value.includes('\u0000') ? undefined : value });
  }
}

/**
 * Where keadm's subcommand sits in a command's words: after `keadm`, or after its `beta` (1.5–1.13)
 * or `deprecated` (1.14 on, keadm/cmd/keadm/app/cmd/deprecated) groups, which hold the older
 * `init`/`join` of the same name.
 */
export function keadmSubcommandIndex(reader: ScriptReader, words: readonly ShWord[]): number {
  const group = reader.literal(words[1]);
  return group === 'beta' || group === 'deprecated' ? 2 : 1;
}

export function readKeadm(reader: ScriptReader, stmt: ShStmt, words: ShWord[]): void {
  const i = keadmSubcommandIndex(reader, words);
  if (i === 1 && reader.literal(words[i]) === 'init') {
    reader.reading.keadmInits.push(readKeadmInit(reader, stmt, words, i));
    return;
  }
  if (reader.literal(words[i]) !== 'join') return;
  let version: ReturnType<ScriptReader['pathValue']>;
  let nodeName: ReturnType<ScriptReader['pathValue']>;
  const labels: NodeLabel[] = [];
  for (let k = i + 1; k < words.length; k++) {
    // The flag's value is read only in its `=` form: the flag has a no-option default (NoOptDefVal),
    // so pflag does not take the next word as its value.
    const value = reader.pathValue(words[k]);
    if (value?.value.startsWith(FLAG)) version = located(value.value.slice(FLAG.length), value.span);
    // `--edgenode-name`/`-i` is a plain string flag (StringVarP): `=NAME` or the next word.
    else if (value?.value.startsWith(NAME_FLAG)) nodeName = located(value.value.slice(NAME_FLAG.length), value.span);
    else if ((value?.value === '--edgenode-name' || value?.value === '-i') && k + 1 < words.length) nodeName = reader.pathValue(words[++k]);
    // `--labels`/`-l` is a string slice (StringSliceVarP): `k=v,k2=v2`, repeatable, `=` form or the next word.
    else if (value?.value.startsWith(LABELS_FLAG)) addLabels(labels, value.value.slice(LABELS_FLAG.length));
    else if ((value?.value === '--labels' || value?.value === '-l') && k + 1 < words.length) addLabels(labels, reader.partialWord(words[++k]));
    // pflag reads `-l=VALUE` and `-lVALUE` as `-l VALUE` (parseSingleShortArg).
    else if (value && /^-l./.test(value.value)) addLabels(labels, value.value.slice(value.value[2] === '=' ? 3 : 2));
    else if (!value && reader.partialWord(words[k])?.startsWith(LABELS_FLAG)) addLabels(labels, reader.partialWord(words[k])!.slice(LABELS_FLAG.length));
  }
  reader.reading.keadmJoins.push({
    ...(version && version.value !== '' ? { version } : {}),
    ...(nodeName && nodeName.value !== '' ? { nodeName } : {}),
    ...(labels.length > 0 ? { labels } : {}),
    span: reader.stmtSpan(stmt),
  });
}
