import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { resolveSpan } from '../../src/core/source.js';
import { addressesCollide } from '../../src/model/listeners.js';
import { edgecoreListeners } from '../../src/model/config-listeners.js';
import { assumedEdgecore } from '../../src/model/edgecore.js';
import { EDGECORE_DEFAULT_LISTENERS } from '../../src/knowledge/edgecore-defaults.js';

async function modelOf(files: Record<string, string>) {
  return (await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent' })).model;
}

/** The edge class's listeners found in the files (the assumed edgecore's are tested on their own below). */
async function listeners(files: Record<string, string>) {
  const model = await modelOf(files);
  return model.nodeClass('edge')!.listeners.filter((l) => !l.assumed).map((l) => {
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
      '127.0.0.1:1883/TCP anon DaemonSet iot/broker (container mosquitto) @b.yaml:14:16',
      '::1:1883/TCP anon DaemonSet iot/broker (container mosquitto) @b.yaml:14:16',
    ]);
  });
  it('a config mounted from a linted ConfigMap, located at its lines', async () => {
    const volumes = '      volumes:\n      - name: conf\n        configMap:\n          name: mosquitto-conf\n';
    const mounts = '        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config\n';
    expect(await listeners({ 'b.yaml': broker(volumes, mounts) + configMap('mosquitto-conf') })).toEqual([
      '127.0.0.1:1883/TCP anon DaemonSet iot/broker (container mosquitto) @b.yaml:32:5',
      '0.0.0.0:8883/TCP anon DaemonSet iot/broker (container mosquitto) @b.yaml:33:5',
      ':::8883/TCP anon DaemonSet iot/broker (container mosquitto) @b.yaml:33:5',
    ]);
  });
  it('subPath mounts name the key', async () => {
    const volumes = '      volumes:\n      - name: conf\n        configMap:\n          name: mosquitto-conf\n';
    const mounts = '        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config/mosquitto.conf\n          subPath: mosquitto.conf\n';
    expect((await listeners({ 'b.yaml': broker(volumes, mounts) + configMap('mosquitto-conf') })).length).toBe(3);
  });
  it('with items, only the listed keys are files, each at its path', async () => {
    const volumes = (path: string) => `      volumes:\n      - name: conf\n        configMap:\n          name: mosquitto-conf\n          items:\n          - key: mosquitto.conf\n            path: ${path}\n`;
    const mounts = '        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config\n';
    expect((await listeners({ 'b.yaml': broker(volumes('mosquitto.conf'), mounts) + configMap('mosquitto-conf') })).length).toBe(3);
    // The key is projected as broker.conf: the image's mosquitto.conf path holds nothing the deployment shows.
    expect(await listeners({ 'b.yaml': broker(volumes('broker.conf'), mounts) + configMap('mosquitto-conf') })).toEqual([]);
  });
  it('a ConfigMap in another namespace is not the one mounted: config unknown, nothing claimed', async () => {
    const volumes = '      volumes:\n      - name: conf\n        configMap:\n          name: mosquitto-conf\n';
    const mounts = '        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config\n';
    expect(await listeners({ 'b.yaml': broker(volumes, mounts) + configMap('mosquitto-conf', 'other') })).toEqual([]);
  });
  // Issue #10 §2: a hostPath over the config directory is the host's file, read when the deployment holds it.
  const hostVolume = (path: string) => `      volumes:\n      - name: conf\n        hostPath:\n          path: ${path}\n`;
  const dirMount = '        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config\n';
  const hostConf = 'listener 1883\nallow_anonymous true\n';
  it('a hostPath directory over the config dir reads the linted conf at that host path, and that conf is no broker of its own', async () => {
    expect(await listeners({ 'b.yaml': broker(hostVolume('/etc/mosquitto'), dirMount), 'edge/etc/mosquitto/mosquitto.conf': hostConf })).toEqual([
      '0.0.0.0:1883/TCP anon DaemonSet iot/broker (container mosquitto) @edge/etc/mosquitto/mosquitto.conf:1:1',
      ':::1883/TCP anon DaemonSet iot/broker (container mosquitto) @edge/etc/mosquitto/mosquitto.conf:1:1',
    ]);
  });
  it('a hostPath file mounted at the config file, or a subPath of a host directory', async () => {
    const fileMount = '        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config/mosquitto.conf\n';
    const asFile = await listeners({ 'b.yaml': broker(hostVolume('/etc/mosquitto/mosquitto.conf'), fileMount), 'edge/etc/mosquitto/mosquitto.conf': hostConf });
    expect(asFile.map((l) => l.split(' @')[0])).toEqual(['0.0.0.0:1883/TCP anon DaemonSet iot/broker (container mosquitto)', ':::1883/TCP anon DaemonSet iot/broker (container mosquitto)']);
    const subPath = '        volumeMounts:\n        - name: conf\n          mountPath: /mosquitto/config/mosquitto.conf\n          subPath: broker/mosquitto.conf\n';
    const viaSubPath = await listeners({ 'b.yaml': broker(hostVolume('/srv/mqtt/'), subPath), 'edge/srv/mqtt/broker/mosquitto.conf': hostConf });
    expect(viaSubPath.map((l) => l.split(' @')[1])).toEqual(['edge/srv/mqtt/broker/mosquitto.conf:1:1', 'edge/srv/mqtt/broker/mosquitto.conf:1:1']);
  });
  it('a conf an install script writes at the host path is the one mounted', async () => {
    const script = '#!/bin/sh\nmkdir -p /etc/mosquitto\ncat > /etc/mosquitto/mosquitto.conf <<EOF\nlistener 1883\nallow_anonymous true\nEOF\n';
    expect(await listeners({ 'b.yaml': broker(hostVolume('/etc/mosquitto'), dirMount), 'install.sh': script })).toEqual([
      '0.0.0.0:1883/TCP anon DaemonSet iot/broker (container mosquitto) @install.sh:4:1',
      ':::1883/TCP anon DaemonSet iot/broker (container mosquitto) @install.sh:4:1',
    ]);
  });
  it('a hostPath whose file the deployment does not hold: unknown, nothing claimed for the broker and no guess by file name', async () => {
    // The linted conf at another path still is the distribution's broker, on its own.
    expect(await listeners({ 'b.yaml': broker(hostVolume('/opt/broker/config'), dirMount), 'edge/etc/mosquitto/mosquitto.conf': hostConf })).toEqual([
      '0.0.0.0:1883/TCP anon mosquitto (edge/etc/mosquitto/mosquitto.conf) @edge/etc/mosquitto/mosquitto.conf:1:1',
      ':::1883/TCP anon mosquitto (edge/etc/mosquitto/mosquitto.conf) @edge/etc/mosquitto/mosquitto.conf:1:1',
    ]);
  });
  it('a mount elsewhere (the data directory) leaves the image config in force', async () => {
    const volumes = '      volumes:\n      - name: data\n        hostPath:\n          path: /var/lib/kubeedge/mqtt/data\n';
    const mounts = '        volumeMounts:\n        - name: data\n          mountPath: /mosquitto/data\n';
    expect((await listeners({ 'b.yaml': broker(volumes, mounts, 'eclipse-mosquitto:1.6.15') })).map((l) => l.split(' ')[0])).toEqual(['0.0.0.0:1883/TCP', ':::1883/TCP']);
  });
});

describe('an unseen node side: edgecore assumed with its defaults', () => {
  const edgecoreYaml = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    tailoredKubeletConfig:\n      readOnlyPort: 10351\n';

  it('an empty config opens exactly the default listeners data/edgecore-defaults.json lists', () => {
    const derived = edgecoreListeners(assumedEdgecore()).map((l) => ({ owner: l.owner, what: l.reason, protocol: l.protocol, address: l.address, port: l.port, assumed: l.assumed }));
    expect(derived).toEqual(EDGECORE_DEFAULT_LISTENERS.map((l) => ({ owner: l.owner, what: l.what, protocol: l.protocol, address: l.address, port: l.port, assumed: true })));
    expect(derived).toEqual([{ owner: 'edgecore', what: 'edged read-only kubelet server', protocol: 'TCP', address: '127.0.0.1', port: 10350, assumed: true }]);
  });

  it('an edge class with no edgecore.yaml in the deployment runs the assumed one; the cloud class runs none', async () => {
    const model = await modelOf({ 'b.yaml': broker('', '') });
    const edge = model.nodeClass('edge')!;
    expect(edge.edgecore).toEqual([]);
    expect(edge.assumedEdgecore?.assumed).toBe(true);
    expect(edge.listeners.filter((l) => l.assumed).map((l) => `${l.address}:${l.port}/${l.protocol} ${l.reason}`)).toEqual(['127.0.0.1:10350/TCP edged read-only kubelet server']);
    const cloud = model.nodeClass('cloud')!;
    expect(cloud.assumedEdgecore).toBeUndefined();
    expect(cloud.listeners.some((l) => l.origin === 'edgecore')).toBe(false);
  });

  it('an edgecore.yaml in the deployment replaces the assumption', async () => {
    const model = await modelOf({ 'b.yaml': broker('', ''), 'edgecore.yaml': edgecoreYaml });
    const edge = model.nodeClass('edge')!;
    expect(edge.assumedEdgecore).toBeUndefined();
    expect(edge.listeners.filter((l) => l.origin === 'edgecore').map((l) => `${l.address}:${l.port} assumed=${l.assumed === true} @${resolveSpan(l.span).file}:${resolveSpan(l.span).line}`)).toEqual(['127.0.0.1:10351 assumed=false @edgecore.yaml:6']);
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

describe('units of a repository of sites (issue #10)', () => {
  const unit = '[Service]\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf\nRestart=on-failure\n';
  it("each site's unit reads the mosquitto.conf beside it, not the first one listed", async () => {
    expect(
      await listeners({
        'sites/a/etc/mosquitto/mosquitto.conf': 'listener 1883\nallow_anonymous true\n',
        'sites/b/etc/mosquitto/mosquitto.conf': 'listener 8883 10.0.0.2\npassword_file /etc/mosquitto/passwd\n',
        'sites/b/etc/systemd/system/mosquitto.service': unit,
        'sites/a/etc/systemd/system/mosquitto.service': unit,
      }),
    ).toEqual([
      '10.0.0.2:8883/TCP mosquitto.service @sites/b/etc/mosquitto/mosquitto.conf:1:1',
      '0.0.0.0:1883/TCP anon mosquitto.service @sites/a/etc/mosquitto/mosquitto.conf:1:1',
      ':::1883/TCP anon mosquitto.service @sites/a/etc/mosquitto/mosquitto.conf:1:1',
    ]);
  });

  it("systemd units and edgecore configs carry the group of which a node runs one; a lone config is the distribution's mosquitto.service", async () => {
    const model = await modelOf({
      'a/mosquitto.conf': 'listener 1883\npassword_file /etc/mosquitto/passwd\n',
      'b/web.service': '[Service]\nExecStart=/usr/bin/docker run -p 8080:80 nginx:1.25.3\nRestart=always\n',
      'b/edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\n',
    });
    const groups = [...new Set(model.nodeClass('edge')!.listeners.map((l) => `${l.owner} ${l.exclusive}`))].sort();
    expect(groups).toEqual(['edgecore edgecore', 'mosquitto (a/mosquitto.conf) systemd:mosquitto.service', 'web.service systemd:web.service']);
  });
});
