/**
 * k8s/schema reports each issue with its path from the object's root. A CRD's openAPIV3Schema is a
 * recursive type (JSONSchemaProps), so the repository chooses how deep a path goes and how many
 * issues share it: each issue holding its own copy of a deep path ran the 256 MB heap out on a
 * 1.3 MB file. Long paths are written with their middle left out; short ones whole.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, makeTree, removeTree, runCli, runLint } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

const CRD_HEAD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: foos.example.com\nspec:\n  group: example.com\n  names: {kind: Foo, plural: foos}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n';

/** `depth` levels of `properties: {a: …}`, then one mapping of `width` unknown keys over lines of 10,000. */
function deepCrd(depth: number, width: number): string {
  const rows: string[] = [];
  for (let r = 0; r * 10_000 < width; r++) {
    const keys: string[] = [];
    for (let i = r * 10_000; i < Math.min(width, (r + 1) * 10_000); i++) keys.push(`x${i}: 1`);
    rows.push(`         ${keys.join(', ')}`);
  }
  return `${CRD_HEAD}        ${'{properties: {a: '.repeat(depth)}{\n${rows.join(',\n')}\n         }${'}}'.repeat(depth)}\n`;
}

describe('deep schema paths', () => {
  it('90,000 unknown keys 200 levels down (CLI, 256 MB heap): each reported with the path’s middle left out', () => {
    const dir = makeTree({ 'crd.yaml': deepCrd(200, 90_000) });
    dirs.push(dir);
    const run = runCli(dir, ['.']);
    expect(run.signal, run.stderr).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(1);
    const schema = run.findings.filter((f) => f.ruleId === 'k8s/schema');
    // The cap lists 1,000 and counts the rest in one more.
    expect(schema).toHaveLength(1001);
    const path = /^CustomResourceDefinition foos\.example\.com: (\S+) is not a field/.exec(schema[0].message)?.[1];
    expect(path).toMatch(/^spec\.versions\[0\]\.schema\.openAPIV3Schema\.properties\.a\.properties\.a[.a-z]*…[.a-z]*\.properties\.a\.x0$/);
    expect(path!.length).toBeLessThanOrEqual(241);
  });

  it('a key of 100,000 characters in a path is cut, not copied into every issue under it', async () => {
    const key = `k${'x'.repeat(100_000)}z`;
    const children = Array.from({ length: 2_000 }, (_, i) => `              u${i}: 1\n`).join('');
    const dir = makeTree({ 'crd.yaml': `${CRD_HEAD}        type: object\n        properties:\n          ${key}:\n${children}` });
    dirs.push(dir);
    const result = await runLint(dir, { paths: ['.'] });
    expect(result.errors).toEqual([]);
    const messages = result.findings.filter((f) => f.ruleId === 'k8s/schema').map((f) => f.message);
    expect(messages).toHaveLength(1001);
    expect(messages[0]).toMatch(/: spec\.versions\[0\]\.schema\.openAPIV3Schema\.properties\.kx+…x+z\.u0 is not a field of JSONSchemaProps/);
    expect(Math.max(...messages.map((m) => m.length))).toBeLessThan(500);
  });

  it('a path up to 240 characters is written whole', async () => {
    const dir = makeTree({ 'crd.yaml': deepCrd(10, 1) });
    dirs.push(dir);
    const result = await runLint(dir, { paths: ['.'] });
    const messages = result.findings.filter((f) => f.ruleId === 'k8s/schema').map((f) => f.message);
    expect(messages).toEqual([
      `CustomResourceDefinition foos.example.com: spec.versions[0].schema.openAPIV3Schema${'.properties.a'.repeat(10)}.x0 is not a field of JSONSchemaProps: kubectl apply refuses the object, and Helm, Flux and Argo CD apply it without the field.`,
    ]);
  });
});
