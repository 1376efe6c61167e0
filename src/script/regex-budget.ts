/**
 * A sed address or `s` pattern is a regular expression the linted script wrote, and edgelint runs it
 * as a JavaScript RegExp (V8's irregexp, a backtracking matcher) on lines the repository wrote too.
 * Backtracking makes some patterns exponential (`\(a*\)*b` on a line of `a`s never ends) and others
 * polynomial of a high degree (`x*x*y` on a line of 20,000 `x`s: every start, times every split of
 * the run between the two stars, ~10^12 steps). So a pattern runs only when its shape bounds the work
 * — no quantified group, at most two quantifiers: at most (L+1)^(q+1) steps on a line of L
 * characters with q quantifiers, each start position times each length of each quantified atom —
 * and only while the sum of those bounds over the lines it is tried on stays within a budget.
 * A pattern or text past either bound is not run: what it would select is unknown.
 */

/** Steps a caller's runs may cost in all: tens of milliseconds when every step is taken. */
const DEFAULT_STEPS = 20_000_000;

/**
 * The number of quantifiers of `regex` when its backtracking is polynomial and of degree at most 3;
 * undefined otherwise. Escapes and bracket expressions count as one literal character each.
 */
export function backtrackingDegree(regex: RegExp): number | undefined {
  const source = regex.source.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
  if (source.length > 256 || /\)[*+?{]/.test(source)) return undefined;
  const quantifiers = (source.match(/[*+?{]/g) ?? []).length;
  return quantifiers <= 2 ? quantifiers : undefined;
}

/** What one caller may spend running script-written patterns. */
export class RegexBudget {
  private left: number;

  constructor(steps = DEFAULT_STEPS) {
    this.left = steps;
  }

  /** Has a charge gone past the budget? */
  get spent(): boolean {
    return this.left < 0;
  }

  /** Charges one run of a pattern of `degree` over `length` characters; false once the budget is spent. */
  charge(degree: number, length: number): boolean {
    this.left -= (length + 1) ** (degree + 1);
    return this.left >= 0;
  }
}
