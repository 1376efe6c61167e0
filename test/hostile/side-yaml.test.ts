/**
 * YAML read beside the linted files (a docker-compose.yml's services, a kustomization's generators, a
 * tooling vars file's release), the config, and `--fix`'s check that a fix parses no worse. Each was
 * parsed with yaml's `uniqueKeys`, which compares each key with every earlier key of its mapping
 * (75,000–95,000 keys: 74–180 s), and the side files and --fix's check without the budget the linted
 * YAML is held to (nested `[` ran a 256 MB heap out). The built CLI, 256 MB heap, 60 s: an honest run
 * of each takes under 8 s (--fix on 95,000 keys: 15 s, bound 120 s).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SIBLING, STACK_TRACE, expectedStatus, makeTree, removeTree, runCli } from './helpers.js';
import type { CliRun } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

/** `count` distinct short keys (base 36), one a line, at `indent`: about 7 bytes a key. */
function keys(count: number, indent = ''): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`${indent}k${i.toString(36)}: 0`);
  return lines.join('\n') + '\n';
}

const NESTED = '['.repeat(1_500_000) + ']'.repeat(1_500_000);
const EDGECORE = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    hostnameOverride: a\n';

function completed(run: CliRun): void {
  expect(run.signal).toBeNull();
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
}

function siblingReported(run: CliRun): void {
  expect(run.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toContainEqual(['yaml/duplicate-key', SIBLING.path, SIBLING.line, SIBLING.column]);
}

describe('hostile YAML read beside the linted files', () => {
  it.each([
    ['docker-compose.yml: 95,000 keys', 'docker-compose.yml', `services: {}\n${keys(95_000)}`],
    ['docker-compose.yml: 3 MB of nested flow sequences', 'docker-compose.yml', `services:\n  a: ${NESTED}\n`],
    ['kustomization.yaml: a generator beside 95,000 keys', 'kustomization.yaml', `configMapGenerator:\n- name: x\n${keys(95_000)}`],
    ['a vars file stating the release beside 95,000 keys', 'vars.yml', `kubeedge_version: v1.14.0\n${keys(95_000)}`],
  ])('%s: read within the budget, the sibling still reported', (_name, path, content) => {
    const dir = makeTree({ [path]: content, [SIBLING.path]: SIBLING.content, 'edgecore.yaml': EDGECORE });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    completed(run);
    siblingReported(run);
  });

  it('the vars file still states the release its node runs', () => {
    const dir = makeTree({ 'vars.yml': `kubeedge_version: v1.14.0\n${keys(20)}`, 'edgecore.yaml': EDGECORE });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    completed(run);
    expect(run.stderr).toMatch(/edgecore\.yaml: judged as KubeEdge 1\.14 \(kubeedge_version: v1\.14\.0 at vars\.yml:1:19\)/);
  });
});

describe('hostile .edgelint.yaml', () => {
  it('95,000 keys (a config may hold 100,000 lines of them): one clear config error, in time', () => {
    const dir = makeTree({ '.edgelint.yaml': keys(95_000), [SIBLING.path]: SIBLING.content });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe("edgelint: .edgelint.yaml:1:1: k0: unknown key");
  });

  it('a repeated key is still a config error at the second one', () => {
    const dir = makeTree({ '.edgelint.yaml': `kubeedgeVersion: "1.20"\nrules:\n  k8s/schema: off\n  k8s/schema: warning\n`, [SIBLING.path]: SIBLING.content });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('edgelint: .edgelint.yaml:4:3: Map keys must be unique\n');
  });
});

describe('hostile files under --fix', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    node-role.kubernetes.io/edge: ""\n  containers:\n  - name: c\n    image: nginx:1.25.3\n';

  // --fix lints, applies and lints again: 95,000 keys take ~15 s (120 s bound; ~180 s before).
  it.each([
    ['a fixable Pod whose labels are 95,000 keys', pod.replace('  name: p\n', `  name: p\n  labels:\n${keys(95_000, '    ')}`), 120_000],
    ['a fixable Pod beside a document of 3 MB of nested flow sequences', `${pod}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: ${NESTED}\n`, 60_000],
  ])('%s: the fix is applied', (_name, content, timeout) => {
    const dir = makeTree({ 'pod.yaml': content });
    dirs.push(dir);
    const run = runCli(dir, ['--fix', '.'], 256, timeout);
    completed(run);
    expect(run.stderr).toBe('edgelint: applied 1 fix in 1 file\n');
    expect(readFileSync(join(dir, 'pod.yaml'), 'utf8')).toContain('    image: nginx:1.25.3\n    imagePullPolicy: IfNotPresent\n');
  });
});
