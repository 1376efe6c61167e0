/**
 * The bench's scaling rows (scripts/bench/scaling.mjs) must measure what they name: each generator's
 * input, linted, gives the findings its row declares, and at the bench's largest size it stays within
 * the parse budgets (a document over one is a single core/parse-error and no rule runs: the 100,000-item
 * rows once timed exactly that). No timing here: the bench times, this checks what it times.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { MAX_PER_RULE_AND_FILE } from '../../src/engine/cap.js';
import { SourceFile } from '../../src/core/source.js';
import type { ParseProblem } from '../../src/core/problem.js';
import { oversizedDocuments } from '../../src/parse/yaml-budget.js';
import { LIMITS, PER_RULE_PER_FILE, SCALING, mismatch } from '../../scripts/bench/scaling.mjs';
import type { Limits } from '../../scripts/bench/scaling.mjs';

/** The bench's largest size (scripts/bench.mjs, the full run). */
const LARGEST = 100_000;

async function byRule(files: Record<string, string>): Promise<Record<string, number>> {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), config: {} });
  expect(result.errors).toEqual([]);
  const counts: Record<string, number> = {};
  for (const f of result.findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
  return counts;
}

describe('scaling inputs', () => {
  it('count the cap as the engine does', () => {
    expect(PER_RULE_PER_FILE).toBe(MAX_PER_RULE_AND_FILE);
  });

  // 2,345 items: past the cap of one file, spread over several documents with the bench's limits and
  // over several files with small ones; each row's expectation names at least one finding but for
  // suppressions, whose findings are all suppressed (an unused or missing one would be reported).
  const small: Array<[string, Limits]> = [
    ['the bench limits', LIMITS],
    ['small limits', { perDocument: 400, perEdgecore: 1200 }],
  ];
  for (const [label, row] of Object.entries(SCALING)) {
    for (const [how, limits] of small) {
      it(`${label}: 2,345 items with ${how} give the declared findings`, async () => {
        const files = row.make(2345, limits);
        const expected = row.expect(2345, limits);
        if (label !== 'suppressions') expect(Object.keys(expected).length).toBeGreaterThan(0);
        expect(mismatch(expected, await byRule(files))).toBeUndefined();
      }, 60_000);
    }

    it(`${label}: ${LARGEST.toLocaleString('en')} items stay within the YAML budgets and hold every item`, () => {
      const files = row.make(LARGEST);
      for (const [path, text] of Object.entries(files)) {
        if (!path.endsWith('.yaml')) continue;
        const problems: ParseProblem[] = [];
        const source = new SourceFile(path, text, 'yaml');
        expect(oversizedDocuments(source, text, 0, problems)).toEqual([]);
        expect(problems).toEqual([]);
      }
      // Exactly n items: the per-item figure divides by it.
      const items = Object.values(files).join('').match(/^ {6}- name: c\d+$|^ {4}unknownSetting\d+:|^listener /gm)?.length;
      expect(items).toBe(LARGEST);
    });
  }

  it('a mismatch names both sides', () => {
    expect(mismatch({ 'node/image-drift': 3 }, { 'node/image-drift': 3 })).toBeUndefined();
    expect(mismatch({ 'node/image-drift': 3 }, { 'core/parse-error': 1 })).toBe('expected 3 node/image-drift, got 1 core/parse-error');
    expect(mismatch({}, { 'core/unused-suppression': 2 })).toBe('expected no findings, got 2 core/unused-suppression');
  });
});
