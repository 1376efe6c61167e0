/**
 * Before KubeEdge 1.21, edged runs a broker of its own, the static pod default/mqtt-kubeedge, when
 * edgecore's environment holds DEPLOY_MQTT_CONTAINER true (sweep20 M-1: a 1.14 installer's unit with
 * `Environment=DEPLOY_MQTT_CONTAINER=TRUE`, and nothing reported of the pod it starts).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

const TARBALL = (release: string) => `wget https://github.com/kubeedge/kubeedge/releases/download/v${release}/kubeedge-v${release}-linux-amd64.tar.gz`;

/** An installer of `release` writing edgecore.service with `env` (line 6), and a host broker on 1883 (line 13). */
const installer = (release: string | undefined, env: string, execStart = '/usr/local/bin/edgecore') =>
  [
    '#!/bin/bash',
    release ? TARBALL(release) : '# the release is whatever the image holds',
    'cat <<UNIT > /etc/systemd/system/edgecore.service',
    '[Service]',
    `ExecStart=${execStart}`,
    env,
    'Restart=always',
    'UNIT',
    'cat <<UNIT > /etc/systemd/system/broker.service',
    '[Service]',
    'ExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/site.conf',
    'Restart=always',
    'UNIT',
    'cat <<CONF > /etc/mosquitto/site.conf',
    'listener 1883 0.0.0.0',
    'allow_anonymous false',
    'CONF',
    '',
  ].join('\n');

async function run(files: Record<string, string>, kubeedgeVersion?: string) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config: kubeedgeVersion ? { kubeedgeVersion } : {} });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`).sort();
}

/** What the pod brings beside the host broker: the port conflict on both sides, and its end-of-life image at the assignment. */
const POD_FINDINGS = ['node/host-port-conflict install.sh:15:1', 'node/host-port-conflict install.sh:6:35', 'node/image-eol install.sh:6:35'];

describe("edged's static MQTT pod", () => {
  it.each<{ name: string; files: Record<string, string>; kubeedgeVersion?: string; findings: string[] }>([
    { name: 'TRUE (strconv.ParseBool) in a 1.14 unit: the pod runs', files: { 'install.sh': installer('1.14.5', 'Environment=DEPLOY_MQTT_CONTAINER=TRUE') }, findings: POD_FINDINGS },
    { name: '1 in a 1.20 unit', files: { 'install.sh': installer('1.20.0', 'Environment=DEPLOY_MQTT_CONTAINER=1') }, findings: POD_FINDINGS },
    { name: 'quoted among other assignments', files: { 'install.sh': installer('1.14.5', 'Environment="GOGC=50" "DEPLOY_MQTT_CONTAINER=true"') }, findings: ['node/host-port-conflict install.sh:15:1', 'node/host-port-conflict install.sh:6:46', 'node/image-eol install.sh:6:46'] },
    { name: 'the release from .edgelint.yaml', files: { 'install.sh': installer(undefined, 'Environment=DEPLOY_MQTT_CONTAINER=true') }, kubeedgeVersion: '1.15', findings: POD_FINDINGS },
    { name: 'false: no pod', files: { 'install.sh': installer('1.14.5', 'Environment=DEPLOY_MQTT_CONTAINER=false') }, findings: [] },
    { name: 'yes is not a Go bool: ParseBool fails and edged starts nothing', files: { 'install.sh': installer('1.14.5', 'Environment=DEPLOY_MQTT_CONTAINER=yes') }, findings: [] },
    { name: 'KubeEdge 1.21 removed the pod', files: { 'install.sh': installer('1.21.0', 'Environment=DEPLOY_MQTT_CONTAINER=true') }, findings: [] },
    { name: 'no release stated: the newest stands in, which has no such pod', files: { 'install.sh': installer(undefined, 'Environment=DEPLOY_MQTT_CONTAINER=true') }, findings: [] },
    { name: 'a unit that does not run edgecore', files: { 'install.sh': installer('1.14.5', 'Environment=DEPLOY_MQTT_CONTAINER=true', '/usr/local/bin/sensor-agent') }, findings: [] },
    {
      name: 'a drop-in turning it on for a packaged edgecore.service',
      files: {
        'node/edgecore.service': '[Service]\nExecStart=/usr/local/bin/edgecore\nRestart=always\n',
        'node/edgecore.service.d/mqtt.conf': '[Service]\nEnvironment=DEPLOY_MQTT_CONTAINER=true\n',
        'node/install.sh': `#!/bin/bash\n${TARBALL('1.13.2')}\n`,
      },
      findings: ['node/image-eol node/edgecore.service.d/mqtt.conf:2:35'],
    },
  ])('$name', async ({ files, kubeedgeVersion, findings }) => {
    expect(await run(files, kubeedgeVersion)).toEqual(findings);
  });
});
