/**
 * The values of a script's words, read statically: a literal word's value, and a word of literal text
 * and plain variables (`"$CONFIG"`, `${DIR}/edgecore.yaml`) with each variable the script assigns
 * exactly once filled in (variables.ts), a few levels deep; and where a word stands in the script. A
 * value that depends on the run is unknown, never a guess. The script reader (script-reader.ts) is
 * one of these, so every command module reads words through it.
 */
import { located, span } from '../core/source.js';
import type { Located, SourceFile, Span } from '../core/source.js';
import type { ParsedScript, ShNode, ShWord } from './shell-syntax.js';
import { Assignments } from './variables.js';
import { literalWord, wordPieces } from './words.js';

/**
 * Longest value a word is read as through variables (PATH_MAX, 4096, is the longest path): each level
 * of `B=$A$A…` multiplies, so five levels of 200 references made a 1.7 KB script's word 10^13
 * characters and ran the heap out. A longer value is unknown.
 */
const MAX_RESOLVED_CHARS = 4096;

export class WordValues {
  readonly assignments = new Assignments((a, b) => {
    const x = literalWord(this.script, a);
    const y = literalWord(this.script, b);
    return x !== undefined && y !== undefined && !x.pattern && !y.pattern && x.value === y.value;
  });
  /** resolveAssigned's values by assigned word (the Assignments' own objects, so identity holds) and depth. */
  private readonly resolved = new Map<ShWord, Map<number, string | undefined>>();

  constructor(
    readonly source: SourceFile,
    readonly script: ParsedScript,
  ) {}

  /** Whether the script assigns the variable anywhere. */
  assigned(name: string): boolean {
    return this.assignments.has(name);
  }

  literal(word: ShWord | undefined): string | undefined {
    if (!word) return undefined;
    return literalWord(this.script, word)?.value;
  }

  /** The value of a variable the script assigns exactly once (resolved in turn, a few levels deep). */
  variableValue(name: string): string | undefined {
    return this.resolveAssigned(name, 1);
  }

  /**
   * A path operand's value, located at the word: its literal value (no expansion, no glob), or, for a
   * word made of literal text and plain variables (`"$CONFIG"`, `${DIR}/edgecore.yaml`) each assigned
   * exactly once, the value those assignments give it.
   */
  pathValue(word: ShWord): Located<string> | undefined {
    const literal = literalWord(this.script, word);
    const value = literal ? (literal.pattern ? undefined : literal.value) : this.resolveWord(word, 0);
    if (!value || /[*?[\]]/.test(value)) return undefined;
    return located(value, this.wordSpan(word));
  }

  /**
   * A path operand whose directory the script computes at run time (`${ROOT}/_output/edgecore.yaml`,
   * ROOT assigned `$(cd "$(dirname "$0")" && pwd)`): the word with the variables that have one value
   * read in and the others kept as written (`${ROOT}`), when every one of those sits before the last
   * `/` — the file's name is known, its directory is not. Undefined when pathValue reads the word
   * whole, or the name itself is unknown.
   */
  openPathValue(word: ShWord): Located<string> | undefined {
    if (this.pathValue(word)) return undefined;
    const open = this.openWord(word, 0);
    if (!open || open.unknownEnd === 0 || /[*?[\]]/.test(open.value)) return undefined;
    const slash = open.value.lastIndexOf('/');
    if (slash < open.unknownEnd || slash === open.value.length - 1) return undefined;
    return located(open.value, this.wordSpan(word));
  }

  /** resolveWord, keeping a variable it cannot read in as `${NAME}`; `unknownEnd` is the offset after the last one kept (0: none). */
  private openWord(word: ShWord, depth: number): { value: string; unknownEnd: number } | undefined {
    if (depth > 4) return undefined;
    const pieces = wordPieces(this.script, word);
    if (!pieces) return undefined;
    let value = '';
    let unknownEnd = 0;
    for (const piece of pieces) {
      if (!('param' in piece)) {
        if (piece.pattern) return undefined;
        value += piece.text;
      } else {
        const known = this.resolveAssigned(piece.param, depth + 1);
        const assigned = known === undefined ? this.assignments.only(piece.param) : undefined;
        const inner = known !== undefined ? { value: known, unknownEnd: 0 } : assigned ? this.openWord(assigned, depth + 1) : undefined;
        if (inner) {
          if (inner.unknownEnd > 0) unknownEnd = value.length + inner.unknownEnd;
          value += inner.value;
        } else {
          value += `\${${piece.param}}`;
          unknownEnd = value.length;
        }
      }
      if (value.length > MAX_RESOLVED_CHARS) return undefined;
    }
    return { value, unknownEnd };
  }

  /** `word` with each plain `$X` replaced by X's single assignment (resolved in turn, a few levels deep). */
  resolveWord(word: ShWord, depth: number): string | undefined {
    if (depth > 4) return undefined;
    const pieces = wordPieces(this.script, word);
    if (!pieces) return undefined;
    let value = '';
    for (const piece of pieces) {
      if (!('param' in piece)) {
        if (piece.pattern) return undefined;
        value += piece.text;
      } else {
        const inner = this.resolveAssigned(piece.param, depth + 1);
        if (inner === undefined) return undefined;
        value += inner;
      }
      if (value.length > MAX_RESOLVED_CHARS) return undefined;
    }
    return value;
  }

  /** The value of a variable assigned once, as resolveWord reads its word at `depth`; each (word, depth) once. */
  private resolveAssigned(name: string, depth: number): string | undefined {
    const assigned = this.assignments.only(name);
    if (!assigned) return undefined;
    const literal = literalWord(this.script, assigned);
    if (literal) return literal.pattern ? undefined : literal.value;
    let byDepth = this.resolved.get(assigned);
    if (!byDepth) this.resolved.set(assigned, (byDepth = new Map()));
    if (!byDepth.has(depth)) byDepth.set(depth, this.resolveWord(assigned, depth));
    return byDepth.get(depth);
  }

  /**
   * `word` with each plain `$X` assigned once filled in, and `\u0000` for each part known only at
   * run time (an unassigned variable); undefined for a word with command substitutions and the like.
   */
  partialWord(word: ShWord): string | undefined {
    const pieces = wordPieces(this.script, word);
    if (!pieces) return undefined;
    let value = '';
    for (const piece of pieces) {
      if (!('param' in piece)) value += piece.text;
      else {
        const assigned = this.assignments.only(piece.param);
        const inner = assigned ? (literalWord(this.script, assigned)?.value ?? this.resolveAssigned(piece.param, 1)) : undefined;
        value += inner ?? '\u0000';
      }
      if (value.length > MAX_RESOLVED_CHARS) return undefined;
    }
    return value;
  }

  located(value: string, word: ShWord): Located<string> {
    return located(value, this.wordSpan(word));
  }

  start(node: ShNode): number {
    return this.script.offset(node.Pos());
  }

  end(node: ShNode): number {
    return this.script.offset(node.End());
  }

  wordSpan(word: ShNode): Span {
    return span(this.source, this.start(word), this.end(word));
  }
}
