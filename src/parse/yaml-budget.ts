/**
 * What the yaml package cannot afford, found before it is asked to: a document holding such a thing
 * is reported as "too large to lint" at the place and skipped, instead of running the process out of
 * memory. Everything here is one linear scan of the text; a skipped document is never handed to the
 * parser (not even blanked: 3M blank lines alone took 237 MB of parser state).
 */
import { lastIndex } from '../core/arrays.js';
import { SourceFile, span } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';

/**
 * What the yaml package cannot afford. Measured with the built CLI (peak heap, whole run):
 *  - about 1 KB per node, so quoted scalars and flow collections on one line are the cheapest way to
 *    write many nodes or huge escapes: a 4 MB flow sequence on one line took 2 GB and 134 s, a 50 MB
 *    double-quoted line 1.8 GB;
 *  - about 80–190 bytes per line of any kind, as the parser keeps a token per line until its document
 *    ends: 1.5M comment lines (3 MB) ran a 256 MB heap out, 2M blank lines took 168 MB, a block scalar
 *    of 1M short lines 158 MB;
 *  - a copy of every scalar written over several lines (a 60 MB block scalar took 214 MB, 80 MB ran a
 *    256 MB heap out); a scalar on one line is a slice of the text and costs nothing.
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
   * Lines of one document, in lines of block nodes (about 1 KB each: a block sequence of 300k `- 1`
   * lines, 1.8 MB, ran a 256 MB heap out); OTHER_LINES_PER_NODE_LINE comment, blank or block scalar
   * lines count as one. So a document costs the parser at most about 100 MB. A `kind: List` of any
   * size is read an item at a time (yaml-harvest.ts), so this only bounds one object.
   */
  documentNodeLines: 100_000,
  /**
   * Characters of one block or single-quoted scalar over several lines (a double-quoted one has
   * quotedOrFlowChars). Kubernetes stores at most 1.5 MB per object (etcd's request limit) and 1 MiB
   * of ConfigMap data, so 16 MB skips nothing kubectl could apply and keeps the copy under 50 MB.
   */
  scalarChars: 16 * 1024 * 1024,
};

/** Comment, blank and block scalar lines cost the parser about a fifth of a line of block nodes (above). */
export const OTHER_LINES_PER_NODE_LINE = 5;

/** Lines longer than this are inspected; shorter ones cannot exceed either budget. */
const INSPECT_FROM = 20_000;

/** A part of the text not to parse: `[from, to)`, a document's content after its marker. */
export interface SkippedRange {
  from: number;
  to: number;
}

/**
 * The documents holding something over LINE_BUDGET, each reported once at the first such thing (a
 * construct, or the document's start when its lines are what is over) as "too large to lint". Returns
 * the text-relative ranges not to parse, ascending: each document's content, its `---` or `...`
 * marker kept so the document is still counted as one (empty).
 */
export function oversizedDocuments(source: SourceFile, text: string, base: number, problems: ParseProblem[]): SkippedRange[] {
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
  if (text.length > Math.min(LINE_BUDGET.quotedOrFlowChars, LINE_BUDGET.multiLineFlowItems, 2 * LINE_BUDGET.documentNodeLines, LINE_BUDGET.scalarChars)) {
    for (const found of multiLineConstructs(text)) oversized.push(found);
    oversized.sort((a, b) => a.at - b.at);
  }
  if (oversized.length === 0) return [];
  const markers = [0];
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  for (let m = marker.exec(text); m; m = marker.exec(text)) if (m.index > 0) markers.push(m.index);
  markers.push(text.length);
  // The document holding a place: the index of the last marker at or before it.
  const documentOf = (at: number) => lastIndex(markers.length - 1, (k) => markers[k] <= at);
  // One root cause, one problem: a document over its line budget because of a construct found in it is that construct's.
  const explained = new Set<number>();
  for (const { at, what } of oversized) if (what !== 'document') explained.add(documentOf(at));
  const skipped: SkippedRange[] = [];
  for (const { at, what, why } of oversized) {
    const k = documentOf(at);
    if (what === 'document' && explained.has(k)) continue;
    problems.push({ message: `This ${what} is too large to lint (${why}); ${what === 'document' ? 'it is' : 'the document holding it is'} skipped`, span: span(source, base + at, base + Math.min(at + 1, text.length)) });
    const [from, to] = [markers[k], markers[k + 1]];
    if (skipped.length && skipped[skipped.length - 1].to === to) continue;
    const keep = /^(?:---|\.\.\.)/.test(text.slice(from, from + 3)) ? 3 : 0;
    skipped.push({ from: from + keep, to });
  }
  return skipped;
}

/**
 * Whether the yaml package can afford every document of `text` (nothing in it over LINE_BUDGET): for
 * a text a rule or reader parses whole, outside the lint's own reading, which already reported what
 * is over the budget where the text is a file it lints.
 */
export function affordableYaml(text: string): boolean {
  const problems: ParseProblem[] = [];
  oversizedDocuments(new SourceFile('', text, 'unknown'), text, 0, problems);
  return problems.length === 0;
}

/** An amount in MB as messages print it, and a budget (a whole or exact number of MB). */
const megabytes = (chars: number) => (chars / (1024 * 1024)).toFixed(1);
const budgetMb = (chars: number) => chars / (1024 * 1024);

function overBudget(text: string, start: number, end: number): string | undefined {
  let quotedOrFlow = false;
  let flow = false;
  // Commas and opening brackets: each nested `[` is a node too (1 MB of `[[[…` ran a 256 MB heap out in 17 s).
  let items = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x27) quotedOrFlow = true;
    else if (c === 0x5b || c === 0x7b) {
      quotedOrFlow = flow = true;
      items++;
    } else if (c === 0x2c) items++;
  }
  const mb = ((end - start) / (1024 * 1024)).toFixed(1);
  if (flow && items > LINE_BUDGET.flowItems) return `${items} flow items on one line; edgelint reads at most ${LINE_BUDGET.flowItems} per line`;
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
  let otherLines = 0;
  let lineStart = 0;
  // Where the next document marker line starts (its newline), or -1 for none: found once, not per scalar.
  let nextMarkerAt = -2;
  let nextBreakAt = -2;
  let indent = 0;
  let scalarLines = 0;
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
      const end = blockScalarEnd(i);
      if (end - i > LINE_BUDGET.scalarChars) {
        found.push({ at: i, what: 'block scalar', why: `${megabytes(end - i)} MB over ${scalarLines} lines; edgelint reads at most ${budgetMb(LINE_BUDGET.scalarChars)} MB of one block or single-quoted scalar` });
      }
      i = end;
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

  /** At the start of a line: a document marker ends everything; otherwise counts a line of block nodes or another line. */
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
    else if (j < n) otherLines++;
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

  /** A block scalar: the following lines indented more than this one, or blank, are its content (counted in `scalarLines`). */
  function blockScalarEnd(at: number): number {
    let end = lineEnd(at);
    scalarLines = 1;
    while (end < n) {
      let j = end + 1;
      while (j < n && text.charCodeAt(j) === 32) j++;
      // The end of the text (or of the window read) is no line of the scalar.
      if (j >= n || (text.charCodeAt(j) !== 10 && j - end - 1 <= indent)) break;
      end = lineEnd(j);
      scalarLines++;
    }
    otherLines += scalarLines - 1;
    return end;
  }

  function flowEnd(): void {
    if (flowLines > 0 && flowItems > LINE_BUDGET.multiLineFlowItems) {
      found.push({ at: flowStart, what: 'flow collection', why: `${flowItems} items over ${flowLines + 1} lines; edgelint reads at most ${LINE_BUDGET.multiLineFlowItems} per collection` });
    }
  }

  function documentEnd(): void {
    if (nodeLines + otherLines / OTHER_LINES_PER_NODE_LINE > LINE_BUDGET.documentNodeLines) {
      found.push({
        at: docStart,
        what: 'document',
        why:
          otherLines === 0
            ? `${nodeLines} lines of block nodes; edgelint reads at most ${LINE_BUDGET.documentNodeLines} per document`
            : `${nodeLines} lines of block nodes and ${otherLines} other lines; edgelint reads at most ${LINE_BUDGET.documentNodeLines} lines of block nodes per document, counting ${OTHER_LINES_PER_NODE_LINE} comment, blank or block scalar lines as one`,
      });
    }
    nodeLines = 0;
    otherLines = 0;
  }

  /** The index of the closing quote (or the end of the text); reports a quoted scalar over several lines over budget. */
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
    // Likewise the next line break: many quoted scalars on one long line would each search to its end.
    if (nextBreakAt !== -1 && nextBreakAt < start) nextBreakAt = text.indexOf('\n', start);
    const firstBreak = nextBreakAt;
    let multiLine = firstBreak !== -1 && firstBreak < close;
    let cutByMarker = false;
    if (multiLine) {
      // A marker line ends the document, and so any scalar left open in it (YAML 1.2 §9.1.1). The next
      // marker is looked up again only once passed: per scalar, a document of many multi-line scalars
      // and no marker would be scanned to its end once per scalar.
      if (nextMarkerAt !== -1 && nextMarkerAt < start) {
        const marker = /\n(?:---|\.\.\.)(?=[ \t\r\n]|$)/g;
        marker.lastIndex = start;
        nextMarkerAt = marker.exec(text)?.index ?? -1;
      }
      if (nextMarkerAt !== -1 && nextMarkerAt < close) {
        close = nextMarkerAt;
        cutByMarker = true;
      }
      multiLine = firstBreak < close;
    }
    const budget = quote === 34 ? LINE_BUDGET.quotedOrFlowChars : LINE_BUDGET.scalarChars;
    if (multiLine && close - start > budget) {
      // Counted only for the message, once per scalar over budget (its document is skipped).
      let lines = 1;
      for (let at = text.indexOf('\n', start); at !== -1 && at < close; at = text.indexOf('\n', at + 1)) lines++;
      const what = quote === 34 ? 'double-quoted scalar' : 'single-quoted scalar';
      found.push({ at: start, what, why: `${megabytes(close - start)} MB over ${lines} lines; edgelint reads at most ${budgetMb(budget)} MB of one ${quote === 34 ? 'double-quoted' : 'block or single-quoted'} scalar` });
    }
    if (cutByMarker) return close - 1;
    // Lines the scalar spans are neither node lines nor line starts to look at again.
    if (multiLine) lineStart = text.lastIndexOf('\n', close) + 1;
    return close;
  }
}
