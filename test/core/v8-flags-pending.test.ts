// A short script run leaves the TurboFan delay pending (src/cli.ts, src/core/run-shape.ts
// optimizationDelay): set only if node:v8 is loaded anyway, by the WebAssembly shell parser, which
// applies it before importing web-tree-sitter's chunk, whose code cache the build made under it.
// A file of its own: the delay is process-wide and v8-flags.test.ts sets it outright.
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { delayOptimizationIfV8Loads, loadPendingDelay, withDefaultV8Flags } from '../../src/core/v8-flags.js';

const source = (n: number) => `(function chunk${n}(value) { return typeof value === "string" && value.length > 0; })`;

describe('a TurboFan delay left pending', () => {
  it('changes no flag until something that loads node:v8 asks for it, then delays', async () => {
    const cachedData = withDefaultV8Flags(() => new Script(source(0), { filename: 'chunk.cjs' }).createCachedData());
    // Nothing pending: nothing changes.
    await loadPendingDelay();
    expect(new Script(source(1), { filename: 'chunk.cjs', cachedData }).cachedDataRejected).toBe(false);
    delayOptimizationIfV8Loads();
    expect(new Script(source(2), { filename: 'chunk.cjs', cachedData }).cachedDataRejected).toBe(false);
    await loadPendingDelay();
    // --ticks-before-optimization is in V8's flag hash: a cache made under the defaults is now rejected.
    expect(new Script(source(3), { filename: 'chunk.cjs', cachedData }).cachedDataRejected).toBe(true);
    expect(withDefaultV8Flags(() => new Script(source(4), { filename: 'chunk.cjs', cachedData })).cachedDataRejected).toBe(false);
  });
});
