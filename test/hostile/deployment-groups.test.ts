/**
 * A committed .edgelint.yaml of many `{ name, files }` deployment groups (hostile15): each directory
 * compiled every group's globs again, and kept them: 400 groups of one directory each were 160,000
 * compiled globs, 5.5 s of CPU, and ran a 256 MB heap out (exit 134). The globs compiled are counted
 * (picomatch's calls), not timed; the built CLI shows the run completes in a small heap.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { SIBLING, expectSurvived, makeTree, removeTree, runCli } from './helpers.js';

const compiled = vi.hoisted(() => ({ count: 0 }));
vi.mock('picomatch', async (importOriginal) => {
  const actual = (await importOriginal<{ default: (...args: unknown[]) => unknown }>()).default;
  const counted = Object.assign((...args: unknown[]) => {
    compiled.count++;
    return actual(...args);
  }, actual);
  return { default: counted };
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

function groups(count: number): string {
  const files: Record<string, string> = {
    '.edgelint.yaml': `deployments:\n${Array.from({ length: count }, (_, i) => `  - name: d${i}\n    files: ["d${i}/**"]\n`).join('')}`,
    [SIBLING.path]: SIBLING.content,
  };
  for (let i = 0; i < count; i++) files[`d${i}/cm.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`;
  const dir = makeTree(files);
  dirs.push(dir);
  return dir;
}

describe('hostile deployment groups', () => {
  it('100 groups over 100 directories: each group compiled once, not once per directory', async () => {
    const dir = groups(100);
    compiled.count = 0;
    const result = await lint({ cwd: dir, paths: ['.'] });
    expect(result.deployments.map((d) => d.name).filter((n) => n !== undefined)).toHaveLength(100);
    // The groups once, and the config's few other globs (hosts, include, exclude; none here) at most once per deployment.
    expect(compiled.count).toBeLessThanOrEqual(100 + 101);
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([`${SIBLING.path}:${SIBLING.line}:${SIBLING.column} yaml/duplicate-key`]);
  });

  it('CLI (256 MB heap): 400 groups complete', () => {
    const run = runCli(groups(400), ['.'], 256, 60_000);
    expectSurvived(run);
    expect(run.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([`${SIBLING.path}:${SIBLING.line}:${SIBLING.column} yaml/duplicate-key`]);
  });
});
