/**
 * A text-level move of one block-mapping entry (key, value, the comments right above it) to another
 * mapping of the same YAML document, creating the mappings on the way when they are missing. Working
 * on the text, not re-serialising the document, is what keeps every other byte, comment and the
 * user's indentation as written.
 */
import { isMap, isPair, isScalar } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import type { TextEdit } from '../core/finding.js';
import type { EdgecoreConfig } from '../model/edgecore.js';
import { deref, findPair } from '../parse/yaml-nodes.js';

type Range = [number, number, number];

function rangeOf(node: unknown): Range | undefined {
  return (node as { range?: Range } | null | undefined)?.range ?? undefined;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line holding `offset - 1` (a value's last character), newline included. */
function lineEndAfter(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text.length : newline + 1;
}

/** Column (0-based) of a block-mapping key, when only spaces precede it on its line. */
function blockKeyIndent(text: string, keyStart: number): number | undefined {
  const start = lineStartOf(text, keyStart);
  return /^ *$/.test(text.slice(start, keyStart)) ? keyStart - start : undefined;
}

/** Where a pair's text ends: the end of the line of its value's last character. */
function pairEnd(text: string, pair: Pair): number | undefined {
  const end = rangeOf(pair.value)?.[1] ?? rangeOf(pair.key)?.[1];
  return end === undefined ? undefined : lineEndAfter(text, end);
}

function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow && node.items.length > 0 && node.items.every((item) => isPair(item) && isScalar(item.key));
}

/** Shifts every non-blank line by `delta` columns; undefined when a line has too few spaces to shift left. */
function reindent(block: string, delta: number): string | undefined {
  const lines = block.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') out.push('');
    else if (delta >= 0) out.push(' '.repeat(delta) + line);
    else if (/^ *$/.test(line.slice(0, -delta))) out.push(line.slice(-delta));
    else return undefined;
  }
  return out.join('\n');
}

/**
 * Edits (root-file offsets) moving `pair` of mapping `from` under the mapping at `targetParent`
 * (keys matched case-insensitively, as edgecore reads them). Undefined when the move is not safe: a
 * flow mapping or a key sharing its line with other syntax, a target path crossing a non-mapping or
 * the moved entry itself, a target that already holds the key, or text not copied verbatim into
 * the root file.
 */
export function moveKeyEdits(config: EdgecoreConfig, from: YAMLMap, pair: Pair, targetParent: readonly string[]): TextEdit[] | undefined {
  const { doc, source } = config;
  const text = source.text;
  const keyName = isScalar(pair.key) ? String(pair.key.value) : undefined;
  const keyRange = rangeOf(pair.key);
  if (keyName === undefined || !keyRange || from.flow) return undefined;
  const keyIndent = blockKeyIndent(text, keyRange[0]);
  const blockEnd = pairEnd(text, pair);
  if (keyIndent === undefined || blockEnd === undefined) return undefined;

  // Comment lines directly above the key, at its indentation, describe it: they move with it.
  let blockStart = lineStartOf(text, keyRange[0]);
  for (;;) {
    if (blockStart === 0) break;
    const previous = lineStartOf(text, blockStart - 1);
    const line = text.slice(previous, blockStart - 1);
    if (!new RegExp(`^ {${keyIndent}}#`).test(line)) break;
    blockStart = previous;
  }

  // Walk down to the deepest mapping that exists on the target path.
  let node: unknown = deref(doc, doc.contents);
  if (!isBlockMap(node)) return undefined;
  let depth = 0;
  let ownerIndent: number | undefined;
  for (; depth < targetParent.length; depth++) {
    const next = findPair(node, targetParent[depth], true);
    if (!next) break;
    if (next === pair) return undefined;
    const value = deref(doc, next.value);
    if (!isBlockMap(value)) return undefined;
    ownerIndent = blockKeyIndent(text, rangeOf(next.key)?.[0] ?? -1);
    node = value;
  }
  const target = node as YAMLMap;
  if (depth === targetParent.length && findPair(target, keyName, true)) return undefined;

  const first = target.items[0] as Pair;
  const last = target.items[target.items.length - 1] as Pair;
  const childIndent = blockKeyIndent(text, rangeOf(first.key)?.[0] ?? -1);
  const insertAt = pairEnd(text, last);
  if (childIndent === undefined || insertAt === undefined) return undefined;
  if (insertAt > blockStart && insertAt < blockEnd) return undefined;
  const step = ownerIndent !== undefined && childIndent > ownerIndent ? childIndent - ownerIndent : 2;

  const missing = targetParent.slice(depth);
  const created = missing.map((segment, i) => `${' '.repeat(childIndent + i * step)}${segment}:\n`).join('');
  let block = text.slice(blockStart, blockEnd);
  if (!block.endsWith('\n')) block += '\n';
  const moved = reindent(block.slice(0, -1), childIndent + missing.length * step - keyIndent);
  if (moved === undefined) return undefined;
  let insertion = `${created}${moved}\n`;
  if (insertAt === text.length && !text.endsWith('\n')) insertion = `\n${insertion.slice(0, -1)}`;

  // A heredoc is a virtual file: its edits are only safe when its text sits verbatim in the script.
  const root = source.root;
  const map = (offset: number) => source.rootOffset(offset);
  for (const [a, b] of [[blockStart, blockEnd], [insertAt, insertAt]] as const) {
    if (map(b) - map(a) !== b - a || root.text.slice(map(a), map(b)) !== text.slice(a, b)) return undefined;
  }
  return [
    { start: map(blockStart), end: map(blockEnd), text: '' },
    { start: map(insertAt), end: map(insertAt), text: insertion },
  ];
}
