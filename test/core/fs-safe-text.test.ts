/**
 * readRegularText hands back a string only for text decodeBytes would decode as it is; anything it
 * judges (a NUL, invalid UTF-8, a BOM) comes back as bytes, so reading a file stays exactly as before.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRegularText } from '../../src/core/fs-safe.js';
import { decodeBytes, readFileText } from '../../src/engine/read.js';
import { tempDir } from '../temp.js';

describe('readRegularText', () => {
  const dir = tempDir('read-text');
  const cases: Array<[string, Buffer, 'text' | 'bytes']> = [
    ['plain UTF-8', Buffer.from('kind: Pod\nname: caf\u00e9 \u{1F600}\n'), 'text'],
    ['empty', Buffer.alloc(0), 'text'],
    ['a NUL', Buffer.from('kind: Pod\n\0\n'), 'bytes'],
    ['invalid UTF-8', Buffer.from([0x6b, 0x3a, 0x20, 0xc3, 0x28, 0x0a]), 'bytes'],
    ['a written replacement character', Buffer.from('a: \ufffd\n'), 'bytes'],
    ['a UTF-8 BOM', Buffer.from('\ufeffkind: Pod\n'), 'bytes'],
    ['a UTF-16 BOM', Buffer.from([0xff, 0xfe, 0x6b, 0x00]), 'bytes'],
  ];
  for (const [label, bytes, expected] of cases) {
    it(`${label}: ${expected}, and readFileText decodes it as the bytes say`, () => {
      const file = join(dir, `${label.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, bytes);
      const read = readRegularText(file, 1024);
      expect(read.ok).toBe(true);
      expect(read.ok && ('text' in read ? 'text' : 'bytes')).toBe(expected);
      if (read.ok && 'text' in read) expect(read.text).toBe(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      // The same result as decoding the file's bytes, whichever way it was read.
      expect(readFileText(file, 1024)).toEqual(decodeBytes(bytes));
    });
  }

  it('over the size limit: refused before anything is read', () => {
    const file = join(dir, 'big.yaml');
    writeFileSync(file, 'x'.repeat(2048));
    expect(readRegularText(file, 1024)).toMatchObject({ ok: false, code: 'EFBIG' });
  });
});
