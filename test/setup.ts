/** Runs in every test file (vitest setupFiles): what test/temp.ts made is removed when the file ends. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(removeTempDirs);
