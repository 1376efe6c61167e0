/**
 * The KubeEdge release a deployment's tooling YAML states: an Ansible play or vars file
 * (`kubeedge_version: v1.14.0`), a values file (`kubeedgeVersion: 1.15.1`). sweep4 found a 1.14 node
 * whose only statement of its release was such a variable, and its edgecore.yaml judged as 1.23.
 * Only YAML edgelint does not lint is read (neither Kubernetes objects nor edgecore configs: a Pod's
 * env or a ConfigMap key of the same name says what a container is told, not what the node runs).
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { parseSideDocuments } from '../parse/side-yaml.js';
import type { SourceFile } from '../core/source.js';
import { span } from '../core/source.js';
import { evidence } from './release.js';
import type { ReleaseEvidence } from './release.js';
import { RELEASE_DOWNLOAD_URL, RELEASE_TARBALL, RELEASE_VALUE, isReleaseVariable } from '../core/release-names.js';

/** A line that could hold such a key: the cheap test that keeps every other file unparsed. */
const RELEASE_KEY_LINE = /^[ \t-]*["']?(?:kube_?edge|keadm|edge_?core)[-_]?(?:version|ver|release)["']?[ \t]*:/im;
/** Tooling files that state a release are small; a larger one is not parsed for it. */
const MAX_CHARS = 1024 * 1024;

export function toolingReleases(files: readonly SourceFile[]): ReleaseEvidence[] {
  const found: ReleaseEvidence[] = [];
  for (const file of files) {
    if (file.text.length > MAX_CHARS || !RELEASE_KEY_LINE.test(file.text)) continue;
    // A repeated key here is just two statements: no uniqueKeys (side-yaml.ts).
    for (const doc of parseSideDocuments(file)) releaseKeys(file, doc.contents, found);
  }
  return found;
}

/** Deep enough for a play's `vars:` (list → play → vars → key) and role defaults; bounded for any input. */
const MAX_DEPTH = 6;
/** Collection items looked at per document: tooling files are small; a hostile one stops here. */
const MAX_ITEMS = 20_000;

function releaseKeys(source: SourceFile, contents: unknown, found: ReleaseEvidence[]): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: contents, depth: 0 }];
  let items = 0;
  while (stack.length > 0 && items < MAX_ITEMS) {
    const { node, depth } = stack.pop()!;
    if (depth >= MAX_DEPTH || !(isMap(node) || isSeq(node))) continue;
    for (const item of node.items) {
      if (++items > MAX_ITEMS) break;
      if (!isPair(item)) {
        stack.push({ node: item, depth: depth + 1 });
        continue;
      }
      const { key, value } = item;
      if (isScalar(key) && typeof key.value === 'string' && isReleaseVariable(key.value) && isScalar(value) && value.range) {
        // The text as written: a plain `1.10` is the float 1.1 once resolved.
        const [start, end] = value.range;
        const written = source.text.slice(start, end).replace(/^(["'])(.*)\1$/s, '$2');
        const m = RELEASE_VALUE.exec(written);
        const e = m ? evidence(m[1], span(source, start, end), `${key.value}: ${written}`) : undefined;
        if (e) found.push(e);
      } else {
        stack.push({ node: value, depth: depth + 1 });
      }
    }
  }
}

/** `Dockerfile`, `Dockerfile.edge`, `edge.Dockerfile`, `Containerfile`: the names docker and podman build by. */
export const DOCKERFILE_NAME = /(?:^|\/)(?:(?:Docker|Container)file(?:\.[^/]*)?|[^/]+\.(?:dockerfile|Dockerfile))$/;

/**
 * The release a Dockerfile builds an image of: the release tarball or download URL its instructions
 * fetch (`RUN curl -L …/releases/download/v1.7.2/kubeedge-v1.7.2-linux-amd64.tar.gz`), or a release
 * variable it declares (`ARG KUBEEDGE_VERSION=v1.7.2`, `ENV KEADM_VERSION 1.14.2`). sweep11 found an
 * edgecore-in-a-container repository whose only statement of its release (1.7) was its Dockerfile,
 * and its v1alpha1 edgecore.yaml warned of as if the node might run 1.12 or newer. Comment lines are
 * skipped; the first statement on a line counts.
 */
export function dockerfileReleases(file: SourceFile): ReleaseEvidence[] {
  const found: ReleaseEvidence[] = [];
  if (file.text.length > MAX_CHARS) return found;
  let start = 0;
  while (start <= file.text.length) {
    const newline = file.text.indexOf('\n', start);
    const end = newline === -1 ? file.text.length : newline;
    const line = file.text.slice(start, end);
    if (!/^\s*#/.test(line)) {
      const e = lineRelease(file, line, start);
      if (e) found.push(e);
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return found;
}

const DECLARATION = /^\s*(?:ARG|ENV)\s+([A-Za-z_][A-Za-z0-9_]*)(?:=|\s+)["']?([^\s"']+)/i;

function lineRelease(file: SourceFile, line: string, offset: number): ReleaseEvidence | undefined {
  const tarball = RELEASE_TARBALL.exec(line);
  if (tarball) return evidence(tarball[2], span(file, offset + tarball.index, offset + tarball.index + tarball[0].length), `the ${tarball[1] === 'keadm' ? 'keadm ' : ''}release tarball ${tarball[0]}`);
  const url = RELEASE_DOWNLOAD_URL.exec(line);
  if (url) return evidence(url[1], span(file, offset + url.index, offset + url.index + url[0].length), `a release download URL (…/${url[0]})`);
  const declared = DECLARATION.exec(line);
  if (declared && isReleaseVariable(declared[1])) {
    const m = RELEASE_VALUE.exec(declared[2]);
    const at = offset + declared[0].length - declared[2].length;
    if (m) return evidence(m[1], span(file, at, at + declared[2].length), `${declared[1]}=${declared[2]}`);
  }
  return undefined;
}

/**
 * A BitBake recipe of KubeEdge named `<package>_<version>.bb` (`edgecore_1.8.2.bb`, `kubeedge_1.9.1.bb`,
 * also `.bbappend`): BitBake takes a recipe's PV from its file name, the part after the first `_`
 * (bitbake lib/bb/parse/__init__.py `vars_from_file`, read by `PV ?=` in meta/conf/bitbake.conf), so
 * the name is the release the Yocto image's nodes run. sweep13's Yocto layer stated its 1.8.2 release
 * only there, and its v1alpha1 edgecore.yaml templates drew the warning meant for 1.12 or newer.
 */
export const BITBAKE_RECIPE_NAME = /(?:^|\/)(?:kubeedge|edgecore|keadm)_(v?\d+\.\d+(?:\.\d+)?)[^/_]*\.bb(?:append)?$/;

export function bitbakeRecipeRelease(file: SourceFile): ReleaseEvidence | undefined {
  const m = BITBAKE_RECIPE_NAME.exec(file.path);
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  return m ? evidence(m[1], span(file, 0, 0), `the BitBake recipe ${name}`) : undefined;
}
