/**
 * The pipeline's ties run one way (CONTRIBUTING.md): parsers know nothing of the model, facts know
 * nothing of the code that checks them, rules see the engine only through src/rule-api.ts, and the
 * library never writes to the console or ends the process. A stray import or call would compile
 * fine, so each is checked here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** `import … from`, `export … from`, `import '…'` and `import('…')` of a relative module (either quote). */
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.[^'"]+)['"]/g;
/** The same, leaving out `import type` / `export type` statements, which bring in no code. */
const RUNTIME_IMPORT = /(?:^|[\n;])\s*(?:import|export)\s+(?!type\b)[^;'"]*?\bfrom\s*['"](\.[^'"]+)['"]|\bimport\s*\(\s*['"](\.[^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g;

/** Repository-relative path, `/`-separated. */
function rel(path: string): string {
  return relative(root, path).split('\\').join('/');
}

/** The module a specifier names, as a repository-relative `.ts` (or data) path. */
function resolveSpecifier(fromFile: string, specifier: string): string {
  return rel(resolve(dirname(join(root, fromFile)), specifier)).replace(/\.js$/, '.ts');
}

/** Every `.ts` file under a repository directory, repository-relative. */
function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => `${dir}/${name.split('\\').join('/')}`);
}

/** The modules a file imports, resolved. */
function importsOf(file: string, pattern = IMPORT): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(pattern)].map((m) => resolveSpecifier(file, m[1] ?? m[2] ?? m[3]));
}

/** `file → module` for every import of every file under `dir` that lands under one of `banned`. */
function crossings(dir: string, banned: string[]): string[] {
  return tsFiles(dir).flatMap((file) =>
    importsOf(file)
      .filter((target) => banned.some((b) => target === b || target.startsWith(`${b}/`)))
      .map((target) => `${file} → ${target}`),
  );
}

/** Every source module the given entries reach at run time (type-only imports left out). */
function closure(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const target of importsOf(file, RUNTIME_IMPORT)) if (target.endsWith('.ts')) queue.push(target);
  }
  return [...seen].sort();
}

describe('layering', () => {
  it('src/parse imports nothing from src/model, src/engine, src/edgecore or the rules', () => {
    expect(tsFiles('src/parse').length).toBeGreaterThan(0);
    expect(crossings('src/parse', ['src/model', 'src/engine', 'src/edgecore', 'src/rule-api.ts', 'rules'])).toEqual([]);
  });

  it('src/ansible (the Ansible reader, a parser) imports nothing from src/model, src/engine, src/edgecore or the rules', () => {
    expect(tsFiles('src/ansible').length).toBeGreaterThan(0);
    expect(crossings('src/ansible', ['src/model', 'src/engine', 'src/edgecore', 'src/rule-api.ts', 'rules'])).toEqual([]);
  });

  it('src/knowledge (facts) imports nothing from src/edgecore, src/engine or the rules', () => {
    expect(crossings('src/knowledge', ['src/edgecore', 'src/engine', 'src/rule-api.ts', 'rules'])).toEqual([]);
  });

  it('rules import only src/rule-api.ts (the registry also imports the rules it lists)', () => {
    const strays = tsFiles('rules').flatMap((file) => {
      const allowed = (target: string) => target === 'src/rule-api.ts' || (file === 'rules/index.ts' && target.startsWith('rules/'));
      return importsOf(file)
        .filter((target) => !allowed(target))
        .map((target) => `${file} → ${target}`);
    });
    expect(tsFiles('rules').length).toBeGreaterThan(10);
    expect(strays).toEqual([]);
  });

  it('rules import no packages either: what they need, src/rule-api.ts re-exports', () => {
    const packages = tsFiles('rules').flatMap((file) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^.'"][^'"]*)['"]/g)].map((m) => `${file} → ${m[1]}`),
    );
    expect(packages).toEqual([]);
  });

  it('the library (src/index.ts, the YAML worker and all they reach) never exits or writes to the console', () => {
    const library = closure(['src/index.ts', 'src/engine/yaml-worker.ts']);
    // The reach is real: it runs through the engine into the parsers and rules.
    expect(library).toEqual(expect.arrayContaining(['src/engine/lint.ts', 'src/parse/systemd.ts', 'rules/index.ts', 'src/rule-api.ts']));
    expect(library).not.toContain('src/cli.ts');
    expect(library).not.toContain('src/action.ts');
    const calls = library.flatMap((file) =>
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /\bprocess\.(?:exit|exitCode|abort)\b|\bconsole\.\w+|\bprocess\.(?:stdout|stderr)\b/.test(line.replace(/\/\/.*$|^\s*\*.*$/, '')) ? [`${file}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(calls).toEqual([]);
  });
});

describe('the checks can fail', () => {
  it('an import from the model is seen and resolved', () => {
    const line = "import type { Model } from '../model/types.js';";
    expect([...line.matchAll(IMPORT)].map((m) => resolveSpecifier('src/parse/x.ts', m[1]))).toEqual(['src/model/types.ts']);
  });

  it('an import written with double quotes is seen too', () => {
    const text = ['import { build } from "../model/build.js";', 'export { x } from "../engine/lint.js";', 'const y = await import("../rule-api.js");'].join('\n');
    expect([...text.matchAll(IMPORT)].map((m) => resolveSpecifier('src/parse/x.ts', m[1]))).toEqual(['src/model/build.ts', 'src/engine/lint.ts', 'src/rule-api.ts']);
    expect([...text.matchAll(RUNTIME_IMPORT)].map((m) => m[1] ?? m[2] ?? m[3])).toEqual(['../model/build.js', '../engine/lint.js', '../rule-api.js']);
  });

  it('type-only imports bring in no code; value, re-export, side-effect and dynamic imports do', () => {
    const text = [
      "import type { A } from './a.js';",
      "export type { B } from './b.js';",
      "import { c, type C } from './c.js';",
      "export { d } from './d.js';",
      "import './e.js';",
      "const f = await import('./f.js');",
      'import {',
      '  g,',
      "} from './g.js';",
    ].join('\n');
    expect([...text.matchAll(RUNTIME_IMPORT)].map((m) => m[1] ?? m[2] ?? m[3])).toEqual(['./c.js', './d.js', './e.js', './f.js', './g.js']);
  });
});
