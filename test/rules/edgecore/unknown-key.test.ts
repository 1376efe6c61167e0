import rule from '../../../rules/edgecore/unknown-key.js';
import { ruleTester, text } from '../../rule-tester.js';
import { defaultConfig, head, v1alpha1Config } from '../../fixtures/edgecore/configs.js';

const dockershimEra = head + text`
  modules:
    edged:
      hostnameOverride: edge-a
      networkPluginMTU: 1450
      dockerEndpoint: unix:///run/docker.sock
      remoteRuntimeEndpoint: unix:///run/containerd/containerd.sock
      tailoredKubeletConfig:
        healthzPort: 10248
        cgroupDriver: systemd
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a dockershim-era config judged by 1.13, the release stated in .edgelint.yaml: not checked key by key',
      config: { kubeedgeVersion: '1.13' },
      files: { 'edgecore.yaml': dockershimEra },
    },
    {
      name: 'a config laid out for another release (v1alpha1): its keys are not judged one by one (edgecore/invalid-value reports the file once)',
      files: { 'edgecore.yaml': v1alpha1Config },
    },
    {
      name: 'the full default config of KubeEdge 1.22 raises nothing',
      config: { kubeedgeVersion: '1.22' },
      files: { 'edgecore.yaml': defaultConfig },
    },
    {
      name: 'allowedUnsafeSysctls where edged reads it',
      files: { 'edgecore.yaml': head + text`
        modules:
          edged:
            tailoredKubeletConfig:
              allowedUnsafeSysctls:
              - net.ipv4.ip_forward
      ` },
    },
    {
      name: 'a case variant is read by edgecore (case-insensitive decoding)',
      files: { 'edgecore.yaml': head + 'modules:\n  eventBus:\n    mqttmode: 2\n' },
    },
    {
      name: "the file's edgecoreVersion picks the schema when kubeedgeVersion is unset (keepTerminatedPodVolumes is read up to 1.21)",
      files: { 'edgecore.yaml': head + 'edgecoreVersion: v1.21.0\nmodules:\n  edged:\n    keepTerminatedPodVolumes: false\n' },
    },
    {
      name: 'not an edgecore config',
      files: { 'other.yaml': 'modules:\n  edged:\n    allowedUnsafeSysctls: []\n' },
    },
  ],
  invalid: [
    {
      // sweep11: two real v1alpha2 files printed by a 1.13 edgecore (cniBinDir, dockerEndpoint, …) drew 20 errors each.
      name: 'a v1alpha2 config of the dockershim-era layout (edgecore before 1.16), release unknown: one warning at its first such key counting what 1.23 ignores',
      files: { 'edgecore.yaml': dockershimEra },
      errors: [{ messageId: 'unknown', line: 6, column: 5, severity: 'warning', message: 'edgecore config: modules.edged holds keys of the dockershim-era layout an edgecore older than 1.16 writes (networkPluginMTU, dockerEndpoint), which no release from 1.16 on reads: KubeEdge 1.23 ignores 4 of its keys; if the node runs 1.16 or newer, generate a config for its release (`edgecore --defaultconfig` or keadm) and carry the settings over, else set kubeedgeVersion in .edgelint.yaml to the release it runs.' }],
    },
    {
      name: 'the same config with kubeedgeVersion 1.22 configured: one error naming where the release is stated',
      config: { kubeedgeVersion: '1.22' },
      files: { 'edgecore.yaml': dockershimEra },
      errors: [{ messageId: 'unknown', line: 6, column: 5, severity: 'error', message: 'edgecore config: modules.edged holds keys of the dockershim-era layout an edgecore older than 1.16 writes (networkPluginMTU, dockerEndpoint); KubeEdge 1.22 (the kubeedgeVersion in .edgelint.yaml) ignores 4 of its keys; generate a config for that release (`edgecore --defaultconfig` or keadm) and carry the settings over.' }],
    },
    {
      name: 'seed snippet: allowedUnsafeSysctls directly under edged is moved into tailoredKubeletConfig',
      files: {
        'edgecore.yaml': head + text`
          modules:
            edged:
              enable: true
              allowedUnsafeSysctls:
              - "net.ipv4.ip_forward"
              - "net.ipv6.conf.all.forwarding"
              tailoredKubeletConfig:
                cgroupDriver: cgroupfs
            eventBus:
              mqttMode: 2
        `,
      },
      errors: [
        {
          messageId: 'unknown',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 25,
          message: 'edgecore config: edgecore does not read "allowedUnsafeSysctls" under modules.edged (KubeEdge 1.23 ignores it); it belongs at modules.edged.tailoredKubeletConfig.allowedUnsafeSysctls.',
        },
      ],
      output: {
        'edgecore.yaml': head + text`
          modules:
            edged:
              enable: true
              tailoredKubeletConfig:
                cgroupDriver: cgroupfs
                allowedUnsafeSysctls:
                - "net.ipv4.ip_forward"
                - "net.ipv6.conf.all.forwarding"
            eventBus:
              mqttMode: 2
        `,
      },
    },
    {
      name: 'missing tailoredKubeletConfig is created; the comment above the key moves with it',
      files: {
        'edgecore.yaml': head + text`
          modules:
              edged:
                  enable: true
                  # for svclb
                  allowedUnsafeSysctls: [net.ipv4.ip_forward]
        `,
      },
      errors: [{ messageId: 'unknown', line: 7, column: 9 }],
      output: {
        'edgecore.yaml': head + text`
          modules:
              edged:
                  enable: true
                  tailoredKubeletConfig:
                      # for svclb
                      allowedUnsafeSysctls: [net.ipv4.ip_forward]
        `,
      },
    },
    {
      name: 'no fix when the target already has the key',
      files: {
        'edgecore.yaml': head + text`
          modules:
            edged:
              allowedUnsafeSysctls: [kernel.msg*]
              tailoredKubeletConfig:
                allowedUnsafeSysctls: [net.ipv4.ip_forward]
        `,
      },
      errors: [{ messageId: 'unknown', line: 5, column: 5 }],
      output: {
        'edgecore.yaml': head + text`
          modules:
            edged:
              allowedUnsafeSysctls: [kernel.msg*]
              tailoredKubeletConfig:
                allowedUnsafeSysctls: [net.ipv4.ip_forward]
        `,
      },
    },
    {
      name: 'a misspelt key gets a did-you-mean and no fix',
      files: { 'edgecore.yaml': head + 'modules:\n  eventBus:\n    mqttServerExternl: tcp://127.0.0.1:1883\n' },
      // The message ends with the question's own mark, not `?.`.
      errors: [{ messageId: 'unknown', line: 5, column: 5, message: /did you mean "mqttServerExternal"\?$/ }],
      output: { 'edgecore.yaml': head + 'modules:\n  eventBus:\n    mqttServerExternl: tcp://127.0.0.1:1883\n' },
    },
    {
      name: 'a key far from every key edgecore reads gets no suggestion',
      files: { 'edgecore.yaml': head + 'modules:\n  eventBus:\n    brokerAddress: tcp://127.0.0.1:1883\n' },
      errors: [{ messageId: 'unknown', line: 5, column: 5, message: 'edgecore config: unknown key "brokerAddress" under modules.eventBus; no KubeEdge release from 1.16 to 1.23 reads it.' }],
    },
    {
      // sweep6 Q-1: EdgeMesh left edgecore in 1.7; an old guide's section that only turns it off loses nothing.
      name: 'a section no release reads that only says enable: false is a warning',
      files: { 'edgecore.yaml': head + 'modules:\n  edgeMesh:\n    enable: false\n  edgeDNS:\n    enable: false\n    listenInterface: docker0\n' },
      errors: [
        { messageId: 'disablesNothing', line: 4, column: 3, severity: 'warning', message: 'edgecore config: unknown key "edgeMesh" under modules; no KubeEdge release from 1.16 to 1.23 reads it; it only says `enable: false`, so nothing is lost, but the section is dead text.' },
        { messageId: 'unknown', line: 6, column: 3, severity: 'error' },
      ],
    },
    {
      name: 'a module name misspelt past any suggestion that only says enable: false is an error: the intent to turn a module off is lost',
      files: { 'edgecore.yaml': head + 'modules:\n  metaMgr:\n    enable: false\n' },
      errors: [{ messageId: 'unknown', line: 4, column: 3, severity: 'error', message: /"metaMgr" under modules; no KubeEdge release from 1\.16 to 1\.23 reads it\.$/ }],
    },
    {
      name: 'a misspelt enable: false under a module edgecore reads is an error: the module keeps its default',
      files: { 'edgecore.yaml': head + 'modules:\n  edgeStream:\n    enabel: false\n' },
      errors: [{ messageId: 'unknown', line: 5, column: 5, severity: 'error', message: /did you mean "enable"\?/ }],
    },
    {
      name: 'kubeedgeVersion from config wins over the file: keepTerminatedPodVolumes was removed in 1.22',
      config: { kubeedgeVersion: '1.22' },
      files: { 'edgecore.yaml': head + 'edgecoreVersion: v1.21.0\nmodules:\n  edged:\n    keepTerminatedPodVolumes: false\n' },
      errors: [{ messageId: 'removed', line: 6, column: 5, message: /removed from modules\.edged in KubeEdge 1\.22/ }],
    },
    {
      name: 'edgecoreVersion is not read before 1.21',
      config: { kubeedgeVersion: 'v1.20.1' },
      files: { 'edgecore.yaml': head + 'edgecoreVersion: v1.20.1\n' },
      errors: [{ messageId: 'unknown', line: 3, column: 1, message: /read from KubeEdge 1\.21 on/ }],
    },
    {
      name: 'an edgecore config inside an install-script heredoc points at the script line',
      files: {
        'install.sh': text`
          #!/bin/sh
          cat > /etc/kubeedge/config/edgecore.yaml <<EOF
          apiVersion: edgecore.config.kubeedge.io/v1alpha2
          kind: EdgeCore
          modules:
            edged:
              allowedUnsafeSysctls: [net.ipv4.ip_forward]
              tailoredKubeletConfig:
                cgroupDriver: cgroupfs
          EOF
        `,
      },
      errors: [{ messageId: 'unknown', line: 7, column: 5 }],
      output: {
        'install.sh': text`
          #!/bin/sh
          cat > /etc/kubeedge/config/edgecore.yaml <<EOF
          apiVersion: edgecore.config.kubeedge.io/v1alpha2
          kind: EdgeCore
          modules:
            edged:
              tailoredKubeletConfig:
                cgroupDriver: cgroupfs
                allowedUnsafeSysctls: [net.ipv4.ip_forward]
          EOF
        `,
      },
    },
  ],
});
