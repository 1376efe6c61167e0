/**
 * An edgecore.yaml (`kind: EdgeCore`, v1alpha2) with the values edgecore will actually use.
 *
 * edgecore fills its config with `NewDefaultEdgeCoreConfig()` and then overlays the file through
 * sigs.k8s.io/yaml, which matches keys case-insensitively (facts §1.2): lookups here do the same, so
 * `mqttmode: 1` counts as `mqttMode`. Omitted keys keep the Go defaults listed below.
 */
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { SourceFile, filledAtRunTime, located, span } from '../core/source.js';
import type { Located, Span } from '../core/source.js';
import { toPlain } from '../parse/yaml.js';
import { deref, findPair, nodeSpan, scalarString } from '../parse/yaml-nodes.js';

export interface EdgecoreConfig {
  source: SourceFile;
  doc: Document.Parsed;
  /** The document as plain JS (undefined when it could not be converted, e.g. an alias bomb). */
  value: unknown;
  /** The whole document's content node. */
  span: Span;
  /**
   * No edgecore.yaml of this class is in the deployment: this config holds nothing, so every setting
   * is edgecore's default (README, "An unseen node side"). Its source is no file; nothing is reported at it.
   */
  assumed?: true;
}

/** What every finding resting only on assumed defaults says (and such a finding is at most a warning). */
export const ASSUMED_EDGECORE_NOTE = "assuming edgecore's defaults, no edgecore.yaml in this deployment";

/** The edgecore an edge class without an edgecore.yaml in the deployment is assumed to run: an empty config. */
export function assumedEdgecore(): EdgecoreConfig {
  const source = new SourceFile('(edgecore defaults)', '', 'yaml');
  // The empty document is parsed when something reads it: lookup() answers for it without (issue #13).
  let doc: Document.Parsed | undefined;
  return {
    source,
    get doc() {
      return (doc ??= parseDocument('', { logLevel: 'error' }) as Document.Parsed);
    },
    value: {},
    span: span(source, 0, 0),
    assumed: true,
  };
}

export function readEdgecore(source: SourceFile, doc: Document.Parsed): EdgecoreConfig {
  return { source, doc, value: toPlain(doc).value, span: nodeSpan(source, doc.contents, span(source, 0, 0)) };
}

export interface EdgecoreLookup {
  /** The value node, when the key is present. */
  value?: Located<unknown>;
  /** The key node, when present. */
  key?: Span;
  /** The deepest mapping on the path that exists (where a missing key is reported). */
  closest: Span;
  /** The key path as found in the document (case as written). */
  path: string[];
}

/** Looks a dotted path up the way edgecore decodes it (case-insensitive, last duplicate wins). */
export function lookup(config: EdgecoreConfig, path: readonly string[]): EdgecoreLookup {
  // The assumed config is an empty document: no key is found, and the closest mapping is the file.
  if (config.assumed && path.length > 0) return { closest: config.span, path: [] };
  const { doc, source } = config;
  let node: unknown = deref(doc, doc.contents);
  let closest = config.span;
  let keySpan: Span | undefined;
  const found: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const pair = findPair(node, path[i], true);
    if (!pair) return { closest, path: found };
    keySpan = nodeSpan(source, pair.key as never, closest);
    found.push(scalarString(pair.key) ?? path[i]);
    node = deref(doc, pair.value);
    if (i < path.length - 1) {
      if (!isMap(node)) return { closest: keySpan, path: found };
      closest = keySpan;
    }
  }
  return { value: located(plainOf(node), nodeSpan(source, node as never, keySpan)), key: keySpan, closest, path: found };
}

function plainOf(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isMap(node) || isSeq(node)) {
    try {
      return (node as { toJSON(): unknown }).toJSON();
    } catch {
      // yaml throws on content it cannot convert (a `<<` merge of a scalar); edgecore cannot decode it either.
      return null;
    }
  }
  const text = scalarString(node);
  if (text === undefined) return null;
  return (node as { value: unknown }).value;
}

/** A setting's effective value: the file's value when present and of the right type, else the default. */
export interface Effective<T> {
  value: T;
  /** Present when the file sets it. */
  at?: Span;
  /** Where to report about it: the key, or its closest parent when defaulted. */
  anchor: Span;
  defaulted: boolean;
  /**
   * The file's value is filled in at run time by the install script that writes the file (a
   * placeholder or `${VAR}`): what edgecore reads is unknown, and `value` is only the default.
   */
  unknown?: true;
}

export function effective<T>(config: EdgecoreConfig, path: readonly string[], fallback: T, accept: (v: unknown) => v is T): Effective<T> {
  const found = lookup(config, path);
  if (found.value && filledAtRunTime(found.value.span)) return { value: fallback, at: found.value.span, anchor: found.key ?? found.value.span, defaulted: false, unknown: true };
  if (found.value && accept(found.value.value)) {
    return { value: found.value.value, at: found.value.span, anchor: found.key ?? found.value.span, defaulted: false };
  }
  return { value: fallback, anchor: found.key ?? found.closest, defaulted: true };
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Defaults of the settings the node rules read (data/edgecore-defaults.json, v1alpha2 default.go; facts §1.4-1.6). */
export { EDGECORE_DEFAULTS } from '../knowledge/edgecore-defaults.js';

/** `tcp://host:port` → host and port; undefined when not of that shape. */
export function parseBrokerUrl(url: string): { scheme: string; host: string; port: number } | undefined {
  const m = /^(tcp|ssl|tls|mqtt|mqtts|ws|wss):\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(url.trim());
  if (!m) return undefined;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return undefined;
  return { scheme: m[1], host: m[2].replace(/^\[|\]$/g, ''), port };
}

/** `host:port` → host and port. */
export function parseHostPort(text: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text.trim());
  if (!m) return undefined;
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

/** The `edgecoreVersion` a config states (edgecore writes it from v1.21, facts §1.1); undefined when absent or blank. */
export function statedEdgecoreVersion(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const own = (value as Record<string, unknown>).edgecoreVersion;
  return typeof own === 'string' && own.trim() !== '' ? own : undefined;
}

/** Where `keadm join` writes edgecore's config on a node (facts §1.1, `DefaultConfigDir` + `edgecore.yaml`). */
export const KEADM_EDGECORE_PATH = '/etc/kubeedge/config/edgecore.yaml';
