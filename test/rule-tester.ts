/**
 * Table-driven rule tests in the style of ESLint's RuleTester, stricter: every expected finding
 * names its exact line and column, every case runs the whole pipeline (in-memory files through
 * `lint()`), the rule is checked for unknown message ids and unsubstituted placeholders, and a fixture
 * that does not parse fails the case (unless parse errors are what the case is about).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../src/engine/lint.js';
import type { EdgelintConfig } from '../src/config/config.js';
import type { Finding } from '../src/core/finding.js';
import { applyEdits } from '../src/engine/fix.js';
import { builtinRules } from '../rules/index.js';
import type { RuleModule } from '../src/rule-api.js';

export interface ValidCase {
  name: string;
  files: Record<string, string>;
  config?: Omit<EdgelintConfig, 'rules'>;
  options?: Record<string, unknown>;
}

export interface ExpectedFinding {
  messageId: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Defaults to the only file of the case. */
  file?: string;
  severity?: 'error' | 'warning' | 'note';
  /** Exact text, or a pattern the message must match. */
  message?: string | RegExp;
  helmSource?: string;
  /** Each related location; its message, when given, exactly. */
  related?: Array<{ file?: string; line: number; column: number; message?: string }>;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The files after `--fix` (only those that change). */
  output?: Record<string, string>;
}

/** Strips the common indentation of a template literal, so fixtures can be indented in tests. */
export function text(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

async function run(rule: RuleModule, c: ValidCase): Promise<Finding[]> {
  const rules: EdgelintConfig['rules'] = {};
  for (const r of builtinRules) rules[r.id] = 'off';
  rules['core/parse-error'] = 'error';
  rules[rule.id] = c.options ? { severity: rule.severity, options: c.options } : rule.severity;
  const extra = builtinRules.some((r) => r.id === rule.id) ? [] : [rule];
  const result = await lint({ files: Object.entries(c.files).map(([path, content]) => ({ path, content })), config: { ...c.config, rules }, rules: extra, cwd: '/nonexistent-edgelint-test-cwd' });
  expect(result.errors).toEqual([]);
  if (rule.id !== 'core/parse-error') {
    // Text the consumer accepts with a logged warning (systemd ignoring an invalid Type=) still parses.
    expect(result.findings.filter((f) => f.ruleId === 'core/parse-error' && f.severity === 'error'), 'fixture must parse').toEqual([]);
  }
  return result.findings.filter((f) => f.ruleId === rule.id);
}

export function ruleTester(rule: RuleModule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    it('has valid and invalid cases with unique names', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const findings = await run(rule, c);
        expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const findings = await run(rule, c);
        const onlyFile = Object.keys(c.files).length === 1 ? Object.keys(c.files)[0] : undefined;
        for (const f of findings) {
          expect(Object.keys(rule.messages)).toContain(f.messageId);
          expect(f.message, 'unsubstituted placeholder').not.toMatch(/\{\{\s*\w+\s*\}\}/);
        }
        const actual = findings.map((f) => ({ file: f.file, line: f.line, column: f.column, messageId: f.messageId }));
        const expected = c.errors.map((e) => ({ file: e.file ?? onlyFile, line: e.line, column: e.column, messageId: e.messageId }));
        expect(actual).toEqual(expected);
        c.errors.forEach((e, i) => {
          const f = findings[i];
          if (e.endLine !== undefined) expect(f.endLine).toBe(e.endLine);
          if (e.endColumn !== undefined) expect(f.endColumn).toBe(e.endColumn);
          if (e.severity) expect(f.severity).toBe(e.severity);
          if (typeof e.message === 'string') expect(f.message).toBe(e.message);
          else if (e.message) expect(f.message).toMatch(e.message);
          if (e.helmSource !== undefined) expect(f.helmSource).toBe(e.helmSource);
          if (e.related) expect((f.related ?? []).map((r) => ({ file: r.file, line: r.line, column: r.column }))).toEqual(e.related.map((r) => ({ file: r.file ?? onlyFile, line: r.line, column: r.column })));
          e.related?.forEach((r, i) => {
            if (r.message !== undefined) expect(f.related?.[i]?.message).toBe(r.message);
          });
        });
        if (c.output) {
          for (const [path, want] of Object.entries(c.output)) {
            const edits = findings.filter((f) => f.file === path && f.fix).flatMap((f) => f.fix!.edits);
            expect(applyEdits(c.files[path], edits).text).toBe(want);
          }
        }
      });
    }
  });
}
