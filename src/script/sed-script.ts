/**
 * Reads the one command of a sed script as GNU sed does (GNU sed manual, "sed scripts": addresses,
 * `a`/`i`/`c` text, `s`). A script holding more than one command is `other`: its effect on a YAML
 * file is not a single line edit.
 */

export type SedCommandName = 'a' | 'i' | 's' | 'c' | 'd' | 'other';

export interface SedCommand {
  /** The address as written (`/edged:/`, `3`, `$`, `/a/,/b/`); undefined when the command has none. */
  address?: string;
  command: SedCommandName;
  /** `a`/`i`/`c`: the text written, escapes processed, without the final newline. `s`: the replacement. */
  text?: string;
}

export function parseSedScript(script: string): SedCommand {
  const parsed = readCommand(script);
  const out: SedCommand = { command: parsed.command };
  if (parsed.address !== undefined) out.address = parsed.address;
  if (parsed.text !== undefined && parsed.command !== 'other') out.text = parsed.text;
  return out;
}

function readCommand(script: string): SedCommand {
  let i = skipBlanks(script, 0, true);
  const addressStart = i;
  i = readAddress(script, i);
  if (i < 0) return { command: 'other' };
  if (script[i] === ',') {
    i = readAddress(script, i + 1);
    if (i < 0) return { command: 'other' };
  }
  const address = i > addressStart ? script.slice(addressStart, i) : undefined;
  i = skipBlanks(script, i, false);
  if (script[i] === '!') return { address, command: 'other' };
  const name = script[i];
  i++;
  if (name === 'a' || name === 'i' || name === 'c') {
    const { text, end } = readText(script, i);
    return { address, command: moreCommands(script, end) ? 'other' : name, text };
  }
  if (name === 's') {
    const parsed = readSubstitution(script, i);
    if (!parsed) return { address, command: 'other' };
    return { address, command: moreCommands(script, parsed.end) ? 'other' : 's', text: parsed.replacement };
  }
  if (name === 'd') return { address, command: moreCommands(script, i) ? 'other' : 'd' };
  return { address, command: 'other' };
}

function skipBlanks(s: string, i: number, alsoSeparators: boolean): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t' || (alsoSeparators && (s[i] === ';' || s[i] === '\n')))) i++;
  return i;
}

/** True when anything but blanks and `;`/newline separators follows `i`. */
function moreCommands(s: string, i: number): boolean {
  return skipBlanks(s, i, true) < s.length;
}

/** Reads one address at `i`; returns the index after it (or `i` when none), -1 when malformed. */
function readAddress(s: string, i: number): number {
  if (s[i] === '/' || s[i] === '\\') {
    let delimiter = '/';
    if (s[i] === '\\') {
      delimiter = s[i + 1] ?? '';
      if (!delimiter || delimiter === '\n' || delimiter === '\\') return -1;
      i++;
    }
    const end = findDelimiter(s, i + 1, delimiter);
    if (end < 0) return -1;
    i = end + 1;
    // GNU flags after a regex address: `I` (case-insensitive), `M` (multi-line).
    while (s[i] === 'I' || s[i] === 'M') i++;
    return i;
  }
  if (s[i] === '$') return i + 1;
  let j = i;
  while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
  if (j > i && s[j] === '~') {
    j++;
    while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
  }
  return j;
}

/** Index of the next unescaped `delimiter` from `i` (a delimiter inside `[...]` is literal in POSIX REs). */
function findDelimiter(s: string, i: number, delimiter: string): number {
  let inBracket = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\n') return -1;
    if (c === '\\' && !inBracket) {
      i++;
      continue;
    }
    if (inBracket) {
      if (c === ']') inBracket = false;
      continue;
    }
    if (c === '[') {
      inBracket = true;
      if (s[i + 1] === '^') i++;
      if (s[i + 1] === ']') i++;
      continue;
    }
    if (c === delimiter) return i;
  }
  return -1;
}

/**
 * GNU `a`/`i`/`c` text: blanks after the command are skipped; then `a\` followed by a newline starts
 * the classic multi-line form, and `a\TEXT` (the one-line form) keeps TEXT's leading blanks, which is
 * why scripts write `/edged:/a\    clusterDNS: …` to indent the new line. In the text, backslash-newline
 * continues the text on the next line and a backslash quotes the next character (`\t` is a tab).
 */
function readText(s: string, i: number): { text: string; end: number } {
  i = skipBlanks(s, i, false);
  if (s[i] === '\\') {
    i++;
    if (s[i] === '\n') i++;
  }
  let text = '';
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\n') return { text, end: i + 1 };
    if (c === '\\' && i + 1 < s.length) {
      const next = s[i + 1];
      text += next === 't' ? '\t' : next === 'n' ? '\n' : next;
      i++;
      continue;
    }
    text += c;
  }
  return { text, end: s.length };
}

function readSubstitution(s: string, i: number): { replacement: string; end: number } | undefined {
  const delimiter = s[i];
  if (!delimiter || delimiter === '\n' || delimiter === '\\') return undefined;
  const patternEnd = findDelimiter(s, i + 1, delimiter);
  if (patternEnd < 0) return undefined;
  let replacement = '';
  let j = patternEnd + 1;
  for (; j < s.length; j++) {
    const c = s[j];
    if (c === '\\' && j + 1 < s.length) {
      replacement += s[j + 1] === delimiter ? delimiter : c + s[j + 1];
      j++;
      continue;
    }
    if (c === delimiter) break;
    replacement += c;
  }
  if (j >= s.length) return undefined;
  j++;
  while (j < s.length && /[gpiImMe0-9]/.test(s[j])) j++;
  if (s[j] === 'w') j = s.length;
  return { replacement, end: j };
}
