import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { capRepetition } from '../../src/engine/cap.js';
import { applyEdits } from '../../src/engine/fix.js';

const finding = (ruleId: string, file: string, line: number, extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  severity: 'warning',
  message: `m${line}`,
  file,
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
  ...extra,
});

describe('capRepetition', () => {
  it('keeps findings under the cap as they are (the same array)', () => {
    const all = [finding('a/b', 'x.yaml', 1), finding('a/b', 'x.yaml', 2), finding('a/b', 'y.yaml', 1)];
    expect(capRepetition(all, 2)).toBe(all);
  });

  it('folds a rule\'s excess per file into one finding at the first one left out, counting them', () => {
    const all = [1, 2, 3, 4, 5].map((line) => finding('a/b', 'x.yaml', line, line === 5 ? { severity: 'error' } : {}));
    all.push(finding('c/d', 'x.yaml', 6), finding('a/b', 'y.yaml', 1));
    const capped = capRepetition(all, 2);
    expect(capped.map((f) => [f.ruleId, f.file, f.line, f.severity])).toEqual([
      ['a/b', 'x.yaml', 1, 'warning'],
      ['a/b', 'x.yaml', 2, 'warning'],
      ['a/b', 'x.yaml', 3, 'error'],
      ['c/d', 'x.yaml', 6, 'warning'],
      ['a/b', 'y.yaml', 1, 'warning'],
    ]);
    expect(capped[2].message).toBe('3 more a/b findings in this file from here on are not listed (edgelint lists the first 2 of a rule per file); fix the ones above and run again.');
    expect(capped[2].messageId).toBe('more');
  });

  it('carries the fixes of the findings left out, so --fix still applies every one', () => {
    const text = 'a a a a a\n';
    const all = [0, 2, 4, 6, 8].map((start, i) => finding('r/x', 'f', i + 1, { fix: { description: 'b', edits: [{ start, end: start + 1, text: 'b' }] } }));
    const capped = capRepetition(all, 2);
    expect(capped).toHaveLength(3);
    expect(capped[2].fix?.description).toBe('Apply the same fix at 3 more places');
    expect(applyEdits(text, capped.flatMap((f) => f.fix!.edits)).text).toBe('b b b b b\n');
  });
});

describe('applyEdits', () => {
  it('applies edits from the end, skips overlapping ones and the same insertion twice', () => {
    const out = applyEdits('0123456789', [
      { start: 1, end: 3, text: 'X' },
      { start: 2, end: 4, text: 'Y' },
      { start: 6, end: 6, text: '+' },
      { start: 6, end: 6, text: '+' },
    ]);
    expect(out.text).toBe('01Y45+6789');
    expect(out.applied).toHaveLength(2);
  });
});
