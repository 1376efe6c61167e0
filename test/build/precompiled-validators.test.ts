// The CLI build swaps the validators compiled with Ajv at run time (src/edgecore/validators.ts,
// src/config/config-validator.ts) for code compiled at build time (scripts/schema-validators.mjs).
// Both must report the same errors, or the CLI and the library would disagree with the rule tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { configStandalone, edgecoreStandalone, sharedSchemaLiterals, splitSchema } from '../../scripts/schema-validators.mjs';
import { configValidator } from '../../src/config/config-validator.js';
import { EDGECORE_VERSIONS } from '../../src/edgecore/schema.js';
import { FORMATS } from '../../src/edgecore/formats.js';
import { edgecoreSchemaOf, edgecoreValidator } from '../../src/edgecore/validators.js';

type Validate = ((value: unknown) => boolean) & { errors?: Array<{ schemaPath?: string; parentSchema?: Record<string, unknown> }> | null };
const requireHere = createRequire(import.meta.url);

/** Evaluates CommonJS standalone code the way dist/validators/*.cjs does. */
function load(code: string, formats: Record<string, unknown> = {}, edgecoreSchema?: unknown): Validate {
  const module = { exports: {} as Validate };
  new Function('module', 'exports', 'require', 'edgecoreFormats', 'edgecoreSchema', code)(module, module.exports, requireHere, formats, edgecoreSchema);
  return module.exports;
}

/**
 * The build splits each edgecore schema into one function per struct (`$defs`), which changes
 * `schemaPath` and the nested `properties` of a struct's schema: edgelint's messages read neither.
 */
const withoutSchemaPath = (errors: Validate['errors']) =>
  errors?.map(({ schemaPath: _, parentSchema, ...rest }) => {
    const { properties, $defs: __, ...shallow } = parentSchema ?? {};
    return { ...rest, parentSchema: { ...shallow, properties: properties ? Object.keys(properties) : undefined } };
  }) ?? null;

const edgecoreFormats = Object.fromEntries(Object.entries(FORMATS).map(([name, format]) => [name, { type: 'string', validate: (value: string) => format.check(value) === undefined }]));

const head = { apiVersion: 'edgecore.config.kubeedge.io/v1alpha2', kind: 'EdgeCore' };
// Wrong types, ranges, enums, patterns, formats and a null section: one of each error the messages read.
const edgecoreDocuments: unknown[] = [
  head,
  { ...head, modules: { eventBus: { mqttMode: 3, mqttServerExternal: 'tcp://127.0.0.1', mqttQOS: '1' } } },
  { ...head, modules: { edgeHub: { messageQPS: -1, heartbeat: 'x', quic: { server: 'no-port' }, httpServer: 'http://a' } } },
  { ...head, modules: { edged: null, metaManager: { metaServer: { server: 7 } } }, kind: 'Other', featureGates: { a: 'yes' } },
  { ...head, modules: { edged: { tailoredKubeletConfig: { evictionHard: { 'memory.available': 'lots' }, syncFrequency: 5, cgroupDriver: 'Systemd' } } } },
];

describe('edgecore validators compiled at build time', () => {
  it.each(EDGECORE_VERSIONS.map((v) => [v]))('v%s reports what the run-time validator reports', (version) => {
    const precompiled = load(edgecoreStandalone(edgecoreSchemaOf(version)) as string, edgecoreFormats);
    const runtime = edgecoreValidator(version);
    let errors = 0;
    for (const document of edgecoreDocuments) {
      const ok = runtime(document);
      expect(precompiled(document)).toBe(ok);
      expect(withoutSchemaPath(precompiled.errors)).toEqual(withoutSchemaPath(runtime.errors));
      errors += runtime.errors?.length ?? 0;
    }
    // The documents are wrong in many ways: a comparison of two empty lists would prove nothing.
    expect(errors).toBeGreaterThan(10);
  });

  // dist/validators/*.cjs: the schema literals become paths into the schema the file parses for the
  // engine, a struct's literal the schema's node at its place, so `parentSchema` is the run-time
  // validator's own node, members and all (only `schemaPath` differs).
  it.each(EDGECORE_VERSIONS.map((v) => [v]))('v%s with its literals read from the schema reports what the run-time validator reports', (version) => {
    const schema = JSON.parse(JSON.stringify(edgecoreSchemaOf(version))) as Record<string, unknown>;
    const code = sharedSchemaLiterals(edgecoreStandalone(schema), schema, splitSchema(schema));
    expect(code).not.toMatch(/\bconst schema\d+ = \{/);
    const shipped = load(code, edgecoreFormats, schema);
    const runtime = edgecoreValidator(version);
    const withoutPath = (errors: Validate['errors']) => errors?.map(({ schemaPath: _, ...rest }) => rest) ?? null;
    let structs = 0;
    for (const document of edgecoreDocuments) {
      expect(shipped(document)).toBe(runtime(document));
      expect(withoutPath(shipped.errors)).toEqual(withoutPath(runtime.errors));
      structs += runtime.errors?.filter((e) => e.parentSchema?.properties).length ?? 0;
    }
    // Errors whose parentSchema is a struct (a null section, a wrong kind): the nodes that differ in the split schema.
    expect(structs).toBeGreaterThan(0);
  });
});

describe('config validator compiled at build time', () => {
  it('reports what the run-time validator reports', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/config.schema.json', import.meta.url), 'utf8')) as object;
    const precompiled = load(configStandalone(schema) as string);
    const runtime = configValidator();
    const documents = [{}, { rules: { 'node/image-drift': 'loud' } }, { kubeedgeVersion: 3, hosts: [{ files: 'a' }], unknown: true }, { offlineImages: [{ file: 1 }, 2], maxFileSize: -1 }];
    let errors = 0;
    for (const document of documents) {
      expect(precompiled(document)).toBe(runtime(document));
      expect(precompiled.errors ?? null).toEqual(runtime.errors ?? null);
      errors += runtime.errors?.length ?? 0;
    }
    expect(errors).toBeGreaterThan(3);
  });
});
