/**
 * Where a text's lines start, for turning offsets into lines and columns (source.ts).
 *
 * A 111 MB Helm stream has 4.6 million lines: every line's start in a typed array is 18 MB, held
 * from the first finding to the end of the run, at the run's peak. A large text without a CR keeps
 * the start of every 16th line instead (~1 MB) and counts the line breaks after it, at most 15 short
 * `indexOf` calls per lookup; small texts and texts with CRs (a lone CR ends a line too) keep them all.
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

export function lineIndex(text: string, sparseMinChars = SPARSE_MIN_CHARS): LineIndex {
  if (text.indexOf('\r') !== -1) {
    // A lone CR ends a line too, as in editors, in YAML (b-break) and in systemd's read_line().
    const starts = [0];
    const breaks = /\r\n?|\n/g;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) starts.push(m.index + m[0].length);
    return new DenseIndex(Uint32Array.from(starts));
  }
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const sparse = text.length >= sparseMinChars;
  const starts = new Uint32Array(sparse ? ((count - 1) >> STEP_BITS) + 1 : count);
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1), n++) {
    if (!sparse) starts[n] = i + 1;
    else if ((n & (STEP - 1)) === 0) starts[n >> STEP_BITS] = i + 1;
  }
  return sparse ? new SparseIndex(text, starts, count) : new DenseIndex(starts);
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

class SparseIndex implements LineIndex {
  constructor(
    private readonly text: string,
    /** The start of lines 0, STEP, 2·STEP, … */
    private readonly starts: Uint32Array,
    readonly count: number,
  ) {}

  startOf(line: number): number {
    let pos = this.starts[line >> STEP_BITS];
    for (let skip = line & (STEP - 1); skip > 0; skip--) pos = this.text.indexOf('\n', pos) + 1;
    return pos;
  }

  lineAt(offset: number): number {
    const starts = this.starts;
    const block = lastIndex(starts.length, (i) => starts[i] <= offset);
    let line = block << STEP_BITS;
    // The next block starts after `offset`, so this stops within the block.
    for (let next = this.text.indexOf('\n', starts[block]); next !== -1 && next < offset; next = this.text.indexOf('\n', next + 1)) line++;
    return line;
  }
}
