/**
 * script/yaml-line-edit asks whether a `sed -i` substitution can match the file it edits by searching
 * the file's text for each pattern (idlePattern): a sed line of 999 substitutions on a 4 MB
 * edgecore.yaml was 999 searches of 4 MB (1 MB: 16 s). Past a bound the question is left undecided
 * (hostile12). The built CLI, 256 MB heap; the 60 s only turns a hang into a failure.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expectSurvived, makeTree, removeTree, runCli, SIBLING } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

describe('hostile sed substitutions searched through the edited file', () => {
  it('CLI (256 MB heap, 60 s): 999 substitutions on a 4 MB edgecore.yaml, reported at the sed line', () => {
    const config = `apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    hostnameOverride: ${'z'.repeat(4_000_000)}\n`;
    const script = `#!/bin/bash\nsed -i '${Array(999).fill('s/zq/x/').join(';')}' edgecore.yaml\n`;
    const dir = makeTree({ 'edge/edgecore.yaml': config, 'edge/install.sh': script, [SIBLING.path]: SIBLING.content });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expectSurvived(run);
    expect(run.findings.filter((f) => f.file === 'edge/install.sh').map((f) => [f.ruleId, f.line, f.column])).toEqual([['script/yaml-line-edit', 2, 1]]);
  });
});
