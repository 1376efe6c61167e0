import rule from '../../../rules/node/host-port-conflict.js';
import { ruleTester, text } from '../../rule-tester.js';

const chartDaemonSet = (image = 'eclipse-mosquitto:1.6.15', placement = '') => text`
  kind: DaemonSet
  apiVersion: apps/v1
  metadata:
    name: edge-eclipse-mosquitto
  spec:
    template:
      spec:
        hostNetwork: true
        containers:
        - name: edge-eclipse-mosquitto
          image: ${image}
          imagePullPolicy: IfNotPresent
` + placement;

const seedUnit = [
  '[Service]',
  'ExecStart=ctr -n k8s.io run --rm --net-host \\',
  '  docker.io/library/eclipse-mosquitto:2.0 mosquitto \\',
  '  mosquitto -c /mosquitto-no-auth.conf',
  'Restart=always',
  '',
].join('\n');

const hostPortPod = (port: number, protocol = 'TCP', hostIP = '') => text`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web-${port}
  spec:
    containers:
    - name: web
      image: nginx:1.25.3
      ports:
      - containerPort: 8080
        hostPort: ${port}
        protocol: ${protocol}
` + (hostIP ? `      hostIP: ${hostIP}\n` : '');

/** A Pod claiming hostPort 9100, on nodes carrying every label of `selector`. */
const labelledPod = (selector: Record<string, string>) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: scraper\nspec:\n  nodeSelector:\n${Object.entries(selector).map(([k, v]) => `    ${k}: "${v}"\n`).join('')}  containers:\n  - name: scraper\n    image: example.org/scraper:0.9.1\n    ports:\n    - containerPort: 9100\n      hostPort: 9100\n`;
const onMetricsNodes = '      nodeSelector:\n        example.org/metrics: "on"\n';

const dockerUnit = (publish: string) => `[Service]\nExecStart=/usr/bin/docker run --rm --name web -p ${publish} nginx:1.25.3\nRestart=always\n`;

/** A node exporter-style DaemonSet on the host network, serving `port`. */
const hostNetworkExporter = (port: number, placement = '') => text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: metrics-agent
  spec:
    template:
      spec:
        hostNetwork: true
        containers:
        - name: agent
          image: example.org/metrics-agent:1.4.2
          ports:
          - containerPort: ${port}
` + placement;

const noReadOnlyPort = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    tailoredKubeletConfig:\n      readOnlyPort: 0\n';

const awayFromEdge = text`
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: node-role.kubernetes.io/edge
                operator: DoesNotExist
`.replace(/^(?=.)/gm, '      ');

/**
 * A hostNetwork Deployment serving `port`, pinned to one node by `pin` (a nodeSelector, or required
 * node affinity), like a fleet repository's one workload per Raspberry Pi.
 */
const pinnedApp = (namespace: string, port: number, pin: string) => text`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: parsing-service
    namespace: ${namespace}
  spec:
    template:
      spec:
        hostNetwork: true
        containers:
        - name: app
          image: example.org/time-app:2.1.0
          ports:
          - containerPort: ${port}
` + pin.replace(/^(?=.)/gm, '      ');

/** A Pod bound by `nodeName` to one node, publishing `hostPort` 7070: one echo server per gateway. */
const boundEcho = (name: string, node: string) => text`
  apiVersion: v1
  kind: Pod
  metadata:
    name: ${name}
    namespace: mesh-demo
  spec:
    nodeName: ${node}
    containers:
      - name: echo
        image: example.org/echo:1.4
        imagePullPolicy: IfNotPresent
        ports:
          - containerPort: 7070
            hostPort: 7070
`;

const onHost = (hostname: string) => `nodeSelector:\n  kubernetes.io/hostname: ${hostname}\n`;
const onHostByAffinity = (hostname: string) =>
  `affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n      - matchExpressions:\n        - key: kubernetes.io/hostname\n          operator: In\n          values: [${hostname}]\n`;

/** A node's /etc/mosquitto/mosquitto.conf as Debian ships it, with this node's listeners appended. */
const nodeMainConf = (listeners: string) => `pid_file /run/mosquitto/mosquitto.pid\npersistence true\ninclude_dir /etc/mosquitto/conf.d\n\n${listeners}\nallow_anonymous false\npassword_file /etc/mosquitto/passwd\n`;

/** A compose file beside the configs it mounts into its broker container, publishing `ports`. */
const composeBroker = (volume: string) => text`
  services:
    mqtt-broker:
      image: eclipse-mosquitto:2.0.22
      ports:
        - "1884:1883"
      volumes:
        - ${volume}
`;

/** A compose file whose `broker` service runs `image` with `settings` (ports, network_mode) under it. */
const composeService = (image: string, settings: string) => `services:\n  broker:\n    image: ${image}\n${settings}`;

ruleTester(rule, {
  valid: [
    {
      name: 'a compose broker publishing 1884 beside a systemd broker on 1883: different host ports',
      files: {
        'compose.yaml': composeService('eclipse-mosquitto:2.0.22', '    ports:\n      - "1884:1883"\n'),
        'mosquitto.service': '[Service]\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf\nRestart=always\n',
      },
    },
    {
      name: 'a compose service publishing only a container port (the runtime picks the host port) or one port of a host range',
      files: {
        'compose.yaml': composeService('eclipse-mosquitto:1.6.15', '    ports:\n      - "1883"\n      - "1880-1890:1883"\n      - target: 1883\n        published: "1883-1885"\n'),
        'edge/broker.yaml': chartDaemonSet(),
      },
    },
    {
      name: 'a compose service sharing another container\'s network namespace publishes nothing of its own',
      files: {
        'compose.yaml': 'services:\n  broker:\n    image: eclipse-mosquitto:1.6.15\n    network_mode: "service:gateway"\n    ports:\n      - "1883:1883"\n',
        'edge/broker.yaml': chartDaemonSet(),
      },
    },
    {
      name: 'a mosquitto config a docker-compose service mounts is that container\'s (short syntax, path relative to the compose file), not a host broker',
      files: {
        'docker-compose/docker-compose-edge.yml': composeBroker('../mosquitto-edge.conf:/mosquitto/config/mosquitto.conf:ro'),
        'mosquitto-edge.conf': 'listener 1883 0.0.0.0\nallow_anonymous true\n',
        'edge/broker.yaml': chartDaemonSet('eclipse-mosquitto:2.0.22'),
      },
    },
    {
      name: 'the same with compose\'s long volume syntax',
      files: {
        'compose.yaml': 'services:\n  broker:\n    image: eclipse-mosquitto:2.0.22\n    volumes:\n      - type: bind\n        source: ./config/mosquitto.conf\n        target: /mosquitto/config/mosquitto.conf\n',
        'config/mosquitto.conf': 'listener 1883\nallow_anonymous true\n',
        'edge/broker.yaml': chartDaemonSet('eclipse-mosquitto:2.0.22'),
      },
    },
    {
      name: "one main mosquitto config per node (edgenode1.conf, rpi3.conf): variants of the node's one mosquitto.service, not two brokers",
      files: {
        'mqtt/edgenode1.conf': nodeMainConf('listener 1883 172.17.0.1\nlistener 1883 127.0.0.1'),
        'mqtt/rpi3.conf': nodeMainConf('listener 1882 127.0.0.1\nlistener 1883 0.0.0.0'),
        'mqtt/gateway.conf': nodeMainConf('listener 1883'),
      },
    },
    {
      name: 'a mosquitto.service unit replaces the distribution\'s: it and a main config no unit reads never run together',
      files: {
        'edge/etc/systemd/system/mosquitto.service': '[Service]\nExecStart=/usr/bin/docker run --rm --network host eclipse-mosquitto:2.0.22 mosquitto -c /mosquitto-no-auth.conf\nRestart=always\n',
        'mqtt/rpi3.conf': nodeMainConf('listener 1883 0.0.0.0'),
      },
    },
    {
      name: 'pods bound by nodeName to two different nodes, each claiming hostPort 7070: never on one node',
      files: { 'echo.yaml': `${boundEcho('echo-north', 'gw-north')}---\n${boundEcho('echo-south', 'gw-south')}` },
    },
    {
      name: 'hostNetwork pods pinned to different hostnames (nodeSelector or required affinity) never share a node',
      files: {
        'devices/pi-1/workload.yaml': pinnedApp('pi-1', 8890, onHost('pi-1')),
        'devices/pi-2/workload.yaml': pinnedApp('pi-2', 8890, onHost('pi-2')),
        'devices/pi-3/workload.yaml': pinnedApp('pi-3', 8890, onHostByAffinity('pi-3')),
      },
    },
    {
      name: 'per-architecture DaemonSets (disjoint kubernetes.io/arch values) never share a node',
      files: {
        'arm.yaml': hostNetworkExporter(9100, `      nodeSelector:\n        kubernetes.io/arch: arm64\n`),
        'amd.yaml': hostNetworkExporter(9100, `      nodeSelector:\n        kubernetes.io/arch: amd64\n`).replace('name: metrics-agent', 'name: metrics-agent-amd64'),
      },
    },
    {
      name: 'a legacy and a current manifest of one object (same kind, namespace and name) are alternatives: one pod, one bind',
      files: { 'legacy/web.yaml': hostPortPod(1883), 'current/web.yaml': hostPortPod(1883).replace('nginx:1.25.3', 'nginx:1.27.0') },
    },
    {
      name: 'two edgecore.yaml files (a template the build writes and the one the installer writes): a node runs one edgecore, so its binds are alternatives',
      files: {
        'build/build.sh': "#!/bin/sh\ncat > config/kubeedge/edgecore-config.yaml << 'EOF'\napiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    enable: true\nEOF\n",
        'install/install.sh': "#!/bin/sh\ncat > /etc/kubeedge/edgecore.yaml << 'EOF'\napiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    enable: true\nEOF\n",
      },
    },
    {
      name: 'per-node copies of edgecore.yaml in one deployment',
      files: {
        'node1/edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  eventBus:\n    mqttMode: 0\n',
        'node2/edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  eventBus:\n    mqttMode: 0\n',
      },
    },
    {
      name: 'a unit file in the repository and the copy the installer writes to /etc/systemd/system under the same name: one service',
      files: {
        'systemd/mosquitto.service': seedUnit,
        'install.sh': `#!/bin/sh\ncat > /etc/systemd/system/mosquitto.service << 'EOF'\n${seedUnit}EOF\n`,
      },
    },
    { name: 'the local broker alone', files: { 'mosquitto.service': seedUnit } },
    { name: 'the chart broker alone', files: { 'ds.yaml': chartDaemonSet() } },
    { name: 'chart broker kept off edge nodes, local broker on edge', files: { 'ds.yaml': chartDaemonSet('eclipse-mosquitto:1.6.15', awayFromEdge), 'mosquitto.service': seedUnit } },
    {
      name: 'two brokers on different ports',
      files: { 'ds.yaml': chartDaemonSet(), 'mosquitto.service': '[Service]\nExecStart=/usr/bin/docker run --rm -p 127.0.0.1:1884:1883 eclipse-mosquitto:2.0 mosquitto -c /mosquitto-no-auth.conf\nRestart=always\n' },
    },
    { name: 'same port on different loopback addresses', files: { 'a.yaml': hostPortPod(8080, 'TCP', '127.0.0.1'), 'web.service': dockerUnit('127.0.0.2:8080:80') } },
    { name: 'same port, different protocols', files: { 'a.yaml': hostPortPod(5353, 'UDP'), 'web.service': dockerUnit('5353:53') } },
    {
      name: 'edgecore internal broker off (mqttMode 2) next to a broker on 1884',
      files: {
        'edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  eventBus:\n    mqttMode: 2\n',
        'web.service': dockerUnit('1884:1883'),
      },
    },
    { name: 'a published range and a hostPort just outside it', files: { 'a.yaml': hostPortPod(8011), 'web.service': dockerUnit('8000-8010:8000-8010') } },
    {
      name: 'every TCP and every UDP port published by one container: one owner never collides with itself',
      // edged serves no read-only port here, so nothing else binds a port on these nodes.
      files: { 'web.service': dockerUnit('1-65535:1-65535 -p 1-65535:1-65535/udp'), 'edgecore.yaml': noReadOnlyPort },
    },
    { name: 'a hostNetwork pod on 10350 kept off edge nodes: the assumed edgecore runs on edge nodes only', files: { 'exporter.yaml': hostNetworkExporter(10350, awayFromEdge) } },
    { name: 'a hostNetwork pod on 10350 where edgecore.yaml moves edged off the port', files: { 'exporter.yaml': hostNetworkExporter(10350), 'edgecore.yaml': noReadOnlyPort } },
    {
      // The image's documented set-up: the host's config directory bind-mounted over /mosquitto/config.
      // The broker reads the linted file (one broker on 0.0.0.0:1883), not the image's local-only default,
      // and that file is not a second broker of its own.
      name: 'a container unit that bind-mounts the linted mosquitto.conf over the image config is one broker',
      files: {
        'etc/mosquitto/mosquitto.conf': 'listener 1883\npassword_file /mosquitto/config/passwd\n',
        'mosquitto.service': '[Service]\nExecStart=/usr/bin/docker run --rm --network host -v /etc/mosquitto:/mosquitto/config:ro eclipse-mosquitto:2.0.22\nRestart=always\n',
      },
    },
    {
      name: 'ctr --mount of the config directory and an explicit -c path',
      files: {
        'etc/mosquitto/mosquitto.conf': 'listener 1883\npassword_file /mosquitto/config/passwd\n',
        'mosquitto.service': '[Service]\nExecStart=/usr/bin/ctr -n k8s.io run --rm --net-host --mount type=bind,src=/etc/mosquitto,dst=/mosquitto/config,options=rbind:ro docker.io/library/eclipse-mosquitto:2.0.22 mosquitto mosquitto -c /mosquitto/config/mosquitto.conf\nRestart=always\n',
      },
    },
    {
      // Debian's /etc/mosquitto/mosquitto.conf includes /etc/mosquitto/conf.d; with no main config in the
      // repository, the drop-ins of one directory are read by that one broker, not one broker each.
      name: 'conf.d drop-ins without a main config are one broker (the distribution main config includes them)',
      files: {
        'etc/mosquitto/conf.d/10-listener.conf': 'listener 1883\npassword_file /etc/mosquitto/passwd\n',
        'etc/mosquitto/conf.d/20-persistence.conf': 'persistence true\nallow_anonymous false\n',
      },
    },
    {
      name: 'a conf.d file the main config beside it does not include is read by no broker',
      files: {
        'etc/mosquitto/mosquitto.conf': 'listener 1883\npassword_file /etc/mosquitto/passwd\n',
        'etc/mosquitto/conf.d/old-listener.conf': 'listener 1883\nallow_anonymous true\n',
      },
    },
    {
      name: 'one broker listening on one port at two specific addresses',
      files: { 'etc/mosquitto/mosquitto.conf': 'listener 1883 127.0.0.1\nlistener 1883 192.168.7.2\npassword_file /etc/mosquitto/passwd\n' },
    },
    { name: 'a 2.0 image default config binds loopback only and hostPort on another address', files: { 'ds.yaml': chartDaemonSet('eclipse-mosquitto:2.0'), 'a.yaml': hostPortPod(1883, 'TCP', '10.0.0.5') } },
    {
      // systemd loads one unit per name (issue #10, a repository of sites without .edgelint.yaml).
      name: 'two unit files of one name are variants of one unit, not two brokers',
      files: {
        'plant-a/mosquitto.service': '[Service]\nExecStart=/usr/bin/docker run --rm --network host eclipse-mosquitto:2.0.22 mosquitto -c /mosquitto-no-auth.conf\nRestart=always\n',
        'plant-b/mosquitto.service': '[Service]\nExecStart=/usr/bin/docker run --rm -p 1883:1883 eclipse-mosquitto:2.0.22 mosquitto -c /mosquitto-no-auth.conf\nRestart=always\n',
      },
    },
    {
      name: 'a node runs one edgecore: two edgecore.yaml variants do not both bind 10350',
      files: {
        'x86/edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  eventBus:\n    mqttMode: 0\n',
        'arm/edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  eventBus:\n    mqttMode: 1\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a compose broker on the host network built from a Dockerfile that COPYs its config, beside a service publishing 1883: the copied config\'s listener binds, its COPY a related location',
      files: {
        'compose.yaml': 'services:\n  broker:\n    build: ./mqtt\n    network_mode: host\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "1883:80"\n',
        'mqtt/Dockerfile': 'FROM eclipse-mosquitto:2.0\nCOPY edge.conf /mosquitto/config/mosquitto.conf\n',
        'mqtt/edge.conf': 'listener 1883\npassword_file /mosquitto/config/passwd\n',
      },
      errors: [
        {
          file: 'compose.yaml',
          messageId: 'conflict',
          line: 8,
          column: 9,
          message: /^Host port 1883\/TCP on edge nodes is bound twice: compose service proxy binds 0\.0\.0\.0:1883 \(published port 1883:80\), and compose service broker \(compose\.yaml\) binds 0\.0\.0\.0:1883 and \[::\]:1883;/,
          related: [{ file: 'mqtt/edge.conf', line: 1, column: 1 }],
        },
        {
          file: 'mqtt/edge.conf',
          messageId: 'conflict',
          line: 1,
          column: 1,
          message: /^Host port 1883\/TCP on edge nodes is bound twice: compose service broker \(compose\.yaml\) binds 0\.0\.0\.0:1883 and \[::\]:1883 \(\/mosquitto\/config\/mosquitto\.conf copied from mqtt\/edge\.conf, mosquitto 2\.0\), and compose service proxy/,
          related: [
            { file: 'compose.yaml', line: 8, column: 9 },
            { file: 'mqtt/Dockerfile', line: 2, column: 1, message: 'the COPY that puts mqtt/edge.conf at /mosquitto/config/mosquitto.conf in the image service broker builds' },
          ],
        },
      ],
    },
    {
      name: 'a compose broker publishing 1883 on the node of a systemd mosquitto on 1883 (issue #10)',
      files: {
        'compose.yaml': composeService('eclipse-mosquitto:2.0.22', '    ports:\n      - "1883:1883"\n'),
        'mosquitto.service': '[Service]\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf\nRestart=always\n',
        'etc/mosquitto/mosquitto.conf': 'listener 1883\npassword_file /etc/mosquitto/passwd\n',
      },
      errors: [
        {
          file: 'compose.yaml',
          messageId: 'conflict',
          line: 5,
          column: 9,
          message: /^Host port 1883\/TCP on edge nodes is bound twice: compose service broker binds 0\.0\.0\.0:1883 \(published port 1883:1883\), and mosquitto\.service binds 0\.0\.0\.0:1883 and \[::\]:1883;/,
          related: [{ file: 'etc/mosquitto/mosquitto.conf', line: 1, column: 1 }],
        },
        { file: 'etc/mosquitto/mosquitto.conf', messageId: 'conflict', line: 1, column: 1, related: [{ file: 'compose.yaml', line: 5, column: 9 }] },
      ],
    },
    {
      name: 'a unit runs a mosquitto image edgelint does not know on a bind-mounted host config, beside a pod on hostPort 1883: two binds, the config being the container\'s and no host broker of its own',
      files: {
        'mqtt.service': '[Service]\nExecStart=docker run --rm -p 1883:1883 -v /etc/mqtt/broker.conf:/mosquitto/config/mosquitto.conf someone/arm-mosquitto\nRestart=always\n',
        'etc/mqtt/broker.conf': 'listener 1883\npassword_file /etc/mqtt/passwd\n',
        'pod.yaml': hostPortPod(1883),
      },
      errors: [
        {
          file: 'mqtt.service',
          messageId: 'conflict',
          line: 2,
          column: 30,
          message: /^Host port 1883\/TCP on edge nodes is bound twice: mqtt\.service binds 0\.0\.0\.0:1883 \(published port 1883:1883, to etc\/mqtt\/broker\.conf, mosquitto of an unknown series\), and Pod web-1883 \(container web\) binds 0\.0\.0\.0:1883;/,
          related: [{ file: 'pod.yaml', line: 11, column: 17 }],
        },
        { file: 'pod.yaml', messageId: 'conflict', line: 11, column: 17, related: [{ file: 'mqtt.service', line: 2, column: 30 }] },
      ],
    },
    {
      name: 'a compose broker on the host network (network_mode: host) beside a hostNetwork DaemonSet broker on every edge node',
      files: {
        'docker-compose.yml': composeService('eclipse-mosquitto:1.6.15', '    network_mode: host\n'),
        'edge/broker.yaml': chartDaemonSet(),
      },
      errors: [
        { file: 'docker-compose.yml', messageId: 'conflict', line: 3, column: 12, related: [{ file: 'edge/broker.yaml', line: 11, column: 16 }] },
        { file: 'edge/broker.yaml', messageId: 'conflict', line: 11, column: 16, related: [{ file: 'docker-compose.yml', line: 3, column: 12 }] },
      ],
    },
    {
      name: 'compose long syntax and an IPv6 host address: published 1883 on ::1 collides with a wildcard bind of 1883',
      files: {
        'compose.yaml': composeService('example.org/gateway:1.2.0', '    ports:\n      - target: 1883\n        published: "1883"\n        host_ip: "::1"\n      - "[::1]:8080:80/tcp"\n'),
        'edge/broker.yaml': chartDaemonSet(),
      },
      errors: [
        { file: 'compose.yaml', messageId: 'conflict', line: 6, column: 20, message: /compose service broker binds \[::1\]:1883 \(published port 1883:1883\)/, related: [{ file: 'edge/broker.yaml', line: 11, column: 16 }] },
        { file: 'edge/broker.yaml', messageId: 'conflict', line: 11, column: 16, related: [{ file: 'compose.yaml', line: 6, column: 20 }] },
      ],
    },
    {
      name: "a config the repository places at another host path is a broker of its own, beside the node's main config",
      files: {
        'edge/etc/mosquitto/mosquitto.conf': 'listener 1883\npassword_file /etc/mosquitto/passwd\n',
        'edge/opt/bridge/mosquitto.conf': 'listener 1883 127.0.0.1\npassword_file /etc/mosquitto/passwd\n',
      },
      errors: [
        { file: 'edge/etc/mosquitto/mosquitto.conf', messageId: 'conflict', line: 1, column: 1, related: [{ file: 'edge/opt/bridge/mosquitto.conf', line: 1, column: 1 }] },
        { file: 'edge/opt/bridge/mosquitto.conf', messageId: 'conflict', line: 1, column: 1, message: /bound twice: mosquitto binds 127\.0\.0\.1:1883 \(mosquitto 2\.0\), and mosquitto \(edge\/etc\/mosquitto\/mosquitto\.conf\) binds 0\.0\.0\.0:1883 and \[::\]:1883;/ },
      ],
    },
    {
      name: 'per-node main mosquitto configs still collide with a hostNetwork broker every edge node runs',
      files: {
        'mqtt/edgenode1.conf': nodeMainConf('listener 1883 127.0.0.1'),
        'mqtt/rpi3.conf': nodeMainConf('listener 1883 0.0.0.0'),
        'cloud/broker.yaml': chartDaemonSet(),
      },
      errors: [
        {
          file: 'cloud/broker.yaml',
          messageId: 'conflict',
          line: 11,
          column: 16,
          message:
            'Host port 1883/TCP on edge nodes is bound 3 times: DaemonSet edge-eclipse-mosquitto (container edge-eclipse-mosquitto) binds 0.0.0.0:1883 and [::]:1883 (/mosquitto/config/mosquitto.conf of eclipse-mosquitto:1.6.15, mosquitto 1.6); also (1) mosquitto (mqtt/edgenode1.conf) binds 127.0.0.1:1883 and (2) mosquitto (mqtt/rpi3.conf) binds 0.0.0.0:1883; whichever of two colliding binds starts second fails with "bind: address already in use".',
          related: [{ file: 'mqtt/edgenode1.conf', line: 5, column: 1 }, { file: 'mqtt/rpi3.conf', line: 5, column: 1 }],
        },
        { file: 'mqtt/edgenode1.conf', messageId: 'conflict', line: 5, column: 1, message: /bound twice: mosquitto binds 127\.0\.0\.1:1883 \(mosquitto 2\.0\), and DaemonSet edge-eclipse-mosquitto/, related: [{ file: 'cloud/broker.yaml', line: 11, column: 16 }] },
        { file: 'mqtt/rpi3.conf', messageId: 'conflict', line: 5, column: 1, related: [{ file: 'cloud/broker.yaml', line: 11, column: 16 }] },
      ],
    },
    {
      name: 'pods pinned to one hostname, both declaring the port: the scheduler keeps them apart, the later one stays Pending (a warning: no DaemonSet)',
      files: { 'a/workload.yaml': pinnedApp('a', 8890, onHost('pi-1')), 'b/workload.yaml': pinnedApp('b', 8890, onHostByAffinity('pi-1')) },
      errors: [
        {
          file: 'a/workload.yaml',
          messageId: 'unschedulable',
          line: 14,
          column: 26,
          severity: 'warning',
          message:
            'Host port 8890/TCP on edge nodes is claimed twice by pods: Deployment a/parsing-service (container app) claims 0.0.0.0:8890 (declared port with hostNetwork), and Deployment b/parsing-service (container app) claims 0.0.0.0:8890; the scheduler never places two pods claiming it on one node (NodePorts filter), so a pod stays Pending ("didn\'t have free ports for the requested pod ports") when every node it may run on has the port taken.',
          related: [{ file: 'b/workload.yaml', line: 14, column: 26 }],
        },
        { file: 'b/workload.yaml', messageId: 'unschedulable', line: 14, column: 26, severity: 'warning', related: [{ file: 'a/workload.yaml', line: 14, column: 26 }] },
      ],
    },
    {
      // sweep19 R-1: no scheduler is asked where a nodeName-bound pod runs; the node's kubelet (edged)
      // rejects the later one at admission, which is certain: an error, not a Pending pod.
      name: 'pods bound by nodeName to one node, both claiming hostPort 7070: edged rejects the later one at admission',
      files: { 'echo.yaml': `${boundEcho('echo-a', 'gw-north')}---\n${boundEcho('echo-b', 'gw-north')}` },
      errors: [
        {
          file: 'echo.yaml',
          messageId: 'boundTogether',
          line: 14,
          column: 21,
          severity: 'error',
          message:
            'Host port 7070/TCP on edge nodes is claimed twice by pods bound by nodeName to node gw-north: Pod mesh-demo/echo-a (container echo) claims 0.0.0.0:7070 (declared hostPort), and Pod mesh-demo/echo-b (container echo) claims 0.0.0.0:7070; no scheduler places them, so edged (the kubelet) admits the first and rejects the later one at admission: it fails with reason NodePorts ("didn\'t have free ports for the requested pod ports").',
          related: [{ file: 'echo.yaml', line: 29, column: 21 }],
        },
        { file: 'echo.yaml', messageId: 'boundTogether', line: 29, column: 21, severity: 'error', related: [{ file: 'echo.yaml', line: 14, column: 21 }] },
      ],
    },
    {
      name: 'a DaemonSet and a pod declaring one hostPort: the DaemonSet pod on that node stays Pending, an error',
      files: { 'exporter.yaml': hostNetworkExporter(9100), 'web.yaml': hostPortPod(9100) },
      errors: [
        {
          file: 'exporter.yaml',
          messageId: 'unschedulable',
          line: 13,
          column: 26,
          severity: 'error',
          message:
            'Host port 9100/TCP on edge nodes is claimed twice by pods: DaemonSet metrics-agent (container agent) claims 0.0.0.0:9100 (declared port with hostNetwork), and Pod web-9100 (container web) claims 0.0.0.0:9100; the scheduler never places two pods claiming it on one node (NodePorts filter), so a DaemonSet pod on a node where the port is taken stays Pending ("didn\'t have free ports for the requested pod ports").',
        },
        { file: 'web.yaml', messageId: 'unschedulable', line: 11, column: 17, severity: 'error' },
      ],
    },
    {
      name: 'a DaemonSet on nodes labelled for it and a pod on nodes labelled otherwise meet only on a node carrying both labels: a warning',
      files: { 'exporter.yaml': hostNetworkExporter(9100, onMetricsNodes), 'scraper.yaml': labelledPod({ 'example.org/storage': 'local' }) },
      errors: [
        {
          file: 'exporter.yaml',
          messageId: 'unschedulable',
          line: 13,
          column: 26,
          severity: 'warning',
          message:
            'Host port 9100/TCP on cloud nodes is claimed twice by pods: DaemonSet metrics-agent (container agent) claims 0.0.0.0:9100 (declared port with hostNetwork), and Pod scraper (container scraper) claims 0.0.0.0:9100; the scheduler never places two pods claiming it on one node (NodePorts filter), so a pod stays Pending ("didn\'t have free ports for the requested pod ports") when every node it may run on has the port taken.',
        },
        { file: 'scraper.yaml', messageId: 'unschedulable', line: 13, column: 17, severity: 'warning' },
      ],
    },
    {
      name: 'a pod whose nodes all carry the DaemonSet\'s label meets the DaemonSet pod wherever it runs: an error',
      files: { 'exporter.yaml': hostNetworkExporter(9100, onMetricsNodes), 'scraper.yaml': labelledPod({ 'example.org/metrics': 'on', 'example.org/storage': 'local' }) },
      errors: [
        { file: 'exporter.yaml', messageId: 'unschedulable', line: 13, column: 26, severity: 'error', message: /so a DaemonSet pod on a node where the port is taken stays Pending/ },
        { file: 'scraper.yaml', messageId: 'unschedulable', line: 14, column: 17, severity: 'error' },
      ],
    },
    {
      name: 'pinned pods apart from each other still collide with a unit every node runs, a bind failure; three sides read as a list',
      files: {
        'devices/pi-1/workload.yaml': pinnedApp('pi-1', 8890, onHost('pi-1')),
        'devices/pi-2/workload.yaml': pinnedApp('pi-2', 8890, onHost('pi-2')),
        'web.service': dockerUnit('8890:80'),
      },
      errors: [
        { file: 'devices/pi-1/workload.yaml', messageId: 'conflict', line: 14, column: 26, severity: 'error', message: /bound twice: .*, and web\.service binds 0\.0\.0\.0:8890; whichever starts second fails/, related: [{ file: 'web.service', line: 2, column: 50 }] },
        { file: 'devices/pi-2/workload.yaml', messageId: 'conflict', line: 14, column: 26, severity: 'error', related: [{ file: 'web.service', line: 2, column: 50 }] },
        {
          file: 'web.service',
          messageId: 'conflict',
          line: 2,
          column: 50,
          message:
            'Host port 8890/TCP on edge nodes is bound 3 times: web.service binds 0.0.0.0:8890 (published port 8890:80); also (1) Deployment pi-1/parsing-service (container app) binds 0.0.0.0:8890 and (2) Deployment pi-2/parsing-service (container app) binds 0.0.0.0:8890; whichever of two colliding binds starts second fails with "bind: address already in use".',
          related: [{ file: 'devices/pi-1/workload.yaml', line: 14, column: 26 }, { file: 'devices/pi-2/workload.yaml', line: 14, column: 26 }],
        },
      ],
    },
    {
      name: 'one name in two namespaces is two objects: both bind the port',
      files: { 'a.yaml': hostPortPod(1883), 'b.yaml': hostPortPod(1883).replace('name: web-1883', 'name: web-1883\n  namespace: other') },
      errors: [
        { file: 'a.yaml', messageId: 'unschedulable', line: 11, column: 17, severity: 'warning', related: [{ file: 'b.yaml', line: 12, column: 17 }] },
        { file: 'b.yaml', messageId: 'unschedulable', line: 12, column: 17, severity: 'warning', related: [{ file: 'a.yaml', line: 11, column: 17 }] },
      ],
    },
    {
      name: 'two containers of one object both binding the port still collide, alternatives or not',
      files: {
        'a.yaml': hostPortPod(1883) + '  - name: sidecar\n    image: nginx:1.25.3\n    ports:\n    - containerPort: 8081\n      hostPort: 1883\n',
        'b.yaml': hostPortPod(1883),
      },
      errors: [
        { file: 'a.yaml', messageId: 'conflict', line: 11, column: 17, related: [{ file: 'a.yaml', line: 17, column: 17 }] },
        { file: 'a.yaml', messageId: 'conflict', line: 17, column: 17, related: [{ file: 'a.yaml', line: 11, column: 17 }, { file: 'b.yaml', line: 11, column: 17 }] },
        { file: 'b.yaml', messageId: 'conflict', line: 11, column: 17, related: [{ file: 'a.yaml', line: 17, column: 17 }] },
      ],
    },
    {
      name: 'units of different names are different services: both brokers bind 1883',
      files: {
        'mosquitto.service': '[Service]\nExecStart=/usr/bin/docker run --rm --network host eclipse-mosquitto:2.0.22 mosquitto -c /mosquitto-no-auth.conf\nRestart=always\n',
        'bridge.service': '[Service]\nExecStart=/usr/bin/docker run --rm -p 1883:1883 eclipse-mosquitto:2.0.22\nRestart=always\n',
      },
      errors: [
        { file: 'bridge.service', messageId: 'conflict', line: 2, column: 39, related: [{ file: 'mosquitto.service', line: 2, column: 89 }] },
        { file: 'mosquitto.service', messageId: 'conflict', line: 2, column: 89, message: /^Host port 1883\/TCP on edge nodes is bound twice: mosquitto\.service binds 0\.0\.0\.0:1883 and \[::\]:1883 .*and bridge\.service binds 0\.0\.0\.0:1883;/, related: [{ file: 'bridge.service', line: 2, column: 39 }] },
      ],
    },
    {
      name: 'a hostPort inside a published range (the range is one listener, compared by interval)',
      files: { 'a.yaml': hostPortPod(8005), 'web.service': dockerUnit('8000-8010:8000-8010') },
      errors: [
        { file: 'a.yaml', messageId: 'conflict', line: 11, column: 17, message: /, and web\.service binds 0\.0\.0\.0:8000-8010; whichever starts second/ },
        { file: 'web.service', messageId: 'conflict', line: 2, column: 50, message: /^Host port 8000-8010\/TCP/ },
      ],
    },
    {
      name: 'two overlapping published ranges of two units',
      files: { 'web.service': dockerUnit('1-65535:1-65535'), 'api.service': dockerUnit('9000-9100:9000-9100') },
      errors: [
        { file: 'api.service', messageId: 'conflict', line: 2, column: 50 },
        { file: 'web.service', messageId: 'conflict', line: 2, column: 50, message: /binds 0\.0\.0\.0:9000-9100/ },
      ],
    },
    {
      name: 'the seed: chart DaemonSet (1.6.15 default config) and the local unit (no-auth config) both bind 1883',
      files: { 'ds.yaml': chartDaemonSet(), 'mosquitto.service': seedUnit },
      errors: [
        {
          file: 'ds.yaml',
          messageId: 'conflict',
          line: 11,
          column: 16,
          // Headline, this side's bind and why, the other side by name; the other side's why is its related location.
          message:
            'Host port 1883/TCP on edge nodes is bound twice: DaemonSet edge-eclipse-mosquitto (container edge-eclipse-mosquitto) binds 0.0.0.0:1883 and [::]:1883 (/mosquitto/config/mosquitto.conf of eclipse-mosquitto:1.6.15, mosquitto 1.6), and mosquitto.service binds 0.0.0.0:1883 and [::]:1883; whichever starts second fails with "bind: address already in use".',
          related: [{ file: 'mosquitto.service', line: 4, column: 16, message: 'mosquitto.service binds 0.0.0.0:1883 and [::]:1883 (/mosquitto-no-auth.conf of eclipse-mosquitto:2.0, mosquitto 2.0)' }],
        },
        { file: 'mosquitto.service', messageId: 'conflict', line: 4, column: 16, related: [{ file: 'ds.yaml', line: 11, column: 16 }] },
      ],
    },
    {
      // Issue #10 §5: the conf file's path was said twice next to itself ("PATH:1:1  mosquitto (PATH) binds …").
      name: 'a broker known by its conf file is named by its path only where it is not already shown',
      files: { 'ds.yaml': chartDaemonSet(), 'etc/mosquitto/mosquitto.conf': 'listener 1883\npassword_file /etc/mosquitto/passwd\n' },
      errors: [
        {
          file: 'ds.yaml',
          messageId: 'conflict',
          line: 11,
          column: 16,
          message:
            'Host port 1883/TCP on edge nodes is bound twice: DaemonSet edge-eclipse-mosquitto (container edge-eclipse-mosquitto) binds 0.0.0.0:1883 and [::]:1883 (/mosquitto/config/mosquitto.conf of eclipse-mosquitto:1.6.15, mosquitto 1.6), and mosquitto (etc/mosquitto/mosquitto.conf) binds 0.0.0.0:1883 and [::]:1883; whichever starts second fails with "bind: address already in use".',
          related: [{ file: 'etc/mosquitto/mosquitto.conf', line: 1, column: 1, message: 'mosquitto binds 0.0.0.0:1883 and [::]:1883 (mosquitto 2.0)' }],
        },
        {
          file: 'etc/mosquitto/mosquitto.conf',
          messageId: 'conflict',
          line: 1,
          column: 1,
          message:
            'Host port 1883/TCP on edge nodes is bound twice: mosquitto binds 0.0.0.0:1883 and [::]:1883 (mosquitto 2.0), and DaemonSet edge-eclipse-mosquitto (container edge-eclipse-mosquitto) binds 0.0.0.0:1883 and [::]:1883; whichever starts second fails with "bind: address already in use".',
          related: [{ file: 'ds.yaml', line: 11, column: 16 }],
        },
      ],
    },
    {
      name: 'a listener repeated in an included conf.d file: the broker binds 1883 twice and exits',
      files: {
        'etc/mosquitto/mosquitto.conf': 'pid_file /run/mosquitto/mosquitto.pid\nlistener 1883\npassword_file /etc/mosquitto/passwd\ninclude_dir /etc/mosquitto/conf.d\n',
        'etc/mosquitto/conf.d/plant.conf': '# added by the plant rollout\nlistener 1883\nlistener 9001\nprotocol websockets\n',
      },
      errors: [
        {
          file: 'etc/mosquitto/conf.d/plant.conf',
          messageId: 'sameBroker',
          line: 2,
          column: 1,
          message:
            'Host port 1883/TCP on edge nodes is bound twice by one broker: this listener of mosquitto (etc/mosquitto/mosquitto.conf) binds 0.0.0.0:1883 and [::]:1883 after an earlier one bound 0.0.0.0:1883 and [::]:1883; the broker exits at start with "Error: Address already in use".',
          related: [{ file: 'etc/mosquitto/mosquitto.conf', line: 2, column: 1, message: 'the earlier listener binds 0.0.0.0:1883 and [::]:1883' }],
        },
      ],
    },
    {
      name: 'a loopback listener after a wildcard one on the same port in one file',
      files: { 'etc/mosquitto/mosquitto.conf': 'listener 1883\nlistener 1883 127.0.0.1\nallow_anonymous false\n' },
      errors: [{ messageId: 'sameBroker', line: 2, column: 1, message: /this listener of mosquitto binds 127\.0\.0\.1:1883 after an earlier one bound 0\.0\.0\.0:1883 and \[::\]:1883;/, related: [{ line: 1, column: 1 }] }],
    },
    {
      name: 'a declared hostPort and a published docker port',
      files: { 'a.yaml': hostPortPod(8080), 'web.service': dockerUnit('8080:80') },
      errors: [
        { file: 'a.yaml', messageId: 'conflict', line: 11, column: 17 },
        { file: 'web.service', messageId: 'conflict', line: 2, column: 50 },
      ],
    },
    {
      name: 'wildcard against loopback collides',
      files: { 'a.yaml': hostPortPod(8080, 'TCP', '127.0.0.1'), 'web.service': dockerUnit('8080:80') },
      errors: [
        { file: 'a.yaml', messageId: 'conflict', line: 11, column: 17, message: /binds 127\.0\.0\.1:8080/ },
        { file: 'web.service', messageId: 'conflict', line: 2, column: 50 },
      ],
    },
    {
      name: 'edgecore internal broker (mqttMode 1) against a local broker on 1884',
      files: {
        'edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  eventBus:\n    mqttMode: 1\n    mqttServerInternal: tcp://127.0.0.1:1884\n',
        'web.service': dockerUnit('1884:1883'),
      },
      errors: [
        { file: 'edgecore.yaml', messageId: 'conflict', line: 6, column: 25, message: /edgecore binds 127\.0\.0\.1:1884 \(eventBus internal MQTT broker, mqttMode 1\), and web\.service binds 0\.0\.0\.0:1884;/ },
        { file: 'web.service', messageId: 'conflict', line: 2, column: 50 },
      ],
    },
    {
      name: "no edgecore.yaml in the deployment: edged's default read-only port 127.0.0.1:10350 is assumed, a warning at the pod only",
      files: { 'exporter.yaml': hostNetworkExporter(10350) },
      errors: [
        {
          messageId: 'conflict',
          line: 13,
          column: 26,
          severity: 'warning',
          message:
            'Host port 10350/TCP on edge nodes is bound twice: DaemonSet metrics-agent (container agent) binds 0.0.0.0:10350 (declared port with hostNetwork), and edgecore binds 127.0.0.1:10350 (edged read-only kubelet server, assuming edgecore\'s defaults, no edgecore.yaml in this deployment); whichever starts second fails with "bind: address already in use".',
          related: [],
        },
      ],
    },
    {
      name: 'an edgecore.yaml that keeps the default read-only port: an error on both sides',
      files: { 'exporter.yaml': hostNetworkExporter(10350), 'edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    enable: true\n' },
      errors: [
        { file: 'edgecore.yaml', messageId: 'conflict', line: 4, column: 3, severity: 'error', related: [{ file: 'exporter.yaml', line: 13, column: 26 }] },
        { file: 'exporter.yaml', messageId: 'conflict', line: 13, column: 26, severity: 'error', message: /, and edgecore binds 127\.0\.0\.1:10350; whichever/, related: [{ file: 'edgecore.yaml', line: 4, column: 3, message: 'edgecore binds 127.0.0.1:10350 (edged read-only kubelet server)' }] },
      ],
    },
    {
      name: 'a real conflict beside an assumed one stays an error',
      files: { 'exporter.yaml': hostNetworkExporter(10350), 'web.service': dockerUnit('10350:80') },
      errors: [
        { file: 'exporter.yaml', messageId: 'conflict', line: 13, column: 26, severity: 'error', related: [{ file: 'web.service', line: 2, column: 50 }] },
        { file: 'web.service', messageId: 'conflict', line: 2, column: 50, severity: 'error', related: [{ file: 'exporter.yaml', line: 13, column: 26 }] },
      ],
    },
  ],
});
