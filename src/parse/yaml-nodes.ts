/**
 * Reading a composed YAML document's nodes as Kubernetes and KubeEdge read them: through aliases (a
 * bounded number of hops), the last of duplicate keys (go-yaml v2 overwrites), case-insensitive keys
 * where Go's JSON decoding folds them, scalars as strings; and the span of a node in its file.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node, ParsedNode } from 'yaml';
import { span } from '../core/source.js';
import type { SourceFile, Span } from '../core/source.js';

/** The span of a node's value (without trailing comments). */
export function nodeSpan(source: SourceFile, node: Node | null | undefined, fallback?: Span): Span {
  const range = (node as ParsedNode | null | undefined)?.range;
  if (range) return span(source, range[0], range[1]);
  return fallback ?? span(source, 0, 0);
}

/** A key's pair in a mapping: exact match first, then (optionally) case-insensitive, as Go's JSON decoding does. */
export function findPair(map: unknown, key: string, caseInsensitive = false) {
  if (!isMap(map)) return undefined;
  let folded: (typeof map.items)[number] | undefined;
  for (let i = map.items.length - 1; i >= 0; i--) {
    // Last wins: sigs.k8s.io/yaml keeps the last of duplicate keys (go-yaml v2 overwrites).
    const pair = map.items[i];
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (k === key) return pair;
    if (caseInsensitive && !folded && typeof k === 'string' && k.toLowerCase() === key.toLowerCase()) folded = pair;
  }
  return folded;
}

/** Follows aliases (`*a`) to the node they name; hostile alias chains stop after a bounded number of hops. */
export function deref(doc: Document.Parsed, node: unknown): unknown {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < 32; hops++) current = current.resolve(doc);
  return isAlias(current) ? undefined : current;
}

export function getNode(doc: Document.Parsed, map: unknown, key: string, caseInsensitive = false): unknown {
  const pair = findPair(deref(doc, map), key, caseInsensitive);
  return pair ? deref(doc, pair.value) : undefined;
}

export function getIn(doc: Document.Parsed, node: unknown, path: readonly string[], caseInsensitive = false): unknown {
  let current = deref(doc, node);
  for (const key of path) {
    current = getNode(doc, current, key, caseInsensitive);
    if (current === undefined || current === null) return current;
  }
  return current;
}

/** A scalar's value as a string (numbers and booleans stringified), or undefined for non-scalars. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

export function seqItems(doc: Document.Parsed, node: unknown): unknown[] {
  const seq = deref(doc, node);
  return isSeq(seq) ? seq.items.map((item) => deref(doc, item)) : [];
}

export function mapEntries(doc: Document.Parsed, node: unknown): Array<{ key: string; keyNode: unknown; value: unknown }> {
  const map = deref(doc, node);
  if (!isMap(map)) return [];
  const out: Array<{ key: string; keyNode: unknown; value: unknown }> = [];
  for (const pair of map.items) {
    const key = scalarString(pair.key);
    if (key !== undefined) out.push({ key, keyNode: pair.key, value: deref(doc, pair.value) });
  }
  return out;
}
