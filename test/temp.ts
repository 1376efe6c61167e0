/**
 * Temporary folders for tests. Every folder made here is removed after the test file that made it
 * (test/setup.ts registers the cleanup for every file), so a run leaves nothing in the system's temp
 * folder however a test ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new empty folder `edgelint-<prefix>-XXXXXX` in the system temp folder, removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `edgelint-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made so far. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
