/** Facts rules read, loaded from the data files under `data/` (never hard-coded in rules). */
import { ImageKnowledge } from './images.js';
import { SysctlKnowledge } from './sysctls.js';

export interface Knowledge {
  images: ImageKnowledge;
  sysctls: SysctlKnowledge;
}

let shared: Knowledge | undefined;

/** The bundled knowledge; built once per process (the data is immutable). */
export function defaultKnowledge(): Knowledge {
  shared ??= { images: new ImageKnowledge(), sysctls: new SysctlKnowledge() };
  return shared;
}
