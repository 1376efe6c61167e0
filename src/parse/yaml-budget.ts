/**
 * What the yaml package cannot afford, found before it is asked to: a document holding such a thing
 * is reported as "too large to lint" at the place and skipped, instead of running the process out of
 * memory. Everything here is a linear scan of the text.
 */
import { span } from '../core/source.js';
import type { SourceFile } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';

/**
 * Lines the yaml package cannot afford. It spends about 1 KB of heap per node, and quoted scalars and
 * flow collections on one line are the cheapest way to write many nodes or huge escapes: a 4 MB
 * flow sequence on one line took 2 GB and 134 s, a 50 MB double-quoted line 1.8 GB. Plain and block
 * scalars (a long base64 line) cost little and are not limited.
 */
export const LINE_BUDGET = {
  /** Characters on one line holding a quote or a flow indicator; also of one double-quoted scalar over several lines. */
  quotedOrFlowChars: 2 * 1024 * 1024,
  /** Flow items (commas) on one line holding a flow indicator. */
  flowItems: 20_000,
  /**
   * Items of one flow collection written over several lines (a JSON document is one): about 1 KB of
   * heap each, so 100k stays near 100 MB; 500k items over 50k lines (1.3 MB) ran a 256 MB heap out.
   */
  multiLineFlowItems: 100_000,
  /**
   * Lines that hold block nodes in one document (block scalar content, comments and blank lines do
   * not count): a block sequence of 300k `- 1` lines (1.8 MB) ran a 256 MB heap out. A `kind: List`
   * of any size is read an item at a time (yaml-harvest.ts), so this only bounds one object.
   */
  documentNodeLines: 100_000,
};

/** Lines longer than this are inspected; shorter ones cannot exceed either budget. */
const INSPECT_FROM = 20_000;

/**
 * Blanks every document holding a line over LINE_BUDGET (newlines and a leading `---` stay, so offsets
 * and the other documents are untouched) and reports it at that line: such a document is skipped
 * with a located "too large to lint" instead of running the process out of memory.
 */
export function skipOversizedDocuments(source: SourceFile, text: string, base: number, problems: ParseProblem[]): string {
  const oversized: Array<{ at: number; what: string; why: string }> = [];
  for (let lineStart = 0; lineStart < text.length; ) {
    const next = text.indexOf('\n', lineStart);
    const lineEnd = next === -1 ? text.length : next;
    if (lineEnd - lineStart > INSPECT_FROM) {
      const why = overBudget(text, lineStart, lineEnd);
      if (why) oversized.push({ at: lineStart, what: 'line', why });
    }
    lineStart = lineEnd + 1;
  }
  // A construct over several lines can only exceed a budget in a text longer than the smallest one.
  if (text.length > Math.min(LINE_BUDGET.quotedOrFlowChars, LINE_BUDGET.multiLineFlowItems, 2 * LINE_BUDGET.documentNodeLines)) {
    for (const found of multiLineConstructs(text)) oversized.push(found);
    oversized.sort((a, b) => a.at - b.at);
  }
  if (oversized.length === 0) return text;
  const markers = [0];
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  for (let m = marker.exec(text); m; m = marker.exec(text)) if (m.index > 0) markers.push(m.index);
  markers.push(text.length);
  const pieces: string[] = [];
  let cursor = 0;
  let done = -1;
  for (const { at, what, why } of oversized) {
    // The document holding the line: between the last marker at or before it and the next one.
    let k = markers.length - 2;
    while (k > 0 && markers[k] > at) k--;
    const [from, to] = [markers[k], markers[k + 1]];
    problems.push({ message: `This ${what} is too large to lint (${why}); ${what === 'document' ? 'it is' : 'the document holding it is'} skipped`, span: span(source, base + at, base + Math.min(at + 1, text.length)) });
    if (from <= done) continue;
    const keep = /^(?:---|\.\.\.)/.test(text.slice(from, from + 3)) ? 3 : 0;
    pieces.push(text.slice(cursor, from + keep));
    // ' '.repeat makes a flat one-byte string; a regex replace over 50 MB builds a much larger one.
    for (let line = from + keep; line < to; ) {
      const next = text.indexOf('\n', line);
      const lineEnd = next === -1 || next >= to ? to : next;
      pieces.push(' '.repeat(lineEnd - line));
      if (lineEnd < to) pieces.push('\n');
      line = lineEnd + 1;
    }
    cursor = to;
    done = from;
  }
  pieces.push(text.slice(cursor));
  return pieces.join('');
}

function overBudget(text: string, start: number, end: number): string | undefined {
  let quotedOrFlow = false;
  let flow = false;
  let commas = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) quotedOrFlow = true;
    else if (c === 0x5b || c === 0x7b) quotedOrFlow = flow = true;
    else if (c === 0x2c) commas++;
  }
  const mb = ((end - start) / (1024 * 1024)).toFixed(1);
  if (flow && commas > LINE_BUDGET.flowItems) return `${commas + 1} flow items on one line; edgelint reads at most ${LINE_BUDGET.flowItems} per line`;
  if (quotedOrFlow && end - start > LINE_BUDGET.quotedOrFlowChars) return `${mb} MB of quoted or flow YAML on one line; edgelint reads at most ${LINE_BUDGET.quotedOrFlowChars / (1024 * 1024)} MB per line`;
  return undefined;
}

/**
 * Double-quoted scalars and flow collections written over several lines, over budget. yaml builds a
 * double-quoted value a character at a time (a 20 MB one over 20k lines ran a 256 MB heap out;
 * single-quoted, plain and block scalars of 100 MB did not), and a flow collection costs a node per
 * item whichever lines it spans. The scan knows just enough YAML to find where these start: a quote
 * or bracket that opens a node (after indentation, `- `, `: `, `? `, or inside a flow collection),
 * comments, block scalars (their lines are skipped), and document markers (nothing spans them; YAML
 * 1.2 §9.1.1 forbids a marker line inside a scalar). Constructs on one line are the per-line check's.
 */
function multiLineConstructs(text: string): Array<{ at: number; what: string; why: string }> {
  const found: Array<{ at: number; what: string; why: string }> = [];
  const n = text.length;
  // Only these characters can matter; a regex jumps over everything else (plain text is most of a file).
  const block = /["'[{|>#\n]/g;
  const flow = /["'[\]{},#\n]/g;
  let depth = 0;
  let flowStart = 0;
  let flowItems = 0;
  let flowLines = 0;
  let docStart = 0;
  let nodeLines = 0;
  let lineStart = 0;
  let indent = 0;
  let i = startLine(0);
  while (i < n) {
    const re = depth === 0 ? block : flow;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) break;
    i = m.index;
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (depth > 0) flowLines++;
      i = startLine(i + 1);
      continue;
    }
    const before = previous(i);
    if (c === 35) {
      // A comment (after whitespace): to the end of the line.
      if (i === 0 || before !== i - 1 || text.charCodeAt(i - 1) === 10) i = lineEnd(i);
      else i++;
      continue;
    }
    // Opens a node: first on its line, after `- `, `? `, `: `, or in a flow collection after `[`, `{`, `,`, `:`.
    const p = before < lineStart && depth === 0 ? -1 : text.charCodeAt(before);
    const spaced = before < i - 1;
    const opens = p === -1 || ((p === 45 || p === 63 || p === 58) && spaced) || (depth > 0 && (p === 91 || p === 123 || p === 44 || p === 58 || before < 0));
    if ((c === 34 || c === 39) && opens) {
      i = quoted(i, c) + 1;
    } else if ((c === 124 || c === 62) && opens && depth === 0) {
      i = blockScalarEnd(i);
    } else if (c === 91 || c === 123) {
      if (depth === 0) {
        if (!opens) {
          i++;
          continue;
        }
        flowStart = i;
        flowItems = 0;
        flowLines = 0;
      }
      depth++;
      flowItems++;
      i++;
    } else if (c === 93 || c === 125) {
      depth--;
      if (depth === 0) flowEnd();
      i++;
    } else {
      if (c === 44) flowItems++;
      i++;
    }
  }
  if (depth > 0) flowEnd();
  documentEnd();
  return found;

  /** At the start of a line: a document marker ends everything; otherwise counts a block node line. */
  function startLine(at: number): number {
    lineStart = at;
    let j = at;
    while (j < n && text.charCodeAt(j) === 32) j++;
    indent = j - at;
    if (indent === 0 && (text.startsWith('---', j) || text.startsWith('...', j)) && (j + 3 >= n || /[ \t\r\n]/.test(text[j + 3]))) {
      if (depth > 0) flowEnd();
      depth = 0;
      documentEnd();
      docStart = j;
      return j + 3;
    }
    const c = text.charCodeAt(j);
    if (depth === 0 && j < n && c !== 10 && c !== 35 && c !== 9) nodeLines++;
    return j;
  }

  /** The last non-blank position before `at` (on this line in block context, or anywhere in flow). */
  function previous(at: number): number {
    let j = at - 1;
    while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || (depth > 0 && (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)))) j--;
    return j;
  }

  function lineEnd(at: number): number {
    const end = text.indexOf('\n', at);
    return end === -1 ? n : end;
  }

  /** A block scalar: the following lines indented more than this one, or blank, are its content. */
  function blockScalarEnd(at: number): number {
    let end = lineEnd(at);
    while (end < n) {
      let j = end + 1;
      while (j < n && text.charCodeAt(j) === 32) j++;
      if (j < n && text.charCodeAt(j) !== 10 && j - end - 1 <= indent) break;
      end = lineEnd(j);
    }
    return end;
  }

  function flowEnd(): void {
    if (flowLines > 0 && flowItems > LINE_BUDGET.multiLineFlowItems) {
      found.push({ at: flowStart, what: 'flow collection', why: `${flowItems} items over ${flowLines + 1} lines; edgelint reads at most ${LINE_BUDGET.multiLineFlowItems} per collection` });
    }
  }

  function documentEnd(): void {
    if (nodeLines > LINE_BUDGET.documentNodeLines) {
      found.push({ at: docStart, what: 'document', why: `${nodeLines} lines of block nodes; edgelint reads at most ${LINE_BUDGET.documentNodeLines} per document` });
    }
    nodeLines = 0;
  }

  /** The index of the closing quote (or the end of the text); reports a double-quoted scalar over budget. */
  function quoted(start: number, quote: number): number {
    let close = start;
    for (;;) {
      close = text.indexOf(quote === 34 ? '"' : "'", close + 1);
      if (close === -1) {
        close = n;
        break;
      }
      if (quote === 39) {
        if (text.charCodeAt(close + 1) === 39) {
          close++;
          continue;
        }
        break;
      }
      let backslashes = 0;
      while (text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) break;
    }
    const firstBreak = text.indexOf('\n', start);
    let multiLine = firstBreak !== -1 && firstBreak < close;
    let m: RegExpExecArray | null = null;
    if (multiLine) {
      // A marker line ends the document, and so any scalar left open in it (YAML 1.2 §9.1.1).
      const marker = /\n(?:---|\.\.\.)(?=[ \t\r\n]|$)/g;
      marker.lastIndex = start;
      m = marker.exec(text);
      if (m && m.index < close) close = m.index;
      multiLine = firstBreak < close;
    }
    if (quote === 34 && multiLine && close - start > LINE_BUDGET.quotedOrFlowChars) {
      const lines = text.slice(start, close).split('\n').length;
      found.push({ at: start, what: 'double-quoted scalar', why: `${((close - start) / (1024 * 1024)).toFixed(1)} MB over ${lines} lines; edgelint reads at most ${LINE_BUDGET.quotedOrFlowChars / (1024 * 1024)} MB of one double-quoted scalar` });
    }
    if (m && m.index === close) return close - 1;
    // Lines the scalar spans are neither node lines nor line starts to look at again.
    if (multiLine) lineStart = text.lastIndexOf('\n', close) + 1;
    return close;
  }
}
