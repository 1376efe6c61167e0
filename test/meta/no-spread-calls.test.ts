/**
 * `push(...x)`, `Math.max(...x)` and `Math.min(...x)` put every element on the stack as an argument and
 * throw "Maximum call stack size exceeded" past ~120k (issue 11 item 1): input-sized arrays go through
 * src/core/arrays.ts. This keeps the class from coming back in src/ and rules/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

it('no source spreads an array into push, Math.max or Math.min', () => {
  const offenders: string[] = [];
  for (const file of [...tsFiles('src'), ...tsFiles('rules')]) {
    readFileSync(join(root, file), 'utf8').split('\n').forEach((line, i) => {
      if (/\.(?:push|unshift)\(\.\.\.|Math\.(?:max|min)\(\.\.\./.test(line) && !/^\s*(?:\/\/|\*)/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(offenders).toEqual([]);
});
