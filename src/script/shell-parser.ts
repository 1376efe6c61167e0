/**
 * Parses a script as bash. Two parsers, one tree shape (shell-syntax.ts):
 *
 * - tree-sitter-bash (bash-parser.ts) first: linear time, a few microseconds per line once its
 *   WebAssembly is compiled, and memory outside the JavaScript heap.
 * - mvdan/sh (mvdan-parser.ts) when tree-sitter's tree holds an error and the script is small: it
 *   parses the few valid constructs tree-sitter-bash does not (two heredocs started on one line), and
 *   its syntax errors are the ones to report. It costs about a millisecond per statement, so a large
 *   script keeps tree-sitter's verdict.
 *
 * Bash is used for `#!/bin/sh` scripts too: install scripts written for `sh` routinely run under bash
 * on the distributions KubeEdge supports, and bash accepts every POSIX construct.
 */
import { parseWithTreeSitter } from './bash-parser.js';
import { normalizeLineEnds, replaceLoneSurrogates } from './line-ends.js';
import { parseWithMvdan } from './mvdan-parser.js';
import type { ParseOutcome } from './shell-syntax.js';
import { respaceSubshellSubstitutions } from './subshell-substitution.js';

/** Largest script handed to the slow exact parser (about two thousand lines, a few seconds). */
const MVDAN_LIMIT = 64 * 1024;

export async function parseShell(text: string): Promise<ParseOutcome> {
  const { normalized, normToScript } = normalizeLineEnds(text);
  // Both parsers need well-formed text (Go strings are UTF-8; tree-sitter decodes UTF-16).
  const wellFormed = replaceLoneSurrogates(normalized);
  const fast = await parseWithTreeSitter(wellFormed, normToScript);
  if (fast.ok) return fast;
  // Both parsers take `$((cmd) || x)` for arithmetic; bash reads it as `$( (cmd) || x)` (subshell-substitution.ts).
  const respaced = respaceSubshellSubstitutions(wellFormed);
  let retried = wellFormed;
  let toScript = normToScript;
  let failure = fast;
  if (respaced) {
    retried = respaced.text;
    toScript = (offset) => normToScript(respaced.toOriginal(offset));
    const again = await parseWithTreeSitter(retried, toScript);
    if (again.ok) return again;
    failure = again;
  }
  if (retried.length <= MVDAN_LIMIT) return parseWithMvdan(retried, toScript);
  return { ok: false, message: failure.message, offset: toScript(failure.offset) };
}
