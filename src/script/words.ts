/**
 * Shell words as values: quote removal per bash(1) QUOTING / POSIX sh 2.2 and 2.6.7, done on the
 * parser's word parts (never by scanning raw script text for structure).
 */
import type { ParsedScript, ShDblQuoted, ShNode, ShParamExp, ShSglQuoted, ShWord } from './shell-syntax.js';

export interface WordValue {
  value: string;
  /** An unquoted `*`, `?`, `[` or `{` is present: pathname or brace expansion may change the word. */
  pattern: boolean;
}

/** The text of `node` in the parser's (LF-normalised) view of the script. */
export function nodeSource(script: ParsedScript, node: ShNode): string {
  return script.normalized.slice(script.byteToNorm(node.Pos().Offset()), script.byteToNorm(node.End().Offset()));
}

/**
 * The value the shell gives `word` when it holds no expansion; undefined when it holds one (a
 * parameter, command substitution, arithmetic, process substitution, `$'…'` with escapes, or a
 * leading unquoted `~`): such a word's value is unknown here, never guessed.
 */
export function literalWord(script: ParsedScript, word: ShWord): WordValue | undefined {
  const pieces = wordPieces(script, word);
  if (!pieces) return undefined;
  let value = '';
  let pattern = false;
  for (const piece of pieces) {
    if ('param' in piece) return undefined;
    value += piece.text;
    pattern ||= piece.pattern;
  }
  return { value, pattern };
}

/**
 * The word's value with every expansion kept as its source text (`${DNS}` stays `${DNS}`), the same
 * convention heredoc bodies follow: for reading sed scripts and echo'd text, where an unknown part
 * should not hide the known rest.
 */
export function wordText(script: ParsedScript, word: ShWord, commandSubstitution?: string): string {
  const expansion = (part: ShNode): string => (commandSubstitution !== undefined && script.nodeType(part) === 'CmdSubst' ? commandSubstitution : nodeSource(script, part));
  let value = '';
  for (const part of word.Parts) {
    const type = script.nodeType(part);
    if (type === 'Lit') value += unquoteBare(nodeSource(script, part)).value;
    else if (type === 'SglQuoted') value += (part as ShSglQuoted).Value;
    else if (type === 'DblQuoted') {
      for (const inner of (part as ShDblQuoted).Parts) {
        value += script.nodeType(inner) === 'Lit' ? unquoteDouble(nodeSource(script, inner)) : expansion(inner);
      }
    } else value += expansion(part);
  }
  return value;
}

/** The name of a word that is exactly one plain parameter expansion (`$X`, `${X}`, `"$X"`). */
export function soleParameter(script: ParsedScript, word: ShWord): string | undefined {
  let parts = word.Parts;
  if (parts.length === 1 && script.nodeType(parts[0]) === 'DblQuoted') parts = (parts[0] as ShDblQuoted).Parts;
  if (parts.length !== 1) return undefined;
  return plainParameter(script, parts[0]);
}

/** The name of a plain parameter expansion part (`$X`, `${X}`); undefined for anything else. */
export function plainParameter(script: ParsedScript, part: ShNode): string | undefined {
  if (script.nodeType(part) !== 'ParamExp') return undefined;
  const p = part as ShParamExp & Record<string, unknown>;
  // Any operator (`${X:-d}`, `${X/a/b}`, `${#X}`, `${X[0]}`, `${!X}`) makes the value something else.
  if (p.Exp || p.Repl || p.Slice || p.Index || p.Length || p.Excl || p.Width || p.Names) return undefined;
  return p.Param?.Value;
}

export type WordPiece = { text: string; pattern: boolean } | { param: string };

/**
 * A word as literal text and plain parameters (`"$DIR/edgecore.yaml"` → `$DIR`, `/edgecore.yaml`),
 * for resolving variables assigned once; undefined when it holds any other expansion.
 */
export function wordPieces(script: ParsedScript, word: ShWord): WordPiece[] | undefined {
  const pieces: WordPiece[] = [];
  for (let index = 0; index < word.Parts.length; index++) {
    const part = word.Parts[index];
    const type = script.nodeType(part);
    if (type === 'Lit') {
      const raw = nodeSource(script, part);
      // Tilde expansion applies to an unquoted `~` that starts the word (bash(1) Tilde Expansion).
      if (index === 0 && raw.startsWith('~')) return undefined;
      const unquoted = unquoteBare(raw);
      pieces.push({ text: unquoted.value, pattern: unquoted.pattern });
    } else if (type === 'SglQuoted') {
      const q = part as ShSglQuoted;
      if (q.Dollar && q.Value.includes('\\')) return undefined;
      pieces.push({ text: q.Value, pattern: false });
    } else if (type === 'DblQuoted') {
      for (const inner of (part as ShDblQuoted).Parts) {
        if (script.nodeType(inner) === 'Lit') pieces.push({ text: unquoteDouble(nodeSource(script, inner)), pattern: false });
        else {
          const param = plainParameter(script, inner);
          if (param === undefined) return undefined;
          pieces.push({ param });
        }
      }
    } else {
      const param = plainParameter(script, part);
      if (param === undefined) return undefined;
      pieces.push({ param });
    }
  }
  return pieces;
}

/** Outside quotes a backslash quotes the next character, and backslash-newline disappears. */
function unquoteBare(raw: string): WordValue {
  let value = '';
  let pattern = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      if (i + 1 < raw.length && raw[i + 1] !== '\n') value += raw[i + 1];
      i++;
      continue;
    }
    if (c === '*' || c === '?' || c === '[' || c === '{') pattern = true;
    value += c;
  }
  return { value, pattern };
}

/** Inside double quotes a backslash quotes only `$`, `` ` ``, `"`, `\` and newline (bash(1) QUOTING). */
function unquoteDouble(raw: string): string {
  let value = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1];
      if (next === '\n') {
        i++;
        continue;
      }
      if (next === '$' || next === '`' || next === '"' || next === '\\') {
        value += next;
        i++;
        continue;
      }
    }
    value += c;
  }
  return value;
}
