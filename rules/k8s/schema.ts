import { defineRule } from '../../src/rule-api.js';

/**
 * Reports what the object's API schema rejects or drops. The walk happens while each document is
 * composed (src/model/k8s-schema.ts, schema table generated from kubernetes-models and KubeEdge's
 * CRDs); the model carries the located issues and this rule only words them.
 */
export default defineRule({
  id: 'k8s/schema',
  description: 'Require Kubernetes and KubeEdge objects to match their API schema',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  remediation: 'Spell the field as the API declares it, give it a value of the declared type, and add the required fields.',
  messages: {
    unknownField:
      '{{object}}: {{path}} is not a field of {{type}}: kubectl apply refuses the object, and Helm, Flux and Argo CD apply it without the field.',
    unknownFieldSuggest:
      '{{object}}: {{path}} is not a field of {{type}} — did you mean {{suggestion}}? kubectl apply refuses the object, and Helm, Flux and Argo CD apply it without the field.',
    wrongType: '{{object}}: {{path}} must be {{expected}}, not {{actual}}; the API server rejects the object.',
    badEnum: '{{object}}: {{path}} must be one of {{allowed}}, not "{{value}}"; the API server rejects the object.',
    missingField: '{{object}}: {{path}} has no {{field}}, which {{type}} requires; the API server rejects the object.',
  },
  check({ model, report }) {
    for (const object of model.objects) {
      if (!object.schemaIssues) continue;
      const owner = object.name ? `${object.kind} ${object.name}` : object.kind;
      for (const issue of object.schemaIssues) {
        // A kustomize patch is partial by design; what it does write must still be a field of the type.
        if (object.kustomizePatch && issue.kind === 'missing-field') continue;
        const base = { object: owner, path: issue.path || '(object)', type: issue.type ?? object.kind };
        const at = issue.span;
        const helmSource = object.helmSource;
        switch (issue.kind) {
          case 'unknown-field':
            if (issue.suggestion !== undefined) report({ messageId: 'unknownFieldSuggest', data: { ...base, suggestion: issue.suggestion }, at, helmSource });
            else report({ messageId: 'unknownField', data: base, at, helmSource });
            break;
          case 'wrong-type':
            report({ messageId: 'wrongType', data: { ...base, expected: issue.expected ?? '', actual: issue.actual ?? '' }, at, helmSource });
            break;
          case 'bad-enum':
            report({ messageId: 'badEnum', data: { ...base, allowed: (issue.allowed ?? []).join(', '), value: issue.value ?? '' }, at, helmSource });
            break;
          case 'missing-field':
            report({ messageId: 'missingField', data: { ...base, path: issue.path || object.kind, field: issue.field ?? '' }, at, helmSource });
            break;
        }
      }
    }
  },
});
