import type { Finding, Severity } from '../../core/finding.js';
import { codeFrame, displayWidth, sanitize } from '../code-frame.js';
import { countFindings, groupByFile, summaryText } from './shared.js';
import type { FormatContext } from './types.js';
import { maxOf, pushAll } from '../../core/arrays.js';

/**
 * The default, human format, modelled on ESLint's `stylish`:
 *
 * ```
 * deploy/app.yaml
 *   12:9  error  Pull policy is Always on edge nodes  k8s/edge-pull-policy
 *     > 12 |         imagePullPolicy: Always
 *          |                          ^~~~~~
 *   ↳ other.yaml:3:5 the other listener
 *
 * ✖ 1 problem (1 error, 0 warnings, 0 notes)
 * ```
 *
 * Zero findings print nothing at all, as ESLint does: a clean run in a pre-commit hook or a terminal
 * stays quiet, and the exit code carries the result.
 */
export function formatStylish(findings: readonly Finding[], context: FormatContext): string {
  if (findings.length === 0) return '';
  const color = context.color ?? false;
  const paint = (text: string, open: number, close: number): string =>
    color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  const severityPaint: Record<Severity, (s: string) => string> = {
    error: (s) => paint(s, 31, 39),
    warning: (s) => paint(s, 33, 39),
    note: (s) => paint(s, 36, 39),
  };

  const out: string[] = [];
  for (const [file, group] of groupByFile(findings)) {
    out.push(paint(oneLine(file), 4, 24));
    const rows = group.map((f) => ({
      line: String(f.line),
      column: String(f.column),
      severity: f.severity,
      message: oneLine(f.message) + (f.helmSource ? ` (from ${oneLine(f.helmSource)})` : ''),
      ruleId: oneLine(f.ruleId),
    }));
    const lineWidth = maxOf(rows.map((r) => r.line.length));
    const columnWidth = maxOf(rows.map((r) => r.column.length));
    const severityWidth = maxOf(rows.map((r) => r.severity.length));
    const messageWidth = maxOf(rows.map((r) => displayWidth(r.message)));
    const source = context.readSource?.(file);

    group.forEach((finding, i) => {
      const r = rows[i];
      const position = `${r.line.padStart(lineWidth)}:${r.column.padEnd(columnWidth)}`;
      out.push(
        `  ${paint(position, 2, 22)}  ${severityPaint[r.severity](r.severity.padEnd(severityWidth))}  ` +
          `${padDisplay(r.message, messageWidth)}  ${paint(r.ruleId, 2, 22)}`,
      );
      const frame =
        source === undefined
          ? ''
          : codeFrame(source, finding.line, finding.column, finding.endLine, finding.endColumn, { color });
      if (frame !== '') pushAll(out, frame.split('\n').map((l) => `    ${l}`));
      for (const rel of finding.related ?? []) {
        const from = rel.helmSource ? ` (from ${oneLine(rel.helmSource)})` : '';
        out.push(`  ↳ ${oneLine(rel.file)}:${rel.line}:${rel.column} ${oneLine(rel.message)}${from}`);
      }
      // A blank line after a frame keeps the next finding's row from reading as part of the excerpt.
      if (frame !== '' && i < group.length - 1) out.push('');
    });
    out.push('');
  }

  const counts = countFindings(findings);
  const summaryColor = counts.errors > 0 ? 31 : counts.warnings > 0 ? 33 : 36;
  out.push(color ? `\u001b[1m\u001b[${summaryColor}m✖ ${summaryText(counts)}\u001b[39m\u001b[22m` : `✖ ${summaryText(counts)}`);
  return `${out.join('\n')}\n`;
}

/** Messages interpolate values from linted files; a newline or escape in one must not break the table. */
function oneLine(text: string): string {
  return sanitize(text.replace(/\r?\n|\t/g, ' '));
}

function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
