/**
 * A deployment's own CustomResourceDefinitions judge its objects (src/model/shipped-crds.ts), and a
 * CRD's schema is the repository's writing: enums of mappings, a shared type named by hundreds of
 * aliases, merge keys that copy one mapping into thousands, keys named like Object.prototype's
 * members. Each case must lint with no internal error, and say what the CRD says when it can be read.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, makeTree, removeTree, runCli, runLint } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

function tree(files: Record<string, string>): string {
  const dir = makeTree(files);
  dirs.push(dir);
  return dir;
}

/** A Device CRD whose `spec.protocol` is `protocol`, written after `prelude` (anchors) under spec. */
const deviceCrd = (protocol: string, prelude = '') =>
  'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: devices.devices.kubeedge.io\nspec:\n' +
  prelude +
  '  group: devices.kubeedge.io\n  names: {kind: Device, plural: devices}\n  scope: Namespaced\n  versions:\n  - name: v1beta1\n    served: true\n    storage: true\n' +
  '    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties:\n              nodeName: {type: string}\n' +
  `              protocol: ${protocol}\n`;

/** A v1beta1 Device with a protocol layout KubeEdge's own CRD does not have (`spec.protocol.modbus` unknown). */
const device = (protocol = 'modbus: {slaveID: 1}') => `apiVersion: devices.kubeedge.io/v1beta1\nkind: Device\nmetadata: {name: lock}\nspec:\n  nodeName: pi\n  protocol:\n    ${protocol}\n`;

/** A CRD claiming apps/Deployment whose strategy type enum is `values`, and a Deployment with strategy type Foo. */
const deploymentCrd = (values: string) =>
  'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: deployments.apps\nspec:\n  group: apps\n  names: {kind: Deployment, plural: deployments}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n' +
  `    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties:\n              strategy:\n                type: object\n                properties:\n                  type: {type: string, enum: ${values}}\n`;
const deployment =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {a: b}}\n  strategy: {type: Foo}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: "nginx:1.25.3", imagePullPolicy: IfNotPresent}]\n';

async function schemaFindings(dir: string) {
  const result = await runLint(dir, { paths: ['.'] });
  expect(result.errors).toEqual([]);
  expect(result.findings.filter((f) => /internal error/.test(f.message))).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'k8s/schema').map((f) => [f.file, f.line, f.column]);
}

describe('a shipped CRD’s schema is data, never trusted', () => {
  it('an enum holding a mapping with a toString key, a list and null: no crash, Foo still rejected', async () => {
    const dir = tree({ 'crd.yaml': deploymentCrd('[{toString: 1}, {valueOf: 2}, [RollingUpdate], null]'), 'deploy.yaml': deployment });
    expect(await schemaFindings(dir)).toEqual([['deploy.yaml', 6, 20]]);
    const run = runCli(dir, ['.']);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });

  it('an enum the CRD writes with Foo among 10,000 values accepts Foo', async () => {
    const values = Array.from({ length: 10_000 }, (_, i) => `v${i}`);
    values[7_345] = 'Foo';
    const dir = tree({ 'crd.yaml': deploymentCrd(`[${values.join(', ')}]`), 'deploy.yaml': deployment });
    expect(await schemaFindings(dir)).toEqual([]);
  });

  it('one shared type named by 300 aliases is read: the field it declares is no unknown field', async () => {
    const fields = Array.from({ length: 300 }, (_, i) => `f${i}: *free`).join(', ');
    const dir = tree({
      'crd.yaml': deviceCrd(`{type: object, properties: {${fields}}}`, '  x-shared: &free {type: object, x-kubernetes-preserve-unknown-fields: true}\n'),
      'device.yaml': device('f299: {anything: 1}'),
    });
    // `spec.x-shared` is the CRD's own unknown field; the Device is what its CRD says.
    expect(await schemaFindings(dir)).toEqual([['crd.yaml', 6, 3]]);
  });

  it('merge keys are read as go-yaml reads them: the merged mapping’s fields, under the mapping’s own', async () => {
    const dir = tree({
      'crd.yaml': deviceCrd('{type: object, properties: {<<: *common, own: {type: string}}}', '  x-common: &common {modbus: {type: object, x-kubernetes-preserve-unknown-fields: true}}\n'),
      'device.yaml': device(),
    });
    expect(await schemaFindings(dir)).toEqual([['crd.yaml', 6, 3]]);
  });

  it('one mapping merged into 200 others is not copied 200 times: the CRD goes unread and the issue stands', async () => {
    // 40,000 pairs copied; go-yaml itself still reads it (the aliases are under 99% of what it decodes).
    const big = Array.from({ length: 200 }, (_, i) => `k${i}: {type: string}`).join(', ');
    const merges = Array.from({ length: 200 }, (_, i) => `m${i}: {type: object, properties: {<<: *big}}`).join(', ');
    const dir = tree({
      // Read, it would keep modbus free-form.
      'crd.yaml': deviceCrd(`{type: object, properties: {modbus: {type: object, x-kubernetes-preserve-unknown-fields: true}, ${merges}}}`, `  x-big: &big {${big}}\n`),
      'device.yaml': device(),
    });
    expect(await schemaFindings(dir)).toEqual([
      ['crd.yaml', 6, 3],
      ['device.yaml', 7, 5],
    ]);
  });

  it('properties named __proto__ and constructor are properties, and only those', async () => {
    const dir = tree({
      'crd.yaml': deviceCrd('{type: object, properties: {__proto__: {type: object, x-kubernetes-preserve-unknown-fields: true}}}'),
      'device.yaml': device('__proto__: {a: 1}\n    constructor: {b: 1}\n    toString: {c: 1}'),
    });
    expect(await schemaFindings(dir)).toEqual([
      ['device.yaml', 8, 5],
      ['device.yaml', 9, 5],
    ]);
  });

  it('an alias of its own anchor (a schema that contains itself) is followed as deep as the path, and no deeper', async () => {
    const dir = tree({
      'crd.yaml': deviceCrd('&self {type: object, properties: {modbus: *self}}'),
      'device.yaml': device('modbus: {modbus: {modbus: {x: 1}}}'),
    });
    // KubeEdge's CRD refuses spec.protocol.modbus; this one has modbus at every depth.
    expect(await schemaFindings(dir)).toEqual([]);
  });
});

describe('many CRDs of one kind', () => {
  it('the first eight decide: thousands are not each asked every issue of every object', async () => {
    // Twelve CRDs of Device, by plural; only the last keeps protocol free-form.
    const crds = Array.from({ length: 12 }, (_, i) =>
      deviceCrd(i === 11 ? '{type: object, x-kubernetes-preserve-unknown-fields: true}' : `{type: object, properties: {p${i}: {type: string}}}`).replace('devices.devices.kubeedge.io', `d${i}.devices.kubeedge.io`),
    );
    const dir = tree({ 'crds.yaml': crds.join('---\n'), 'device.yaml': device() });
    expect(await schemaFindings(dir)).toEqual([['device.yaml', 7, 5]]);
    // Any of the first eight accepting is enough.
    const early = crds.map((crd, i) => (i === 3 ? crds[11] : crd));
    expect(await schemaFindings(tree({ 'crds.yaml': early.join('---\n'), 'device.yaml': device() }))).toEqual([]);
  });
});

describe('a kubebuilder PROJECT is the repository’s writing too', () => {
  const ownDevice = 'apiVersion: devices.kubeedge.io/v1alpha9\nkind: Device\nmetadata: {name: valve}\nspec: {}\n';

  it('aliases nine deep, a mapping as group, a list as kind: no crash, the Device still unserved', async () => {
    const bomb = 'domain: kubeedge.io\nlayout: [go.kubebuilder.io/v3]\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nresources: [*c, {api: {}, group: {toString: 1}, kind: [Device], version: v1alpha9}]\nversion: "3"\n';
    const dir = tree({ PROJECT: bomb, 'device.yaml': ownDevice });
    expect(await schemaFindings(dir)).toEqual([['device.yaml', 1, 13]]);
    const run = runCli(dir, ['.']);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status).toBe(1);
  });

  it('5,000 resources are not each read: the ones past the first thousand define nothing', async () => {
    const resource = (kind: string) => `- api: {crdVersion: v1}\n  domain: kubeedge.io\n  group: devices\n  kind: ${kind}\n  version: v1alpha9\n`;
    const resources = Array.from({ length: 5_000 }, (_, i) => resource(`K${i}`)).join('');
    const dir = tree({ PROJECT: `domain: kubeedge.io\nlayout: [go.kubebuilder.io/v3]\nresources:\n${resources}${resource('Device')}version: "3"\n`, 'device.yaml': ownDevice });
    expect(await schemaFindings(dir)).toEqual([['device.yaml', 1, 13]]);
  });
});
