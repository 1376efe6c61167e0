/**
 * Which KubeEdge release a deployment's version-dependent checks were judged against, and whether the
 * user or the deployment said so. Three checks change with the release: edgecore.yaml keys (the
 * per-version schema), the sysctls edged admits (the kubelet vendored by that release) and
 * install-script edits of edgecore.yaml. Without `kubeedgeVersion`, the release the deployment
 * itself states (src/model/release.ts: install scripts, `edgecoreVersion`) is used; without that, the
 * newest release edgelint knows, and a user whose nodes run an older one should hear that once, when
 * it could change a result, not on every run.
 */
import type { Model } from '../model/types.js';
import { KEADM_EDGECORE_PATH } from '../model/edgecore.js';
import { ownReleaseEvidence, releaseInUse, where } from '../model/release.js';
import type { ReleaseEvidence } from '../model/release.js';
import { edgecoreConfigs } from '../edgecore/locate.js';
import { defaultKnowledge } from '../knowledge/index.js';
import { compareMinor, minorOf } from '../knowledge/versions.js';
import { resolveSpan } from '../core/source.js';

export interface KubeEdgeVersionInUse {
  /** `major.minor`, e.g. `1.23`. */
  version: string;
  /** True when neither `kubeedgeVersion` nor the deployment stated a release and the newest known stood in. */
  assumed: boolean;
}

export function kubeedgeVersionInUse(configured: string | undefined, model?: Model): KubeEdgeVersionInUse {
  const minor = configured === undefined ? undefined : minorOf(configured);
  // The config schema admits only versions with a minor.
  if (minor) return { version: `${minor[0]}.${minor[1]}`, assumed: false };
  if (model?.release.minor) return { version: model.release.minor, assumed: false };
  return { version: defaultKnowledge().sysctls.newestKubeEdge(), assumed: true };
}

/**
 * Said with the assumed-version notice when the deployment names several releases: which, and where,
 * so the user sees why none was taken.
 */
export function conflictingReleases(model: Model): string | undefined {
  const byMinor = new Map<string, ReleaseEvidence>();
  for (const e of model.release.evidence) if (!byMinor.has(e.minor)) byMinor.set(e.minor, e);
  if (byMinor.size < 2) return undefined;
  return `the deployment names several releases (${[...byMinor.values()].map((e) => `${e.minor} at ${where(e)}`).join(', ')})`;
}

/**
 * One notice per edgecore.yaml judged by a release older than the oldest edgelint has schemas for:
 * its keys and values were not checked (only a v1alpha1 layout under a release that reads v1alpha2
 * is still reported, edgecore/locate.ts). Not a finding: nothing is known to be wrong.
 */
export function olderReleaseNotices(model: Model): string[] {
  const oldest = defaultKnowledge().sysctls.oldestKubeEdge();
  const notices: string[] = [];
  for (const config of edgecoreConfigs(model)) {
    const release = releaseInUse(model.settings.kubeedgeVersion, model.release, config);
    if (release.minor === undefined || compareMinor(release.minor, oldest) >= 0) continue;
    const by = release.from === 'config' ? 'kubeedgeVersion in .edgelint.yaml' : release.evidence ? `${release.evidence.how} at ${where(release.evidence)}` : '';
    notices.push(`${resolveSpan(config.span).file}: judged as KubeEdge ${release.minor} (${by}), older than the oldest release edgelint has schemas for (${oldest}): its keys and values were not checked (edgecore/unknown-key, edgecore/invalid-value)`);
  }
  return notices;
}

/**
 * Whether anything in the model is judged by the release: an edgecore.yaml that does not carry its own
 * `edgecoreVersion` (edgecore writes it from v1.21, facts §1.1; a file that has it is checked against
 * it), an install script's edit of the edgecore.yaml `keadm join` writes (its text is not in the
 * repository, so only the release's layout judges the edit), a pod asking for sysctls, or an object of
 * an API version a Kubernetes release stopped serving. An edit of
 * any other YAML file is judged by that file's own text, whatever the release.
 */
export function dependsOnKubeEdgeVersion(model: Model): boolean {
  if (model.scriptEdits.some((e) => e.edit.target.value === KEADM_EDGECORE_PATH)) return true;
  if (model.workloads.some((w) => w.sysctls.length > 0)) return true;
  // Whether a removed API version is reported depends on the Kubernetes version the release vendors
  // (k8s/schema: apps/v1beta2 is served up to 1.15; sweep20 O-1).
  if (model.objects.some((o) => o.schemaIssues?.some((i) => i.kind === 'removed-version'))) return true;
  return model.classes.some((c) => c.edgecore.some((config) => config.assumed || ownReleaseEvidence(config) === undefined));
}
