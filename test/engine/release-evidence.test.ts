/**
 * The KubeEdge release a deployment states itself (src/model/release.ts): install scripts naming the
 * release they install and edgecore.yaml's edgecoreVersion. One release older than the edgecore
 * schemas: the edgecore.yaml is not judged key by key, and one notice says so (sweep3 FP-1).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';

/**
 * A v1alpha2 file as an older edgecore's --defaultconfig writes it: dockershim-era keys under edged.
 * Judged by a release with schemas it is one edgecore/unknown-key finding at its first such key
 * (src/edgecore/locate.ts collapseDockershimLayout); by an older release, none.
 */
const OLD_LAYOUT = [
  'apiVersion: edgecore.config.kubeedge.io/v1alpha2',
  'kind: EdgeCore',
  'modules:',
  '  edged:',
  '    cniConfDir: /etc/cni/net.d',
  '    containerRuntime: remote',
  '    networkPluginMTU: 1450',
  '',
].join('\n');

const UNIT_WRITER = [
  'cp pkg/edge/edgecore /usr/local/bin/edgecore',
  'cat > /etc/systemd/system/edgecore.service <<EOF',
  '[Service]',
  'ExecStart=/usr/local/bin/edgecore --config /etc/kubeedge/edgecore.yaml',
  'Restart=always',
  'EOF',
  '',
].join('\n');

/** A CloudCore Deployment kept off edge nodes, its image tag given (sweep15: `kubeedge/cloudcore:v1.5.0`). */
function cloudcoreDeployment(image: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: cloudcore',
    '  namespace: kubeedge',
    'spec:',
    '  selector:',
    '    matchLabels: {app: cloudcore}',
    '  template:',
    '    metadata:',
    '      labels: {app: cloudcore}',
    '    spec:',
    '      nodeSelector:',
    '        node-role.kubernetes.io/control-plane: ""',
    '      containers:',
    '        - name: cloudcore',
    `          image: ${image}`,
    '          imagePullPolicy: IfNotPresent',
    '',
  ].join('\n');
}

/** The pre-1.12 config layout (v1alpha1) a 1.5 edgecore reads. */
const V1ALPHA1 = ['apiVersion: edgecore.config.kubeedge.io/v1alpha1', 'kind: EdgeCore', 'modules:', '  edged:', '    hostnameOverride: pi-02', ''].join('\n');

const NOT_CHECKED = 'older than the oldest release edgelint has schemas for (1.16): its keys and values were not checked (edgecore/unknown-key, edgecore/invalid-value)';
const ASSUMED = 'assuming KubeEdge 1.23, the newest edgelint knows';

describe('release evidence from the deployment', () => {
  it.each<{ name: string; files: Record<string, string>; findings: string[]; notices: string[] }>([
    {
      name: 'an offline installer unpacking the 1.13 tarball: nothing per key, one notice naming file, release and where',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/install.sh': `tar -xf kubeedge-v1.13.0-linux-arm64.tar.gz -C pkg\n${UNIT_WRITER}` },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.13 (the release tarball kubeedge-v1.13.0-linux-arm64.tar.gz at node/install.sh:1:9), ${NOT_CHECKED}`],
    },
    {
      // sweep11: a k3s + keadm init 1.12 cloud script beside a keadm join 1.13 edge script "named several releases".
      name: 'the cloud host\'s release (keadm init beside a 1.12 keadm download) gives way to the edge script\'s keadm join 1.13',
      files: {
        'node/edgecore.yaml': OLD_LAYOUT,
        'cloud.sh': 'wget https://github.com/kubeedge/kubeedge/releases/download/v1.12.1/keadm-v1.12.1-linux-amd64.tar.gz\nkeadm init --advertise-address=10.0.0.1\n',
        'edge.sh': 'keadm join --cloudcore-ipport=10.0.0.1:10000 --kubeedge-version=v1.13.0\n',
      },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.13 (keadm join --kubeedge-version=v1.13.0 at edge.sh:1:46), ${NOT_CHECKED}`],
    },
    {
      name: 'with nothing else stating a release, the cloud host\'s is taken (cloudcore and edgecore ship as one release)',
      files: {
        'node/edgecore.yaml': OLD_LAYOUT,
        'cloud.sh': 'wget https://github.com/kubeedge/kubeedge/releases/download/v1.12.1/keadm-v1.12.1-linux-amd64.tar.gz\nkeadm init --advertise-address=10.0.0.1\n',
      },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.12 (the keadm release tarball keadm-v1.12.1-linux-amd64.tar.gz at cloud.sh:1:6), ${NOT_CHECKED}`],
    },
    {
      // sweep11: an edgecore-in-a-container repository stated its release (1.7) only in its Dockerfile.
      name: 'a Dockerfile that fetches the 1.13 tarball states the release (a comment line does not)',
      files: {
        'node/edgecore.yaml': OLD_LAYOUT,
        'node/Dockerfile': '# was kubeedge-v1.9.0-linux-amd64.tar.gz\nFROM ubuntu:20.04\nRUN curl -LO https://example.invalid/kubeedge-v1.13.0-linux-amd64.tar.gz && \\\n    tar xzf kubeedge-v1.13.0-linux-amd64.tar.gz\n',
      },
      findings: [],
      // Named explicitly (as the library's in-memory files are), the Dockerfile is said to be skipped: it is only read for the release.
      notices: ['node/Dockerfile: not a file edgelint knows how to read (skipped)', `node/edgecore.yaml: judged as KubeEdge 1.13 (the release tarball kubeedge-v1.13.0-linux-amd64.tar.gz at node/Dockerfile:3:38), ${NOT_CHECKED}`],
    },
    {
      name: 'a release variable a Dockerfile declares (ARG KEADM_VERSION=…)',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'build/edge.Dockerfile': 'FROM debian:12\nARG KEADM_VERSION=v1.14.2\nRUN echo building\n' },
      findings: [],
      notices: ['build/edge.Dockerfile: not a file edgelint knows how to read (skipped)', `node/edgecore.yaml: judged as KubeEdge 1.14 (KEADM_VERSION=v1.14.2 at build/edge.Dockerfile:2:19), ${NOT_CHECKED}`],
    },
    {
      // sweep13 (session 26 rerun): a Yocto layer stated its release only in its recipes' names.
      name: 'a BitBake recipe named edgecore_1.8.2.bb states the release; a v1alpha1 config is not warned of as if the node might run 1.12 or newer',
      files: { 'layer/recipes-containers/edgecore/files/edgecore.yaml': V1ALPHA1, 'layer/recipes-containers/edgecore/edgecore_1.8.2.bb': 'SUMMARY = "KubeEdge edge part"\nLICENSE = "Apache-2.0"\n' },
      findings: [],
      notices: ['layer/recipes-containers/edgecore/edgecore_1.8.2.bb: not a file edgelint knows how to read (skipped)', `layer/recipes-containers/edgecore/files/edgecore.yaml: judged as KubeEdge 1.8 (the BitBake recipe edgecore_1.8.2.bb at layer/recipes-containers/edgecore/edgecore_1.8.2.bb:1:1), ${NOT_CHECKED}`],
    },
    {
      name: 'a recipe of another package, or one whose name holds no version, states nothing',
      // A v1alpha1 key v1alpha2 does not read (runtimeType), so the release-unknown warning shows what is stated: nothing.
      files: { 'edge/edgecore.yaml': `${V1ALPHA1}    runtimeType: docker\n`, 'layer/mosquitto_1.6.15.bb': 'LICENSE = "EPL-2.0"\n', 'layer/edgecore_git.bb': 'LICENSE = "Apache-2.0"\n' },
      findings: ['edgecore/invalid-value edge/edgecore.yaml:1:13'],
      notices: ['layer/mosquitto_1.6.15.bb: not a file edgelint knows how to read (skipped)', 'layer/edgecore_git.bb: not a file edgelint knows how to read (skipped)', `${ASSUMED}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
    },
    {
      // sweep15 FP-2: the only statement of the release was the image of the repository's CloudCore Deployment.
      name: 'the image a CloudCore Deployment runs (kubeedge/cloudcore:v1.13.0) states the cloud\'s release, taken when nothing else states one',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'cloud/cloudcore.yaml': cloudcoreDeployment('kubeedge/cloudcore:v1.13.0') },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.13 (the cloudcore image kubeedge/cloudcore:v1.13.0 at cloud/cloudcore.yaml:17:18), ${NOT_CHECKED}`],
    },
    {
      name: 'a v1alpha1 config beside a 1.5 CloudCore image is not warned of as if the node might run 1.12 or newer',
      files: { 'edge/edgecore.yaml': V1ALPHA1, 'cloud/cloudcore.yaml': cloudcoreDeployment('docker.io/kubeedge/cloudcore:v1.5.0') },
      findings: [],
      notices: [`edge/edgecore.yaml: judged as KubeEdge 1.5 (the cloudcore image docker.io/kubeedge/cloudcore:v1.5.0 at cloud/cloudcore.yaml:17:18), ${NOT_CHECKED}`],
    },
    {
      name: 'the CloudCore image gives way to what the edge side states (keadm join 1.14)',
      files: {
        'node/edgecore.yaml': OLD_LAYOUT,
        'cloud/cloudcore.yaml': cloudcoreDeployment('kubeedge/cloudcore:v1.13.0'),
        'edge.sh': 'keadm join --cloudcore-ipport=10.0.0.1:10000 --kubeedge-version=v1.14.0\n',
      },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.14 (keadm join --kubeedge-version=v1.14.0 at edge.sh:1:46), ${NOT_CHECKED}`],
    },
    {
      name: 'a CloudCore image without a release tag (latest, a chart value) states nothing',
      files: {
        'node/edgecore.yaml': OLD_LAYOUT,
        'cloud/a.yaml': cloudcoreDeployment('kubeedge/cloudcore'),
        'cloud/b.yaml': cloudcoreDeployment('kubeedge/cloudcore:${CLOUDCORE_TAG}'),
        'cloud/c.yaml': cloudcoreDeployment('example.com/someone/cloudcore-fork:v1.13.0'),
      },
      findings: ['edgecore/unknown-key node/edgecore.yaml:5:5'],
      notices: [`${ASSUMED}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
    },
    {
      name: 'keadm join --kubeedge-version= through a variable assigned once',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/join.sh': 'KE=v1.14.2\nkeadm join --cloudcore-ipport=10.0.0.1:10000 --kubeedge-version=$KE\n' },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.14 (keadm join --kubeedge-version=v1.14.2 at node/join.sh:2:46), ${NOT_CHECKED}`],
    },
    {
      // sweep16: keadm unpacked under a directory the run names (`$PKG/keadm-v1.7.1-linux-amd64/keadm/keadm join`).
      name: 'keadm run from a directory the run fills in is still keadm: its join states the release',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/join.sh': '"$PKG"/keadm/keadm join --cloudcore-ipport=10.0.0.1:10000 --kubeedge-version=v1.14.2\n' },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.14 (keadm join --kubeedge-version=v1.14.2 at node/join.sh:1:59), ${NOT_CHECKED}`],
    },
    {
      name: 'a release download URL of 1.21 judges the file as 1.21: containerRuntime (removed in 1.18) is reported, the dockershim-era keys too',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/get.sh': 'curl -LO https://github.com/kubeedge/kubeedge/releases/download/v1.21.0/keadm-v1.21.0-linux-amd64.tar.gz\n' },
      findings: ['edgecore/unknown-key node/edgecore.yaml:5:5'],
      notices: [],
    },
    {
      name: 'two releases named (1.13 and 1.15): today\'s newest-release judgement, and the notice says why',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/a.sh': 'tar -xf kubeedge-v1.13.0-linux-amd64.tar.gz\n', 'node/b.sh': 'tar -xf kubeedge-v1.15.1-linux-amd64.tar.gz\n' },
      findings: ['edgecore/unknown-key node/edgecore.yaml:5:5'],
      notices: [`${ASSUMED}, because the deployment names several releases (1.13 at node/a.sh:1:9, 1.15 at node/b.sh:1:9): set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
    },
    {
      name: 'a release only echoed is not one the script installs',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/a.sh': 'echo "get kubeedge-v1.13.0-linux-amd64.tar.gz first"\n' },
      findings: ['edgecore/unknown-key node/edgecore.yaml:5:5'],
      notices: [`${ASSUMED}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
    },
    {
      name: 'a release directory on the config\'s own path (one config per release an upgrade goes through)',
      files: { 'upgrade/v1.14.2/config/edgecore.yaml': OLD_LAYOUT },
      findings: [],
      notices: [`upgrade/v1.14.2/config/edgecore.yaml: judged as KubeEdge 1.14 (its path (v1.14.2/config/…) at upgrade/v1.14.2/config/edgecore.yaml:1:1), ${NOT_CHECKED}`],
    },
    {
      name: 'the path decides for its own file only: a config beside it without one is judged by the deployment',
      files: { 'upgrade/kubeedge-v1.14.2-linux-arm64/edgecore.yaml': OLD_LAYOUT, 'current/edgecore.yaml': OLD_LAYOUT },
      findings: ['edgecore/unknown-key current/edgecore.yaml:5:5'],
      notices: [
        `${ASSUMED}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`,
        `upgrade/kubeedge-v1.14.2-linux-arm64/edgecore.yaml: judged as KubeEdge 1.14 (its path (kubeedge-v1.14.2-linux-arm64/…) at upgrade/kubeedge-v1.14.2-linux-arm64/edgecore.yaml:1:1), ${NOT_CHECKED}`,
      ],
    },
    {
      name: 'a bare version directory is not taken for a release (a project\'s own 1.2.0/)',
      files: { 'charts/1.2.0/edgecore.yaml': OLD_LAYOUT },
      findings: ['edgecore/unknown-key charts/1.2.0/edgecore.yaml:5:5'],
      notices: [`${ASSUMED}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
    },
    {
      name: 'a script running edgecore from a release directory, through a variable assigned once',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/start.sh': 'KUBEEDGE_VERSION=v1.14.0\nnohup /etc/kubeedge/upgrade/${KUBEEDGE_VERSION}/bin/edgecore --config /etc/kubeedge/config/edgecore.yaml &\n' },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.14 (the edgecore binary at …/v1.14.0/bin/edgecore at node/start.sh:2:7), ${NOT_CHECKED}`],
    },
    {
      name: 'a release variable the script assigns once, used by nothing edgelint reads',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/install.sh': 'KEADM_VERSION="1.14.2"\n./fetch.sh "$KEADM_VERSION"\n' },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.14 (KEADM_VERSION=1.14.2 at node/install.sh:1:15), ${NOT_CHECKED}`],
    },
    {
      name: 'a release variable defaulting to a release when the environment gives none',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/install.sh': 'set -e\nKUBEEDGE_VERSION="${KUBEEDGE_VERSION:-v1.15.1}"\nARCH="${ARCH:-arm64}"\n' },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.15 (KUBEEDGE_VERSION defaulting to v1.15.1 at node/install.sh:2:18), ${NOT_CHECKED}`],
    },
    {
      name: 'a default of another variable is not this one\'s release',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/install.sh': 'KUBEEDGE_VERSION="${RELEASE:-v1.15.1}"\n' },
      findings: ['edgecore/unknown-key node/edgecore.yaml:5:5'],
      notices: [`${ASSUMED}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
    },
    {
      name: 'a release variable assigned twice states nothing',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/install.sh': 'KUBEEDGE_VERSION=v1.14.0\n[ -n "$1" ] && KUBEEDGE_VERSION=$1\n' },
      findings: ['edgecore/unknown-key node/edgecore.yaml:5:5'],
      notices: [`${ASSUMED}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
    },
    {
      name: 'an Ansible play\'s vars name the release; a plain 1.10 is read as written, not as the float 1.1',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'site.yml': '- hosts: edge\n  vars:\n    kubeedge_version: 1.10\n  roles: [edgecore]\n' },
      findings: [],
      // The play is read as a node-side installer (engine/ansible.ts); its vars are the tooling's release statement.
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.10 (kubeedge_version: 1.10 at site.yml:3:23), ${NOT_CHECKED}`],
    },
    {
      name: 'the same key in a Kubernetes object (a ConfigMap for an app) states nothing of the nodes',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  KUBEEDGE_VERSION: v1.14.0\n' },
      findings: ['edgecore/unknown-key node/edgecore.yaml:5:5'],
      notices: [`${ASSUMED}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
    },
    {
      // sweep20 O-1: a removed API version is reported or not by the Kubernetes the release vendors.
      name: 'an object of an API version Kubernetes 1.16 stopped serving, no release stated: reported, and the assumption said',
      files: { 'app.yaml': 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata:\n  name: agent\n' },
      findings: ['k8s/schema app.yaml:1:13'],
      notices: [`${ASSUMED}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
    },
    {
      name: 'the same beside a KubeEdge 1.0 CloudCore image: its cluster still serves the version, and nothing is assumed',
      files: { 'app.yaml': 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata:\n  name: agent\n', 'cloud/cloudcore.yaml': cloudcoreDeployment('kubeedge/cloudcore:v1.0.0') },
      findings: [],
      notices: [],
    },
  ])('$name', async ({ files, findings, notices }) => {
    const result = await lint({ cwd: '/nonexistent-edgelint-release', config: {}, files: Object.entries(files).map(([path, content]) => ({ path, content })) });
    expect(result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`)).toEqual(findings);
    expect(result.notices).toEqual(notices);
    expect(result.errors).toEqual([]);
  });

  it('kubeedgeVersion 1.13 in config: accepted, and the same notice names the config', async () => {
    const result = await lint({ cwd: '/nonexistent-edgelint-release', config: { kubeedgeVersion: '1.13' }, files: [{ path: 'edgecore.yaml', content: OLD_LAYOUT }] });
    expect(result.findings).toEqual([]);
    expect(result.notices).toEqual([`edgecore.yaml: judged as KubeEdge 1.13 (kubeedgeVersion in .edgelint.yaml), ${NOT_CHECKED}`]);
    expect(result.deployments.map((d) => [d.kubeedgeVersion, d.kubeedgeVersionAssumed])).toEqual([['1.13', false]]);
  });
});
