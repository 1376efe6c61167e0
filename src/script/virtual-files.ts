/**
 * The files a script leaves behind, as virtual SourceFiles whose `origin` maps back to the script,
 * so findings in a heredoc land on the script's lines (CONTRIBUTING "Positions").
 */
import { SourceFile } from '../core/source.js';
import type { SourceKind } from '../core/source.js';
import type { ScriptReading, VirtualFileWrite } from './reading.js';

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
  const files: SourceFile[] = [];
  for (const [path, writes] of byPath) {
    const starts: number[] = [];
    let text = '';
    for (const write of writes) {
      starts.push(text.length);
      text += write.text;
    }
    const toParentOffset = (offset: number): number => {
      // The piece holding `offset`: the last non-empty one starting at or before it (binary search).
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      let index = lo;
      while (index > 0 && writes[index].text.length === 0 && index !== starts.length - 1) index--;
      const local = offset - starts[index];
      return writes[index].toScriptOffset(Math.min(local, writes[index].text.length));
    };
    files.push(new SourceFile(path, text, kindOf(path), { parent: script, toParentOffset }));
  }
  return files;
}
