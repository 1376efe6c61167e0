/**
 * The files a script leaves behind, as virtual SourceFiles whose `origin` maps back to the script,
 * so findings in a heredoc land on the script's lines (CONTRIBUTING "Positions").
 */
import { lastIndex, mergeRanges } from '../core/arrays.js';
import { SourceFile } from '../core/source.js';
import type { SourceKind } from '../core/source.js';
import type { ScriptReading, Substitution, VirtualFileWrite } from './reading.js';
import { literalOfPattern } from './sed-script.js';

/** Distinct placeholders looked for per file: each is one pass over the file's text. */
const MAX_PATTERNS_PER_FILE = 256;
/** Ranges kept per file: enough for any real template, bounded for a hostile one. */
const MAX_RANGES_PER_FILE = 100_000;

/**
 * Writes to the same path concatenate in source order (a create resets the file, an append appends),
 * each path becoming one virtual SourceFile whose `origin` maps piecewise back to the script. A path
 * whose first write is an append holds only what the script appended (the rest of that file was not
 * written by the script). `kindOf(path)` classifies a path (the engine passes its own classifier).
 */
export function virtualFilesOf(script: SourceFile, reading: ScriptReading, kindOf: (path: string) => SourceKind): SourceFile[] {
  const byPath = new Map<string, VirtualFileWrite[]>();
  for (const write of reading.writes) {
    let list = byPath.get(write.path);
    if (!list || write.mode === 'create') {
      list = [];
      byPath.set(write.path, list);
    }
    list.push(write);
  }
  const substitutions = new Map<string, Substitution[]>();
  for (const sub of reading.substitutions) {
    const list = substitutions.get(sub.path);
    if (list) list.push(sub);
    else substitutions.set(sub.path, [sub]);
  }
  const files: SourceFile[] = [];
  for (const [path, writes] of byPath) {
    const starts: number[] = [];
    let text = '';
    for (const write of writes) {
      starts.push(text.length);
      text += write.text;
    }
    const toParentOffset = (offset: number): number => {
      // The piece holding `offset`: the last non-empty one starting at or before it.
      let index = lastIndex(starts.length, (i) => starts[i] <= offset);
      while (index > 0 && writes[index].text.length === 0 && index !== starts.length - 1) index--;
      const local = offset - starts[index];
      return writes[index].toScriptOffset(Math.min(local, writes[index].text.length));
    };
    const runtime = runtimeRanges(text, writes, starts, substitutions.get(path) ?? []);
    files.push(new SourceFile(path, text, kindOf(path), { parent: script, toParentOffset, ...(runtime.length > 0 ? { runtime } : {}) }));
  }
  return files;
}

/**
 * What the script fills in at run time in a file it writes (SourceOrigin.runtime): the expansions of
 * its unquoted heredocs, and every occurrence of a plain-string pattern a later `sed -i s/…/…/` of
 * the same path replaces, in the text written before that sed runs (the placeholder idiom:
 * `server: __CLOUD_IP__:10000` then `sed -i "s|__CLOUD_IP__|${CLOUD_IP}|g"`). Sorted and merged.
 */
function runtimeRanges(text: string, writes: VirtualFileWrite[], starts: number[], subs: Substitution[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  writes.forEach((write, k) => {
    for (const [from, to] of write.expansions) ranges.push([starts[k] + from, starts[k] + to]);
  });
  // Per placeholder, the text written before its last substitution (writes are in script order).
  const reach = new Map<string, number>();
  for (const sub of subs) {
    const literal = literalOfPattern(sub.pattern, sub.extended);
    if (literal === undefined || (!reach.has(literal) && reach.size >= MAX_PATTERNS_PER_FILE)) continue;
    let limit = 0;
    const subAt = sub.span.source.rootOffset(sub.span.start);
    writes.forEach((write, k) => {
      if (write.span.source.rootOffset(write.span.start) < subAt) limit = starts[k] + write.text.length;
    });
    reach.set(literal, Math.max(reach.get(literal) ?? 0, limit));
  }
  for (const [literal, limit] of reach) {
    for (let at = text.indexOf(literal); at !== -1 && at + literal.length <= limit && ranges.length < MAX_RANGES_PER_FILE; at = text.indexOf(literal, at + literal.length)) {
      ranges.push([at, at + literal.length]);
    }
  }
  return mergeRanges(ranges);
}
