/**
 * A double-quoted command string handed to another shell (`multipass exec NODE -- bash -c "…"`,
 * `ssh HOST "…"`): the calling shell expands it first (bash(1) QUOTING: inside double quotes `$`
 * keeps its meaning), so the text the other shell parses is the string with each expansion replaced
 * by its value. A variable the calling script assigns once is filled in here; any other expansion
 * (a loop variable, a command substitution) is kept as its source text, which the inner reading
 * treats as unknown. The body maps every character back to the script: a filled-in value to the
 * expansion it replaced.
 */
import type { ParsedScript, ShDblQuoted, ShNode } from './shell-syntax.js';
import { plainParameter } from './words.js';

/** Longest command string read with its variables filled in (the slow parser's limit, shell-parser.ts). */
const MAX_BODY_CHARS = 64 * 1024;

export interface CommandStringBody {
  text: string;
  /** Offset in the script of each character of `text`, and of its end. */
  map: number[];
}

interface Reading {
  readonly script: ParsedScript;
  readonly source: { readonly text: string };
  start(node: ShNode): number;
  end(node: ShNode): number;
  variableValue(name: string): string | undefined;
}

/** `quoted` spans the script from `from` to `to` (inside its quotes); undefined when a part cannot be placed. */
export function expandedCommandString(reader: Reading, quoted: ShDblQuoted, from: number, to: number): CommandStringBody | undefined {
  let text = '';
  const map: number[] = [];
  let at = from;
  const copy = (end: number) => {
    for (; at < end; at++) {
      text += reader.source.text[at];
      map.push(at);
    }
  };
  for (const part of quoted.Parts) {
    const start = reader.start(part);
    const end = reader.end(part);
    if (start < at || end > to) return undefined;
    copy(start);
    const param = plainParameter(reader.script, part);
    const value = param === undefined ? undefined : reader.variableValue(param);
    if (value === undefined) copy(end);
    else {
      // Each value is at most a path's length, but many of them could still make a huge text.
      if (text.length + value.length > MAX_BODY_CHARS) return undefined;
      text += value;
      for (let i = 0; i < value.length; i++) map.push(start);
      at = end;
    }
  }
  copy(to);
  map.push(to);
  return { text, map };
}
