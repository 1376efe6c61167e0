/**
 * CustomResourceDefinitions a deployment applies itself. Its objects are checked against edgelint's
 * table (KubeEdge's CRDs of releases 1.16–1.23, k8s-schema.ts), but a repository that ships its own
 * CRD for one of those kinds — an older release's, or one patched to keep `protocol` free-form
 * (`x-kubernetes-preserve-unknown-fields`) — gets what its CRD says from the API server (sweep8
 * FP-1: a Device's `spec.protocol.modbus` reported unknown beside the repository's
 * device-crd-patch.yaml that keeps every field under `protocol`). An issue stands only where the
 * shipped CRD rejects the same thing: the API server validates and prunes custom resources by the
 * structural schema of the CRD installed (apiextensions-apiserver, "Specifying a structural schema").
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import { deref, getIn, getNode, scalarString, seqItems } from '../parse/yaml-nodes.js';
import type { K8sObject, K8sSchemaIssue, ShippedCrd } from './types.js';

/** Issue paths are read this deep in a shipped schema; deeper paths keep their issue. */
const MAX_DEPTH = 64;
/**
 * Pairs a CRD's merge keys (`<<: *common`) may copy in all: each copy is a real one, so a mapping
 * merged into thousands of others would cost their product. Past this the schema is not read and the
 * issues stand, as without the CRD.
 */
const MAX_MERGED_PAIRS = 10_000;

/**
 * CRDs of one kind read as alternatives, in the order the deployment lists them. The API server keeps
 * one per kind (a second one's names conflict), so more are overlays' copies or junk; every issue of
 * every object of the kind is asked of each, so a repository of thousands asked thousands of times
 * thousands. The first ones decide; an issue only they leave standing stands, as without them.
 */
const MAX_ALTERNATIVES = 8;

/** A CustomResourceDefinition (apiextensions.k8s.io v1, or v1beta1's `version` and top-level `validation`). */
export function readShippedCrd(doc: Document.Parsed, node: unknown): ShippedCrd | undefined {
  const group = scalarString(getIn(doc, node, ['spec', 'group']));
  const kind = scalarString(getIn(doc, node, ['spec', 'names', 'kind']));
  if (!group || !kind) return undefined;
  const shared = schemaData(doc, getIn(doc, node, ['spec', 'validation', 'openAPIV3Schema']));
  const versions = new Map<string, { served: boolean; schema?: unknown }>();
  for (const entry of seqItems(doc, getIn(doc, node, ['spec', 'versions']))) {
    const name = scalarString(getNode(doc, entry, 'name'));
    if (!name) continue;
    const served = getNode(doc, entry, 'served');
    const schema = schemaData(doc, getIn(doc, entry, ['schema', 'openAPIV3Schema'])) ?? shared;
    versions.set(name, { served: !(served && typeof served === 'object' && 'value' in served && (served as { value: unknown }).value === false), ...(schema !== undefined ? { schema } : {}) });
  }
  const single = scalarString(getIn(doc, node, ['spec', 'version']));
  if (single && !versions.has(single)) versions.set(single, { served: true, ...(shared !== undefined ? { schema: shared } : {}) });
  return { group, kind, versions };
}

/**
 * A schema as plain data the attacker-written text cannot turn against the lookups: mappings become
 * Maps (a property named `__proto__` or `constructor` is a property), lists arrays, scalars their
 * values. An alias is the very value of its anchor, not a copy (yaml's toJS copies, and refused a
 * schema that names one shared type 200 times: "Excessive alias count"); iterative, so no nesting
 * exhausts the stack. Undefined for a missing schema, or one whose merge keys copy too much.
 */
function schemaData(doc: Document.Parsed, root: unknown): unknown {
  const made = new Map<unknown, Map<string, unknown> | unknown[]>();
  const todo: Array<[unknown, Map<string, unknown> | unknown[]]> = [];
  const value = (node: unknown): unknown => {
    const target = deref(doc, node);
    if (isScalar(target)) return scalarData(target);
    if (!isMap(target) && !isSeq(target)) return undefined;
    let out = made.get(target);
    if (!out) {
      out = isMap(target) ? new Map<string, unknown>() : [];
      made.set(target, out);
      todo.push([target, out]);
    }
    return out;
  };
  const top = value(root);
  let merged = 0;
  while (todo.length > 0) {
    const [node, out] = todo.pop()!;
    if (Array.isArray(out)) {
      for (const item of (node as { items: unknown[] }).items) out.push(value(item));
      continue;
    }
    const pairs = (node as { items: Array<{ key: unknown; value: unknown }> }).items;
    for (const pair of pairs) {
      const key = scalarString(pair.key);
      if (key !== undefined && !isMergeKey(pair.key)) out.set(key, value(pair.value));
    }
    // YAML 1.1 merge keys, as go-yaml reads them: the merged mappings' pairs, under the mapping's own
    // (a mapping merged in itself merges nothing further here: its own pairs only).
    for (const pair of pairs) {
      if (!isMergeKey(pair.key)) continue;
      const sources = deref(doc, pair.value);
      for (const source of isSeq(sources) ? sources.items : [sources]) {
        const from = deref(doc, source);
        if (!isMap(from)) continue;
        merged += from.items.length;
        if (merged > MAX_MERGED_PAIRS) return undefined;
        for (const inner of from.items) {
          const key = scalarString(inner.key);
          if (key !== undefined && !isMergeKey(inner.key) && !out.has(key)) out.set(key, value(inner.value));
        }
      }
    }
  }
  return top;
}

/** A plain `<<` key: yaml composes it (YAML 1.1) as a Scalar holding a Symbol; a quoted '<<' is a key like any. */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.type === 'PLAIN'));
}

function scalarData(node: { value: unknown; source?: string }): unknown {
  const v = node.value;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v === null || v === undefined) return null;
  // A YAML 1.1 timestamp and the like: the text as written.
  return node.source ?? null;
}

/**
 * Drops the schema issues of objects whose kind the deployment's own CRDs define, where those CRDs
 * accept what was reported. `declared`: CRDs the deployment generates rather than ships (a kubebuilder
 * PROJECT's APIs, kubebuilder-project.ts).
 */
export function applyShippedCrds(objects: readonly K8sObject[], declared: readonly ShippedCrd[] = []): void {
  const byKind = new Map<string, ShippedCrd[]>();
  const add = (crd: ShippedCrd): void => {
    const key = `${crd.group}/${crd.kind}`;
    const list = byKind.get(key);
    if (!list) byKind.set(key, [crd]);
    else if (list.length < MAX_ALTERNATIVES) list.push(crd);
  };
  for (const object of objects) if (object.crd && !object.kustomizePatch) add(object.crd);
  for (const crd of declared) add(crd);
  if (byKind.size === 0) return;
  for (const object of objects) {
    if (!object.schemaIssues) continue;
    const cut = object.apiVersion.lastIndexOf('/');
    if (cut <= 0) continue;
    const crds = byKind.get(`${object.apiVersion.slice(0, cut)}/${object.kind}`);
    if (!crds) continue;
    const version = object.apiVersion.slice(cut + 1);
    // Several CRDs of one kind are alternatives (an overlay's and a base's): one that accepts is enough.
    const kept = object.schemaIssues.filter((issue) => crds.every((crd) => rejects(crd, version, issue)));
    if (kept.length > 0) object.schemaIssues = kept;
    else delete object.schemaIssues;
  }
}

/** Whether the shipped CRD rejects (or prunes) what the issue reports. */
function rejects(crd: ShippedCrd, version: string, issue: K8sSchemaIssue): boolean {
  // apps/v1 workloads are built in: no CRD serves them, and their validation is the API server's own.
  // So is every format a name or key must have (`invalid-value`): no CRD's schema reaches metadata.
  if (issue.kind === 'missing-api-version' || issue.kind === 'removed-version' || issue.kind === 'selector-mismatch' || issue.kind === 'invalid-value') return true;
  const entry = crd.versions.get(version);
  // A CRD of the project's that serves the kind as written (its own `names.kind`) makes it served.
  if (issue.kind === 'unserved-version' || issue.kind === 'kind-case') return !entry?.served;
  if (!entry?.served) return true;
  // The API server checks metadata as ObjectMeta whatever the CRD says.
  if (issue.path === 'metadata' || issue.path.startsWith('metadata.')) return true;
  // A CRD generated from the project's Go types: what it accepts is not in the tree, so nothing
  // edgelint's table says of another release's schema can be held against it.
  if (entry.schemaUnknown) return false;
  if (entry.schema === undefined) return true;
  // A path with its middle left out cannot be followed in the CRD's schema; the issue stands.
  if (issue.elided) return true;
  const at = schemaAt(entry.schema, issue.path);
  switch (issue.kind) {
    case 'unknown-field':
      return at === 'unknown';
    case 'missing-field': {
      if (at === 'any' || at === 'unknown') return false;
      const required = at.get('required');
      return Array.isArray(required) && required.includes(issue.field);
    }
    case 'bad-enum': {
      if (at === 'any' || at === 'unknown') return false;
      const allowed = at.get('enum');
      return Array.isArray(allowed) && !enumTexts(allowed).has(issue.value ?? '');
    }
    case 'wrong-type': {
      if (at === 'any' || at === 'unknown') return false;
      return !acceptsActual(at.get('type'), issue.actual ?? '');
    }
  }
}

type SchemaNode = Map<string, unknown>;

const ENUM_TEXTS = new WeakMap<unknown[], Set<string>>();

/**
 * An enum's scalar values as text, once per enum: every object of the kind asks again, and an enum
 * of the CRD's writing may be long. A mapping or list among them is no value a scalar can equal.
 */
function enumTexts(allowed: unknown[]): Set<string> {
  let texts = ENUM_TEXTS.get(allowed);
  if (!texts) {
    texts = new Set();
    for (const value of allowed) if (value === null || typeof value !== 'object') texts.add(String(value));
    ENUM_TEXTS.set(allowed, texts);
  }
  return texts;
}

/** The schema node at an issue's path (`spec.protocol.modbus`, `spec.items[0].x`); 'any' under a free-form node. */
function schemaAt(root: unknown, path: string): SchemaNode | 'any' | 'unknown' {
  let node = asNode(root);
  if (!node) return 'any';
  const segments = path === '' ? [] : path.replace(/\[(\d+)\]/g, '.[$1]').split('.').filter((s) => s !== '');
  if (segments.length > MAX_DEPTH) return 'unknown';
  for (const segment of segments) {
    if (freeForm(node)) return 'any';
    let next: SchemaNode | undefined;
    if (segment.startsWith('[')) next = asNode(node.get('items'));
    else {
      const properties = asNode(node.get('properties'));
      if (properties?.has(segment)) next = asNode(properties.get(segment));
      else if (node.get('additionalProperties') === true) return 'any';
      else next = asNode(node.get('additionalProperties'));
    }
    if (!next) return node.get('x-kubernetes-preserve-unknown-fields') === true ? 'any' : 'unknown';
    node = next;
  }
  return freeForm(node) && !node.has('properties') ? 'any' : node;
}

function asNode(value: unknown): SchemaNode | undefined {
  return value instanceof Map ? value : undefined;
}

/** Kept as written by the API server: preserve-unknown-fields without properties, no type, or a union. */
function freeForm(node: SchemaNode): boolean {
  if (node.get('x-kubernetes-int-or-string') === true || node.get('x-kubernetes-embedded-resource') === true) return false;
  return (node.get('x-kubernetes-preserve-unknown-fields') === true && !node.has('properties')) || !node.has('type') || node.has('anyOf');
}

/** Whether an OpenAPI `type` accepts a value k8s-schema.ts described as `actual` (describeActual). */
function acceptsActual(type: unknown, actual: string): boolean {
  if (actual.startsWith('the string')) return type === 'string';
  if (actual.startsWith('the number')) return type === 'number' || (type === 'integer' && /^the number -?\d+$/.test(actual));
  if (actual === 'true' || actual === 'false') return type === 'boolean';
  if (actual === 'a list') return type === 'array';
  if (actual === 'a mapping') return type === 'object';
  return false;
}
