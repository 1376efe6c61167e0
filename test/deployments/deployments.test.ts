/**
 * The realistic deployment suite (issue #10, see suite.mjs): every case reports exactly the findings
 * its expected.txt lists, at their line and column, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { caseNames, compare, readExpected, runCase } from './suite.mjs';

describe('realistic deployments', () => {
  // Issue #10, "Done when": at least 20 realistic multi-file deployments.
  it('holds at least 20 cases', () => {
    expect(caseNames().length).toBeGreaterThanOrEqual(20);
  });

  for (const name of caseNames()) {
    it(name, async () => {
      const expected = readExpected(name);
      const result = await runCase(name, lint);
      expect(result.errors).toEqual([]);
      expect(compare(expected, result.findings)).toEqual({ missing: [], extra: [], wrongMessage: [] });
    });
  }
});
