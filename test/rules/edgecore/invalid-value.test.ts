import rule from '../../../rules/edgecore/invalid-value.js';
import { readFileSync } from 'node:fs';
import { ruleTester, text } from '../../rule-tester.js';

// `edgecore --defaultconfig` of KubeEdge 1.22 (test fixture): every key edgecore reads, every value it accepts.
const defaultConfig = readFileSync(new URL('../../fixtures/edgecore/defaultconfig-v1.22.yaml', import.meta.url), 'utf8');

const head = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\n';

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
  ],
  invalid: [
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
