/**
 * The validator of `.edgelint.yaml` (schemas/config.schema.json). From source it is compiled with Ajv
 * on first use; the CLI build replaces this module with the same validator compiled ahead of time (Ajv
 * standalone code, scripts/schema-validators.mjs), so a run with a config file does not pay for Ajv.
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import configSchema from '../../schemas/config.schema.json' with { type: 'json' };

/** The Ajv options the config validator is built with (also at build time). */
export const CONFIG_AJV_OPTIONS = { allErrors: true, strict: false } as const;

let validator: ValidateFunction | undefined;

export function configValidator(): ValidateFunction {
  validator ??= new Ajv.default({ ...CONFIG_AJV_OPTIONS }).compile(configSchema);
  return validator;
}
