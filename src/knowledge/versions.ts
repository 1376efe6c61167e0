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

/**
 * `1.22`, `v1.22.2`, `1.13` → true; `1.99`, `2.0`, `latest` → false. A release older than the data
 * (KUBEEDGE_VERSIONS) is accepted: its edgecore.yaml keys are then not checked, and lint() says so in
 * a notice (src/engine/kubeedge-version.ts); a release newer than the data is not known at all.
 */
export function isSupportedKubeEdge(version: string): boolean {
  const minor = minorOf(version);
  return minor !== undefined && minor[0] === 1 && compareMinor(`${minor[0]}.${minor[1]}`, KUBEEDGE_VERSIONS[KUBEEDGE_VERSIONS.length - 1]) <= 0;
}

/** "up to 1.23; schemas from 1.16", for messages. */
export function supportedKubeEdgeRange(): string {
  return `up to ${KUBEEDGE_VERSIONS[KUBEEDGE_VERSIONS.length - 1]}; edgecore.yaml schemas from ${KUBEEDGE_VERSIONS[0]}`;
}
