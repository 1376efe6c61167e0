// Inputs of `npm run bench`, all generated here from a seed so every run reads the same bytes:
// Helm-shaped streams (`helm template` output: a `# Source:` comment per object, edge DaemonSets,
// ConfigMaps holding config files); the scaling rows' inputs are in scaling.mjs.
import { closeSync, openSync, writeSync } from 'node:fs';

/** mulberry32: a small seeded PRNG, so a size and a seed always give the same file. */
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (list) => list[Math.floor(next() * list.length)], chance: (p) => next() < p };
}

const CHARTS = ['edge-stack', 'iot-gateway', 'telemetry', 'platform-base', 'kubeedge-apps'];
const APPS = ['mosquitto', 'sensor-agent', 'modbus-adapter', 'opcua-bridge', 'log-shipper', 'node-exporter', 'rule-engine', 'ota-agent', 'camera-ingest', 'redis'];
const IMAGES = ['eclipse-mosquitto:2.0.20', 'eclipse-mosquitto:1.6.15', 'nginx:1.25.3-alpine', 'busybox:1.36', 'busybox:latest', 'redis:7.2.4', 'prom/node-exporter:v1.7.0', 'fluent/fluent-bit:2.2.2', 'registry.example.com/edge/sensor-agent:3.4.1', 'ghcr.io/example/rule-engine:0.9.0'];
const NAMESPACES = ['default', 'edge-system', 'kubeedge', 'iot', 'monitoring'];

/** One object of a Helm stream; the mix leans on what edge charts hold (workloads and their config files). */
function helmObject(r, i) {
  const app = r.pick(APPS);
  const chart = r.pick(CHARTS);
  const name = `${app}-${i}`;
  const labels = `  labels:\n    app.kubernetes.io/name: ${app}\n    app.kubernetes.io/instance: release-${i % 97}\n    app.kubernetes.io/managed-by: Helm\n    helm.sh/chart: ${chart}-1.${i % 7}.0\n`;
  const meta = `metadata:\n  name: ${name}\n  namespace: ${r.pick(NAMESPACES)}\n${labels}`;
  const roll = r.next();
  let body;
  if (roll < 0.16) {
    // ConfigMaps carry whole config files: most of a chart's bytes, read by few rules.
    let data = '';
    const files = r.int(1, 3);
    for (let f = 0; f < files; f++) {
      data += `  ${app}-${f}.conf: |\n`;
      for (let l = r.int(8, 30); l > 0; l--) data += `    ${r.pick(['listener', 'log_dest', 'max_inflight', 'timeout', 'retry', 'endpoint'])}_${l} ${r.int(1, 65535)} # ${r.pick(['primary', 'fallback', 'edge', 'cloud'])}\n`;
    }
    body = `apiVersion: v1\nkind: ConfigMap\n${meta}data:\n${data}`;
  } else if (roll < 0.38) {
    let ports = '';
    for (let p = r.int(1, 3); p > 0; p--) ports += `  - name: port-${p}\n    port: ${r.pick([80, 443, 1883, 8883, 9090])}\n    targetPort: ${r.pick([8080, 1883, 9100])}\n    protocol: TCP\n`;
    body = `apiVersion: v1\nkind: Service\n${meta}spec:\n  type: ${r.pick(['ClusterIP', 'NodePort'])}\n  selector:\n    app.kubernetes.io/name: ${app}\n  ports:\n${ports}`;
  } else {
    const kind = r.pick(['Deployment', 'Deployment', 'DaemonSet', 'StatefulSet']);
    const edge = kind === 'DaemonSet' || r.chance(0.25);
    const dash = r.chance(0.5) ? '      ' : '        ';
    let containers = '';
    for (let c = r.chance(0.3) ? 2 : 1; c > 0; c--) {
      const image = r.pick(IMAGES);
      const policy = r.pick(['Always', 'IfNotPresent', 'IfNotPresent', null]);
      containers += `${dash}- name: ${app}-${c}\n${dash}  image: "${image}"\n${policy ? `${dash}  imagePullPolicy: ${policy}\n` : ''}`;
      if (r.chance(0.7)) containers += `${dash}  ports:\n${dash}  - containerPort: ${r.pick([1883, 8080, 9100, 8883])}\n${edge && r.chance(0.3) ? `${dash}    hostPort: ${r.pick([1883, 9100, 10550])}\n` : ''}${dash}    protocol: TCP\n`;
      if (r.chance(0.6)) {
        containers += `${dash}  env:\n`;
        for (let e = r.int(1, 5); e > 0; e--) containers += `${dash}  - name: ${r.pick(['LOG_LEVEL', 'BROKER', 'TZ', 'REGION'])}_${e}\n${dash}    value: "${r.pick(['info', 'tcp://mosquitto:1883', 'UTC', 'eu-1'])}"\n`;
      }
      if (r.chance(0.7)) containers += `${dash}  resources:\n${dash}    limits:\n${dash}      cpu: ${r.pick(['100m', '500m', '1'])}\n${dash}      memory: ${r.pick(['64Mi', '256Mi'])}\n${dash}    requests:\n${dash}      cpu: 10m\n${dash}      memory: 32Mi\n`;
      if (r.chance(0.6)) containers += `${dash}  volumeMounts:\n${dash}  - name: config\n${dash}    mountPath: /etc/${app}\n`;
    }
    const placement = edge ? `      nodeSelector:\n        node-role.kubernetes.io/edge: ""\n${r.chance(0.6) ? '      hostNetwork: true\n' : ''}` : '';
    const sysctls = edge && r.chance(0.3) ? `      securityContext:\n        sysctls:\n        - name: net.core.somaxconn\n          value: "1024"\n` : '';
    body =
      `apiVersion: apps/v1\nkind: ${kind}\n${meta}spec:\n${kind === 'DaemonSet' ? '' : `  replicas: ${r.int(1, 3)}\n`}  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${app}\n` +
      `  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: ${app}\n      annotations:\n        checksum/config: ${(i * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(8)}\n` +
      `    spec:\n${placement}${sysctls}      containers:\n${containers}      volumes:\n      - name: config\n        configMap:\n          name: ${app}-${i}\n`;
  }
  return `---\n# Source: ${chart}/templates/${app}.yaml\n${body}`;
}

/** Writes a Helm-shaped stream of `n` objects to `file`; the same `n` and `seed` give the same bytes. */
export function writeHelmStream(file, n, seed = 13) {
  const r = random(seed);
  const fd = openSync(file, 'w');
  let buffer = '';
  for (let i = 0; i < n; i++) {
    buffer += helmObject(r, i);
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
}

/** A small broker config (the single-file `conf` row). */
export const MOSQUITTO_CONF = ['# Local broker of an edge node', 'per_listener_settings true', 'listener 1883 127.0.0.1', 'allow_anonymous true', 'listener 8883', 'allow_anonymous false', 'password_file /mosquitto/config/passwd', 'cafile /mosquitto/certs/ca.crt', 'certfile /mosquitto/certs/server.crt', 'keyfile /mosquitto/certs/server.key', 'persistence true', 'persistence_location /mosquitto/data/', ''].join('\n');
