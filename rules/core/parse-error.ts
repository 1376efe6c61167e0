import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'core/parse-error',
  description: 'Report files that cannot be read or parsed',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  remediation: 'Fix the syntax at the reported position, or exclude the file if it is not meant to be linted.',
  messages: {
    parse: '{{message}}',
  },
  check({ model, report }) {
    for (const problem of model.parseProblems) {
      // One final punctuation mark: a message ending in a question (did you mean …?) gets no period.
      const message = /[.?!]$/.test(problem.message) ? problem.message : `${problem.message}.`;
      report({ messageId: 'parse', data: { message }, at: problem.span, ...(problem.severity ? { severity: problem.severity } : {}) });
    }
  },
});
