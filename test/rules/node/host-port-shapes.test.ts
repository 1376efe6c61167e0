/**
 * node/host-port-conflict decides whether two binds' placements can share a node once per pair of
 * placement *shapes* (src/model/placement-shape.ts), never once per pair of placements: a fleet of
 * hostPort pods pinned one per node by hostname beside as many pinned by a site label has two shapes
 * (hostile11: 16,000 of each asked placementsDisjoint 256 times a bind, 85 s). The comparisons are
 * counted where the rule's bind index (src/model/bind-collisions.ts) calls them, wrapped here; the
 * findings are checked too.
 */
import { describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ placementsDisjoint: 0, shapesDisjoint: 0 }));

vi.mock('../../../src/model/placement.js', async (importOriginal) => {
  const placement = await importOriginal<typeof import('../../../src/model/placement.js')>();
  return {
    ...placement,
    placementsDisjoint: (...args: Parameters<typeof placement.placementsDisjoint>) => (calls.placementsDisjoint++, placement.placementsDisjoint(...args)),
  };
});
vi.mock('../../../src/model/placement-shape.js', async (importOriginal) => {
  const shape = await importOriginal<typeof import('../../../src/model/placement-shape.js')>();
  return {
    ...shape,
    shapesDisjoint: (...args: Parameters<typeof shape.shapesDisjoint>) => (calls.shapesDisjoint++, shape.shapesDisjoint(...args)),
  };
});

const { lint } = await import('../../../src/engine/lint.js');
const { builtinRules } = await import('../../../rules/index.js');

/** Under the rule's 256 address sets a bind is compared with, so the count is exact. */
const PER_SHAPE = 200;

/** A DaemonSet binding hostPort 9000, pinned by `selector` (one line under nodeSelector). */
const daemonSet = (name: string, selector: string) =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      nodeSelector:\n        ${selector}\n      containers:\n      - name: agent\n        image: registry.example.com/edge/agent:1.0.0\n        ports:\n        - containerPort: 9000\n          hostPort: 9000\n`;

async function conflicts(docs: string[]) {
  const rules: Record<string, 'off' | 'error'> = Object.fromEntries(builtinRules.map((r) => [r.id, 'off' as const]));
  rules['node/host-port-conflict'] = 'error';
  calls.placementsDisjoint = calls.shapesDisjoint = 0;
  const result = await lint({ files: [{ path: 'fleet.yaml', content: docs.join('---\n') }], config: { rules }, cwd: '/nonexistent-edgelint-test-cwd' });
  expect(result.errors).toEqual([]);
  return result.findings;
}

describe('node/host-port-conflict: placements compared per shape', () => {
  it('hostname-pinned and site-pinned binds of one port: a handful of comparisons, every bind reported against the other shape', async () => {
    const docs: string[] = [];
    for (let i = 0; i < PER_SHAPE; i++) docs.push(daemonSet(`h${i}`, `kubernetes.io/hostname: node-${i}`), daemonSet(`s${i}`, `site: s-${i}`));
    const findings = await conflicts(docs);
    // Each site-pinned pod may share its node with every hostname-pinned one, and the other way round; two
    // pods of one shape are pinned apart. Per bind: the PER_SHAPE binds of the other shape (past 10, listed as more).
    expect(findings).toHaveLength(2 * PER_SHAPE);
    expect(findings.every((f) => f.message.includes(` is bound ${PER_SHAPE + 1} times: `))).toBe(true);
    expect(findings[0].message).toMatch(/^Host port 9000\/TCP on \w+ nodes is bound 201 times: DaemonSet h0 \(container agent\) binds 0\.0\.0\.0:9000 .*; also \(1\) DaemonSet s0 .*, \(2\) DaemonSet s1 .*, \(3\) DaemonSet s2 .*, and 197 more \(7 listed below\);/);
    // Two shapes, two classes (edge and cloud): per class at most the four ordered pairs of shapes.
    expect(calls.shapesDisjoint).toBeGreaterThan(0);
    expect(calls.shapesDisjoint).toBeLessThanOrEqual(8);
    expect(calls.placementsDisjoint).toBe(0);
  });

  it('binds pinned to one node by hostname meet only that node\'s binds of the same shape', async () => {
    const docs: string[] = [];
    for (let i = 0; i < PER_SHAPE; i++) docs.push(daemonSet(`h${i}`, `kubernetes.io/hostname: node-${i}`));
    docs.push(daemonSet('twin', 'kubernetes.io/hostname: node-7'));
    const findings = await conflicts(docs);
    expect(findings.map((f) => f.message.match(/DaemonSet (\w+) \(container agent\) claims .*?, and DaemonSet (\w+)/)?.slice(1))).toEqual([
      ['h7', 'twin'],
      ['twin', 'h7'],
    ]);
    expect(calls.shapesDisjoint).toBeLessThanOrEqual(2);
    expect(calls.placementsDisjoint).toBe(0);
  });

  it('a bind whose placement the shapes cannot decide (NotIn on the other\'s pinned key) is still asked per placement', async () => {
    const docs = [daemonSet('pinned', 'site: s-1'), daemonSet('other', 'site: s-2')];
    docs.push(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: not-s1\nspec:\n  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n        - matchExpressions:\n          - key: site\n            operator: NotIn\n            values: [s-1]\n  containers:\n  - name: agent\n    image: registry.example.com/edge/agent:1.0.0\n    ports:\n    - containerPort: 9000\n      hostPort: 9000\n`,
    );
    const findings = await conflicts(docs);
    // not-s1 never runs where `pinned` does, and may run where `other` does (on cloud nodes: edge nodes carry no `site` here).
    expect(findings.map((f) => f.message.match(/^Host port 9000\/TCP on (\w+) nodes is claimed twice by pods: (\w+ [\w-]+) .*?, and (\w+ [\w-]+)/)?.slice(1))).toEqual([
      ['cloud', 'DaemonSet other', 'Pod not-s1'],
      ['cloud', 'Pod not-s1', 'DaemonSet other'],
    ]);
    expect(calls.placementsDisjoint).toBeGreaterThan(0);
  });
});
