import { defineRule, filledAtRunTime, resolvePath, schemaIssues } from '../../src/rule-api.js';

/**
 * Unlike an unknown key, a bad value is not ignored: sigs.k8s.io/yaml fails to decode a value of the
 * wrong type, and v1alpha2/validation/validation.go rejects mqttMode outside [0,2], negative QPS and a
 * websocket/quic pair that is not exactly one transport — edgecore exits at startup (facts §1.2).
 * Malformed broker URLs pass validation and fail later, when the eventBus dials or listens.
 */
export default defineRule({
  id: 'edgecore/invalid-value',
  description: 'Disallow edgecore.yaml values of the wrong type or out of range',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  remediation: 'Give the key a value of the type and range edgecore accepts (see the message).',
  messages: {
    invalid: 'edgecore config: {{path}} {{detail}}.',
    invalidDocument: 'edgecore config: {{detail}}.',
  },
  check({ model, knowledge, report }) {
    const schemas = knowledge.edgecore;
    if (!schemas) return;
    for (const { config, issues } of schemaIssues(model, schemas)) {
      for (const issue of issues) {
        if (issue.kind !== 'invalid-value') continue;
        const target = resolvePath(config, issue.path);
        const at = target?.valueSpan ?? config.span;
        // A placeholder or expansion the install script fills in at run time is not the value edgecore reads.
        if (target && filledAtRunTime(at)) continue;
        const path = issue.path.map(String).join('.');
        // Cross-field messages (edgeHub transports) name their keys themselves.
        // A v1alpha1 layout is wrong only for the releases that read v1alpha2: a warning while the release is assumed (locate.ts).
        const severity = issue.severity ? { severity: issue.severity } : {};
        if (path === '' || /^edgeHub\.|^an edgecore/.test(issue.message)) report({ messageId: 'invalidDocument', data: { detail: issue.message }, at, ...severity });
        else report({ messageId: 'invalid', data: { path, detail: issue.message }, at, ...severity });
      }
    }
  },
});
