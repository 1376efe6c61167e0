/**
 * The text a shell parser is given, and the way back: CRLF line ends are read as LF, lone surrogates
 * as U+FFFD, and parser offsets are mapped back to offsets of the script text exactly as read.
 */
import { firstIndex } from '../core/arrays.js';

/**
 * Bash reads a CR before LF as an ordinary character (so `EOF\r` never closes a heredoc and every
 * word gains a trailing CR). A script with CRLF line ends is almost always a Windows checkout of a
 * script meant to run as LF, so it is read as that script; offsets map back to the CRLF text.
 */
export function normalizeLineEnds(text: string): { normalized: string; normToScript: (offset: number) => number } {
  if (!text.includes('\r\n')) return { normalized: text, normToScript: (o) => o };
  // lfAfterCr[k] = offset in the normalized text of the LF that followed the k-th removed CR.
  const lfAfterCr: number[] = [];
  const pieces: string[] = [];
  let last = 0;
  let removed = 0;
  let i = text.indexOf('\r\n');
  while (i !== -1) {
    pieces.push(text.slice(last, i));
    lfAfterCr.push(i - removed);
    removed++;
    last = i + 1;
    i = text.indexOf('\r\n', i + 2);
  }
  pieces.push(text.slice(last));
  const normalized = pieces.join('');
  const normToScript = (offset: number): number => {
    // Count removed CRs whose LF sits at or before `offset`: each shifts the script offset by one.
    return offset + firstIndex(lfAfterCr.length, (i) => lfAfterCr[i] > offset);
  };
  return { normalized, normToScript };
}

/** An unpaired surrogate (possible in a JS string, never in a file decoded as UTF-8) becomes U+FFFD, which has the same UTF-16 length, so offsets hold. */
export function replaceLoneSurrogates(text: string): string {
  let out: string[] | undefined;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    out ??= [];
    out.push(text.slice(last, i), '\ufffd');
    last = i + 1;
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

/** Maps UTF-8 byte offsets of `text` to UTF-16 offsets; identity for ASCII text. */
export function byteOffsetMapper(text: string): (byteOffset: number) => number {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return (b) => Math.max(0, Math.min(b, text.length));
  const table: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    const bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) table.push(i);
    if (c >= 0x10000) i++;
  }
  const byteLength = table.length;
  return (b) => {
    if (b <= 0) return 0;
    if (b >= byteLength) return text.length;
    return table[b];
  };
}
