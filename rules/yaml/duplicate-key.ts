import { defineRule } from '../../src/rule-api.js';
import type { YamlDuplicateKey } from '../../src/rule-api.js';

/**
 * What happens to the earlier key depends on who reads the file. edgecore and Kubernetes both decode
 * through sigs.k8s.io/yaml (go-yaml v2 non-strict), whose map assignment overwrites: the last key wins
 * and the whole earlier value is gone (facts §1.2; vendor/sigs.k8s.io/yaml/goyaml.v2/decode.go).
 */
function consequence(hit: YamlDuplicateKey): string {
  const lost = hit.lostKeys.length ? ` (${hit.lostKeys.slice(0, 6).join(', ')}${hit.lostKeys.length > 6 ? ', …' : ''})` : '';
  switch (hit.consumer) {
    case 'edgecore':
      return `edgecore keeps only this last '${hit.key}' and silently drops everything under the earlier one${lost}`;
    case 'kubernetes':
      return `Kubernetes decoders keep only this last '${hit.key}' and silently drop the earlier value${lost}`;
    default:
      return `YAML forbids duplicate keys; most readers keep this last one and drop the earlier value${lost}`;
  }
}

export default defineRule({
  id: 'yaml/duplicate-key',
  description: 'Disallow mappings that repeat a key',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  remediation: 'Merge the two mappings into one key, keeping every setting you meant to keep.',
  messages: {
    duplicate: "Duplicate key '{{key}}'{{where}} (first at line {{firstLine}}): {{consequence}}.",
    sameValue:
      "Duplicate key '{{key}}'{{where}} (first at line {{firstLine}}) with the same value: edgecore keeps this last one and loses nothing, but the next edit of one copy will be silently overridden or ignored; remove one.",
  },
  check({ model, report }) {
    for (const hit of model.duplicateKeys) {
      const firstLine = hit.firstSpan.source.root.positionAt(hit.firstSpan.source.rootOffset(hit.firstSpan.start)).line;
      // edgecore decodes without strict checks (facts §1.2): the same scalar twice is one setting.
      // Manifests keep the error: kubectl's strict field validation reports a duplicate field whatever
      // its value.
      if (hit.sameValue && hit.consumer === 'edgecore') {
        report({ messageId: 'sameValue', severity: 'warning', data: { key: hit.key, where: hit.path ? ` in '${hit.path}'` : '', firstLine }, at: hit.span, related: [{ at: hit.firstSpan, message: `first '${hit.key}', same value` }] });
        continue;
      }
      report({
        messageId: 'duplicate',
        data: { key: hit.key, where: hit.path ? ` in '${hit.path}'` : '', firstLine, consequence: consequence(hit) },
        at: hit.span,
        related: [{ at: hit.firstSpan, message: `first '${hit.key}', overridden` }],
      });
    }
  },
});
