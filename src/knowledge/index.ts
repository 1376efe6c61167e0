/** Facts rules read, loaded from the data files under `data/` (never hard-coded in rules). */
import { ImageKnowledge } from './images.js';
import { SysctlKnowledge } from './sysctls.js';
import { EdgemeshKnowledge } from './edgemesh.js';

/** The edgecore schema engine; loaded (with Ajv and the schemas) only for runs that read an edgecore.yaml. */
export type EdgecoreSchemas = Pick<typeof import('../edgecore/schema.js'), 'checkEdgecore' | 'pickEdgecoreVersion' | 'edgecoreDefault' | 'EDGECORE_VERSIONS'>;

export interface Knowledge {
  images: ImageKnowledge;
  sysctls: SysctlKnowledge;
  edgemesh: EdgemeshKnowledge;
  /** Present whenever the model holds an edgecore config. */
  edgecore?: EdgecoreSchemas;
}

let shared: Omit<Knowledge, 'edgecore'> | undefined;

/** The bundled knowledge; built once per process (the data is immutable). */
export function defaultKnowledge(): Knowledge {
  shared ??= { images: new ImageKnowledge(), sysctls: new SysctlKnowledge(), edgemesh: new EdgemeshKnowledge() };
  return shared;
}

export async function knowledgeFor(needsEdgecore: boolean): Promise<Knowledge> {
  const base = defaultKnowledge();
  if (!needsEdgecore) return base;
  const edgecore = await import('../edgecore/schema.js');
  return { ...base, edgecore };
}
