/**
 * `kubectl apply -f - <<EOF` in an install script: the manifest the heredoc holds is applied to the
 * cluster as it stands, so it is linted like a manifest file, with findings on the script's lines.
 * KubeEdge ecosystem installers ship their edge workloads this way (Sedna's install.sh applies its
 * LocalController DaemonSet, which runs on every node, edge included, with
 * `kubectl $action -f- <<EOF`). Read as kubectl parses the command line
 * (staging/src/k8s.io/kubectl/pkg/cmd/apply, cmd/create, cmd/replace: `-f`/`--filename` `-` reads
 * standard input); the manifest comes from a heredoc on the command, or from `cat <<EOF |` before it.
 */
import { echoText } from './file-writes.js';
import type { ScriptReader } from './script-reader.js';
import type { ShStmt, ShWord } from './shell-syntax.js';
import { kubectlSubcommandIndex } from './kubectl-words.js';

/** The subcommands that create or update the objects of `-f` (delete, diff, get… leave nothing applied). */
const APPLYING = new Set(['apply', 'create', 'replace']);

/**
 * `words[0]` is the kubectl word. A subcommand the run decides (`kubectl $action -f -`, Sedna's
 * create-or-delete switch) is taken as applying: the manifest is what the script installs. A dry run
 * applies nothing; `-f FILE` names a file the script or the repository holds, read on its own.
 */
export function readKubectlApply(reader: ScriptReader, stmt: ShStmt, words: ShWord[]): boolean {
  const i = kubectlSubcommandIndex(reader, words);
  if (i >= words.length) return false;
  const sub = reader.literal(words[i]);
  if (sub !== undefined && !APPLYING.has(sub)) return false;
  let fromStdin = false;
  for (let k = i + 1; k < words.length; k++) {
    const text = reader.literal(words[k]);
    if (text === undefined) continue;
    if (text === '--dry-run' || (text.startsWith('--dry-run=') && text !== '--dry-run=none')) return false;
    if (text === '-f' || text === '--filename') {
      if (reader.literal(words[k + 1]) === '-') fromStdin = true;
      k++;
    } else if (text === '-f-' || text === '-f=-' || text === '--filename=-') fromStdin = true;
  }
  if (!fromStdin) return false;
  const input = reader.stdinOrPipe(stmt, (w, name) => echoText(reader, w, name));
  if (input.kind !== 'heredoc') return false;
  const body = reader.heredoc(input.redirect);
  const at = reader.pipelineSpan(stmt);
  const line = at.source.root.positionAt(at.source.rootOffset(at.start)).line;
  // One file per command: writes to one path concatenate, and each kubectl run applies its own stream.
  const path = `kubectl ${sub ?? 'apply'} -f - (line ${line}).yaml`;
  reader.reading.writes.push({ path, mode: 'create', text: body.text, quoted: body.quoted, expansions: body.expansions, toScriptOffset: body.toScriptOffset, span: at });
  return true;
}
