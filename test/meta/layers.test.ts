/**
 * The pipeline's ties run one way (CONTRIBUTING.md): parsers know nothing of the model. A stray import
 * would compile fine, so it is checked here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every relative module a `src/<dir>` file imports, as `file → specifier`. */
function importsOf(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(src, dir), { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.ts')) continue;
    const text = readFileSync(join(src, dir, name), 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) out.push(`${dir}/${name} → ${m[1]}`);
  }
  return out;
}

describe('layering', () => {
  it('src/parse imports nothing from src/model, src/engine or the rules', () => {
    const imports = importsOf('parse');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => /\/(model|engine|rules)\/|rule-api/.test(i))).toEqual([]);
  });
  it('the check catches an import from the model (it can fail)', () => {
    const line = "import type { Model } from '../model/types.js';";
    expect([...line.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1])).toEqual(['../model/types.js']);
  });
});
