/**
 * `$((cmd) || true)` is a command substitution whose command starts with a subshell, not arithmetic.
 *
 * Bash decides when it meets `$((`: it takes the text as arithmetic only when the `)` that closes the
 * second `(` is followed at once by another `)`, and otherwise reads it again as `$(` followed by a
 * subshell (bash 5.2 runs `x=$((echo a | grep a) || true)` as a command; POSIX XCU 2.6.3 asks scripts
 * to write `$( (` for this ambiguity, and bash accepts both). tree-sitter-bash and mvdan/sh
 * both commit to arithmetic and report a syntax error that hides the whole script from every rule
 * (sweep15: `$((curl … | grep 'Google') || true)` in an installer holding keadm init and join).
 *
 * Such a script is parsed again with a space after each such `$(` — bash's own second reading; offsets
 * of the respaced text map back by bisection over the inserted spaces.
 */

import { firstIndex } from '../core/arrays.js';

export interface Respaced {
  text: string;
  /** An offset of `text` → the offset of the same character in the original. */
  toOriginal(offset: number): number;
}

/** Characters scanned past each `$((` at most, all of them together at most this many times the text. */
const SCAN_BUDGET_FACTOR = 4;

/**
 * Where the `)` that closes the `(` opened just before `from` is, honouring quotes and backslashes;
 * -1 when the text (or the budget) ends first. Returns the characters scanned too.
 */
function closingParen(text: string, from: number, budget: number): { at: number; scanned: number } {
  let depth = 1;
  let quote: '"' | "'" | undefined;
  const stop = Math.min(text.length, from + budget);
  for (let i = from; i < stop; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { at: i, scanned: i - from + 1 };
  }
  return { at: -1, scanned: stop - from };
}

/** The script with a space after each `$(` that opens a subshell, or undefined when there is none. */
export function respaceSubshellSubstitutions(text: string): Respaced | undefined {
  if (!text.includes('$((')) return undefined;
  const inserts: number[] = [];
  let budget = SCAN_BUDGET_FACTOR * text.length + 1024;
  for (let at = text.indexOf('$(('); at !== -1 && budget > 0; at = text.indexOf('$((', at + 3)) {
    const { at: close, scanned } = closingParen(text, at + 3, budget);
    budget -= scanned;
    if (close !== -1 && text[close + 1] !== ')') inserts.push(at + 2);
  }
  if (inserts.length === 0) return undefined;
  const parts: string[] = [];
  let last = 0;
  for (const at of inserts) {
    parts.push(text.slice(last, at), ' ');
    last = at;
  }
  parts.push(text.slice(last));
  // The k-th inserted space stands at inserts[k] + k in the new text; characters after it shift by k + 1.
  const shifted = inserts.map((at, k) => at + k);
  return {
    text: parts.join(''),
    // `firstIndex` counts the spaces standing before `offset`; an offset on a space itself maps to the `(` after it.
    toOriginal: (offset: number): number => offset - firstIndex(shifted.length, (k) => shifted[k] >= offset),
  };
}
