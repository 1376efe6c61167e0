/** `v1.22.2`, `1.22`, `1.22.0` → [1, 22]; undefined when not a version. */
export function minorOf(version: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Compares two `major.minor[.patch]` versions by major and minor. */
export function compareMinor(a: string, b: string): number {
  const x = minorOf(a);
  const y = minorOf(b);
  if (!x || !y) return 0;
  return x[0] - y[0] || x[1] - y[1];
}

/** Is `version` within an optional inclusive `[since, until]` range of minors? */
export function inRange(version: string, range: { since?: string; until?: string }): boolean {
  if (range.since && compareMinor(version, range.since) < 0) return false;
  if (range.until && compareMinor(version, range.until) > 0) return false;
  return true;
}
