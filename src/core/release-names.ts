/**
 * How deployments name the KubeEdge release they run, in variables of their own: install scripts
 * (`KUBEEDGE_VERSION=v1.10.0`, `keadm_version=1.14.2`) and tooling YAML (an Ansible play's
 * `kubeedge_version: v1.14.0`, a values file's `kubeedgeVersion: 1.15.1`). Shared by the script reader
 * and the model, which know nothing of each other.
 */

/** `KUBEEDGE_VERSION`, `kubeedge_ver`, `KEADM_VERSION`, `edgecoreVersion`, `KUBEEDGE_RELEASE`. */
export const RELEASE_VARIABLE = /^(?:kube_?edge|keadm|edge_?core)[-_]?(?:version|ver|release)$/i;

/** `v1.10.0`, `1.14`, `v1.13.0-rc.1` as such a variable holds a release; group 1 is `1.10.0`. */
export const RELEASE_VALUE = /^v?(1\.\d{1,3}(?:\.\d{1,4})?)(?:-[0-9A-Za-z.]+)?$/;
