/** `edgelint rules`: the rule catalogue as text, markdown (the README table) or JSON. */
import type { RuleModule } from '../rule-api.js';
import { maxOf } from '../core/arrays.js';

export function renderRuleList(rules: RuleModule[], format: 'text' | 'markdown' | 'json'): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (format === 'json') {
    return `${JSON.stringify(sorted.map((r) => ({ id: r.id, description: r.description, severity: r.severity, recommended: r.recommended, category: r.category, fixable: Boolean(r.fixable), remediation: r.remediation, options: r.options?.defaults ?? {} })), null, 2)}\n`;
  }
  if (format === 'markdown') {
    const rows = sorted.map((r) => `| [\`${r.id}\`](rules/${r.id}.md) | ${r.severity} | ${r.recommended ? 'yes' : ''} | ${r.fixable ? 'yes' : ''} | ${r.description.replace(/\|/g, '\\|')} |`);
    return ['| rule | default | recommended | fixable | what it catches |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
  }
  const width = maxOf(sorted.map((r) => r.id.length));
  return sorted.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.fixable ? 'fix' : '   '}  ${r.description}`).join('\n') + '\n';
}
