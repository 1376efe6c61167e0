/**
 * The edgecore schema of each version and its Ajv validator. From source (tests) the schemas are
 * imported and each validator is compiled with Ajv on first use; the CLI build replaces this module
 * with one that loads a single version's schema and validator compiled ahead of time (Ajv standalone
 * code, scripts/schema-validators.mjs): compiling a ~70 KB schema, and evaluating all eight, took most
 * of the start of a one-file run (issue 13). test/build/precompiled-validators.test.ts checks the two
 * give the same errors.
 */
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { FORMATS } from './formats.js';
import type { SchemaNode } from './did-you-mean.js';
import v116 from '../../schemas/edgecore/v1.16.schema.json' with { type: 'json' };
import v117 from '../../schemas/edgecore/v1.17.schema.json' with { type: 'json' };
import v118 from '../../schemas/edgecore/v1.18.schema.json' with { type: 'json' };
import v119 from '../../schemas/edgecore/v1.19.schema.json' with { type: 'json' };
import v120 from '../../schemas/edgecore/v1.20.schema.json' with { type: 'json' };
import v121 from '../../schemas/edgecore/v1.21.schema.json' with { type: 'json' };
import v122 from '../../schemas/edgecore/v1.22.schema.json' with { type: 'json' };
import v123 from '../../schemas/edgecore/v1.23.schema.json' with { type: 'json' };

type AjvInstance = InstanceType<typeof Ajv2020Module.default>;
let ajv: AjvInstance | undefined;
const validators = new Map<string, ValidateFunction>();

/** The Ajv options every edgecore validator is built with (also at build time). */
export const EDGECORE_AJV_OPTIONS = { strict: true, allowUnionTypes: true, allErrors: true, verbose: true } as const;

/** A fresh Ajv 2020 instance that knows the edgecore schemas' keywords and formats (strict mode). */
export function createEdgecoreAjv(): AjvInstance {
  // ajv/dist/2020.js is CommonJS: under NodeNext the default import is module.exports, whose
  // `default` property is the class.
  const Ajv2020 = Ajv2020Module.default ?? (Ajv2020Module as unknown as typeof Ajv2020Module.default);
  const instance = new Ajv2020({ ...EDGECORE_AJV_OPTIONS });
  instance.addKeyword('x-edgelint-absent');
  for (const [name, format] of Object.entries(FORMATS)) {
    instance.addFormat(name, { type: 'string', validate: (value: string) => format.check(value) === undefined });
  }
  return instance;
}

const SCHEMAS: Record<string, SchemaNode> = {
  '1.16': v116 as SchemaNode,
  '1.17': v117 as SchemaNode,
  '1.18': v118 as SchemaNode,
  '1.19': v119 as SchemaNode,
  '1.20': v120 as SchemaNode,
  '1.21': v121 as SchemaNode,
  '1.22': v122 as SchemaNode,
  '1.23': v123 as SchemaNode,
};

/** The generated JSON Schema of a known version (`1.16`…`1.23`). */
export function edgecoreSchemaOf(version: string): SchemaNode {
  const schema = SCHEMAS[version];
  if (!schema) throw new Error(`no edgecore schema for ${version}`);
  return schema;
}

/** The validator of a known version (`1.16`…`1.23`); built once per process. */
export function edgecoreValidator(version: string): ValidateFunction {
  let validate = validators.get(version);
  if (!validate) {
    ajv ??= createEdgecoreAjv();
    validate = ajv.compile(edgecoreSchemaOf(version));
    validators.set(version, validate);
  }
  return validate;
}
