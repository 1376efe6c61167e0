/**
 * yaml builds a double-quoted scalar one character at a time, and V8 keeps such a string as a rope of
 * one node per character until something reads it whole (src/parse/yaml-ropes.ts). Annotations
 * nothing reads stayed ropes: 20,000 ConfigMaps with a 1 KB double-quoted annotation (22 MB) held
 * 640 MB and ran a 256 MB heap out of memory. Values with an escaped quote every few characters
 * must not escape the flattening either: this case aborted a 256 MB heap after 39 s (404 MB RSS); now
 * 15 s and 232 MB RSS on a loaded machine. The built CLI, 256 MB heap, 120 s.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, SIBLING, expectedStatus, makeTree, removeTree, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

const OBJECTS = 20_000;

describe('hostile quoted scalars', () => {
  it(`${OBJECTS} objects with a 1.4 KB double-quoted annotation, an escaped quote every 15 characters: no out-of-memory`, () => {
    const value = Array.from({ length: 100 }, (_, i) => `word-${String(i).padStart(3, '0')} \\"x\\"`).join('');
    const docs = Array.from({ length: OBJECTS }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  annotations:\n    example.com/note: "${value}${i}"\n`);
    const dir = makeTree({ 'notes.yaml': docs.join('---\n'), [SIBLING.path]: SIBLING.content });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 120_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    expect(run.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`)).toEqual([`yaml/duplicate-key ${SIBLING.path}:${SIBLING.line}:${SIBLING.column}`]);
  });
});
