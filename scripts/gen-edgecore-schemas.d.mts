// Types for gen-edgecore-schemas.mjs, so tests that check the committed schemas are typechecked.

/** data/edgecore-keys.json: the verified edgecore keys of every supported KubeEdge version. */
export type EdgecoreKeyData = { versions: string[]; root: unknown } & Record<string, unknown>;

export declare const DURATION_PATTERN: string;
export declare const QUANTITY_PATTERN: string;
/** Every schema file the script writes, keyed by path relative to the repository root. */
export declare function generateEdgecoreSchemas(data: EdgecoreKeyData): Record<string, string>;
export declare function loadKeyData(): EdgecoreKeyData;
