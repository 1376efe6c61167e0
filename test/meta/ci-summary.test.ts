/**
 * scripts/ci-summary.mjs, the closing `N passed, N failed` line of .ci/run, fed crafted vitest JSON
 * reports: a file that fails to load has no assertions and must still count as failed, and nothing
 * ran must never read as a pass.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../scripts/ci-summary.mjs';
import { tempDir } from '../temp.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/ci-summary.mjs', import.meta.url));

const file = (name: string, statuses: string[], extra: Record<string, unknown> = {}) => ({
  name,
  status: statuses.includes('failed') ? 'failed' : 'passed',
  message: '',
  assertionResults: statuses.map((status, i) => ({ title: `t${i}`, status })),
  ...extra,
});
/** What vitest writes for a file whose import throws: failed, a message, no assertions. */
const loadFailure = (name: string) => ({
  name,
  status: 'failed',
  message: "ENOENT: no such file or directory, open '../shared/corpus/x'",
  assertionResults: [],
});

const report = (...testResults: unknown[]) => ({ numPassedTests: 0, numFailedTests: 0, testResults });

type Summary = { passed: number; failed: number; skipped: number; line: string; ok: boolean; problems: string[] };
const sum = (reports: Array<[string, unknown]>, steps: string[] = []): Summary => summarise(reports, steps) as Summary;

describe('ci-summary', () => {
  it('counts passed and failed tests across reports', () => {
    const s = sum([
      ['main.json', report(file('a.test.ts', ['passed', 'passed']), file('b.test.ts', ['passed', 'failed']))],
      ['system.json', report(file('c.test.ts', ['passed']))],
    ]);
    expect([s.line, s.ok]).toEqual(['4 passed, 1 failed', false]);
  });

  it('a file that fails to load counts as failed, naming the file', () => {
    const s = sum([['main.json', report(file('a.test.ts', ['passed', 'passed']), loadFailure('broken.test.ts'))]]);
    expect([s.line, s.ok]).toEqual(['2 passed, 1 failed', false]);
    expect(s.problems).toEqual(["main.json: broken.test.ts: ENOENT: no such file or directory, open '../shared/corpus/x'"]);
  });

  it('a failed file whose tests all passed (a throwing afterAll) counts once', () => {
    const s = sum([['main.json', report(file('a.test.ts', ['passed'], { status: 'failed', message: 'afterAll threw' }))]]);
    expect(s.line).toBe('1 passed, 1 failed');
  });

  it('zero tests run is a failure', () => {
    expect(sum([['main.json', report()]])).toMatchObject({ line: '0 passed, 1 failed', ok: false });
    expect(sum([])).toMatchObject({ line: '0 passed, 0 failed', ok: false });
  });

  it('a missing report and a failed step (the type check) count as failed', () => {
    const s = sum([['main.json', report(file('a.test.ts', ['passed']))], ['system.json', undefined]], ['typecheck']);
    expect([s.line, s.ok]).toEqual(['1 passed, 2 failed', false]);
  });

  it('skipped tests are shown, not hidden', () => {
    expect(sum([['main.json', report(file('a.test.ts', ['passed', 'skipped', 'todo']))]])).toMatchObject({ line: '1 passed, 0 failed, 2 skipped', ok: true });
  });

  it('as a command: the closing line alone on stdout, exit 1 on a load failure, 0 when all passed', () => {
    const dir = tempDir('ci-summary');
    const bad = join(dir, 'bad.json');
    const good = join(dir, 'good.json');
    writeFileSync(bad, JSON.stringify(report(file('a.test.ts', ['passed']), loadFailure('broken.test.ts'))));
    writeFileSync(good, JSON.stringify(report(file('a.test.ts', ['passed', 'passed']))));
    const run = (args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
    const failing = run([bad]);
    expect([failing.stdout, failing.status]).toEqual(['1 passed, 1 failed\n', 1]);
    expect(failing.stderr).toMatch(/broken\.test\.ts: ENOENT/);
    const passing = run([good]);
    expect([passing.stdout, passing.status]).toEqual(['2 passed, 0 failed\n', 0]);
    const withStep = run(['--failed-step', 'typecheck', good]);
    expect([withStep.stdout, withStep.status]).toEqual(['2 passed, 1 failed\n', 1]);
    expect(run([join(dir, 'missing.json')]).stdout).toBe('0 passed, 1 failed\n');
  });
});
