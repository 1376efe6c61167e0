/**
 * Plain-text layout for the human format: splitting a finding's message into a headline and detail,
 * and wrapping text to a terminal width measured in display cells.
 */
import { displayWidth } from './code-frame.js';

export interface Headline {
  /** What is wrong, in one clause: the message up to and including its first top-level `:`, `;` or `.`. */
  headline: string;
  /** The rest (why it matters, the other side, what happens); `''` when the message is one clause. */
  detail: string;
}

/**
 * Rule messages are written as "<what is wrong>: <why / where else>" or "<what>; <consequence>"
 * (see rules/*.ts `messages`), so the first `: `, `; ` or sentence end outside brackets and quotes is
 * where the headline ends. Interpolated values (image refs `a:1.6`, addresses `[::]:1883`, quoted
 * kubelet errors) sit inside brackets or quotes or have no space after the colon, so they never split.
 * A prefix of up to three words ending in `:` (`edgecore config: …`, `shell syntax error: …`) is a
 * label, not a headline, and stays with the clause it labels; so is a one-word clause.
 */
export function splitHeadline(message: string): Headline {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < message.length - 1; i++) {
    const ch = message[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    else if (depth === 0 && message[i + 1] === ' ' && isBreak(message, i)) {
      // The stop stays on the headline: read straight on, headline and detail are the message as written.
      const headline = message.slice(0, i + 1);
      const detail = message.slice(i + 2).trim();
      const words = headline.trim().split(/\s+/).length;
      const label = words === 1 || (ch === ':' && words <= 3);
      if (detail !== '' && !label) return { headline, detail };
    }
  }
  return { headline: message, detail: '' };
}

function isBreak(message: string, i: number): boolean {
  const ch = message[i];
  if (ch === ':' || ch === ';') return true;
  // A sentence end, not an abbreviation ("e.g. ") or a version ("1.6. "): the next word is capitalised.
  // A comparison, not /[A-Z]/: V8 compiled that unanchored class to ~530 lines of regexp bytecode (issue #13).
  const next = message[i + 2];
  return ch === '.' && next !== undefined && next >= 'A' && next <= 'Z';
}

/**
 * Greedy word wrap: the first line holds `firstWidth` cells, later lines `restWidth`. A word wider than
 * a line (a long path or image reference) is cut rather than overflowing it: after the last `/` that
 * fits, else at the line's edge; one that only misses a short first line leaves that line empty.
 */
export function wrap(text: string, firstWidth: number, restWidth = firstWidth): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  const limit = () => Math.max(1, lines.length === 0 ? firstWidth : restWidth);
  const flush = () => {
    lines.push(line);
    line = '';
    used = 0;
  };
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const w = displayWidth(word);
    if (used > 0 && used + 1 + w <= limit()) {
      line += ` ${word}`;
      used += 1 + w;
      continue;
    }
    if (used > 0) flush();
    // A word too wide for a short first line but not for the others starts on the second line.
    if (lines.length === 0 && w > limit() && w <= Math.max(1, restWidth)) flush();
    if (w <= limit()) {
      line = word;
      used = w;
      continue;
    }
    // A path is cut after one of its `/`s where it can be, so a line ends with a whole directory.
    for (const piece of word.split(/(?<=\/)/)) {
      const pw = displayWidth(piece);
      if (used > 0 && used + pw > limit()) flush();
      if (pw <= limit()) {
        line += piece;
        used += pw;
        continue;
      }
      for (const ch of piece) {
        const cw = displayWidth(ch);
        if (used > 0 && used + cw > limit()) flush();
        line += ch;
        used += cw;
      }
    }
  }
  if (used > 0 || lines.length === 0) lines.push(line);
  return lines;
}

/** Pads with spaces to `width` display cells. */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
