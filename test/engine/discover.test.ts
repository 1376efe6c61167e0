/**
 * Discovery of a directory's files: `.gitignore` as git reads it (walk.ts, gitignore.ts), checked
 * case by case with the exact files expected, and against globby, which walked until session 25, on
 * generated trees.
 */
import fc from 'fast-check';
import { globby } from 'globby';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/engine/discover.js';
import { tempTree } from '../temp.js';

async function walked(dir: string, path = '.', cwd = dir): Promise<string[]> {
  const { files, notices } = await discover([path], cwd);
  expect(notices).toEqual([]);
  return files.map((f) => f.path);
}

describe('a directory walk honours .gitignore as git does', () => {
  const cases: Array<[string, Record<string, string>, string[]]> = [
    ['a directory pattern', { '.gitignore': 'build/\n', 'build/a.yaml': '', 'src/build/b.yaml': '', 'c.yaml': '', 'build.yaml': '' }, ['build.yaml', 'c.yaml']],
    ['a file pattern matches at any depth', { '.gitignore': '*.log\n', 'a.log': '', 'd/b.log': '', 'd/c.yaml': '' }, ['d/c.yaml']],
    ['a leading slash anchors to the .gitignore', { '.gitignore': '/a.yaml\n', 'a.yaml': '', 'd/a.yaml': '' }, ['d/a.yaml']],
    ['a middle slash anchors too', { '.gitignore': 'd/a.yaml\n', 'd/a.yaml': '', 'e/d/a.yaml': '' }, ['e/d/a.yaml']],
    ['negation re-includes a file', { '.gitignore': '*.yaml\n!keep.yaml\n', 'a.yaml': '', 'keep.yaml': '', 'd/keep.yaml': '' }, ['d/keep.yaml', 'keep.yaml']],
    ['the last matching pattern wins', { '.gitignore': '!keep.yaml\n*.yaml\n', 'keep.yaml': '', 'x.conf': '' }, ['x.conf']],
    ['nothing under an excluded directory comes back', { '.gitignore': 'd/\n!d/keep.yaml\n', 'd/keep.yaml': '', 'e.yaml': '' }, ['e.yaml']],
    ['d/* excludes the entries, so one can be re-included', { '.gitignore': 'd/*\n!d/keep.yaml\n', 'd/keep.yaml': '', 'd/x.yaml': '' }, ['d/keep.yaml']],
    ['a nested .gitignore is relative to its directory', { 'd/.gitignore': '/x.yaml\n', 'x.yaml': '', 'd/x.yaml': '', 'd/e/x.yaml': '' }, ['d/e/x.yaml', 'x.yaml']],
    ['a nested negation beats the root pattern', { '.gitignore': '*.yaml\n', 'd/.gitignore': '!keep.yaml\n', 'd/keep.yaml': '', 'keep.yaml': '', 'd/x.yaml': '' }, ['d/keep.yaml']],
    ['a nested pattern beats a root negation', { '.gitignore': '!*.yaml\n', 'd/.gitignore': '*.yaml\n', 'd/x.yaml': '', 'x.yaml': '' }, ['x.yaml']],
    ['a nested .gitignore under an excluded directory is never read', { '.gitignore': 'd/\n', 'd/.gitignore': '!x.yaml\n', 'd/x.yaml': '' }, []],
    ['** in the middle', { '.gitignore': 'a/**/x.yaml\n', 'a/x.yaml': '', 'a/b/c/x.yaml': '', 'b/x.yaml': '' }, ['b/x.yaml']],
    ['comments, blank lines, CRLF and a BOM', { '.gitignore': '\ufeff# a comment\r\n\r\nx.yaml\r\n', 'x.yaml': '', '# a comment': '', 'y.yaml': '' }, ['# a comment', 'y.yaml']],
    ['an escaped #', { '.gitignore': '\\#x.yaml\n', '#x.yaml': '', 'x.yaml': '' }, ['x.yaml']],
    ['trailing spaces are dropped', { '.gitignore': 'x.yaml   \n', 'x.yaml': '', 'y.yaml': '' }, ['y.yaml']],
    // globby's matcher (the `ignore` package's default) was case-insensitive; kept so a run lints what it did.
    ['case-insensitive, as before', { '.gitignore': 'Build/\n', 'build/x.yaml': '', 'y.yaml': '' }, ['y.yaml']],
    ['dot files and directories, node_modules', { '.hidden.yaml': '', '.github/w.yaml': '', 'node_modules/p/x.yaml': '', 'd/node_modules/y.yaml': '', 'z.yaml': '' }, ['z.yaml']],
  ];
  it.each(cases)('%s', async (_name, files, expected) => {
    expect(await walked(tempTree('discover', files, { repository: true }))).toEqual(expected);
  });

  it('reads the .gitignore files from the repository root down to the walked directory, and none above the root', async () => {
    const outer = tempTree('discover', { '.gitignore': 'x.yaml\n', 'repo/.gitignore': 'y.yaml\n', 'repo/sub/.gitignore': 'z.yaml\n', 'repo/sub/dir/x.yaml': '', 'repo/sub/dir/y.yaml': '', 'repo/sub/dir/z.yaml': '', 'repo/sub/dir/w.yaml': '' });
    mkdirSync(join(outer, 'repo/.git'));
    expect(await walked(outer, 'repo/sub/dir')).toEqual(['repo/sub/dir/w.yaml', 'repo/sub/dir/x.yaml']);
    // From inside the repository the same files, by paths relative to where edgelint runs.
    expect(await walked(join(outer, 'repo/sub'), 'dir')).toEqual(['dir/w.yaml', 'dir/x.yaml']);
  });

  it('outside a repository, only the walked directory and those below it', async () => {
    const outer = tempTree('discover', { '.gitignore': 'x.yaml\n', 'dir/.gitignore': 'y.yaml\n', 'dir/x.yaml': '', 'dir/y.yaml': '' });
    expect(await walked(outer, 'dir')).toEqual(['dir/x.yaml']);
  });

  it('a walked directory that the root .gitignore excludes yields nothing', async () => {
    const dir = tempTree('discover', { '.gitignore': 'generated/\n', 'generated/x.yaml': '' }, { repository: true });
    expect(await walked(dir, 'generated')).toEqual([]);
  });

  it('a .git file (a worktree or submodule) marks the root too', async () => {
    const outer = tempTree('discover', { '.gitignore': 'x.yaml\n', 'wt/.git': 'gitdir: /elsewhere\n', 'wt/x.yaml': '', 'wt/y.yaml': '' });
    mkdirSync(join(outer, '.git'));
    expect(await walked(outer, 'wt')).toEqual(['wt/x.yaml', 'wt/y.yaml']);
  });

  it('a symlinked .gitignore is not read (git does not follow one either), nor are symlinked files listed', async () => {
    const outside = tempTree('discover-outside', { patterns: 'x.yaml\n', 'y.yaml': '' });
    const dir = tempTree('discover', { 'x.yaml': '', 'd/z.yaml': '' }, { repository: true });
    symlinkSync(join(outside, 'patterns'), join(dir, '.gitignore'));
    symlinkSync(join(outside, 'y.yaml'), join(dir, 'y.yaml'));
    symlinkSync(join(outside), join(dir, 'linked'));
    expect(await walked(dir)).toEqual(['d/z.yaml', 'x.yaml']);
  });

  it('a .gitignore over 4 MB is not applied, and a notice says so', async () => {
    const dir = tempTree('discover', { '.gitignore': `x.yaml\n${'#'.repeat(4 * 1024 * 1024)}\n`, 'x.yaml': '' }, { repository: true });
    const { files, notices } = await discover(['.'], dir);
    expect(files.map((f) => f.path)).toEqual(['x.yaml']);
    expect(notices).toEqual([`.gitignore: file is ${4 * 1024 * 1024 + 8} bytes, over the 4194304-byte limit; its patterns were not applied`]);
  });

  it('a glob honours .gitignore the same way, nested files included', async () => {
    const dir = tempTree('discover', { '.gitignore': 'build/\n', 'd/.gitignore': 'x.yaml\n', 'build/a.yaml': '', 'd/x.yaml': '', 'd/y.yaml': '', 'e/x.yaml': '' }, { repository: true });
    const { files } = await discover(['**/*.yaml'], dir);
    expect(files.map((f) => f.path)).toEqual(['d/y.yaml', 'e/x.yaml']);
  });
});

/**
 * Generated trees against globby with `gitignore: true` (what discover.ts ran before): the same
 * files for every tree whose names are in lower case (globby matched case-insensitively too).
 */
describe('the walk against globby', () => {
  const dirs = ['a', 'b', 'build', 'a/b', 'b/a', 'build/a'];
  const names = ['x.yaml', 'y.yml', 'z.conf', 'k.log', 'keep.yaml'];
  const patterns = ['*.log', 'build/', '/a', 'a/', '!keep.yaml', 'b/x.yaml', '**/z.conf', '!build/', 'b/**', '!b/y.yml', '*.yaml', '!*.yml', 'x*', '/b/', 'a/*', '!a/b/', '**/a/x.yaml', '!/a/keep.yaml', '*.y?ml', '[xy].yaml'];
  const tree = fc.record({
    files: fc.uniqueArray(fc.tuple(fc.constantFrom('', ...dirs), fc.constantFrom(...names)).map(([d, n]) => (d ? `${d}/${n}` : n)), { minLength: 1, maxLength: 14 }),
    ignores: fc.array(fc.tuple(fc.constantFrom('', ...dirs), fc.array(fc.constantFrom(...patterns), { minLength: 1, maxLength: 4 })), { maxLength: 3 }),
  });
  const root = mkdtempSync(join(tmpdir(), 'edgelint-discover-prop-'));
  let n = 0;

  it('finds the same files on generated trees', async () => {
    try {
      await fc.assert(
        fc.asyncProperty(tree, async ({ files, ignores }) => {
          const dir = join(root, String(n++));
          mkdirSync(join(dir, '.git'), { recursive: true });
          for (const file of files) {
            mkdirSync(dirname(join(dir, file)), { recursive: true });
            writeFileSync(join(dir, file), '');
          }
          for (const [at, lines] of ignores) {
            mkdirSync(join(dir, at), { recursive: true });
            writeFileSync(join(dir, at, '.gitignore'), `${lines.join('\n')}\n`);
          }
          const before = (await globby('**/*', { cwd: dir, gitignore: true, dot: false, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true, ignore: ['**/node_modules/**', '**/.git/**'] })).sort();
          expect(await walked(dir)).toEqual(before);
        }),
        { numRuns: 150 },
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

