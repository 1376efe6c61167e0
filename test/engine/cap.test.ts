import { describe, expect, it } from 'vitest';
import { compareFindings } from '../../src/core/finding.js';
import type { Finding } from '../../src/core/finding.js';
import { FindingCap, capRepetition } from '../../src/engine/cap.js';
import { applyEdits } from '../../src/engine/fix.js';
import { lint } from '../../src/engine/lint.js';
import { defineRule } from '../../src/rule-api.js';
import type { RuleContext } from '../../src/rule-api.js';

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
    const capped = capRepetition(all, 2).sort(compareFindings);
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
    const capped = capRepetition(all, 2).sort(compareFindings);
    expect(capped).toHaveLength(3);
    expect(capped[2].fix?.description).toBe('Apply the same fix at 3 more places');
    expect(applyEdits(text, capped.flatMap((f) => f.fix!.edits)).text).toBe('b b b b b\n');
  });
});

describe('FindingCap', () => {
  it('keeps the first findings by position whatever order they are reported in', () => {
    const cap = new FindingCap(3);
    for (const line of [9, 4, 7, 1, 8, 2, 6]) if (cap.offer(finding('a/b', 'x.yaml', line))) cap.add(finding('a/b', 'x.yaml', line));
    const kept = cap.findings().sort(compareFindings);
    expect(kept.map((f) => [f.line, f.messageId])).toEqual([
      [1, undefined],
      [2, undefined],
      [4, undefined],
      [6, 'more'],
    ]);
    expect(kept[3].message).toMatch(/^4 more a\/b findings in this file from here on/);
    expect(cap.leftOut).toBe(4);
  });

  it('says no before a finding is built once the cap is full and the place is past every kept one', () => {
    const cap = new FindingCap(2);
    const offered = [1, 2, 3, 0].map((line) => {
      const ok = cap.offer(finding('a/b', 'x.yaml', line));
      if (ok) cap.add(finding('a/b', 'x.yaml', line));
      return ok;
    });
    expect(offered).toEqual([true, true, false, true]);
    // Other rules and files have their own count.
    expect(cap.offer(finding('c/d', 'x.yaml', 3))).toBe(true);
    expect(cap.offer(finding('a/b', 'y.yaml', 3))).toBe(true);
  });
});

/** A warning rule reporting lines as `line {{n}}`: the cases below differ only in what they report. */
function lineRule(id: string, check: (context: RuleContext<'line', Record<string, never>>) => void) {
  return defineRule({ id, description: 'Report every line', category: 'hygiene', severity: 'warning', recommended: true, remediation: 'None.', messages: { line: 'line {{n}}' }, check });
}

describe('the cap where rules report', () => {
  it('builds no message for a report past the cap, and suppressed reports do not count against it', async () => {
    let built = 0;
    // Line 1 a manifest, lines 2–502 a disabled region, then lines up to 3000.
    const lines = ['kind: X', '# edgelint-disable test/noisy', ...Array<string>(499).fill('a: 1'), '# edgelint-enable test/noisy', ...Array<string>(2498).fill('b: 1')];
    const starts: number[] = [];
    lines.reduce((offset, line) => (starts.push(offset), offset + line.length + 1), 0);
    const noisy = lineRule('test/noisy', ({ model, report }) => {
      for (const source of model.sources) {
        for (let n = 1; n <= lines.length; n++) {
          // A getter counts each message built: interpolation reads `n`.
          const data = {
            get n() {
              built++;
              return n;
            },
          };
          report({ messageId: 'line', data, at: { source, start: starts[n - 1], end: starts[n - 1] + 1 } });
        }
      }
    });
    const result = await lint({ files: [{ path: 'x.yaml', content: `${lines.join('\n')}\n` }], config: { rules: { 'yaml/duplicate-key': 'off' } }, rules: [noisy] });
    const mine = result.findings.filter((f) => f.ruleId === 'test/noisy');
    expect(mine).toHaveLength(1001);
    expect(mine.slice(0, 1000).map((f) => f.line)).toEqual([1, ...Array.from({ length: 999 }, (_, i) => 503 + i)]);
    expect(mine[1000]).toMatchObject({ line: 1502, messageId: 'more' });
    expect(mine[1000].message).toMatch(/^1499 more test\/noisy findings in this file/);
    expect(result.findings.filter((f) => f.ruleId === 'core/unused-suppression')).toEqual([]);
    // Silenced reports and those past the cap are dropped before their message is built.
    expect(built).toBe(1000);
  });
});

describe('a rule reporting out of position order', () => {
  it('keeps the first 1000 by position and counts the rest at the first one left out, reported last to first', async () => {
    // A rule may walk a map from its end (or a Map in insertion order unlike positions): the kept
    // findings must not depend on that order, so output is the same whichever order rules report in.
    const n = 2500;
    const rule = (order: 'forward' | 'backward') =>
      lineRule('test/order', ({ model, report }) => {
        for (const source of model.sources) {
          const lines = Array.from({ length: n }, (_, i) => i);
          if (order === 'backward') lines.reverse();
          for (const i of lines) report({ messageId: 'line', data: { n: i + 1 }, at: { source, start: i * 8, end: i * 8 + 1 } });
        }
      });
    const content = 'kind: 1\n'.repeat(n);
    const run = async (order: 'forward' | 'backward') =>
      (await lint({ files: [{ path: 'x.yaml', content }], config: { rules: { 'yaml/duplicate-key': 'off' } }, rules: [rule(order)] })).findings.filter((f) => f.ruleId === 'test/order');
    const backward = await run('backward');
    expect(backward).toHaveLength(1001);
    expect(backward.slice(0, 1000).map((f) => f.line)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(backward[1000]).toMatchObject({ line: 1001, messageId: 'more' });
    expect(backward[1000].message).toMatch(/^1500 more test\/order findings in this file/);
    expect(backward).toEqual(await run('forward'));
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
