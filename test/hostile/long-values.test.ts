/**
 * A value a message quotes (an object's name) can be as long as the file: quoted whole in each of the
 * 1,000 findings a rule may make in that file, a 1 MB ConfigMap name with 2,000 bad label keys made 1 GB
 * of JSON (63 s, 2.1 GB of memory; hostile11). Quoted values and related messages are now cut in the
 * middle past MAX_QUOTED characters (src/engine/run-rules.ts clipText). The built CLI, 256 MB heap, 60 s.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_QUOTED, clipText } from '../../src/engine/run-rules.js';
import { STACK_TRACE, expectedStatus, makeTree, removeTree, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

describe('hostile long values quoted in messages', () => {
  it('a 400,000-character name with 1,500 bad label keys: each message quotes the name cut short', () => {
    const name = `n${'a'.repeat(400_000)}z`;
    let labels = '';
    for (let i = 0; i < 1500; i++) labels += `    "bad key ${i}": v\n`;
    const dir = makeTree({ 'a.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  labels:\n${labels}` });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    const schema = run.findings.filter((f) => f.ruleId === 'k8s/schema');
    // The name itself (line 4), then 999 of the label keys (line 6 on), and one counting the rest.
    expect(schema).toHaveLength(1001);
    expect(schema.slice(0, 2).map((f) => [f.line, f.column])).toEqual([
      [4, 9],
      [6, 5],
    ]);
    expect(schema[0].message).toMatch(/^ConfigMap naaa+\[… \d+ characters left out …\]a+z: the API server rejects the object \(metadata\.name: Invalid value: "naaa+\[… \d+ characters left out …\]a+z": must be no more than 253 characters\)\.$/);
    expect(schema[1].message).toMatch(/^ConfigMap naaa+\[… \d+ characters left out …\]a+z: the API server rejects the object \(metadata\.labels: Invalid value: "bad key 0": /);
    expect(Math.max(...run.findings.map((f) => f.message.length))).toBeLessThan(3 * MAX_QUOTED);
    expect(run.stdout.length).toBeLessThan(10_000_000);
  });

  it('clipText keeps short text, and never splits a surrogate pair', () => {
    expect(clipText('short', 10)).toBe('short');
    const clipped = clipText('😀'.repeat(50), 21);
    expect(clipped).toBe(`${'😀'.repeat(7)}[… 82 characters left out …]${'😀'.repeat(2)}`);
    expect(clipped).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});
