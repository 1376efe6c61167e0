#!/usr/bin/env node
// The closing line of .ci/run: `N passed, N failed` from vitest JSON reports (--reporter=json).
//
//   node scripts/ci-summary.mjs [--failed-step NAME]... REPORT.json...
//
// A test file that fails to load (a syntax error, a throw at import, a missing fixture) has no
// assertions: vitest marks the file `status: "failed"` with a `message` and reports 0 failed tests, so
// counting tests alone would let it pass. Such a file, and any failed file none of whose tests failed
// (an afterAll that throws), counts as one failure. So does a missing or unreadable report, a report
// that ran no test, and each `--failed-step` (the type check). Exits 1 unless something passed and
// nothing failed: CI never passes silently.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Counts one vitest JSON report. */
export function countReport(report) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const problems = [];
  for (const file of report.testResults ?? []) {
    const assertions = file.assertionResults ?? [];
    let fileFailed = 0;
    for (const a of assertions) {
      if (a.status === 'passed') passed += 1;
      else if (a.status === 'failed') fileFailed += 1;
      else skipped += 1;
    }
    failed += fileFailed;
    if (file.status === 'failed' && fileFailed === 0) {
      failed += 1;
      problems.push(`${file.name}: ${(file.message || 'failed without a failing test').split('\n')[0]}`);
    }
  }
  if (passed + failed + skipped === 0) {
    failed += 1;
    problems.push('the report holds no test: nothing ran');
  }
  return { passed, failed, skipped, problems };
}

/** Counts reports (path → parsed JSON, or undefined when missing/unreadable) and failed steps. */
export function summarise(reports, failedSteps = []) {
  let passed = 0;
  let failed = failedSteps.length;
  let skipped = 0;
  const problems = failedSteps.map((s) => `${s} failed`);
  for (const [path, report] of reports) {
    if (report === undefined) {
      failed += 1;
      problems.push(`${path}: no readable report (the runner did not finish)`);
      continue;
    }
    const counts = countReport(report);
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
    problems.push(...counts.problems.map((p) => `${path}: ${p}`));
  }
  const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  return { passed, failed, skipped, problems, line, ok: failed === 0 && passed > 0 };
}

function main(argv) {
  const failedSteps = [];
  const paths = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--failed-step') failedSteps.push(argv[++i] ?? 'a step');
    else paths.push(argv[i]);
  }
  const reports = paths.map((path) => {
    try {
      return [path, JSON.parse(readFileSync(path, 'utf8'))];
    } catch {
      return [path, undefined];
    }
  });
  const summary = summarise(reports, failedSteps);
  for (const p of summary.problems) console.error(`ci: ${p}`);
  console.log(summary.line);
  return summary.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
