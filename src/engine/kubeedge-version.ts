/**
 * Which KubeEdge release a deployment's version-dependent checks were judged against, and whether the
 * user said so. Three checks change with the release: edgecore.yaml keys (the per-version schema), the
 * sysctls edged admits (the kubelet vendored by that release) and install-script edits of edgecore.yaml.
 * An unset `kubeedgeVersion` means the newest release edgelint knows; a user whose nodes run an older
 * one should hear that once, when it could change a result, not on every run.
 */
import type { Model } from '../model/types.js';
import { KEADM_EDGECORE_PATH, statedEdgecoreVersion } from '../model/edgecore.js';
import { defaultKnowledge } from '../knowledge/index.js';
import { minorOf } from '../knowledge/versions.js';

export interface KubeEdgeVersionInUse {
  /** `major.minor`, e.g. `1.23`. */
  version: string;
  /** True when no `kubeedgeVersion` was configured and the newest known release stood in. */
  assumed: boolean;
}

export function kubeedgeVersionInUse(configured: string | undefined): KubeEdgeVersionInUse {
  const minor = configured === undefined ? undefined : minorOf(configured);
  // The config schema admits only supported versions, so a configured value always has a minor.
  if (minor) return { version: `${minor[0]}.${minor[1]}`, assumed: false };
  return { version: defaultKnowledge().sysctls.newestKubeEdge(), assumed: true };
}

/**
 * Whether anything in the model is judged by the release: an edgecore.yaml that does not carry its own
 * `edgecoreVersion` (edgecore writes it from v1.21, facts §1.1; a file that has it is checked against
 * it), an install script's edit of the edgecore.yaml `keadm join` writes (its text is not in the
 * repository, so only the release's layout judges the edit), or a pod asking for sysctls. An edit of
 * any other YAML file is judged by that file's own text, whatever the release.
 */
export function dependsOnKubeEdgeVersion(model: Model): boolean {
  if (model.scriptEdits.some((e) => e.edit.target.value === KEADM_EDGECORE_PATH)) return true;
  if (model.workloads.some((w) => w.sysctls.length > 0)) return true;
  return model.classes.some((c) => c.edgecore.some((config) => statedEdgecoreVersion(config.value) === undefined));
}
