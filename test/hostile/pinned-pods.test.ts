/**
 * Thousands of hostPort pods pinned one per node (`nodeName`, or a `kubernetes.io/hostname`
 * nodeSelector), the way EdgeMesh's examples pin one pod per edge node. Each bind was compared with
 * every other placement on its port, each pair remembered: 4,000 such pods took 120 s of CPU and 3 GB.
 * Indexed by the pin, ~2 s. Pods that may share nodes with thousands of others (each bound to its node
 * beside DaemonSets each pinned to its own zone) are compared with a bounded number of placements and
 * the rest summarised. The bound (256 MB heap, 60 s) is far above an honest run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, expectedStatus, makeTree, removeTree, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

const PODS = 3000;
const ZONED = 2000;

function pod(name: string, pin: string, port: number): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${pin}  hostNetwork: true\n  containers:\n  - name: c\n    image: nginx:1.25.3\n    imagePullPolicy: IfNotPresent\n    ports:\n    - containerPort: ${port}\n      hostPort: ${port}\n`;
}

function daemonSet(name: string, zone: string): string {
  return `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      nodeSelector:\n        zone: ${zone}\n      hostNetwork: true\n      containers:\n      - name: c\n        image: nginx:1.25.3\n        imagePullPolicy: IfNotPresent\n        ports:\n        - containerPort: 90\n          hostPort: 90\n`;
}

/** The 1-based line of `hostPort` in the document at `index` of `docs` joined by `---`. */
function hostPortLine(docs: string[], index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) line += docs[i].split('\n').length;
  return line + docs[index].split('\n').length - 2;
}

describe('hostile manifests: thousands of hostPort pods, each pinned to its own node', () => {
  const docs: string[] = [];
  for (let i = 0; i < PODS; i++) docs.push(pod(`p${i}`, `  nodeName: node-${i}\n`, 80));
  for (let i = 0; i < PODS; i++) docs.push(pod(`q${i}`, `  nodeSelector:\n    kubernetes.io/hostname: host-${i}\n`, 81));
  // One pod bound to node-7 beside p7: the only pair that meets on a node.
  docs.push(pod('twin', '  nodeName: node-7\n', 80));
  const dir = makeTree({ 'pods.yaml': docs.join('---\n') });
  dirs.push(dir);

  it('CLI (256 MB heap, 60 s): only the two pods bound to one node are reported', () => {
    const run = runCli(dir, ['.'], 256, 60_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    expect(run.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['node/host-port-conflict', hostPortLine(docs, 7), 17],
      ['node/host-port-conflict', hostPortLine(docs, 2 * PODS), 17],
    ]);
    expect(run.findings[0].message).toMatch(/^Host port 80\/TCP on edge nodes is claimed twice by pods bound by nodeName to node node-7: Pod p7 \(container c\) claims 0\.0\.0\.0:80 .*, and Pod twin \(container c\) claims/);
  });
});

describe('hostile manifests: thousands of pods bound to nodes beside thousands of DaemonSets pinned to zones', () => {
  const docs: string[] = [];
  for (let i = 0; i < ZONED; i++) docs.push(pod(`p${i}`, `  nodeName: node-${i}\n`, 90));
  for (let i = 0; i < ZONED; i++) docs.push(daemonSet(`d${i}`, `z${i}`));
  const dir = makeTree({ 'pods.yaml': docs.join('---\n') });
  dirs.push(dir);

  it('CLI (256 MB heap, 60 s): every bind reported once, the others summarised, the rule capped per file', () => {
    const run = runCli(dir, ['.'], 256, 60_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    const conflicts = run.findings.filter((f) => f.ruleId === 'node/host-port-conflict');
    expect(conflicts).toHaveLength(1001);
    // Any node may be in any zone: each pod meets every DaemonSet, each DaemonSet every pod (and no other DaemonSet).
    expect([conflicts[0].line, conflicts[0].column]).toEqual([hostPortLine(docs, 0), 17]);
    expect(conflicts[0].message).toMatch(/^Host port 90\/TCP on cloud nodes is bound many times: Pod p0 \(container c\) binds 0\.0\.0\.0:90 .*; also \(1\) DaemonSet d0 \(container c\) binds 0\.0\.0\.0:90, \(2\) DaemonSet d1 .*, and more \(7 listed below\);/);
    expect(conflicts[1000].message).toMatch(/^3000 more node\/host-port-conflict findings in this file/);
  });
});
