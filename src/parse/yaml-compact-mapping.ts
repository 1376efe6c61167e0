/**
 * yaml's "Nested mappings are not allowed in compact mappings" (BLOCK_AS_IMPLICIT_KEY), said where the
 * mistake is.
 *
 *     protocol: modbus
 *       slaveID: 1
 *
 * A line indented deeper than the key above it continues that key's plain scalar (YAML 1.2.2 §7.3.3,
 * multi-line plain scalars), so `modbus slaveID` becomes a key inside the value — and yaml reports it
 * at the value's first character (`modbus`, 2:13), together with a MULTILINE_IMPLICIT_KEY error for
 * the same span ("Implicit keys need to be on a single line"). The value is usually right; the next
 * line's indentation is what is wrong, so the problem is reported there, once, saying both ways out.
 */
import type { YAMLParseError } from 'yaml';

/** Past this many characters a token quoted in the message is cut: the code frame shows it whole. */
const QUOTED_MAX = 40;

export interface Relocated {
  message: string;
  start: number;
  end: number;
}

function quoted(token: string): string {
  return `\`${token.length > QUOTED_MAX ? `${token.slice(0, QUOTED_MAX)}…` : token}\``;
}

/**
 * What becomes of a document's errors: each BLOCK_AS_IMPLICIT_KEY caused by an over-indented next line
 * is relocated (`moved`), and yaml's MULTILINE_IMPLICIT_KEY for the same plain scalar (same start) is
 * the same mistake said again (`dropped`). One pass over the errors: a hostile document has thousands.
 */
export function compactMappingErrors(text: string, errors: readonly YAMLParseError[]): { moved: Map<YAMLParseError, Relocated>; dropped: Set<YAMLParseError> } {
  const moved = new Map<YAMLParseError, Relocated>();
  const dropped = new Set<YAMLParseError>();
  const blocks = new Map<number, YAMLParseError>();
  for (const e of errors) if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && !blocks.has(e.pos[0])) blocks.set(e.pos[0], e);
  if (blocks.size === 0) return { moved, dropped };
  for (const e of errors) {
    if (e.code !== 'MULTILINE_IMPLICIT_KEY') continue;
    const block = blocks.get(e.pos[0]);
    if (!block) continue;
    dropped.add(e);
    const relocated = moved.has(block) ? undefined : overIndentedContinuation(text, block, e);
    if (relocated) moved.set(block, relocated);
  }
  return { moved, dropped };
}

/**
 * For a BLOCK_AS_IMPLICIT_KEY error and yaml's MULTILINE_IMPLICIT_KEY companion (which ends at the `:`
 * that made the continued scalar a key), the over-indented line and a message naming it; undefined
 * when the key is on the value's own line (`k: a: b` keeps yaml's message).
 */
function overIndentedContinuation(text: string, error: YAMLParseError, companion: YAMLParseError): Relocated | undefined {
  const valueStart = error.pos[0];
  const lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
  const valueEnd = text.indexOf('\n', valueStart);
  if (valueEnd === -1 || valueEnd >= companion.pos[1]) return undefined;
  // The key the value belongs to: `  protocol: `, `- name: `, `- - k: ` before the value on its line.
  const head = keyBefore(text.slice(lineStart, valueStart));
  if (!head) return undefined;
  const { keyColumn, key } = head;
  const value = text.slice(valueStart, valueEnd).trim();
  // The first line after the value's that holds anything: blank lines are part of the plain scalar too.
  let at = valueEnd + 1;
  while (at < companion.pos[1]) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end === -1 ? text.length : end);
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (indent < line.trimEnd().length) {
      if (indent <= keyColumn) return undefined;
      const start = at + indent;
      const stop = at + line.trimEnd().length;
      const shown = text.slice(start, stop);
      return {
        start,
        end: stop,
        message:
          `${quoted(shown)} is indented deeper than ${quoted(key)} above it, so YAML reads it as more of the plain value ${quoted(value)} ` +
          `and finds a key inside a value (Nested mappings are not allowed in compact mappings): indent it to the column of ${quoted(key)}, ` +
          `or, if it belongs under ${quoted(value)}, put ${quoted(`${value}:`)} on a line of its own`,
      };
    }
    if (end === -1) break;
    at = end + 1;
  }
  return undefined;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * The key and its column in the text before a value on its line: indentation and sequence dashes
 * (`  - - `), then a key that starts with no blank and no `#`, then blanks, `:` and at least one blank.
 * What `/^([ \t]*(?:-[ \t]+)*)([^\s#][^\n]*?)[ \t]*:[ \t]+$/` matched (a property test holds the
 * two equal), found in one pass: that regexp's lazy key retried the blanks before the colon from every
 * place inside a long run of blanks in the key, quadratic in the run (80,000 blanks: 3.8 s of CPU).
 */
export function keyBefore(head: string): { keyColumn: number; key: string } | undefined {
  let end = head.length;
  while (end > 0 && isBlank(head[end - 1])) end--;
  if (end === head.length || end === 0 || head[end - 1] !== ':') return undefined;
  end--;
  while (end > 0 && isBlank(head[end - 1])) end--;
  let start = 0;
  let lastDash = -1;
  for (;;) {
    while (start < end && isBlank(head[start])) start++;
    if (head[start] !== '-' || !isBlank(head[start + 1])) break;
    lastDash = start;
    start++;
  }
  // A key may not start with `#` or a blank; the regexp then gave back the last `- ` and took the
  // dash as the key's first character.
  if (start >= end || head[start] === '#' || /\s/.test(head[start])) {
    if (lastDash === -1) return undefined;
    start = lastDash;
  }
  return { keyColumn: start, key: head.slice(start, end) };
}
