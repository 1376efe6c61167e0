/**
 * The edgecore schema engine as rules see it. It pulls in Ajv and the schemas, so it is imported
 * lazily: only runs that read an edgecore.yaml (or script edits of one) pay for it.
 */
export type EdgecoreSchemas = Pick<typeof import('./schema.js'), 'checkEdgecore' | 'pickEdgecoreVersion' | 'edgecoreDefault' | 'edgecoreKeyLayout' | 'EDGECORE_VERSIONS'> &
  Pick<typeof import('./keadm-file.js'), 'keadmEdgecoreFile'>;

export async function loadEdgecoreSchemas(): Promise<EdgecoreSchemas> {
  const [schema, keadm] = await Promise.all([import('./schema.js'), import('./keadm-file.js')]);
  return { ...schema, keadmEdgecoreFile: keadm.keadmEdgecoreFile };
}
