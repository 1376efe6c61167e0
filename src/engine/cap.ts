/**
 * One root cause, one finding — and a file that repeats one mistake 100,000 times is one root cause.
 * Each rule lists at most MAX_PER_RULE_AND_FILE findings per file; the rest become one finding at the
 * first one left out, which counts them (100k duplicate keys printed 900k lines and ran a 256 MB heap
 * out of memory). Rules stay free to report every instance; the engine bounds what reaches the user.
 * The fixes of the findings left out travel on that one finding, so `--fix` still applies them all.
 */
import { SEVERITY_RANK } from '../core/finding.js';
import type { Finding, Severity, TextEdit } from '../core/finding.js';

export const MAX_PER_RULE_AND_FILE = 1000;

/** `findings` in report order; returns them with each rule's excess per file folded into one. */
export function capRepetition(findings: Finding[], max = MAX_PER_RULE_AND_FILE): Finding[] {
  const counts = new Map<string, number>();
  for (const f of findings) {
    const key = `${f.file}\0${f.ruleId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if ([...counts.values()].every((n) => n <= max)) return findings;
  const seen = new Map<string, number>();
  const summaries = new Map<string, { finding: Finding; severity: Severity; edits: TextEdit[]; fixed: number }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.file}\0${f.ruleId}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    if (index < max) {
      out.push(f);
      continue;
    }
    let summary = summaries.get(key);
    if (!summary) {
      const more = counts.get(key)! - max;
      const finding: Finding = {
        ruleId: f.ruleId,
        severity: f.severity,
        message: `${more} more ${f.ruleId} finding${more === 1 ? '' : 's'} in this file from here on are not listed (edgelint lists the first ${max} of a rule per file); fix the ones above and run again.`,
        file: f.file,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        messageId: 'more',
        ...(f.helmSource !== undefined ? { helmSource: f.helmSource } : {}),
        ...(f.deployment !== undefined ? { deployment: f.deployment } : {}),
      };
      summaries.set(key, (summary = { finding, severity: f.severity, edits: [], fixed: 0 }));
      out.push(finding);
    }
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[summary.severity]) summary.finding.severity = summary.severity = f.severity;
    if (f.fix) {
      for (const edit of f.fix.edits) summary.edits.push(edit);
      summary.fixed++;
    }
  }
  for (const summary of summaries.values()) {
    if (summary.fixed > 0) summary.finding.fix = { description: `Apply the same fix at ${summary.fixed} more place${summary.fixed === 1 ? '' : 's'}`, edits: summary.edits };
  }
  return out;
}
