/**
 * The external real-file corpus the system suite reads: `../shared/corpus` beside the clone (where CI
 * lays it), or the folder EDGELINT_CORPUS names. `npm test` never reads it; its tests use the fixtures
 * in test/fixtures/upstream, which test/system/upstream-facts.test.ts holds to these real files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const CORPUS_DIR = process.env.EDGELINT_CORPUS ?? join(ROOT, '..', 'shared', 'corpus');

/** A file of the corpus; a clear error when the corpus is not there. */
export function corpus(rel: string): string {
  if (!existsSync(CORPUS_DIR)) {
    throw new Error(`the system suite reads the real-file corpus at ${CORPUS_DIR}: lay it beside the clone as ../shared/corpus, or set EDGELINT_CORPUS`);
  }
  return readFileSync(join(CORPUS_DIR, rel), 'utf8');
}
