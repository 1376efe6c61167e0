/**
 * Suggestions for edgecore.yaml keys that edgecore would silently ignore.
 *
 * Works on the generated JSON Schema of one KubeEdge version (schemas/edgecore/v<minor>.schema.json):
 * the schema's closed objects are the places edgecore reads keys from, and `x-edgelint-absent` names
 * the keys that other versions read at that place.
 */

/** The part of a generated edgecore schema node that suggestions look at. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  default?: unknown;
  'x-edgelint-absent'?: Record<string, AbsentKey>;
}

/** A key some other KubeEdge version reads at this place. */
export interface AbsentKey {
  /** First minor that reads the key (the target version is older). */
  since?: string;
  /** First minor that no longer reads it (the target version is this one or newer). */
  removedIn?: string;
  /** Dotted path of the key that replaced it. */
  replacedBy?: string;
}

export type Suggestion =
  | { kind: 'removed'; key: string; removedIn: string; replacedBy?: string }
  | { kind: 'not-yet'; key: string; since: string }
  | { kind: 'elsewhere'; path: string[] }
  | { kind: 'typo'; key: string };

/** A place in the schema tree where edgecore reads `key`: `parent` is the canonical path of its mapping. */
interface KeyLocation {
  parent: string[];
  key: string;
}

import { closestName } from '../core/did-you-mean.js';

export { damerauLevenshtein } from '../core/did-you-mean.js';

function isClosedObject(node: SchemaNode): boolean {
  return node.additionalProperties === false && node.properties !== undefined;
}

const keyIndexCache = new WeakMap<SchemaNode, KeyLocation[]>();

/** Every place a key can sit in the closed mappings of `root` (list items and open maps excluded). */
function keyIndex(root: SchemaNode): KeyLocation[] {
  let index = keyIndexCache.get(root);
  if (index) return index;
  index = [];
  const visit = (node: SchemaNode, parent: string[]): void => {
    if (!node.properties) return;
    for (const [key, child] of Object.entries(node.properties)) {
      if (isClosedObject(node)) index!.push({ parent, key });
      visit(child, [...parent, key]);
    }
  };
  visit(root, []);
  keyIndexCache.set(root, index);
  return index;
}

/** Steps up and down the tree from mapping `a` to mapping `b`. */
function treeDistance(a: readonly string[], b: readonly string[]): number {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return a.length - common + (b.length - common);
}

/**
 * What to tell the user about `key`, which the mapping at canonical path `parent` (schema node
 * `node`) does not read in this version. Order: a key of another version at this very place; the
 * same name (any case) elsewhere in the tree, nearest first, since a misplaced key is the common
 * mistake (`modules.edged.allowedUnsafeSysctls`); then a near spelling among the siblings.
 */
export function suggestKey(root: SchemaNode, node: SchemaNode, parent: readonly string[], key: string): Suggestion | undefined {
  const lower = key.toLowerCase();
  const absent = node['x-edgelint-absent'] ?? {};
  for (const [name, info] of Object.entries(absent)) {
    if (name.toLowerCase() !== lower) continue;
    if (info.removedIn) return { kind: 'removed', key: name, removedIn: info.removedIn, replacedBy: info.replacedBy };
    if (info.since) return { kind: 'not-yet', key: name, since: info.since };
  }

  // A shortened name of a key this very mapping reads (`tlsCAFile` under edgeStream, which reads
  // `tlsTunnelCAFile`) is that key: the same name elsewhere (edgeHub's `tlsCaFile`) is another setting.
  const longer = siblingAbbreviated(Object.keys(node.properties ?? {}), key);
  if (longer !== undefined) return { kind: 'typo', key: longer };

  let best: { loc: KeyLocation; distance: number } | undefined;
  for (const loc of keyIndex(root)) {
    if (loc.key.toLowerCase() !== lower) continue;
    if (loc.parent.length === parent.length && loc.parent.every((p, i) => p === parent[i])) continue;
    const distance = treeDistance(parent, loc.parent);
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance && loc.parent.join('.') < best.loc.parent.join('.'))
    ) {
      best = { loc, distance };
    }
  }
  if (best) return { kind: 'elsewhere', path: [...best.loc.parent, best.loc.key] };

  const typo = closestName(Object.keys(node.properties ?? {}), key);
  return typo === undefined ? undefined : { kind: 'typo', key: typo };
}

/**
 * The one sibling `key` abbreviates: it starts with the key's first three and ends with its last four
 * characters, and holds all of the key's characters in order (any case). Ambiguous or none: undefined.
 */
function siblingAbbreviated(siblings: readonly string[], key: string): string | undefined {
  if (key.length < 7) return undefined;
  const lower = key.toLowerCase();
  const head = lower.slice(0, 3);
  const tail = lower.slice(-4);
  let found: string | undefined;
  for (const sibling of siblings) {
    const candidate = sibling.toLowerCase();
    if (candidate.length <= lower.length || !candidate.startsWith(head) || !candidate.endsWith(tail) || !isSubsequence(lower, candidate)) continue;
    if (found !== undefined) return undefined;
    found = sibling;
  }
  return found;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (long[j] === short[i]) i++;
  return i === short.length;
}
