// Types for ci-summary.mjs, so its test is typechecked.

export interface ReportCounts {
  passed: number;
  failed: number;
  skipped: number;
  problems: string[];
}

export interface Summary extends ReportCounts {
  /** `N passed, N failed[, N skipped]`. */
  line: string;
  ok: boolean;
}

/** Counts one vitest JSON report. */
export declare function countReport(report: unknown): ReportCounts;
/** Counts reports (path → parsed JSON, or undefined when missing/unreadable) and failed steps. */
export declare function summarise(reports: ReadonlyArray<readonly [string, unknown]>, failedSteps?: readonly string[]): Summary;
