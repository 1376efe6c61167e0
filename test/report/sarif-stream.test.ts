import { describe, expect, it } from 'vitest';
import { formatSarif, formatSarifChunks } from '../../src/report/formatters/sarif.js';
import type { Finding } from '../../src/core/finding.js';
import type { FormatContext } from '../../src/report/formatters/types.js';

const sources = new Map([['f0.yaml', 'a: 1\nb: 2\n']]);
const context: FormatContext = {
  cwd: '/repo',
  rules: [{ id: 'yaml/duplicate-key', description: 'No duplicate keys', severity: 'error', remediation: 'Remove one.', category: 'correctness' }],
  toolVersion: '1.2.3',
  readSource: (file) => sources.get(file),
};
const finding = (i: number, extra: Partial<Finding> = {}): Finding => ({ ruleId: 'yaml/duplicate-key', severity: 'error', message: `m${i} — "quoted" [x](1)\nline`, file: `f${i % 3}.yaml`, line: i + 1, column: 2, endLine: i + 1, endColumn: 5, ...extra });

describe('sarif streamed a result at a time', () => {
  const cases: Array<[string, Finding[]]> = [
    ['no findings', []],
    ['one', [finding(0)]],
    [
      'several, with related files met only in related locations, helmSource, a rule not listed, and repeats',
      [
        finding(0, { helmSource: 'c/templates/x.yaml', related: [{ file: 'only-related.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'other', helmSource: 'c/templates/y.yaml' }] }),
        finding(1, { severity: 'warning', ruleId: 'core/parse-error' }),
        finding(2, { severity: 'note' }),
        finding(3),
        finding(3),
      ],
    ],
  ];
  for (const [name, findings] of cases) {
    it(`${name}: the chunks are formatSarif's text exactly`, () => {
      const streamed = [...formatSarifChunks(findings, context)].join('');
      expect(streamed).toBe(formatSarif(findings, context));
      const parsed = JSON.parse(streamed);
      expect(parsed.runs[0].results).toHaveLength(findings.length);
    });
  }

  it('yields one chunk per result besides the head and the tail', () => {
    const findings = [finding(0), finding(1), finding(2)];
    expect([...formatSarifChunks(findings, context)]).toHaveLength(findings.length + 2);
  });
});
