/**
 * Install scripts (SPEC §1 "shell scripts"): what a script writes into files through heredocs, which
 * image tarballs it imports, and which YAML files it edits line by line.
 *
 * The structure comes from a shell parser's syntax tree (shell-parser.ts); nothing here scans script
 * text for shell syntax. The pieces: script-reader.ts walks the statements and resolves programs and
 * redirections, file-writes.ts / sed-edits.ts / image-imports.ts read the commands that matter,
 * heredoc.ts turns heredoc bodies into text mapped back to the script, variables.ts resolves
 * variables assigned once, virtual-files.ts assembles the files a script leaves behind.
 */
import { span } from '../core/source.js';
import type { SourceFile } from '../core/source.js';
import type { ScriptReading } from './reading.js';
import { ScriptReader } from './script-reader.js';
import { parseShell } from './shell-parser.js';

export type { ImageImport, ScriptReading, VirtualFileWrite, YamlLineEdit } from './reading.js';
export { isShellScript } from './shell-script-kind.js';
export { virtualFilesOf } from './virtual-files.js';

/**
 * Reads a shell script. Asynchronous because the parser is loaded on first use; the promise never
 * rejects: any text yields a reading, a script the parser rejects yields one with a problem.
 */
export async function readShellScript(source: SourceFile): Promise<ScriptReading> {
  const reading: ScriptReading = { writes: [], imports: [], yamlEdits: [], problems: [] };
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
    new ScriptReader(source, outcome.script, reading).read();
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
