import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateEdgecoreSchemas, loadKeyData } from '../../scripts/gen-edgecore-schemas.mjs';
import { EDGECORE_VERSIONS, edgecoreDefault, edgecoreSchema } from '../../src/edgecore/schema.js';
import { createEdgecoreAjv } from '../../src/edgecore/validators.js';

type Schema = { properties?: Record<string, Schema>; additionalProperties?: unknown; 'x-edgelint-absent'?: Record<string, unknown> };

const root = new URL('../../', import.meta.url);
const committed = (version: string) => readFileSync(new URL(`schemas/edgecore/v${version}.schema.json`, root), 'utf8');

function keysAt(version: string, path: string[]): string[] {
  let node = edgecoreSchema(version) as Schema;
  for (const segment of path) node = node.properties![segment];
  return Object.keys(node.properties!).sort();
}

describe('generated edgecore schemas', () => {
  it('has one schema per KubeEdge minor 1.16-1.23', () => {
    expect(EDGECORE_VERSIONS).toEqual(['1.16', '1.17', '1.18', '1.19', '1.20', '1.21', '1.22', '1.23']);
  });

  it.each(EDGECORE_VERSIONS.map((v) => [v]))('v%s compiles under Ajv strict mode', (version) => {
    const ajv = createEdgecoreAjv();
    expect(() => ajv.compile(JSON.parse(committed(version)) as object)).not.toThrow();
  });

  it('are what scripts/gen-edgecore-schemas.mjs generates from data/edgecore-keys.json (run it after editing the data)', () => {
    const files = generateEdgecoreSchemas(loadKeyData()) as Record<string, string>;
    expect(Object.keys(files).sort()).toEqual(EDGECORE_VERSIONS.map((v) => `schemas/edgecore/v${v}.schema.json`).sort());
    for (const version of EDGECORE_VERSIONS) {
      expect(committed(version), `schemas/edgecore/v${version}.schema.json is stale`).toBe(files[`schemas/edgecore/v${version}.schema.json`]);
    }
  });

  it('closes every Go struct and leaves maps open', () => {
    const schema = edgecoreSchema('1.22') as Schema;
    const edged = schema.properties!.modules.properties!.edged;
    expect(schema.additionalProperties).toBe(false);
    expect(edged.additionalProperties).toBe(false);
    expect(edged.properties!.tailoredKubeletConfig.additionalProperties).toBe(false);
    expect(edged.properties!.nodeLabels.additionalProperties).toEqual({ type: ['string', 'null'] });
    expect(schema.properties!.featureGates.additionalProperties).toEqual({ type: ['boolean', 'null'] });
  });

  it.each([
    { path: [], key: 'edgecoreVersion', present: ['1.21', '1.22', '1.23'] },
    { path: ['modules'], key: 'taskManager', present: ['1.21', '1.22', '1.23'] },
    { path: ['modules', 'edged'], key: 'reportEvent', present: ['1.19', '1.20', '1.21', '1.22', '1.23'] },
    { path: ['modules', 'edged'], key: 'remoteRuntimeEndpoint', present: ['1.16', '1.17'] },
    { path: ['modules', 'edged'], key: 'containerRuntime', present: ['1.16', '1.17'] },
    { path: ['modules', 'edged'], key: 'masterServiceNamespace', present: ['1.16', '1.17'] },
    { path: ['modules', 'edged'], key: 'keepTerminatedPodVolumes', present: ['1.16', '1.17', '1.18', '1.19', '1.20', '1.21'] },
    { path: ['modules', 'edged', 'tailoredKubeletConfig'], key: 'fileCheckFrequency', present: ['1.17', '1.18', '1.19', '1.20', '1.21', '1.22', '1.23'] },
    { path: ['modules', 'edged', 'tailoredKubeletConfig'], key: 'imageMaximumGCAge', present: ['1.18', '1.19', '1.20', '1.21', '1.22', '1.23'] },
    { path: ['modules', 'edged', 'tailoredKubeletConfig'], key: 'podLogsDir', present: ['1.20', '1.21', '1.22', '1.23'] },
    { path: ['modules', 'edged', 'tailoredKubeletConfig'], key: 'failCgroupV1', present: ['1.22', '1.23'] },
    { path: ['modules', 'edged', 'tailoredKubeletConfig'], key: 'allowedUnsafeSysctls', present: EDGECORE_VERSIONS },
    { path: ['modules', 'metaManager', 'metaServer'], key: 'dummyServer', present: ['1.17', '1.18', '1.19', '1.20', '1.21', '1.22', '1.23'] },
  ])('$key is read in $present', ({ path, key, present }) => {
    expect(EDGECORE_VERSIONS.filter((v) => keysAt(v, path).includes(key))).toEqual(present);
  });

  it.each([
    [['modules', 'edged', 'rootDirectory'], '1.19', '/var/lib/edged'],
    [['modules', 'edged', 'rootDirectory'], '1.20', '/var/lib/kubelet'],
    [['modules', 'eventBus', 'mqttMode'], '1.22', 2],
    [['modules', 'eventBus', 'mqttServerExternal'], 'v1.16.0', 'tcp://127.0.0.1:1883'],
    [['modules', 'edged', 'tailoredKubeletConfig', 'allowedUnsafeSysctls'], '1.22', []],
    [['modules', 'edged', 'tailoredKubeletConfig', 'readOnlyPort'], '1.22', 10350],
    [['modules', 'edged', 'hostnameOverride'], '1.22', undefined],
    [['modules', 'nope'], '1.22', undefined],
  ])('default of %j at %s', (path, version, expected) => {
    expect(edgecoreDefault(path, version)).toEqual(expected);
  });
});
