import kubeedgeData from '../../data/kubeedge.json' with { type: 'json' };

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

/** The KubeEdge minors edgelint has data for (data/kubeedge.json), oldest first: `['1.16', …, '1.23']`. */
export const KUBEEDGE_VERSIONS: readonly string[] = Object.freeze(Object.keys(kubeedgeData.versions).sort(compareMinor));

/** `1.22`, `v1.22.2` → true when edgelint has data for that minor; `1.10`, `1.99`, `latest` → false. */
export function isSupportedKubeEdge(version: string): boolean {
  const minor = minorOf(version);
  return minor !== undefined && KUBEEDGE_VERSIONS.includes(`${minor[0]}.${minor[1]}`);
}

/** "1.16 to 1.23", for messages. */
export function supportedKubeEdgeRange(): string {
  return `${KUBEEDGE_VERSIONS[0]} to ${KUBEEDGE_VERSIONS[KUBEEDGE_VERSIONS.length - 1]}`;
}
