/**
 * A `sed -i` insert of a key the edited mapping already has. The file then holds the key twice; Go's
 * YAML decoders (sigs.k8s.io/yaml over gopkg.in/yaml.v2, non-strict) assign map entries in order, so
 * the later copy is the one edgecore reads (kubeedge-facts §1.2, goyaml.v2 decode.go setMapIndex).
 */
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { YamlLineEdit } from './reading.js';
import { insertions } from './sed-insert.js';
import { affordableYaml } from '../parse/yaml-budget.js';

export interface InsertedDuplicate {
  /** Keys from the document root to the mapping that now holds the key twice. */
  path: string[];
  key: string;
  /** The inserted line comes after the copy already there, so it is the one the decoder keeps. */
  insertedLast: boolean;
}

/** The key the inserted text's first line sets, as written (`    nodeIP: x` → `nodeIP`). */
function insertedKey(edit: YamlLineEdit): string | undefined {
  const first = edit.sed?.text?.split('\n', 1)[0];
  const m = first === undefined ? null : /^ *["']?([^\s"':#][^:#"']*?)["']?:(?:\s|$)/.exec(first);
  return m?.[1];
}

/**
 * One entry per line the address matches where the inserted key repeats a key of its mapping. Each
 * match re-parses the edited file, so a file that nowhere holds the key as a key is answered without
 * parsing: a 1,000-line installer's inserts took twice its whole run before.
 */
export function insertedDuplicates(yamlText: string, edit: YamlLineEdit, limit = Infinity): InsertedDuplicate[] {
  const out: InsertedDuplicate[] = [];
  const key = insertedKey(edit);
  if (key === undefined || !holdsKey(yamlText, key)) return out;
  for (const { edited, keyOffset } of insertions(yamlText, edit)) {
    if (out.length >= limit) break;
    if (!affordableYaml(edited)) continue;
    const doc = parseDocument(edited, { uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' });
    if (doc.errors.length > 0) continue;
    const found = duplicateAt(doc.contents, [], keyOffset);
    if (found) out.push(found);
  }
  return out;
}

/** Some line of the text sets `key` (plain or quoted), at any indentation. */
function holdsKey(text: string, key: string): boolean {
  for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const before = text.slice(lineStart, at).replace(/^[ -]*/, '');
    const after = text.slice(at + key.length, at + key.length + 2);
    if ((before === '' || before === '"' || before === "'") && /^["']?:/.test(after)) return true;
  }
  return false;
}

function duplicateAt(node: unknown, path: string[], offset: number): InsertedDuplicate | undefined {
  if (isMap(node)) {
    const keyOf = (pair: unknown) => (isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : undefined);
    const inserted = node.items.find((pair) => isScalar(pair.key) && pair.key.range?.[0] === offset);
    if (inserted) {
      const key = keyOf(inserted)!;
      const copies = node.items.filter((pair) => pair !== inserted && keyOf(pair) === key);
      if (copies.length === 0) return undefined;
      const last = copies.every((pair) => (isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0) < offset);
      return { path, key, insertedLast: last };
    }
    for (const pair of node.items) {
      const key = keyOf(pair);
      const inner = duplicateAt(pair.value, key === undefined ? path : [...path, key], offset);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const inner = duplicateAt(node.items[i], [...path, String(i)], offset);
      if (inner) return inner;
    }
  }
  return undefined;
}
