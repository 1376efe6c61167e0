/**
 * The KubeEdge release a deployment's tooling YAML states: an Ansible play or vars file
 * (`kubeedge_version: v1.14.0`), a values file (`kubeedgeVersion: 1.15.1`). sweep4 found a 1.14 node
 * whose only statement of its release was such a variable, and its edgecore.yaml judged as 1.23.
 * Only YAML edgelint does not lint is read (neither Kubernetes objects nor edgecore configs: a Pod's
 * env or a ConfigMap key of the same name says what a container is told, not what the node runs).
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { SourceFile } from '../core/source.js';
import { span } from '../core/source.js';
import { evidence } from './release.js';
import type { ReleaseEvidence } from './release.js';
import { RELEASE_VALUE, RELEASE_VARIABLE } from '../core/release-names.js';

/** A line that could hold such a key: the cheap test that keeps every other file unparsed. */
const RELEASE_KEY_LINE = /^[ \t-]*["']?(?:kube_?edge|keadm|edge_?core)[-_]?(?:version|ver|release)["']?[ \t]*:/im;
/** Tooling files that state a release are small; a larger one is not parsed for it. */
const MAX_CHARS = 1024 * 1024;

export function toolingReleases(files: readonly SourceFile[]): ReleaseEvidence[] {
  const found: ReleaseEvidence[] = [];
  for (const file of files) {
    if (file.text.length > MAX_CHARS || !RELEASE_KEY_LINE.test(file.text)) continue;
    for (const doc of parseAllDocuments(file.text)) releaseKeys(file, doc.contents, found);
  }
  return found;
}

/** Deep enough for a play's `vars:` (list → play → vars → key) and role defaults; bounded for any input. */
const MAX_DEPTH = 6;
/** Collection items looked at per document: tooling files are small; a hostile one stops here. */
const MAX_ITEMS = 20_000;

function releaseKeys(source: SourceFile, contents: unknown, found: ReleaseEvidence[]): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: contents, depth: 0 }];
  let items = 0;
  while (stack.length > 0 && items < MAX_ITEMS) {
    const { node, depth } = stack.pop()!;
    if (depth >= MAX_DEPTH || !(isMap(node) || isSeq(node))) continue;
    for (const item of node.items) {
      if (++items > MAX_ITEMS) break;
      if (!isPair(item)) {
        stack.push({ node: item, depth: depth + 1 });
        continue;
      }
      const { key, value } = item;
      if (isScalar(key) && typeof key.value === 'string' && RELEASE_VARIABLE.test(key.value) && isScalar(value) && value.range) {
        // The text as written: a plain `1.10` is the float 1.1 once resolved.
        const [start, end] = value.range;
        const written = source.text.slice(start, end).replace(/^(["'])(.*)\1$/s, '$2');
        const m = RELEASE_VALUE.exec(written);
        const e = m ? evidence(m[1], span(source, start, end), `${key.value}: ${written}`) : undefined;
        if (e) found.push(e);
      } else {
        stack.push({ node: value, depth: depth + 1 });
      }
    }
  }
}
