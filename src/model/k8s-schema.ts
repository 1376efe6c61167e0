/**
 * Checks one Kubernetes or KubeEdge object against its API schema while its YAML document is still
 * composed, so every issue keeps the exact key or value it is about; the model keeps only the issues.
 *
 * The schema table (schemas/kubernetes.json) is generated at build time by
 * scripts/gen-k8s-schemas.mjs from kubernetes-models and KubeEdge's CRDs. The walk follows what the
 * API server does with a manifest: a field its Go type (or the CRD's structural schema) does not
 * declare is unknown — `kubectl apply` refuses it (server-side field validation, `--validate=strict`
 * by default) and Helm, Flux and Argo CD apply the object without it; Go's JSON decoding rejects a
 * value of the wrong type; validation rejects a value outside an enum and a missing required field.
 * Field names match case-sensitively, as the API server decodes (sigs.k8s.io/json).
 */
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Node, ParsedNode } from 'yaml';
import { span } from '../core/source.js';
import type { SourceFile, Span } from '../core/source.js';
import { closestName } from '../core/did-you-mean.js';
import { loadSchemaTable } from './k8s-schema-table.js';
import { removedApi } from './removed-apis.js';
import { selectorMismatch } from './k8s-selector.js';
import { formatIssues } from './k8s-formats.js';
import type { K8sSchemaIssue } from './types.js';

type Primitive = 'string' | 'boolean' | 'number' | 'integer' | 'int32' | 'int-or-string' | 'quantity' | 'any' | 'embedded';
interface ObjectType {
  properties: Record<string, SchemaType>;
  required?: string[];
  /**
   * Required fields an empty string leaves unset: the API server's validation tests the Go value
   * (`len(ctr.Image) == 0`), not the field's presence (data/k8s-required-by-validation.json).
   */
  nonEmpty?: string[];
  preserve?: boolean;
}
type SchemaType = Primitive | `#${string}` | { enum: Array<string | number>; type?: 'integer' } | { items: SchemaType } | { map: SchemaType } | ObjectType;

interface Table {
  kubernetes: string;
  kinds: Record<string, SchemaType>;
  /** The versions the CRDs of supported KubeEdge releases serve, by `<group>/<kind>` (data/kubeedge-crds.yaml). */
  served?: Record<string, string[]>;
  types?: Record<string, SchemaType>;
  /**
   * dist/'s table (scripts/build-options.mjs) has each type as its JSON text instead, parsed when a
   * manifest first reaches it: JSON.parse of the whole table built ~870 types' objects per run, of
   * which a manifest uses a few dozen (issue #13). A Map, as the Lookups hold them.
   */
  typeTexts?: Map<string, string>;
}

interface Lookups {
  version: string;
  kinds: Map<string, SchemaType>;
  served: Map<string, string[]>;
  /** The apiVersions of each kind the table has, built on first use (an object without `apiVersion`). */
  versionsOfKind?: Map<string, string[]>;
  /** `apiVersion/kind` in lower case → the kind as served, built on first use (a kind the table lacks). */
  kindsByLowerCase?: Map<string, string>;
  types: Map<string, SchemaType>;
  typeTexts: Map<string, string>;
}

let lookups: Lookups | undefined;

/**
 * Lookups keyed by text from the linted file go through Maps, built from the table on first use: a
 * run that reads no manifest never parses the table (see k8s-schema-table.ts).
 */
function tables(): Lookups {
  if (!lookups) {
    const table = loadSchemaTable() as Table;
    lookups = {
      version: table.kubernetes,
      kinds: new Map(Object.entries(table.kinds)),
      served: new Map(Object.entries(table.served ?? {})),
      types: new Map(Object.entries(table.types ?? {})),
      typeTexts: table.typeTexts ?? new Map(),
    };
  }
  return lookups;
}

function typeNamed(name: string): SchemaType | undefined {
  const { types, typeTexts } = tables();
  let type = types.get(name);
  const text = type === undefined ? typeTexts.get(name) : undefined;
  if (text !== undefined) {
    type = JSON.parse(text) as SchemaType;
    types.set(name, type);
  }
  return type;
}

/** The Kubernetes API version the table follows (kubernetes-models' schema). */
export function k8sSchemaVersion(): string {
  return tables().version;
}

const PROPERTIES = new WeakMap<ObjectType, Map<string, SchemaType>>();

function propertiesOf(type: ObjectType): Map<string, SchemaType> {
  let map = PROPERTIES.get(type);
  if (!map) {
    map = new Map(Object.entries(type.properties));
    PROPERTIES.set(type, map);
  }
  return map;
}

/** The schema of `apiVersion`/`kind`, or undefined for kinds edgelint has no schema of (CRDs, removed versions). */
export function schemaOfKind(apiVersion: string, kind: string): SchemaType | undefined {
  return tables().kinds.get(`${apiVersion}/${kind}`);
}

/**
 * The apiVersions the table knows `kind` under (`Pod` → `v1`), in the table's order; empty for a kind
 * it has no schema of.
 */
export function apiVersionsOfKind(kind: string): readonly string[] {
  const lookup = tables();
  if (!lookup.versionsOfKind) {
    const byKind = new Map<string, string[]>();
    for (const key of lookup.kinds.keys()) {
      const cut = key.lastIndexOf('/');
      const name = key.slice(cut + 1);
      const list = byKind.get(name) ?? [];
      list.push(key.slice(0, cut));
      byKind.set(name, list);
    }
    lookup.versionsOfKind = byKind;
  }
  return lookup.versionsOfKind.get(kind) ?? [];
}

/**
 * The kind `apiVersion` serves under `kind`'s letters in another case (`deployment` → `Deployment`), or
 * undefined. kubectl maps an object to its resource by the exact kind (apimachinery's DefaultRESTMapper
 * `RESTMapping` looks the GroupVersionKind up as written), so `kind: deployment` is refused with
 * "no matches for kind" although the version serves `Deployment`.
 */
export function kindInOtherCase(apiVersion: string, kind: string): string | undefined {
  const lookup = tables();
  if (!lookup.kindsByLowerCase) {
    const byLower = new Map<string, string>();
    for (const key of lookup.kinds.keys()) {
      const cut = key.lastIndexOf('/');
      byLower.set(`${key.slice(0, cut)}/${key.slice(cut + 1).toLowerCase()}`, key.slice(cut + 1));
    }
    lookup.kindsByLowerCase = byLower;
  }
  const served = lookup.kindsByLowerCase.get(`${apiVersion}/${kind.toLowerCase()}`);
  return served !== undefined && served !== kind ? served : undefined;
}

/**
 * For a kind of a KubeEdge CRD group written with a version no supported release's CRD serves, the
 * versions that are served; undefined otherwise (served, or a group/kind the table does not know).
 */
export function unservedKubeEdgeVersion(apiVersion: string, kind: string): readonly string[] | undefined {
  const cut = apiVersion.lastIndexOf('/');
  if (cut === -1) return undefined;
  const served = tables().served.get(`${apiVersion.slice(0, cut)}/${kind}`);
  return served && !served.includes(apiVersion.slice(cut + 1)) ? served : undefined;
}

interface Frame {
  node: unknown;
  type: SchemaType;
  /** Name of the named type this node belongs to (`Container`), for messages. */
  typeName: string;
  parent?: Frame;
  /** The key node this value sits under, or its index in the parent list (paths are built only to report). */
  key?: unknown;
  index?: number;
  /** The root's anchor for a missing field (the `kind` value). */
  anchor?: Span;
  /** The length of this frame's path and its first PATH_HEAD + 1 characters (with the leading dot), once per frame. */
  prefix?: { length: number; head: string };
}

/**
 * A path longer than PATH_HEAD + PATH_TAIL characters is written as its first PATH_HEAD and last
 * PATH_TAIL, joined by `…`. Each issue had its own copy of the whole path: 90,000 unknown keys under
 * 200 levels of JSONSchemaProps (a 1.3 MB CRD) were 250 MB of paths and ran a 256 MB heap out.
 */
const PATH_HEAD = 100;
const PATH_TAIL = 140;

function keyText(frame: Frame): string {
  return String(isScalar(frame.key) ? scalarValue(frame.key) : '?');
}

function segmentOf(frame: Frame): string {
  if (frame.index !== undefined) return `[${frame.index}]`;
  if (frame.key === undefined) return '';
  return `.${keyText(frame)}`;
}

/** The frame's prefix, computed up the chain to the nearest frame that has it (iteratively: nesting is the input's). */
function prefixOf(frame: Frame): { length: number; head: string } {
  const chain: Frame[] = [];
  let f: Frame | undefined = frame;
  while (f?.parent && !f.prefix) {
    chain.push(f);
    f = f.parent;
  }
  let prefix = f?.parent && f.prefix ? f.prefix : { length: 0, head: '' };
  for (let i = chain.length - 1; i >= 0; i--) {
    const g = chain[i];
    const length = prefix.length + (g.index !== undefined ? String(g.index).length + 2 : g.key === undefined ? 0 : keyText(g).length + 1);
    const room = PATH_HEAD + 1 - prefix.head.length;
    const head = room <= 0 ? prefix.head : prefix.head + (g.index !== undefined ? `[${g.index}]` : g.key === undefined ? '' : `.${keyText(g).slice(0, room)}`).slice(0, room);
    prefix = g.prefix = { length, head };
  }
  return prefix;
}

/** The issue's path; `elided` when its middle is left out (PATH_HEAD). */
function pathOf(frame: Frame, last?: string): { path: string; elided?: true } {
  const { length, head } = prefixOf(frame);
  const total = length + (last === undefined ? 0 : last.length + 1);
  const parts: string[] = [];
  if (total <= PATH_HEAD + PATH_TAIL) {
    if (last !== undefined) parts.push(`.${last}`);
    for (let f: Frame | undefined = frame; f && f.parent; f = f.parent) parts.push(segmentOf(f));
    return { path: parts.reverse().join('').replace(/^\./, '') };
  }
  // The last PATH_TAIL characters, read up from the end: a key of any length costs a slice.
  let need = PATH_TAIL;
  const piece = (text: string) => {
    const cut = text.length > need ? text.slice(-need) : text;
    parts.push(cut);
    need -= cut.length;
  };
  if (last !== undefined) piece(`.${last.length > need ? last.slice(-need) : last}`);
  for (let f: Frame | undefined = frame; need > 0 && f && f.parent; f = f.parent) {
    piece(f.index !== undefined ? `[${f.index}]` : `.${keyText(f).slice(-need)}`);
  }
  return { path: `${head.replace(/^\./, '').slice(0, PATH_HEAD)}…${parts.reverse().join('')}`, elided: true };
}

/** Where a missing field of the mapping in `frame` is reported: its key in the parent, else its first key. */
function anchorOf(source: SourceFile, frame: Frame): Span {
  if (frame.anchor) return frame.anchor;
  if (frame.key !== undefined) return nodeRange(source, frame.key);
  return firstKeySpan(source, frame.node);
}

function nodeRange(source: SourceFile, node: unknown): Span {
  const range = (node as ParsedNode).range;
  return range ? span(source, range[0], range[1]) : span(source, 0, 0);
}

/** What a scalar holds for the API server; YAML 1.1 timestamps stay strings (go-yaml v2 into interface{}). */
function scalarValue(node: unknown): string | number | boolean | null {
  const value = (node as { value: unknown }).value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return (node as { source?: string }).source ?? String(value);
}

function describeExpected(type: SchemaType): string {
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return 'a string';
      case 'boolean':
        return 'true or false';
      case 'integer':
        return 'an integer';
      case 'int32':
        return 'an integer (32-bit)';
      case 'number':
        return 'a number';
      case 'int-or-string':
        return 'an integer or a string';
      case 'quantity':
        return 'a quantity (a number, or a string such as 500m or 1Gi)';
      default:
        return 'a mapping';
    }
  }
  if ('items' in type) return 'a list';
  if ('enum' in type) return type.type === 'integer' ? 'an integer' : 'a string';
  return 'a mapping';
}

function describeActual(node: unknown): string {
  if (isSeq(node)) return 'a list';
  if (isMap(node)) {
    // `nodeName: {EDGE_NODE}` — a placeholder a script fills in, which YAML reads as a flow mapping
    // with one key and no value (sweep20): naming it says why a "mapping" stands where a name was meant.
    const only = node.flow && node.items.length === 1 ? node.items[0] : undefined;
    const key = only && only.value === null && isScalar(only.key) && only.key.type === 'PLAIN' ? only.key.value : undefined;
    if (typeof key === 'string') return `a mapping (YAML reads {${key}} as one: quote it if it is a placeholder)`;
    return 'a mapping';
  }
  const value = scalarValue(node);
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  // As written: `1.0` stays `1.0` (the API server sees the text, not JavaScript's number).
  if (typeof value === 'number') return `the number ${(node as { source?: string }).source ?? value}`;
  return String(value);
}

/** True when the scalar `value` is what the primitive `type` accepts. */
function acceptsScalar(type: Primitive, value: string | number | boolean): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'int32':
      return typeof value === 'number' && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
    case 'int-or-string':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
    case 'quantity':
      return typeof value === 'string' || typeof value === 'number';
    default:
      return true;
  }
}

/** The declared field `key` most likely meant: same letters in another case first, then the nearest spelling. */
export function suggestField(fields: Iterable<string>, key: string): string | undefined {
  return closestName(fields, key);
}

function firstKeySpan(source: SourceFile, map: unknown): Span {
  const first = isMap(map) ? map.items.find((p) => isPair(p) && p.key) : undefined;
  return nodeRange(source, first ? first.key : map);
}

/**
 * Checks the object mapping `node` (of `apiVersion`/`kind`) and returns its schema issues in document
 * order, or undefined when there is no schema for the kind or nothing is wrong.
 */
export function checkObjectSchema(source: SourceFile, node: unknown, apiVersion: string, kind: string, anchor: Span): K8sSchemaIssue[] | undefined {
  if (!apiVersion) {
    // kubectl refuses an object without apiVersion before anything else ("apiVersion not set"):
    // one finding at its kind, and the fields are not checked against a guessed version.
    return [{ kind: 'missing-api-version', path: '', span: anchor, field: 'apiVersion', type: kind, allowed: [...apiVersionsOfKind(kind)] }];
  }
  const served = unservedKubeEdgeVersion(apiVersion, kind);
  if (served) {
    const valueNode = isMap(node) ? node.items.find((p) => isScalar(p.key) && p.key.value === 'apiVersion')?.value : undefined;
    return [{ kind: 'unserved-version', path: 'apiVersion', span: valueNode ? nodeRange(source, valueNode) : anchor, type: kind, value: apiVersion, allowed: served.map((v) => `${apiVersion.slice(0, apiVersion.lastIndexOf('/'))}/${v}`) }];
  }
  const removed = removedApi(apiVersion, kind);
  if (removed) {
    // One finding at apiVersion: the fields of a version no server reads are beside the point.
    const valueNode = isMap(node) ? node.items.find((p) => isScalar(p.key) && p.key.value === 'apiVersion')?.value : undefined;
    return [{ kind: 'removed-version', path: 'apiVersion', span: valueNode ? nodeRange(source, valueNode) : anchor, type: kind, value: apiVersion, removedIn: removed.removedIn, allowed: removed.use ? [removed.use] : [] }];
  }
  const type = schemaOfKind(apiVersion, kind);
  if (!type) {
    const served = kindInOtherCase(apiVersion, kind);
    return served === undefined ? undefined : [{ kind: 'kind-case', path: 'kind', span: anchor, type: served, value: kind }];
  }
  const issues: K8sSchemaIssue[] = [];
  walk(source, { node, type, typeName: kind, anchor }, issues);
  // The selector is judged against the template only when the schema found nothing wrong in either.
  if (!issues.some((i) => i.path.startsWith('spec.selector') || i.path.startsWith('spec.template.metadata'))) {
    const mismatch = selectorMismatch(source, node, apiVersion, kind);
    if (mismatch) issues.push({ kind: 'selector-mismatch', path: 'spec.template.metadata.labels', span: mismatch.labels, related: mismatch.selector, value: mismatch.selectorText, type: kind });
  }
  // The formats validation holds names and keys to; a field the walk already reports is not judged again.
  const reported = new Set(issues.map((i) => i.span.start));
  for (const issue of formatIssues(source, node, apiVersion, kind)) if (!reported.has(issue.span.start)) issues.push(issue);
  if (!issues.length) return undefined;
  return issues.sort((a, b) => a.span.start - b.span.start);
}

/** Iterative (hostile nesting cannot exhaust the stack); aliases are not followed, so alias bombs cost nothing. */
function walk(source: SourceFile, root: Frame, issues: K8sSchemaIssue[]): void {
  const stack: Frame[] = [root];
  while (stack.length) {
    const frame = stack.pop()!;
    let { type, typeName } = frame;
    const { node } = frame;
    if (node === null || node === undefined || isAlias(node)) continue;
    if (typeof type === 'string' && type.startsWith('#')) {
      typeName = type.slice(type.lastIndexOf('.') + 1);
      type = typeNamed(type.slice(1)) ?? 'any';
    }
    if (type === 'any') continue;
    if (isScalar(node)) {
      const value = scalarValue(node);
      if (value === null) continue;
      if (typeof type === 'string' && type !== 'embedded') {
        if (!acceptsScalar(type as Primitive, value)) issues.push(wrongType(source, frame, type));
      } else if (typeof type === 'object' && 'enum' in type) {
        const wanted = type.type === 'integer' ? 'integer' : 'string';
        if (!acceptsScalar(wanted, value)) issues.push(wrongType(source, frame, type));
        else if (value !== '' && !type.enum.includes(value as never)) {
          issues.push({ kind: 'bad-enum', ...pathOf(frame), span: nodeRange(source, node), allowed: type.enum.map(String), value: String(value) });
        }
      } else {
        issues.push(wrongType(source, frame, type));
      }
      continue;
    }
    if (typeof type === 'string' && type !== 'embedded') {
      issues.push(wrongType(source, frame, type));
      continue;
    }
    if (typeof type === 'object' && 'enum' in type) {
      issues.push(wrongType(source, frame, type));
      continue;
    }
    if (isSeq(node)) {
      if (typeof type === 'object' && 'items' in type) {
        const items = type.items;
        for (let i = node.items.length - 1; i >= 0; i--) {
          const item = node.items[i];
          stack.push({ node: item, type: items, typeName, parent: frame, index: i });
        }
      } else {
        issues.push(wrongType(source, frame, type));
      }
      continue;
    }
    if (!isMap(node)) continue;
    if (type === 'embedded') {
      // A whole object inside another (EdgeApplication manifests): checked against its own kind, if known.
      const apiVersion = scalarValue(node.items.find((p) => isScalar(p.key) && p.key.value === 'apiVersion')?.value ?? { value: null });
      const kind = scalarValue(node.items.find((p) => isScalar(p.key) && p.key.value === 'kind')?.value ?? { value: null });
      const embedded = typeof apiVersion === 'string' && typeof kind === 'string' ? schemaOfKind(apiVersion, kind) : undefined;
      if (embedded) stack.push({ ...frame, type: embedded, typeName: kind as string });
      continue;
    }
    if ('map' in type) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        stack.push({ node: pair.value, type: type.map, typeName, parent: frame, key: pair.key });
      }
      continue;
    }
    if (!('properties' in type)) {
      issues.push(wrongType(source, frame, type));
      continue;
    }
    const fields = propertiesOf(type);
    const required = type.required;
    const present = required ? new Set<string>() : undefined;
    // A required field written with no value (`image:`, or `image: ""` where the API reads "" as unset):
    // its key is the exact place to report, not the mapping's.
    let emptyKeys: Map<string, unknown> | undefined;
    for (let i = node.items.length - 1; i >= 0; i--) {
      const pair = node.items[i];
      if (!isScalar(pair.key)) continue;
      const key = scalarValue(pair.key);
      if (typeof key !== 'string') {
        if (!type.preserve && key !== null) issues.push(unknownField(source, frame, String(key), pair.key, fields, typeName));
        continue;
      }
      // `<<` merges another mapping (YAML 1.1, go-yaml v2): its keys are checked where they are written.
      if (key === '<<') continue;
      const fieldType = fields.get(key);
      if (fieldType === undefined) {
        if (!type.preserve) issues.push(unknownField(source, frame, key, pair.key, fields, typeName));
        continue;
      }
      if (present) {
        const value = isScalar(pair.value) ? scalarValue(pair.value) : pair.value === null ? null : undefined;
        if (value === null || (value === '' && type.nonEmpty?.includes(key))) (emptyKeys ??= new Map()).set(key, pair.key);
        else present.add(key);
      }
      stack.push({ node: pair.value, type: fieldType, typeName, parent: frame, key: pair.key });
    }
    if (!required || !present) continue;
    for (const name of required) {
      if (present.has(name) || name === 'apiVersion' || name === 'kind') continue;
      const emptyKey = emptyKeys?.get(name);
      if (emptyKey !== undefined) issues.push({ kind: 'missing-field', ...pathOf(frame), span: nodeRange(source, emptyKey), field: name, type: typeName, empty: true });
      else issues.push({ kind: 'missing-field', ...pathOf(frame), span: anchorOf(source, frame), field: name, type: typeName });
    }
  }
}

function wrongType(source: SourceFile, frame: Frame, type: SchemaType): K8sSchemaIssue {
  return { kind: 'wrong-type', ...pathOf(frame), span: nodeRange(source, frame.node), expected: describeExpected(type), actual: describeActual(frame.node) };
}

function unknownField(source: SourceFile, frame: Frame, key: string, keyNode: Node | unknown, fields: Map<string, SchemaType>, typeName: string): K8sSchemaIssue {
  const issue: K8sSchemaIssue = { kind: 'unknown-field', ...pathOf(frame, key), span: nodeRange(source, keyNode), field: key, type: typeName };
  const suggestion = suggestField(fields.keys(), key);
  if (suggestion !== undefined) issue.suggestion = suggestion;
  return issue;
}
