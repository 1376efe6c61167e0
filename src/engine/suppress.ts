/**
 * Suppressions (SPEC §5): the `edgelint.io/ignore` annotation on a Kubernetes object, and comments
 * `# edgelint-disable-next-line RULE -- reason`, `# edgelint-disable-line RULE`,
 * `# edgelint-disable RULE` … `# edgelint-enable RULE` in YAML, unit, conf and script files.
 * A suppression that silences nothing is reported as `core/unused-suppression`, as ESLint's
 * `--report-unused-disable-directives` does: stale ignores hide the next real problem.
 */
import type { Finding, Severity } from '../core/finding.js';
import { resolveSpan } from '../core/source.js';
import type { Model } from '../model/types.js';
import { firstIndex, pushAll } from '../core/arrays.js';

export const IGNORE_ANNOTATION = 'edgelint.io/ignore';
export const UNUSED_SUPPRESSION = 'core/unused-suppression';

interface Suppression {
  file: string;
  /** Inclusive line range the suppression covers. */
  fromLine: number;
  toLine: number;
  /** Empty = every rule. */
  rules: string[];
  /** Where the suppression is written (reported when unused). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
  used: Set<string>;
}

const DIRECTIVE = /(?:^|\s)[#;]\s*edgelint-(disable-next-line|disable-line|disable|enable)\b([^\n]*)$/;

/** Splits `rule-a, rule-b -- why` into rule ids (the reason is for humans). */
function ruleList(text: string): string[] {
  const withoutReason = text.split(/\s--\s|\s--$/)[0];
  return withoutReason.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

function commentSuppressions(file: string, text: string): Suppression[] {
  const out: Suppression[] = [];
  const open = new Map<string, Suppression>();
  // Lines as SourceFile counts them: a lone CR ends one too.
  const lines = text.split(/\r\n|\r|\n/);
  // For `disable-next-line`: the next line that is not itself a comment, computed once from the end
  // (scanning forward from each directive is quadratic in a file of comment lines).
  const nextCode = new Array<number>(lines.length + 2);
  nextCode[lines.length + 1] = lines.length + 1;
  for (let lineNo = lines.length; lineNo >= 1; lineNo--) nextCode[lineNo] = /^\s*#/.test(lines[lineNo - 1]) ? nextCode[lineNo + 1] : lineNo;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const lineNo = index + 1;
    // Report at the comment marker itself (m.index may point at the whitespace before it).
    const marker = m.index + (/^\s/.test(m[0]) ? 1 : 0);
    const base = { file, rules: ruleList(m[2]), line: lineNo, column: marker + 1, endLine: lineNo, endColumn: line.length + 1, text: line.trim(), used: new Set<string>() };
    switch (m[1]) {
      case 'disable-next-line': {
        // The next line that is not itself a comment: a reason often takes its own comment line.
        const target = lineNo + 1 > lines.length ? lineNo + 1 : nextCode[lineNo + 1];
        out.push({ ...base, fromLine: target, toLine: target });
        break;
      }
      case 'disable-line':
        out.push({ ...base, fromLine: lineNo, toLine: lineNo });
        break;
      case 'disable': {
        const s = { ...base, fromLine: lineNo, toLine: Number.MAX_SAFE_INTEGER };
        out.push(s);
        for (const rule of s.rules.length ? s.rules : ['*']) open.set(rule, s);
        break;
      }
      case 'enable':
        for (const rule of base.rules.length ? base.rules : [...open.keys()]) {
          const s = open.get(rule);
          if (s) {
            s.toLine = lineNo;
            open.delete(rule);
          }
        }
        break;
    }
  });
  return out;
}

function annotationSuppressions(model: Model): Suppression[] {
  const out: Suppression[] = [];
  for (const object of model.objects) {
    const annotation = object.annotations[IGNORE_ANNOTATION];
    if (!annotation) continue;
    const whole = resolveSpan(object.span);
    const at = resolveSpan(annotation.span);
    out.push({ file: whole.file, fromLine: whole.line, toLine: whole.endLine, rules: ruleList(annotation.value), line: at.line, column: at.column, endLine: at.endLine, endColumn: at.endColumn, text: `${IGNORE_ANNOTATION}: ${annotation.value}`, used: new Set() });
  }
  return out;
}

/**
 * The suppressions of one deployment, asked about each finding as a rule reports it (run-rules.ts),
 * so a silenced finding is never built and never counts against the per-file cap (cap.ts).
 *
 * `enabledRules`: the rules that ran, with their severity (that of `core/unused-suppression` included
 * when on). `knownRules`: every rule id there is, turned off or not; a suppression naming a known rule
 * that is off stays quiet (another config may turn it on), one naming no rule at all is reported,
 * because a misspelt id silences nothing.
 */
export class Suppressor {
  private readonly suppressions: Suppression[];
  private readonly index: Map<string, IntervalIndex>;

  constructor(
    model: Model,
    sources: Map<string, string>,
    private readonly enabledRules: Map<string, Severity>,
    private readonly knownRules: ReadonlySet<string> = new Set(enabledRules.keys()),
  ) {
    this.suppressions = annotationSuppressions(model);
    for (const [file, text] of sources) {
      if (text.includes('edgelint-')) pushAll(this.suppressions, commentSuppressions(file, text));
    }
    this.index = indexSuppressions(this.suppressions);
  }

  /** Whether a finding of `ruleId` at `line` of `file` is silenced (the suppression is then used). */
  silences(ruleId: string, file: string, line: number): boolean {
    // Parse errors cannot be silenced: a file edgelint cannot read hides every other problem in it.
    if (this.suppressions.length === 0 || ruleId === 'core/parse-error') return false;
    const match = earliest(this.index.get(`${file}\0${ruleId}`)?.covering(line), this.index.get(`${file}\0*`)?.covering(line));
    if (!match) return false;
    match.used.add(ruleId);
    return true;
  }

  /** `core/unused-suppression` findings, once every finding has been asked about. */
  *unused(): Generator<Finding> {
    const unusedSeverity = this.enabledRules.get(UNUSED_SUPPRESSION);
    if (!unusedSeverity) return;
    for (const s of this.suppressions) {
      const unused = s.rules.length === 0 ? (s.used.size === 0 ? ['(all rules)'] : []) : s.rules.filter((r) => !s.used.has(r) && (this.enabledRules.has(r) || !this.knownRules.has(r)));
      for (const rule of unused) {
        const why = rule === '(all rules)' || this.enabledRules.has(rule) ? 'reported nothing here' : 'is not a known rule';
        yield { ruleId: UNUSED_SUPPRESSION, severity: unusedSeverity, message: `Unused suppression: ${rule} ${why}; remove it so it cannot hide a future problem.`, file: s.file, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn, messageId: 'unused' };
      }
    }
  }
}

/**
 * The suppressions of one file and one rule (or `*`, all rules) as line intervals sorted by where they
 * start. The one that silences a finding is the earliest-starting interval covering its line: with
 * `reach[i]` the furthest line any of the first i+1 intervals reaches (non-decreasing), the first i
 * with `reach[i] >= line` is that interval, so each lookup is two binary searches — linear scans over
 * every suppression per finding were quadratic (130k comments × their findings).
 */
class IntervalIndex {
  private readonly items: Suppression[] = [];
  private reach: number[] = [];

  add(s: Suppression): void {
    this.items.push(s);
  }

  seal(): void {
    // A stable sort: suppressions starting on one line keep their order of appearance.
    this.items.sort((a, b) => a.fromLine - b.fromLine);
    let max = -Infinity;
    this.reach = this.items.map((s) => (max = Math.max(max, s.toLine)));
  }

  covering(line: number): Suppression | undefined {
    const started = firstIndex(this.items.length, (i) => this.items[i].fromLine > line);
    const first = firstIndex(started, (i) => this.reach[i] >= line);
    return first < started ? this.items[first] : undefined;
  }
}

function indexSuppressions(suppressions: Suppression[]): Map<string, IntervalIndex> {
  const index = new Map<string, IntervalIndex>();
  for (const s of suppressions) {
    for (const rule of s.rules.length === 0 ? ['*'] : new Set(s.rules)) {
      const key = `${s.file}\0${rule}`;
      let entry = index.get(key);
      if (!entry) index.set(key, (entry = new IntervalIndex()));
      entry.add(s);
    }
  }
  for (const entry of index.values()) entry.seal();
  return index;
}

function earliest(a: Suppression | undefined, b: Suppression | undefined): Suppression | undefined {
  if (!a || !b) return a ?? b;
  return b.fromLine < a.fromLine ? b : a;
}
