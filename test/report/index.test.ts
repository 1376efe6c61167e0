import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, type FormatName, formatFindings, isFormatName } from '../../src/report/formatters/index.js';
import { MIXED, SOURCES, context } from './fixtures.js';

describe('formatFindings', () => {
  it('offers exactly the formats of SPEC §4', () => {
    expect([...FORMAT_NAMES]).toEqual(['stylish', 'json', 'sarif', 'github', 'junit', 'markdown']);
    expect(Object.isFrozen(FORMAT_NAMES)).toBe(true);
  });

  it.each([
    { name: 'sarif', valid: true },
    { name: 'junit', valid: true },
    { name: 'SARIF', valid: false },
    { name: 'checkstyle', valid: false },
    { name: '', valid: false },
  ])('isFormatName($name)', ({ name, valid }) => {
    expect(isFormatName(name)).toBe(valid);
  });

  it('rejects an unknown format with the list of known ones', () => {
    expect(() => formatFindings('xml' as FormatName, [], context())).toThrow(/stylish, json, sarif, github, junit, markdown/);
  });

  it.each([
    { format: 'stylish', empty: '' },
    { format: 'github', empty: '' },
    { format: 'markdown', empty: 'No problems found.\n' },
  ] as const)('$format with zero findings', ({ format, empty }) => {
    expect(formatFindings(format, [], context())).toBe(empty);
  });

  it.each(FORMAT_NAMES.map((format) => ({ format })))('$format: deterministic, newline-terminated, input untouched', ({ format }) => {
    const input = structuredClone(MIXED);
    const ctx = context({ readSource: (f) => SOURCES[f] });
    const first = formatFindings(format, input, ctx);
    expect(formatFindings(format, input, ctx)).toBe(first);
    expect(first.endsWith('\n')).toBe(true);
    expect(input).toEqual(MIXED);
  });
});
