/**
 * yaml builds the value of a double-quoted scalar one character at a time (yaml 2.x
 * compose/resolve-flow-scalar.js `doubleQuotedValue`: `res += ch`). V8 keeps a string built that way
 * as a rope: one ConsString node (~32 bytes) per character, until something reads it whole. A value
 * nothing reads stays a rope as long as its document lives: 20,000 ConfigMaps with a 1 KB
 * double-quoted annotation (22 MB) held 640 MB of rope and ran a 256 MB heap out (hostile10).
 *
 * `Number(s)` flattens a string in place (V8 String::ToNumber flattens its subject first; the rope's
 * root then points at one flat copy and its nodes become garbage), which is what pino's flatstr does.
 * Only documents holding a long quoted stretch are walked: short values are built flat.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';

/** Shorter strings are not ropes in V8 (ConsString::kMinLength is 13); a margin above that. */
const ROPE_MIN = 24;

/** Flattens the double-quoted scalars of `doc` whose text in `text` spans `[from, to)`. */
export function flattenQuotedScalars(doc: Document.Parsed, text: string, from: number, to: number): void {
  if (!hasLongQuote(text, from, to)) return;
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isScalar(node)) {
      // Number() of a rope flattens it; the result is discarded.
      if (node.type === 'QUOTE_DOUBLE' && typeof node.value === 'string' && node.value.length >= ROPE_MIN) Number(node.value);
    } else if (isMap(node)) {
      for (const pair of node.items) stack.push(pair.key, pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
}

/**
 * A quoted stretch of at least ROPE_MIN characters in `[from, to)`: two unescaped `"` that far apart
 * (an escaped `\"` inside a value does not end it, so a long value cannot hide behind short pieces).
 */
function hasLongQuote(text: string, from: number, to: number): boolean {
  let previous = nextQuote(text, from, to);
  while (previous !== -1) {
    const next = nextQuote(text, previous + 1, to);
    if ((next === -1 ? to : next) - previous > ROPE_MIN) return true;
    previous = next;
  }
  return false;
}

/** The next `"` in `[from, to)` not escaped by an odd run of backslashes, or -1. */
function nextQuote(text: string, from: number, to: number): number {
  for (let at = text.indexOf('"', from); at !== -1 && at < to; at = text.indexOf('"', at + 1)) {
    let slashes = 0;
    while (at - slashes - 1 >= from && text.charCodeAt(at - slashes - 1) === 0x5c) slashes++;
    if (slashes % 2 === 0) return at;
  }
  return -1;
}
