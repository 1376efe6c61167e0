import { defineRule, isMap, isScalar, moveKeyEdits, resolvePath, schemaIssues } from '../../src/rule-api.js';
import type { EdgecoreConfig, Fix, PathTarget, SchemaIssue } from '../../src/rule-api.js';

/**
 * edgecore decodes its config with sigs.k8s.io/yaml's non-strict Unmarshal (v1alpha2/helper.go
 * `Parse`): a key the Go structs do not have is dropped without a log line (facts §1.2), so the setting
 * the operator wrote never takes effect.
 */

interface Candidate {
  issue: SchemaIssue;
  target: PathTarget;
  /** Canonical mapping the key belongs in, when the issue is a pure move of the same key. */
  moveTo?: string[];
}

/** A move is a suggestion ending in the key's own name under a different mapping than the one it sits in. */
function moveTarget(issue: SchemaIssue): string[] | undefined {
  if (issue.kind !== 'unknown-key' || !issue.suggestion || issue.key === undefined) return undefined;
  const suggested = issue.suggestion.split('.');
  const name = suggested[suggested.length - 1];
  if (name.toLowerCase() !== issue.key.toLowerCase()) return undefined;
  const parent = suggested.slice(0, -1);
  const current = issue.path.slice(0, -1);
  if (current.some((segment) => typeof segment === 'number')) return undefined;
  const same = parent.length === current.length && parent.every((p, i) => p.toLowerCase() === String(current[i]).toLowerCase());
  return same ? undefined : parent;
}

function fixFor(config: EdgecoreConfig, candidate: Candidate, creations: Map<string, number>): Fix | undefined {
  const { target, moveTo, issue } = candidate;
  if (!moveTo || !target.pair || !target.parent) return undefined;
  // Two keys moving into one mapping that does not exist yet would each create it: offer neither.
  if ((creations.get(moveTo.join('.').toLowerCase()) ?? 0) > 1) return undefined;
  const edits = moveKeyEdits(config, target.parent, target.pair, moveTo);
  return edits ? { description: `Move ${issue.key} to ${issue.suggestion}`, edits } : undefined;
}

/**
 * Modules edgecore itself no longer has: EdgeMesh moved out of edgecore into its own project in
 * KubeEdge 1.7. A far misspelling of a module edgecore has (`metaMgr: {enable: false}`) loses the
 * intent to turn that module off, so it stays an error.
 */
const DROPPED_MODULES = new Set(['edgemesh']);

/** A mapping whose every leaf is `enable: false`, at any depth, with at least one. */
function onlyDisables(node: unknown): boolean {
  if (!isMap(node) || node.items.length === 0) return false;
  return node.items.every((pair) => {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (isMap(pair.value)) return onlyDisables(pair.value);
    return key === 'enable' && isScalar(pair.value) && pair.value.value === false;
  });
}

export default defineRule({
  id: 'edgecore/unknown-key',
  description: 'Disallow edgecore.yaml keys that edgecore silently ignores',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  fixable: true,
  remediation: 'Move the key to where edgecore reads it (see the did-you-mean), rename it, or delete it.',
  messages: {
    unknown: 'edgecore config: {{detail}}.',
    removed: 'edgecore config: {{detail}}.',
    disablesNothing: 'edgecore config: {{detail}}; it only says `enable: false`, so nothing is lost, but the section is dead text.',
  },
  check({ model, knowledge, report }) {
    const schemas = knowledge.edgecore;
    if (!schemas) return;
    for (const { config, issues } of schemaIssues(model, schemas)) {
      const candidates: Candidate[] = [];
      for (const issue of issues) {
        if (issue.kind === 'invalid-value') continue;
        const target = resolvePath(config, issue.path);
        if (!target?.keySpan) continue;
        candidates.push({ issue, target, moveTo: moveTarget(issue) });
      }
      const creations = new Map<string, number>();
      for (const c of candidates) if (c.moveTo) creations.set(c.moveTo.join('.').toLowerCase(), (creations.get(c.moveTo.join('.').toLowerCase()) ?? 0) + 1);
      for (const candidate of candidates) {
        const fix = fixFor(config, candidate, creations);
        // A whole section no release reads that only says `enable: false` (a module edgecore dropped,
        // such as EdgeMesh, which left edgecore in 1.7) is dropped with nothing lost: the module it
        // turns off is not there to run. Still dead text, but no setting the operator meant is lost.
        const harmless = candidate.issue.readByNone === true && DROPPED_MODULES.has(String(candidate.issue.key).toLowerCase()) && onlyDisables(candidate.target.node);
        report({
          messageId: candidate.issue.kind === 'removed-key' ? 'removed' : harmless ? 'disablesNothing' : 'unknown',
          data: { detail: candidate.issue.message },
          at: candidate.target.keySpan!,
          // A file laid out for an older release is one warning while the release is assumed (locate.ts).
          ...(harmless || candidate.issue.severity ? { severity: 'warning' as const } : {}),
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});
