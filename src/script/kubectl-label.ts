/**
 * `kubectl label node NAME… KEY=VALUE…` in an install script: the labels a workload's nodeSelector
 * may ask for that no manifest of the repository shows (sweep5 D-1: a DaemonSet selecting
 * `node-type: edge`, a label the installer puts on the edge node it just joined). Read as kubectl's
 * label command parses it (staging/src/k8s.io/kubectl/pkg/cmd/label/label.go): the resource words
 * come first (`node n1 n2`, or `node/n1`), then `KEY=VALUE` words; `KEY-` removes a label.
 */
import type { ScriptReader } from './script-reader.js';
import type { ShStmt, ShWord } from './shell-syntax.js';
import { kubectlSubcommandIndex } from './kubectl-words.js';

/** kubectl's short and long names for the node resource (`kubectl api-resources`: nodes, shortname no). */
const NODE_RESOURCES = new Set(['node', 'nodes', 'no', 'node.v1', 'nodes.v1']);

/** `kubectl label` options that take the next word as their value. */
const LABEL_VALUE_OPTIONS = new Set(['-l', '--selector', '--field-selector', '--resource-version', '-o', '--output', '--template', '-f', '--filename', '-k', '--kustomize', '--field-manager', '--dry-run']);

/** A label key as the API validates it: an optional DNS-subdomain prefix and a name of at most 63 characters. */
const LABEL_KEY = /^(?:[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * `words[0]` is the kubectl word (`kubectl`, or the `kubectl` of `k3s kubectl`). Records the labels put on
 * named nodes, or on every node (`--all`). A selector (`-l`), a file (`-f`), a dry run or a node
 * name that depends on the run names nodes no one can tell in advance: nothing is recorded.
 */
export function readKubectlLabel(reader: ScriptReader, stmt: ShStmt, words: ShWord[]): void {
  const i = kubectlSubcommandIndex(reader, words);
  if (reader.literal(words[i]) !== 'label') return;
  let resource: string | undefined;
  const nodes: string[] = [];
  const labels: Array<{ key: string; value: string | undefined }> = [];
  let all = false;
  for (let k = i + 1; k < words.length; k++) {
    const text = reader.literal(words[k]) ?? reader.pathValue(words[k])?.value;
    if (text === undefined) {
      // A word the run decides: a node name ("$(hostname)") or a label value ("role=$ROLE").
      if (resource === undefined) return;
      const partial = reader.partialWord(words[k]);
      const eq = partial?.indexOf('=') ?? -1;
      if (partial !== undefined && eq > 0 && LABEL_KEY.test(partial.slice(0, eq))) labels.push({ key: partial.slice(0, eq), value: undefined });
      else if (labels.length === 0) return;
      continue;
    }
    if (text.startsWith('-')) {
      if (text === '--all' || text === '-A' || text === '--all=true') all = true;
      else if (text === '--dry-run' || text.startsWith('--dry-run=')) return;
      else if (text === '-l' || text === '--selector' || text.startsWith('--selector=') || text.startsWith('-l=') || text === '-f' || text === '--filename' || text.startsWith('--filename=')) return;
      else if (LABEL_VALUE_OPTIONS.has(text)) k++;
      continue;
    }
    if (resource === undefined) {
      const slash = text.indexOf('/');
      resource = slash < 0 ? text : text.slice(0, slash);
      if (!NODE_RESOURCES.has(resource)) return;
      if (slash >= 0) nodes.push(text.slice(slash + 1));
      continue;
    }
    const eq = text.indexOf('=');
    if (eq > 0 && LABEL_KEY.test(text.slice(0, eq))) labels.push({ key: text.slice(0, eq), value: text.slice(eq + 1) });
    else if (text.endsWith('-') && labels.length === 0 && LABEL_KEY.test(text.slice(0, -1)) && nodes.length > 0) continue;
    else if (labels.length === 0 && !text.includes('=')) nodes.push(text);
  }
  if (labels.length === 0 || (!all && nodes.length === 0)) return;
  reader.reading.nodeLabels.push({ nodes: all ? 'all' : nodes, labels, span: reader.stmtSpan(stmt) });
}
