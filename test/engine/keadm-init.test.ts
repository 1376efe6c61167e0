/**
 * `keadm init` applies keadm's CloudCore chart, whose `edge-eclipse-mosquitto` DaemonSet (KubeEdge
 * 1.16 on) runs a host-network broker on every edge node (sweep13 M-1: a K3s installer's `keadm init`
 * of 1.22 beside an edge installer whose own mosquitto unit binds 1883, and nothing reported).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

/** The edge side: a broker of its own on the host network, all interfaces, port 1883. */
const edgeScript = [
  '#!/bin/bash',
  'set -e',
  'cat > /etc/systemd/system/mqtt-broker.service <<EOF',
  '[Service]',
  'ExecStart=/usr/bin/docker run --rm --net=host eclipse-mosquitto:2.0.20 mosquitto -c /mosquitto-no-auth.conf',
  'Restart=always',
  'EOF',
  'keadm join --cloudcore-ipport=10.0.0.5:10000 --kubeedge-version=v1.19.1',
  '',
].join('\n');

const cloudScript = (keadmLines: string[], release = 'v1.19.1') =>
  [
    '#!/bin/bash',
    'set -e',
    `curl -LO https://github.com/kubeedge/kubeedge/releases/download/${release}/keadm-${release}-linux-amd64.tar.gz`,
    `tar -xzf keadm-${release}-linux-amd64.tar.gz`,
    ...keadmLines,
    '',
  ].join('\n');

async function run(files: Record<string, string>) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd' });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`).sort();
}

describe('keadm init brings the chart\'s mosquitto DaemonSet onto the edge nodes', () => {
  it('a 1.16+ keadm init beside an edge broker of its own on 1883: both sides conflict, the DaemonSet at the keadm init line', async () => {
    const found = await run({
      'cloud/setup.sh': cloudScript(['keadm-v1.19.1-linux-amd64/keadm/keadm init --advertise-address=10.0.0.5']),
      'edge/setup.sh': edgeScript,
    });
    expect(found).toEqual([
      'mosquitto/no-anonymous cloud/setup.sh:5:1',
      'mosquitto/no-anonymous edge/setup.sh:5:85',
      'node/host-port-conflict cloud/setup.sh:5:1',
      'node/host-port-conflict edge/setup.sh:5:85',
      'node/image-drift cloud/setup.sh:5:1',
      'node/image-drift edge/setup.sh:5:47',
      'node/image-eol cloud/setup.sh:5:1',
    ]);
  });

  it('keadm found with `$(find … -name keadm …)` and the release in a variable: the same command', async () => {
    const found = await run({
      'cloud/setup.sh': [
        '#!/bin/bash',
        'KUBEEDGE_VERSION="1.22.0"',
        'KEADM=$(find "$PKG_DIR" -name keadm -type f | head -1)',
        '"$KEADM" init --kubeedge-version=v"$KUBEEDGE_VERSION" || true',
        '',
      ].join('\n'),
      'edge/setup.sh': edgeScript,
    });
    expect(found.filter((f) => f.includes('cloud/'))).toEqual([
      'mosquitto/no-anonymous cloud/setup.sh:4:1',
      'node/host-port-conflict cloud/setup.sh:4:1',
      'node/image-drift cloud/setup.sh:4:1',
      'node/image-eol cloud/setup.sh:4:1',
    ]);
  });

  // eclipse-mosquitto 2.0 with no listener configured binds 127.0.0.1:1883 only (its anonymous local
  // mode), which the edge broker's 0.0.0.0:1883 still collides with.
  it('--set mosquitto.image.tag changes the image: no drift when it is the edge broker\'s, the ports still collide', async () => {
    const found = await run({
      'cloud/setup.sh': cloudScript(['keadm init --set mosquitto.image.tag=2.0.20,cloudCore.modules.dynamicController.enable=true']),
      'edge/setup.sh': edgeScript,
    });
    expect(found.filter((f) => f.includes('cloud/'))).toEqual(['node/host-port-conflict cloud/setup.sh:5:1']);
  });

  const quiet: Array<[string, Record<string, string>]> = [
    ['mosquitto.enable=false turns the DaemonSet off', { 'cloud/setup.sh': cloudScript(['keadm init --set mosquitto.enable=false']) }],
    ['mosquitto.enable=False (helm types it as a boolean in any case)', { 'cloud/setup.sh': cloudScript(['keadm init --set cloudCore.modules.dynamicController.enable=true,mosquitto.enable=False']) }],
    ['mosquitto.enable=0 (helm types it as the integer 0)', { 'cloud/setup.sh': cloudScript(['keadm init --set mosquitto.enable=0']) }],
    ['mosquitto.enable= (empty)', { 'cloud/setup.sh': cloudScript(['keadm init --set mosquitto.enable=']) }],
    ['an image tag holding a line break is not rendered into the manifest', { 'cloud/setup.sh': cloudScript(['keadm init --set "mosquitto.image.tag=2.0.20', '    hostPort: 1"']) }],
    ['a --set value the run decides may turn it off', { 'cloud/setup.sh': cloudScript(['keadm init --set "$CHART_VALUES"']) }],
    ['--dry-run applies nothing', { 'cloud/setup.sh': cloudScript(['keadm init --dry-run']) }],
    ['--external-helm-root applies other charts', { 'cloud/setup.sh': cloudScript(['keadm init --external-helm-root=/opt/charts']) }],
    ['keadm of 1.15 ships no such DaemonSet', { 'cloud/setup.sh': cloudScript(['keadm init'], 'v1.15.1') }],
    ['a script that states no release: keadm\'s chart is unknown', { 'cloud/setup.sh': '#!/bin/bash\nkeadm init --advertise-address=10.0.0.5\n' }],
    ['keadm deprecated init installs binaries, no chart', { 'cloud/setup.sh': cloudScript(['keadm deprecated init']) }],
  ];
  for (const [name, files] of quiet) {
    it(`nothing from keadm init: ${name}`, async () => {
      const found = await run({ ...files, 'edge/setup.sh': edgeScript });
      expect(found.filter((f) => f.includes('cloud/'))).toEqual([]);
    });
  }

  it('a rendered chart in the deployment is the DaemonSet keadm applies, not a second one', async () => {
    const rendered = [
      'kind: DaemonSet',
      'apiVersion: apps/v1',
      'metadata:',
      '  name: edge-eclipse-mosquitto',
      'spec:',
      '  selector:',
      '    matchLabels: { app: broker }',
      '  template:',
      '    metadata:',
      '      labels: { app: broker }',
      '    spec:',
      '      hostNetwork: true',
      '      containers:',
      '      - name: edge-eclipse-mosquitto',
      '        image: eclipse-mosquitto:1.6.15',
      '        imagePullPolicy: IfNotPresent',
      '',
    ].join('\n');
    const found = await run({ 'cloud/setup.sh': cloudScript(['keadm init']), 'cloud/rendered.yaml': rendered });
    expect(found.filter((f) => f.includes('cloud/setup.sh'))).toEqual([]);
    expect(found.filter((f) => f.includes('cloud/rendered.yaml'))).toEqual(['mosquitto/no-anonymous cloud/rendered.yaml:15:16', 'node/image-eol cloud/rendered.yaml:15:16']);
  });
});
