import type { Finding, RelatedLocation, Severity } from '../../core/finding.js';
import { codeFrame, displayWidth, sanitize } from '../code-frame.js';
import { padDisplay, splitHeadline, wrap } from '../text-layout.js';
import { countFindings, groupByFile, plural, summaryText } from './shared.js';
import type { FormatContext } from './types.js';
import { maxOf, pushAll } from '../../core/arrays.js';

/** Columns used when the caller gives none (a pipe, a file, a CI log). */
export const DEFAULT_WIDTH = 100;

/**
 * The default, human format: ESLint's stylish table (position, severity, message, rule id per row)
 * with the headline/detail split and shared source excerpt of rustc and Biome diagnostics:
 *
 * ```
 * deploy/app.yaml
 *   12:9  error    Host port 1883/TCP on edge nodes is bound twice   node/host-port-conflict
 *                  DaemonSet mqtt binds 0.0.0.0:1883, and mosquitto.service binds 0.0.0.0:1883;
 *                  whichever starts second fails with "bind: address already in use".
 *                  ↳ edge/mosquitto.service:10:16  mosquitto.service binds 0.0.0.0:1883
 *   12:9  warning  DaemonSet mqtt accepts anonymous MQTT clients on 0.0.0.0:1883   mosquitto/no-anonymous
 *                  anyone who can reach the node can read and publish device messages.
 *       11 |       containers:
 *     > 12 |         image: eclipse-mosquitto:1.6.15
 *          |                ^~~~~~~~~~~~~~~~~~~~~~~~
 *
 * ✖ 2 problems (1 error, 1 warning, 0 notes)
 *   1 error and 0 warnings potentially fixable with the `--fix` option.
 * ```
 *
 * Every line but a path fits `context.width` display cells (default 100): long messages wrap under themselves
 * instead of padding the table to the longest one. Findings at one span share one excerpt. With
 * findings from more than one deployment, each deployment gets a heading.
 *
 * Zero findings print nothing at all, as ESLint does: a clean run in a pre-commit hook or a terminal
 * stays quiet, and the exit code carries the result.
 */
export function formatStylish(findings: readonly Finding[], context: FormatContext): string {
  if (findings.length === 0) return '';
  const width = Math.max(40, Math.floor(context.width ?? DEFAULT_WIDTH));
  const paint = painter(context.color ?? false);

  const out: string[] = [];
  const deployments = groupByDeployment(findings);
  for (const [deployment, inDeployment] of deployments) {
    if (deployments.size > 1) {
      out.push(paint.bold(`Deployment ${oneLine(deployment ?? '(none)')}`));
      out.push('');
    }
    for (const [file, group] of groupByFile(inDeployment)) {
      // A path is never cut, as in ESLint's and rustc's reports: a terminal links, and a user copies,
      // `path` and `path:line:col` only whole; a long one runs past the width and the terminal folds it.
      out.push(paint.underline(oneLine(file)));
      pushAll(out, fileBlock(group, context.readSource?.(file), width, paint));
      out.push('');
    }
  }

  const counts = countFindings(findings);
  const summary = `✖ ${summaryText(counts)}`;
  const tone = counts.errors > 0 ? paint.error : counts.warnings > 0 ? paint.warning : paint.note;
  pushAll(out, wrap(summary, width, width - 2).map((l, i) => paint.bold(tone(i === 0 ? l : `  ${l}`))));
  // The same test as the JSON report's `fixable`, so the two counts agree.
  const fixable = findings.filter((f) => f.fix !== undefined && f.fix.edits.length > 0);
  if (fixable.length > 0) pushAll(out, wrap(fixableText(fixable), width - 2).map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}

/** ESLint's wording: "2 errors and 1 warning potentially fixable with the `--fix` option." */
function fixableText(fixable: readonly Finding[]): string {
  const counts = countFindings(fixable);
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
  if (counts.notes > 0) parts.push(plural(counts.notes, 'note'));
  const list = parts.length === 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `${list} potentially fixable with the \`--fix\` option.`;
}

interface Row {
  finding: Finding;
  position: string;
  headline: string[];
  detail: string[];
  related: string[];
}

/** One file's findings: rows aligned as a table, each run of findings at one span followed by one excerpt. */
function fileBlock(group: readonly Finding[], source: string | undefined, width: number, paint: Painter): string[] {
  const lineWidth = maxOf(group.map((f) => String(f.line).length));
  const columnWidth = maxOf(group.map((f) => String(f.column).length));
  const severityWidth = maxOf(group.map((f) => f.severity.length));
  const ruleWidth = maxOf(group.map((f) => displayWidth(oneLine(f.ruleId))));
  // "  12:9  error    " — every continuation line starts under the headline.
  const indent = 2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2;
  const room = width - indent;
  // On a narrow terminal the rule id has the first line to itself and the headline starts below it.
  const narrow = room - 2 - ruleWidth < 16;
  const headRoom = narrow ? room : room - 2 - ruleWidth;

  const rows: Row[] = group.map((f) => {
    const { headline, detail } = splitHeadline(oneLine(f.message));
    return {
      finding: f,
      position: `${String(f.line).padStart(lineWidth)}:${String(f.column).padEnd(columnWidth)}`,
      headline: narrow ? ['', ...wrap(headline, room)] : wrap(headline, headRoom, room),
      detail: detail === '' ? [] : wrap(detail, room),
      related: (f.related ?? []).flatMap((rel) => relatedLines(rel, room)),
    };
  });
  // Rule ids line up as in ESLint's table, but the column never pushes a line past the width.
  const headWidth = Math.min(headRoom, maxOf(rows.map((r) => displayWidth(r.headline[0]))));
  const pad = ' '.repeat(indent);

  const out: string[] = [];
  const spans = groupBySpan(rows);
  spans.forEach((span, s) => {
    for (const row of span) {
      const f = row.finding;
      const head = narrow ? '' : `${paint.bold(padDisplay(row.headline[0], headWidth))}  `;
      out.push(`  ${paint.dim(row.position)}  ${paint[f.severity](f.severity.padEnd(severityWidth))}  ${head}${paint.dim(oneLine(f.ruleId))}`);
      for (const line of row.headline.slice(1)) out.push(pad + paint.bold(line));
      for (const line of row.detail) out.push(pad + line);
      for (const line of row.related) out.push(pad + line);
    }
    const first = span[0].finding;
    // Every finding of a span is in the same rendered object, so they share its template.
    const templates = [...new Set(span.map((r) => r.finding.helmSource).filter((h): h is string => h !== undefined))];
    for (const template of templates) pushAll(out, wrap(`rendered from ${oneLine(template)}`, width - 4).map((l) => `    ${paint.dim(l)}`));
    if (source === undefined) return;
    // The excerpt is indented 4 and has a "> NNN | " gutter and an ellipsis either side when cut.
    const gutter = String(first.line + 1).length;
    const maxWidth = width - 4 - (gutter + 5) - 2;
    const frame = codeFrame(source, first.line, first.column, first.endLine, first.endColumn, {
      color: paint.on,
      maxWidth,
      // One line either side, as rustc shows: the excerpt locates the finding, the message explains it.
      contextLines: 1,
    });
    if (frame === '') return;
    pushAll(out, frame.split('\n').map((l) => `    ${l}`));
    // A blank line after an excerpt keeps the next finding's row from reading as part of it.
    if (s < spans.length - 1) out.push('');
  });
  return out;
}

/** `↳ file:line:col  what`, the text wrapped under itself when it is long. */
function relatedLines(rel: RelatedLocation, room: number): string[] {
  const from = rel.helmSource ? ` (rendered from ${oneLine(rel.helmSource)})` : '';
  const where = `↳ ${oneLine(rel.file)}:${rel.line}:${rel.column}`;
  const what = `${oneLine(rel.message)}${from}`;
  const lead = displayWidth(where) + 2;
  if (lead + 12 <= room) {
    const [first, ...rest] = wrap(what, room - lead, room - 2);
    return [first === '' ? where : `${where}  ${first}`, ...rest.map((l) => `  ${l}`)];
  }
  return [where, ...wrap(what, room - 2).map((l) => `  ${l}`)];
}

/** Consecutive rows at the same range (the engine sorts by position, so they are adjacent). */
function groupBySpan(rows: readonly Row[]): Row[][] {
  const spans: Row[][] = [];
  for (const row of rows) {
    const last = spans.at(-1)?.[0].finding;
    const f = row.finding;
    if (last && last.line === f.line && last.column === f.column && last.endLine === f.endLine && last.endColumn === f.endColumn) {
      spans[spans.length - 1].push(row);
    } else {
      spans.push([row]);
    }
  }
  return spans;
}

/** `finding.deployment` (the deployment's root relative to cwd) when the engine found several. */
function groupByDeployment(findings: readonly Finding[]): Map<string | undefined, Finding[]> {
  const groups = new Map<string | undefined, Finding[]>();
  for (const f of findings) {
    const key = (f as Finding & { deployment?: string }).deployment;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

interface Painter extends Record<Severity, (s: string) => string> {
  on: boolean;
  bold: (s: string) => string;
  dim: (s: string) => string;
  underline: (s: string) => string;
}

function painter(on: boolean): Painter {
  const sgr = (open: number, close: number) => (text: string) => (on && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return {
    on,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    underline: sgr(4, 24),
    error: sgr(31, 39),
    warning: sgr(33, 39),
    note: sgr(36, 39),
  };
}

/** Messages interpolate values from linted files; a newline or escape in one must not break the layout. */
function oneLine(text: string): string {
  return sanitize(text.replace(/\r?\n|\t/g, ' '));
}
