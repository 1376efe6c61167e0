import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyBefore } from '../../src/parse/yaml-compact-mapping.js';

/** What keyBefore replaced; kept here only as the definition the scan must agree with. */
const OLD = /^([ \t]*(?:-[ \t]+)*)([^\s#][^\n]*?)[ \t]*:[ \t]+$/;

function byRegexp(head: string): { keyColumn: number; key: string } | undefined {
  const m = OLD.exec(head);
  return m ? { keyColumn: m[1].length, key: m[2] } : undefined;
}

describe('keyBefore: the key before a value on its line', () => {
  it.each([
    ['  protocol: ', { keyColumn: 2, key: 'protocol' }],
    ['- name: ', { keyColumn: 2, key: 'name' }],
    ['- - k: ', { keyColumn: 4, key: 'k' }],
    ['  a b  :\t', { keyColumn: 2, key: 'a b' }],
    ['k:', undefined],
    ['  # c: ', undefined],
    ['- #x: ', { keyColumn: 0, key: '- #x' }],
    ['- : ', { keyColumn: 0, key: '-' }],
  ])('%j', (head, expected) => {
    expect(keyBefore(head)).toEqual(expected);
    expect(byRegexp(head)).toEqual(expected);
  });

  it('agrees with the regexp it replaced on any line of blanks, dashes, colons, hashes and letters', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\t', '-', ':', '#', 'a', 'b', '\u00a0'), { maxLength: 14 }), (chars) => {
        const head = chars.join('');
        expect(keyBefore(head)).toEqual(byRegexp(head));
      }),
      { numRuns: 20_000 },
    );
  });
});
