import type { Finding, Severity } from '../../core/finding.js';

export interface Counts {
  errors: number;
  warnings: number;
  notes: number;
  /** Distinct files with at least one finding. */
  files: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  const files = new Set<string>();
  for (const f of findings) {
    bySeverity[f.severity]++;
    files.add(f.file);
  }
  return { errors: bySeverity.error, warnings: bySeverity.warning, notes: bySeverity.note, files: files.size };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "3 problems (2 errors, 1 warning, 0 notes)" — shared by stylish and markdown so they agree. */
export function summaryText(counts: Counts): string {
  const total = counts.errors + counts.warnings + counts.notes;
  return `${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.notes, 'note')})`;
}

/** Findings grouped by file, keeping the engine's order (file, line, column) inside each group. */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.file);
    if (group) group.push(f);
    else groups.set(f.file, [f]);
  }
  return groups;
}
