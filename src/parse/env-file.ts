/**
 * A file systemd reads with `EnvironmentFile=` (systemd.exec(5)), read as parse_env_file_internal()
 * reads it (src/basic/env-file.c, systemd v254+): `#` or `;` first on a line starts a comment; a key runs
 * to `=` (trailing blanks dropped); the value skips leading blanks, then is unquoted text (a backslash
 * escapes the next character, a backslash-newline continues the line, trailing blanks dropped), `'…'`
 * (literal) or `"…"` (a backslash escapes `"`, `\`, `` ` `` and `$`, and is kept before anything else);
 * after a closing quote another piece may follow (`"a b"'c'` is `a bc`), while a quote inside unquoted
 * text is a character of it. Lines end at `\n` or `\r`. exec_context_load_environment() drops assignments
 * whose key is no valid name (`export FOO=…`: the key is `export FOO`).
 */
import { located, span, type Located, type SourceFile } from '../core/source.js';

/** env_name_is_valid() (basic/env-util.c): the characters bash accepts, not starting with a digit. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** shell_need_escape in systemd's string-util.h: what a backslash in double quotes unescapes. */
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '`', '$']);

export interface EnvFileValues {
  /** Each valid name's last value; the span covers the value as written (quotes included). */
  values: Map<string, Located<string>>;
  /** Names written as `export NAME=…`: systemd drops the line, a shell sourcing the file sets NAME; which one reads it is not known here. */
  exported: Set<string>;
}

export function parseEnvironmentFile(file: SourceFile): EnvFileValues {
  const text = file.text;
  const values = new Map<string, Located<string>>();
  const exported = new Set<string>();
  let i = 0;
  const n = text.length;
  const blank = (c: string) => c === ' ' || c === '\t';
  const eol = (c: string) => c === '\n' || c === '\r';
  while (i < n) {
    while (i < n && (blank(text[i]) || eol(text[i]))) i++;
    if (i >= n) break;
    if (text[i] === '#' || text[i] === ';') {
      // A comment ends at a newline a backslash does not escape (COMMENT_ESCAPE, v254).
      while (i < n && !eol(text[i])) i += text[i] === '\\' ? 2 : 1;
      continue;
    }
    const keyStart = i;
    while (i < n && text[i] !== '=' && !eol(text[i])) i++;
    if (i >= n || eol(text[i])) continue; // a key without `=`: pushed with no value, ignored
    // Trailing blanks dropped by a loop: replace(/[ \t]+$/) tries every start in a run of blanks, quadratic.
    let keyEnd = i;
    while (keyEnd > keyStart && blank(text[keyEnd - 1])) keyEnd--;
    const key = text.slice(keyStart, keyEnd);
    i++;
    let value = '';
    let start = -1;
    let end = i;
    let trailing = -1; // the value length before trailing blanks of an unquoted piece
    for (;;) {
      while (i < n && blank(text[i])) i++;
      if (i >= n || eol(text[i])) break;
      if (start === -1) start = i;
      const quote = text[i];
      if (quote === "'" || quote === '"') {
        i++;
        while (i < n && text[i] !== quote) {
          if (quote === '"' && text[i] === '\\' && i + 1 < n) {
            const next = text[i + 1];
            if (DOUBLE_QUOTE_ESCAPES.has(next)) value += next;
            else if (!eol(next)) value += `\\${next}`;
            i += 2;
            continue;
          }
          value += text[i++];
        }
        i = Math.min(i + 1, n);
        end = i;
        trailing = -1;
        continue;
      }
      while (i < n && !eol(text[i])) {
        if (text[i] === '\\' && i + 1 < n) {
          if (!eol(text[i + 1])) value += text[i + 1];
          i += 2;
          trailing = -1;
          end = i;
          continue;
        }
        if (blank(text[i])) {
          if (trailing === -1) trailing = value.length;
        } else {
          trailing = -1;
          end = i + 1;
        }
        value += text[i++];
      }
      if (trailing !== -1) value = value.slice(0, trailing);
      break;
    }
    const name = key.startsWith('export') && /^export[ \t]+/.test(key) ? key.replace(/^export[ \t]+/, '') : undefined;
    if (name !== undefined && ENV_NAME.test(name)) {
      exported.add(name);
      continue;
    }
    if (!ENV_NAME.test(key)) continue;
    const from = start === -1 ? end : start;
    values.set(key, located(value, span(file, from, Math.max(from, end))));
  }
  return { values, exported };
}
