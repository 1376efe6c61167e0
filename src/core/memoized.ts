/** `compute`, called once per argument. */
export function memoized<K, V>(compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (known.has(key)) return known.get(key)!;
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}

/**
 * `compute`, remembered for the last `size` arguments it was called with: for a result as large as
 * its argument (a text's lines), where a run asks about a few texts many times over (each edit of one
 * file) and remembering every text would hold them all twice. Arguments are compared with `===`,
 * which settles a different text of another length at once, with no hash of a whole text to make.
 */
export function memoizedRecent<K, V>(size: number, compute: (key: K) => V): (key: K) => V {
  const recent: Array<{ key: K; value: V }> = [];
  return (key) => {
    const hit = recent.find((entry) => entry.key === key);
    if (hit) return hit.value;
    const value = compute(key);
    recent.unshift({ key, value });
    if (recent.length > size) recent.pop();
    return value;
  };
}

/**
 * `check` (a list of what is wrong with its argument), remembering up to `bound` arguments it found
 * nothing wrong with: for checks a run asks about a small vocabulary many times over (the label keys
 * and values every object of a Helm chart repeats), where most answers are "nothing". A remembered
 * argument gets a new empty list (callers may add to it); any other is checked again, so a wrong
 * value's messages are computed as before. Past `bound` the memory starts over: an input of
 * unique values costs one Set of at most `bound` strings, never more.
 */
export function memoizedPasses<K>(bound: number, check: (key: K) => string[]): (key: K) => string[] {
  const passed = new Set<K>();
  return (key) => {
    if (passed.has(key)) return [];
    const messages = check(key);
    if (messages.length === 0) {
      if (passed.size >= bound) passed.clear();
      passed.add(key);
    }
    return messages;
  };
}
