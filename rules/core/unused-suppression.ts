import { defineRule } from '../../src/rule-api.js';

/**
 * Reported by the engine after suppressions are applied (src/engine/suppress.ts): whether a
 * suppression was used depends on every other rule's findings, which no single rule sees. This module
 * gives it an id, a severity users can configure, and a doc.
 */
export default defineRule({
  id: 'core/unused-suppression',
  description: 'Report suppression comments and annotations that silence nothing',
  category: 'hygiene',
  severity: 'warning',
  recommended: true,
  remediation: 'Remove the suppression, or correct the rule id it names.',
  messages: {
    unused: 'Unused suppression: {{rule}} {{why}}; remove it so it cannot hide a future problem.',
  },
  check() {
    // Intentionally empty: see the comment above.
  },
});
