import rule from '../../../rules/mosquitto/no-anonymous.js';
import { ruleTester, text } from '../../rule-tester.js';
import { upstream } from '../../upstream.js';


const daemonSet = (image: string, hostNetwork: boolean, ports = '') => text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: broker
  spec:
    template:
      spec:
        hostNetwork: ${hostNetwork}
        containers:
        - name: broker
          image: ${image}
${ports}`;

/**
 * A broker in its own pod network namespace (no hostNetwork, no hostPort) reading an anonymous config
 * from a ConfigMap (line 8 is `allow_anonymous true`), and after it the Service documents of a case.
 */
const podBroker = (services: string, { labels = 'app: mqtt', namespace = 'iot' } = {}) => text`
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: mqtt-conf
    namespace: iot
  data:
    mosquitto.conf: |
      listener 1883
      allow_anonymous true
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: mqtt
    namespace: iot
  spec:
    selector:
      matchLabels:
        app: mqtt
    template:
      metadata:
        labels:
          ${labels}
          tier: broker
      spec:
        containers:
        - name: mosquitto
          image: eclipse-mosquitto:2.0.18
          ports:
          - name: mqtt
            containerPort: 1883
          volumeMounts:
          - name: conf
            mountPath: /mosquitto/config/mosquitto.conf
            subPath: mosquitto.conf
        volumes:
        - name: conf
          configMap:
            name: mqtt-conf
  ---
  apiVersion: v1
  kind: Service
  metadata:
    name: mqtt-external
    namespace: ${namespace}
  ${services}`;

/** A Service spec (indented for podBroker): `type`, selector `app: mqtt`, one port. */
const serviceSpec = (type: string, port: string, extra = '') => `spec:
    type: ${type}${extra}
    selector:
      app: mqtt
    ports:
    - ${port}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'eclipse-mosquitto:2.0 default config with host networking: local-only mode, loopback only',
      files: { 'mosquitto.service': '[Service]\nExecStart=ctr -n k8s.io run --rm --net-host docker.io/library/eclipse-mosquitto:2.0 mqtt\n' },
    },
    {
      name: 'upstream: Debian bookworm unit + /etc/mosquitto/mosquitto.conf (no listener: 2.0 local-only) raise nothing',
      files: {
        'lib/systemd/system/mosquitto.service': upstream('debianUnit'),
        'etc/mosquitto/mosquitto.conf': upstream('debianConf'),
      },
    },
    {
      name: 'upstream: the v1.6.15 and v2.0.22 tarball mosquitto.conf read by a distribution broker: every line commented, local-only',
      files: {
        'a/mosquitto.conf': upstream('tarballConf16'),
        'b/mosquitto.conf': upstream('tarballConf20'),
      },
    },
    {
      name: 'a listener with a password file',
      files: { 'mosquitto.conf': 'listener 1883\npassword_file /etc/mosquitto/passwd\n' },
    },
    {
      name: 'anonymous on loopback only',
      files: { 'mosquitto.conf': 'listener 1883 127.0.0.1\nallow_anonymous true\n' },
    },
    {
      name: '1.6 broker published on 127.0.0.1 only',
      files: { 'mqtt.service': '[Service]\nExecStart=docker run --rm -p 127.0.0.1:1883:1883 eclipse-mosquitto:1.6.15\n' },
    },
    {
      name: '2.0 default broker published: it binds the container loopback, nothing anonymous is exposed',
      files: { 'mqtt.service': '[Service]\nExecStart=docker run --rm -p 1883:1883 eclipse-mosquitto:2.0\n' },
    },
    {
      name: 'a 1.6 pod without hostNetwork or hostPort stays in its own network namespace',
      files: { 'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15', false) },
    },
    {
      name: 'an anonymous compose broker publishing its port on 127.0.0.1 only',
      files: {
        'compose.yaml': 'services:\n  mqtt:\n    image: eclipse-mosquitto:2.0.22\n    ports:\n      - "127.0.0.1:1883:1883"\n    volumes:\n      - ./mosquitto/config:/mosquitto/config\n',
        'mosquitto/config/mosquitto.conf': 'listener 1883\nallow_anonymous true\n',
      },
    },
    {
      name: 'an anonymous compose broker publishing no port stays in its container network',
      files: {
        'compose.yaml': 'services:\n  mqtt:\n    image: eclipse-mosquitto:2.0.22\n    volumes:\n      - ./mosquitto.conf:/mosquitto/config/mosquitto.conf\n',
        'mosquitto.conf': 'listener 1883\nallow_anonymous true\n',
      },
    },
    {
      name: 'a compose broker of an image edgelint does not know, reading a config whose listeners differ by series (1.6 opens 1883 on every interface, 2.x stays local-only): nothing is claimed',
      files: {
        'docker-compose.yml': 'services:\n  broker:\n    image: someone/arm-mosquitto\n    ports:\n      - "1883:1883"\n    volumes:\n      - ./conf/mosquitto.conf:/mosquitto/config/mosquitto.conf\n',
        'conf/mosquitto.conf': 'allow_anonymous true\n',
      },
    },
    {
      name: 'a compose service of an image whose name does not say mosquitto mounts an anonymous config: what it runs is unknown, nothing is claimed',
      files: {
        'docker-compose.yml': 'services:\n  gateway:\n    image: someone/iot-gateway:3\n    ports:\n      - "1883:1883"\n    volumes:\n      - ./conf/mosquitto.conf:/mosquitto/config/mosquitto.conf\n',
        'conf/mosquitto.conf': 'listener 1883\nallow_anonymous true\n',
      },
    },
    {
      name: 'a compose service built from a Dockerfile that starts from a non-broker image mounts an anonymous config: what it runs is unknown, nothing is claimed',
      files: {
        'compose.yaml': 'services:\n  gateway:\n    build: ./gateway\n    ports:\n      - "1883:1883"\n    volumes:\n      - ./gateway/mosquitto.conf:/mosquitto/config/mosquitto.conf\n',
        'gateway/Dockerfile': 'FROM node:20-alpine\nCOPY . /app\n',
        'gateway/mosquitto.conf': 'listener 1883\nallow_anonymous true\n',
      },
    },
    {
      name: 'a compose service whose build gives its Dockerfile inline does not run the Dockerfile beside it in the context',
      files: {
        'compose.yaml': 'services:\n  gateway:\n    build:\n      context: ./gateway\n      dockerfile_inline: |\n        FROM node:20-alpine\n    ports:\n      - "1883:1883"\n    volumes:\n      - ./gateway/mosquitto.conf:/mosquitto/config/mosquitto.conf\n',
        'gateway/Dockerfile': 'FROM eclipse-mosquitto:2.0\n',
        'gateway/mosquitto.conf': 'listener 1883\nallow_anonymous true\n',
      },
    },
    {
      name: 'a compose broker of an unknown mosquitto image publishing no port stays in its container network',
      files: {
        'docker-compose.yml': 'services:\n  broker:\n    image: someone/arm-mosquitto\n    volumes:\n      - ./conf/mosquitto.conf:/mosquitto/config/mosquitto.conf\n',
        'conf/mosquitto.conf': 'listener 1883\nallow_anonymous true\n',
      },
    },
    {
      name: 'a unit runs an unknown mosquitto image on a bind-mounted config whose listeners differ by series: the config is the container\'s, and nothing is claimed',
      files: {
        'mqtt.service': '[Service]\nExecStart=docker run --rm -p 1883:1883 -v /etc/mqtt/broker.conf:/mosquitto/config/mosquitto.conf someone/arm-mosquitto\nRestart=always\n',
        'etc/mqtt/broker.conf': 'allow_anonymous true\n',
      },
    },
    {
      name: 'a compose 2.0 broker with the image default config, published: local-only mode binds the container loopback',
      files: { 'docker-compose.yml': 'services:\n  mqtt:\n    image: eclipse-mosquitto:2.0.22\n    ports:\n      - "1883:1883"\n' },
    },
    {
      name: 'a ClusterIP Service reaches the anonymous broker from the cluster\'s pods only, not on a node',
      files: { 'mqtt.yaml': podBroker(serviceSpec('ClusterIP', 'port: 1883\n      targetPort: 1883')) },
    },
    {
      name: 'a Service of no type is ClusterIP',
      files: { 'mqtt.yaml': podBroker(serviceSpec('ClusterIP', 'port: 1883').replace('    type: ClusterIP\n', '')) },
    },
    {
      name: 'a LoadBalancer Service with allocateLoadBalancerNodePorts: false opens no node port',
      files: { 'mqtt.yaml': podBroker(serviceSpec('LoadBalancer', 'port: 1883', '\n    allocateLoadBalancerNodePorts: false')) },
    },
    {
      name: 'a NodePort Service whose selector matches no pod (a label the pods lack)',
      files: { 'mqtt.yaml': podBroker(serviceSpec('NodePort', 'port: 1883\n      nodePort: 31883'), { labels: 'app: mqtt-v2' }) },
    },
    {
      name: 'a NodePort Service in another namespace than the broker\'s pods',
      files: { 'mqtt.yaml': podBroker(serviceSpec('NodePort', 'port: 1883\n      nodePort: 31883'), { namespace: 'monitoring' }) },
    },
    {
      name: 'a NodePort Service to a port the broker does not listen on (its metrics exporter\'s)',
      files: { 'mqtt.yaml': podBroker(serviceSpec('NodePort', 'port: 9234\n      nodePort: 31234')) },
    },
    {
      name: 'a NodePort Service to a broker with a password file',
      files: { 'mqtt.yaml': podBroker(serviceSpec('NodePort', 'port: 1883\n      nodePort: 31883')).replace('allow_anonymous true', 'password_file /mosquitto/config/passwd') },
    },
  ],
  invalid: [
    {
      // sweep7 Q-1: one ConfigMap, two broker Deployments, each behind its own NodePort Service.
      name: 'a config two workloads mount is one finding that names both',
      files: {
        'brokers.yaml': [
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: mq}\ndata:\n  mosquitto.conf: |\n    listener 1883 0.0.0.0\n    allow_anonymous true\n',
          ...['a', 'b'].map(
            (site) =>
              `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: mq-${site}}\nspec:\n  selector: {matchLabels: {app: mq-${site}}}\n  template:\n    metadata: {labels: {app: mq-${site}}}\n    spec:\n      containers:\n      - name: mosquitto\n        image: eclipse-mosquitto:2.0\n        volumeMounts: [{name: c, mountPath: /mosquitto/config/mosquitto.conf, subPath: mosquitto.conf}]\n      volumes: [{name: c, configMap: {name: mq}}]\n`,
          ),
          'apiVersion: v1\nkind: Service\nmetadata: {name: mq-a}\nspec: {type: NodePort, selector: {app: mq-a}, ports: [{port: 1883, nodePort: 31883}]}\n',
          'apiVersion: v1\nkind: Service\nmetadata: {name: mq-b}\nspec: {type: NodePort, selector: {app: mq-b}, ports: [{port: 1883, nodePort: 31884}]}\n',
        ].join('---\n'),
      },
      errors: [
        {
          messageId: 'nodePort',
          line: 7,
          column: 5,
          message:
            'Deployment mq-a (container mosquitto) and Deployment mq-b (container mosquitto), both reading this config, accept anonymous MQTT clients and are reachable on every node at nodePort 31883 (NodePort Service mq-a), nodePort 31884 (NodePort Service mq-b): anyone who can reach a node can read and publish device messages.',
        },
      ],
    },
    {
      // One namespaced workload, reached both by its host port and by a NodePort Service: one owner, not two.
      name: 'a namespaced broker with a host port behind a NodePort Service is named once',
      files: {
        'mq.yaml': [
          'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: mq, namespace: iot}\ndata:\n  mosquitto.conf: |\n    listener 1883 0.0.0.0\n    allow_anonymous true\n',
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: mq, namespace: iot}\nspec:\n  selector: {matchLabels: {app: mq}}\n  template:\n    metadata: {labels: {app: mq}}\n    spec:\n      containers:\n      - name: mosquitto\n        image: eclipse-mosquitto:2.0\n        ports: [{containerPort: 1883, hostPort: 1883}]\n        volumeMounts: [{name: c, mountPath: /mosquitto/config/mosquitto.conf, subPath: mosquitto.conf}]\n      volumes: [{name: c, configMap: {name: mq}}]\n',
          'apiVersion: v1\nkind: Service\nmetadata: {name: mq, namespace: iot}\nspec: {type: NodePort, selector: {app: mq}, ports: [{port: 1883, nodePort: 31883}]}\n',
        ].join('---\n'),
      },
      errors: [
        {
          messageId: 'nodePort',
          line: 7,
          column: 5,
          message: /^Deployment iot\/mq \(container mosquitto\) accepts anonymous MQTT clients on 0\.0\.0\.0:1883 and is reachable on every node at nodePort 31883 \(NodePort Service mq\):/,
        },
      ],
    },
    {
      name: 'a NodePort Service selecting the anonymous broker\'s pods: reachable on every node at its nodePort',
      files: { 'mqtt.yaml': podBroker(serviceSpec('NodePort', 'port: 1883\n      targetPort: 1883\n      nodePort: 31441')) },
      errors: [
        {
          messageId: 'nodePort',
          line: 9,
          column: 5,
          message: 'Deployment iot/mqtt (container mosquitto) accepts anonymous MQTT clients and is reachable on every node at nodePort 31441 (NodePort Service mqtt-external): anyone who can reach a node can read and publish device messages.',
          related: [{ line: 53, column: 15, message: 'NodePort Service mqtt-external opens nodePort 31441 on every node to port 1883 of Deployment iot/mqtt (container mosquitto)' }],
        },
      ],
    },
    {
      name: 'an anonymous compose broker published on every host interface (config mounted by directory, short port syntax)',
      files: {
        'compose.yaml': 'services:\n  mqtt:\n    image: eclipse-mosquitto:2.0.22\n    ports:\n      - "1883:1883"\n    volumes:\n      - ./mosquitto/config:/mosquitto/config\n',
        'mosquitto/config/mosquitto.conf': 'listener 1883\nallow_anonymous true\n',
      },
      errors: [{ file: 'mosquitto/config/mosquitto.conf', messageId: 'anonymous', line: 2, column: 1, message: 'compose service mqtt (compose.yaml) accepts anonymous MQTT clients on 0.0.0.0:1883: anyone who can reach the node can read and publish device messages.' }],
    },
    {
      name: 'a compose broker of an image edgelint does not know but whose name says mosquitto, published on every interface, reading a mounted config every series reads as anonymous on all interfaces',
      files: {
        'docker-compose.yml': 'services:\n  broker:\n    image: someone/arm-mosquitto\n    ports:\n      - "1883:1883"\n    volumes:\n      - ./conf/mosquitto.conf:/mosquitto/config/mosquitto.conf\n      - ./data:/mosquitto/data\n',
        'conf/mosquitto.conf': '# broker\nlistener 1883\nlistener 9001\nprotocol websockets\nallow_anonymous true\n',
      },
      errors: [{ file: 'conf/mosquitto.conf', messageId: 'anonymous', line: 5, column: 1, message: 'compose service broker (docker-compose.yml) accepts anonymous MQTT clients on 0.0.0.0:1883: anyone who can reach the node can read and publish device messages.' }],
    },
    {
      name: 'a unit runs an unknown mosquitto image with a host config bind-mounted over mosquitto\'s path, published on every interface',
      files: {
        'mqtt.service': '[Service]\nExecStart=docker run --rm -p 1883:1883 -v /etc/mqtt/broker.conf:/mosquitto/config/mosquitto.conf someone/arm-mosquitto\nRestart=always\n',
        'etc/mqtt/broker.conf': 'listener 1883\nallow_anonymous true\n',
      },
      errors: [{ file: 'etc/mqtt/broker.conf', messageId: 'anonymous', line: 2, column: 1, message: 'mqtt.service accepts anonymous MQTT clients on 0.0.0.0:1883: anyone who can reach the node can read and publish device messages.' }],
    },
    {
      name: 'a pod of an unknown mosquitto image reading a ConfigMap mounted over mosquitto\'s config path, on a hostPort',
      files: {
        'mq.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: mq}\ndata:\n  mosquitto.conf: |\n    listener 1883\n    allow_anonymous true\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: mq}\nspec:\n  selector: {matchLabels: {app: mq}}\n  template:\n    metadata: {labels: {app: mq}}\n    spec:\n      containers:\n      - name: mosquitto\n        image: someone/arm-mosquitto:1.4\n        imagePullPolicy: IfNotPresent\n        ports: [{containerPort: 1883, hostPort: 1883}]\n        volumeMounts: [{name: c, mountPath: /mosquitto/config/mosquitto.conf, subPath: mosquitto.conf}]\n      volumes: [{name: c, configMap: {name: mq}}]\n',
      },
      errors: [{ file: 'mq.yaml', messageId: 'anonymous', line: 7, column: 5, message: 'Deployment mq (container mosquitto) accepts anonymous MQTT clients on 0.0.0.0:1883: anyone who can reach the node can read and publish device messages.' }],
    },
    {
      name: 'a compose service with no image that builds a Dockerfile starting from eclipse-mosquitto:2.0 runs that broker on the config it mounts',
      files: {
        'edge/docker-compose.yml': 'services:\n  mqtt:\n    build:\n      context: ./broker\n      dockerfile: Dockerfile\n    ports:\n      - "5100:1883"\n    volumes:\n      - ./broker/mosquitto.conf:/mosquitto/config/mosquitto.conf:ro\n',
        'edge/broker/Dockerfile': 'FROM eclipse-mosquitto:2.0 AS base\nFROM base\nCOPY mosquitto.conf /mosquitto/config/mosquitto.conf\nEXPOSE 1883\n',
        'edge/broker/mosquitto.conf': '# dev only\nlistener 1883\nallow_anonymous true\n',
      },
      errors: [{ file: 'edge/broker/mosquitto.conf', messageId: 'anonymous', line: 3, column: 1, message: 'compose service mqtt (edge/docker-compose.yml) accepts anonymous MQTT clients on 0.0.0.0:5100: anyone who can reach the node can read and publish device messages.' }],
    },
    // A Dockerfile COPY that places a repository config where the built broker reads it (dockerfile-copy.ts).
    ...[
      {
        name: 'COPY of the config to the path the image reads',
        dockerfile: 'FROM eclipse-mosquitto:2.0\nCOPY mosquitto.conf /mosquitto/config/mosquitto.conf\nEXPOSE 1883\n',
        copyLine: 2,
      },
      {
        name: 'COPY of a directory into a destination ending in /',
        dockerfile: 'FROM eclipse-mosquitto:2.0\nCOPY . /mosquitto/config/\n',
        copyLine: 2,
      },
      {
        name: 'JSON-form COPY to a destination relative to WORKDIR, continued over two lines',
        dockerfile: 'FROM eclipse-mosquitto:2.0\nWORKDIR /mosquitto\nWORKDIR config\nCOPY ["mosquitto.conf", \\\n  "./"]\n',
        copyLine: 4,
      },
      {
        name: 'COPY --from carrying the config out of an earlier stage',
        dockerfile: 'FROM alpine:3.20 AS conf\nCOPY mosquitto.conf /staged/\nFROM eclipse-mosquitto:2.0\nCOPY --from=conf /staged/mosquitto.conf /mosquitto/config/mosquitto.conf\n',
        copyLine: 2,
      },
      {
        name: 'the later of two COPYs to one path wins',
        dockerfile: 'FROM eclipse-mosquitto:2.0\nCOPY closed.conf /mosquitto/config/mosquitto.conf\nCOPY mosquitto.conf /mosquitto/config/mosquitto.conf\n',
        copyLine: 3,
      },
      {
        name: 'a final stage continuing an earlier stage that copied the config',
        dockerfile: 'FROM eclipse-mosquitto:2.0 AS broker\nCOPY mosquitto.conf /mosquitto/config/\nFROM broker\nRUN echo built\n',
        copyLine: 2,
      },
      {
        name: 'a CMD naming the copied config with -c',
        dockerfile: 'FROM eclipse-mosquitto:2.0\nCOPY mosquitto.conf /etc/edge/broker.conf\nCMD ["/usr/sbin/mosquitto", "-c", "/etc/edge/broker.conf"]\n',
        copyLine: 2,
      },
      {
        name: 'an image of an unknown series whose name says mosquitto, reading /etc/mosquitto/mosquitto.conf',
        dockerfile: 'FROM example.org/edge/mosquitto-arm:custom\nCOPY mosquitto.conf /etc/mosquitto/\n',
        copyLine: 2,
      },
    ].map(({ name, dockerfile, copyLine }) => ({
      name: `a compose service that builds its broker: ${name}`,
      files: {
        'site/compose.yaml': 'services:\n  broker:\n    build:\n      context: ./mqtt\n    ports:\n      - "1883:1883"\n',
        'site/mqtt/Dockerfile': dockerfile,
        'site/mqtt/mosquitto.conf': '# lab broker\nlistener 1883\nallow_anonymous true\n',
        'site/mqtt/closed.conf': 'listener 1883\nallow_anonymous false\npassword_file /mosquitto/config/passwd\n',
      },
      errors: [
        {
          file: 'site/mqtt/mosquitto.conf',
          messageId: 'anonymous',
          line: 3,
          column: 1,
          message: 'compose service broker (site/compose.yaml) accepts anonymous MQTT clients on 0.0.0.0:1883: anyone who can reach the node can read and publish device messages.',
          related: [{ file: 'site/mqtt/Dockerfile', line: copyLine, column: 1 }],
        },
      ],
    })),
    {
      name: 'a compose build with target builds that stage, not the last: its COPY is the broker\'s config',
      files: {
        'compose.yaml': 'services:\n  broker:\n    build:\n      context: .\n      target: Broker\n    ports:\n      - "1883:1883"\n',
        'Dockerfile': 'FROM eclipse-mosquitto:2.0 AS broker\nCOPY edge.conf /mosquitto/config/mosquitto.conf\nFROM node:20-alpine AS ui\nCOPY . /app\n',
        'edge.conf': 'listener 1883\nallow_anonymous true\n',
      },
      errors: [{ file: 'edge.conf', messageId: 'anonymous', line: 2, column: 1, message: 'compose service broker (compose.yaml) accepts anonymous MQTT clients on 0.0.0.0:1883: anyone who can reach the node can read and publish device messages.', related: [{ file: 'Dockerfile', line: 2, column: 1 }] }],
    },
    {
      name: 'a compose mount over the path a Dockerfile COPY fills wins: the mounted config is read, the copied one is the image\'s and no host broker\'s',
      files: {
        'compose.yaml': 'services:\n  broker:\n    build: ./mqtt\n    ports:\n      - "8883:1883"\n    volumes:\n      - ./mounted.conf:/mosquitto/config/mosquitto.conf\n',
        'mqtt/Dockerfile': 'FROM eclipse-mosquitto:2.0\nCOPY baked.conf /mosquitto/config/mosquitto.conf\n',
        'mqtt/baked.conf': 'listener 1883\nallow_anonymous true\n',
        'mounted.conf': 'listener 1883\nallow_anonymous true\n',
      },
      errors: [{ file: 'mounted.conf', messageId: 'anonymous', line: 2, column: 1, message: 'compose service broker (compose.yaml) accepts anonymous MQTT clients on 0.0.0.0:8883: anyone who can reach the node can read and publish device messages.' }],
    },
    {
      name: 'a COPY in an earlier stage does not reach the last stage without COPY --from: the last stage\'s own COPY is the config',
      files: {
        'compose.yaml': 'services:\n  broker:\n    build: .\n    ports:\n      - "1883:1883"\n',
        'Dockerfile': 'FROM eclipse-mosquitto:2.0 AS dev\nCOPY dev.conf /mosquitto/config/mosquitto.conf\nFROM eclipse-mosquitto:2.0\nCOPY edge.conf /mosquitto/config/mosquitto.conf\n',
        'dev.conf': 'listener 9001\nallow_anonymous true\n',
        'edge.conf': 'listener 1883\nallow_anonymous true\n',
      },
      errors: [
        { file: 'dev.conf', messageId: 'anonymous', line: 2, column: 1, message: 'mosquitto accepts anonymous MQTT clients on 0.0.0.0:9001, [::]:9001: anyone who can reach the node can read and publish device messages.' },
        { file: 'edge.conf', messageId: 'anonymous', line: 2, column: 1, message: 'compose service broker (compose.yaml) accepts anonymous MQTT clients on 0.0.0.0:1883: anyone who can reach the node can read and publish device messages.', related: [{ file: 'Dockerfile', line: 4, column: 1, message: 'the COPY that puts edge.conf at /mosquitto/config/mosquitto.conf in the image service broker builds' }] },
      ],
    },
    {
      name: 'an unknown mosquitto image started with -c on a config mounted elsewhere',
      files: {
        'compose.yaml': 'services:\n  broker:\n    image: registry.local/mosquitto-arm32:1.4\n    command: ["mosquitto", "-c", "/config/broker.conf"]\n    ports:\n      - "8883:1883"\n    volumes:\n      - ./broker.conf:/config/broker.conf\n',
        'broker.conf': 'listener 1883 0.0.0.0\nallow_anonymous true\n',
      },
      errors: [{ file: 'broker.conf', messageId: 'anonymous', line: 2, column: 1, message: 'compose service broker (compose.yaml) accepts anonymous MQTT clients on 0.0.0.0:8883: anyone who can reach the node can read and publish device messages.' }],
    },
    {
      name: 'a compose 1.6 broker on the host network (network_mode: host): the image default config, anonymous on every interface',
      files: { 'docker-compose.yml': 'services:\n  mqtt:\n    image: eclipse-mosquitto:1.6.15\n    network_mode: host\n' },
      errors: [{ messageId: 'anonymous', line: 3, column: 12, message: /^compose service mqtt accepts anonymous MQTT clients on 0\.0\.0\.0:1883, \[::\]:1883:/ }],
    },
    {
      name: 'a compose broker started with /mosquitto-no-auth.conf, published with the long syntax',
      files: { 'compose.yml': 'services:\n  mqtt:\n    image: eclipse-mosquitto:2.0.22\n    command: mosquitto -c /mosquitto-no-auth.conf\n    ports:\n      - target: 1883\n        published: 11883\n' },
      errors: [{ messageId: 'anonymous', line: 3, column: 12, endColumn: 36, message: /^compose service mqtt accepts anonymous MQTT clients on 0\.0\.0\.0:11883:/ }],
    },
    {
      name: 'a NodePort Service naming the container port (targetPort: mqtt)',
      files: { 'mqtt.yaml': podBroker(serviceSpec('NodePort', 'port: 11883\n      targetPort: mqtt\n      nodePort: 31883')) },
      errors: [{ messageId: 'nodePort', line: 9, column: 5, message: /at nodePort 31883 \(NodePort Service mqtt-external\):/, related: [{ line: 53, column: 15 }] }],
    },
    {
      // A generated stream can hold thousands of such Services for one app: the finding names eight.
      name: 'ten NodePort Services to one broker: one finding naming eight node ports and saying there are more',
      files: {
        'mqtt.yaml':
          podBroker(serviceSpec('NodePort', 'port: 1883\n      nodePort: 31880')) +
          Array.from({ length: 9 }, (_, i) => `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: mqtt-${i + 1}\n  namespace: iot\nspec:\n  type: NodePort\n  selector:\n    app: mqtt\n  ports:\n  - port: 1883\n    nodePort: ${31881 + i}\n`).join(''),
      },
      errors: [
        {
          messageId: 'nodePort',
          line: 9,
          column: 5,
          message: /at nodePort 31880 \(NodePort Service mqtt-external\), (nodePort 3188\d \(NodePort Service mqtt-\d\), ){6}nodePort 31887 \(NodePort Service mqtt-7\) and more:/,
          related: [{ line: 52, column: 15 }, ...Array.from({ length: 7 }, (_, i) => ({ line: 65 + 13 * i, column: 15 }))],
        },
      ],
    },
    {
      name: 'a LoadBalancer Service allocates node ports too; without nodePort the API server picks one',
      files: { 'mqtt.yaml': podBroker(serviceSpec('LoadBalancer', 'port: 1883')) },
      errors: [
        {
          messageId: 'nodePort',
          line: 9,
          column: 5,
          message: /reachable on every node at a nodePort the API server allocates \(LoadBalancer Service mqtt-external\):/,
          related: [{ line: 51, column: 5, message: 'LoadBalancer Service mqtt-external opens an allocated nodePort on every node to port 1883 of Deployment iot/mqtt (container mosquitto)' }],
        },
      ],
    },
    {
      name: 'corpus values (eclipse-mosquitto 1.6.15) with hostNetwork, as the CloudCore chart renders it: all interfaces, anonymous',
      files: { 'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15', true) },
      errors: [{ messageId: 'anonymous', line: 11, column: 16, message: 'DaemonSet broker (container broker) accepts anonymous MQTT clients on 0.0.0.0:1883, [::]:1883: anyone who can reach the node can read and publish device messages.' }],
    },
    {
      name: "seed DaemonSet: hostNetwork 1.6.15 that also declares containerPort/hostPort 1883",
      files: {
        'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15', true, '          ports:\n          - containerPort: 1883\n            hostPort: 1883\n'),
      },
      errors: [{ messageId: 'anonymous', line: 11, column: 16, message: /on 0\.0\.0\.0:1883, \[::\]:1883:/ }],
    },
    {
      name: 'upstream: /mosquitto-no-auth.conf read by a broker is anonymous on every interface',
      files: { 'mosquitto/mosquitto-no-auth.conf': upstream('noAuthConf') },
      errors: [{ messageId: 'anonymous', line: 5, column: 1, endColumn: 21 }],
    },
    {
      name: 'upstream: the 2.1 image default config is anonymous on every interface',
      files: { 'mosquitto/mosquitto.conf': upstream('imageConf21') },
      errors: [{ messageId: 'anonymous', line: 5, column: 1 }],
    },
    {
      name: "the 2.0 image started with its /mosquitto-no-auth.conf: reported at the unit's -c argument",
      files: {
        'mosquitto.service': text`
          [Service]
          ExecStart=ctr -n k8s.io run --rm --net-host \\
            docker.io/library/eclipse-mosquitto:2.0 mosquitto \\
            mosquitto -c /mosquitto-no-auth.conf
        `,
      },
      // The whole path, not one point of it: the image's own config is no file that could hold the span.
      errors: [{ messageId: 'anonymous', line: 4, column: 16, endLine: 4, endColumn: 39 }],
    },
    {
      name: 'the 2.1 image default config with host networking',
      files: { 'mqtt.service': '[Service]\nExecStart=nerdctl run --net=host eclipse-mosquitto:2\n' },
      errors: [{ messageId: 'anonymous', line: 2, column: 34, endColumn: 53, message: /^mqtt\.service accepts anonymous MQTT clients on 0\.0\.0\.0:1883, \[::\]:1883: / }],
    },
    {
      name: '1.6 broker published on all interfaces with docker -p',
      files: { 'mqtt.service': '[Service]\nExecStart=docker run --rm -p 1883:1883 eclipse-mosquitto:1.6.15\n' },
      errors: [{ messageId: 'anonymous', line: 2, column: 40, endColumn: 64, message: /^mqtt\.service accepts anonymous MQTT clients on 0\.0\.0\.0:1883:/ }],
    },
    {
      name: '1.6 pod with a hostPort on all interfaces',
      files: {
        'ds.yaml': daemonSet('eclipse-mosquitto:1.6.15', false, '          ports:\n          - containerPort: 1883\n            hostPort: 11883\n'),
      },
      errors: [{ messageId: 'anonymous', line: 11, column: 16, message: /on 0\.0\.0\.0:11883:/ }],
    },
    {
      name: 'one global allow_anonymous line for two listeners gives one finding naming every bind',
      files: { 'mosquitto.conf': 'listener 1883\nlistener 8883 10.0.0.5\nallow_anonymous true\n' },
      errors: [{ messageId: 'anonymous', line: 3, column: 1, message: /on 0\.0\.0\.0:1883, \[::\]:1883, 10\.0\.0\.5:8883:/ }],
    },
    {
      // Issue #10 §5: the finding's own file is not named again in its message ("mosquitto (PATH) accepts …" at PATH).
      name: 'a broker known by its conf file, reported in that file, is not named by the path again',
      files: { 'etc/mosquitto/mosquitto.conf': 'listener 1883\nallow_anonymous true\n' },
      errors: [{ messageId: 'anonymous', line: 2, column: 1, message: 'mosquitto accepts anonymous MQTT clients on 0.0.0.0:1883, [::]:1883: anyone who can reach the node can read and publish device messages.' }],
    },
    // sweep6 Q-4: docker0's 172.17.0.1 is the node's own address on the default Docker bridge.
    {
      name: 'anonymous on docker0 (172.17.0.1) and loopback only: every container on the node can connect, not anyone who reaches the node',
      files: { 'mqtt/edgenode1.conf': 'pid_file /run/mosquitto/mosquitto.pid\n\nlistener 1883 172.17.0.1\nlistener 1883 127.0.0.1\n\nallow_anonymous true\n' },
      errors: [
        {
          messageId: 'bridge',
          line: 6,
          column: 1,
          message: "mosquitto accepts anonymous MQTT clients on 172.17.0.1:1883, the node's address on the default Docker bridge (docker0): every container on the node, and the node itself, can read and publish device messages.",
        },
      ],
    },
    {
      name: 'docker0 beside an address of the node network: anyone who can reach the node',
      files: { 'mosquitto.conf': 'listener 1883 172.17.0.1\nlistener 1884 192.168.1.20\nallow_anonymous true\n' },
      errors: [{ messageId: 'anonymous', line: 3, column: 1, message: /on 172\.17\.0\.1:1883, 192\.168\.1\.20:1884: anyone who can reach the node can/ }],
    },
    {
      name: 'another address of 172.17.0.0/16 is a container\'s, not the node\'s bridge address: the general wording stays',
      files: { 'mosquitto.conf': 'listener 1883 172.17.0.2\nallow_anonymous true\n' },
      errors: [{ messageId: 'anonymous', line: 2, column: 1, message: /on 172\.17\.0\.2:1883: anyone who can reach the node can/ }],
    },
    {
      name: 'a conf an install script writes keeps its path: the finding is in the script',
      files: { 'install.sh': '#!/bin/sh\ncat > /etc/mosquitto/conf.d/edge.conf <<EOF\nlistener 1883\nallow_anonymous true\nEOF\n' },
      errors: [{ messageId: 'anonymous', line: 4, column: 1, message: /^mosquitto \(\/etc\/mosquitto\/conf\.d\) accepts anonymous MQTT clients on 0\.0\.0\.0:1883/ }],
    },
  ],
});
