/**
 * ConfigMaps a kustomization generates. `configMapGenerator` creates a ConfigMap from files and
 * literals, or (`behavior: merge` / `replace`) changes the keys of one a base defines
 * (kustomize api/types/generatorargs.go): the keys the cluster sees are not those a ConfigMap file
 * of the repository spells out.
 */
import type { SourceFile } from '../core/source.js';
import { parseSideDocument } from '../parse/side-yaml.js';
import { basename } from './paths.js';

/** The names kustomize reads a kustomization from (kustomize api/konfig/general.go RecognizedKustomizationFileNames). */
const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** A kustomization is a few kilobytes; anything far larger is not read here (the YAML budgets judge it as a file). */
const MAX_CHARS = 1 << 20;
const MAX_ALIASES = 100;

/**
 * What the deployment's kustomizations rewrite in the objects they render: names (`namePrefix`,
 * `nameSuffix`) and namespaces (`namespace`), kustomize api/types/kustomization.go. Which resources a
 * kustomization reaches is not followed (bases, remote resources): any one of them rewriting names
 * is taken to reach every object of the deployment, so what the rendered object may not hold is
 * never reported as refused.
 */
export function kustomizeRewrites(...lists: ReadonlyArray<readonly SourceFile[]>): { names: boolean; namespace: boolean } {
  const rewrites = { names: false, namespace: false };
  for (const file of lists.flat()) {
    if (!KUSTOMIZATION_NAMES.has(basename(file.path)) || file.text.length > MAX_CHARS) continue;
    if (!/\b(namePrefix|nameSuffix|namespace)\s*:/.test(file.text)) continue;
    let doc: unknown;
    try {
      doc = parseSideDocument(file)?.toJS({ maxAliasCount: MAX_ALIASES });
    } catch {
      continue;
    }
    if (!doc || typeof doc !== 'object') continue;
    const { namePrefix, nameSuffix, namespace } = doc as Record<string, unknown>;
    if ((typeof namePrefix === 'string' && namePrefix) || (typeof nameSuffix === 'string' && nameSuffix)) rewrites.names = true;
    if (typeof namespace === 'string' && namespace) rewrites.namespace = true;
  }
  return rewrites;
}

export function kustomizeGeneratedConfigMaps(...lists: ReadonlyArray<readonly SourceFile[]>): Set<string> {
  const names = new Set<string>();
  for (const file of lists.flat()) {
    if (!KUSTOMIZATION_NAMES.has(basename(file.path)) || file.text.length > MAX_CHARS || !file.text.includes('configMapGenerator')) continue;
    let generators: unknown;
    try {
      generators = (parseSideDocument(file)?.toJS({ maxAliasCount: MAX_ALIASES }) as { configMapGenerator?: unknown } | null)?.configMapGenerator;
    } catch {
      continue;
    }
    if (!Array.isArray(generators)) continue;
    for (const generator of generators) {
      const name = (generator as { name?: unknown } | null)?.name;
      if (typeof name === 'string') names.add(name);
    }
  }
  return names;
}
