/**
 * CompiledPatterns answers as `ignore` does for the whole file (the last matching pattern decides, an
 * ignored directory's contents are ignored), while testing plain names by lookup: the cases and the
 * property compare the two verdicts, and `costly` counts the patterns still tested one by one.
 */
import fc from 'fast-check';
import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { CompiledPatterns } from '../../src/engine/gitignore-matcher.js';

function expected(text: string, rel: string, directory: boolean) {
  const { ignored, unignored } = ignore().add(text).test(directory ? `${rel}/` : rel);
  return { ignored, unignored };
}

describe('CompiledPatterns', () => {
  it.each([
    ['a name matches at any depth', 'build\n', 'src/build', false, true],
    ['a name matches a directory above', 'build\n', 'src/build/out.yaml', false, true],
    ['a name does not match a longer one', 'build\n', 'src/builder', false, false],
    ['case is folded as ignore folds it', 'Build.YAML\n', 'x/bUILD.yaml', false, true],
    ['a non-ASCII character is not folded onto an ASCII one', 'k\n', '\u212a', false, false],
    ['a trailing slash matches directories only', 'out/\n', 'out', false, false],
    ['…and the files below one', 'out/\n', 'out/a.yaml', false, true],
    ['a leading slash anchors', '/out\n', 'sub/out', false, false],
    ['…to the file’s directory', '/out\n', 'out/x', false, true],
    ['an inner slash anchors', 'a/b\n', 'x/a/b', false, false],
    ['…and matches the path below it', 'a/b\n', 'a/b/c.yaml', false, true],
    ['a negation re-includes what comes before it', 'secret.yaml\n!secret.yaml\n', 'secret.yaml', false, false],
    ['a name after the last negation ignores', '*.yaml\n!keep.yaml\nkeep.yaml\n', 'keep.yaml', false, true],
    ['a negated directory’s files stay ignored by an earlier wildcard', '*\n!dir/\n', 'dir/x', false, true],
    ['a comment and a BOM are no patterns', '\ufeff# build\n\n', 'build', false, false],
    ['CRLF lines', 'a\r\nb\r\n', 'b', false, true],
  ])('%s', (_name, text, rel, directory, ignored) => {
    const verdict = new CompiledPatterns(text).test(rel, directory);
    expect(verdict.ignored).toBe(ignored);
    expect(verdict).toEqual(expected(text, rel, directory));
  });

  it.each([
    ['plain names only', 'a\n/b\nc/d/\n# note\n', 0],
    ['wildcards are tested one by one', '*.log\na\nb?\n', 2],
    ['everything up to the last negation is', 'a\nb\n!c\nd\n', 3],
    ['100,000 plain names are none', Array.from({ length: 100_000 }, (_, i) => `generated-${i}.yaml`).join('\n'), 0],
  ])('costly: %s', (_name, text, costly) => {
    expect(new CompiledPatterns(text).costly).toBe(costly);
  });

  it('agrees with ignore on any pattern list and path', () => {
    const name = fc.constantFrom('a', 'B', 'a.b', '.x', 'c-1', 'A', 'b');
    const pattern = fc
      .tuple(fc.constantFrom('', '!', '#', '\ufeff', '\\!'), fc.constantFrom('', '/'), fc.array(fc.oneof(name, fc.constantFrom('*', 'a*', '**', '?', '[ab]', 'a b', 'x ')), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '/', ' ', '\r'))
      .map(([lead, anchor, parts, end]) => lead + anchor + parts.join('/') + end);
    const file = fc.tuple(fc.array(pattern, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol));
    const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(file, path, fc.boolean(), (text, rel, directory) => {
        expect(new CompiledPatterns(text).test(rel, directory)).toEqual(expected(text, rel, directory));
      }),
      { numRuns: 3000 },
    );
  });
});
