/**
 * The V8 flags edgelint changes while it runs, in one place, because V8's code caches depend on them.
 *
 * The shell parser compiles tree-sitter's WebAssembly with `--liftoff-only` (see withoutWasmTierUp).
 * V8 stamps a hash of its flags into every code cache and rejects a cache under other flags
 * (https://nodejs.org/docs/latest-v20.x/api/vm.html#scriptcreatecacheddata: `cachedDataRejected`), and
 * `--no-liftoff-only` does not undo the flag's implications (`--no-wasm-tier-up`,
 * `--no-wasm-dynamic-tiering`, src/flags/flag-definitions.h in V8). Put back to V8's defaults, the
 * tree-sitter functions compiled lazily afterwards tier up again (TurboFan, ~1 s of CPU on a
 * 1,000-line script, measured with `--trace-wasm-compilation-times`). So the flags stay changed, and
 * a code cache read afterwards (an edgecore validator's, when a script writes an edgecore.yaml) is
 * read through withDefaultV8Flags: before, V8 rejected it and compiled the validator from source in
 * every such run.
 *
 * The command line also delays TurboFan in runs that read a directory, a script of 4 KB or more, or
 * files of 64 KB up to 32 MB (delayOptimization, src/core/run-shape.ts optimizationDelay):
 * the same cache rule applies, and withDefaultV8Flags puts that flag back too while a cache is read.
 */

/** What `--liftoff-only` sets, and V8's default of each (`node --v8-options`). */
const DEFAULT_FLAGS = '--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering';
const NO_TIER_UP = '--no-liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering';
/** V8's default (`node --v8-options`: 3), and what delayOptimization sets. */
const DEFAULT_TICKS = '--ticks-before-optimization=3';
const DELAYED_TICKS = '--ticks-before-optimization=30';
/** V8's default, and what boundHeapGrowth sets. */
const DEFAULT_GROWTH = '--heap-growing-percent=0';
const BOUNDED_GROWTH = '--heap-growing-percent=15';

/** A command line that sets one of those flags is left as it was given. */
const TIERING_FLAG = /^--(no-)?(liftoff-only|wasm-tier-up|wasm-dynamic-tiering|liftoff)(=|$)/;
const TICKS_FLAG = /^--ticks[-_]before[-_]optimization(=|$)/;
const GROWTH_FLAG = /^--heap[-_]growing[-_]percent(=|$)/;

/** node:v8's setFlagsFromString, once a flag was changed; undefined while they are V8's defaults. */
let setFlags: ((flags: string) => void) | undefined;
/** Which of the two changes are in force. */
let noTierUp = false;
let delayedTicks = false;
let boundedGrowth = false;

/** The flags as edgelint changed them, and the same flags at V8's defaults. */
function changed(): { now: string; defaults: string } {
  return {
    now: [noTierUp ? NO_TIER_UP : '', delayedTicks ? DELAYED_TICKS : '', boundedGrowth ? BOUNDED_GROWTH : ''].join(' ').trim(),
    defaults: [noTierUp ? DEFAULT_FLAGS : '', delayedTicks ? DEFAULT_TICKS : '', boundedGrowth ? DEFAULT_GROWTH : ''].join(' ').trim(),
  };
}

/**
 * Makes TurboFan, V8's optimising compiler, wait ten times as long before it considers a function
 * (`--ticks-before-optimization`, 3 → 30: a tick is a function's interrupt budget of executed
 * bytecode, src/execution/tiering-manager.cc in V8). A run that reads a directory or a script is a few
 * hundred milliseconds of code run once or a few times, and TurboFan compiled its hottest functions on
 * background threads all the same: yaml's lexer generators in the example fleet (~23 ms of CPU, 7 KB of
 * YAML), the tree-sitter copy, word and headline loops of a 1,000-line installer (~60 ms, 60 functions;
 * `--trace-opt`), most of it finished when the run was. A long run still tiers up: ten times as many
 * ticks is milliseconds in a run of seconds. A script run under 4 KB is left alone (session 26: the
 * load of node:v8 cost more than TurboFan's compiles in it, src/core/run-shape.ts optimizationDelay),
 * unless node:v8 is loaded anyway (delayOptimizationIfV8Loads).
 * The command line calls this (src/cli.ts); a library
 * caller's process is left alone. 12 (session 21) still left ~40 M instructions of TurboFan compiles
 * in the example fleet's background threads; at 30 (session 24, callgrind, all threads) the fleet
 * 427.7 -> 400.9 M, the 1,000-line installer 576.5 -> 569.1 M, the 68-line script 276.8 -> 274.2 M,
 * main threads unchanged; a directory of a 1,000-object Helm stream and a 5,000-line installer
 * 0.94x the CPU (11 alternating runs). 100 measured the same as 30. Since session 30 named files of
 * 64 KB up to 32 MB too (run-shape.ts LARGE_FILES_RUN_BYTES, LONG_FILES_RUN_BYTES): a Helm stream
 * named alone had kept V8's default, and TurboFan's compiles were 37.5% of a 1,000-object stream's
 * instructions; a 100,000-object stream (111 MB) took 1.04-1.12× the CPU with the delay.
 */
export async function delayOptimization(): Promise<void> {
  if (delayedTicks || process.execArgv.some((arg) => TICKS_FLAG.test(arg))) return;
  // Loaded here: `node:v8` costs ~6 ms of CPU to load, which one-file runs need not pay.
  const v8 = await import('node:v8');
  setFlags = v8.setFlagsFromString;
  delayedTicks = true;
  setFlags(DELAYED_TICKS);
}

/** A delay the command line asked for only if node:v8 is loaded anyway (delayOptimizationIfV8Loads). */
let delayIfLoaded = false;

/**
 * For a short script run: no load of node:v8 for the delay alone, but if the run loads it anyway (the
 * WebAssembly shell parser, withoutWasmTierUp), the delay comes with it (loadPendingDelay), and with
 * it the web-tree-sitter chunk's code cache, which the build made under the delay
 * (scripts/cli-code-cache.mjs; V8 hashes the flag into it).
 */
export function delayOptimizationIfV8Loads(): void {
  delayIfLoaded = true;
}

/** Called where node:v8 is about to be loaded anyway: applies a delay the command line left pending. */
export async function loadPendingDelay(): Promise<void> {
  if (!delayIfLoaded) return;
  delayIfLoaded = false;
  await delayOptimization();
}

/**
 * Compiles WebAssembly with V8's baseline compiler (Liftoff) only. By default V8 also recompiles hot
 * functions with its optimising compiler (TurboFan) on background threads; for tree-sitter-bash that
 * is the grammar's 160 KB lexer function and the runtime's parse loop, about 1 s of CPU (measured
 * with `--trace-wasm-compilation-times`: 562 ms and 309 ms for those two), more than parsing a
 * 100,000-line script costs with Liftoff code (0.6 s). Measured whole processes parsing a 1,000-line
 * script: 0.2 s of CPU instead of 1.2 s; 100,000 lines: 0.9 s instead of 2.0 s.
 *
 * Tier-up stays off afterwards (see above); other WebAssembly in the process, of which the CLI has
 * none, would be compiled without it too. `--liftoff-only` is a V8 flag
 * (https://chromium.googlesource.com/v8/v8/+/refs/heads/main/src/flags/flag-definitions.h).
 */
export async function withoutWasmTierUp<T>(compile: () => Promise<T>): Promise<T> {
  // Loaded here: `node:v8` costs ~6 ms of CPU to load, which runs without a script need not pay.
  const v8 = await import('node:v8');
  if (!noTierUp && !process.execArgv.some((arg) => TIERING_FLAG.test(arg))) {
    setFlags = v8.setFlagsFromString;
    setFlags('--liftoff-only');
    noTierUp = true;
  }
  try {
    return await compile();
  } finally {
    if (noTierUp) setFlags?.(NO_TIER_UP);
  }
}

/**
 * Runs `compile` (a `new vm.Script(…, { cachedData })`, synchronous: no WebAssembly function is
 * compiled meanwhile) under V8's default flags, the flags the build made the cache under.
 */
export function withDefaultV8Flags<T>(compile: () => T): T {
  const set = setFlags;
  const { now, defaults } = changed();
  if (!set || !now) return compile();
  set(defaults);
  try {
    return compile();
  } finally {
    set(now);
  }
}

/**
 * How far V8 lets the heap grow past what its last full collection found live, while a large YAML
 * stream is linted. V8 chooses a factor of up to 4 from how fast it collects against how fast the
 * program allocates (MemoryController::GrowingFactor in src/heap/heap-controller.cc); reading a
 * 100,000-object Helm stream, building its model and running the rules, that left ~200 MB of
 * garbage above ~350 MB live at the peak. `--heap-growing-percent` fixes the factor (1 + N/100) and
 * is read at every collection. 100,000 objects, whole process: peak RSS 636 -> 568-573 MB at 15
 * (594 MB at 30), for 2-4% more CPU (more full collections, partly on the second core).
 *
 * Held until releaseHeapGrowth (lint() calls it as it returns). Flags are the process's: a command
 * line that sets the flag is left as it was given, and code caches read meanwhile go through
 * withDefaultV8Flags, as V8 stamps the flag into its cache hash.
 */
export function boundHeapGrowth(v8: Pick<typeof import('node:v8'), 'setFlagsFromString'>): void {
  if (boundedGrowth || process.execArgv.some((arg) => GROWTH_FLAG.test(arg))) return;
  setFlags = v8.setFlagsFromString;
  setFlags(BOUNDED_GROWTH);
  boundedGrowth = true;
}

export function releaseHeapGrowth(): void {
  if (!boundedGrowth) return;
  setFlags?.(DEFAULT_GROWTH);
  boundedGrowth = false;
}
