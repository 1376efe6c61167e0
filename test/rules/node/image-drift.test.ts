import rule from '../../../rules/node/image-drift.js';
import { describe, expect, it } from 'vitest';
import { ruleTester, text } from '../../rule-tester.js';
import { lint } from '../../../src/engine/lint.js';
import { builtinRules } from '../../../rules/index.js';

const daemonSet = (image: string, extra = '') => text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: edge-eclipse-mosquitto
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
` + extra;

const unit = (image: string) => text`
  [Service]
  ExecStart=ctr -n k8s.io run --rm --net-host \\
    ${image} mosquitto \\
    mosquitto -c /mosquitto-no-auth.conf
  Restart=always
`;

/** One DaemonSet of a per-architecture set (the classic kube-flannel.yml shape): pinned by `key: arch`. */
const archDaemonSet = (arch: string, image: string, key = 'kubernetes.io/arch') => text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: kube-flannel-ds-${arch}
  spec:
    template:
      spec:
        hostNetwork: true
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - key: ${key}
                  operator: In
                  values: [${arch}]
        containers:
        - name: kube-flannel
          image: ${image}
`;

const flannel = (key?: string) =>
  [archDaemonSet('amd64', 'quay.io/coreos/flannel:v0.14.0-amd64', key), archDaemonSet('arm64', 'quay.io/coreos/flannel:v0.14.0-arm64', key), archDaemonSet('arm', 'quay.io/coreos/flannel:v0.14.0-arm', key)].join('---\n');

/** One component's agent DaemonSet as a repository's legacy or current manifest set writes it. */
const agent = (image: string, name = 'mesh-agent', namespace = 'mesh-system') => text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: ${name}
    namespace: ${namespace}
  spec:
    template:
      spec:
        hostNetwork: true
        containers:
        - name: agent
          image: ${image}
`;

/** A Deployment pinned to edge nodes that runs only what the node holds (imagePullPolicy: Never). */
const pinned = (name: string, image: string) => text`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: ${name}}
  spec:
    selector: {matchLabels: {app: ${name}}}
    template:
      metadata: {labels: {app: ${name}}}
      spec:
        nodeSelector: {node-role.kubernetes.io/edge: ""}
        containers:
        - {name: agent, image: "${image}", imagePullPolicy: Never}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a legacy and a current manifest set of one object (same kind, namespace and name) are alternatives, not two workloads',
      files: {
        'build/legacy/agent/05-daemonset.yaml': agent('example/mesh-agent:v1.12.0'),
        'build/agent/resources/05-daemonset.yaml': agent('example/mesh-agent:v1.16.0'),
      },
    },
    {
      name: 'alternatives are told apart whatever apiVersion serves them (extensions/v1beta1 and apps/v1 DaemonSet)',
      files: {
        'old.yaml': agent('example/mesh-agent:v1.12.0').replace('apps/v1', 'extensions/v1beta1'),
        'new.yaml': agent('example/mesh-agent:v1.16.0'),
      },
    },
    {
      name: 'a workload meeting either alternative at its version: nothing drifts on the node it shares with the one it matches',
      files: {
        'old.yaml': agent('example/mesh-agent:v1.16.0'),
        'new.yaml': agent('example/mesh-agent:v1.16.0'),
        'gateway.yaml': agent('example/mesh-agent:v1.16.0', 'mesh-gateway'),
      },
    },
    {
      name: 'one registry repository holding unrelated programs, told apart by the words of their tags: not one image at two versions',
      files: {
        'web.yaml': daemonSet('example/prototype-registry:example-webserver-v-1'),
        'model.yaml': daemonSet('example/prototype-registry:phymodel_v0-0-1').replace('edge-eclipse-mosquitto', 'physical-model'),
      },
    },
    {
      name: 'per-architecture DaemonSets with -amd64/-arm64/-arm tags are variants, not drift',
      files: { 'kube-flannel.yml': flannel() },
    },
    {
      name: 'per-architecture DaemonSets pinned by the beta arch label',
      files: { 'kube-flannel.yml': flannel('beta.kubernetes.io/arch') },
    },
    {
      name: 'nodeSelector on one arch label and affinity on its beta alias cannot share a node',
      files: {
        'a.yaml': daemonSet('eclipse-mosquitto:2.0', '').replace('node-role.kubernetes.io/edge: ""', 'node-role.kubernetes.io/edge: ""\n        kubernetes.io/arch: amd64'),
        'b.yaml': archDaemonSet('arm64', 'eclipse-mosquitto:2.0.18', 'beta.kubernetes.io/arch'),
      },
    },
    {
      name: 'In against NotIn of the same values on a custom label',
      files: {
        'a.yaml': archDaemonSet('zone-a', 'eclipse-mosquitto:2.0', 'example.com/zone'),
        'b.yaml': archDaemonSet('zone-a', 'eclipse-mosquitto:2.0.18', 'example.com/zone').replace('operator: In', 'operator: NotIn').replace('kube-flannel-ds-zone-a', 'other'),
      },
    },
    {
      name: 'same version in the chart and the unit, spelled differently',
      files: { 'ds.yaml': daemonSet('eclipse-mosquitto:2.0'), 'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:2.0') },
    },
    {
      name: 'a tarball name fits two repositories (pause-3.6.tar: registry.k8s.io/pause, kubeedge/pause): it joins neither (issue #10)',
      config: { offlineImages: [{ file: 'offline-images.txt' }] },
      files: {
        'ds.yaml': daemonSet('registry.k8s.io/pause:3.9'),
        'ds2.yaml': daemonSet('kubeedge/pause:3.6').replace('edge-eclipse-mosquitto', 'other'),
        'offline-images.txt': 'pause-3.6.tar\n',
      },
    },
    {
      name: 'a tarball at the version the private-registry workload runs (turbine-telemetry-3.2.0.tar)',
      config: { offlineImages: [{ file: 'offline-images.txt' }] },
      files: { 'ds.yaml': daemonSet('registry.example.com/wind/turbine-telemetry:3.2.0'), 'offline-images.txt': 'turbine-telemetry-3.2.0.tar\n' },
    },
    {
      name: 'bundle and workload agree',
      config: { offlineImages: ['docker.io/eclipse-mosquitto:2.0'] },
      files: { 'ds.yaml': daemonSet('eclipse-mosquitto:2.0') },
    },
    {
      name: 'different versions on different node classes are not drift',
      files: {
        'ds.yaml': daemonSet('eclipse-mosquitto:2.0'),
        'cloud.yaml': text`
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: cloud-broker
          spec:
            template:
              spec:
                nodeSelector:
                  node-role.kubernetes.io/control-plane: ""
                containers:
                - name: b
                  image: eclipse-mosquitto:1.6.15
        `,
      },
    },
    ...['__TAG__', '${TAG}', '{{ .Values.mosquitto.tag }}', '"<tag>"', 'TAG', 'IMAGE_TAG'].map((tag) => ({
      name: `a placeholder tag (eclipse-mosquitto:${tag}) is not a version: no drift from the unit's 2.0`,
      files: { 'ds.yaml': daemonSet(`eclipse-mosquitto:${tag}`), 'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:2.0') },
    })),
    {
      name: 'a placeholder tag in the unit is not a version either',
      config: { offlineImages: ['eclipse-mosquitto:2.0'] },
      files: { 'ds.yaml': daemonSet('eclipse-mosquitto:2.0'), 'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:__MOSQUITTO_TAG__') },
    },
    {
      name: 'a placeholder baseline decides nothing',
      config: { baselineImages: ['eclipse-mosquitto:__TAG__'] },
      files: { 'ds.yaml': daemonSet('eclipse-mosquitto:2.0') },
    },
    {
      name: 'different repositories',
      files: { 'ds.yaml': daemonSet('eclipse-mosquitto:2.0'), 'mosquitto.service': unit('docker.io/emqx/emqx:5.0') },
    },
  ],
  invalid: [
    {
      name: 'same name in two namespaces: two objects, both run, so they drift',
      files: {
        'a.yaml': agent('example/mesh-agent:v1.12.0'),
        'b.yaml': agent('example/mesh-agent:v1.16.0', 'mesh-agent', 'other'),
      },
      errors: [
        { file: 'a.yaml', messageId: 'split', line: 12, column: 16, related: [{ file: 'b.yaml', line: 12, column: 16 }] },
        { file: 'b.yaml', messageId: 'split', line: 12, column: 16, related: [{ file: 'a.yaml', line: 12, column: 16 }] },
      ],
    },
    {
      name: 'a Deployment and a DaemonSet of one name are two objects: they drift',
      files: {
        'a.yaml': agent('example/mesh-agent:v1.12.0').replace('kind: DaemonSet', 'kind: Deployment'),
        'b.yaml': agent('example/mesh-agent:v1.16.0'),
      },
      errors: [
        { file: 'a.yaml', messageId: 'split', line: 12, column: 16 },
        { file: 'b.yaml', messageId: 'split', line: 12, column: 16 },
      ],
    },
    {
      name: 'alternatives never meet each other, but a third workload meets both: the alternative at another version than it drifts, only that one',
      files: {
        'old.yaml': agent('example/mesh-agent:v1.12.0'),
        'new.yaml': agent('example/mesh-agent:v1.16.0'),
        'gateway.yaml': agent('example/mesh-agent:v1.16.0', 'mesh-gateway'),
      },
      errors: [{ file: 'old.yaml', messageId: 'split', line: 12, column: 16, message: /^example\/mesh-agent runs at 2 versions on edge nodes: example\/mesh-agent:v1\.12\.0 in DaemonSet mesh-agent \(old\.yaml:12\); example\/mesh-agent:v1\.16\.0 in DaemonSet mesh-gateway \(gateway\.yaml:12\); pick one/, related: [{ file: 'gateway.yaml', line: 12, column: 16 }] }],
    },
    {
      name: 'a unit is on every node: it drifts from whichever alternative is applied',
      files: {
        'old.yaml': agent('example/mesh-agent:v1.12.0'),
        'new.yaml': agent('example/mesh-agent:v1.16.0'),
        'agent.service': unit('docker.io/example/mesh-agent:v1.16.0'),
      },
      errors: [
        { file: 'agent.service', messageId: 'split', line: 3, column: 3, related: [{ file: 'old.yaml', line: 12, column: 16 }] },
        { file: 'old.yaml', messageId: 'split', line: 12, column: 16, related: [{ file: 'agent.service', line: 3, column: 3 }] },
      ],
    },
    {
      name: 'build variants are one program: 1.6-openssl against 2.0 still drifts',
      files: { 'ds.yaml': daemonSet('eclipse-mosquitto:1.6-openssl'), 'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:2.0') },
      errors: [
        { file: 'ds.yaml', messageId: 'split', line: 13, column: 16, related: [{ file: 'mosquitto.service', line: 3, column: 3 }] },
        { file: 'mosquitto.service', messageId: 'split', line: 3, column: 3, related: [{ file: 'ds.yaml', line: 13, column: 16 }] },
      ],
    },
    {
      name: 'one program under a word in its tags drifts between releases (release-1.2 against release-1.3)',
      files: { 'a.yaml': daemonSet('example/agent:release-1.2'), 'mosquitto.service': unit('docker.io/example/agent:release-1.3') },
      errors: [
        { file: 'a.yaml', messageId: 'split', line: 13, column: 16, related: [{ file: 'mosquitto.service', line: 3, column: 3 }] },
        { file: 'mosquitto.service', messageId: 'split', line: 3, column: 3, related: [{ file: 'a.yaml', line: 13, column: 16 }] },
      ],
    },
    {
      name: 'a tarball name tells no registry: it joins the one repository it fits, and the drift names it as written (issue #10)',
      config: { offlineImages: [{ file: 'offline-images.txt' }] },
      files: { 'ds.yaml': daemonSet('registry.example.com/wind/turbine-telemetry:3.2.1'), 'offline-images.txt': '# depot bundle\nturbine-telemetry-3.2.0.tar\n' },
      errors: [
        {
          file: 'ds.yaml',
          messageId: 'drift',
          line: 13,
          column: 16,
          message:
            'registry.example.com/wind/turbine-telemetry:3.2.1 in DaemonSet edge-eclipse-mosquitto drifts from turbine-telemetry:3.2.0 (the offline bundle): turbine-telemetry:3.2.0 in offline bundle (offline-images.txt:2); registry.example.com/wind/turbine-telemetry:3.2.1 is not in the offline bundle, so an offline node cannot pull it.',
          related: [{ file: 'offline-images.txt', line: 2, column: 1 }],
        },
      ],
    },
    {
      name: 'the seed: chart 1.6.15 against the unit 2.0 with no bundle or baseline reports both sides',
      files: { 'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15'), 'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:2.0') },
      errors: [
        { file: 'ds.yaml', messageId: 'split', line: 13, column: 16, message: /eclipse-mosquitto runs at 2 versions on edge nodes: eclipse-mosquitto:1.6.15 in DaemonSet edge-eclipse-mosquitto \(ds.yaml:13\); eclipse-mosquitto:2.0 in mosquitto.service \(mosquitto.service:3\)/, related: [{ file: 'mosquitto.service', line: 3, column: 3 }] },
        { file: 'mosquitto.service', messageId: 'split', line: 3, column: 3, related: [{ file: 'ds.yaml', line: 13, column: 16 }] },
      ],
    },
    {
      name: 'the offline bundle decides: only the chart drifts',
      config: { offlineImages: ['eclipse-mosquitto:2.0'] },
      files: { 'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15'), 'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:2.0') },
      errors: [{ file: 'ds.yaml', messageId: 'drift', line: 13, column: 16, message: /^eclipse-mosquitto:1\.6\.15 in DaemonSet edge-eclipse-mosquitto drifts from eclipse-mosquitto:2\.0 \(the offline bundle\): eclipse-mosquitto:2\.0 in mosquitto\.service/ }],
    },
    {
      name: 'a baseline aligns the tag as written (fix)',
      config: { baselineImages: ['eclipse-mosquitto:2.0'] },
      files: { 'ds.yaml': daemonSet('"docker.io/library/eclipse-mosquitto:1.6.15"'), 'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:2.0') },
      errors: [{ file: 'ds.yaml', messageId: 'drift', line: 13, column: 16, message: /\(the configured baseline\)/ }],
      output: { 'ds.yaml': daemonSet('"docker.io/library/eclipse-mosquitto:2.0"') },
    },
    {
      name: 'a unit drifting from the baseline is fixed in the unit',
      config: { baselineImages: ['eclipse-mosquitto:2.0.20'] },
      files: { 'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:2.0') },
      errors: [{ messageId: 'drift', line: 3, column: 3 }],
      output: { 'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:2.0.20') },
    },
    {
      name: 'two arch DaemonSets whose values overlap (In [amd64, arm64] vs In [arm64]) can meet on an arm64 node',
      files: {
        'a.yaml': archDaemonSet('amd64, arm64', 'eclipse-mosquitto:2.0').replace('kube-flannel-ds-amd64, arm64', 'multi'),
        'b.yaml': archDaemonSet('arm64', 'eclipse-mosquitto:2.0.18'),
      },
      errors: [
        { file: 'a.yaml', messageId: 'split', line: 19, column: 16 },
        { file: 'b.yaml', messageId: 'split', line: 19, column: 16 },
      ],
    },
    {
      name: 'a unit runs on every node: it drifts from the per-arch DaemonSets it meets',
      files: { 'kube-flannel.yml': flannel(), 'flannel.service': unit('quay.io/coreos/flannel:v0.13.0') },
      errors: [
        { file: 'flannel.service', messageId: 'split', line: 3, column: 3, message: /^quay\.io\/coreos\/flannel runs at 2 versions on edge nodes: quay\.io\/coreos\/flannel:v0\.13\.0 in flannel\.service/ },
        { file: 'kube-flannel.yml', messageId: 'split', line: 19, column: 16 },
        { file: 'kube-flannel.yml', messageId: 'split', line: 39, column: 16 },
        { file: 'kube-flannel.yml', messageId: 'split', line: 59, column: 16 },
      ],
    },
    {
      name: 'beside a placeholder, the real versions still drift, and the placeholder is neither reported nor listed',
      files: {
        'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15', '---\n' + daemonSet('eclipse-mosquitto:__TAG__').replace('edge-eclipse-mosquitto', 'second')),
        'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:2.0'),
      },
      errors: [
        { file: 'ds.yaml', messageId: 'split', line: 13, column: 16, message: /^eclipse-mosquitto runs at 2 versions on edge nodes: eclipse-mosquitto:1\.6\.15 in DaemonSet edge-eclipse-mosquitto \(ds\.yaml:13\); eclipse-mosquitto:2\.0 in mosquitto\.service \(mosquitto\.service:3\); pick one/, related: [{ file: 'mosquitto.service', line: 3, column: 3 }] },
        { file: 'mosquitto.service', messageId: 'split', line: 3, column: 3, related: [{ file: 'ds.yaml', line: 13, column: 16 }] },
      ],
    },
    {
      name: 'the script saves v2 into /tmp/agent.tar and imports it: the node holds v2, so the two latest manifests drift, not the v2 one (sweep6 Q-3)',
      files: {
        'k8s/agent-a.yaml': pinned('agent-a', 'eam-agent:latest'),
        'k8s/agent-b.yaml': pinned('agent-b', 'eam-agent:latest'),
        'k8s/gateway.yaml': pinned('gateway', 'eam-agent:v2'),
        'build.sh': text`
          #!/bin/bash
          AGENT_IMAGE="eam-agent:v2"
          nerdctl build -t \${AGENT_IMAGE} -f Dockerfile.agent .
          nerdctl save -o /tmp/agent.tar \${AGENT_IMAGE}
          ctr -n k8s.io images import /tmp/agent.tar
        `,
      },
      errors: [
        {
          file: 'k8s/agent-a.yaml',
          messageId: 'drift',
          line: 11,
          column: 30,
          message:
            'eam-agent:latest in Deployment agent-a drifts from eam-agent:v2 (the offline bundle): eam-agent:v2 in Deployment gateway (k8s/gateway.yaml:11); eam-agent:v2 in offline bundle agent.tar (build.sh:2); eam-agent:latest is not in the offline bundle, so an offline node cannot pull it.',
          related: [
            { file: 'k8s/gateway.yaml', line: 11, column: 30 },
            { file: 'build.sh', line: 2, column: 13, message: 'eam-agent:v2 in offline bundle agent.tar' },
          ],
        },
        { file: 'k8s/agent-b.yaml', messageId: 'drift', line: 11, column: 30, message: /^eam-agent:latest in Deployment agent-b drifts from eam-agent:v2 \(the offline bundle\)/ },
      ],
    },
    {
      name: 'three sources, majority wins',
      files: {
        'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15', '---\n' + daemonSet('eclipse-mosquitto:2.0').replace('edge-eclipse-mosquitto', 'second')),
        'mosquitto.service': unit('eclipse-mosquitto:2.0'),
      },
      errors: [{ file: 'ds.yaml', messageId: 'drift', line: 13, column: 16, message: /\(most sources\)/ }],
    },
  ],
});

describe('node/image-drift with node/image-not-preloaded: one root cause, one finding (issue #10 §1)', () => {
  const both = async (files: Record<string, string>, config: Record<string, unknown>, rules: Record<string, 'error' | 'off'> = {}) => {
    const all: Record<string, 'error' | 'off'> = Object.fromEntries(builtinRules.map((r) => [r.id, 'off' as const]));
    const result = await lint({
      files: Object.entries(files).map(([path, content]) => ({ path, content })),
      config: { ...config, rules: { ...all, 'node/image-drift': 'error', 'node/image-not-preloaded': 'error', ...rules } },
      cwd: '/nonexistent-edgelint-test-cwd',
    });
    expect(result.errors).toEqual([]);
    return result.findings.map((f) => ({ at: `${f.ruleId} ${f.file}:${f.line}:${f.column}`, message: f.message, related: (f.related ?? []).map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`) }));
  };
  const bundle = { offlineImages: [{ file: 'offline-images.txt' }] };
  const list = '# bundle\ndocker.io/library/eclipse-mosquitto:2.0\n';

  it('the chart at another version than the bundle holds is one drift finding, with the bundle entry related', async () => {
    const findings = await both({ 'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15'), 'offline-images.txt': list }, bundle);
    expect(findings).toEqual([
      {
        at: 'node/image-drift ds.yaml:13:16',
        message: 'eclipse-mosquitto:1.6.15 in DaemonSet edge-eclipse-mosquitto drifts from eclipse-mosquitto:2.0 (the offline bundle): eclipse-mosquitto:2.0 in offline bundle (offline-images.txt:2); eclipse-mosquitto:1.6.15 is not in the offline bundle, so an offline node cannot pull it.',
        related: ['offline-images.txt:2:1 eclipse-mosquitto:2.0 in offline bundle'],
      },
    ]);
  });

  it('with a baseline: still one finding, and the bundle entry is related even past the listed others', async () => {
    const many = Array.from({ length: 12 }, (_, i) => daemonSet('eclipse-mosquitto:2.0').replace('edge-eclipse-mosquitto', `b${i}`)).join('---\n');
    const findings = await both({ 'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15'), 'more.yaml': many, 'offline-images.txt': list }, { ...bundle, baselineImages: ['eclipse-mosquitto:2.0'] });
    expect(findings.map((f) => f.at)).toEqual(['node/image-drift ds.yaml:13:16']);
    expect(findings[0].related).toHaveLength(11);
    expect(findings[0].related[10]).toBe('offline-images.txt:2:1 eclipse-mosquitto:2.0 in offline bundle');
  });

  it('with image-drift off, or silenced at the image, the bundle finding stands', async () => {
    const files = { 'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15'), 'offline-images.txt': list };
    expect((await both(files, bundle, { 'node/image-drift': 'off' })).map((f) => f.at)).toEqual(['node/image-not-preloaded ds.yaml:13:16']);
    const silenced = { ...files, 'ds.yaml': files['ds.yaml'].replace('      - name: mosquitto\n', '      - name: mosquitto\n        # edgelint-disable-next-line node/image-drift -- moving to 2.0 next sprint\n') };
    expect((await both(silenced, bundle)).map((f) => f.at)).toEqual(['node/image-not-preloaded ds.yaml:14:16']);
  });

  it('when the chart is the reference and the bundle drifts, each side is its own finding', async () => {
    const findings = await both({ 'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15'), 'offline-images.txt': list }, { ...bundle, baselineImages: ['eclipse-mosquitto:1.6.15'] });
    expect(findings.map((f) => f.at).sort()).toEqual(['node/image-drift offline-images.txt:2:1', 'node/image-not-preloaded ds.yaml:13:16']);
  });

  it('an image the bundle does not hold at all is only not preloaded', async () => {
    const findings = await both({ 'ds.yaml': daemonSet('registry.example.com/iot/agent:1.0'), 'offline-images.txt': list }, bundle);
    expect(findings.map((f) => f.at)).toEqual(['node/image-not-preloaded ds.yaml:13:16']);
  });
});
