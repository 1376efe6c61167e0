// Types for scaling.mjs, so its test is typechecked.

export declare const PER_RULE_PER_FILE: number;
export declare function capped(count: number): number;

export interface Limits {
  /** Items per YAML document. */
  perDocument: number;
  /** Unknown keys per edgecore.yaml. */
  perEdgecore: number;
}
export declare const LIMITS: Limits;

export interface ScalingRow {
  /** The files holding exactly n items, by path relative to the folder linted. */
  make(n: number, limits?: Limits): Record<string, string>;
  /** The findings lint() must return on them, counted by rule id; a rule not named reports nothing. */
  expect(n: number, limits?: Limits): Record<string, number>;
}
export declare const SCALING: Record<string, ScalingRow>;

/** How counts by rule id differ from `expected`, in words; undefined when they agree. */
export declare function mismatch(expected: Record<string, number>, byRule: Record<string, number>): string | undefined;
