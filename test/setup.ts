/** Runs in every test file (vitest setupFiles): what test/temp.ts made is removed when the file ends. */
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { forceShellBackendForTests } from '../src/script/bash-parser.js';
import { removeTempDirs } from './temp.js';

afterAll(removeTempDirs);

// Property tests run with one fixed seed unless FC_SEED says otherwise: a CI run is reproducible, and
// exploring new seeds is a deliberate `FC_SEED=$RANDOM npm test` (a counterexample prints its seed).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261204) });

// The shell parser's backend (src/script/bash-backend.ts): the native addons where they load, like a
// user's run. `EDGELINT_TEST_SHELL_BACKEND=wasm npx vitest run test/script test/rules test/script-e2e`
// runs the script suites on the WebAssembly backend instead (`native` fails where the addons do not load).
const backend = process.env.EDGELINT_TEST_SHELL_BACKEND;
if (backend === 'wasm' || backend === 'native') forceShellBackendForTests(backend);
else if (backend) throw new Error(`EDGELINT_TEST_SHELL_BACKEND=${backend}: expected wasm or native`);
