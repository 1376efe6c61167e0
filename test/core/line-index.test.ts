import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPARSE_MIN_CHARS, lineIndex } from '../../src/core/line-index.js';
import { SourceFile } from '../../src/core/source.js';

/** Every line start, the slow obvious way: after each LF, CRLF or lone CR. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\n', '\r', 'é', '😀'), maxLength: 300 });

describe('line index (line-index.ts)', () => {
  it('sparse and dense indexes give every line start and every offset\'s line as the text has them', () => {
    fc.assert(
      fc.property(text, fc.boolean(), fc.integer({ min: 0, max: 40 }), (t, sparse, maxGap) => {
        const index = lineIndex(t, sparse ? 0 : Infinity, maxGap);
        const starts = lineStarts(t);
        expect(index.count).toBe(starts.length);
        expect(starts.map((_, i) => index.startOf(i))).toEqual(starts);
        for (let offset = 0; offset <= t.length; offset++) {
          const line = index.lineAt(offset);
          expect(starts[line]).toBeLessThanOrEqual(offset);
          expect(line + 1 === starts.length || starts[line + 1] > offset).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a large stream keeps one line start in sixteen, and reads positions and lines as before', () => {
    const lines = Array.from({ length: 70_000 }, (_, i) => `key-${i}: ${'v'.repeat(i % 23)}`);
    const big = lines.join('\n');
    expect(big.length).toBeGreaterThan(SPARSE_MIN_CHARS);
    const index = lineIndex(big);
    expect(index.constructor.name).toBe('SparseIndex');
    const source = new SourceFile('big.yaml', big, 'yaml');
    expect(source.lineCount).toBe(70_000);
    for (const n of [1, 2, 15, 16, 17, 33, 40_001, 69_999, 70_000]) {
      const at = source.offsetOfLine(n);
      expect(source.lineText(n)).toBe(lines[n - 1]);
      expect(source.positionAt(at + 3)).toEqual({ line: n, column: 4 });
    }
    expect(source.positionAt(big.length)).toEqual({ line: 70_000, column: lines[69_999].length + 1 });
  });
});
