// Types for suite.mjs, so the vitest suite (TypeScript) and `node test/deployments/suite.mjs` share one
// implementation and the tests are still typechecked.
import type { Finding, LintOptions, LintResult } from '../../src/index.js';

/** One line of a case's `expected.txt`: `key` = `file:line:col severity rule`, `contains` = text after `~`. */
export interface ExpectedFinding {
  key: string;
  contains: string | undefined;
  lineNo: number;
}

export interface Comparison {
  missing: string[];
  extra: string[];
  wrongMessage: string[];
}

export declare const casesDir: string;
export declare function caseNames(): string[];
export declare function readExpected(name: string): ExpectedFinding[];
export declare function keyOf(finding: Pick<Finding, 'file' | 'line' | 'column' | 'severity' | 'ruleId'>): string;
export declare function runCase(name: string, lint: (options: LintOptions) => Promise<LintResult>): Promise<LintResult>;
export declare function compare(expected: readonly ExpectedFinding[], findings: readonly Finding[]): Comparison;
