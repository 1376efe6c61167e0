/**
 * Loads the native tree-sitter runtime and bash grammar (optional dependencies) from node_modules.
 * The bundles do not import this module: scripts/build-options.mjs replaces it with one that uses the
 * bundle's own `require` (dist/), or with one that loads nothing (the Action's one-file bundle, which
 * GitHub runs without node_modules).
 */
import { createRequire } from 'node:module';

export function requireNativeBash(): { runtime: unknown; bash: unknown } | undefined {
  const require = createRequire(import.meta.url);
  return { runtime: require('tree-sitter'), bash: require('tree-sitter-bash') };
}
