import { defineRule } from '../../src/rule-api.js';

export default defineRule({
  id: 'core/parse-error',
  description: 'Report files that cannot be read or parsed',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  remediation: 'Fix the syntax at the reported position, or exclude the file if it is not meant to be linted.',
  messages: {
    parse: '{{message}}.',
  },
  check({ model, report }) {
    for (const problem of model.parseProblems) {
      report({ messageId: 'parse', data: { message: problem.message.replace(/\.$/, '') }, at: problem.span });
    }
  },
});
