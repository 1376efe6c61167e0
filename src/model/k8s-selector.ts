/**
 * The API server refuses an `apps/v1` workload whose `spec.selector` does not select its own pod
 * template: `ValidatePodTemplateSpecForReplicaSet` (Deployment, ReplicaSet), `ValidateDaemonSetSpec`
 * and `ValidateStatefulSetSpec` in kubernetes pkg/apis/apps/validation/validation.go return
 * `spec.template.metadata.labels: Invalid value: …: \`selector\` does not match template \`labels\``.
 * The OpenAPI schema cannot say so (sweep15: a mapper Deployment selecting
 * `app: temperature-mapper-deployment` over pods labelled `app: temperature-mapper`).
 *
 * A label selector matches a label set as k8s.io/apimachinery's `labels.Selector` does: every
 * `matchLabels` pair equal, and each `matchExpressions` requirement (`In`, `NotIn`, `Exists`,
 * `DoesNotExist`) true. An empty selector is a different refusal and is left alone, as is one whose
 * parts are not plain strings (the schema walk reports those).
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node } from 'yaml';
import { filledAtRunTime } from '../core/source.js';
import type { SourceFile, Span } from '../core/source.js';
import { findPair, nodeSpan } from '../parse/yaml-nodes.js';

/** The kinds whose validation ties the selector to the template (apps/v1). */
const SELECTING_KINDS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet']);

export interface SelectorMismatch {
  /** The template's labels (or the nearest part of the template written), where the API server points. */
  labels: Span;
  /** The selector that does not select them. */
  selector: Span;
  /** The selector as `k=v, k in (a, b)`, for the message. */
  selectorText: string;
}

interface Requirement {
  key: string;
  operator: string;
  values: string[];
}

/** A key's value in a mapping (null when written without one), the last of repeated keys as the API server reads them. */
function child(map: unknown, key: string): unknown {
  const pair = findPair(map, key);
  return pair ? (pair.value ?? null) : undefined;
}

const nodeRange = (source: SourceFile, node: unknown): Span => nodeSpan(source, node as Node);

function plainString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** matchLabels and matchExpressions as requirements; undefined when any part is not plain text. */
function requirements(selector: unknown): Requirement[] | undefined {
  if (!isMap(selector)) return undefined;
  const result: Requirement[] = [];
  const matchLabels = child(selector, 'matchLabels');
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isMap(matchLabels)) return undefined;
    for (const pair of matchLabels.items) {
      const key = plainString(pair.key);
      const value = plainString(pair.value);
      if (key === undefined || value === undefined) return undefined;
      result.push({ key, operator: 'In', values: [value] });
    }
  }
  const expressions = child(selector, 'matchExpressions');
  if (expressions !== undefined && expressions !== null) {
    if (!isSeq(expressions)) return undefined;
    for (const item of expressions.items) {
      const key = plainString(child(item, 'key'));
      const operator = plainString(child(item, 'operator'));
      if (key === undefined || operator === undefined || !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(operator)) return undefined;
      const valuesNode = child(item, 'values');
      const values: string[] = [];
      if (isSeq(valuesNode)) {
        for (const v of valuesNode.items) {
          const value = plainString(v);
          if (value === undefined) return undefined;
          values.push(value);
        }
      } else if (valuesNode !== undefined && valuesNode !== null) return undefined;
      result.push({ key, operator, values });
    }
  }
  return result;
}

/** The template's labels; undefined when one is not plain text (reported by the schema walk). */
function labelSet(labels: unknown): Map<string, string> | undefined {
  const set = new Map<string, string>();
  if (labels === undefined || labels === null) return set;
  if (!isMap(labels)) return undefined;
  for (const pair of labels.items) {
    const key = plainString(pair.key);
    const value = plainString(pair.value);
    if (key === undefined || value === undefined) return undefined;
    set.set(key, value);
  }
  return set;
}

function matches(requirement: Requirement, labels: ReadonlyMap<string, string>): boolean {
  const value = labels.get(requirement.key);
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return value !== undefined;
    default:
      return value === undefined;
  }
}

function describe(requirement: Requirement): string {
  switch (requirement.operator) {
    case 'In':
      return requirement.values.length === 1 ? `${requirement.key}=${requirement.values[0]}` : `${requirement.key} in (${requirement.values.join(', ')})`;
    case 'NotIn':
      return `${requirement.key} notin (${requirement.values.join(', ')})`;
    case 'Exists':
      return requirement.key;
    default:
      return `!${requirement.key}`;
  }
}

/** The workload's selector mismatch, or undefined (not such a kind, matches, empty, or not plain text). */
export function selectorMismatch(source: SourceFile, object: unknown, apiVersion: string, kind: string): SelectorMismatch | undefined {
  if (apiVersion !== 'apps/v1' || !SELECTING_KINDS.has(kind)) return undefined;
  const spec = child(object, 'spec');
  const selector = child(spec, 'selector');
  const wanted = requirements(selector);
  if (!wanted || wanted.length === 0) return undefined;
  const template = child(spec, 'template');
  if (!isMap(template)) return undefined;
  const metadata = child(template, 'metadata');
  const labelsNode = child(metadata, 'labels');
  const labels = labelSet(labelsNode);
  if (!labels || wanted.every((r) => matches(r, labels))) return undefined;
  // A label an install script fills in at run time (`app: ${APP}` in a heredoc) may well match.
  if (filledAtRunTime(nodeRange(source, selector)) || (labelsNode && filledAtRunTime(nodeRange(source, labelsNode)))) return undefined;
  // Where the API server points (spec.template.metadata.labels), or the nearest part written.
  const anchorOf = (map: unknown, key: string): unknown => findPair(map, key)?.key;
  const at = anchorOf(metadata, 'labels') ?? anchorOf(template, 'metadata') ?? anchorOf(spec, 'template');
  const selectorKey = anchorOf(spec, 'selector');
  if (!at || !selectorKey) return undefined;
  return { labels: nodeRange(source, at), selector: nodeRange(source, selectorKey), selectorText: wanted.map(describe).join(', ') };
}
