import { describe, expect, it } from 'vitest';
import { memoizedPasses } from '../../src/core/memoized.js';

/** A check that counts its calls: words with a digit are wrong. */
function counted(): { check: (key: string) => string[]; calls: string[] } {
  const calls: string[] = [];
  const check = (key: string): string[] => {
    calls.push(key);
    return /\d/.test(key) ? [`${key} holds a digit`] : [];
  };
  return { calls, check };
}

describe('memoizedPasses', () => {
  it('checks a passing argument once and a failing one every time', () => {
    const { check, calls } = counted();
    const memo = memoizedPasses(8, check);
    const asked = ['app', 'app', 'v1', 'app', 'v1', 'tier'];
    expect(asked.map(memo)).toEqual([[], [], ['v1 holds a digit'], [], ['v1 holds a digit'], []]);
    expect(calls).toEqual(['app', 'v1', 'v1', 'tier']);
  });

  it('hands out a new empty list each time, so a caller adding to one changes no other answer', () => {
    const memo = memoizedPasses(8, counted().check);
    const first = memo('app');
    first.push('added by a caller');
    expect(memo('app')).toEqual([]);
  });

  it('forgets everything past its bound and then remembers again', () => {
    const { check, calls } = counted();
    const memo = memoizedPasses(2, check);
    for (const key of ['a', 'b', 'c', 'a', 'c', 'c']) memo(key);
    // a, b remembered; c clears them and is remembered alone; a is checked again and joins c.
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });
});
