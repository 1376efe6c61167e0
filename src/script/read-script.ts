/**
 * Install scripts (SPEC §1 "shell scripts"): what a script writes into files through heredocs, which
 * image tarballs it imports, and which YAML files it edits line by line.
 *
 * The structure comes from a shell parser's syntax tree (shell-parser.ts); nothing here scans script
 * text for shell syntax. The pieces: script-reader.ts walks the statements and resolves programs and
 * redirections, file-writes.ts / sed-edits.ts / image-imports.ts read the commands that matter,
 * word-values.ts reads words through the variables the script assigns once (variables.ts),
 * heredoc.ts turns heredoc bodies into text mapped back to the script,
 * virtual-files.ts assembles the files a script leaves behind.
 */
import { SourceFile, span } from '../core/source.js';
import { firstIndex, pushAll } from '../core/arrays.js';
import type { Span } from '../core/source.js';
import { noteSavedImages } from './image-imports.js';
import type { ScriptReading } from './reading.js';
import { emptyReading } from './reading.js';
import { ScriptReader } from './script-reader.js';
import { parseShell } from './shell-parser.js';

export type { BrokerRun, FileCopy, ImageImport, ReleaseMention, KeadmInit, KeadmJoin, ScriptReading, Substitution, VirtualFileWrite, YamlLineEdit } from './reading.js';
export { isShellScript } from './shell-script-kind.js';
export { virtualFilesOf } from './virtual-files.js';

/**
 * Reads a shell script. Asynchronous because the parser is loaded on first use; the promise never
 * rejects: any text yields a reading, a script the parser rejects yields one with a problem.
 */
export async function readShellScript(source: SourceFile): Promise<ScriptReading> {
  const reading: ScriptReading = emptyReading();
  try {
    const outcome = await parseShell(source.text);
    if (!outcome.ok) {
      const at = Math.max(0, Math.min(outcome.offset, source.text.length));
      reading.problems.push({
        message: `shell syntax error: ${outcome.message}`,
        span: span(source, at, Math.min(at + 1, source.text.length)),
      });
      return reading;
    }
    const reader = new ScriptReader(source, outcome.script, reading);
    reader.read();
    if (reader.shellBodies.length > 0) {
      await readShellBodies(source, reader.shellBodies, reading, 1, { left: MAX_BODIES });
      // Writes and edits in script order, wherever they were read: a later `cat >` resets a file.
      const at = (s: Span) => s.source.rootOffset(s.start);
      reading.writes.sort((a, b) => at(a.span) - at(b.span));
      reading.yamlEdits.sort((a, b) => at(a.span) - at(b.span));
      reading.substitutions.sort((a, b) => at(a.span) - at(b.span));
      reading.copies.sort((a, b) => at(a.span) - at(b.span));
      reading.imports.sort((a, b) => at(a.span) - at(b.span));
      reading.saves.sort((a, b) => at(a.span) - at(b.span));
      reading.keadmJoins.sort((a, b) => at(a.span) - at(b.span));
      reading.keadmInits.sort((a, b) => at(a.span) - at(b.span));
      reading.releases.sort((a, b) => at(a.span) - at(b.span));
    }
    noteKeadmJoins(reading);
    noteSavedImages(reading);
  } catch (error) {
    // A parser failure (mvdan/sh is transpiled Go: a runtime panic surfaces as an exception; a
    // pathologically deep script may exhaust the stack) still gives the file a reading.
    reading.problems.push({
      message: `the shell parser failed: ${error instanceof Error ? error.message : String(error)}`,
      span: span(source, 0, 0),
    });
  }
  return reading;
}

/** `bash -c` inside `bash -c` is followed this deep. */
const MAX_DEPTH = 4;
/** Command strings read per script: each is parsed on its own. */
const MAX_BODIES = 1000;

/**
 * Reads `bash -c '…'` bodies (ScriptReader.shellBodies) as scripts of their own, each a virtual
 * SourceFile mapped into its script, and adds what they write, edit and import to `into`. A body the
 * parser rejects is skipped without a problem: it is a string the script hands to a shell at run
 * time, and its text is reported nowhere else.
 */
async function readShellBodies(source: SourceFile, bodies: ScriptReader['shellBodies'], into: ScriptReading, depth: number, budget: { left: number }): Promise<void> {
  if (depth > MAX_DEPTH) return;
  for (const body of bodies) {
    if (budget.left <= 0) return;
    budget.left--;
    const toParent = (offset: number) => {
      const at = Math.max(0, Math.min(offset, body.text.length));
      return 'map' in body ? body.map[at] : body.start + at;
    };
    const virtual = new SourceFile(`${source.path}#sh-c`, body.text, 'shell', { parent: source, toParentOffset: toParent });
    const outcome = await parseShell(body.text);
    if (!outcome.ok) continue;
    const inner: ScriptReading = emptyReading();
    const reader = new ScriptReader(virtual, outcome.script, inner);
    reader.read();
    await readShellBodies(virtual, reader.shellBodies, inner, depth + 1, budget);
    // Spans resolve through the virtual file's origin; write offsets are mapped into `source` here.
    for (const write of inner.writes) into.writes.push({ ...write, toScriptOffset: (offset) => toParent(write.toScriptOffset(offset)) });
    pushAll(into.yamlEdits, inner.yamlEdits);
    pushAll(into.substitutions, inner.substitutions);
    pushAll(into.copies, inner.copies);
    pushAll(into.imports, inner.imports);
    pushAll(into.openImports, inner.openImports);
    pushAll(into.controlPlane, inner.controlPlane);
    pushAll(into.edgeSide, inner.edgeSide);
    pushAll(into.saves, inner.saves);
    pushAll(into.keadmJoins, inner.keadmJoins);
    pushAll(into.releases, inner.releases);
    pushAll(into.nodeLabels, inner.nodeLabels);
    // `ssh cloud 'curl -sfL https://get.k3s.io | sh -'` installs K3s there as surely as in the script.
    pushAll(into.k3sInstalls, inner.k3sInstalls);
  }
}

/** Gives each edit the `keadm join` that wrote the file it edits: the nearest before it, else the first after it. */
function noteKeadmJoins(reading: ScriptReading): void {
  if (reading.keadmJoins.length === 0) return;
  const at = (s: Span) => s.source.rootOffset(s.start);
  // Joins of `bash -c` bodies are appended after the script's own: ordered by where they are in the
  // script, each edit finds its join by bisection (a script of many joins and edits stays O(n log n)).
  const joins = reading.keadmJoins.map((join) => ({ join, offset: at(join.span) })).sort((a, b) => a.offset - b.offset);
  for (const edit of reading.yamlEdits) {
    const start = at(edit.span);
    const after = firstIndex(joins.length, (i) => joins[i].offset >= start);
    edit.keadmJoin = joins[after > 0 ? after - 1 : 0].join;
  }
}
