/** Runs in every test file (vitest setupFiles): what test/temp.ts made is removed when the file ends. */
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(removeTempDirs);

// Property tests run with one fixed seed unless FC_SEED says otherwise: a CI run is reproducible, and
// exploring new seeds is a deliberate `FC_SEED=$RANDOM npm test` (a counterexample prints its seed).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261204) });
