/**
 * GitHub runs action/dist/index.js straight from the repository, without `npm ci` (GitHub Actions docs,
 * "Creating a JavaScript action": commit the compiled file). So the committed bundle must be what the
 * sources build to today: this rebuilds it in memory with the options scripts/build.mjs uses and
 * compares bytes. On failure: `npm run build:action` and commit action/dist/index.js.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ACTION_OUTFILE, actionOptions } from '../../scripts/build-options.mjs';
import { ROOT } from './helpers.js';

describe('committed Action bundle', () => {
  it('is byte for byte what `npm run build:action` produces from the current sources', async () => {
    const fresh = await build({ ...actionOptions(ROOT), write: false });
    expect(fresh.outputFiles).toHaveLength(1);
    const committed = readFileSync(join(ROOT, ACTION_OUTFILE));
    const rebuilt = Buffer.from(fresh.outputFiles[0].contents);
    const same = committed.equals(rebuilt);
    expect(same, `${ACTION_OUTFILE} is stale (${committed.length} bytes committed, ${rebuilt.length} built): run \`npm run build:action\` and commit it`).toBe(true);
  });
});
