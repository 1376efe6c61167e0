import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { resolveSpan } from '../../src/core/source.js';
import { addressesCollide } from '../../src/model/listeners.js';

async function listeners(files: Record<string, string>) {
  const { model } = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent' });
  return model.nodeClass('edge')!.listeners.map((l) => {
    const at = resolveSpan(l.span);
    return `${l.address}:${l.port}/${l.protocol}${l.anonymous ? ' anon' : ''} ${l.owner} @${at.file}:${at.line}:${at.column}`;
  });
}

const broker = (volumes: string, mounts: string, image = 'eclipse-mosquitto:2.0') => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: broker
  namespace: iot
spec:
  template:
    spec:
      hostNetwork: true
      nodeSelector:
        node-role.kubernetes.io/edge: ""
      containers:
      - name: mosquitto
        image: ${image}
        imagePullPolicy: IfNotPresent
${mounts}${volumes}`;

const configMap = (name: string, namespace = 'iot') => `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${namespace}
data:
  mosquitto.conf: |
    persistence true
    listener 1883 127.0.0.1
    listener 8883
    allow_anonymous true
`;

describe('broker listeners of hostNetwork containers', () => {
  it('the image default config when nothing is mounted over it (2.0: loopback only)', async () => {
    expect(await listeners({ 'b.yaml': broker('', '') })).toEqual([
      '127.0.0.1:1883/TCP anon DaemonSet broker (container mosquitto) @b.yaml:14:16',
      '::1:1883/TCP anon DaemonSet broker (container mosquitto) @b.yaml:14:16',
    ]);
  });
  it('a config mounted from a linted ConfigMap, located at its lines', async () => {
    const volumes = '      volumes:\n      - name: conf\n        configMap:\n          name: mosquitto-conf\n';
    const mounts = '        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config\n';
    expect(await listeners({ 'b.yaml': broker(volumes, mounts) + configMap('mosquitto-conf') })).toEqual([
      '127.0.0.1:1883/TCP anon DaemonSet broker (container mosquitto) @b.yaml:32:5',
      '0.0.0.0:8883/TCP anon DaemonSet broker (container mosquitto) @b.yaml:33:5',
      ':::8883/TCP anon DaemonSet broker (container mosquitto) @b.yaml:33:5',
    ]);
  });
  it('subPath mounts name the key', async () => {
    const volumes = '      volumes:\n      - name: conf\n        configMap:\n          name: mosquitto-conf\n';
    const mounts = '        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config/mosquitto.conf\n          subPath: mosquitto.conf\n';
    expect((await listeners({ 'b.yaml': broker(volumes, mounts) + configMap('mosquitto-conf') })).length).toBe(3);
  });
  it('a ConfigMap in another namespace is not the one mounted: config unknown, nothing claimed', async () => {
    const volumes = '      volumes:\n      - name: conf\n        configMap:\n          name: mosquitto-conf\n';
    const mounts = '        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config\n';
    expect(await listeners({ 'b.yaml': broker(volumes, mounts) + configMap('mosquitto-conf', 'other') })).toEqual([]);
  });
  it('a mount elsewhere (the data directory) leaves the image config in force', async () => {
    const volumes = '      volumes:\n      - name: data\n        hostPath:\n          path: /var/lib/kubeedge/mqtt/data\n';
    const mounts = '        volumeMounts:\n        - name: data\n          mountPath: /mosquitto/data\n';
    expect((await listeners({ 'b.yaml': broker(volumes, mounts, 'eclipse-mosquitto:1.6.15') })).map((l) => l.split(' ')[0])).toEqual(['0.0.0.0:1883/TCP', ':::1883/TCP']);
  });
});

describe('address collisions (Linux bind semantics)', () => {
  const table: Array<[string, string, boolean]> = [
    ['0.0.0.0', '127.0.0.1', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '127.0.0.2', false],
    ['::', '127.0.0.1', true],
    ['::1', '127.0.0.1', false],
    ['0.0.0.0', '::1', false],
    ['0.0.0.0', '::', true],
    ['10.0.0.5', '0.0.0.0', true],
  ];
  for (const [a, b, collide] of table) {
    it(`${a} vs ${b}: ${collide ? 'collide' : 'coexist'}`, () => {
      expect(addressesCollide(a, b)).toBe(collide);
      expect(addressesCollide(b, a)).toBe(collide);
    });
  }
});
