/**
 * One owner with many binds of one port and address (8,000 Ansible template tasks placing one broker
 * config on a host, or a conf.d of thousands of equal listeners): every site asked for the other owners'
 * binds it collides with, and each looked through all of its own owner's binds to skip them, quadratic
 * (hostile16: 8,000 tasks, 11.5 s CPU). The work is counted as the reads of the sites' owners.
 */
import { describe, expect, it } from 'vitest';
import { ProtocolIndex, type Site } from '../../src/model/bind-collisions.js';
import type { Listener } from '../../src/model/types.js';

function sites(count: number, owner: (i: number) => string, reads: { owner: number }): Site[] {
  return Array.from({ length: count }, (_, index) => {
    const first = {
      port: 1883,
      get ownerKey() {
        reads.owner++;
        return owner(index);
      },
    } as unknown as Listener;
    return { first, end: 1883, addresses: ['0.0.0.0'], index };
  });
}

function collideAll(all: Site[]): Array<{ count: number; others: number[] }> {
  const index = new ProtocolIndex();
  for (const site of all) index.add(site);
  index.seal();
  return all.map((site) => {
    const { others, count } = index.collisions(site);
    return { count, others: others.map((o) => o.index) };
  });
}

describe('hostile binds: one owner binding one port thousands of times', () => {
  const N = 2_000;

  it('an owner alone: no collision, and its sites are not looked through again for each of them', () => {
    const reads = { owner: 0 };
    const all = sites(N, () => 'broker', reads);
    const results = collideAll(all);
    expect(results.every((r) => r.count === 0 && r.others.length === 0)).toBe(true);
    expect(reads.owner).toBeLessThanOrEqual(10 * N);
  });

  it('one other owner’s bind after them: each of the owner’s sites names it, the other names the first ten', () => {
    const reads = { owner: 0 };
    const all = sites(N + 1, (i) => (i < N ? 'broker' : 'other'), reads);
    const results = collideAll(all);
    expect(results.slice(0, N).every((r) => r.count === 1 && r.others.length === 1 && r.others[0] === N)).toBe(true);
    expect(results[N]).toEqual({ count: N, others: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
    expect(reads.owner).toBeLessThanOrEqual(10 * N);
  });
});
