/**
 * An install script of many `keadm join`s and `sed -i` edits of the edgecore.yaml they write: each edit
 * is given the join before it. Compared with every join, 20,000 of each took ~38 s of CPU; by
 * bisection ~3 s. The bound (256 MB heap, 20 s) is far above an honest run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, expectedStatus, makeTree, removeTree, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

const PAIRS = 20_000;

function script(): string {
  const lines = ['#!/bin/bash'];
  for (let i = 0; i < PAIRS; i++) {
    lines.push('keadm join --kubeedge-version=v1.22.0 -e 10.0.0.1:10000');
    lines.push(`sed -i '/edged:/a\\    nodeIP: 10.0.0.${i % 250}' /etc/kubeedge/config/edgecore.yaml`);
  }
  return lines.join('\n') + '\n';
}

describe('hostile install script: 20,000 keadm joins, each followed by an edit of its edgecore.yaml', () => {
  const dir = makeTree({ 'install.sh': script() });
  dirs.push(dir);

  it('CLI (256 MB heap, 20 s): every edit judged against its join, the rule capped per file', () => {
    const run = runCli(dir, ['.'], 256, 20_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    expect(run.findings).toHaveLength(1001);
    expect(run.findings.slice(0, 2).map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['script/yaml-line-edit', 3, 1],
      ['script/yaml-line-edit', 5, 1],
    ]);
    expect(run.findings[0].message).toMatch(/^`sed -i` inserts `nodeIP` into \/etc\/kubeedge\/config\/edgecore\.yaml at modules\.edged\.nodeIP/);
    expect(run.findings[1000].message).toMatch(/^19000 more script\/yaml-line-edit findings in this file/);
  });
});
