// The shell parser compiles tree-sitter's WebAssembly under `--liftoff-only` and leaves tier-up off
// (src/core/v8-flags.ts); a V8 code cache made under the default flags (an edgecore validator's,
// made by the build) must still be accepted when it is read after the parser was loaded.
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as v8 from 'node:v8';
import { boundHeapGrowth, delayOptimization, releaseHeapGrowth, withDefaultV8Flags, withoutWasmTierUp } from '../../src/core/v8-flags.js';

// V8 keeps the scripts it compiled (its compilation cache) and reuses one for the same source
// without looking at cachedData: each Script below has its own source, of the same length, which is
// all of the source a cache is checked against (SerializedCodeData::SourceHash in V8).
const source = (n: number) => `(function validator${n}(value) { return typeof value === "object" && value !== null; })`;

describe('V8 flags edgelint changes while it runs', () => {
  it('reads a code cache made under the default flags while a large stream holds the heap growth down, and lets go after', () => {
    // Made under V8's defaults, as the build makes the validators' caches.
    const cachedData = withDefaultV8Flags(() => new Script(source(20), { filename: 'validator.cjs' }).createCachedData());
    boundHeapGrowth(v8);
    try {
      // --heap-growing-percent is part of V8's flag hash: a cache read directly is rejected.
      expect(new Script(source(21), { filename: 'validator.cjs', cachedData }).cachedDataRejected).toBe(true);
      expect(withDefaultV8Flags(() => new Script(source(22), { filename: 'validator.cjs', cachedData })).cachedDataRejected).toBe(false);
      expect(new Script(source(23), { filename: 'validator.cjs', cachedData }).cachedDataRejected).toBe(true);
    } finally {
      releaseHeapGrowth();
    }
    expect(new Script(source(24), { filename: 'validator.cjs', cachedData }).cachedDataRejected).toBe(false);
  });

  it('reads a code cache made under the default flags after the WebAssembly was compiled', async () => {
    const cachedData = new Script(source(0), { filename: 'validator.cjs' }).createCachedData();
    expect(new Script(source(1), { filename: 'validator.cjs', cachedData }).cachedDataRejected).toBe(false);

    const compiled = await withoutWasmTierUp(async () => 'compiled');
    expect(compiled).toBe('compiled');
    // Tier-up stays off: V8 would reject the cache here, and compile the source.
    expect(new Script(source(2), { filename: 'validator.cjs', cachedData }).cachedDataRejected).toBe(true);
    // Read under the defaults, it is accepted; and the flags go back to no tier-up after.
    expect(withDefaultV8Flags(() => new Script(source(3), { filename: 'validator.cjs', cachedData })).cachedDataRejected).toBe(false);
    expect(new Script(source(4), { filename: 'validator.cjs', cachedData }).cachedDataRejected).toBe(true);
  });

  // The command line delays TurboFan in directory and script runs: another flag V8 hashes into caches.
  it('reads a code cache made under the default flags after TurboFan was delayed', async () => {
    // Made under V8's defaults, as the build makes the validators' caches (the test above left tier-up off).
    const cachedData = withDefaultV8Flags(() => new Script(source(10), { filename: 'validator.cjs' }).createCachedData());
    await delayOptimization();
    expect(new Script(source(11), { filename: 'validator.cjs', cachedData }).cachedDataRejected).toBe(true);
    expect(withDefaultV8Flags(() => new Script(source(12), { filename: 'validator.cjs', cachedData })).cachedDataRejected).toBe(false);
    expect(new Script(source(13), { filename: 'validator.cjs', cachedData }).cachedDataRejected).toBe(true);
  });
});
