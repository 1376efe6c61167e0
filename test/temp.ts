/**
 * Temporary folders for tests. Every folder made here is removed after the test file that made it
 * (test/setup.ts registers the cleanup for every file), so a run leaves nothing in the system's temp
 * folder however a test ends.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

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

/**
 * A temp folder holding `files` (paths relative to it, folders made as needed); with `repository`,
 * also an empty `.git`, so the folder is a repository root as edgelint finds one.
 */
export function tempTree(prefix: string, files: Record<string, string>, options: { repository?: boolean } = {}): string {
  const dir = tempDir(prefix);
  if (options.repository) mkdirSync(join(dir, '.git'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
