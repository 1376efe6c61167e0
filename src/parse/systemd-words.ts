/**
 * Word splitting of systemd setting values: extract_first_word() (src/basic/extract-word.c) with
 * EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE, as config_parse_exec() and config_parse_environ() call it, keeping
 * the file offsets of every character (a continued value is not contiguous in the file).
 *
 * Nothing here throws: whatever systemd would warn about or refuse becomes a `ParseProblem`.
 */
import { located, span, type Located, type Span } from '../core/source.js';
import type { SourceFile } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import { isWhitespace, type UnitEntry } from './systemd.js';

/** One unquoted, unescaped word, with the file range of each character it was made from. */
export interface Word {
  value: string;
  start: number;
  end: number;
  /** Per character of `value`: file offsets of the raw text it came from. */
  charStarts: number[];
  charEnds: number[];
  /** The raw text was exactly `;` (a command separator) or `\;` (a literal semicolon). */
  raw: string;
}

/** Characters of a value with their file offsets. */
export interface ValueText {
  text: string;
  offsetAt(index: number): number;
  source: SourceFile;
}

export function valueText(entry: UnitEntry): ValueText {
  const offsets = entry.valueOffsets;
  const base = entry.valueSpan.start;
  return {
    text: entry.value,
    source: entry.source,
    offsetAt: (i) => (offsets && i < offsets.length ? offsets[i] : offsets && offsets.length > 0 ? offsets[offsets.length - 1] + 1 : base + i),
  };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', '"': '"', "'": "'", s: ' ',
};

/** cunescape_one() (basic/escape.c): the C escapes systemd accepts; anything else is a syntax error. */
function unescapeAt(text: string, i: number): { value: string; length: number } | undefined {
  const c = text[i];
  if (c === undefined) return undefined;
  if (c in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[c], length: 1 };
  const hex = (n: number): { value: string; length: number } | undefined => {
    const digits = text.slice(i + 1, i + 1 + n);
    if (digits.length !== n || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
    const code = Number.parseInt(digits, 16);
    if (code === 0 || code > 0x10ffff) return undefined;
    return { value: String.fromCodePoint(code), length: 1 + n };
  };
  if (c === 'x') return hex(2);
  if (c === 'u') return hex(4);
  if (c === 'U') return hex(8);
  if (c >= '0' && c <= '7') {
    const digits = text.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(digits)) return undefined;
    const code = Number.parseInt(digits, 8);
    return code === 0 || code > 0xff ? undefined : { value: String.fromCharCode(code), length: 3 };
  }
  return undefined;
}

/**
 * How strictly a setting's words are split, per systemd's source (src/core/load-fragment.c):
 * - `exec`: config_parse_exec() uses extract_first_word_and_warn() (src/basic/extract-word.c), which on
 *   an unknown escape retries the word with EXTRACT_CUNESCAPE_RELAX: the backslash and the character stay
 *   verbatim, a warning "Ignoring unknown escape sequences" is logged, and the command is used. Only
 *   unbalanced quoting survives the retry ("Unbalanced quoting, ignoring").
 * - `environ`: config_parse_environ() calls extract_first_word() without the retry: any bad word logs
 *   "Invalid syntax, ignoring" and ends the line there (the words before it are already applied).
 */
export type SplitMode = 'exec' | 'environ';

export function splitWords(value: ValueText, problems: ParseProblem[], mode: SplitMode): Word[] {
  const { text, source } = value;
  const at = (i: number, length = 1): Span => span(source, value.offsetAt(i), value.offsetAt(i + length - 1) + 1);
  const words: Word[] = [];
  const rest = 'systemd ignores this word and the rest of the line ("Invalid syntax, ignoring")';
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isWhitespace(text[i])) i++;
    if (i >= text.length) break;
    const wordStart = i;
    let out = '';
    const charStarts: number[] = [];
    const charEnds: number[] = [];
    const emit = (chars: string, from: number, length: number): void => {
      for (const ch of chars) {
        out += ch;
        charStarts.push(value.offsetAt(from));
        charEnds.push(value.offsetAt(from + length - 1) + 1);
      }
    };
    let quote: string | undefined;
    let quoteAt = -1;
    /** Unknown escapes of this word, kept verbatim in exec mode: one warning per word, as systemd logs it. */
    const unknown: Array<{ at: number; text: string }> = [];
    let failed = false;
    while (i < text.length) {
      const c = text[i];
      if (!quote && isWhitespace(c)) break;
      if (c === '\\') {
        if (i + 1 >= text.length) {
          if (mode === 'environ') {
            problems.push({ message: `Backslash at the end of the value escapes nothing: ${rest}`, span: at(i) });
            failed = true;
            break;
          }
          // EXTRACT_CUNESCAPE_RELAX keeps an unquoted trailing backslash verbatim (quoted, it stays an error).
          if (!quote) unknown.push({ at: i, text: '\\' });
          emit('\\', i, 1);
          i++;
          break;
        }
        const escape = unescapeAt(text, i + 1);
        if (escape) {
          emit(escape.value, i, escape.length + 1);
          i += escape.length + 1;
          continue;
        }
        // `\;` as a whole word is the escaped command separator (config_parse_exec checks it first).
        const isLoneSemicolon = mode === 'exec' && text[i + 1] === ';' && i === wordStart && (i + 2 >= text.length || isWhitespace(text[i + 2]));
        if (isLoneSemicolon) {
          emit(';', i, 2);
          i += 2;
          continue;
        }
        if (mode === 'environ') {
          problems.push({ message: `Unknown escape \`\\${text[i + 1]}\` in Environment=: ${rest}`, span: at(i, 2) });
          failed = true;
          break;
        }
        unknown.push({ at: i, text: `\\${text[i + 1]}` });
        emit(`\\${text[i + 1]}`, i, 2);
        i += 2;
        continue;
      }
      if (quote) {
        if (c === quote) quote = undefined;
        else emit(c, i, 1);
        i++;
        continue;
      }
      if (c === '"' || c === "'") {
        quote = c;
        quoteAt = i;
        i++;
        continue;
      }
      emit(c, i, 1);
      i++;
    }
    if (failed) break;
    if (quote) {
      const kind = quote === '"' ? 'double' : 'single';
      problems.push({
        message: mode === 'environ' ? `Unterminated ${kind} quote: ${rest}` : `Unterminated ${kind} quote: systemd rejects this assignment`,
        span: at(quoteAt),
      });
      if (mode === 'environ') break;
    } else if (unknown.length > 0) {
      const names = [...new Set(unknown.map((u) => `\`${u.text}\``))];
      const one = names.length === 1;
      problems.push({
        message:
          `Unknown ${one ? 'escape' : 'escapes'} ${names.join(', ')} in a command line: systemd keeps the ${one ? 'backslash' : 'backslashes'} ` +
          `and passes ${one ? names[0] : 'them'} on as written (it logs "Ignoring unknown escape sequences"); ` +
          'write `\\\\` where a literal backslash is meant',
        span: at(unknown[0].at, unknown[0].text.length),
        severity: 'warning',
      });
    }
    const start = value.offsetAt(wordStart);
    const end = value.offsetAt(i - 1) + 1;
    words.push({ value: out, start, end, charStarts, charEnds, raw: text.slice(wordStart, i) });
  }
  return words;
}

export function locatedWord(source: SourceFile, word: Word): Located<string> {
  return located(word.value, span(source, word.start, word.end));
}
