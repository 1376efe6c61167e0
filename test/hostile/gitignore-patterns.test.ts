/**
 * A committed .gitignore is untrusted input too. The `ignore` package matches its patterns with
 * backtracking regexes, so a pattern of many `*` tested against a name that almost matches costs time
 * exponential in their number: `*a` fourteen times then `*b`, against one 200-character file name,
 * held the run for over a minute. Such a pattern is not applied, and a notice says so.
 * The built CLI, 30 s (an honest run takes well under a second).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { affordablePatterns } from '../../src/engine/gitignore.js';
import { SIBLING, STACK_TRACE, makeTree, removeTree, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

describe('hostile .gitignore patterns', () => {
  it('a pattern of fifteen stars is not applied; the walk finishes and lints every file', () => {
    const name = `${'a'.repeat(200)}.yaml`;
    const dir = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': `# ${'*'.repeat(40)} generated files ${'*'.repeat(40)}\nbuild/\n${'*a'.repeat(14)}*b\n`,
      [name]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n',
      'build/ignored.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  name: d\n',
      [SIBLING.path]: SIBLING.content,
    });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 30_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.stderr).toContain('.gitignore: 1 pattern has more than 3 wildcards, too costly to match; not applied');
    // The other patterns still apply (build/ is not walked); the comment line is no pattern at all.
    expect(run.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`).sort()).toEqual([`${name}:5:3 yaml/duplicate-key`, `${SIBLING.path}:${SIBLING.line}:${SIBLING.column} yaml/duplicate-key`].sort());
  });
});

describe('affordablePatterns', () => {
  it.each([
    ['ordinary patterns are kept', '*.log\n**/build/**/*.o\nfoo?bar\n', 0],
    ['stars in a comment do not count', '# ******** build ********\n\ufeff# * * * * *\n', 0],
    ['escaped stars are literal characters', '\\*\\*\\*\\*x*\n', 0],
    ['four runs of stars are too many', 'a*b*c*d*e\nkeep\n', 1],
    ['runs, not stars, are counted', 'a****b\n', 0],
  ])('%s', (_name, text, dropped) => {
    expect(affordablePatterns(text).dropped).toBe(dropped);
  });
});
