// Types for measure.mjs, so its test is typechecked.

export declare const BENCH_ENV_KEEP: readonly string[];
export declare function benchEnv(from?: NodeJS.ProcessEnv): Record<string, string>;

export interface Measured {
  wallMs: number;
  cpuMs: number;
  rssBytes: number;
  exit: number | null;
  ok: boolean;
  timedOut: boolean;
  outOfMemory: boolean;
  stderr: string;
  stdout: string;
}
export declare function measure(argv: string[], options?: { cwd?: string; timeoutMs?: number; keepStdout?: boolean }): Measured;
