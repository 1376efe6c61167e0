import { describe, expect, it } from 'vitest';
import { formatJson, formatJsonChunks } from '../../src/report/formatters/json.js';
import type { Finding } from '../../src/core/finding.js';

const context = { cwd: '/repo', rules: [], toolVersion: '1.2.3' };
const finding = (i: number, extra: Partial<Finding> = {}): Finding => ({ ruleId: 'yaml/duplicate-key', severity: 'error', message: `m${i} — "quoted"\nline`, file: `f${i}.yaml`, line: i + 1, column: 2, endLine: i + 1, endColumn: 5, ...extra });

describe('json streamed a finding at a time', () => {
  const cases: Array<[string, Finding[]]> = [
    ['no findings', []],
    ['one', [finding(0)]],
    ['several, with related, helmSource and a fix', [finding(0, { helmSource: 'c/templates/x.yaml', related: [{ file: 'g.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'other' }] }), finding(1, { severity: 'warning', fix: { description: 'd', edits: [{ start: 0, end: 0, text: 'x' }] } }), finding(2, { severity: 'note' })]],
  ];
  for (const [name, findings] of cases) {
    it(`${name}: the chunks are JSON.stringify(report, null, 2) exactly`, () => {
      const streamed = [...formatJsonChunks(findings, context)].join('');
      expect(streamed).toBe(formatJson(findings, context));
      const parsed = JSON.parse(streamed);
      expect(`${JSON.stringify(parsed, null, 2)}\n`).toBe(streamed);
      expect(parsed.findings).toHaveLength(findings.length);
      expect(parsed.summary.fixable).toBe(findings.filter((f) => f.fix).length);
    });
  }
});
