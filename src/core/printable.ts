/**
 * Text from the linted repository made safe to print: a file name, a key or a value quoted in a
 * message can neither drive the terminal (an ESC starts a control sequence, a CR rewrites the line)
 * nor, on GitHub, start a workflow command (a log line starting with `::error` is one:
 * actions/toolkit docs/commands.md), and notices, config errors and findings share that log.
 *
 * Controls are shown, not dropped, the way rustc shows them in diagnostics
 * (compiler/rustc_errors/src/emitter.rs, OUTPUT_REPLACEMENTS): each C0 control and DEL becomes its
 * Unicode Control Picture (ESC ␛, BEL ␇, NUL ␀: U+2400 + code, DEL U+2421), so a reader sees which
 * character the file holds. C1 controls (U+0080–U+009F; terminals that act on them read U+009B as
 * CSI), the line and paragraph separators and the bidirectional overrides and isolates ("Trojan
 * Source", U+202A–U+202E, U+2066–U+2069) have no picture and become U+FFFD. Each is one UTF-16 code
 * unit for one, so columns counted in code units still line up with what is printed.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control made visible, except the characters in `keep` (the caller escapes those its own way). */
export function visibleControls(text: string, keep = ''): string {
  return text.replace(CONTROLS, (c) => (keep.includes(c) ? c : controlPicture(c)));
}

function controlPicture(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  return code === 0x7f ? '\u2421' : '\ufffd';
}

/** Text for one line of a log: line breaks and tabs become spaces, other controls visible. */
export function singleLine(text: string): string {
  return visibleControls(text.replace(/\r\n|\r|\n|\t/g, ' '));
}

/**
 * A JSON text with the characters JSON.stringify leaves raw that a terminal or a browser may act on
 * (C1 controls, the line and paragraph separators, bidirectional controls; C0 it escapes already)
 * written as `\uXXXX` escapes: they only occur inside strings, so the value read back is the same.
 */
export function jsonPrintable(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
