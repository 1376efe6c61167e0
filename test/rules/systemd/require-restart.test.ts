import rule from '../../../rules/systemd/require-restart.js';
import { ruleTester, text } from '../../rule-tester.js';
import { upstream } from '../../upstream.js';


ruleTester(rule, {
  valid: [
    {
      name: 'upstream: Debian bookworm mosquitto.service has Restart=on-failure',
      files: { 'mosquitto.service': upstream('debianUnit') },
    },
    {
      name: 'upstream: upstream mosquitto.service.notify / .simple have Restart=on-failure',
      files: {
        'a/mosquitto.service': upstream('upstreamNotifyUnit'),
        'b/mosquitto.service': upstream('upstreamSimpleUnit'),
      },
    },
    {
      name: "upstream: KubeEdge's edgecore.service has Restart=always",
      files: { 'edgecore.service': upstream('edgecoreUnit') },
    },
    {
      // systemd.service(5) Type=simple: the service ends when the process it started does. The job
      // script the installer writes next to the unit only runs commands that return (docker kill, rm,
      // systemctl start): a one-shot job, which Restart=always would run again and again.
      name: 'a Type=simple unit running a job script its installer writes, every command of which returns',
      files: { 'edge/provision.sh': '#!/bin/bash\ncat > /usr/local/bin/reset-edge.sh <<EOF\n#!/bin/bash\ndocker kill\$(docker ps -q)\nrm -rf /var/lib/edged\nsystemctl start edgecore.service\nEOF\ncat > /etc/systemd/system/reset-edge.service <<EOF\n[Service]\nType=simple\nExecStart=/usr/local/bin/reset-edge.sh\nEOF\n' },
    },
    {
      name: 'mosquitto -d under Type=forking is what forking means',
      files: { 'mosquitto.service': '[Service]\nType=forking\nPIDFile=/run/mosquitto.pid\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf -d\nRestart=on-failure\n' },
    },
    {
      name: 'mosquitto -d under KillMode=process: ending the service kills no other process, the forked broker runs on',
      files: { 'mosquitto.service': '[Service]\nKillMode=process\nExecStart=/usr/sbin/mosquitto -d\nRestart=always\n' },
    },
    {
      // systemd.service(5) ExitType=cgroup: the service runs as long as a process of its cgroup does.
      name: 'mosquitto -d under ExitType=cgroup: the forked broker keeps the service up',
      files: { 'mosquitto.service': '[Service]\nExitType=cgroup\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf -d\nRestart=always\n' },
    },
    {
      // systemd.service(5) RemainAfterExit=: the service stays active once its started process exits, and nothing is stopped.
      name: 'mosquitto -d with RemainAfterExit=yes: the service stays active and the broker runs',
      files: { 'mosquitto.service': '[Service]\nRemainAfterExit=yes\nExecStart=/usr/sbin/mosquitto -d\nRestart=on-failure\n' },
    },
    {
      name: 'a -d that is the value of -c or -p is no flag',
      files: { 'mosquitto.service': '[Service]\nExecStart=/usr/sbin/mosquitto -c -d\nRestart=always\n' },
    },
    {
      name: 'a oneshot unit is not long-running',
      files: { 'import.service': '[Service]\nType=oneshot\nExecStart=ctr -n k8s.io images import /opt/images/mosquitto.tar\n' },
    },
    {
      name: 'a detached container returns at once',
      files: { 'mqtt.service': '[Service]\nExecStart=docker run -d --network host eclipse-mosquitto:2.0\n' },
    },
    {
      name: 'an unknown program without an explicit Type is not judged',
      files: { 'backup.service': '[Service]\nExecStart=/usr/local/bin/backup.sh\n' },
    },
    {
      name: 'Restart= from a drop-in counts',
      files: {
        'etc/systemd/system/mosquitto.service': '[Service]\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf\n',
        'etc/systemd/system/mosquitto.service.d/restart.conf': '[Service]\nRestart=on-failure\n',
      },
    },
    {
      name: 'an invalid Type= on an unknown program: systemd runs it as simple, but nothing says it is long-running',
      files: { 'cleanup.service': '[Service]\nType=OneShot\nExecStart=/usr/local/bin/cleanup.sh\n' },
    },
    {
      name: 'an invalid Type= in a drop-in leaves the valid oneshot of the main file',
      files: {
        'etc/systemd/system/import.service': '[Service]\nType=oneshot\nExecStart=ctr -n k8s.io run --rm docker.io/library/busybox:1.36 import true\n',
        'etc/systemd/system/import.service.d/type.conf': '[Service]\nType=one-shot\n',
      },
    },
    {
      name: 'a daemon removed from the option list',
      options: { daemons: [] },
      files: { 'mosquitto.service': '[Service]\nExecStart=/usr/sbin/mosquitto\n' },
    },
  ],
  invalid: [
    {
      // sweep7 Q-3: an invalid Type= is ignored, so the unit is simple, and -d ends it at once.
      name: 'mosquitto -d under the default type: one finding at -d, the real cause, and no Restart= fix',
      files: { 'mosquitto.service': '[Unit]\nDescription=broker\n[Service]\nType=OneShot\nExecStart=mosquitto -c /etc/mosquitto/mosquitto.conf -d\n' },
      errors: [
        {
          messageId: 'daemonizes',
          line: 5,
          column: 54,
          severity: 'error',
          message:
            'mosquitto.service runs mosquitto with -d under Type=simple: mosquitto forks into the background and the process systemd started exits, so systemd takes the service as ended and stops the broker with it (KillMode=control-group); drop -d — systemd already runs it in the background. Restart= would not help.',
        },
      ],
    },
    {
      name: 'mosquitto -d under ExitType=cgroup without Restart=: the broker stays up, and nothing starts it again after a crash',
      files: { 'mosquitto.service': '[Service]\nExitType=cgroup\nExecStart=/usr/sbin/mosquitto -d\n' },
      errors: [{ messageId: 'missing', line: 3, column: 1 }],
    },
    {
      name: 'an ExecStart= prefix before a bare program name',
      files: { 'mosquitto.service': '[Service]\nExecStart=-mosquitto -d\nRestart=always\n' },
      errors: [{ messageId: 'daemonizes', line: 2, column: 22, severity: 'error' }],
    },
    {
      name: 'the long form under Type=notify, with Restart= set',
      files: { 'mosquitto.service': '[Service]\nType=notify\nExecStart=/usr/sbin/mosquitto --daemon\nRestart=on-failure\n' },
      errors: [{ messageId: 'daemonizes', line: 3, column: 31, severity: 'error' }],
    },
    {
      name: 'seed unit: a ctr container with no Restart=, fixed after the continued ExecStart',
      files: {
        'mosquitto.service': text`
          [Unit]
          Description=Mosquitto MQTT broker (containerd)

          [Service]
          ExecStart=ctr -n k8s.io run --rm --net-host \\
            docker.io/library/eclipse-mosquitto:2.0 mosquitto \\
            mosquitto -c /mosquitto-no-auth.conf
          ExecStopPost=-ctr -n k8s.io task kill -s SIGKILL mosquitto

          [Install]
          WantedBy=multi-user.target
        `,
      },
      errors: [
        {
          messageId: 'missing',
          line: 5,
          column: 1,
          endColumn: 10,
          message: 'mosquitto.service runs a container (ctr run docker.io/library/eclipse-mosquitto:2.0) but has no Restart=: systemd does not start it again after it exits or crashes.',
        },
      ],
      output: {
        'mosquitto.service': text`
          [Unit]
          Description=Mosquitto MQTT broker (containerd)

          [Service]
          ExecStart=ctr -n k8s.io run --rm --net-host \\
            docker.io/library/eclipse-mosquitto:2.0 mosquitto \\
            mosquitto -c /mosquitto-no-auth.conf
          Restart=always
          RestartSec=5
          ExecStopPost=-ctr -n k8s.io task kill -s SIGKILL mosquitto

          [Install]
          WantedBy=multi-user.target
        `,
      },
    },
    {
      name: 'a known daemon without Restart=, RestartSec already set, no final newline',
      files: { 'edgecore.service': '[Service]\nRestartSec=10\nExecStart=/usr/local/bin/edgecore' },
      errors: [{ messageId: 'missing', line: 3, column: 1, message: /runs the edgecore daemon/ }],
      output: { 'edgecore.service': '[Service]\nRestartSec=10\nExecStart=/usr/local/bin/edgecore\nRestart=always\n' },
    },
    {
      name: 'Restart=no is reported at that line, without a fix',
      files: { 'mqtt.service': '[Service]\nExecStart=podman run --network host eclipse-mosquitto:2.0\nRestart=no\n' },
      errors: [{ messageId: 'disabled', line: 3, column: 1 }],
      output: { 'mqtt.service': '[Service]\nExecStart=podman run --network host eclipse-mosquitto:2.0\nRestart=no\n' },
    },
    {
      name: 'an explicit Type=notify service of any program',
      files: { 'agent.service': '[Service]\nType=notify\nExecStart=/opt/agent/bin/agent --serve\n' },
      errors: [{ messageId: 'missing', line: 3, column: 1, message: /runs a Type=notify service \(agent\)/ }],
      output: { 'agent.service': '[Service]\nType=notify\nExecStart=/opt/agent/bin/agent --serve\nRestart=always\nRestartSec=5\n' },
    },
    {
      // DEFINE_CONFIG_PARSE_ENUM ignores Type=OneShot (service types are lower-case); service_add_extras()
      // then defaults a service with ExecStart= to simple: the container is the main process.
      name: 'an invalid Type=OneShot is ignored by systemd: the container runs as Type=simple and needs Restart=',
      files: { 'mqtt.service': '[Service]\nType=OneShot\nExecStart=/usr/bin/docker run --net=host eclipse-mosquitto:2.0\n' },
      errors: [{ messageId: 'missing', line: 3, column: 1, endColumn: 10, message: 'mqtt.service runs a container (docker run eclipse-mosquitto:2.0) but has no Restart=: systemd does not start it again after it exits or crashes.' }],
      output: { 'mqtt.service': '[Service]\nType=OneShot\nExecStart=/usr/bin/docker run --net=host eclipse-mosquitto:2.0\nRestart=always\nRestartSec=5\n' },
    },
    {
      name: 'an empty Type= does not reset a valid one: Type=notify still holds',
      files: { 'agent.service': '[Service]\nType=notify\nType=\nExecStart=/opt/agent/bin/agent\n' },
      errors: [{ messageId: 'missing', line: 4, column: 1, message: /runs a Type=notify service \(agent\)/ }],
      output: { 'agent.service': '[Service]\nType=notify\nType=\nExecStart=/opt/agent/bin/agent\nRestart=always\nRestartSec=5\n' },
    },
    {
      name: 'a job script with a while loop (a statement the reader skips) may never end: its Type=simple unit still needs Restart=',
      files: { 'edge/provision.sh': '#!/bin/bash\ncat > /usr/local/bin/reset-edge.sh <<EOF\n#!/bin/bash\ndocker kill\$(docker ps -q)\nrm -rf /var/lib/edged\nwhile :; do sleep 60; done\nEOF\ncat > /etc/systemd/system/reset-edge.service <<EOF\n[Service]\nType=simple\nExecStart=/usr/local/bin/reset-edge.sh\nEOF\n' },
      errors: [{ file: 'edge/provision.sh', messageId: 'missing', line: 11, column: 1, message: /runs a Type=simple service \(reset-edge\.sh\)/ }],
    },
    {
      name: 'a job script that runs a program not known to return (skipped unread) is judged by its Type=simple unit',
      files: { 'edge/provision.sh': '#!/bin/bash\ncat > /usr/local/bin/reset-edge.sh <<EOF\n#!/bin/bash\ndocker kill\$(docker ps -q)\nrm -rf /var/lib/edged\n/opt/agent/bin/agent --serve\nEOF\ncat > /etc/systemd/system/reset-edge.service <<EOF\n[Service]\nType=simple\nExecStart=/usr/local/bin/reset-edge.sh\nEOF\n' },
      errors: [{ file: 'edge/provision.sh', messageId: 'missing', line: 11, column: 1, message: /runs a Type=simple service \(reset-edge\.sh\)/ }],
    },
    {
      name: 'a job script that ends attached to a container (docker run without -d) keeps its Type=simple unit running',
      files: { 'edge/provision.sh': '#!/bin/bash\ncat > /usr/local/bin/reset-edge.sh <<EOF\n#!/bin/bash\ndocker kill\$(docker ps -q)\nrm -rf /var/lib/edged\ndocker run --rm --net=host eclipse-mosquitto:2.0\nEOF\ncat > /etc/systemd/system/reset-edge.service <<EOF\n[Service]\nType=simple\nExecStart=/usr/local/bin/reset-edge.sh\nEOF\n' },
      errors: [{ file: 'edge/provision.sh', messageId: 'missing', line: 11, column: 1, message: /runs a Type=simple service \(reset-edge\.sh\)/ }],
    },
    {
      name: 'Restart= emptied by a drop-in; the fix goes into the main file',
      files: {
        'etc/systemd/system/mosquitto.service': '[Service]\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf\nRestart=always\n',
        'etc/systemd/system/mosquitto.service.d/override.conf': '[Service]\nRestart=\n',
      },
      errors: [{ file: 'etc/systemd/system/mosquitto.service', messageId: 'missing', line: 2, column: 1 }],
    },
  ],
});
