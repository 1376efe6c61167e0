import rule from '../../../rules/yaml/duplicate-key.js';
import { ruleTester, text } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'distinct keys', files: { 'a.yaml': 'a: 1\nb: 2\n' } },
    { name: 'same key in sibling mappings', files: { 'a.yaml': 'x:\n  a: 1\ny:\n  a: 2\n' } },
    { name: 'same key in different documents', files: { 'a.yaml': 'a: 1\n---\na: 2\n' } },
    { name: 'merge keys repeated are YAML 1.1 merges', files: { 'a.yaml': 'base: &b {x: 1}\nother: &o {y: 2}\nc:\n  <<: *b\n  z: 3\n' } },
  ],
  invalid: [
    {
      name: 'second modules appended to edgecore.yaml drops the first',
      files: {
        'edgecore.yaml': text`
          apiVersion: edgecore.config.kubeedge.io/v1alpha2
          kind: EdgeCore
          modules:
            edgeHub:
              enable: true
            edged:
              enable: true
          modules:
            eventBus:
              mqttMode: 2
        `,
      },
      errors: [
        {
          messageId: 'duplicate',
          line: 8,
          column: 1,
          endLine: 8,
          endColumn: 8,
          message: "Duplicate key 'modules' (first at line 3): edgecore keeps only this last 'modules' and silently drops everything under the earlier one (edgeHub, edged).",
          related: [{ line: 3, column: 1 }],
        },
      ],
    },
    {
      name: 'nested duplicate in a Kubernetes object',
      files: {
        'pod.yaml': text`
          apiVersion: v1
          kind: Pod
          metadata:
            name: p
            name: q
        `,
      },
      errors: [{ messageId: 'duplicate', line: 5, column: 3, message: /in 'metadata' \(first at line 4\): Kubernetes decoders keep only this last 'name'/ }],
    },
    {
      name: 'plain YAML file',
      files: { 'values.yaml': 'a: 1\nb: 2\na: 3\n' },
      errors: [{ messageId: 'duplicate', line: 3, column: 1, message: /YAML forbids duplicate keys/ }],
    },
  ],
});
