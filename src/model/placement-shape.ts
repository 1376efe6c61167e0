/**
 * Placement *shapes*: a placement with the label values it pins (and the node it binds to) left out.
 * A fleet pins thousands of pods one per node (`kubernetes.io/hostname: node-17`, `nodeName: node-17`,
 * `site: s-17`) with a handful of shapes; whether two of them can share a node is then decided once per
 * pair of shapes and by comparing pinned values, never per pair of placements (placementsDisjoint asked
 * of 16,000 hostname-pinned and 16,000 site-pinned hostPort pods took 85 s; hostile11).
 *
 * Why it is exact: placementsDisjoint (placement.ts) is "every way of satisfying one contradicts every
 * way of satisfying the other on some key". A key one placement pins cleanly (`K In [v]` in every way,
 * nothing else said of K) meets in the other either the same clean pin (equal values: no contradiction
 * there, as for the stand-in value both shapes put in its place; different values: contradiction in
 * every pair of ways, so disjoint) or nothing at all (no contradiction, whatever the value). Only when
 * the other says something else of K (`K NotIn [v]`, `K In [v, w]` in one term) does the value matter:
 * those pairs are not `separable` and the caller asks placementsDisjoint.
 */
import type { Placement } from './types.js';
import { compatible, conjunctions, type KeyConstraint } from './placement.js';
import { isNodeName } from './edge-node-names.js';

export interface PlacementShape {
  /** Equal for two placements that differ only in the values of the same clean pins. */
  readonly key: string;
  /** Pins (`n\0` for nodeName, `l\0KEY` for a label) and their values: what the shape leaves out. */
  readonly pins: ReadonlyMap<string, string>;
  /** `l\0KEY` for every label key some way of the placement says anything of. */
  readonly mentions: ReadonlySet<string>;
  /** The ways with every pinned label at one stand-in value. */
  readonly ways: ReadonlyArray<Map<string, KeyConstraint>>;
}

/** The stand-in for a pinned label's value: every shape pinning a key has this same constraint. */
const PINNED: KeyConstraint = { allowed: new Set(['\0pinned']), excluded: new Set(), mustExist: true, mustNotExist: false };

const shapes = new WeakMap<Placement, PlacementShape>();

/** The shape of a placement, made once per placement object (every listener of a workload shares it). */
export function placementShape(placement: Placement): PlacementShape {
  let shape = shapes.get(placement);
  if (!shape) shapes.set(placement, (shape = readShape(placement)));
  return shape;
}

const clean = (c: KeyConstraint | undefined): c is KeyConstraint & { allowed: Set<string> } =>
  c !== undefined && c.allowed?.size === 1 && c.excluded.size === 0 && !c.mustNotExist;

function readShape(placement: Placement): PlacementShape {
  const ways = conjunctions(placement);
  const pins = new Map<string, string>();
  // placementsDisjoint decides by nodeName only between two node names: a placeholder pins nothing.
  if (placement.nodeName !== undefined && isNodeName(placement.nodeName)) pins.set('n\0', placement.nodeName);
  const mentions = new Set<string>();
  for (const way of ways) for (const key of way.keys()) mentions.add(`l\0${key}`);
  const pinned = new Set<string>();
  for (const [key, c] of ways[0]) {
    if (!clean(c)) continue;
    const [value] = c.allowed;
    if (ways.every((way) => { const other = way.get(key); return clean(other) && other.allowed.has(value); })) {
      pins.set(`l\0${key}`, value);
      pinned.add(key);
    }
  }
  const blank = ways.map((way) => {
    const out = new Map<string, KeyConstraint>();
    for (const [key, c] of way) out.set(key, pinned.has(key) ? PINNED : c);
    return out;
  });
  const sorted = <T>(values: Iterable<T>) => [...values].sort();
  const key = JSON.stringify([
    sorted(pins.keys()),
    // A nodeName that pins nothing (a placeholder) stays as written: placementKey keeps it too.
    pins.has('n\0') ? null : (placement.nodeName ?? null),
    blank.map((way) =>
      sorted(way.keys()).map((k) => {
        const c = way.get(k)!;
        return [k, c.allowed ? sorted(c.allowed) : null, sorted(c.excluded), c.mustExist, c.mustNotExist];
      }),
    ),
  ]);
  return { key, pins, mentions, ways: blank };
}

/**
 * Whether shapesDisjoint and the pins decide two placements of these shapes: every label either pins
 * is pinned by the other too or not spoken of there.
 */
export function separable(a: PlacementShape, b: PlacementShape): boolean {
  const covers = (x: PlacementShape, y: PlacementShape) => {
    for (const pin of x.pins.keys()) if (pin !== 'n\0' && !y.pins.has(pin) && y.mentions.has(pin)) return false;
    return true;
  };
  return covers(a, b) && covers(b, a);
}

/** Two separable placements of these shapes with equal values on the pins both carry: can they share no node? */
export function shapesDisjoint(a: PlacementShape, b: PlacementShape): boolean {
  for (const x of a.ways) for (const y of b.ways) if (compatible(x, y)) return false;
  return true;
}

/** The pins both shapes carry, sorted: the values two separable placements must agree on to meet. */
export function sharedPins(a: PlacementShape, b: PlacementShape): string[] {
  const shared: string[] = [];
  for (const pin of a.pins.keys()) if (b.pins.has(pin)) shared.push(pin);
  return shared.sort();
}
