import { describe, expect, it } from 'vitest';
import { defaultHostSide } from '../../src/engine/host-class.js';

describe('defaultHostSide', () => {
  it.each([
    ['demo_cloud.sh', undefined, undefined, 'cloud'],
    ['docker-compose/docker-compose-cloud.yml', undefined, undefined, 'cloud'],
    ['cloudcore/cloudcore.service', undefined, undefined, 'cloud'],
    ['k8s-master/setup.sh', undefined, undefined, 'cloud'],
    ['control-plane/mosquitto.conf', undefined, undefined, 'cloud'],
    ['scripts/cloudCore.service', undefined, undefined, 'cloud'],
    ['cloud-init/provision.sh', undefined, undefined, 'edge'],
    ['cloud_config/user-data.sh', undefined, undefined, 'edge'],
    ['cloud/edge-node.service', undefined, undefined, 'edge'],
    ['edge/cloud-broker.conf', undefined, undefined, 'cloud'],
    ['cloud-edge/broker.conf', undefined, undefined, 'edge'],
    ['kubeedge/install.sh', undefined, undefined, 'edge'],
    ['cloudy/install.sh', undefined, undefined, 'edge'],
    ['cloud/edgecore.yaml', 'edgecore', undefined, 'edge'],
    ['cloud/join.sh', 'shell', 'edge', 'edge'],
    ['edge/setup.sh', 'shell', 'cloud', 'cloud'],
  ] as const)('%s (%s, script side %s) is %s', (path, kind, side, expected) => {
    expect(defaultHostSide(path, kind, side)).toBe(expected);
  });
});
