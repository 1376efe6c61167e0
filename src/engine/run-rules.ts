/** Runs each enabled rule over the model and turns its reports into located findings. */
import type { Finding, Severity } from '../core/finding.js';
import { resolveSpan } from '../core/source.js';
import type { Knowledge } from '../knowledge/index.js';
import type { Model } from '../model/types.js';
import { anchorSpan } from '../rule-api.js';
import type { Report, RuleModule } from '../rule-api.js';

export interface ResolvedRule {
  rule: RuleModule;
  severity: Severity;
  options: unknown;
}

export function interpolate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

export interface RunResult {
  findings: Finding[];
  /** Rules that threw: an internal error, reported apart from findings. */
  errors: string[];
}

export function runRules(model: Model, rules: ResolvedRule[], knowledge: Knowledge): RunResult {
  const findings: Finding[] = [];
  const errors: string[] = [];
  for (const { rule, severity, options } of rules) {
    const report = (r: Report<string>) => {
      const template = rule.messages[r.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId '${r.messageId}'`);
      const at = resolveSpan(anchorSpan(r.at));
      // A rule's own severity choice (error vs warning cases) only applies when config left the rule at its default.
      const chosen = r.severity && severity === rule.severity ? r.severity : severity;
      const finding: Finding = { ruleId: rule.id, severity: chosen, message: interpolate(template, r.data), ...at, messageId: r.messageId };
      const helmSource = r.helmSource;
      if (helmSource) finding.helmSource = helmSource;
      if (r.related?.length) {
        finding.related = r.related.map((rel) => ({ ...resolveSpan(anchorSpan(rel.at)), message: rel.message, ...(rel.helmSource ? { helmSource: rel.helmSource } : {}) }));
      }
      if (r.fix) finding.fix = r.fix;
      findings.push(finding);
    };
    try {
      rule.check({ model, options, knowledge, report });
    } catch (error) {
      errors.push(`rule ${rule.id} failed: ${(error as Error)?.stack ?? String(error)}`);
    }
  }
  return { findings, errors };
}
