import type { Finding, Severity } from '../../core/finding.js';
import type { FormatContext } from './types.js';
import { visibleControls } from '../../core/printable.js';

/**
 * GitHub Actions workflow commands, one line per finding, which the runner turns into annotations on
 * the pull request diff ("Workflow commands for GitHub Actions": `::error file=…,line=…::message`).
 * Zero findings print nothing.
 *
 * File names and messages carry the linted files' text. The runner reads one command per line and
 * decodes only `%25`, `%0D`, `%0A` (and in properties `%3A`, `%2C`), so those are escaped, which keeps
 * every command on its line whatever the text holds (a `::` inside a message starts nothing), and a
 * CR or LF comes back as a line break of the annotation. Every other control character is shown as
 * its picture (visibleControls: ESC as ␛) before escaping: the runner passes it on to the log, where
 * an ESC would be a terminal escape sequence.
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
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(visibleControls(value, '\r\n'))}`).join(',');
  return `::${COMMAND[f.severity]} ${props}::${escapeData(visibleControls(message, '\r\n\t'))}`;
}

/** The escaping of @actions/core's `escapeData`: the runner splits commands on newlines and `%` decodes. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As `escapeData`, plus `:` and `,`, which delimit the property list (@actions/core `escapeProperty`). */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
