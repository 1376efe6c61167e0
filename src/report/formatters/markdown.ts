import type { Finding } from '../../core/finding.js';
import { countFindings, plural, summaryText } from './shared.js';
import type { FormatContext } from './types.js';
import { visibleControls } from '../../core/printable.js';

/**
 * GitHub-flavoured markdown: a summary line and one table row per finding. The GitHub Action writes
 * it to the job summary (`$GITHUB_STEP_SUMMARY`), so it must render on GitHub and stay inert: values
 * from linted files are escaped so they cannot break the table or inject HTML.
 */
export function formatMarkdown(findings: readonly Finding[], context: FormatContext): string {
  if (findings.length === 0) return 'No problems found.\n';
  const docs = new Map<string, string>();
  for (const r of context.rules) if (r.docsUrl) docs.set(r.id, r.docsUrl);

  const counts = countFindings(findings);
  const out = [
    `**edgelint:** ${summaryText(counts)} in ${plural(counts.files, 'file')}.`,
    '',
    '| Severity | Rule | File | Line | Message |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const f of findings) {
    const url = docs.get(f.ruleId);
    const rule = url ? `[${cell(f.ruleId)}](${linkTarget(url)})` : cell(f.ruleId);
    const file = cell(f.file) + (f.helmSource ? `<br>(from ${cell(f.helmSource)})` : '');
    out.push(`| ${f.severity} | ${rule} | ${file} | ${f.line} | ${cell(f.message)} |`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * One table cell. `|` would end the cell and a newline the row (GFM tables); raw `<`/`&` would be read
 * as HTML by GitHub's renderer. Inside `code` spans, which rule messages use for values, HTML is inert
 * and entities would show literally, so only the pipe is escaped there (GFM applies that escape first).
 * Control characters are shown as pictures (visibleControls): the report is also printed to terminals.
 */
export function cell(value: string): string {
  return visibleControls(value, '\r\n\t')
    .split(/(`[^`\r\n]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part.replace(/\|/g, '\\|')
        : part
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/\|/g, '\\|')
            .replace(/\r?\n|\r/g, '<br>')
            // Inert on GitHub: no link or image (`[`), no @mention (dependabot's zero-width space after
            // `@`), no autolinked URL (GFM's extended autolinks need `://` or `www.` unbroken).
            .replace(/[[\]]/g, '\\$&')
            .replace(/@/g, '@\u200b')
            .replace(/:\/\//g, ':\u200b//')
            .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u200b.`),
    )
    .join('');
}

/** A link destination with the characters that would end it or the cell percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[\s()|<>]/gu, (ch) => encodeURIComponent(ch).replace(/[()]/g, (p) => (p === '(' ? '%28' : '%29')));
}
