/**
 * Mappings that repeat a key: Kubernetes and edgecore decode YAML keeping the last of duplicate keys
 * (go-yaml v2 overwrites), so the earlier value, and every key under it the later one does not repeat,
 * is silently dropped (rule `yaml/duplicate-key`).
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, YAMLMap, YAMLSeq } from 'yaml';
import type { SourceFile, Span } from '../core/source.js';
import { YAML_LIMITS } from './yaml.js';
import { nodeSpan, scalarString } from './yaml-nodes.js';

export interface DuplicateKeyHit {
  key: string;
  path: string;
  first: Span;
  second: Span;
  /** Keys of the earlier mapping value that the later one does not repeat: what a last-wins decoder drops. */
  lostKeys: string[];
  /** Both values are the same scalar (`clusterDomain: cluster.local` twice): a last-wins decoder loses nothing. */
  sameValue?: boolean;
}

function childKeys(node: unknown): string[] {
  return isMap(node) ? (node as YAMLMap).items.flatMap((p) => (isPair(p) && scalarString(p.key) !== undefined ? [scalarString(p.key)!] : [])) : [];
}

/** A mapping or sequence on findDuplicateKeys' stack, with what leads to it from its parent. */
interface DuplicateFrame {
  node: YAMLMap | YAMLSeq;
  parent: DuplicateFrame | undefined;
  /** The key (or, for a non-scalar key, nothing) or item index under which the parent holds it. */
  step: string | number | undefined;
  depth: number;
}

/** The dotted path of a frame (`spec.containers[0].ports`), built only for a mapping that repeats a key. */
function duplicatePath(frame: DuplicateFrame): string {
  const steps: Array<string | number | undefined> = [];
  for (let f: DuplicateFrame | undefined = frame; f?.parent; f = f.parent) steps.push(f.step);
  let path = '';
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    if (typeof step === 'number') path = `${path}[${step}]`;
    else if (step !== undefined) path = path ? `${path}.${step}` : step;
  }
  return path;
}

/** Past this many pairs a mapping's keys are looked up in a Map; below, compared with those before. */
const DUPLICATE_SCAN_MAX = 16;

/**
 * Every mapping that repeats a key, walked iteratively (no recursion on hostile depth) and without
 * following aliases (so alias bombs cost nothing). `maxDepth` bounds the walk. A key repeated is
 * paired with its nearest earlier occurrence; paths and spans are made only for the hits.
 */
export function findDuplicateKeys(source: SourceFile, doc: Document.Parsed): DuplicateKeyHit[] {
  const hits: DuplicateKeyHit[] = [];
  const root = doc.contents;
  if (!isMap(root) && !isSeq(root)) return hits;
  const stack: DuplicateFrame[] = [{ node: root as YAMLMap | YAMLSeq, parent: undefined, step: undefined, depth: 0 }];
  const keys: Array<string | undefined> = [];
  while (stack.length) {
    const frame = stack.pop()!;
    if (frame.depth > YAML_LIMITS.maxDepth) continue;
    const { node, depth } = frame;
    if (isMap(node)) {
      const items = node.items;
      keys.length = 0;
      let seen: Map<string, number> | undefined;
      if (items.length > DUPLICATE_SCAN_MAX) seen = new Map();
      for (let i = 0; i < items.length; i++) {
        const pair = items[i];
        const key = isPair(pair) ? scalarString(pair.key) : undefined;
        keys.push(key);
        if (!isPair(pair)) continue;
        if (key !== undefined && key !== '<<') {
          let earlier = -1;
          if (seen) {
            earlier = seen.get(key) ?? -1;
            seen.set(key, i);
          } else {
            for (let j = i - 1; j >= 0; j--) {
              if (keys[j] === key && isPair(items[j])) {
                earlier = j;
                break;
              }
            }
          }
          if (earlier !== -1) {
            const first = items[earlier];
            const kept = new Set(childKeys(pair.value));
            const same = isScalar(first.value) && isScalar(pair.value) && scalarString(first.value) !== undefined && scalarString(first.value) === scalarString(pair.value);
            hits.push({
              key,
              path: duplicatePath(frame),
              first: nodeSpan(source, first.key as Node),
              second: nodeSpan(source, pair.key as Node),
              lostKeys: childKeys(first.value).filter((k) => !kept.has(k)),
              ...(same ? { sameValue: true } : {}),
            });
          }
        }
        const value = pair.value;
        if (isMap(value) || isSeq(value)) stack.push({ node: value, parent: frame, step: key, depth: depth + 1 });
      }
    } else if (isSeq(node)) {
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (isMap(item) || isSeq(item)) stack.push({ node: item, parent: frame, step: i, depth: depth + 1 });
      }
    }
  }
  return hits.sort((a, b) => a.second.start - b.second.start);
}
