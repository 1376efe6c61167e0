import rule from '../../../rules/node/image-not-preloaded.js';
import { ruleTester, text } from '../../rule-tester.js';

const deployment = (images: string[], selector = '        nodeSelector:\n          node-role.kubernetes.io/edge: ""\n') => text`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: app
  spec:
    template:
      spec:
${selector}        containers:
${images.map((image, i) => `        - name: c${i}\n          image: ${image}\n`).join('')}`;

const bundle = { offlineImages: [{ file: 'offline-images.txt' }] };

ruleTester(rule, {
  valid: [
    {
      name: 'no bundle declared: nothing to compare with',
      files: { 'app.yaml': deployment(['registry.example.com/iot/agent:1.0']) },
    },
    {
      name: 'Docker Hub prefixes are normalised',
      config: bundle,
      files: { 'app.yaml': deployment(['eclipse-mosquitto:2.0']), 'offline-images.txt': 'docker.io/library/eclipse-mosquitto:2.0\n' },
    },
    {
      name: 'an untagged reference is latest on both sides',
      config: bundle,
      files: { 'app.yaml': deployment(['registry.example.com/iot/agent']), 'offline-images.txt': 'registry.example.com/iot/agent:latest\n' },
    },
    {
      name: 'a digest matches the same digest',
      config: bundle,
      files: {
        'app.yaml': deployment([`registry.example.com/iot/agent@sha256:${'a'.repeat(64)}`]),
        'offline-images.txt': `registry.example.com/iot/agent:1.0@sha256:${'a'.repeat(64)}\n`,
      },
    },
    {
      name: 'images listed in config directly',
      config: { offlineImages: ['kubeedge/pause:3.6'] },
      files: { 'app.yaml': deployment(['docker.io/kubeedge/pause:3.6']) },
    },
    {
      name: 'a placeholder tag (app:__TAG__) names no version the bundle could lack',
      config: bundle,
      files: { 'app.yaml': deployment(['registry.example.com/iot/agent:__TAG__', 'registry.example.com/iot/other:${TAG}']), 'offline-images.txt': 'kubeedge/pause:3.6\n' },
    },
    {
      name: 'a templated bundle entry (agent:__TAG__) may hold the version a workload runs',
      config: bundle,
      files: { 'app.yaml': deployment(['registry.example.com/iot/agent:1.4.2']), 'offline-images.txt': 'registry.example.com/iot/agent:__TAG__\n' },
    },
    {
      name: 'workloads kept off edge nodes pull online',
      config: bundle,
      files: {
        'app.yaml': deployment(['kubeedge/cloudcore:v1.22.0'], '        nodeSelector:\n          node-role.kubernetes.io/control-plane: "true"\n'),
        'offline-images.txt': 'kubeedge/pause:3.6\n',
      },
    },
    {
      name: 'a tarball name tells no registry: turbine-telemetry-3.2.0.tar holds the private registry image of that name and tag (issue #10)',
      config: bundle,
      files: { 'app.yaml': deployment(['registry.example.com/wind/turbine-telemetry:3.2.0']), 'offline-images.txt': 'turbine-telemetry-3.2.0.tar\n' },
    },
    {
      name: 'a tarball name flattened with its namespace (kubeedge_pause_3.6.tar, kubeedge-pause-3.6.tar)',
      config: bundle,
      files: { 'app.yaml': deployment(['kubeedge/pause:3.6', 'docker.io/kubeedge/pause:3.6']), 'offline-images.txt': 'kubeedge_pause_3.6.tar\n' },
    },
    {
      name: 'a list line naming an archive is that tarball, not an image called pause-3.6.tar',
      config: bundle,
      files: { 'app.yaml': deployment(['registry.k8s.io/pause:3.6']), 'offline-images.txt': 'pause-3.6.tar\n' },
    },
    {
      name: 'a tarball the script saved holds the image saved into it, not what its name suggests (sweep6 Q-3)',
      files: {
        'app.yaml': deployment(['registry.example.com/iot/agent:2.0']),
        'load.sh': 'docker save -o /opt/images/agent-1.0.tar registry.example.com/iot/agent:2.0\nctr -n k8s.io images import /opt/images/agent-1.0.tar\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a tarball named after nothing (/tmp/agent.tar) holds the image the script saved into it: that is the bundle (sweep6 Q-3)',
      files: {
        'app.yaml': deployment(['registry.example.com/iot/agent:1.4', 'registry.example.com/iot/gateway:1.4']),
        'load.sh': 'AGENT=registry.example.com/iot/agent:1.4\nnerdctl save --output=/tmp/agent.tar "$AGENT"\nctr -n k8s.io images import /tmp/agent.tar\n',
      },
      errors: [
        {
          file: 'app.yaml',
          messageId: 'missing',
          line: 14,
          column: 16,
          message: 'registry.example.com/iot/gateway:1.4 (Deployment app) runs on edge nodes but is not in the offline bundle (load.sh): an offline node cannot pull it.',
        },
      ],
    },
    {
      name: 'a tarball of another version: named as the tarball names it, with no registry claimed (issue #10)',
      config: bundle,
      files: { 'app.yaml': deployment(['registry.example.com/wind/turbine-telemetry:3.2.1']), 'offline-images.txt': 'turbine-telemetry-3.2.0.tar\n' },
      errors: [
        {
          file: 'app.yaml',
          messageId: 'missing',
          line: 12,
          column: 16,
          message: 'registry.example.com/wind/turbine-telemetry:3.2.1 (Deployment app) runs on edge nodes but is not in the offline bundle (offline-images.txt); the bundle has turbine-telemetry:3.2.0: an offline node cannot pull it.',
          related: [{ file: 'offline-images.txt', line: 1, column: 1 }],
        },
      ],
    },
    {
      name: 'a tarball whose name only ends like the repository does not hold it (telemetry-3.2.0.tar)',
      config: bundle,
      files: { 'app.yaml': deployment(['registry.example.com/wind/turbine-telemetry:3.2.0']), 'offline-images.txt': 'telemetry-3.2.0.tar\n' },
      errors: [
        {
          file: 'app.yaml',
          messageId: 'missing',
          line: 12,
          column: 16,
          message: 'registry.example.com/wind/turbine-telemetry:3.2.0 (Deployment app) runs on edge nodes but is not in the offline bundle (offline-images.txt): an offline node cannot pull it.',
        },
      ],
    },
    {
      name: 'an image at another tag than the bundle holds, with the bundle entry as related location',
      config: bundle,
      files: { 'app.yaml': deployment(['eclipse-mosquitto:1.6.15']), 'offline-images.txt': '# bundle\ndocker.io/library/eclipse-mosquitto:2.0\n' },
      errors: [
        {
          file: 'app.yaml',
          messageId: 'missing',
          line: 12,
          column: 16,
          message: 'eclipse-mosquitto:1.6.15 (Deployment app) runs on edge nodes but is not in the offline bundle (offline-images.txt); the bundle has eclipse-mosquitto:2.0: an offline node cannot pull it.',
          related: [{ file: 'offline-images.txt', line: 2, column: 1 }],
        },
      ],
    },
    {
      name: 'every missing container image of a workload landing on edge',
      config: bundle,
      files: { 'app.yaml': deployment(['registry.example.com/iot/agent:latest', 'kubeedge/pause:3.6', 'busybox']), 'offline-images.txt': 'kubeedge/pause:3.6\n' },
      errors: [
        { file: 'app.yaml', messageId: 'missing', line: 12, column: 16 },
        { file: 'app.yaml', messageId: 'missing', line: 16, column: 16, message: /^busybox \(Deployment app\)/ },
      ],
    },
    {
      name: 'a bundle list with CRLF or lone-CR line ends: each line one image, exact positions',
      config: bundle,
      files: {
        'app.yaml': deployment(['eclipse-mosquitto:2.0', 'busybox:1.36']),
        'offline-images.txt': '# bundle\r\ndocker.io/library/eclipse-mosquitto:2.0\r\r  busybox:1.35 \n',
      },
      errors: [
        { file: 'app.yaml', messageId: 'missing', line: 14, column: 16, related: [{ file: 'offline-images.txt', line: 4, column: 3 }] },
      ],
    },
    {
      name: 'a different digest does not match',
      config: bundle,
      files: {
        'app.yaml': deployment([`registry.example.com/iot/agent@sha256:${'b'.repeat(64)}`]),
        'offline-images.txt': `registry.example.com/iot/agent@sha256:${'a'.repeat(64)}\n`,
      },
      errors: [{ file: 'app.yaml', messageId: 'missing', line: 12, column: 16 }],
    },
  ],
});
