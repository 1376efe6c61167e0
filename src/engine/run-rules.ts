/** Runs each enabled rule over the model and turns its reports into located findings. */
import type { Finding, RelatedLocation, Severity } from '../core/finding.js';
import { resolveSpan } from '../core/source.js';
import type { SourceFile, SourceOrigin } from '../core/source.js';
import type { Model } from '../model/types.js';
import { anchorSpan } from '../rule-api.js';
import type { Knowledge, Report, RuleModule } from '../rule-api.js';
import { FindingCap } from './cap.js';
import type { Suppressor } from './suppress.js';

export interface ResolvedRule {
  rule: RuleModule;
  severity: Severity;
  options: unknown;
}

/**
 * Values a message quotes come from the linted files (an object's name, a label key) and one of them
 * may be megabytes long: quoted whole, in each of the 1,000 findings a rule may make in that file, a
 * 1 MB name made 1 GB of output (2.1 GB of memory, hostile11). Past this many characters a value, or a
 * related location's message, keeps its start and its end and says how much it leaves out.
 */
export const MAX_QUOTED = 2000;

export function clipText(text: string, max = MAX_QUOTED): string {
  if (text.length <= max) return text;
  let head = Math.floor(max * 0.75);
  let tail = text.length - Math.floor(max * 0.2);
  // Never between the two halves of a surrogate pair.
  if (isLowSurrogate(text.charCodeAt(head))) head--;
  if (isLowSurrogate(text.charCodeAt(tail))) tail++;
  return `${text.slice(0, head)}[… ${tail - head} characters left out …]${text.slice(tail)}`;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export function interpolate(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? clipText(String(data[key])) : whole));
}

/**
 * One final mark: a template ending in `.` after a value that already ends a sentence (`… did you mean
 * "mqttServerExternal"?` interpolated into `edgecore.yaml: {{detail}}.`) would print `?.`; the value's
 * own mark wins. An ellipsis (`...`) is left alone.
 */
export function finishSentence(message: string): string {
  return /(?:[?!]|[^.]\.)\.$/.test(message) ? message.slice(0, -1) : message;
}

/** The task that places the file a finding is in, through the files it was cut from (SourceOrigin.placedBy). */
function placingTask(source: SourceFile): SourceOrigin['placedBy'] {
  for (let file: SourceFile | undefined = source, depth = 0; file?.origin && depth < 16; file = file.origin.parent, depth++) {
    if (file.origin.placedBy) return file.origin.placedBy;
  }
  return undefined;
}

export interface RunResult {
  findings: Finding[];
  /** Rules that threw: an internal error, reported apart from findings. */
  errors: string[];
}

/**
 * Each report is resolved to its place first: a finding the suppressor silences or the cap leaves out
 * is never built (a rule may report a million times; only what is kept costs memory). Suppressions
 * are checked before the cap, so silenced findings do not count against it, and the unused ones are
 * known exactly. A report that yields to another rule (Report.yieldsTo) is held until all rules ran,
 * and built only when that rule reported nothing at its place. The findings come back in no particular order.
 */
export function runRules(model: Model, rules: ResolvedRule[], knowledge: Knowledge, suppressor?: Suppressor, cap = new FindingCap()): RunResult {
  const errors: string[] = [];
  // One root cause, one finding (Report.yieldsTo): where the rules others yield to reported, and the
  // yielding reports held back until every rule has run (rules run in any order).
  const yieldedTo = new Set(rules.flatMap(({ rule }) => rule.yieldsTo ?? []));
  const reportedAt = new Set<string>();
  const held: Array<{ rule: RuleModule; severity: Severity; r: Report<string>; at: ReturnType<typeof resolveSpan>; target: string }> = [];
  const place = (ruleId: string, at: { file: string; line: number; column: number }) => `${ruleId}\0${at.file}\0${at.line}\0${at.column}`;
  const build = (rule: RuleModule, severity: Severity, r: Report<string>, at: ReturnType<typeof resolveSpan>, template: string) => {
    // A rule's own severity choice (error vs warning cases) only applies when config left the rule at its default.
    const chosen = r.severity && severity === rule.severity ? r.severity : severity;
    if (!cap.offer({ ruleId: rule.id, severity: chosen, ...at, ...(r.helmSource ? { helmSource: r.helmSource } : {}), ...(r.fix ? { fix: r.fix } : {}) })) return;
    const finding: Finding = { ruleId: rule.id, severity: chosen, message: finishSentence(interpolate(template, r.data)), ...at, messageId: r.messageId };
    const helmSource = r.helmSource;
    if (helmSource) finding.helmSource = helmSource;
    if (r.related?.length) {
      // Spelt out, not `{ ...resolveSpan(…), message }`: V8 gives every object made by a spread followed
      // by more properties a hidden class of its own (~300 bytes each, ~24,000 related locations at
      // 10,000 objects). Same keys in the same order.
      finding.related = r.related.map((rel) => {
        const at = resolveSpan(anchorSpan(rel.at));
        const related: RelatedLocation = { file: at.file, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn, message: clipText(rel.message) };
        if (rel.helmSource) related.helmSource = rel.helmSource;
        return related;
      });
    }
    const placedBy = placingTask(anchorSpan(r.at).source);
    if (placedBy) {
      const at = resolveSpan(placedBy.at);
      const related: RelatedLocation = { file: at.file, line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn, message: clipText(placedBy.message) };
      (finding.related ??= []).push(related);
    }
    if (r.fix) finding.fix = r.fix;
    cap.add(finding);
  };
  for (const { rule, severity, options } of rules) {
    const report = (r: Report<string>) => {
      const template = rule.messages[r.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId '${r.messageId}'`);
      const at = resolveSpan(anchorSpan(r.at));
      if (suppressor?.silences(rule.id, at.file, at.line)) return;
      if (yieldedTo.has(rule.id)) reportedAt.add(place(rule.id, at));
      if (r.yieldsTo !== undefined) {
        if (!rule.yieldsTo?.includes(r.yieldsTo)) throw new Error(`rule ${rule.id} yields to '${r.yieldsTo}', which its yieldsTo does not list`);
        held.push({ rule, severity, r, at, target: r.yieldsTo });
        return;
      }
      build(rule, severity, r, at, template);
    };
    try {
      rule.check({ model, options, knowledge, report });
    } catch (error) {
      errors.push(`rule ${rule.id} failed: ${(error as Error)?.stack ?? String(error)}`);
    }
  }
  for (const { rule, severity, r, at, target } of held) {
    if (!reportedAt.has(place(target, at))) build(rule, severity, r, at, rule.messages[r.messageId]);
  }
  if (suppressor) for (const finding of suppressor.unused()) if (cap.offer(finding)) cap.add(finding);
  return { findings: cap.findings(), errors };
}
