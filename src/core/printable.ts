/**
 * Text from the linted repository made safe to print on one line of a log: line breaks and tabs
 * become spaces, other C0/C1 controls U+FFFD (as code frames show them), so a file name or a config
 * value can neither drive the terminal nor start a line of its own — on GitHub a log line starting
 * with `::error` is a workflow command (actions/toolkit docs/commands.md), and notices, config errors
 * and findings share that log.
 */
export function singleLine(text: string): string {
  return text.replace(/\r\n|\r|\n|\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/gu, '\ufffd');
}
