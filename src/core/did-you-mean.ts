/**
 * "Did you mean" for names a program does not know: one policy for every suggestion edgelint makes
 * (edgecore keys, Kubernetes fields, systemd sections), so a suggestion always means a near spelling.
 * A far suggestion misleads more than none: the budget grows with the name, but slowly.
 */

/**
 * Optimal-string-alignment Damerau-Levenshtein distance: insertions, deletions, substitutions and
 * transpositions of adjacent characters each cost 1 (`mqttSever` → `mqttServer` is 1).
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prevPrev = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1);
      cur[j] = d;
    }
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[m];
}

/**
 * Largest edit distance still treated as a typo of a name of `length` characters: one edit up to 7
 * characters (`Servcie`, `hostnetwork`'s case aside), then one more per 4 characters, at most 4. A
 * quarter of the name, never more: `port` is not a typo of `path`, nor `restartAfterCrash` of `restartPolicy`.
 */
export function typoBudget(length: number): number {
  return Math.max(1, Math.min(4, Math.floor(length / 4)));
}

/**
 * The candidate `name` most likely meant: the same letters in another case first, then the nearest
 * spelling within the typo budget (ties: the alphabetically first); undefined when none is near.
 */
export function closestName(candidates: Iterable<string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  const budget = typoBudget(name.length);
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    // The length difference is a lower bound of the distance: most candidates are ruled out for free,
    // and a 100 KB name costs nothing against 20-character ones.
    if (Math.abs(candidate.length - name.length) > budget) continue;
    const distance = candidate.toLowerCase() === lower ? 0 : damerauLevenshtein(lower, candidate.toLowerCase());
    if (distance > budget || replacesAWord(lower, candidate.toLowerCase(), distance)) continue;
    if (!best || distance < best.distance || (distance === best.distance && candidate < best.name)) best = { name: candidate, distance };
  }
  return best?.name;
}

/**
 * A name whose differing part, between what it shares with the candidate at both ends, is rewritten
 * letter for letter (`eventBusType` → `eventBusTLS`, `httpCheckFrequency` → `fileCheckFrequency`)
 * names another setting: a typo slips a letter or two, it does not replace a word of three or more.
 */
function replacesAWord(a: string, b: string, distance: number): boolean {
  if (distance < 3) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return distance >= Math.max(a.length - start - end, b.length - start - end);
}
