/**
 * Facts rules read, loaded from the data files under `data/` (never hard-coded in rules). Facts only:
 * the edgecore schema engine is code, loaded by src/edgecore/load.ts, and joins these in the engine.
 */
import { ImageKnowledge } from './images.js';
import { SysctlKnowledge } from './sysctls.js';
import { EdgemeshKnowledge } from './edgemesh.js';
import { SystemdKnowledge } from './systemd.js';

export interface Facts {
  images: ImageKnowledge;
  sysctls: SysctlKnowledge;
  edgemesh: EdgemeshKnowledge;
  systemd: SystemdKnowledge;
}

let shared: Facts | undefined;

/** The bundled facts; built once per process (the data is immutable). */
export function defaultKnowledge(): Facts {
  shared ??= { images: new ImageKnowledge(), sysctls: new SysctlKnowledge(), edgemesh: new EdgemeshKnowledge(), systemd: new SystemdKnowledge() };
  return shared;
}
