/**
 * The KubeEdge release a deployment states itself (src/model/release.ts): install scripts naming the
 * release they install and edgecore.yaml's edgecoreVersion. One release older than the edgecore
 * schemas: the edgecore.yaml is not judged key by key, and one notice says so (sweep3 FP-1).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';

/** A v1alpha2 file as an older edgecore's --defaultconfig writes it: dockershim-era keys under edged. */
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
      name: 'keadm join --kubeedge-version= through a variable assigned once',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/join.sh': 'KE=v1.14.2\nkeadm join --cloudcore-ipport=10.0.0.1:10000 --kubeedge-version=$KE\n' },
      findings: [],
      notices: [`node/edgecore.yaml: judged as KubeEdge 1.14 (keadm join --kubeedge-version=v1.14.2 at node/join.sh:2:46), ${NOT_CHECKED}`],
    },
    {
      name: 'a release download URL of 1.21 judges the file as 1.21: containerRuntime (removed in 1.18) is reported, the dockershim-era keys too',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/get.sh': 'curl -LO https://github.com/kubeedge/kubeedge/releases/download/v1.21.0/keadm-v1.21.0-linux-amd64.tar.gz\n' },
      findings: ['edgecore/unknown-key node/edgecore.yaml:5:5', 'edgecore/unknown-key node/edgecore.yaml:6:5', 'edgecore/unknown-key node/edgecore.yaml:7:5'],
      notices: [],
    },
    {
      name: 'two releases named (1.13 and 1.15): today\'s newest-release judgement, and the notice says why',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/a.sh': 'tar -xf kubeedge-v1.13.0-linux-amd64.tar.gz\n', 'node/b.sh': 'tar -xf kubeedge-v1.15.1-linux-amd64.tar.gz\n' },
      findings: ['edgecore/unknown-key node/edgecore.yaml:5:5', 'edgecore/unknown-key node/edgecore.yaml:6:5', 'edgecore/unknown-key node/edgecore.yaml:7:5'],
      notices: [`${ASSUMED}, because the deployment names several releases (1.13 at node/a.sh:1:9, 1.15 at node/b.sh:1:9): set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
    },
    {
      name: 'a release only echoed is not one the script installs',
      files: { 'node/edgecore.yaml': OLD_LAYOUT, 'node/a.sh': 'echo "get kubeedge-v1.13.0-linux-amd64.tar.gz first"\n' },
      findings: ['edgecore/unknown-key node/edgecore.yaml:5:5', 'edgecore/unknown-key node/edgecore.yaml:6:5', 'edgecore/unknown-key node/edgecore.yaml:7:5'],
      notices: [`${ASSUMED}: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run`],
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
