import rule from '../../../rules/edgecore/invalid-value.js';
import { ruleTester, text } from '../../rule-tester.js';
import { defaultConfig, head, v1alpha1Config } from '../../fixtures/edgecore/configs.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a v1alpha1 config beside an installer that downloads 1.7, a release that reads v1alpha1: nothing (the engine gives a notice)',
      files: { 'edgecore.yaml': v1alpha1Config, 'setup.sh': 'wget https://github.com/kubeedge/kubeedge/releases/download/v1.7.2/keadm-v1.7.2-linux-arm64.tar.gz\n' },
    },
    {
      // sweep13 (session 26 rerun): a Yocto layer with one recipe per edgecore release it builds, all before 1.12.
      name: 'a v1alpha1 config in a deployment stating several releases (edgecore_1.8.2.bb, edgecore_1.11.1.bb), each a v1alpha1 reader: nothing',
      files: { 'files/edgecore.yaml': v1alpha1Config, 'edgecore_1.8.2.bb': 'LICENSE = "Apache-2.0"\n', 'edgecore_1.11.1.bb': 'LICENSE = "Apache-2.0"\n' },
    },
    {
      name: 'a v1alpha1 config with kubeedgeVersion 1.10 configured: nothing',
      config: { kubeedgeVersion: '1.10' },
      files: { 'edgecore.yaml': v1alpha1Config },
    },
    {
      // edgecore never checks apiVersion (v1alpha2/helper.go Parse: a plain non-strict Unmarshal): a file
      // whose keys the release reads alike loses nothing, so neither the schema's enum nor the v1alpha1 warning.
      name: 'a v1alpha1 config whose keys v1alpha2 reads alike, release unknown: nothing',
      files: { 'edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha1\nkind: EdgeCore\nmodules:\n  edged:\n    enable: true\n  eventBus:\n    mqttMode: 2\n' },
    },
    {
      name: 'a v1alpha1 config whose keys v1alpha2 reads alike, judged by the configured 1.22: nothing',
      config: { kubeedgeVersion: '1.22' },
      files: { 'edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha1\nkind: EdgeCore\nmodules:\n  edged:\n    enable: true\n' },
    },
    {
      name: 'the full default config of KubeEdge 1.22 raises nothing',
      config: { kubeedgeVersion: '1.22' },
      files: { 'edgecore.yaml': defaultConfig },
    },
    {
      name: 'eventBus with an external broker',
      files: { 'edgecore.yaml': head + 'modules:\n  eventBus:\n    mqttMode: 2\n    mqttServerExternal: tcp://127.0.0.1:1883\n' },
    },
    {
      name: 'quic instead of websocket',
      files: { 'edgecore.yaml': head + 'modules:\n  edgeHub:\n    quic:\n      enable: true\n    websocket:\n      enable: false\n' },
    },
    {
      name: 'unknown keys are edgecore/unknown-key, not this rule',
      files: { 'edgecore.yaml': head + 'modules:\n  edged:\n    allowedUnsafeSysctls: 3\n' },
    },
    {
      name: 'placeholders the install script fills in later with sed -i s|…|…|, and ${VAR} expansions of an unquoted heredoc',
      files: {
        'install.sh': [
          '#!/bin/bash',
          'CFG=/etc/kubeedge/config/edgecore.yaml',
          "cat > $CFG <<'EOF'",
          head.trimEnd(),
          'modules:',
          '  eventBus:',
          '    mqttMode: __MQTT_MODE__',
          '  edged:',
          '    tailoredKubeletConfig:',
          '      readOnlyPort: PORT_PLACEHOLDER',
          'EOF',
          'sed -i -e "s/__MQTT_MODE__/${MQTT_MODE}/" -e "s|PORT_PLACEHOLDER|$PORT|g" "$CFG"',
          'cat > /etc/kubeedge/config/edgecore-b.yaml <<EOF',
          head.trimEnd(),
          'modules:',
          '  eventBus:',
          '    mqttMode: ${MQTT_MODE}',
          'EOF',
          '',
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      // sweep11: a dockershim-era file collapses its ignored keys into one edgecore/unknown-key finding; a value that does not decode is still its own.
      name: 'a dockershim-era v1alpha2 config whose clusterDNS is a string: the value is still reported',
      files: { 'edgecore.yaml': head + 'modules:\n  edged:\n    cniBinDir: /opt/cni/bin\n    tailoredKubeletConfig:\n      clusterDNS: 169.254.96.16\n' },
      errors: [{ messageId: 'invalid', line: 7, column: 19, message: 'edgecore config: modules.edged.tailoredKubeletConfig.clusterDNS must be a list, got the string "169.254.96.16".' }],
    },
    {
      // Releases up to 1.11 read v1alpha1 (CHANGELOG-1.12): with no release stated the file may be right, so a warning that says which releases ignore what.
      name: 'a v1alpha1 config, release unknown: one warning at apiVersion counting what 1.12 and later ignore, not one per key',
      files: { 'edgecore.yaml': v1alpha1Config },
      errors: [{ messageId: 'invalid', line: 1, column: 13, severity: 'warning', message: 'edgecore config: apiVersion is edgecore.config.kubeedge.io/v1alpha1, the layout edgecore read up to KubeEdge 1.11; from 1.12 on edgecore reads v1alpha2, and KubeEdge 1.23 ignores 3 of its keys and cannot decode 1 value; if the node runs 1.12 or newer, generate a config for its release (`edgecore --defaultconfig` or keadm) and carry the settings over, else set kubeedgeVersion in .edgelint.yaml to the release it runs.' }],
    },
    {
      name: 'a v1alpha1 config in a deployment stating 1.11 and 1.13: the node may run a v1alpha2 reader, so the warning stays',
      files: { 'files/edgecore.yaml': v1alpha1Config, 'edgecore_1.11.1.bb': 'LICENSE = "Apache-2.0"\n', 'edgecore_1.13.0.bb': 'LICENSE = "Apache-2.0"\n' },
      errors: [{ file: 'files/edgecore.yaml', messageId: 'invalid', line: 1, column: 13, severity: 'warning', message: /^edgecore config: apiVersion is edgecore\.config\.kubeedge\.io\/v1alpha1, the layout edgecore read up to KubeEdge 1\.11; from 1\.12 on edgecore reads v1alpha2, and KubeEdge 1\.23 ignores 3 of its keys/ }],
    },
    {
      name: 'a v1alpha1 config in a deployment whose installer unpacks 1.13, a release that reads v1alpha2: an error naming where the release is stated',
      files: { 'edgecore.yaml': v1alpha1Config, 'install.sh': 'EDGE_REL=v1.13.0\ntar -xzf "kubeedge-${EDGE_REL}-linux-${ARCH}.tar.gz" -C /opt\n' },
      errors: [{ file: 'edgecore.yaml', messageId: 'invalid', line: 1, column: 13, message: 'edgecore config: apiVersion is edgecore.config.kubeedge.io/v1alpha1, the layout edgecore read up to KubeEdge 1.11; KubeEdge 1.13 (the release tarball kubeedge-v1.13.0-linux-*.tar.gz at install.sh:2:10) reads v1alpha2, as every release from 1.12 on does, and ignores the keys v1alpha2 moved or renamed; generate a config for that release (`edgecore --defaultconfig`) and carry the settings over.' }],
    },
    {
      name: 'a v1alpha1 config judged by the configured 1.22: an error counting what 1.22 ignores',
      config: { kubeedgeVersion: '1.22' },
      files: { 'edgecore.yaml': v1alpha1Config },
      errors: [{ messageId: 'invalid', line: 1, column: 13, message: /^edgecore config: apiVersion is edgecore\.config\.kubeedge\.io\/v1alpha1, the layout edgecore read up to KubeEdge 1\.11; KubeEdge 1\.22 \(the kubeedgeVersion in \.edgelint\.yaml\) reads v1alpha2 and ignores 3 of its keys and cannot decode 1 value;/ }],
    },
    {
      name: 'a placeholder replaced only after a later write still leaves the value written before it; a bad literal value beside a placeholder is reported',
      files: {
        'install.sh': [
          '#!/bin/bash',
          "cat > /etc/kubeedge/config/edgecore.yaml <<'EOF'",
          head.trimEnd(),
          'modules:',
          '  eventBus:',
          '    mqttMode: 5',
          '    mqttQOS: __QOS__',
          'EOF',
          'sed -i "s/__QOS__/$QOS/" /etc/kubeedge/config/edgecore.yaml',
          "cat >> /etc/kubeedge/config/edgecore.yaml <<'EOF'",
          '  edged:',
          '    tailoredKubeletConfig:',
          '      readOnlyPort: __PORT__',
          'EOF',
          '',
        ].join('\n'),
      },
      errors: [
        { file: 'install.sh', messageId: 'invalid', line: 7, column: 15, message: /mqttMode/ },
        { file: 'install.sh', messageId: 'invalid', line: 14, column: 21, message: /readOnlyPort must be an integer, got the string "__PORT__"/ },
      ],
    },
    {
      name: 'mqttMode outside 0-2, reported at the value',
      files: { 'edgecore.yaml': head + 'modules:\n  eventBus:\n    mqttMode: 3\n' },
      errors: [{ messageId: 'invalid', line: 5, column: 15, endColumn: 16, message: 'edgecore config: modules.eventBus.mqttMode must be <= 2, got 3.' }],
    },
    {
      name: 'a quoted number where edgecore wants an integer',
      files: { 'edgecore.yaml': head + 'modules:\n  edgeHub:\n    messageQPS: "30"\n' },
      errors: [{ messageId: 'invalid', line: 5, column: 17, message: /must be an integer, got the string "30" \(remove the quotes\)/ }],
    },
    {
      name: 'negative QPS',
      files: { 'edgecore.yaml': head + 'modules:\n  edgeHub:\n    messageQPS: -1\n' },
      errors: [{ messageId: 'invalid', line: 5, column: 17, message: /must be >= 0, got -1/ }],
    },
    {
      name: 'a broker URL without a port',
      files: { 'edgecore.yaml': head + 'modules:\n  eventBus:\n    mqttServerExternal: tcp://127.0.0.1\n' },
      errors: [{ messageId: 'invalid', line: 5, column: 25, message: /it has no port/ }],
    },
    {
      name: 'websocket and quic both enabled, at quic.enable',
      files: {
        'edgecore.yaml': head + text`
          modules:
            edgeHub:
              quic:
                enable: true
        `,
      },
      errors: [{ messageId: 'invalidDocument', line: 6, column: 15, message: /both true: edgecore needs exactly one transport/ }],
    },
    {
      name: 'a case-variant key is validated under its canonical name',
      files: { 'edgecore.yaml': head + 'modules:\n  eventbus:\n    MQTTMode: -1\n' },
      errors: [{ messageId: 'invalid', line: 5, column: 15, message: /^edgecore config: modules\.eventbus\.MQTTMode must be >= 0, got -1\.$/ }],
    },
  ],
});
