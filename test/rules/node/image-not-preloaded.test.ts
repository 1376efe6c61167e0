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
    {
      name: 'an import a cloud-host script runs (its name says cloud) fills the control-plane node, not an edge bundle (sweep9 FP-1)',
      files: {
        'app.yaml': deployment(['registry.example.com/iot/counter:1.0']),
        'demo_cloud.sh': 'docker save registry.example.com/iot/web:1.0 -o /root/web.tar\nctr -n k8s.io image import /root/web.tar\n',
      },
    },
    {
      name: 'a script that starts the control plane (keadm init) and joins no edge node imports into the cloud node',
      files: {
        'app.yaml': deployment(['registry.example.com/iot/counter:1.0']),
        'setup.sh': 'keadm deprecated init --advertise-address=10.0.0.1\ndocker save -o /opt/web.tar registry.example.com/iot/web:1.0\nctr -n k8s.io images import /opt/web.tar\n',
      },
    },
    {
      name: 'isula load -i / --input imports a saved archive into iSulad (sweep9 FP-2)',
      files: {
        'app.yaml': deployment(['nginx:alpine', 'registry.example.com/iot/agent:1.0']),
        'load.sh': 'docker save -o /opt/img/nginx.tar nginx:alpine\nisula load -i /opt/img/nginx.tar\ndocker save -o /opt/img/agent.tar registry.example.com/iot/agent:1.0\nisula load --input=/opt/img/agent.tar\n',
      },
    },
    {
      name: 'an import whose archive is named only at run time leaves the bundle incomplete: nothing is claimed missing (sweep9 FP-2)',
      files: {
        'app.yaml': deployment(['registry.example.com/iot/agent:1.4', 'quay.io/coreos/flannel:v0.14.0']),
        'load.sh': 'nerdctl save -o /tmp/agent.tar registry.example.com/iot/agent:1.4\nctr -n k8s.io images import /tmp/agent.tar\nload_net() {\n  arch=$(uname -m)\n  isula load -i ./tarball/flannel-$arch.tar\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a declared offlineImages list describes what a glob loop imports: the bundle stays known',
      config: bundle,
      files: {
        'app.yaml': deployment(['registry.example.com/iot/agent:1.0']),
        'offline-images.txt': 'kubeedge/pause:3.6\n',
        'load.sh': 'for f in /media/bundle/*.tar; do\n  ctr -n k8s.io images import "$f"\ndone\n',
      },
      errors: [{ file: 'app.yaml', messageId: 'missing', line: 12, column: 16 }],
    },
    {
      name: 'one missing image in two containers of one pod: one finding, the other container related (sweep9 Q-1)',
      config: bundle,
      files: { 'app.yaml': deployment(['quay.io/coreos/flannel:v0.14.0', 'kubeedge/pause:3.6', 'quay.io/coreos/flannel:v0.14.0']), 'offline-images.txt': 'kubeedge/pause:3.6\n' },
      errors: [
        {
          file: 'app.yaml',
          messageId: 'missing',
          line: 12,
          column: 16,
          message: 'quay.io/coreos/flannel:v0.14.0 (Deployment app) runs on edge nodes but is not in the offline bundle (offline-images.txt): an offline node cannot pull it.',
          related: [{ file: 'app.yaml', line: 16, column: 16 }],
        },
      ],
    },
    {
      name: 'a script that inits the control plane and joins an edge node too is the edge node\'s: its import is the bundle',
      files: {
        'app.yaml': deployment(['registry.example.com/iot/counter:1.0']),
        'all-in-one.sh': 'keadm init --advertise-address=10.0.0.1\nkeadm join --cloudcore-ipport=10.0.0.1:10000\ndocker save -o /opt/web.tar registry.example.com/iot/web:1.0\nctr -n k8s.io images import /opt/web.tar\n',
      },
      errors: [{ file: 'app.yaml', messageId: 'missing', line: 12, column: 16 }],
    },
    {
      name: 'cloud-init provisions edge devices: a script under cloud-init/ stays the edge nodes\'',
      files: {
        'app.yaml': deployment(['registry.example.com/iot/counter:1.0']),
        'cloud-init/provision.sh': 'docker save -o /opt/web.tar registry.example.com/iot/web:1.0\nctr -n k8s.io images import /opt/web.tar\n',
      },
      errors: [{ file: 'app.yaml', messageId: 'missing', line: 12, column: 16 }],
    },
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
