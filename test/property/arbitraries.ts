/**
 * Generators for property tests: raw text and bytes, line-shaped text in each file kind's vocabulary
 * (so parsers get past their first line), and Kubernetes/edgecore-shaped objects serialised with
 * `yaml` and then damaged, so rules meet real structures with the wrong types in the wrong places.
 */
import fc from 'fast-check';
import { Document } from 'yaml';

/** Every kind of file edgelint reads, by a name that classifies it. */
export const KIND_PATHS = ['deploy.yaml', 'broker.service', 'mosquitto.conf', 'install.sh', 'values.json'] as const;

export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...'\n\r\t :-[]{}#&*!|>"\'\\%@`,?=$;()<'.split('')), maxLength: 200 }),
);

export const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  // Byte-order marks followed by anything: the decoder's other branches.
  fc.tuple(fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]), fc.uint8Array({ maxLength: 300 })).map(([bom, rest]) => Uint8Array.from([...bom, ...rest])),
);

/** Lines built from a vocabulary, joined with LF, CRLF, or a stray CR. */
function linesOf(words: fc.Arbitrary<string>, maxLines = 25): fc.Arbitrary<string> {
  const line = fc.array(fc.oneof({ weight: 4, arbitrary: words }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 6 }).map((w) => w.join(''));
  return fc.tuple(fc.array(line, { maxLength: maxLines }), fc.constantFrom('\n', '\r\n', '\r', '\n\n')).map(([lines, eol]) => lines.join(eol));
}

const UNIT_WORDS = fc.constantFrom(
  '[Unit]', '[Service]', '[Install]', '[Socket]', 'ExecStart=', 'ExecStart=-', 'ExecStart=@', 'ExecStart=+', 'ExecStartPre=', 'Restart=', 'always', 'Environment=',
  'EnvironmentFile=', '/usr/bin/docker', 'docker', 'run', 'ctr', 'nerdctl', 'podman', '--net=host', '--network', 'host', '-p', '1883:1883', '0.0.0.0:8883:8883/udp',
  '--name', 'mosquitto', 'eclipse-mosquitto:2.0', 'eclipse-mosquitto:1.6.15', '-c', '/etc/mosquitto/mosquitto.conf', '/usr/sbin/mosquitto', '"', "'", '\\', ' ', ';',
  '\\;', '%n', '$VAR', '${A}', 'A=1', '"A=b c"', '#', '=', '\\x41', '\\u12', 'ListenStream=', '1884',
);

const MOSQUITTO_WORDS = fc.constantFrom(
  'listener', 'port', 'bind_address', 'allow_anonymous', 'password_file', 'include_dir', 'per_listener_settings', 'socket_domain', 'protocol',
  'websockets', 'mqtt', 'ipv4', 'ipv6', ' ', '1883', '0', '65536', '-1', 'true', 'false', 'localhost', '0.0.0.0', '::', '/tmp/x', '#', '/run/mosq.sock', '\t',
);

const SHELL_WORDS = fc.constantFrom(
  '#!/bin/sh\n', 'cat', ' > ', ' >> ', 'tee', ' <<EOF', " <<'EOF'", ' <<-EOF', '\nEOF\n', '/etc/kubeedge/config/edgecore.yaml', '/etc/mosquitto/mosquitto.conf',
  '/etc/systemd/system/mosquitto.service', 'sed -i', "'s/a/b/'", "'/modules:/a\\  x: 1'", 'ctr', 'images', 'import', 'mosquitto-2.0.tar', 'docker', 'load', '-i',
  'echo', '"', "'", '$(', ')', '`', '{', '}', '&&', '||', ';', '|', '\\', 'if', 'then', 'fi', 'for', 'do', 'done', 'modules:', '  edged:', 'listener 1883', '\n',
);


// -------------------------------------------------------------------------------------------------
// Kubernetes- and edgecore-shaped objects
// -------------------------------------------------------------------------------------------------

const trickyScalar = fc.constantFrom('', 'true', 'yes', 'on', 'off', 'null', '~', '0x1F', '1e3', '-', '*', '&a', '<<', '- x', ': ', '#', '"', "'", ' lead', 'tab\t', 'a\nb', '0o17');
const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), trickyScalar);
const key = fc.oneof(fc.string({ maxLength: 10 }), trickyScalar);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 3 })),
}));

/** The right shape most of the time, anything at all sometimes (`spec: "x"`, `containers: 5`). */
function maybe<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: arb as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: value });
}

const IMAGES = [
  'eclipse-mosquitto:1.6.15', 'eclipse-mosquitto:2.0.20', 'eclipse-mosquitto', 'docker.io/library/eclipse-mosquitto:2.0', 'nginx:latest', 'busybox', 'kubeedge/edgemesh-agent:v1.17.0',
  'registry.example.com:5000/a/b@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', '', ':', '@', 'UPPER:case', 'a:b:c',
];
const image = fc.oneof(fc.constantFrom(...IMAGES), fc.string({ maxLength: 20 }));
const port = fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.constantFrom(1883, 8883, 1884, 10350, 53, 80), fc.string({ maxLength: 5 }));

const container = fc.record(
  {
    name: maybe(fc.string({ maxLength: 8 })),
    image: maybe(image),
    imagePullPolicy: maybe(fc.constantFrom('Always', 'IfNotPresent', 'Never', 'always', '')),
    ports: maybe(fc.array(fc.record({ containerPort: maybe(port), hostPort: maybe(port), protocol: maybe(fc.constantFrom('TCP', 'UDP', 'SCTP', 'tcp')), hostIP: maybe(fc.constantFrom('0.0.0.0', '127.0.0.1', '::')) }, { requiredKeys: [] }), { maxLength: 3 })),
    command: maybe(fc.array(fc.constantFrom('mosquitto', '-c', '/mosquitto-no-auth.conf', '/mosquitto/config/mosquitto.conf', 'sh'), { maxLength: 3 })),
    args: maybe(fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

const placementLabels = fc.dictionary(fc.constantFrom('node-role.kubernetes.io/edge', 'node-role.kubernetes.io/agent', 'kubernetes.io/arch', 'zone'), fc.constantFrom('', 'true', 'amd64', 'a'), { maxKeys: 3 });
const selectorRequirement = fc.record(
  { key: maybe(fc.constantFrom('node-role.kubernetes.io/edge', 'node-role.kubernetes.io/agent', 'zone')), operator: maybe(fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt', 'Bogus')), values: maybe(fc.array(fc.constantFrom('', '1', 'a'), { maxLength: 2 })) },
  { requiredKeys: [] },
);

const podSpec = fc.record(
  {
    hostNetwork: maybe(fc.boolean()),
    nodeSelector: maybe(placementLabels),
    tolerations: maybe(fc.array(fc.record({ key: maybe(fc.string({ maxLength: 6 })), operator: maybe(fc.constantFrom('Exists', 'Equal')), effect: maybe(fc.constantFrom('NoSchedule', 'NoExecute')) }, { requiredKeys: [] }), { maxLength: 2 })),
    affinity: maybe(fc.record({ nodeAffinity: maybe(fc.record({ requiredDuringSchedulingIgnoredDuringExecution: maybe(fc.record({ nodeSelectorTerms: maybe(fc.array(fc.record({ matchExpressions: maybe(fc.array(selectorRequirement, { maxLength: 2 })) }), { maxLength: 2 })) })) })) })),
    securityContext: maybe(fc.record({ sysctls: maybe(fc.array(fc.record({ name: maybe(fc.constantFrom('net.ipv4.ip_forward', 'kernel.shm_rmid_forced', 'net.core.somaxconn', 'kernel.msgmax', 'x')), value: maybe(fc.string({ maxLength: 4 })) }, { requiredKeys: [] }), { maxLength: 3 })) }, { requiredKeys: [] })),
    initContainers: maybe(fc.array(container, { maxLength: 1 })),
    containers: maybe(fc.array(container, { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

const metadata = fc.record(
  {
    name: maybe(fc.string({ maxLength: 10 })),
    namespace: maybe(fc.constantFrom('default', 'kubeedge', 'edge')),
    labels: maybe(fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 })),
    annotations: maybe(fc.dictionary(fc.constantFrom('edgelint.io/ignore', 'a'), fc.constantFrom('node/host-port-conflict', 'k8s/edge-pull-policy,node/image-drift -- why', 'nope', ''), { maxKeys: 2 })),
  },
  { requiredKeys: [] },
);

const WORKLOAD_KINDS = ['Pod', 'Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'CronJob'] as const;
const workload = fc.constantFrom(...WORKLOAD_KINDS).chain((kind) => {
  const template = fc.record({ metadata: maybe(metadata), spec: maybe(podSpec) }, { requiredKeys: [] });
  // Each kind's spec has its own shape; the document only needs some value there.
  const spec: fc.Arbitrary<unknown> =
    kind === 'Pod' ? podSpec : kind === 'CronJob' ? fc.record({ schedule: fc.constant('*/5 * * * *'), jobTemplate: maybe(fc.record({ spec: maybe(fc.record({ template: maybe(template) })) })) }) : fc.record({ template: maybe(template), selector: maybe(value) }, { requiredKeys: [] });
  return fc.record({ apiVersion: fc.constantFrom(kind === 'Pod' ? 'v1' : kind.endsWith('Job') ? 'batch/v1' : 'apps/v1'), kind: fc.constant(kind), metadata: maybe(metadata), spec: maybe(spec) });
});

const service = fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Service'), metadata: maybe(metadata), spec: maybe(fc.record({ type: maybe(fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer')), ports: maybe(fc.array(fc.record({ port: maybe(port), nodePort: maybe(port), targetPort: maybe(port) }, { requiredKeys: [] }), { maxLength: 2 })) }, { requiredKeys: [] })) });
const configMap = fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('ConfigMap'), metadata: maybe(metadata), data: maybe(fc.dictionary(fc.constantFrom('mosquitto.conf', 'a'), fc.oneof(fc.constantFrom('listener 1883\nallow_anonymous true\n', 'port 1883\n'), fc.string({ maxLength: 20 })), { maxKeys: 2 })) });

const edgecore = fc.record({
  apiVersion: fc.constant('edgecore.config.kubeedge.io/v1alpha2'),
  kind: fc.constant('EdgeCore'),
  modules: maybe(
    fc.record(
      {
        edged: maybe(fc.record({ tailoredKubeletConfig: maybe(fc.record({ allowedUnsafeSysctls: maybe(fc.array(fc.constantFrom('net.*', 'kernel.msg*', 'net.core.somaxconn', '*'), { maxLength: 2 })), clusterDNS: maybe(fc.array(fc.constantFrom('169.254.96.16', '10.96.0.10'), { maxLength: 2 })) }, { requiredKeys: [] })), nodeLabels: maybe(placementLabels), allowedUnsafeSysctls: maybe(value) }, { requiredKeys: [] })),
        eventBus: maybe(fc.record({ enable: maybe(fc.boolean()), mqttMode: maybe(fc.integer({ min: -1, max: 3 })), mqttServerExternal: maybe(fc.constantFrom('tcp://127.0.0.1:1883', 'tcp://0.0.0.0:1884', 'nonsense', '')), mqttServerInternal: maybe(fc.constantFrom('tcp://127.0.0.1:1884')) }, { requiredKeys: [] })),
        metaManager: maybe(fc.record({ metaServer: maybe(fc.record({ enable: maybe(fc.boolean()), server: maybe(fc.constantFrom('127.0.0.1:10550')) }, { requiredKeys: [] })) })),
        edgeHub: maybe(fc.record({ websocket: maybe(fc.record({ enable: maybe(fc.boolean()) })), quic: maybe(fc.record({ enable: maybe(fc.boolean()) })) }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    ),
  ),
});

const anyObject = fc.oneof(workload, workload, service, configMap, edgecore, value);
const list = fc.record({ apiVersion: fc.constant('v1'), kind: fc.constantFrom('List', 'PodList', 'DeploymentList'), items: maybe(fc.array(anyObject, { maxLength: 3 })) });

/** A `helm template`-like stream of objects, serialised as YAML 1.1 (the version edgelint reads). */
export const yamlStream = fc.array(fc.tuple(fc.oneof(anyObject, list), fc.option(fc.constantFrom('chart/templates/a.yaml', 'edge/templates/ds.yaml'), { nil: undefined })), { minLength: 1, maxLength: 4 }).map((docs) =>
  docs.map(([obj, helm]) => `---\n${helm ? `# Source: ${helm}\n` : ''}${new Document(obj, { version: '1.1' }).toString()}`).join(''),
);

/** Text in each kind's own vocabulary: gets the parsers past their first line. */
export const shapedText: Record<(typeof KIND_PATHS)[number], fc.Arbitrary<string>> = {
  'deploy.yaml': yamlStream,
  'broker.service': linesOf(UNIT_WORDS),
  'mosquitto.conf': linesOf(MOSQUITTO_WORDS, 40),
  'install.sh': linesOf(SHELL_WORDS, 15),
  'values.json': fc.json({ maxDepth: 4 }),
};

const INSERTS = [': ', '\t', '- ', '&a ', '*a ', '"', "'", '\n', '\r\n', '{', '[', '}', ']', '---\n', '... ', '\\', '#', '? ', '!!binary ', '<<: *a\n', '  ', 'kind: List\n', '\ufeff', '\u0000'];

export type Mutation = { op: 'delete'; at: number; length: number } | { op: 'insert'; at: number; text: string } | { op: 'duplicate-line'; at: number } | { op: 'indent'; at: number; by: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 4 })) }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -3, max: 3 }) }),
);

export function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length ? m.at % (out.length + 1) : 0;
    if (m.op === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.op === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else {
      const lines = out.split('\n');
      const i = lines.length ? m.at % lines.length : 0;
      if (m.op === 'duplicate-line') lines.splice(i, 0, lines[i]);
      else lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      out = lines.join('\n');
    }
  }
  return out;
}
