/**
 * Placement shapes (src/model/placement-shape.ts) decide disjointness exactly as placementsDisjoint
 * does, for every pair they call separable: different values on a pin both carry, or else the shapes'
 * own verdict. Checked on random placements over a few keys, values and operators (aliases, nodeName
 * and placeholders included), and on the cases the fleet corner is made of.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placementsDisjoint } from '../../src/model/placement.js';
import { placementShape, separable, shapesDisjoint, sharedPins } from '../../src/model/placement-shape.js';
import type { Placement, SelectorRequirement } from '../../src/model/types.js';
import { SourceFile } from '../../src/core/source.js';

const span = { source: new SourceFile('p.yaml', '', 'yaml'), start: 0, end: 0 };

const KEYS = ['site', 'zone', 'kubernetes.io/arch', 'beta.kubernetes.io/arch', 'kubernetes.io/hostname'];
const VALUES = ['a', 'b', 'c'];

const requirement: fc.Arbitrary<SelectorRequirement> = fc.record({
  key: fc.constantFrom(...KEYS),
  operator: fc.constantFrom('In', 'In', 'In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt'),
  values: fc.uniqueArray(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 2 }),
});

const placement: fc.Arbitrary<Placement> = fc
  .record({
    selector: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 }),
    terms: fc.array(fc.array(requirement, { maxLength: 2 }), { maxLength: 2 }),
    nodeName: fc.option(fc.constantFrom('n1', 'n2', '<node>'), { nil: undefined }),
  })
  .map(({ selector, terms, nodeName }) => ({ nodeSelector: { ...selector }, requiredTerms: terms, tolerations: [], ...(nodeName ? { nodeName } : {}), span }));

/** The shapes' verdict on a separable pair. */
function byShapes(a: Placement, b: Placement): boolean {
  const [sa, sb] = [placementShape(a), placementShape(b)];
  if (sharedPins(sa, sb).some((pin) => sa.pins.get(pin) !== sb.pins.get(pin))) return true;
  return shapesDisjoint(sa, sb);
}

const pinned = (selector: Record<string, string>, nodeName?: string): Placement => ({ nodeSelector: selector, requiredTerms: [], tolerations: [], ...(nodeName ? { nodeName } : {}), span });

describe('placement shapes', () => {
  it('agree with placementsDisjoint on every separable pair', () => {
    let decided = 0;
    fc.assert(
      fc.property(placement, placement, (a, b) => {
        if (!separable(placementShape(a), placementShape(b))) return;
        decided++;
        expect(byShapes(a, b)).toBe(placementsDisjoint(a, b));
      }),
      { numRuns: 3000 },
    );
    // Most random pairs are separable: the property is not vacuous.
    expect(decided).toBeGreaterThan(1000);
  });

  it('one shape for placements pinned alike, whatever the values', () => {
    expect(placementShape(pinned({ site: 's-1' })).key).toBe(placementShape(pinned({ site: 's-2' })).key);
    expect(placementShape(pinned({}, 'node-1')).key).toBe(placementShape(pinned({}, 'node-2')).key);
    expect(placementShape(pinned({ site: 's-1', 'kubernetes.io/arch': 'arm64' })).key).toBe(placementShape(pinned({ 'kubernetes.io/arch': 'amd64', site: 's-9' })).key);
    expect(placementShape(pinned({ site: 's-1' })).key).not.toBe(placementShape(pinned({ zone: 's-1' })).key);
    // A placeholder binds to no known node: it stays in the shape as written.
    expect(placementShape(pinned({}, '<node>')).key).not.toBe(placementShape(pinned({}, 'node-1')).key);
  });

  it('a NotIn on the other\'s pinned key is not separable: the value decides', () => {
    const notA: Placement = { nodeSelector: {}, requiredTerms: [[{ key: 'site', operator: 'NotIn', values: ['a'] }]], tolerations: [], span };
    expect(separable(placementShape(notA), placementShape(pinned({ site: 'a' })))).toBe(false);
    expect(placementsDisjoint(notA, pinned({ site: 'a' }))).toBe(true);
    expect(placementsDisjoint(notA, pinned({ site: 'b' }))).toBe(false);
  });
});
