import type { Finding } from '../../core/finding.js';
import { countFindings, groupByFile } from './shared.js';
import type { FormatContext, RuleInfo } from './types.js';
import { visibleControls } from '../../core/printable.js';

/**
 * JUnit XML as CI systems read it (Jenkins, GitLab, Azure DevOps, the common `junit.xsd` conventions):
 * `<testsuites>` → one `<testsuite>` per file → one `<testcase>` per finding with a `<failure>`.
 * Every finding is a failure whatever its severity; `type` carries the severity so a CI view can tell
 * them apart. A clean run emits one passing test case, because several CI systems treat a report with
 * no test cases as missing or failed. No timestamps or durations: the output is deterministic.
 */
export function formatJunit(findings: readonly Finding[], context: FormatContext): string {
  const rules = new Map<string, RuleInfo>(context.rules.map((r) => [r.id, r]));
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];

  if (findings.length === 0) {
    out.push(
      `<testsuites name="edgelint" tests="1" failures="0" errors="0">`,
      `  <testsuite name="edgelint" tests="1" failures="0" errors="0" skipped="0">`,
      `    <testcase name="no problems found" classname="edgelint"/>`,
      `  </testsuite>`,
      `</testsuites>`,
    );
    return `${out.join('\n')}\n`;
  }

  const total = countFindings(findings);
  const count = total.errors + total.warnings + total.notes;
  out.push(`<testsuites name="edgelint" tests="${count}" failures="${count}" errors="0">`);
  for (const [file, group] of groupByFile(findings)) {
    const n = group.length;
    out.push(`  <testsuite name="${attr(file)}" tests="${n}" failures="${n}" errors="0" skipped="0">`);
    for (const f of group) {
      out.push(
        `    <testcase name="${attr(`${f.ruleId} at ${f.line}:${f.column}`)}" classname="${attr(file)}">`,
        `      <failure message="${attr(f.message)}" type="${f.severity}">${text(failureBody(f, rules.get(f.ruleId)))}</failure>`,
        `    </testcase>`,
      );
    }
    out.push(`  </testsuite>`);
  }
  out.push(`</testsuites>`);
  return `${out.join('\n')}\n`;
}

function failureBody(f: Finding, rule: RuleInfo | undefined): string {
  const lines = [`${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.ruleId}`, f.message];
  if (f.helmSource) lines.push(`From template: ${f.helmSource}`);
  for (const r of f.related ?? []) lines.push(`Related: ${r.file}:${r.line}:${r.column} ${r.message}`);
  if (rule?.remediation) lines.push(`Remediation: ${rule.remediation}`);
  if (rule?.docsUrl) lines.push(`Docs: ${rule.docsUrl}`);
  return lines.map(inertLine).join('\n');
}

/**
 * One line of a failure body. Input text never breaks a line of its own, and a line that would start
 * with `::` gets a zero-width space between the colons: CI systems print these bodies to their logs,
 * where on GitHub such a line is a workflow command (the runner trims whitespace, not U+200B, first).
 */
function inertLine(line: string): string {
  const flat = line.replace(/\r\n|\r|\n/g, ' ');
  return /^\s*::/.test(flat) ? flat.replace('::', ':\u200b:') : flat;
}

/**
 * Characters outside the XML 1.0 `Char` production (§2.2: C0 controls other than tab, LF and CR;
 * lone surrogates; U+FFFE and U+FFFF) cannot appear even as character references. Controls are shown
 * as pictures (visibleControls: ESC as ␛; CI systems print these reports to their logs, C1 controls
 * included), the rest as U+FFFD: replaced visibly, never silently dropped.
 */
export function stripInvalidXmlChars(value: string): string {
  return visibleControls(value, '\t\n\r').replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\ufffd');
}

/** Escaped element content. `>` is escaped too so `]]>` can never appear (XML 1.0 §2.4). */
export function text(value: string): string {
  return stripInvalidXmlChars(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/**
 * Escaped attribute value. Tab, LF and CR are written as character references because attribute-value
 * normalisation (XML 1.0 §3.3.3) would otherwise turn them into spaces.
 */
export function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}
