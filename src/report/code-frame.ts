/**
 * A source excerpt with a gutter and an underline, as printed under each finding by `stylish`.
 *
 * Positions are 1-based and count UTF-16 code units, like `Finding` (see `src/core/source.ts`); the
 * end column is exclusive. Lines are split on `\n` only, the way `SourceFile` counts them, so a
 * finding's line number always names the same line here; a trailing `\r` (CRLF) is dropped.
 */

import { visibleControls } from '../core/printable.js';

export interface CodeFrameOptions {
  /** Lines shown before and after the marked line. Default 2. */
  contextLines?: number;
  /** Widest text shown per line, in display columns; longer lines are cut around the range. Default 120. */
  maxWidth?: number;
  /** Wrap the marker, gutter and underline in ANSI colors. Default false. */
  color?: boolean;
}

const ELLIPSIS = '…';

/**
 * Renders the lines around `line` with a `>` marker on it and `^~~~` under `[column, endColumn)`.
 * Returns `''` when `line` is not in `text` (a finding past the end of the file has nothing to show).
 * A range that continues onto later lines is underlined to the end of its first line.
 */
export function codeFrame(
  text: string,
  line: number,
  column: number,
  endLine: number,
  endColumn: number,
  options: CodeFrameOptions = {},
): string {
  const contextLines = Math.max(0, Math.floor(options.contextLines ?? 2));
  const maxWidth = Math.max(20, Math.floor(options.maxWidth ?? 120));
  const color = options.color ?? false;

  const lines = splitLines(text);
  if (!Number.isInteger(line) || line < 1 || line > lines.length) return '';

  const target = lines[line - 1];
  // Clamp into the line: a column past the end (a missing key reported at its parent's end) marks the
  // end of the line, and every range gets at least one caret so it stays visible.
  const start = clamp((Number.isFinite(column) ? Math.floor(column) : 1) - 1, 0, target.length);
  const rawEnd = endLine === line && Number.isFinite(endColumn) ? Math.floor(endColumn) - 1 : target.length;
  const end = Math.max(start + 1, Math.min(rawEnd, target.length));

  const window = viewWindow(target, start, maxWidth);
  const first = Math.max(1, line - contextLines);
  // The empty "line" after a final newline is only shown when the range is on it.
  const lastReal = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const last = Math.max(line, Math.min(lastReal, line + contextLines));
  const gutterWidth = String(last).length;

  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const shown = clip(sanitize(lines[n - 1]), window);
    const number = String(n).padStart(gutterWidth);
    const marker = n === line ? paint('>', RED, color) : ' ';
    out.push(`${marker} ${paint(`${number} |`, DIM, color)}${shown === '' ? '' : ` ${shown}`}`);
    if (n === line) {
      const clean = sanitize(target);
      const visibleEnd = Math.min(end, window.to);
      const lead = (window.from > 0 ? ' ' : '') + clean.slice(window.from, start);
      const pad = lead.replace(/[^\t]/gu, (ch) => ' '.repeat(charWidth(ch)));
      const width = Math.max(1, displayWidth(clean.slice(start, visibleEnd)));
      const underline = `^${'~'.repeat(width - 1)}`;
      out.push(`  ${paint(`${' '.repeat(gutterWidth)} |`, DIM, color)} ${pad}${paint(underline, RED, color)}`);
    }
  }
  return out.join('\n');
}

// stylish frames every finding of a file from the same text; splitting it once keeps that linear.
let cachedText: string | undefined;
let cachedLines: string[] = [];

function splitLines(text: string): string[] {
  if (text !== cachedText) {
    cachedLines = text.split(/\r\n|\r|\n/);
    cachedText = text;
  }
  return cachedLines;
}

/** Code units `[from, to)` shown of every line; one slice for all lines keeps columns aligned. */
interface Window {
  from: number;
  to: number;
}

function viewWindow(target: string, start: number, maxWidth: number): Window {
  if (displayWidth(target) <= maxWidth) return { from: 0, to: Number.MAX_SAFE_INTEGER };
  // A third of the width goes to lead-in before the range, so the reader sees the key it follows.
  let from = Math.max(0, start - Math.floor(maxWidth / 3));
  if (from > 0 && isLowSurrogate(target.charCodeAt(from))) from--;
  let to = from;
  let width = 0;
  while (to < target.length && width + charWidth(target[to]) <= maxWidth) {
    width += charWidth(target[to]);
    to++;
  }
  if (to < target.length && to > from && isLowSurrogate(target.charCodeAt(to))) to--;
  return { from, to };
}

function clip(line: string, window: Window): string {
  if (window.from === 0 && window.to >= line.length) return line;
  if (line.length <= window.from) return '';
  const before = window.from > 0 ? ELLIPSIS : '';
  const after = window.to < line.length ? ELLIPSIS : '';
  return `${before}${line.slice(window.from, window.to)}${after}`;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Linted files are untrusted: an ESC or CR in them would be interpreted by the terminal (moving the
 * cursor, recoloring, hiding text), and bidirectional overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069, the "Trojan Source" characters) or line/paragraph separators reorder or break what
 * is shown. Each such code unit becomes one visible character (visibleControls: ESC as ␛), so
 * code-unit columns still line up with what is printed. Tabs are kept: the underline copies them to
 * stay aligned.
 */
export function sanitize(text: string): string {
  return visibleControls(text, '\t');
}

/**
 * Terminal cells a string takes. Wide East Asian characters and astral-plane characters (mostly emoji)
 * take two cells, combining marks none; good enough to keep an underline under its text without a
 * full Unicode width table.
 */
export function displayWidth(text: string): number {
  // Every code point below U+0300 takes one cell (charWidth): most text is ASCII, and a native regex
  // test is cheaper than the string iterator, which made a one-character string per character (the
  // stylish report of a 1,000-line installer measured every word of every message this way, issue #13).
  if (!BEYOND_ONE_CELL.test(text)) return text.length;
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** Any code unit charWidth might not count as one cell. */
const BEYOND_ONE_CELL = /[^\u0000-\u02ff]/;

function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0xd800 && code <= 0xdfff) return 1; // a lone surrogate; printed as one replacement glyph
  if (code > 0xffff) return 2;
  if ((code >= 0x0300 && code <= 0x036f) || code === 0x200b || code === 0x200d) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6)
  ) {
    return 2;
  }
  return 1;
}

const RED = 31;
const DIM = 2;

function paint(text: string, code: number, color: boolean): string {
  return color ? `\u001b[${code}m${text}\u001b[${code === DIM ? 22 : 39}m` : text;
}
