/**
 * Bytes → text, without trusting the bytes: binary files, invalid UTF-8, UTF-16 with a BOM and files
 * over the size limit each come back as a located problem or decoded text, never an exception.
 */
import { readRegularText } from '../core/fs-safe.js';

export const DEFAULT_MAX_FILE_SIZE = 256 * 1024 * 1024;

export type ReadResult =
  | { ok: true; text: string }
  | {
      ok: false;
      message: string;
      /** Text before the problem, so the problem can be located. */
      text: string;
      offset: number;
      /** `binary` (a NUL byte) and `encoding` (not UTF-8) say what the bytes are; `size` and `io` say nothing about them. */
      reason: 'binary' | 'encoding' | 'size' | 'io';
    };

/** A file of the linted tree: only regular files are read (never a FIFO or device), up to the size limit. */
export function readFileText(absolutePath: string, maxFileSize: number): ReadResult {
  const read = readRegularText(absolutePath, maxFileSize);
  if (read.ok) return 'text' in read ? { ok: true, text: read.text } : decodeBytes(read.bytes);
  const message = read.code === 'EFBIG' ? `${read.reason} (maxFileSize in .edgelint.yaml, --max-file-size)` : read.reason;
  return { ok: false, message, text: '', offset: 0, reason: read.code === 'EFBIG' ? 'size' : 'io' };
}

export function decodeBytes(bytes: Uint8Array): ReadResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  // A NUL anywhere, not only in a first block: an executable or archive can start with text (a shell
  // stub before an embedded tarball), and no text format edgelint reads contains NUL.
  const nul = body.indexOf(0);
  if (nul !== -1) {
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, nul));
    return { ok: false, message: 'binary file (contains NUL bytes)', text: prefix, offset: prefix.length, reason: 'binary' };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    const bad = firstInvalidUtf8(body);
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, bad));
    const rest = new TextDecoder('utf-8').decode(body.subarray(bad));
    return { ok: false, message: `invalid UTF-8 at byte ${bad + start}`, text: prefix + rest, offset: prefix.length, reason: 'encoding' };
  }
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return i;
}
