/**
 * Where a text's lines start, for turning offsets into lines and columns (source.ts).
 *
 * A 111 MB Helm stream has 4.6 million lines: every line's start in a typed array is 18 MB, held
 * from the first finding to the end of the run, at the run's peak. A large text without a CR keeps
 * the start of every 16th line instead (~2 MB with their line numbers), and of every line far from
 * the last one kept, and counts the line breaks after it, at most 15 short `indexOf` calls or
 * SPARSE_MAX_GAP characters per lookup; small texts and texts with CRs (a lone CR ends a line too)
 * keep them all.
 */
import { lastIndex } from './arrays.js';

export interface LineIndex {
  /** How many lines the text has (one more than its line breaks). */
  readonly count: number;
  /** The offset of 0-based line `line` (0 ≤ line < count). */
  startOf(line: number): number;
  /** The 0-based line holding `offset` (0 ≤ offset ≤ text.length): the last line starting at or before it. */
  lineAt(offset: number): number;
}

/** Texts at least this long, without a CR, keep one line start in SPARSE_STEP. */
export const SPARSE_MIN_CHARS = 1024 * 1024;
const STEP_BITS = 4;
const STEP = 1 << STEP_BITS;
/**
 * A sparse index also keeps every line start more than this many characters past the last one kept,
 * so a lookup never scans further than this. With only one start in sixteen, a start after an 8 MB
 * line was found again by scanning that line: 19,000 findings on the line after it took 37 s (3 s
 * with the long line in another block).
 */
export const SPARSE_MAX_GAP = 1024;

export function lineIndex(text: string, sparseMinChars = SPARSE_MIN_CHARS, maxGap = SPARSE_MAX_GAP): LineIndex {
  if (text.indexOf('\r') !== -1) {
    // A lone CR ends a line too, as in editors, in YAML (b-break) and in systemd's read_line().
    const starts = [0];
    const breaks = /\r\n?|\n/g;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) starts.push(m.index + m[0].length);
    return new DenseIndex(Uint32Array.from(starts));
  }
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  if (text.length < sparseMinChars) {
    const starts = new Uint32Array(count);
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
    return new DenseIndex(starts);
  }
  // Kept: line 0, every STEP-th line, and every line starting more than maxGap past the last kept.
  const room = (count >> STEP_BITS) + Math.floor(text.length / (maxGap + 1)) + 2;
  const lines = new Uint32Array(room);
  const starts = new Uint32Array(room);
  let kept = 1;
  let last = 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1), n++) {
    if ((n & (STEP - 1)) !== 0 && i + 1 - last <= maxGap) continue;
    lines[kept] = n;
    starts[kept++] = last = i + 1;
  }
  return new SparseIndex(text, lines.slice(0, kept), starts.slice(0, kept), count, maxGap);
}

class DenseIndex implements LineIndex {
  constructor(private readonly starts: Uint32Array) {}

  get count(): number {
    return this.starts.length;
  }

  startOf(line: number): number {
    return this.starts[line];
  }

  lineAt(offset: number): number {
    const starts = this.starts;
    return lastIndex(starts.length, (i) => starts[i] <= offset);
  }
}

/**
 * Between two kept starts lie fewer than STEP line breaks, and every line start between them is
 * within maxGap of the first (else it was kept), so both lookups scan at most maxGap characters.
 */
class SparseIndex implements LineIndex {
  constructor(
    private readonly text: string,
    /** The kept lines, ascending, and where each starts. */
    private readonly lines: Uint32Array,
    private readonly starts: Uint32Array,
    readonly count: number,
    private readonly maxGap: number,
  ) {}

  startOf(line: number): number {
    const lines = this.lines;
    const k = lastIndex(lines.length, (i) => lines[i] <= line);
    let pos = this.starts[k];
    for (let skip = line - lines[k]; skip > 0; skip--) pos = this.text.indexOf('\n', pos) + 1;
    return pos;
  }

  lineAt(offset: number): number {
    const starts = this.starts;
    const k = lastIndex(starts.length, (i) => starts[i] <= offset);
    let line = this.lines[k];
    // No line starts past starts[k] + maxGap before the next kept start: count the breaks up to there only.
    const text = this.text;
    const end = Math.min(offset, starts[k] + this.maxGap);
    for (let i = starts[k]; i < end; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
  }
}
