/**
 * YAML streams, one document at a time.
 *
 * `parseAllDocuments` keeps every document alive and turns superlinear on large Helm streams; the
 * `Parser` → `Composer` pipeline hands out each document as soon as it is complete, so a caller can
 * extract what it needs and let the document go.
 *
 * Kubernetes and KubeEdge both read YAML through sigs.k8s.io/yaml (go-yaml v2, YAML 1.1 scalars:
 * `yes`/`on` are booleans), so documents are composed as YAML 1.1 to see the values the consumer sees.
 */
import { Composer, Parser, YAMLParseError, isAlias, isMap, isPair, isSeq } from 'yaml';
import type { Document, ParsedNode } from 'yaml';
import { span } from '../core/source.js';
import type { SourceFile, Span } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import { oversizedDocuments } from './yaml-budget.js';
import { compactMappingErrors } from './yaml-compact-mapping.js';
import { flattenQuotedScalars } from './yaml-ropes.js';
import { FAST_DOCUMENT_OPTIONS, fastDocument } from './yaml-fast.js';

export interface YamlDocument {
  doc: Document.Parsed;
  /** 0-based position in the stream. */
  index: number;
  /** Template named by a `# Source:` comment that precedes the document's content (helm template output). */
  helmSource?: string;
}

/** Ways YAML can hurt a linter; each becomes a located problem, never an exception. */
export const YAML_LIMITS = {
  /** Alias expansions allowed when converting to JS (yaml's guard against "billion laughs"). */
  maxAliasCount: 100,
  /** Nesting beyond this is reported instead of walked (stack safety for hostile input). */
  maxDepth: 1000,
};

// The path runs to the end of its line, trailing blanks trimmed after the match: a lazy `(\S.*?)\s*$`
// scanned the rest of the line's blanks at every character (hostile16: a `# Source:` line of 60,000
// spaces took 5.2 s of CPU, a megabyte of them minutes).
const HELM_SOURCE = /^#\s*Source:\s*(\S.*)$/m;

/** A part of a file to read: `[start, end)`, optionally with same-length replacement text. */
export interface YamlWindow {
  start: number;
  end: number;
  /** Replaces `source.text.slice(start, end)`; must have the same length, so offsets stay those of the file. */
  text?: string;
}

export interface YamlDocumentsOptions {
  /** Documents of simple shape are built by yaml-fast.ts instead of yaml's parser (the same nodes). */
  fast?: boolean;
}

/**
 * Composes the documents of `source` one by one. Problems (syntax errors, a stack overflow on absurd
 * nesting) are pushed to `problems`; a document with errors is still yielded so callers can decide.
 */
export function* yamlDocuments(source: SourceFile, problems: ParseProblem[], window?: number | YamlWindow, options: YamlDocumentsOptions = {}): Generator<YamlDocument> {
  // A number reads only a prefix (the rest goes to a worker); a window reads a part. Either way the
  // parser starts at the window's offset, so every node range is an offset into the whole file.
  const start = typeof window === 'object' ? window.start : 0;
  const end = typeof window === 'object' ? window.end : window ?? source.text.length;
  const raw = typeof window === 'object' && window.text !== undefined ? window.text : start === 0 && end === source.text.length ? source.text : source.text.slice(start, end);
  // YAML ends a line at a lone CR as well (b-break, YAML 1.2 §5.4; go-yaml's is_break), the yaml
  // package does not: one LF for each lone CR keeps every offset and reads what kubectl reads.
  const lineBreaks = raw.includes('\r') ? raw.replace(/\r(?!\n)/g, '\n') : raw;
  // Documents too large to lint are reported and not parsed: the parser reads the parts between them.
  const skipped = oversizedDocuments(source, lineBreaks, start, problems);
  const parts: Array<[number, number]> = [];
  let from = 0;
  for (const skip of skipped) {
    parts.push([from, skip.from]);
    from = skip.to;
  }
  parts.push([from, lineBreaks.length]);
  let skip = 0;
  // FAST_DOCUMENT_OPTIONS has logLevel 'error': the library's warnings (a mapping key that is itself a
  // collection, as a Jinja `{{ value }}` parses) go to process.emitWarning, which prints on standard
  // error; every parse here and in the other readers passes it, so neither the CLI nor the library
  // API prints them. The documents yaml-fast.ts builds have the same options.
  const composer = new Composer({ ...FAST_DOCUMENT_OPTIONS });
  let index = 0;
  let lastDocEnd = start;
  let nextStar = source.text.indexOf('*', start);
  // The next conflict marker line, searched only for documents with errors and only forward, so the
  // search stays linear (-2: not searched yet, -1: none left).
  let nextMarker = -2;
  const markerIn = (from: number, to: number): number | undefined => {
    if (nextMarker === -1) return undefined;
    if (nextMarker < from) {
      CONFLICT_MARKER.lastIndex = from;
      nextMarker = CONFLICT_MARKER.exec(source.text)?.index ?? -1;
    }
    return nextMarker !== -1 && nextMarker < to ? nextMarker : undefined;
  };
  const emit = (doc: Document.Parsed): YamlDocument => {
    const contentStart = doc.contents?.range?.[0] ?? doc.range[1];
    // A `# Source:` comment of a skipped document is not this one's.
    while (skip < skipped.length && start + skipped[skip].to <= contentStart) lastDocEnd = Math.max(lastDocEnd, start + skipped[skip++].to);
    const helmMatch = HELM_SOURCE.exec(source.text.slice(lastDocEnd, Math.max(lastDocEnd, contentStart)));
    lastDocEnd = doc.range[2];
    collapseNestingErrors(source, doc);
    flattenQuotedScalars(doc, source.text, doc.range[0], doc.range[2]);
    // Only documents with a `*` can hold an alias; the next `*` is remembered so the search stays linear.
    if (nextStar !== -1 && nextStar < doc.range[0]) nextStar = source.text.indexOf('*', doc.range[0]);
    if (!doc.errors.length && nextStar !== -1 && nextStar < doc.range[2]) checkAliasing(doc);
    // Only the first problem of a document: a YAML parser stops at its first error (go-yaml, which
    // kubectl and edgecore use, returns one), and yaml's recovery after it reports the rest of the
    // document against a structure the text never had (a mis-indented key makes every later key of
    // the same mapping "not at the same column"): cascades of one mistake, not mistakes of their own.
    // Nesting and aliasing limits are not syntax: each top-level value that exceeds one is its own
    // problem (collapseNestingErrors), and they stay.
    // Which error comes first is decided where yaml located it; an over-indented line that continued a
    // plain value is then reported at that line, and yaml's second error for the same scalar dropped
    // (yaml-compact-mapping.ts).
    let first: { at: number; problem: ParseProblem } | undefined;
    const compact = compactMappingErrors(source.text, doc.errors);
    for (const error of doc.errors) {
      if (compact.dropped.has(error)) continue;
      const located = locateError(source, doc, error.pos);
      const moved = compact.moved.get(error);
      const problem = moved ? { message: moved.message, span: span(source, moved.start, moved.end) } : { message: describeYamlError(source.text, error), span: located };
      if (error.code === 'RESOURCE_EXHAUSTION') problems.push(problem);
      else if (!first || located.start < first.at) first = { at: located.start, problem };
    }
    if (first) {
      const marker = markerIn(doc.range[0], doc.range[2]);
      problems.push(marker === undefined ? first.problem : conflictProblem(source, marker));
    }
    return { doc, index: index++, helmSource: helmMatch?.[1].trimEnd() };
  };
  // yaml-fast.ts reads the documents of simple shape; not in a stream with directives or `...` markers,
  // whose meaning carries from one document to the next.
  const fast = options.fast === true && !/^(?:%|\.\.\.)/m.test(lineBreaks);
  try {
    for (const [a, b] of parts) {
      if (b <= a) continue;
      const text = a === 0 && b === lineBreaks.length ? lineBreaks : lineBreaks.slice(a, b);
      const base = start + a;
      // One parser per part (each starts at a document marker or the text's start), one composer for all.
      // The first `skip` documents are composed and not yielded (they were before). Returns how many it yielded.
      const slow = function* (from: number, to: number, skip = 0): Generator<YamlDocument, number> {
        const parser = new Parser();
        parser.offset = base + from;
        let yielded = 0;
        for (const token of parser.parse(from === 0 && to === text.length ? text : text.slice(from, to))) {
          for (const doc of composer.next(token)) {
            if (skip > 0) skip--;
            else {
              yielded++;
              yield emit(doc);
            }
          }
        }
        return yielded;
      };
      if (!fast) {
        yield* slow(0, text.length);
        continue;
      }
      // The part's documents, cut at its marker lines: each that fastDocument reads is not given to
      // yaml; the others are read by yaml in runs, each from a marker line after a document read here
      // (or the part's start), where yaml starts a document too. A document that ends such a run with
      // an error may be one yaml reads on past the marker (a quoted scalar left open): then yaml reads
      // the rest of the part from the run's start, the documents already yielded composed again, not
      // yielded twice (once per part at most, so the work stays linear).
      let slowFrom = -1;
      let skip = 0;
      let fastHere = true;
      const marker = /^---(?=[ \t\r\n]|$)/gm;
      let chunkStart = 0;
      for (let m = marker.exec(text); ; m = marker.exec(text)) {
        const chunkEnd = m ? m.index : text.length;
        if (chunkEnd > chunkStart) {
          const read = fastHere ? fastDocument(text, chunkStart, chunkEnd, base) : undefined;
          if (!read) {
            if (slowFrom < 0) slowFrom = chunkStart;
          } else if (slowFrom >= 0) {
            const yielded = yield* slow(slowFrom, chunkStart);
            const held = [...composer.end()];
            if (held.length > 0 && held[0].errors.length > 0 && held[0].range[0] >= base + slowFrom) {
              fastHere = false;
              skip = yielded;
            } else {
              for (const doc of held) yield emit(doc);
              slowFrom = -1;
              yield emit(read);
            }
          } else {
            for (const doc of composer.end()) yield emit(doc);
            yield emit(read);
          }
        }
        if (!m) break;
        chunkStart = chunkEnd;
      }
      if (slowFrom >= 0) yield* slow(slowFrom, text.length, skip);
    }
    for (const doc of composer.end()) yield emit(doc);
  } catch (error) {
    // The composer recurses per nesting level; thousands of levels exhaust the stack.
    const message = error instanceof RangeError ? 'YAML nesting is too deep to read' : `YAML could not be read: ${String(error)}`;
    // How much stack is left when parsing starts decides whether the overflow is caught inside yaml
    // (a document error, collapsed above) or here, or both: one root cause, one problem.
    if (!problems.some((p) => p.message === message && p.span.source === source)) problems.push({ message, span: span(source, lastDocEnd, Math.min(end, lastDocEnd + 1)) });
  }
}

/**
 * yaml's composer recurses per nesting level and reports a stack overflow as one RESOURCE_EXHAUSTION
 * error per level it unwound through, at offsets that depend on how much stack was left. One problem
 * per top-level value that overflowed, at that value's start, says the same thing at a place that is
 * the same in every run.
 */
function collapseNestingErrors(source: SourceFile, doc: Document.Parsed): void {
  // Where the stack runs out decides which of yaml's catches sees it, and so the error's code.
  const isOverflow = (e: YAMLParseError) => e.code === 'RESOURCE_EXHAUSTION' || /call stack/i.test(e.message);
  const overflows = doc.errors.filter(isOverflow);
  if (!overflows.length) return;
  const at = new Set<number>();
  for (const error of overflows) at.add(topLevelValueStart(doc, error.pos[0]));
  // An overflow position outside every top-level value falls back to the document's start; it is the
  // same overflow as the one inside a value (which one yaml reports depends on the stack left).
  const fallback = (doc.contents as ParsedNode | null)?.range?.[0] ?? doc.range[0];
  if (at.size > 1) at.delete(fallback);
  doc.errors = [
    ...doc.errors.filter((e) => !isOverflow(e)),
    ...[...at].map((start) => new YAMLParseError([start, Math.min(start + 1, source.text.length)], 'RESOURCE_EXHAUSTION', 'YAML nesting is too deep to read')),
  ].sort((a, b) => a.pos[0] - b.pos[0]);
}

function topLevelValueStart(doc: Document.Parsed, offset: number): number {
  const root = doc.contents as ParsedNode | null;
  const inside = (node: unknown) => {
    const range = (node as ParsedNode | null)?.range;
    return range && range[0] <= offset && offset <= range[2] ? range[0] : undefined;
  };
  if (isMap(root)) {
    for (const pair of root.items) {
      const start = inside(pair.value) ?? inside(pair.key);
      if (start !== undefined) return start;
    }
  } else if (isSeq(root)) {
    for (const item of root.items) {
      const start = inside(item);
      if (start !== undefined) return start;
    }
  }
  return root?.range?.[0] ?? doc.range[0];
}

/** go-yaml v2's limits on alias expansion (yaml.v2 decode.go, `allowedAliasRatio`). */
function allowedAliasRatio(decodes: number): number {
  if (decodes <= 400_000) return 0.99;
  if (decodes >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodes - 400_000) / 3_600_000);
}

/**
 * An alias bomb ("billion laughs") costs edgelint nothing, because nothing here expands aliases, but
 * Kubernetes and edgecore decode through go-yaml, which refuses a document whose nodes come mostly
 * from alias expansion. The same arithmetic runs here without expanding anything: each node's expanded
 * size once, in document order (an anchor always precedes its aliases), iteratively.
 */
function checkAliasing(doc: Document.Parsed): void {
  const sizes = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  let nodes = 0;
  let worst: { alias: ParsedNode; size: number } | undefined;
  let unknown: ParsedNode | undefined;
  const stack: Array<{ node: unknown; exit: boolean }> = [{ node: doc.contents, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (node === null || node === undefined || typeof node !== 'object') continue;
    if (exit) {
      let size = 1;
      const children = isMap(node) ? node.items.flatMap((p) => [p.key, p.value]) : isSeq(node) ? node.items : [];
      for (const child of children) size += sizes.get(child) ?? 0;
      sizes.set(node, Math.min(size, Number.MAX_SAFE_INTEGER));
      continue;
    }
    nodes++;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (isAlias(node)) {
      // An alias inside its own anchor has no size yet: go-yaml rejects it anyway, and it must not count as 0.
      const target = anchors.get(node.source);
      // An alias to no anchor before it in this document (anchors never cross `---`): yaml composes it
      // without a word and drops it when converting, go-yaml refuses the document.
      if (target === undefined && node.range && !unknown) unknown = node as ParsedNode;
      const size = target === undefined ? 1 : sizes.get(target) ?? 1;
      sizes.set(node, size);
      if (node.range && (!worst || size > worst.size)) worst = { alias: node as ParsedNode, size };
      continue;
    }
    stack.push({ node, exit: true });
    const children = isMap(node) ? node.items.flatMap((p) => [p.key, p.value]) : isSeq(node) ? node.items : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], exit: false });
  }
  if (unknown) {
    const name = (unknown as unknown as { source: string }).source;
    doc.errors.push(
      new YAMLParseError(
        [unknown.range[0], unknown.range[1]],
        'BAD_ALIAS',
        `Alias *${name} names no anchor defined before it in this document (anchors do not carry over \`---\`); Kubernetes and edgecore refuse it (go-yaml: "unknown anchor '${name}' referenced")`,
      ),
    );
    return;
  }
  const decodes = sizes.get(doc.contents) ?? 0;
  const fromAliases = decodes - nodes;
  if (worst && fromAliases > 100 && decodes > 1000 && fromAliases / decodes > allowedAliasRatio(decodes)) {
    const range = worst.alias.range;
    doc.errors.push(
      new YAMLParseError(
        [range[0], range[1]],
        'RESOURCE_EXHAUSTION',
        `Excessive aliasing: aliases expand this document to ${decodes >= 1e9 ? `over ${Math.floor(decodes / 1e9)} billion` : decodes} nodes; Kubernetes and edgecore refuse it (go-yaml: "document contains excessive aliasing")`,
      ),
    );
  }
}

/**
 * A line git writes where a merge left both sides of a conflict in the file (`<<<<<<< HEAD`, then
 * `=======` and `>>>>>>> <commit>`; git-merge(1), "How conflicts are presented"). Committed by
 * mistake it breaks the document wherever the parser happens to stop (sweep18: yaml's "Implicit keys
 * need to be on a single line" at a mapper Deployment's `<<<<<<< HEAD`), so the marker is the problem
 * reported, whatever error the parser gave.
 */
const CONFLICT_MARKER = /^<{7}(?=[ \t\r\n]|$)/gm;

function conflictProblem(source: SourceFile, at: number): ParseProblem {
  const lineEnd = source.text.indexOf('\n', at);
  const line = source.text.slice(at, lineEnd === -1 ? source.text.length : lineEnd).replace(/\r$/, '');
  const shown = line.length > QUOTED_TOKEN_MAX ? `${line.slice(0, QUOTED_TOKEN_MAX)}…` : line;
  return {
    message: `Unresolved merge conflict: \`${shown}\` is a git conflict marker, and the lines down to \`>>>>>>>\` hold both sides of the merge, which no YAML reader accepts; keep one side and delete the marker lines`,
    span: span(source, at, at + line.length),
  };
}

/** Past this many characters a token quoted in a message is cut: the code frame shows where it is. */
const QUOTED_TOKEN_MAX = 40;

/**
 * yaml's message for a parse error, one line, without its position, and readable at any input size:
 * yaml quotes the whole offending token ("Not a YAML token: " + 3 KB of JSON after `key: |`).
 */
export function describeYamlError(text: string, error: YAMLParseError): string {
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const token = /^(Not a YAML token|Block scalar header includes extra characters): ([\s\S]*)$/.exec(message);
  if (!token) return message;
  const lineStart = text.lastIndexOf('\n', error.pos[0] - 1) + 1;
  const header = /(?:^|[\s:-])([|>][1-9+-]{0,2})[ \t]+$/.exec(text.slice(lineStart, error.pos[0]));
  if (header) {
    // YAML 1.2.2 §8.1.1: a block scalar's header ends its line; its content starts on the next one.
    return `Text after the block scalar indicator \`${header[1]}\` on its line: a block scalar's content starts on the next line, indented (or quote the value on this line)`;
  }
  const shown = token[2].length > QUOTED_TOKEN_MAX ? `${token[2].slice(0, QUOTED_TOKEN_MAX)}…` : token[2];
  return `${token[1]}: ${shown}`;
}

/**
 * yaml reports an unterminated quote or flow collection where it gave up: at the end of the
 * document. The useful place is where the construct opened, so such errors move to the start of the
 * innermost node that runs into the error position.
 */
function locateError(source: SourceFile, doc: Document.Parsed, pos: [number, number]): Span {
  const docEnd = doc.range[2];
  if (pos[0] < docEnd - 1 && pos[0] < source.text.trimEnd().length) return span(source, pos[0], pos[1]);
  let best: [number, number, number] | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    const range = (node as ParsedNode | null)?.range;
    if (!range) continue;
    if (range[0] < pos[0] && range[1] >= pos[0] && (!best || range[0] > best[0])) best = range;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    }
  }
  if (!best) return span(source, pos[0], pos[1]);
  // Underline the opening line only: the rest of the file is not the problem.
  const lineEnd = source.text.indexOf('\n', best[0]);
  const end = Math.min(best[1], pos[0], lineEnd === -1 ? source.text.length : lineEnd);
  return span(source, best[0], Math.max(best[0] + 1, end));
}

/** Converts a document to plain JS, bounded against alias bombs; returns a problem instead of throwing. */
export function toPlain(doc: Document.Parsed): { value?: unknown; error?: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }) };
  } catch (error) {
    return { error: error instanceof RangeError ? 'YAML nesting is too deep to read' : String((error as Error).message ?? error) };
  }
}
