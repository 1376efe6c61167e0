/**
 * A long pipeline (hostile15): `echo a | cat | cat …` nests to the left, one BinaryCmd per pipe, and
 * the reader asked each pipe for the pipeline's first command by walking down the chain again: 20,000
 * pipes took 2.95 s of CPU, 50,000 14.4 s and 340 MB. The work is counted as the reader's questions
 * about node types (a count, not a clock): doubling the pipes must about double them.
 */
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { emptyReading } from '../../src/script/reading.js';
import { ScriptReader } from '../../src/script/script-reader.js';
import { parseShell } from '../../src/script/shell-parser.js';

async function nodeTypeQuestions(pipes: number): Promise<number> {
  const text = `#!/bin/sh\ncat <<EOF${' | cat'.repeat(pipes)} | tee /etc/mosquitto/mosquitto.conf\nlistener 1883\nEOF\n`;
  const outcome = await parseShell(text);
  if (!outcome.ok) throw new Error(outcome.message);
  let asked = 0;
  const script = { ...outcome.script, nodeType: (node: Parameters<typeof outcome.script.nodeType>[0]) => (asked++, outcome.script.nodeType(node)) };
  const reading = emptyReading();
  new ScriptReader(new SourceFile('install.sh', text, 'shell'), script, reading).read();
  // Each pipe was looked at.
  expect(asked).toBeGreaterThan(pipes);
  return asked;
}

describe('hostile pipelines', () => {
  it('4,000 pipes ask about twice what 2,000 do (quadratic before: each pipe walked the chain to its first command)', async () => {
    const small = await nodeTypeQuestions(2_000);
    const large = await nodeTypeQuestions(4_000);
    expect(large / small).toBeLessThan(2.2);
  });
});
