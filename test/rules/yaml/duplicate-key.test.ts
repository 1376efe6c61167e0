import rule from '../../../rules/yaml/duplicate-key.js';
import { ruleTester, text } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'distinct keys', files: { 'a.yaml': 'a: 1\nb: 2\n' } },
    // Neither Kubernetes nor edgecore reads these files, so edgelint does not lint them (issue 10 §2).
    { name: 'Helm values.yaml is not linted', files: { 'values.yaml': 'image:\n  tag: v1\nimage:\n  tag: v2\n' } },
    { name: 'package.json is not linted', files: { 'package.json': '{"name": "a", "scripts": {}, "name": "b"}\n' } },
    { name: 'a GitHub workflow is not linted', files: { '.github/workflows/ci.yml': 'on: push\njobs:\n  a: {}\njobs:\n  b: {}\n' } },
    { name: 'same key in sibling mappings', files: { 'a.yaml': 'x:\n  a: 1\ny:\n  a: 2\n' } },
    { name: 'same key in different documents', files: { 'a.yaml': 'a: 1\n---\na: 2\n' } },
    { name: 'merge keys repeated are YAML 1.1 merges', files: { 'a.yaml': 'base: &b {x: 1}\nother: &o {y: 2}\nc:\n  <<: *b\n  z: 3\n' } },
  ],
  invalid: [
    {
      name: 'the same value twice in edgecore.yaml: nothing lost today, a warning to remove one',
      files: { 'edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    tailoredKubeletConfig:\n      clusterDomain: cluster.local\n      clusterDNS: [169.254.96.16]\n      clusterDomain: cluster.local\n' },
      errors: [
        {
          messageId: 'sameValue',
          severity: 'warning',
          line: 8,
          column: 7,
          message:
            "Duplicate key 'clusterDomain' in 'modules.edged.tailoredKubeletConfig' (first at line 6) with the same value: edgecore keeps this last one and loses nothing, but the next edit of one copy will be silently overridden or ignored; remove one.",
          related: [{ line: 6, column: 7 }],
        },
      ],
    },
    {
      name: 'the same value twice in a manifest stays an error (strict field validation)',
      files: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: a\n' },
      errors: [{ messageId: 'duplicate', severity: 'error', line: 5, column: 3 }],
    },
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
      name: 'a document without kind in a stream of manifests',
      files: { 'all.yaml': 'apiVersion: v1\nkind: ConfigMap\n---\na: 1\nb: 2\na: 3\n' },
      errors: [{ messageId: 'duplicate', line: 6, column: 1, message: /YAML forbids duplicate keys/ }],
    },
  ],
});
