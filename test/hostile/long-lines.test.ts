/**
 * Line starts of a large text are kept sparsely (src/core/line-index.ts); a lookup used to count its
 * way from the 16-line block's start, so every position on the line after a 12 MB scalar scanned that
 * scalar again: 19,000 findings there ran for about a minute (8 MB: 37 s). The built CLI, 256 MB
 * heap, 30 s (an honest run takes about 4 s).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, expectedStatus, makeTree, removeTree, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

describe('hostile long lines', () => {
  it('19,000 duplicate keys on the line after a 12 MB scalar are located without rescanning it', () => {
    const items = Array(19_000).fill('k: 1').join(', ');
    const dir = makeTree({ 'a.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: ${'x'.repeat(12 * 1024 * 1024)}\n  b: {${items}}\n` });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 30_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    const duplicates = run.findings.filter((f) => f.ruleId === 'yaml/duplicate-key');
    expect(duplicates.length).toBeGreaterThan(0);
    expect(duplicates.every((f) => f.line === 7 && f.endLine === 7)).toBe(true);
    // The second `k` starts at column 13 of `  b: {k: 1, k: 1, …}`, each next one 6 columns further.
    expect(duplicates[0].column).toBe(13);
    expect(duplicates.every((f) => (f.column - 13) % 6 === 0)).toBe(true);
  });
});
