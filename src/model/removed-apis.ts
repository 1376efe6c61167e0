/**
 * Kubernetes API versions no longer served (data/k8s-removed-apis.json): kubernetes-models still
 * carries some of them (`extensions/v1beta1` Deployment), so a manifest written against one checks
 * clean against its old schema, while an API server from `removedIn` on answers `kubectl apply` with
 * "no matches for kind".
 */
import data from '../../data/k8s-removed-apis.json' with { type: 'json' };

export interface RemovedApi {
  removedIn: string;
  /** The apiVersion to write instead; absent when the kind itself is gone (PodSecurityPolicy). */
  use?: string;
}

let byKey: Map<string, RemovedApi> | undefined;

/** The removal of `apiVersion`/`kind`, or undefined for a version still served. */
export function removedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  if (!byKey) {
    byKey = new Map();
    for (const entry of data.removed as Array<{ apiVersion: string; kind: string; removedIn: string; use?: string }>) {
      byKey.set(`${entry.apiVersion}/${entry.kind}`, { removedIn: entry.removedIn, ...(entry.use ? { use: entry.use } : {}) });
    }
  }
  return byKey.get(`${apiVersion}/${kind}`);
}
