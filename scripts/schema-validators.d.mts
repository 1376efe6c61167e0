// Types for schema-validators.mjs, so the tests that compare the precompiled validators are typechecked.
import type { Plugin } from 'esbuild';

export declare function splitSchema(schema: object): object;
/** Ajv's schema literals in `code` as paths into `edgecoreSchema` (the schema), `split` being splitSchema(schema). */
export declare function sharedSchemaLiterals(code: string, schema: object, split: object): string;
/** CommonJS standalone code of one edgecore schema (formats from a free variable `edgecoreFormats`). */
export declare function edgecoreStandalone(schema: object): string;
/** CommonJS standalone code of the `.edgelint.yaml` schema. */
export declare function configStandalone(schema: object): string;
export declare function writeEdgecoreValidators(root: string, outdir: string): void;
export declare function edgecoreValidatorsModule(root: string): string;
export declare function configValidatorModule(root: string): string;
export declare function precompiledValidatorsPlugin(root: string): Plugin;
