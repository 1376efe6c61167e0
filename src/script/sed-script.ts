/**
 * Reads the one command of a sed script as GNU sed does (GNU sed manual, "sed scripts": addresses,
 * `a`/`i`/`c` text, `s`). A script holding more than one command is `other`: its effect on a YAML
 * file is not a single line edit.
 */

export type SedCommandName = 'a' | 'i' | 's' | 'c' | 'd' | 'r' | 'R' | 'w' | 'W' | 'other';

export interface SedCommand {
  /** The address as written (`/edged:/`, `3`, `$`, `/a/,/b/`); undefined when the command has none. */
  address?: string;
  command: SedCommandName;
  /** `a`/`i`/`c`: the text written, escapes processed, without the final newline. `s`: the replacement. */
  text?: string;
  /** `s`: the regular expression between the delimiters, a delimiter escaped inside it unescaped (`s|a\|b|c|` → `a|b`). */
  pattern?: string;
  /** `s`: the flags after the replacement (`g`, `2`, `I`, …). */
  flags?: string;
  /** `r`/`R`/`w`/`W`: the file name, as written (to the end of the line). */
  file?: string;
}

export function parseSedScript(script: string): SedCommand {
  const parsed = readCommand(script);
  const out: SedCommand = { command: parsed.command };
  if (parsed.address !== undefined) out.address = parsed.address;
  if (parsed.text !== undefined && parsed.command !== 'other') out.text = parsed.text;
  if (parsed.pattern !== undefined && parsed.command === 's') out.pattern = parsed.pattern;
  if (parsed.file !== undefined && parsed.command !== 'other') out.file = parsed.file;
  return out;
}

function readCommand(script: string): SedCommand {
  const first = readCommandAt(script, 0);
  if (first.command !== 'other' && moreCommands(script, first.end)) return { ...first.parsed, command: 'other' };
  return first.parsed;
}

/**
 * The `s` commands of a whole script (`s/A/x/; s/B/y/`, one per line, …), with their patterns: what
 * the script replaces wherever it matches. Reading stops at the first command not understood.
 */
export function substitutionsOf(script: string): Array<{ address?: string; pattern: string }> {
  return readSubstitutions(script).found;
}

/** substitutionsOf, and whether the script is nothing but those substitutions. */
export function readSubstitutions(script: string): { found: Array<{ address?: string; pattern: string; replacement?: string; flags?: string }>; onlySubstitutions: boolean } {
  const found: Array<{ address?: string; pattern: string; replacement?: string; flags?: string }> = [];
  let i = 0;
  for (let guard = 0; guard < 1000; guard++) {
    i = skipBlanks(script, i, true);
    if (i >= script.length) return { found, onlySubstitutions: found.length > 0 };
    const next = readCommandAt(script, i);
    if (next.command === 'other' || next.end <= i) break;
    if (next.command !== 's' || next.parsed.pattern === undefined) return { found, onlySubstitutions: false };
    found.push({ ...(next.parsed.address !== undefined ? { address: next.parsed.address } : {}), pattern: next.parsed.pattern, replacement: next.parsed.text, flags: next.parsed.flags ?? '' });
    i = next.end;
  }
  return { found, onlySubstitutions: false };
}

/** One command from `start`: what it is and the index after it; `other` ends the reading. */
function readCommandAt(script: string, start: number): { command: SedCommandName; parsed: SedCommand; end: number } {
  const other = { command: 'other' as const, parsed: { command: 'other' as const }, end: script.length };
  let i = skipBlanks(script, start, true);
  const addressStart = i;
  i = readAddress(script, i);
  if (i < 0) return other;
  if (script[i] === ',') {
    i = readAddress(script, i + 1);
    if (i < 0) return other;
  }
  const address = i > addressStart ? script.slice(addressStart, i) : undefined;
  i = skipBlanks(script, i, false);
  if (script[i] === '!') return { ...other, parsed: { address, command: 'other' } };
  const name = script[i];
  i++;
  if (name === 'a' || name === 'i' || name === 'c') {
    const { text, end } = readText(script, i);
    return { command: name, parsed: { address, command: name, text }, end };
  }
  if (name === 's') {
    const parsed = readSubstitution(script, i);
    if (!parsed) return { ...other, parsed: { address, command: 'other' } };
    return { command: 's', parsed: { address, command: 's', text: parsed.replacement, pattern: parsed.pattern, flags: parsed.flags }, end: parsed.end };
  }
  if (name === 'd') return { command: 'd', parsed: { address, command: 'd' }, end: i };
  if (name === 'r' || name === 'R' || name === 'w' || name === 'W') {
    // GNU sed manual, "Commands Requiring a newline": the file name is the rest of the line, `;`
    // included; `r` queues the whole file to be output at the end of the cycle (like `a` queues its
    // text), `R` one line of it per cycle, `w`/`W` write the pattern space to the file and change nothing.
    i = skipBlanks(script, i, false);
    const newline = script.indexOf('\n', i);
    const file = script.slice(i, newline < 0 ? script.length : newline);
    if (file === '') return { ...other, parsed: { address, command: 'other' } };
    return { command: name, parsed: { address, command: name, file }, end: newline < 0 ? script.length : newline + 1 };
  }
  return { ...other, parsed: { address, command: 'other' } };
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
export function readAddress(s: string, i: number): number {
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

export function readSubstitution(s: string, i: number): { pattern: string; replacement: string; flags: string; end: number } | undefined {
  const delimiter = s[i];
  if (!delimiter || delimiter === '\n' || delimiter === '\\') return undefined;
  const patternEnd = findDelimiter(s, i + 1, delimiter);
  if (patternEnd < 0) return undefined;
  // GNU sed: "The characters within the regexp which match the delimiter must be escaped"; `\/` in
  // `s/a\/b/…/` is a literal slash. Any other delimiter escaped the same way stands for itself.
  const pattern = s.slice(i + 1, patternEnd).split(`\\${delimiter}`).join(delimiter);
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
  const flagsStart = j;
  while (j < s.length && /[gpiImMe0-9]/.test(s[j])) j++;
  const flags = s.slice(flagsStart, j);
  if (s[j] === 'w') return { pattern, replacement, flags: `${flags}w`, end: s.length };
  return { pattern, replacement, flags, end: j };
}

/**
 * The text a sed regular expression matches when it is a plain string (`__CLOUD_IP__`, `{{NODE}}`,
 * `127\.0\.0\.1`); undefined when it uses any operator (brackets, stars, anchors, groups, GNU escapes),
 * so nothing is guessed and no regex built from a script's text is ever run. An unescaped `.` is taken
 * as itself: `s/127.0.0.1/…/` is written to replace that address.
 */
export function literalOfPattern(pattern: string, extended: boolean): string | undefined {
  const tokens = plainPatternTokens(pattern, extended);
  if (!tokens || tokens.length === 0) return undefined;
  return tokens.map((t) => (t === ANY_CHARACTER ? '.' : t)).join('');
}

/** What an unescaped `.` stands for in plainPatternTokens' result. */
const ANY_CHARACTER = Symbol('any character');

/**
 * A plain sed pattern as one token per character it matches: the character (escapes resolved), or
 * ANY_CHARACTER for an unescaped `.`; undefined when the pattern uses anything else (brackets, stars,
 * anchors, groups and intervals, GNU escapes such as `\w` or `\<`).
 */
function plainPatternTokens(pattern: string, extended: boolean): Array<string | typeof ANY_CHARACTER> | undefined {
  const tokens: Array<string | typeof ANY_CHARACTER> = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined || /[A-Za-z0-9]/.test(n) || (!extended && '(){}+?|'.includes(n)) || n === '<' || n === '>' || n === '`' || n === "'") return undefined;
      tokens.push(n);
      i++;
      continue;
    }
    if (c === '*' || c === '[' || c === ']' || c === '\n') return undefined;
    if (c === '^' && i === 0) return undefined;
    if (c === '$' && i === pattern.length - 1) return undefined;
    if (extended && '(){}+?|'.includes(c)) return undefined;
    tokens.push(c === '.' ? ANY_CHARACTER : c);
  }
  return tokens;
}

/** Past this pattern length a match is not decided (the search below is length × text). */
const MAX_DECIDED_PATTERN = 256;

/**
 * Does a sed regular expression match anywhere in `text`, decided without running a regex built from
 * the script: only for a plain pattern (literal characters, escaped metacharacters, and `.`, which
 * matches any character but a newline: sed matches within one line). Undefined when the pattern uses
 * anything else (brackets, `*`, anchors, groups, intervals, GNU escapes) or is too long to decide.
 */
export function plainPatternMatches(pattern: string, extended: boolean, text: string): boolean | undefined {
  const tokens = plainPatternTokens(pattern, extended);
  if (!tokens || tokens.length === 0 || tokens.length > MAX_DECIDED_PATTERN) return undefined;
  // Anchor the search on the first literal token, found with indexOf.
  const anchor = tokens.findIndex((t) => t !== ANY_CHARACTER);
  if (anchor < 0) return text.split('\n').some((line) => line.length >= tokens.length);
  const first = tokens[anchor] as string;
  for (let at = text.indexOf(first, anchor); at >= 0; at = text.indexOf(first, at + 1)) {
    const start = at - anchor;
    if (start + tokens.length > text.length) break;
    let ok = true;
    for (let k = 0; k < tokens.length && ok; k++) {
      const ch = text[start + k];
      ok = tokens[k] === ANY_CHARACTER ? ch !== '\n' : ch === tokens[k];
    }
    if (ok) return true;
  }
  return false;
}
