import rule from '../../../rules/node/broker-reachable.js';
import { ruleTester, text } from '../../rule-tester.js';
import { upstream } from '../../upstream.js';


const head = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\n';
const edgecore = (eventBus: string) => head + 'modules:\n  eventBus:\n' + eventBus;
const unit = (image: string, extra = '') => text`
  [Service]
  ExecStart=ctr -n k8s.io run --rm --net-host ${image} mqtt ${extra}
  Restart=always
`;

ruleTester(rule, {
  valid: [
    {
      name: 'no broker of any kind in the deployment: the broker side (keadm --with-mqtt, a package) is not in it, so its absence is not reported',
      files: { 'edgecore.yaml': edgecore('    mqttMode: 2\n    mqttServerExternal: tcp://127.0.0.1:1883\n'), 'cloud/app.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  nodeSelector:\n    node-role.kubernetes.io/edge: ""\n  containers:\n  - name: app\n    image: registry.example.com/app:1.0\n    imagePullPolicy: IfNotPresent\n' },
    },
    {
      name: 'mqttMode and the broker URL filled in by the install script at run time: where edgecore connects is unknown',
      files: {
        'install.sh': `#!/bin/bash\ncat > /etc/kubeedge/config/edgecore.yaml <<EOF\n${edgecore('    mqttMode: ${MQTT_MODE}\n')}EOF\ncat > /etc/kubeedge/config/b/edgecore.yaml <<'EOF'\n${edgecore('    mqttServerExternal: tcp://__BROKER__:1883\n')}EOF\nsed -i "s/__BROKER__/$BROKER/" /etc/kubeedge/config/b/edgecore.yaml\n`,
      },
    },
    {
      name: "upstream: Debian's unit and mosquitto.conf (no listener: 2.0 local-only on 127.0.0.1 and ::1 port 1883) serve the default URL",
      files: {
        'edgecore.yaml': edgecore('    mqttMode: 2\n'),
        'lib/systemd/system/mosquitto.service': upstream('debianUnit'),
        'etc/mosquitto/mosquitto.conf': upstream('debianConf'),
      },
    },
    {
      name: 'upstream: the 2.1 image config (listener 1883 on every interface) serves the default URL',
      files: { 'edgecore.yaml': edgecore('    mqttMode: 2\n'), 'mosquitto/mosquitto.conf': upstream('imageConf21') },
    },
    {
      name: 'default mqttMode 2 and a 2.0 broker in local-only mode on 127.0.0.1:1883',
      files: { 'edgecore.yaml': edgecore('    enable: true\n'), 'mosquitto.service': unit('docker.io/library/eclipse-mosquitto:2.0') },
    },
    {
      name: 'mqttMode 0 needs no external broker',
      files: { 'edgecore.yaml': edgecore('    mqttMode: 0\n') },
    },
    {
      name: 'eventBus disabled',
      files: { 'edgecore.yaml': edgecore('    enable: false\n') },
    },
    {
      name: 'a broker on another host cannot be checked from the node model',
      files: { 'edgecore.yaml': edgecore('    mqttServerExternal: tcp://192.168.1.5:1883\n') },
    },
    {
      name: 'a :: listener takes IPv4 loopback connections too (bindv6only=0)',
      files: {
        'edgecore.yaml': edgecore('    mqttMode: 1\n'),
        'etc/mosquitto/mosquitto.conf': 'listener 1883 ::\npassword_file /etc/mosquitto/passwd\n',
      },
    },
    {
      name: 'localhost is served by a ::1 listener',
      files: {
        'edgecore.yaml': edgecore('    mqttServerExternal: tcp://localhost:1883\n'),
        'etc/mosquitto/mosquitto.conf': 'listener 1883 ::1\n',
      },
    },
    {
      name: "the CloudCore chart's hostNetwork DaemonSet landing on edge nodes is a broker",
      files: {
        'edgecore.yaml': edgecore('    mqttMode: 2\n'),
        'ds.yaml': text`
          apiVersion: apps/v1
          kind: DaemonSet
          metadata:
            name: edge-eclipse-mosquitto
          spec:
            template:
              spec:
                hostNetwork: true
                affinity:
                  nodeAffinity:
                    requiredDuringSchedulingIgnoredDuringExecution:
                      nodeSelectorTerms:
                      - matchExpressions:
                        - key: node-role.kubernetes.io/edge
                          operator: Exists
                containers:
                - name: edge-eclipse-mosquitto
                  image: eclipse-mosquitto:1.6.15
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'upstream: Debian unit and conf, but edgecore dials port 1884',
      files: {
        'edgecore.yaml': edgecore('    mqttServerExternal: tcp://127.0.0.1:1884\n'),
        'lib/systemd/system/mosquitto.service': upstream('debianUnit'),
        'etc/mosquitto/mosquitto.conf': upstream('debianConf'),
      },
      errors: [{ file: 'edgecore.yaml', messageId: 'unreachable', line: 5, column: 25, message: /nothing listens on 1884; mosquitto\.service binds 127\.0\.0\.1:1883 and \[::1\]:1883\.$/ }],
    },
    {
      name: 'broker on 1884, default external URL: reported at eventBus, naming what listens',
      files: {
        'edgecore.yaml': edgecore('    enable: true\n'),
        'etc/mosquitto/mosquitto.conf': 'listener 1884 127.0.0.1\n',
      },
      errors: [
        {
          file: 'edgecore.yaml',
          messageId: 'unreachable',
          line: 4,
          column: 3,
          message: "edgecore's eventBus (mqttMode 2) connects to tcp://127.0.0.1:1883 (the default), but nothing on edge nodes listens on 127.0.0.1:1883: nothing listens on 1883; mosquitto (etc/mosquitto/mosquitto.conf) binds 127.0.0.1:1884.",
          related: [{ file: 'etc/mosquitto/mosquitto.conf', line: 1, column: 1 }],
        },
      ],
    },
    {
      name: 'broker bound to another address on the right port, reported at mqttServerExternal',
      files: {
        'edgecore.yaml': edgecore('    mqttServerExternal: tcp://127.0.0.1:1883\n'),
        'etc/mosquitto/mosquitto.conf': 'listener 1883 192.168.1.10\n',
      },
      errors: [
        {
          file: 'edgecore.yaml',
          messageId: 'unreachable',
          line: 5,
          column: 25,
          message: /listens on 127\.0\.0\.1:1883: mosquitto \(etc\/mosquitto\/mosquitto\.conf\) binds 192\.168\.1\.10:1883\.$/,
        },
      ],
    },
    {
      name: "mqttMode 1: edgecore's own internal broker on 1884 is not the external one",
      files: { 'edgecore.yaml': edgecore('    mqttMode: 1\n') },
      errors: [{ messageId: 'unreachable', line: 4, column: 3, message: /nothing listens on 1883; edgecore binds 127\.0\.0\.1:1884\.$/ }],
    },
    {
      name: 'a broker on another port only, eventBus not written: reported at modules',
      files: { 'edgecore.yaml': head + 'modules:\n  edged:\n    enable: true\n', 'etc/mosquitto/mosquitto.conf': 'listener 8883\n' },
      errors: [{ file: 'edgecore.yaml', messageId: 'unreachable', line: 3, column: 1, message: /nothing listens on 1883; mosquitto/ }],
    },
    {
      name: 'an IPv6 broker URL with a broker bound to IPv4 loopback only',
      files: {
        'edgecore.yaml': edgecore('    mqttServerExternal: tcp://[::1]:1883\n'),
        'etc/mosquitto/mosquitto.conf': 'listener 1883 127.0.0.1\n',
      },
      errors: [{ file: 'edgecore.yaml', messageId: 'unreachable', line: 5, column: 25, message: /listens on \[::1\]:1883/ }],
    },
  ],
});
