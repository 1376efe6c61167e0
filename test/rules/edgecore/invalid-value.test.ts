import rule from '../../../rules/edgecore/invalid-value.js';
import { ruleTester, text } from '../../rule-tester.js';
import { defaultConfig, head, v1alpha1Config } from '../../fixtures/edgecore/configs.js';

ruleTester(rule, {
  valid: [
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
      name: 'a config laid out for another release (v1alpha1): one finding at apiVersion counting what the release ignores, not one per key',
      files: { 'edgecore.yaml': v1alpha1Config },
      errors: [{ messageId: 'invalid', line: 1, column: 13, message: /got the string "edgecore\.config\.kubeedge\.io\/v1alpha1": the file is laid out for another edgecore release \(3 of its keys are not where KubeEdge 1\.23 reads them and 1 value does not decode\); generate a config/ }],
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
      errors: [{ messageId: 'invalid', line: 5, column: 15, endColumn: 16, message: 'edgecore.yaml: modules.eventBus.mqttMode must be <= 2, got 3.' }],
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
      errors: [{ messageId: 'invalid', line: 5, column: 15, message: /^edgecore\.yaml: modules\.eventbus\.MQTTMode must be >= 0, got -1\.$/ }],
    },
  ],
});
