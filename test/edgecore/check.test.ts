import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint } from './helpers.js';
import { checkEdgecore } from '../../src/edgecore/schema.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/edgecore/${name}`, import.meta.url), 'utf8');

describe('checkEdgecore: documents without issues', () => {
  it('accepts the v1.22 --defaultconfig document', () => {
    expect(lint(fixture('defaultconfig-v1.22.yaml'), '1.22')).toEqual([]);
  });

  it.each([
    ['1.21'],
    ['1.23'],
  ])('accepts the v1.22 --defaultconfig document at %s too', (version) => {
    expect(lint(fixture('defaultconfig-v1.22.yaml'), version)).toEqual([]);
  });

  it.each([
    ['empty mapping', '{}\n'],
    ['case variant read by edgecore', 'modules:\n  eventBus:\n    mqttmode: 1\n'],
    ['null leaves keep their default', 'modules:\n  eventBus:\n    mqttMode:\n    mqttServerExternal: ~\n'],
    ['YAML 1.1 boolean', 'modules:\n  edged:\n    enable: yes\n'],
    ['open maps take any key', 'featureGates:\n  requireAuthorization: true\nmodules:\n  edged:\n    nodeLabels:\n      zone: "1"\n'],
    ['scheme-less external broker (paho adds tcp://)', 'modules:\n  eventBus:\n    mqttServerExternal: 127.0.0.1:1883\n'],
    ['ssl external broker', 'modules:\n  eventBus:\n    mqttServerExternal: ssl://broker.local:8883\n'],
    ['IPv6 websocket server', 'modules:\n  edgeHub:\n    websocket:\n      server: "[fd00::1]:10000"\n'],
    ['empty httpServer with certificate rotation off (certificates placed by other means)', 'modules:\n  edgeHub:\n    httpServer: ""\n    rotateCertificates: false\n'],
    ['the same with the capitalised key Ascend MEF writes (edgecore reads keys case-insensitively)', 'modules:\n  edgeHub:\n    httpServer: ""\n    RotateCertificates: false\n'],
    ['websocket server with a path (edgecore dials wss://<server>/<projectID>/<node>/events)', 'modules:\n  edgeHub:\n    websocket:\n      server: 127.0.0.1:10010/edge_core\n'],
    ['quic instead of websocket', 'modules:\n  edgeHub:\n    quic:\n      enable: true\n    websocket:\n      enable: false\n'],
    ['both transports off while edgeHub is disabled', 'modules:\n  edgeHub:\n    enable: false\n    websocket:\n      enable: false\n'],
    ['durations', 'modules:\n  edged:\n    tailoredKubeletConfig:\n      syncFrequency: 1m30s\n      shutdownGracePeriod: "0"\n      cpuCFSQuotaPeriod: 1.5ms\n'],
  ])('%s', (_name, text) => {
    expect(lint(text, '1.22')).toEqual([]);
  });
});

describe('checkEdgecore: the seed document', () => {
  it('reports allowedUnsafeSysctls under edged, not under tailoredKubeletConfig', () => {
    const text = [
      'modules:',
      '  eventBus:',
      '    mqttServerExternal: "tcp://127.0.0.1:1883"',
      '    mqttServerInternal: "tcp://127.0.0.1:1884"',
      '  edged:',
      '    allowedUnsafeSysctls:',
      '    - "net.ipv4.ip_forward"',
      '',
    ].join('\n');
    expect(lint(text, '1.22')).toEqual([
      {
        kind: 'unknown-key',
        path: 'modules.edged.allowedUnsafeSysctls',
        line: 6,
        column: 5,
        suggestion: 'modules.edged.tailoredKubeletConfig.allowedUnsafeSysctls',
        message:
          'edgecore does not read "allowedUnsafeSysctls" under modules.edged (KubeEdge 1.22 ignores it); it belongs at modules.edged.tailoredKubeletConfig.allowedUnsafeSysctls',
      },
    ]);
  });
});

describe('checkEdgecore: keys edgecore ignores', () => {
  it.each([
    {
      name: 'misplaced clusterDNS',
      text: 'modules:\n  edged:\n    clusterDNS:\n    - 169.254.96.16\n',
      version: '1.22',
      expected: [{ kind: 'unknown-key', path: 'modules.edged.clusterDNS', line: 3, column: 5, suggestion: 'modules.edged.tailoredKubeletConfig.clusterDNS' }],
    },
    {
      name: 'misplaced key in a case variant parent keeps the written path',
      text: 'Modules:\n  EDGED:\n    clusterdns: []\n',
      version: '1.22',
      expected: [{ kind: 'unknown-key', path: 'Modules.EDGED.clusterdns', line: 3, column: 5, suggestion: 'modules.edged.tailoredKubeletConfig.clusterDNS' }],
    },
    {
      name: 'typo at the same level',
      text: 'modules:\n  eventBus:\n    mqttServerExtrenal: tcp://127.0.0.1:1883\n',
      version: '1.22',
      expected: [{ kind: 'unknown-key', path: 'modules.eventBus.mqttServerExtrenal', line: 3, column: 5, suggestion: 'modules.eventBus.mqttServerExternal' }],
    },
    {
      name: 'unknown key without suggestion',
      text: 'modules:\n  eventBus:\n    brokerPort: 1883\n',
      version: '1.22',
      expected: [{ kind: 'unknown-key', path: 'modules.eventBus.brokerPort', line: 3, column: 5 }],
    },
    {
      name: 'unknown module',
      text: 'modules:\n  edgeMesh:\n    enable: true\n',
      version: '1.22',
      expected: [{ kind: 'unknown-key', path: 'modules.edgeMesh', line: 2, column: 3 }],
    },
    {
      name: 'flag-level remoteRuntimeEndpoint removed in 1.18',
      text: 'modules:\n  edged:\n    remoteRuntimeEndpoint: unix:///run/containerd/containerd.sock\n',
      version: '1.18',
      expected: [{ kind: 'removed-key', path: 'modules.edged.remoteRuntimeEndpoint', line: 3, column: 5, suggestion: 'modules.edged.tailoredKubeletConfig.containerRuntimeEndpoint' }],
    },
    {
      name: 'flag-level remoteRuntimeEndpoint still read in 1.17',
      text: 'modules:\n  edged:\n    remoteRuntimeEndpoint: unix:///run/containerd/containerd.sock\n',
      version: '1.17',
      expected: [],
    },
    {
      name: 'containerRuntime removed without replacement',
      text: 'modules:\n  edged:\n    containerRuntime: remote\n',
      version: '1.19',
      expected: [{ kind: 'removed-key', path: 'modules.edged.containerRuntime', line: 3, column: 5 }],
    },
    {
      name: 'keepTerminatedPodVolumes removed in 1.22',
      text: 'modules:\n  edged:\n    keepTerminatedPodVolumes: true\n',
      version: '1.22',
      expected: [{ kind: 'removed-key', path: 'modules.edged.keepTerminatedPodVolumes', line: 3, column: 5 }],
    },
    {
      name: 'keepTerminatedPodVolumes still read in 1.21',
      text: 'modules:\n  edged:\n    keepTerminatedPodVolumes: true\n',
      version: '1.21',
      expected: [],
    },
    {
      name: 'edgecoreVersion before 1.21',
      text: 'edgecoreVersion: v1.20.0\n',
      version: '1.20',
      expected: [{ kind: 'unknown-key', path: 'edgecoreVersion', line: 1, column: 1 }],
    },
    {
      name: 'edgecoreVersion from 1.21',
      text: 'edgecoreVersion: v1.21.0\n',
      version: '1.21',
      expected: [],
    },
    {
      name: 'taskManager before 1.21',
      text: 'modules:\n  taskManager:\n    enable: true\n',
      version: '1.20',
      expected: [{ kind: 'unknown-key', path: 'modules.taskManager', line: 2, column: 3 }],
    },
    {
      name: 'dummyServer before 1.17',
      text: 'modules:\n  metaManager:\n    metaServer:\n      dummyServer: 169.254.30.10:10550\n',
      version: '1.16',
      expected: [{ kind: 'unknown-key', path: 'modules.metaManager.metaServer.dummyServer', line: 4, column: 7 }],
    },
    {
      name: 'two spellings of one field',
      text: 'modules:\n  eventBus:\n    mqttMode: 2\n    MqttMode: 0\n',
      version: '1.22',
      expected: [{ kind: 'unknown-key', path: 'modules.eventBus.MqttMode', line: 4, column: 5, suggestion: 'modules.eventBus.mqttMode' }],
    },
  ])('$name', ({ text, version, expected }) => {
    const actual = lint(text, version).map(({ message: _message, ...rest }) => rest);
    expect(actual).toEqual(expected);
  });

  it.each([
    ['1.18', 'modules:\n  edged:\n    registerNode: true\n', '"registerNode" was removed from modules.edged in KubeEdge 1.18; KubeEdge 1.18 ignores it: set modules.edged.tailoredKubeletConfig.registerNode instead'],
    ['1.20', 'edgecoreVersion: v1.20.0\n', '"edgecoreVersion" is read from KubeEdge 1.21 on; KubeEdge 1.20 ignores it'],
    ['1.22', 'modules:\n  eventBus:\n    mqttServerExtrenal: x\n', 'unknown key "mqttServerExtrenal" under modules.eventBus (KubeEdge 1.22 ignores it); did you mean "mqttServerExternal"?'],
    ['1.22', 'foo: 1\n', 'unknown key "foo" under the top level; no KubeEdge release from 1.16 to 1.23 reads it'],
  ])('message at %s for %j', (version, text, message) => {
    expect(lint(text, version).map((i) => i.message)).toEqual([message]);
  });
});

describe('checkEdgecore: invalid values', () => {
  it.each([
    ['mqttMode above range', 'modules:\n  eventBus:\n    mqttMode: 3\n', 'modules.eventBus.mqttMode', 3, 15, 'must be <= 2, got 3'],
    ['mqttMode below range', 'modules:\n  eventBus:\n    mqttMode: -1\n', 'modules.eventBus.mqttMode', 3, 15, 'must be >= 0, got -1'],
    ['case variant is validated under its field', 'modules:\n  eventBus:\n    mqttmode: 7\n', 'modules.eventBus.mqttmode', 3, 15, 'must be <= 2, got 7'],
    ['mqttQOS', 'modules:\n  eventBus:\n    mqttQOS: 3\n', 'modules.eventBus.mqttQOS', 3, 14, 'must be <= 2, got 3'],
    ['quoted integer', 'modules:\n  eventBus:\n    mqttMode: "2"\n', 'modules.eventBus.mqttMode', 3, 15, 'must be an integer, got the string "2" (remove the quotes)'],
    ['negative messageQPS', 'modules:\n  edgeHub:\n    messageQPS: -5\n', 'modules.edgeHub.messageQPS', 3, 17, 'must be >= 0, got -5'],
    ['cgroupDriver', 'modules:\n  edged:\n    tailoredKubeletConfig:\n      cgroupDriver: Systemd\n', 'modules.edged.tailoredKubeletConfig.cgroupDriver', 4, 21, 'must be one of "cgroupfs", "systemd", got the string "Systemd" (values are case-sensitive: "systemd")'],
    ['duration without unit', 'modules:\n  edged:\n    tailoredKubeletConfig:\n      syncFrequency: 60\n', 'modules.edged.tailoredKubeletConfig.syncFrequency', 4, 22, 'must be a string, got 60 (a duration needs a unit, e.g. "10s")'],
    ['bad duration string', 'modules:\n  edged:\n    tailoredKubeletConfig:\n      syncFrequency: 10 s\n', 'modules.edged.tailoredKubeletConfig.syncFrequency', 4, 22, 'must be a Go duration such as "10s", "1m30s" or "2h", got the string "10 s"'],
    ['numeric node label', 'modules:\n  edged:\n    nodeLabels:\n      zone: 1\n', 'modules.edged.nodeLabels.zone', 4, 13, 'must be a string, got 1 (quote it: edgecore will not start when a number is given for a string)'],
    ['list where a string is expected', 'modules:\n  edged:\n    tailoredKubeletConfig:\n      allowedUnsafeSysctls: net.ipv4.ip_forward\n', 'modules.edged.tailoredKubeletConfig.allowedUnsafeSysctls', 4, 29, 'must be a list, got the string "net.ipv4.ip_forward"'],
    ['empty module section', 'modules:\n  edgeHub:\n', 'modules.edgeHub', 2, 11, 'must be a mapping, got null: an empty section becomes nil, and edgecore dereferences it at startup'],
    ['internal broker without scheme', 'modules:\n  eventBus:\n    mqttServerInternal: 127.0.0.1:1884\n', 'modules.eventBus.mqttServerInternal', 3, 25, 'must be a listen URL with a port, e.g. "tcp://127.0.0.1:1884" (schemes tcp, mqtt, tls, mqtts, ws, wss), got the string "127.0.0.1:1884": it has no scheme'],
    ['external broker with http scheme', 'modules:\n  eventBus:\n    mqttServerExternal: http://127.0.0.1:1883\n', 'modules.eventBus.mqttServerExternal', 3, 25, 'must be a broker URL with a port, e.g. "tcp://127.0.0.1:1883" or "ssl://broker:8883" (schemes tcp, mqtt, ssl, tls, mqtts, mqtt+ssl, tcps, ws, wss, unix), got the string "http://127.0.0.1:1883": scheme "http" is not supported'],
    ['external broker without port', 'modules:\n  eventBus:\n    mqttServerExternal: tcp://broker.local\n', 'modules.eventBus.mqttServerExternal', 3, 25, 'must be a broker URL with a port, e.g. "tcp://127.0.0.1:1883" or "ssl://broker:8883" (schemes tcp, mqtt, ssl, tls, mqtts, mqtt+ssl, tcps, ws, wss, unix), got the string "tcp://broker.local": it has no port'],
    ['httpServer over http', 'modules:\n  edgeHub:\n    httpServer: http://10.0.0.1:10002\n', 'modules.edgeHub.httpServer', 3, 17, 'must be an https:// URL, e.g. "https://192.168.1.10:10002", got the string "http://10.0.0.1:10002": scheme "http" is not https (cloudcore serves certificates over TLS)'],
    ['empty httpServer while certificates rotate (rotateCertificates defaults to true)', 'modules:\n  edgeHub:\n    httpServer: ""\n', 'modules.edgeHub.httpServer', 3, 17, 'must be an https:// URL, e.g. "https://192.168.1.10:10002", got the string "": it is not a URL'],
    ['websocket server with scheme', 'modules:\n  edgeHub:\n    websocket:\n      server: wss://10.0.0.1:10000\n', 'modules.edgeHub.websocket.server', 4, 15, 'must be host:port, e.g. "192.168.1.10:10000", got the string "wss://10.0.0.1:10000": it is not host:port (IPv6 addresses need [brackets])'],
    ['websocket server with a path but no port', 'modules:\n  edgeHub:\n    websocket:\n      server: 10.0.0.1/edge_core\n', 'modules.edgeHub.websocket.server', 4, 15, 'must be host:port, e.g. "192.168.1.10:10000", got the string "10.0.0.1/edge_core": it has no port'],
    ['quic server with a path (quic dials host:port as given)', 'modules:\n  edgeHub:\n    quic:\n      server: 10.0.0.1:10001/edge_core\n', 'modules.edgeHub.quic.server', 4, 15, 'must be host:port, e.g. "192.168.1.10:10000", got the string "10.0.0.1:10001/edge_core": port 10001/edge_core is not a number from 0 to 65535'],
    ['quic server without port', 'modules:\n  edgeHub:\n    quic:\n      server: 10.0.0.1\n', 'modules.edgeHub.quic.server', 4, 15, 'must be host:port, e.g. "192.168.1.10:10000", got the string "10.0.0.1": it has no port'],
    ['apiVersion', 'apiVersion: edgecore.config.kubeedge.io/v1alpha1\n', 'apiVersion', 1, 13, 'must be one of "edgecore.config.kubeedge.io/v1alpha2", got the string "edgecore.config.kubeedge.io/v1alpha1"'],
  ])('%s', (_name, text, path, line, column, message) => {
    expect(lint(text, '1.22')).toEqual([{ kind: 'invalid-value', path, line, column, message }]);
  });

  it.each([
    ['both true', 'modules:\n  edgeHub:\n    quic:\n      enable: true\n', 'modules.edgeHub.quic.enable', 4, 15, 'edgeHub.websocket.enable and edgeHub.quic.enable are both true: edgecore needs exactly one transport to cloudcore and refuses to start (validation.go)'],
    ['both false', 'modules:\n  edgeHub:\n    websocket:\n      enable: false\n', 'modules.edgeHub.websocket.enable', 4, 15, 'edgeHub.websocket.enable and edgeHub.quic.enable are both false: edgecore needs exactly one transport to cloudcore and refuses to start (validation.go)'],
  ])('edgeHub transports %s', (_name, text, path, line, column, message) => {
    expect(lint(text, '1.22')).toEqual([{ kind: 'invalid-value', path, line, column, message }]);
  });

  it('reports a value that is not a mapping at the document', () => {
    expect(checkEdgecore('text', '1.22')).toEqual([{ kind: 'invalid-value', path: [], message: 'an edgecore config must be a mapping, got the string "text"' }]);
  });

  it('does not throw on a __proto__ key', () => {
    const value = JSON.parse('{"modules":{"edged":{"nodeLabels":{"__proto__":1}}}}') as unknown;
    expect(checkEdgecore(value, '1.22').map((i) => i.path)).toEqual([['modules', 'edged', 'nodeLabels', '__proto__']]);
  });
});
