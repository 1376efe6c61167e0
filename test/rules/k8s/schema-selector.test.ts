/**
 * An apps/v1 workload whose `spec.selector` does not select its own pod template: the OpenAPI schema
 * allows it, the API server's validation refuses it (pkg/apis/apps/validation: "`selector` does not
 * match template `labels`", at spec.template.metadata.labels). Met in sweep15: a mapper Deployment
 * selecting `app: temperature-mapper-deployment` over pods labelled `app: temperature-mapper`.
 */
import rule from '../../../rules/k8s/schema.js';
import { ruleTester, text } from '../../rule-tester.js';

/** A workload of `kind` with the given selector block and template labels block (column 0, indented here). */
const workload = (kind: string, selector: string, labels: string) =>
  text`
  apiVersion: apps/v1
  kind: ${kind}
  metadata:
    name: reader
  spec:
` +
  selector.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n') +
  '\n  template:\n    metadata:\n' +
  labels.split('\n').map((l) => (l ? `      ${l}` : l)).join('\n') +
  '\n    spec:\n      containers:\n      - name: reader\n        image: registry.example.com/reader:1.0\n';

const REFUSED = "the API server rejects the object (spec.template.metadata.labels: `selector` does not match template `labels`).";

ruleTester(rule, {
  valid: [
    { name: 'matchLabels a subset of the labels', files: { 'r.yaml': workload('Deployment', 'selector:\n  matchLabels:\n    app: reader', 'labels:\n  app: reader\n  tier: edge') } },
    {
      name: 'every operator satisfied',
      files: {
        'r.yaml': workload(
          'DaemonSet',
          'selector:\n  matchExpressions:\n  - {key: app, operator: In, values: [reader, writer]}\n  - {key: tier, operator: NotIn, values: [cloud]}\n  - {key: app, operator: Exists}\n  - {key: debug, operator: DoesNotExist}',
          'labels:\n  app: reader\n  tier: edge',
        ),
      },
    },
    { name: 'an empty selector is another refusal, not this one', files: { 'r.yaml': workload('StatefulSet', 'selector: {}', 'labels:\n  app: reader') } },
    {
      name: 'a label an install script fills in at run time may match',
      files: {
        'install.sh':
          "#!/bin/bash\nkubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reader\nspec:\n  selector:\n    matchLabels:\n      app: reader\n  template:\n    metadata:\n      labels:\n        app: ${APP}\n    spec:\n      containers:\n      - name: reader\n        image: registry.example.com/reader:1.0\nEOF\n",
      },
    },
  ],
  invalid: [
    {
      name: 'matchLabels naming another value: at the template labels, the selector related',
      files: { 'r.yaml': workload('Deployment', 'selector:\n  matchLabels:\n    app: reader-deployment', 'labels:\n  app: reader') },
      errors: [
        {
          messageId: 'selectorMismatch',
          line: 11,
          column: 7,
          endColumn: 13,
          message: `Deployment reader: spec.selector (app=reader-deployment) does not select the pod template's labels; ${REFUSED}`,
          related: [{ line: 6, column: 3, message: 'the selector' }],
        },
      ],
    },
    {
      name: 'a NotIn the labels violate (ReplicaSet)',
      files: { 'r.yaml': workload('ReplicaSet', 'selector:\n  matchExpressions:\n  - {key: tier, operator: NotIn, values: [edge]}', 'labels:\n  tier: edge') },
      errors: [{ messageId: 'selectorMismatch', line: 11, column: 7, message: `ReplicaSet reader: spec.selector (tier notin (edge)) does not select the pod template's labels; ${REFUSED}` }],
    },
    {
      name: 'a template without labels: at its metadata',
      files: { 'r.yaml': workload('DaemonSet', 'selector:\n  matchLabels:\n    app: reader', 'annotations:\n  note: none') },
      errors: [{ messageId: 'selectorMismatch', line: 10, column: 5, message: /DaemonSet reader: spec\.selector \(app=reader\) does not select/ }],
    },
  ],
});
