/**
 * Node built-in modules few runs need, loaded on first use. A static import evaluates the module at
 * every start even when nothing calls it: measured alone, `node:crypto` costs ~9 ms of CPU to load
 * (needed only for SARIF fingerprints and --fix's temporary names) against ~200 ms for a whole
 * one-file run. These callers are synchronous, hence `require` rather than `import()`.
 */
import { createRequire } from 'node:module';

const requireBuiltin = createRequire(import.meta.url);

export function nodeCrypto(): typeof import('node:crypto') {
  return requireBuiltin('node:crypto') as typeof import('node:crypto');
}
