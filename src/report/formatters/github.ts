import type { Finding, Severity } from '../../core/finding.js';
import type { FormatContext } from './types.js';

/**
 * GitHub Actions workflow commands, one line per finding, which the runner turns into annotations on
 * the pull request diff ("Workflow commands for GitHub Actions": `::error file=…,line=…::message`).
 * Zero findings print nothing.
 */

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

export function formatGithub(findings: readonly Finding[], _context: FormatContext): string {
  return findings.map((f) => `${annotation(f)}\n`).join('');
}

function annotation(f: Finding): string {
  const message = f.helmSource ? `${f.message} (from ${f.helmSource})` : f.message;
  // The runner only honours col/endColumn on single-line annotations (@actions/core AnnotationProperties:
  // "Cannot be sent when startLine and endLine are different values").
  const properties: [string, string][] =
    f.endLine === f.line
      ? [
          ['file', f.file],
          ['line', String(f.line)],
          ['col', String(f.column)],
          ['endLine', String(f.endLine)],
          ['endColumn', String(f.endColumn)],
        ]
      : [
          ['file', f.file],
          ['line', String(f.line)],
          ['endLine', String(f.endLine)],
        ];
  properties.push(['title', f.ruleId]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
  return `::${COMMAND[f.severity]} ${props}::${escapeData(message)}`;
}

/** The escaping of @actions/core's `escapeData`: the runner splits commands on newlines and `%` decodes. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As `escapeData`, plus `:` and `,`, which delimit the property list (@actions/core `escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
