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
import type { Document } from 'yaml';
import { getIn, getNode, scalarString, seqItems } from '../parse/yaml.js';
import type { K8sObject, K8sSchemaIssue, ShippedCrd } from './types.js';

const MAX_ALIASES = 100;
/** Issue paths are read this deep in a shipped schema; deeper paths keep their issue. */
const MAX_DEPTH = 64;

/** A `CustomResourceDefinition` (apiextensions.k8s.io v1, or v1beta1's `version` and top-level `validation`). */
export function readShippedCrd(doc: Document.Parsed, node: unknown): ShippedCrd | undefined {
  const group = scalarString(getIn(doc, node, ['spec', 'group']));
  const kind = scalarString(getIn(doc, node, ['spec', 'names', 'kind']));
  if (!group || !kind) return undefined;
  const toJS = (value: unknown): unknown => (value && typeof value === 'object' && 'toJS' in value ? (value as { toJS(d: unknown, o: unknown): unknown }).toJS(doc, { maxAliasCount: MAX_ALIASES }) : undefined);
  const shared = toJS(getIn(doc, node, ['spec', 'validation', 'openAPIV3Schema']));
  const versions = new Map<string, { served: boolean; schema?: unknown }>();
  for (const entry of seqItems(doc, getIn(doc, node, ['spec', 'versions']))) {
    const name = scalarString(getNode(doc, entry, 'name'));
    if (!name) continue;
    const served = getNode(doc, entry, 'served');
    const schema = toJS(getIn(doc, entry, ['schema', 'openAPIV3Schema'])) ?? shared;
    versions.set(name, { served: !(served && typeof served === 'object' && 'value' in served && (served as { value: unknown }).value === false), ...(schema !== undefined ? { schema } : {}) });
  }
  const single = scalarString(getIn(doc, node, ['spec', 'version']));
  if (single && !versions.has(single)) versions.set(single, { served: true, ...(shared !== undefined ? { schema: shared } : {}) });
  return { group, kind, versions };
}

/** Drops the schema issues of objects whose kind the deployment's own CRDs define, where those CRDs accept what was reported. */
export function applyShippedCrds(objects: readonly K8sObject[]): void {
  const byKind = new Map<string, ShippedCrd[]>();
  for (const object of objects) {
    if (!object.crd || object.kustomizePatch) continue;
    const key = `${object.crd.group}/${object.crd.kind}`;
    const list = byKind.get(key);
    if (list) list.push(object.crd);
    else byKind.set(key, [object.crd]);
  }
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
  if (issue.kind === 'missing-api-version' || issue.kind === 'removed-version') return true;
  const entry = crd.versions.get(version);
  if (issue.kind === 'unserved-version') return !entry?.served;
  if (!entry?.served || entry.schema === undefined) return true;
  // The API server checks metadata as ObjectMeta whatever the CRD says.
  if (issue.path === 'metadata' || issue.path.startsWith('metadata.')) return true;
  const at = schemaAt(entry.schema, issue.path);
  switch (issue.kind) {
    case 'unknown-field':
      return at === 'unknown';
    case 'missing-field': {
      if (at === 'any' || at === 'unknown') return false;
      const required = (at as { required?: unknown }).required;
      return Array.isArray(required) && required.includes(issue.field);
    }
    case 'bad-enum': {
      if (at === 'any' || at === 'unknown') return false;
      const allowed = (at as { enum?: unknown }).enum;
      return Array.isArray(allowed) && !allowed.map(String).includes(issue.value ?? '');
    }
    case 'wrong-type': {
      if (at === 'any' || at === 'unknown') return false;
      return !acceptsActual((at as { type?: unknown }).type, issue.actual ?? '');
    }
  }
}

type SchemaNode = Record<string, unknown>;

/** The schema node at an issue's path (`spec.protocol.modbus`, `spec.items[0].x`); 'any' under a free-form node. */
function schemaAt(root: unknown, path: string): SchemaNode | 'any' | 'unknown' {
  let node = asNode(root);
  if (!node) return 'any';
  const segments = path === '' ? [] : path.replace(/\[(\d+)\]/g, '.[$1]').split('.').filter((s) => s !== '');
  if (segments.length > MAX_DEPTH) return 'unknown';
  for (const segment of segments) {
    if (freeForm(node)) return 'any';
    let next: SchemaNode | undefined;
    if (segment.startsWith('[')) next = asNode(node.items);
    else {
      const properties = asNode(node.properties);
      if (properties && Object.prototype.hasOwnProperty.call(properties, segment)) next = asNode(properties[segment]);
      else if (node.additionalProperties === true) return 'any';
      else next = asNode(node.additionalProperties);
    }
    if (!next) return node['x-kubernetes-preserve-unknown-fields'] === true ? 'any' : 'unknown';
    node = next;
  }
  return freeForm(node) && node.properties === undefined ? 'any' : node;
}

function asNode(value: unknown): SchemaNode | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as SchemaNode) : undefined;
}

/** Kept as written by the API server: preserve-unknown-fields without properties, no type, or a union. */
function freeForm(node: SchemaNode): boolean {
  if (node['x-kubernetes-int-or-string'] === true || node['x-kubernetes-embedded-resource'] === true) return false;
  return (node['x-kubernetes-preserve-unknown-fields'] === true && node.properties === undefined) || node.type === undefined || node.anyOf !== undefined;
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
