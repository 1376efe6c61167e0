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
 */

/** What `--liftoff-only` sets, and V8's default of each (`node --v8-options`). */
const DEFAULT_FLAGS = '--no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering';
const NO_TIER_UP = '--no-liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering';

/** A command line that sets one of those flags is left as it was given. */
const TIERING_FLAG = /^--(no-)?(liftoff-only|wasm-tier-up|wasm-dynamic-tiering|liftoff)(=|$)/;

/** node:v8's setFlagsFromString once withoutWasmTierUp has changed the flags; undefined while they are V8's defaults. */
let changedBy: ((flags: string) => void) | undefined;

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
  const { setFlagsFromString } = await import('node:v8');
  if (!changedBy && !process.execArgv.some((arg) => TIERING_FLAG.test(arg))) {
    setFlagsFromString('--liftoff-only');
    changedBy = setFlagsFromString;
  }
  try {
    return await compile();
  } finally {
    changedBy?.(NO_TIER_UP);
  }
}

/**
 * Runs `compile` (a `new vm.Script(…, { cachedData })`, synchronous: no WebAssembly function is
 * compiled meanwhile) under V8's default flags, the flags the build made the cache under.
 */
export function withDefaultV8Flags<T>(compile: () => T): T {
  const setFlags = changedBy;
  if (!setFlags) return compile();
  setFlags(DEFAULT_FLAGS);
  try {
    return compile();
  } finally {
    setFlags(NO_TIER_UP);
  }
}
