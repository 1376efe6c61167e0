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
import { releaseInUse, where } from '../model/release.js';
import type { ReleaseInUse } from '../model/release.js';
import { compareMinor } from '../knowledge/versions.js';
import type { EdgecoreSchemas } from './load.js';
import type { SchemaIssue } from './schema.js';
import { deref, nodeSpan } from '../parse/yaml-nodes.js';
import dockershimKeys from '../../data/edgecore-dockershim-keys.json' with { type: 'json' };

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
 * A config of a release older than the oldest schema is not checked key by key (the engine says so
 * in a notice, src/engine/kubeedge-version.ts), except for the one thing known of every release:
 * which layout it reads.
 */
export function schemaIssues(model: Model, schemas: EdgecoreSchemas): Array<{ config: EdgecoreConfig; issues: SchemaIssue[] }> {
  return edgecoreConfigs(model).flatMap((config) => {
    // A document that could not be converted is core/parse-error's.
    if (config.value === undefined) return [];
    let issues = checked.get(config);
    if (!issues) {
      const release = releaseInUse(model.settings.kubeedgeVersion, model.release, config);
      if (release.minor !== undefined && compareMinor(release.minor, schemas.EDGECORE_VERSIONS[0]) < 0) issues = olderRelease(config, release);
      else {
        const version = schemas.pickEdgecoreVersion(release.minor, undefined).version;
        issues = collapseDockershimLayout(collapseOtherLayout(config, schemas.checkEdgecore(config.value, version), version, release), version, release);
      }
      checked.set(config, issues);
    }
    return [{ config, issues }];
  });
}

const checked = new WeakMap<EdgecoreConfig, SchemaIssue[]>();

const V1ALPHA1 = 'edgecore.config.kubeedge.io/v1alpha1';
/**
 * KubeEdge 1.12 moved edgecore to the v1alpha2 config (kubeedge/kubeedge CHANGELOG/CHANGELOG-1.12.md,
 * "Important Steps before Upgrading": "the configuration file in EdgeCore has upgraded to v1alpha2");
 * releases up to 1.11 read v1alpha1. edgecore never checks `apiVersion` (facts §1.2): a file of the
 * other layout is decoded non-strictly, and what the running release has no field for is ignored.
 */
const FIRST_V1ALPHA2 = '1.12';

function apiVersionOf(config: EdgecoreConfig): string | undefined {
  const value = config.value as Record<string, unknown> | null;
  return value && typeof value === 'object' && typeof value.apiVersion === 'string' ? value.apiVersion : undefined;
}

function statedBy(release: ReleaseInUse): string {
  if (release.from === 'config') return 'the kubeedgeVersion in .edgelint.yaml';
  return release.evidence ? `${release.evidence.how} at ${where(release.evidence)}` : 'nothing';
}

/**
 * A release older than the schemas: only a v1alpha1 file read by 1.12–1.15 is known to be wrong (those
 * releases read v1alpha2). Everything else is the notice's.
 */
function olderRelease(config: EdgecoreConfig, release: ReleaseInUse): SchemaIssue[] {
  const minor = release.minor!;
  if (apiVersionOf(config) !== V1ALPHA1 || compareMinor(minor, FIRST_V1ALPHA2) < 0) return [];
  return [{
    kind: 'invalid-value',
    path: ['apiVersion'],
    message: `is ${V1ALPHA1}, the layout edgecore read up to KubeEdge 1.11; KubeEdge ${minor} (${statedBy(release)}) reads v1alpha2, as every release from ${FIRST_V1ALPHA2} on does, and ignores the keys v1alpha2 moved or renamed; generate a config for that release (\`edgecore --defaultconfig\`) and carry the settings over`,
  }];
}

/**
 * A config written for another layout (`edgecore.config.kubeedge.io/v1alpha1`, KubeEdge up to 1.11;
 * or no edgecore apiVersion at all) differs from the release's structs in most of its keys:
 * judged key by key it yields one finding per line for one root cause, and its did-you-means would
 * move v1alpha1 values (plain integers where v1alpha2 has durations) into places that no longer
 * decode. Such a file gets one finding, at its apiVersion, that counts what the release ignores. A
 * v1alpha1 file is right for the releases that read it: when nothing states the release, the finding
 * is a warning that says which releases ignore what.
 */
function collapseOtherLayout(config: EdgecoreConfig, issues: SchemaIssue[], version: string, release: ReleaseInUse): SchemaIssue[] {
  const apiVersion = issues.find((i) => i.kind === 'invalid-value' && i.path.length === 1 && i.path[0] === 'apiVersion');
  if (!apiVersion) return issues;
  const ignored = issues.filter((i) => i.kind !== 'invalid-value').length;
  const invalid = issues.length - ignored - 1;
  // A v1alpha1 file whose keys the release reads alike is read whole: edgecore never checks
  // apiVersion (v1alpha2/helper.go `Parse` is a plain sigs.k8s.io/yaml Unmarshal, facts §1.2), so the
  // schema's enum on it is no finding of its own; the v1alpha1 warning below is only for what is lost.
  if (ignored + invalid === 0) return apiVersionOf(config) === V1ALPHA1 ? issues.filter((i) => i !== apiVersion) : issues;
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (apiVersionOf(config) === V1ALPHA1) {
    const parts = [ignored > 0 ? `ignores ${count(ignored, 'of its keys', 'of its keys')}` : '', invalid > 0 ? `cannot decode ${count(invalid, 'value', 'values')}` : ''].filter((p) => p !== '').join(' and ');
    if (release.from === 'none') {
      // Several releases stated, each of them a v1alpha1 reader (a Yocto layer's edgecore_1.8.2.bb and
      // edgecore_1.11.1.bb): whichever the node runs reads this file.
      const stated = release.stated ?? [];
      if (stated.length > 0 && stated.every((minor) => compareMinor(minor, FIRST_V1ALPHA2) < 0)) return [];
      return [{ ...apiVersion, severity: 'warning', message: `is ${V1ALPHA1}, the layout edgecore read up to KubeEdge 1.11; from ${FIRST_V1ALPHA2} on edgecore reads v1alpha2, and KubeEdge ${version} ${parts}; if the node runs 1.12 or newer, generate a config for its release (\`edgecore --defaultconfig\` or keadm) and carry the settings over, else set kubeedgeVersion in .edgelint.yaml to the release it runs` }];
    }
    return [{ ...apiVersion, message: `is ${V1ALPHA1}, the layout edgecore read up to KubeEdge 1.11; KubeEdge ${version} (${statedBy(release)}) reads v1alpha2 and ${parts}; generate a config for that release (\`edgecore --defaultconfig\` or keadm) and carry the settings over` }];
  }
  const parts = [ignored > 0 ? `${ignored} of its keys ${ignored === 1 ? 'is' : 'are'} not where KubeEdge ${version} reads ${ignored === 1 ? 'it' : 'them'}` : '', invalid > 0 ? `${invalid} ${invalid === 1 ? 'value does' : 'values do'} not decode` : '']
    .filter((p) => p !== '')
    .join(' and ');
  return [{ ...apiVersion, message: `${apiVersion.message}: the file is laid out for another edgecore release (${parts}); generate a config for the release the node runs (\`edgecore --defaultconfig\` or keadm) and carry the settings over` }];
}

/** Lower-cased, as edgecore's decoder matches keys case-insensitively (see data/edgecore-dockershim-keys.json). */
const DOCKERSHIM_EDGED_KEYS = new Set(dockershimKeys.edged.map((key) => key.toLowerCase()));

function isDockershimKey(issue: SchemaIssue): boolean {
  const [modules, edged, key] = issue.path;
  return issue.kind === 'unknown-key' && issue.readByNone === true && issue.path.length === 3 &&
    String(modules).toLowerCase() === 'modules' && String(edged).toLowerCase() === 'edged' && DOCKERSHIM_EDGED_KEYS.has(String(key).toLowerCase());
}

/**
 * A v1alpha2 config generated by an edgecore older than 1.16 (it holds dockershim-era edged keys) is
 * right for the release that wrote it and differs from 1.16+ in a score of keys (its edged flags, its
 * tailoredKubeletConfig's kubelet fields): judged key by key it yields one finding per line for one
 * root cause. Like a v1alpha1 file (collapseOtherLayout), it gets one finding, at its first
 * dockershim-era key, that counts the keys the release ignores; a warning while nothing states the
 * release. Values that do not decode keep their own findings.
 */
function collapseDockershimLayout(issues: SchemaIssue[], version: string, release: ReleaseInUse): SchemaIssue[] {
  const marker = issues.find(isDockershimKey);
  if (!marker) return issues;
  const ignored = issues.filter((i) => i.kind !== 'invalid-value');
  const markers = [...new Set(issues.filter(isDockershimKey).map((i) => String(i.key)))];
  const named = markers.length > 3 ? `${markers.slice(0, 3).join(', ')} and ${markers.length - 3} more` : markers.join(', ');
  const count = `${ignored.length} of its keys`;
  const layout = `modules.edged holds keys of the dockershim-era layout an edgecore older than 1.16 writes (${named})`;
  const folded: SchemaIssue = release.from === 'none'
    ? { ...marker, severity: 'warning', message: `${layout}, which no release from 1.16 on reads: KubeEdge ${version} ignores ${count}; if the node runs 1.16 or newer, generate a config for its release (\`edgecore --defaultconfig\` or keadm) and carry the settings over, else set kubeedgeVersion in .edgelint.yaml to the release it runs` }
    : { ...marker, message: `${layout}; KubeEdge ${version} (${statedBy(release)}) ignores ${count}; generate a config for that release (\`edgecore --defaultconfig\` or keadm) and carry the settings over` };
  return [folded, ...issues.filter((i) => i.kind === 'invalid-value')];
}

/**
 * The schema version a config is checked against: `kubeedgeVersion` from config when set, else the
 * file's own `edgecoreVersion` (written by edgecore itself from v1.21 on, facts §1.1), else the one
 * release the deployment states (src/model/release.ts), else the newest. `kubeedgeVersion` here is
 * the configured one or the deployment's (`statedRelease`).
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
