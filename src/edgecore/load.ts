/**
 * The edgecore schema engine as rules see it. It pulls in Ajv and the schemas, so it is imported
 * lazily: only runs that read an edgecore.yaml (or script edits of one) pay for it.
 */
export type EdgecoreSchemas = Pick<typeof import('./schema.js'), 'checkEdgecore' | 'pickEdgecoreVersion' | 'edgecoreDefault' | 'edgecoreKeyLayout' | 'EDGECORE_VERSIONS'>;

export async function loadEdgecoreSchemas(): Promise<EdgecoreSchemas> {
  return import('./schema.js');
}
