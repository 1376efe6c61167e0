/**
 * From the schema engine's issues back to the edgecore.yaml text: which configs to check (once each,
 * whatever classes they belong to), against which KubeEdge version, and which key/value node an
 * issue's path (keys as written) names.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import type { Span } from '../core/source.js';
import type { EdgecoreConfig } from '../model/edgecore.js';
import { statedEdgecoreVersion } from '../model/edgecore.js';
import type { Model } from '../model/types.js';
import type { EdgecoreSchemas } from './load.js';
import type { SchemaIssue } from './schema.js';
import { deref, nodeSpan } from '../parse/yaml.js';

/** Every edgecore config of the model once, in model order (a config may be assigned to several classes). */
export function edgecoreConfigs(model: Model): EdgecoreConfig[] {
  const seen = new Set<string>();
  const configs: EdgecoreConfig[] = [];
  for (const cls of model.classes) {
    for (const config of cls.edgecore) {
      const key = `${config.source.path}\0${config.span.start}\0${config.span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      configs.push(config);
    }
  }
  return configs;
}

/**
 * Every edgecore config the model holds, once, with the schema issues of its KubeEdge version. Both
 * edgecore rules read them; the check runs once per config and run (configs are new objects each run).
 */
export function schemaIssues(model: Model, schemas: EdgecoreSchemas): Array<{ config: EdgecoreConfig; issues: SchemaIssue[] }> {
  return edgecoreConfigs(model).flatMap((config) => {
    // A document that could not be converted is core/parse-error's.
    if (config.value === undefined) return [];
    let issues = checked.get(config);
    if (!issues) {
      const version = versionOf(config, model.settings.kubeedgeVersion, schemas);
      issues = collapseOtherLayout(schemas.checkEdgecore(config.value, version), version);
      checked.set(config, issues);
    }
    return [{ config, issues }];
  });
}

const checked = new WeakMap<EdgecoreConfig, SchemaIssue[]>();

/**
 * A config written for another layout (`edgecore.config.kubeedge.io/v1alpha1`, KubeEdge before 1.10's
 * v1alpha2; or no edgecore apiVersion at all) differs from the release's structs in most of its keys:
 * judged key by key it yields one finding per line for one root cause, and its did-you-means would
 * move v1alpha1 values (plain integers where v1alpha2 has durations) into places that no longer
 * decode. Such a file gets one finding, at its apiVersion, that counts what the release ignores.
 */
function collapseOtherLayout(issues: SchemaIssue[], version: string): SchemaIssue[] {
  const apiVersion = issues.find((i) => i.kind === 'invalid-value' && i.path.length === 1 && i.path[0] === 'apiVersion');
  if (!apiVersion) return issues;
  const ignored = issues.filter((i) => i.kind !== 'invalid-value').length;
  const invalid = issues.length - ignored - 1;
  if (ignored + invalid === 0) return issues;
  const parts = [ignored > 0 ? `${ignored} of its keys ${ignored === 1 ? 'is' : 'are'} not where KubeEdge ${version} reads ${ignored === 1 ? 'it' : 'them'}` : '', invalid > 0 ? `${invalid} ${invalid === 1 ? 'value does' : 'values do'} not decode` : '']
    .filter((p) => p !== '')
    .join(' and ');
  return [{ ...apiVersion, message: `${apiVersion.message}: the file is laid out for another edgecore release (${parts}); generate a config for the release the node runs (\`edgecore --defaultconfig\` or keadm) and carry the settings over` }];
}

/**
 * The schema version a config is checked against: `kubeedgeVersion` from config when set, else the
 * file's own `edgecoreVersion` (written by edgecore itself from v1.21 on, facts §1.1), else the newest.
 */
export function versionOf(config: EdgecoreConfig, kubeedgeVersion: string | undefined, schemas: EdgecoreSchemas): string {
  return schemas.pickEdgecoreVersion(kubeedgeVersion, statedEdgecoreVersion(config.value)).version;
}

export interface PathTarget {
  /** The pair whose key is the path's last segment (absent for list items and the root). */
  pair?: Pair;
  /** The mapping holding `pair`. */
  parent?: YAMLMap;
  keySpan?: Span;
  /** The node at the path (the value of `pair`, a list item, or the document). */
  node: unknown;
  /** The value's span; for an empty value, the key's. */
  valueSpan: Span;
}

/**
 * Follows a path of keys as written (exact match first, then case-insensitive; the last of duplicate
 * keys, as edgecore decodes) and list indices. Undefined when the path leaves the document.
 */
export function resolvePath(config: EdgecoreConfig, path: readonly (string | number)[]): PathTarget | undefined {
  const { doc, source } = config;
  let node: unknown = deref(doc, doc.contents);
  let pair: Pair | undefined;
  let parent: YAMLMap | undefined;
  let keySpan: Span | undefined;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!isSeq(node) || segment >= node.items.length) return undefined;
      node = deref(doc, node.items[segment]);
      pair = undefined;
      parent = undefined;
      keySpan = undefined;
      continue;
    }
    const found = pairIn(node, segment);
    if (!found || !isPair(found)) return undefined;
    parent = node as YAMLMap;
    pair = found as Pair;
    keySpan = nodeSpan(source, pair.key as never);
    node = deref(doc, pair.value);
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  const valueSpan = range && range[1] > range[0] ? nodeSpan(source, node as never) : (keySpan ?? config.span);
  return { pair, parent: isMap(parent) ? parent : undefined, keySpan, node, valueSpan };
}

interface PairIndex {
  exact: Map<unknown, Pair>;
  folded: Map<string, Pair>;
}

const pairIndexes = new WeakMap<YAMLMap, PairIndex>();

/**
 * `findPair(node, key) ?? findPair(node, key, true)` through an index built once per mapping: rules
 * resolve one path per issue, and a linear search of the mapping per issue made 20k unknown keys in
 * one mapping take 40 s. Same answers: the last pair with exactly this key, else the last whose key
 * matches case-insensitively.
 */
function pairIn(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  let index = pairIndexes.get(node);
  if (!index) {
    index = { exact: new Map(), folded: new Map() };
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      index.exact.set(k, pair as Pair);
      if (typeof k === 'string') index.folded.set(k.toLowerCase(), pair as Pair);
    }
    pairIndexes.set(node, index);
  }
  return index.exact.get(key) ?? index.folded.get(key.toLowerCase());
}
