/**
 * A committed .gitignore is untrusted input too. The `ignore` package matches its patterns with
 * backtracking regexes, so a pattern of many `*` tested against a name that almost matches costs time
 * exponential in their number: `*a` fourteen times then `*b`, against one 200-character file name,
 * held the run for over a minute. Such a pattern is not applied, and a notice says so.
 * The built CLI, 30 s (an honest run takes well under a second).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { affordablePatterns } from '../../src/engine/gitignore.js';
import { CompiledPatterns } from '../../src/engine/gitignore-matcher.js';
import { SIBLING, STACK_TRACE, expectSurvived, makeTree, removeTree, runCli } from './helpers.js';

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

describe('hostile .gitignore sizes and nesting (hostile14)', () => {
  const BAD = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  name: x\n`;

  it('a .gitignore of 2,001 wildcard patterns is not applied, with a notice (100,000 patterns against 400 entries took 30 s)', () => {
    const patterns = Array.from({ length: 2_001 }, (_, i) => `generated-${i}-*.yaml\n`).join('');
    const dir = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': `# generated\n\n${patterns}`,
      'generated-7-a.yaml': BAD('g'),
      [SIBLING.path]: SIBLING.content,
    });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expectSurvived(run);
    expect(run.stderr).toBe('edgelint: .gitignore: 2001 patterns that are not plain names or come before a negation (!), more than edgelint tests a path against (2000); not applied\n');
    expect(run.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`).sort()).toEqual(['generated-7-a.yaml:5:3 yaml/duplicate-key', `${SIBLING.path}:${SIBLING.line}:${SIBLING.column} yaml/duplicate-key`]);
  });

  it('a .gitignore of 100,000 plain names is applied: names are looked up, not tested one by one (hostile15: 2,000 names against 20,000 files took 5.9 s CPU; more were not applied)', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `generated-${i}.yaml\n`).join('');
    const dir = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      // Wildcard patterns after the names still count, up to the budget, and still apply.
      '.gitignore': `# generated\n${names}/Vendor/\n*.bak.yaml\n`,
      'generated-99999.yaml': BAD('g'),
      'sub/GENERATED-7.yaml': BAD('h'),
      'vendor/x.yaml': BAD('v'),
      'x.bak.yaml': BAD('b'),
      'sub/vendor/kept.yaml': BAD('k'),
      [SIBLING.path]: SIBLING.content,
    });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expectSurvived(run);
    expect(run.stderr).toBe('');
    // Anchored `/Vendor/` (case folded, as `ignore` folds it) skips the root's vendor/ only.
    expect(run.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`).sort()).toEqual([`${SIBLING.path}:${SIBLING.line}:${SIBLING.column} yaml/duplicate-key`, 'sub/vendor/kept.yaml:5:3 yaml/duplicate-key']);
  });

  it('a path under more than 32 directories with a .gitignore is tested against the nearest 32 (800 levels took 26 s, cubic in the depth)', () => {
    const files: Record<string, string> = { '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'skipped.yaml\n', 'skipped.yaml': BAD('top'), [SIBLING.path]: SIBLING.content };
    let path = '';
    for (let depth = 1; depth <= 40; depth++) {
      path += 'd/';
      files[`${path}.gitignore`] = '*.log\n';
    }
    files[`${path}skipped.yaml`] = BAD('deep');
    files[`${path}x.log`] = BAD('log');
    const dir = makeTree(files);
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expectSurvived(run);
    // The root's `skipped.yaml` still applies at the top, not 40 levels down (past 32 nested files); the
    // nearest files' `*.log` always applies.
    expect(run.stderr).toBe(
      'edgelint: .gitignore: more .gitignore files or patterns lie between it and some paths below it than edgelint tests a path against (32 files, 2000 patterns); its patterns, and those of the .gitignore files above it, were not applied to those paths\n',
    );
    expect(run.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`).sort()).toEqual([`${path}skipped.yaml:5:3 yaml/duplicate-key`, `${SIBLING.path}:${SIBLING.line}:${SIBLING.column} yaml/duplicate-key`]);
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

describe('hostile .gitignore: a deep anchored pattern (hostile16)', () => {
  // Anchored spellings were keyed by whole prefixes, so a path n segments deep hashed n prefixes of up
  // to its length: n² characters a path, and a walk tests every directory on the way down, cubic.
  // The work is counted as the characters of the keys looked up, not timed.
  it('a path is looked up in characters proportional to its length', () => {
    const depth = 800;
    const segments = Array.from({ length: depth }, (_, i) => `d${i % 10}`);
    const patterns = new CompiledPatterns(`/${segments.join('/')}/\n/${segments.slice(0, depth / 2).join('/')}/other\nname.yaml\n`);
    const path = `${segments.join('/')}/x.yaml`;
    const get = vi.spyOn(Map.prototype, 'get');
    let verdict: ReturnType<CompiledPatterns['test']>;
    let looked = 0;
    try {
      verdict = patterns.test(path, false);
      for (const [key] of get.mock.calls) looked += typeof key === 'string' ? key.length : 0;
    } finally {
      get.mockRestore();
    }
    expect(verdict).toEqual({ ignored: true, unignored: false });
    expect(patterns.test(`${segments.slice(0, depth - 1).join('/')}/d9.yaml`, false)).toEqual({ ignored: false, unignored: false });
    expect(looked).toBeLessThanOrEqual(2 * path.length);
  });
});
