/**
 * Labels install scripts put on nodes (`kubectl label node`, `keadm join --labels`) meet the Node
 * objects a deployment applies (model/build.ts, placement.ts describedNodes). Both counts are the
 * repository's: each case is generated large, run by the built CLI with a 256 MB heap and the
 * helpers' wall-time bound (a super-linear pass there took minutes), and in-process for what it means.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, makeTree, removeTree, runCli, runLint } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

function lines(count: number, line: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(line(i));
  return out.join('');
}

const edgeNode = (name: string) => `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n  labels: {node-role.kubernetes.io/edge: ""}\n`;
const daemonSet = (name: string, selector: string) =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      nodeSelector: {${selector}}\n      containers: [{name: c, image: "nginx:1.25.3", imagePullPolicy: IfNotPresent}]\n`;

describe('named node labelings x Node objects of that name', () => {
  // 8,000 Node objects named n1 and 8,000 `kubectl label node n1 kI=v`: the labels of n1 were
  // gathered, and written into a key, once per Node object (246 s at this size; 4 s now).
  const count = 8_000;
  const dir = makeTree({
    'nodes.yaml': lines(count, () => `---\n${edgeNode('n1')}`),
    'install.sh': `#!/bin/bash\n${lines(count, (i) => `kubectl label node n1 k${i}=v\n`)}`,
    'agent.yaml': `${daemonSet('agent', `k${count - 1}: v`)}---\n${daemonSet('stray', `k${count}: v`)}`,
  });
  dirs.push(dir);

  it('CLI (256 MB heap, bounded wall time): no crash, nothing reported', () => {
    const run = runCli(dir, ['.']);
    expect(run.signal, run.stderr).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(0);
    expect(run.findings).toEqual([]);
  });

  it('in-process: the DaemonSet selecting the last label lands on the edge node n1, one selecting another label does not', async () => {
    const result = await runLint(dir, { paths: ['.'] });
    expect(result.errors).toEqual([]);
    const agent = result.model.workloads.find((w) => w.object.name === 'agent');
    expect(agent?.landsOn).toContain('edge');
    // A label no script gives n1 keeps a pod off it.
    const stray = result.model.workloads.find((w) => w.object.name === 'stray');
    expect(stray?.landsOn).not.toContain('edge');
  });
});
