import { describe, expect, it } from 'vitest';
import { formatFindings } from '../../src/report/formatters/index.js';
import { MIXED, context, finding } from './fixtures.js';

describe('json', () => {
  it('zero findings', () => {
    expect(formatFindings('json', [], context())).toBe(
      '{\n  "version": "0.1.0",\n  "findings": [],\n  "summary": {\n    "errors": 0,\n    "warnings": 0,\n    "notes": 0,\n    "files": 0,\n    "fixable": 0\n  }\n}\n',
    );
  });

  it('drops fix edits, adds fixable, and writes keys in a fixed order', () => {
    const withFix = {
      ...finding({ helmSource: 'chart/templates/d.yaml', messageId: 'always' }),
      fix: { description: 'Set imagePullPolicy: IfNotPresent', edits: [{ start: 1, end: 2, text: 'x' }] },
    };
    // Built with keys in a scrambled order: output order must not depend on it.
    const scrambled = Object.fromEntries(Object.entries(withFix).reverse()) as typeof withFix;
    const parsed = JSON.parse(formatFindings('json', [scrambled], context())) as { findings: Record<string, unknown>[] };
    expect(Object.keys(parsed.findings[0])).toEqual([
      'ruleId',
      'severity',
      'message',
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'helmSource',
      'messageId',
      'fixable',
    ]);
    expect(parsed.findings[0].fixable).toBe(true);
    expect(parsed.findings[0]).not.toHaveProperty('fix');
  });

  it.each([
    { name: 'no fix', fix: undefined, fixable: false },
    { name: 'fix without edits', fix: { description: 'nothing', edits: [] }, fixable: false },
    { name: 'fix with edits', fix: { description: 'd', edits: [{ start: 0, end: 0, text: 'a' }] }, fixable: true },
  ])('fixable: $name', ({ fix, fixable }) => {
    const parsed = JSON.parse(formatFindings('json', [finding({ fix })], context())) as {
      findings: { fixable: boolean }[];
      summary: { fixable: number };
    };
    expect(parsed.findings[0].fixable).toBe(fixable);
    expect(parsed.summary.fixable).toBe(fixable ? 1 : 0);
  });

  it('summarises counts and files, keeps related locations', () => {
    const parsed = JSON.parse(formatFindings('json', MIXED, context({ toolVersion: '9.9.9' }))) as {
      version: string;
      findings: { related?: unknown[] }[];
      summary: unknown;
    };
    expect(parsed.version).toBe('9.9.9');
    expect(parsed.summary).toEqual({ errors: 2, warnings: 1, notes: 0, files: 2, fixable: 0 });
    expect(parsed.findings.map((f) => f.related?.length ?? 0)).toEqual([1, 0, 0]);
    expect(parsed.findings[0].related).toEqual([
      { file: 'edge/mosquitto.conf', line: 1, column: 1, endLine: 1, endColumn: 22, message: 'The other listener on 1883/TCP.' },
    ]);
  });
});
