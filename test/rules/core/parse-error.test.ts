import rule from '../../../rules/core/parse-error.js';
import { ruleTester, text } from '../../rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'well-formed YAML', files: { 'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' } },
    { name: 'empty file', files: { 'a.yaml': '' } },
  ],
  invalid: [
    {
      name: 'unterminated quoted scalar',
      files: { 'deploy.yaml': text`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: "broken
      ` },
      errors: [{ messageId: 'parse', line: 4, column: 9 }],
    },
    {
      name: 'second document broken, first still read',
      files: { 'a.yaml': 'kind: A\n---\nb: [1, 2\n' },
      errors: [{ messageId: 'parse', line: 3, column: 4 }],
    },
  ],
});
