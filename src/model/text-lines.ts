/**
 * ConfigMap values kept as a place in the file rather than as strings.
 *
 * A Helm stream is mostly ConfigMap data (whole config files in literal block scalars), and of those
 * values only the few a broker mount reads are ever looked at (listeners.ts mountedConfig); held as
 * strings they were ~16 MB live at 100,000 objects. A literal block scalar's value is the file's own
 * lines with one indentation removed, so such a value is kept as those lines' range and that
 * indentation, and read again from the text when asked.
 *
 * Nothing here decides what YAML means: `linesOf` is given the value yaml composed and keeps the
 * range only when reading the range gives that value exactly, so the value read later is the same
 * string whatever the scalar's style, chomping or indentation indicator; anything else stays a string.
 */
import type { Located, Span } from '../core/source.js';

/**
 * Lines `[from, to)` of `text` with their first `indent` characters removed; a line of `indent`
 * characters or fewer reads as empty. A line break at `to - 1` ends the value with one.
 */
export function dedentLines(text: string, from: number, to: number, indent: number): string {
  let out = '';
  for (let pos = from; pos < to; ) {
    const next = text.indexOf('\n', pos);
    const end = next === -1 || next >= to ? to : next;
    if (end - pos > indent) out += text.slice(pos + indent, end);
    if (end < to) out += '\n';
    pos = end + 1;
  }
  return out;
}

/** A value read again from its lines when asked: offsets are relative to the span's start, so moving the span (a worker's chunk onto the file) moves them. */
export class TextLines implements Located<string> {
  constructor(
    readonly span: Span,
    /** Where the lines start and how long they are, from `span.start`. */
    readonly head: number,
    readonly length: number,
    readonly indent: number,
  ) {}

  get value(): string {
    const from = this.span.start + this.head;
    return dedentLines(this.span.source.text, from, from + this.length, this.indent);
  }
}

/** Values shorter than this are kept as strings: the range costs about as much. */
const MIN_LENGTH = 64;

/**
 * `value` as a range of `span.source`'s lines, when the node at `span` is a block scalar whose lines
 * read back as exactly `value` (checked here); otherwise undefined, and the caller keeps the string.
 */
export function linesOf(span: Span, value: string): TextLines | undefined {
  if (value.length < MIN_LENGTH) return undefined;
  const text = span.source.text;
  // A block scalar's content starts on the line after its header (`|`, `|2-`, `>+` …).
  const from = text.indexOf('\n', span.start) + 1;
  if (from === 0 || from > span.end) return undefined;
  const firstBreak = value.indexOf('\n');
  const first = firstBreak === -1 ? value : value.slice(0, firstBreak);
  const lineEnd = text.indexOf('\n', from);
  const indent = (lineEnd === -1 ? text.length : lineEnd) - from - first.length;
  if (first === '' || indent < 0) return undefined;
  // As many line breaks in the range as in the value, and the last line's text when it has none.
  let to = from;
  for (let at = firstBreak; at !== -1; at = value.indexOf('\n', at + 1)) {
    const next = text.indexOf('\n', to);
    if (next === -1) return undefined;
    to = next + 1;
  }
  if (!value.endsWith('\n')) {
    const next = text.indexOf('\n', to);
    to = next === -1 ? text.length : next;
  }
  if (dedentLines(text, from, to, indent) !== value) return undefined;
  return new TextLines(span, from - span.start, to - from, indent);
}

/**
 * Puts back what a structured clone (a worker's harvest, yaml-harvest.ts) made of `TextLines`: a plain
 * object with its fields and without the prototype that reads the value.
 */
export function restoreTextLines(data: Record<string, Located<string>>): void {
  for (const key of Object.keys(data)) {
    const value = data[key] as Located<string> | Omit<TextLines, 'value'>;
    if (!('value' in value) && 'head' in value) data[key] = new TextLines(value.span, value.head, value.length, value.indent);
  }
}
