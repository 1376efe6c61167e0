/**
 * The GitHub Action (SPEC §6; action.yml): lint() in-process, then the four things a workflow run shows
 * — annotations on the diff, a job summary, a SARIF file for code scanning, and step outputs — and a
 * failed step when a finding is at or above `fail-on`. Bundled into action/dist/index.js by
 * `npm run build:action`, because GitHub runs that one file from the action's checkout without `npm ci`.
 */
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SEVERITY_RANK } from './core/finding.js';
import type { Finding, Severity } from './core/finding.js';
import { ConfigError } from './config/config.js';
import { UsageError } from './engine/discover.js';
import { packageVersion, ruleDocsUrl, ruleInfos } from './engine/docs.js';
import { lint } from './engine/lint.js';
import { lintedFiles, unmatchedPatterns } from './engine/unmatched.js';
import { formatFindings } from './report/formatters/index.js';
import type { FormatContext } from './report/formatters/index.js';
import { singleLine, visibleControls } from './core/printable.js';

/**
 * GitHub drops a step summary larger than 1 MiB ("$GITHUB_STEP_SUMMARY upload aborted, supports content
 * up to a size of 1024k"); the table stops well before that, and at a row count people still read.
 */
const SUMMARY_MAX_BYTES = 512 * 1024;
const SUMMARY_MAX_ROWS = 500;

/**
 * Unset and empty inputs are the same to the runner (an input missing from `with:` and without a
 * default arrives as ""); core.getBooleanInput throws on "", so the action.yml default is repeated here
 * for runs outside GitHub (tests, `act`) that set only some INPUT_* variables.
 */
function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name);
  if (value === '') return fallback;
  // core.getBooleanInput throws a TypeError with the YAML 1.2 spiel over two lines; one line is enough.
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new UsageError(`input ${name} must be true or false, not "${value}"`);
}

function failLevel(): Severity {
  const value = core.getInput('fail-on') || 'error';
  if (value !== 'error' && value !== 'warning') throw new UsageError(`input fail-on must be "error" or "warning", not "${value}"`);
  return value;
}

/**
 * One annotation. @actions/core escapes `%`, CR and LF (and `:` and `,` in properties), so the command
 * stays on its line; other controls in the linted files' text would reach the log raw, an ESC as a
 * terminal escape, so they are shown as pictures as `--format github` shows them.
 */
function annotate(finding: Finding): void {
  const message = visibleControls(finding.helmSource ? `${finding.message} (from ${finding.helmSource})` : finding.message, '\r\n\t');
  const properties: core.AnnotationProperties = { title: finding.ruleId, file: visibleControls(finding.file, '\r\n'), startLine: finding.line, endLine: finding.endLine };
  // @actions/core AnnotationProperties: startColumn/endColumn "cannot be sent when startLine and endLine
  // are different values".
  if (finding.endLine === finding.line) {
    properties.startColumn = finding.column;
    properties.endColumn = finding.endColumn;
  }
  if (finding.severity === 'error') core.error(message, properties);
  else if (finding.severity === 'warning') core.warning(message, properties);
  else core.notice(message, properties);
}

function escapeHtml(value: string): string {
  return visibleControls(value, '\r\n\t').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The job summary: counts, then one table row per finding until SUMMARY_MAX_ROWS or SUMMARY_MAX_BYTES,
 * then how many rows were left out. Cells are HTML-escaped: core.summary.addTable writes them as HTML
 * as given, and messages quote text from the linted files.
 */
function summaryMarkup(findings: Finding[], failOn: Severity, sarifFile: string | undefined): string {
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const files = new Set(findings.map((f) => f.file)).size;
  core.summary.emptyBuffer();
  core.summary.addHeading('edgelint', 2);
  if (findings.length === 0) {
    core.summary.addRaw('No problems found.', true);
    return core.summary.stringify();
  }
  core.summary.addRaw(
    `<p><b>${count('error')}</b> error(s), <b>${count('warning')}</b> warning(s), <b>${count('note')}</b> note(s) in ${files} file(s); the run fails on ${failOn === 'error' ? 'errors' : 'warnings and errors'}.</p>`,
    true,
  );
  const header = [
    { data: 'Severity', header: true },
    { data: 'Rule', header: true },
    { data: 'File', header: true },
    { data: 'Line', header: true },
    { data: 'Message', header: true },
  ];
  const rows: string[][] = [];
  let bytes = 0;
  for (const f of findings) {
    if (rows.length >= SUMMARY_MAX_ROWS) break;
    const file = escapeHtml(f.file) + (f.helmSource ? `<br>(from ${escapeHtml(f.helmSource)})` : '');
    const docs = ruleDocsUrl(f.ruleId);
    const rule = docs ? `<a href="${escapeHtml(docs)}">${escapeHtml(f.ruleId)}</a>` : escapeHtml(f.ruleId);
    const row = [f.severity, rule, file, String(f.line), escapeHtml(f.message)];
    const size = Buffer.byteLength(row.join('')) + 60;
    if (bytes + size > SUMMARY_MAX_BYTES) break;
    bytes += size;
    rows.push(row);
  }
  core.summary.addTable([header, ...rows]);
  const left = findings.length - rows.length;
  if (left > 0) {
    const where = sarifFile ? `the step log and the SARIF file (${escapeHtml(sarifFile)})` : 'the step log';
    core.summary.addRaw(`<p>${left} more finding(s) not shown here; ${where} list${sarifFile ? '' : 's'} every finding.</p>`, true);
  }
  return core.summary.stringify();
}

async function run(): Promise<void> {
  // The runner checks the repository out into GITHUB_WORKSPACE; the step's working directory is the
  // same on GitHub's runners but not on every self-hosted one, nor under `act` or a container job.
  const cwd = resolve(process.env.GITHUB_WORKSPACE || process.cwd());
  // Whitespace- or newline-separated, so both `paths: a b` and a YAML block scalar work.
  const paths = core.getInput('paths').split(/\s+/).filter(Boolean);
  const config = core.getInput('config') || undefined;
  const sarifInput = core.getInput('sarif-file');
  const failOn = failLevel();
  const annotations = booleanInput('annotations', true);
  const summary = booleanInput('summary', true);

  const result = await lint({ cwd, paths: paths.length ? paths : ['.'], config });
  const { findings } = result;
  for (const notice of result.notices) core.info(`edgelint: ${singleLine(notice)}`);
  // As the CLI: a run that lints nothing must not pass the job (a mistyped path, a missing checkout).
  const linted = lintedFiles(result);
  const unmatched = unmatchedPatterns(paths, linted, cwd);
  if (unmatched.length) throw new UsageError(`no files matched ${unmatched.map((p) => JSON.stringify(p)).join(', ')} in ${cwd}`);
  if (linted.length === 0) throw new UsageError(`no files matched: no file edgelint can lint was found in ${cwd}`);

  const context: FormatContext = { cwd, rules: ruleInfos(result.rules), toolVersion: packageVersion(), readSource: (file) => result.sources.get(file), color: false, deployments: result.deployments };
  // The log keeps every finding: GitHub shows at most 10 error and 10 warning annotations per step
  // (actions/toolkit docs/problem-matchers.md, "Limitations").
  const report = formatFindings('stylish', findings, context);
  if (report) core.info(report);
  if (annotations) for (const finding of findings) annotate(finding);

  let sarifFile: string | undefined;
  if (sarifInput) {
    const target = resolve(cwd, sarifInput);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, formatFindings('sarif', findings, context));
    sarifFile = sarifInput;
  }

  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  core.setOutput('errors', errors);
  core.setOutput('warnings', warnings);
  core.setOutput('sarif-file', sarifFile ?? '');

  if (summary) {
    if (process.env.GITHUB_STEP_SUMMARY) {
      summaryMarkup(findings, failOn, sarifFile);
      await core.summary.write();
    } else {
      core.info('edgelint: no GITHUB_STEP_SUMMARY file in this environment; job summary skipped');
    }
  }

  if (result.errors.length) {
    core.setFailed(`edgelint: internal error: ${singleLine(result.errors[0].split('\n')[0])}`);
    return;
  }
  const failing = findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]).length;
  if (failing > 0) core.setFailed(`edgelint: ${failing} finding(s) at or above "${failOn}" (${errors} error(s), ${warnings} warning(s))`);
}

run().catch((error: unknown) => {
  // Config and usage errors are the user's to fix: their message is enough. An internal error's stack
  // goes to the debug log (shown when the run is re-run with debug logging), not into the failure.
  const known = error instanceof ConfigError || error instanceof UsageError;
  if (!known) core.debug((error as Error)?.stack ?? String(error));
  const message = error instanceof Error ? error.message : String(error);
  core.setFailed(`edgelint: ${known ? message : `internal error: ${message.split('\n')[0]}`}`);
});
