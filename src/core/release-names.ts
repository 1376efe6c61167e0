/**
 * How deployments name the KubeEdge release they run, in variables of their own: install scripts
 * (`KUBEEDGE_VERSION=v1.10.0`, `keadm_version=1.14.2`) and tooling YAML (an Ansible play's
 * `kubeedge_version: v1.14.0`, a values file's `kubeedgeVersion: 1.15.1`). Shared by the script reader
 * and the model, which know nothing of each other.
 */

const RELEASE_VARIABLES = new Set(
  ['kubeedge', 'kube_edge', 'keadm', 'edgecore', 'edge_core'].flatMap((program) => ['', '-', '_'].flatMap((sep) => ['version', 'ver', 'release'].map((what) => program + sep + what))),
);

/**
 * `KUBEEDGE_VERSION`, `kubeedge_ver`, `KEADM_VERSION`, `edgecoreVersion`, `KUBEEDGE_RELEASE`, in any
 * case of ASCII letters: the 45 spellings of `^(?:kube_?edge|keadm|edge_?core)[-_]?(?:version|ver|release)$/i`
 * looked up in a Set, where V8 compiled that pattern to ~760 lines of regexp bytecode in every script
 * run (issue #13). The Kelvin sign is left out, as the pattern left it: toLowerCase() makes it `k`.
 */
export function isReleaseVariable(name: string): boolean {
  return RELEASE_VARIABLES.has(name.toLowerCase()) && !name.includes('\u212a');
}

/** `v1.10.0`, `1.14`, `v1.13.0-rc.1` as such a variable holds a release; group 1 is `1.10.0`. */
export const RELEASE_VALUE = /^v?(1\.\d{1,3}(?:\.\d{1,4})?)(?:-[0-9A-Za-z.]+)?$/;

/**
 * The release assets by name: `kubeedge-v<version>-linux-<arch>.tar.gz` and `keadm-v<version>-linux-<arch>.tar.gz`,
 * served under `https://github.com/kubeedge/kubeedge/releases/download/v<version>/` (the download tables
 * of kubeedge/kubeedge CHANGELOG/CHANGELOG-1.*.md). Group 1 of the tarball is `kubeedge` or `keadm`, the
 * last group the version. The architecture part is bounded: an unbounded one scanned each
 * `kubeedge-v1.1.1-linux-` of a long word to its end.
 */
export const RELEASE_TARBALL = /\b(kubeedge|keadm)-v(\d+\.\d+\.\d+)-linux-[^/\s]{0,64}?\.tar\.gz/;
export const RELEASE_DOWNLOAD_URL = /kubeedge\/kubeedge\/releases\/download\/v(\d+\.\d+\.\d+)\//;
