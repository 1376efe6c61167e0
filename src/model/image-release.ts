/**
 * The KubeEdge release a deployment's own CloudCore runs, read from the image its manifests start it
 * from (`kubeedge/cloudcore:v1.5.0`). KubeEdge publishes CloudCore per release under the release's tag
 * (the image tables of kubeedge/kubeedge CHANGELOG/CHANGELOG-1.*.md; the CloudCore chart keadm init
 * installs names `kubeedge/cloudcore` at its release's tag, manifests/charts/cloudcore/values.yaml: `v1.22.0`
 * in v1.22.2, the same minor, which is what a release is judged by). Like the release a cloud host's
 * script installs (collect.ts), it is the cloud's: only the fallback for the edge nodes' when nothing
 * else states one. sweep15 found a
 * v1alpha1 edgecore.yaml beside a CloudCore Deployment of `kubeedge/cloudcore:v1.5.0` warned of as if
 * the node might run 1.12 or newer.
 */
import { RELEASE_VALUE } from '../core/release-names.js';
import { evidence } from './release.js';
import type { ReleaseEvidence } from './release.js';
import type { Workload } from './types.js';

/** `kubeedge/cloudcore` on Docker Hub or a mirror keeping its path (`registry.example.com/kubeedge/cloudcore`). */
function isCloudcoreImage(path: string): boolean {
  return path === 'kubeedge/cloudcore' || path.endsWith('/kubeedge/cloudcore');
}

export function cloudcoreImageReleases(workloads: readonly Workload[]): ReleaseEvidence[] {
  const found: ReleaseEvidence[] = [];
  for (const workload of workloads) {
    for (const container of workload.containers) {
      const ref = container.imageRef;
      // A placeholder tag (`{{ .Values.tag }}`, `${TAG}`) or none (`:latest`) names no release.
      if (!ref || ref.placeholder || ref.tag === undefined || !container.image || !isCloudcoreImage(ref.path)) continue;
      const m = RELEASE_VALUE.exec(ref.tag);
      const e = m ? evidence(m[1], container.image.span, `the cloudcore image ${ref.raw}`) : undefined;
      if (e) found.push(e);
    }
  }
  return found;
}
