/**
 * `--fix` and `--fix-dry-run`. Fixes are text edits rules declared safe; they are applied per file
 * from the end backwards so offsets stay valid, overlapping edits are skipped (the next run picks
 * them up), and a file is only written when the edited text still parses as well as before (a fix
 * never leaves a file that no longer parses). Files are replaced atomically: written beside the
 * original, then renamed over it.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { parseAllDocuments } from 'yaml';
import type { TextEdit } from '../core/finding.js';
import type { LintResult } from './lint.js';

export interface FixOutcome {
  applied: number;
  files: string[];
  /** Unified diff of every change (what --fix-dry-run prints). */
  diff: string;
}

export function applyEdits(text: string, edits: TextEdit[]): { text: string; applied: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  const applied: TextEdit[] = [];
  let out = text;
  let floor = Infinity;
  for (const edit of sorted) {
    if (edit.end > floor || edit.start < 0 || edit.end > text.length || edit.start > edit.end) continue;
    // Two insertions at one offset are the same fix reported twice (one container seen by two classes).
    if (applied.some((a) => a.start === edit.start && a.end === edit.end && a.text === edit.text)) continue;
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    applied.push(edit);
    floor = edit.start;
  }
  return { text: out, applied };
}

function yamlErrorCount(path: string, text: string): number {
  if (!/\.(ya?ml|json)$/i.test(path)) return 0;
  return parseAllDocuments(text, { version: '1.1', uniqueKeys: false }).reduce((n, d) => n + ('errors' in d ? d.errors.length : 1), 0);
}

export function applyFixes(result: LintResult, options: { write: boolean; cwd: string }): FixOutcome {
  const byFile = new Map<string, TextEdit[][]>();
  for (const finding of result.findings) {
    if (finding.fix?.edits.length) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding.fix.edits]);
  }
  let applied = 0;
  const files: string[] = [];
  let diff = '';
  for (const [file, fixes] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const original = result.sources.get(file);
    if (original === undefined) continue;
    const { text, applied: edits } = applyEdits(original, fixes.flat());
    if (text === original) continue;
    if (yamlErrorCount(file, text) > yamlErrorCount(file, original)) continue;
    applied += fixes.filter((group) => group.every((e) => edits.includes(e))).length;
    files.push(file);
    diff += createTwoFilesPatch(`a/${file}`, `b/${file}`, original, text, undefined, undefined, { context: 3 });
    if (options.write) {
      const target = resolve(options.cwd, file);
      const temporary = `${target}.edgelint-${process.pid}.tmp`;
      writeFileSync(temporary, text);
      renameSync(temporary, target);
    }
  }
  return { applied, files, diff };
}
