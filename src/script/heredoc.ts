/**
 * Heredoc bodies as the shell writes them (bash(1) Here Documents), each character mapped back to
 * the script so that a finding in the written file lands on the script's line and column.
 */
import type { HeredocBody } from './reading.js';
import { RedirOp } from './shell-syntax.js';
import type { ParsedScript, ShRedirect, ShWord } from './shell-syntax.js';
import { literalWord, nodeSource } from './words.js';

/**
 * With `<<-` leading tabs are removed from every line; with an unquoted delimiter backslash-newline
 * joins lines and `\$`, `` \` ``, `\\` lose their backslash, while expansions are kept as their
 * source text. CRLF line ends of the script are kept (the parser saw LF).
 */
export function heredocBody(script: ParsedScript, scriptText: string, redirect: ShRedirect): HeredocBody {
  const quoted = redirect.Word ? isQuotedDelimiter(script, redirect.Word) : false;
  const dash = redirect.Op === RedirOp.DashHdoc;
  const hdoc = redirect.Hdoc;
  const emptyAt = redirect.Word ? script.offset(redirect.Word.End()) : script.offset(redirect.End());
  if (!hdoc || hdoc.Parts.length === 0) return makeBody('', [], quoted, emptyAt, []);
  const norm = script.normalized;
  const from = script.byteToNorm(hdoc.Pos().Offset());
  let to = script.byteToNorm(hdoc.End().Offset());
  if (script.heredocEndsAfterDelimiter) {
    // mvdan/sh ends the body's last part after the closing delimiter word (its value stops before
    // it): the body proper ends where the delimiter line's delimiter starts.
    const delimiter = redirect.Word ? literalWord(script, redirect.Word)?.value : undefined;
    if (delimiter && to - delimiter.length >= from && norm.slice(to - delimiter.length, to) === delimiter) to -= delimiter.length;
  }
  const verbatim: Array<[number, number]> = [];
  if (!quoted) {
    for (const part of hdoc.Parts) {
      if (script.nodeType(part) === 'Lit') continue;
      verbatim.push([script.byteToNorm(part.Pos().Offset()), script.byteToNorm(part.End().Offset())]);
    }
  }
  const pieces: string[] = [];
  const map: number[] = [];
  // Body offsets of each expansion kept as source text: the shell writes its value there instead.
  const expansions: Array<[number, number]> = [];
  let openExpansion = -1;
  const emit = (normOffset: number): void => {
    const at = script.normToScript(normOffset);
    if (norm[normOffset] === '\n' && at > 0 && scriptText[at - 1] === '\r') {
      pieces.push('\r');
      map.push(at - 1);
    }
    pieces.push(norm[normOffset]);
    map.push(at);
  };
  let v = 0;
  let lineStart = true;
  for (let i = from; i < to; i++) {
    const c = norm[i];
    if (dash && lineStart && c === '\t') continue;
    lineStart = false;
    while (v < verbatim.length && verbatim[v][1] <= i) v++;
    const inVerbatim = v < verbatim.length && verbatim[v][0] <= i;
    if (inVerbatim && openExpansion !== v) {
      openExpansion = v;
      expansions.push([map.length, map.length]);
    }
    if (!quoted && !inVerbatim && c === '\\' && i + 1 < to) {
      const next = norm[i + 1];
      if (next === '\n') {
        i++;
        lineStart = true;
        continue;
      }
      if (next === '$' || next === '`' || next === '\\') {
        emit(i + 1);
        i++;
        continue;
      }
    }
    emit(i);
    if (inVerbatim) expansions[expansions.length - 1][1] = map.length;
    if (c === '\n') lineStart = true;
  }
  return makeBody(pieces.join(''), map, quoted, emptyAt, expansions);
}

/** bash(1): "If any part of word is quoted, … the lines in the here-document are not expanded." */
function isQuotedDelimiter(script: ParsedScript, word: ShWord): boolean {
  return word.Parts.some((part) => script.nodeType(part) !== 'Lit' || nodeSource(script, part).includes('\\'));
}

function makeBody(text: string, map: number[], quoted: boolean, emptyAt: number, expansions: Array<[number, number]>): HeredocBody {
  return {
    text,
    quoted,
    expansions,
    toScriptOffset(offset: number): number {
      if (map.length === 0) return emptyAt;
      if (offset <= 0) return map[0];
      if (offset >= map.length) return map[map.length - 1] + 1;
      return map[offset];
    },
  };
}
