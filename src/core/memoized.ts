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
