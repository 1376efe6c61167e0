/**
 * `sed -i` edits of a YAML file that change values in place and nothing else: filling a placeholder
 * the file holds inside a value (`s|__CLOUD_IP__|${CLOUD_IP}|g`), or rewriting one `KEY: value` line
 * (`s/KEY: .*\/KEY: VALUE/`). Neither can move a line to another mapping, which is what makes line edits
 * of YAML dangerous (rule `script/yaml-line-edit`).
 */
import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument } from 'yaml';
import { lastIndex } from '../core/arrays.js';
import { affordableYaml } from '../parse/yaml-budget.js';
import type { YamlLineEdit } from './read-script.js';
import { literalOfPattern, readSubstitutions } from './sed-script.js';

/**
 * Is this `sed -i` the placeholder idiom on a file whose text before it is `yamlText`: nothing but
 * substitutions of plain strings (`s|__CLOUD_IP__|${CLOUD_IP}|g`), each found in the text and only
 * inside values (after `key: ` or a `- ` list dash on its line)? Filling a value in place cannot move
 * a line to another mapping, which is what makes line edits of YAML dangerous.
 */
export function fillsPlaceholders(yamlText: string, edit: YamlLineEdit): boolean {
  const script = edit.sed?.script.value;
  if (script === undefined) return false;
  const { found, onlySubstitutions } = readSubstitutions(script);
  if (!onlySubstitutions) return false;
  for (const { address, pattern } of found) {
    const literal = address === undefined ? literalOfPattern(pattern, edit.sed?.extended === true) : undefined;
    if (literal === undefined) return false;
    let seen = false;
    // The occurrence before this one, on a line still being read: one whose line start was in a value.
    let previous = -1;
    for (let at = yamlText.indexOf(literal); at !== -1; at = yamlText.indexOf(literal, at + literal.length)) {
      const between = previous === -1 ? undefined : yamlText.slice(previous, at);
      // Later on the same line, still in the value unless a comment began between them: each line's
      // prefix is read once (hostile13: one 400 KB line of occurrences read each prefix again).
      if (between !== undefined && !between.includes('\n')) {
        if (between.includes('#')) return false;
      } else if (!inValue(yamlText.slice(yamlText.lastIndexOf('\n', at - 1) + 1, at))) return false;
      previous = at;
      seen = true;
    }
    if (!seen) return false;
  }
  return true;
}

/**
 * Is `prefix`, a line's text before a position, inside a value: `key: …`, `- …`, `- key: …` (no
 * comment before it)? What `/^[ \t]*(?:-[ \t]+)*(?:[^\s#:'"][^#]*?:[ \t]|"[^"]*":[ \t]|'[^']*':[ \t]|-[ \t])[^#]*$/`
 * says, in one pass: the RegExp backtracks quadratically on `a: : : …#` or `- - - …#` (hostile13: a
 * 400 KB line, minutes).
 */
export function inValue(prefix: string): boolean {
  const blank = (i: number) => prefix[i] === ' ' || prefix[i] === '\t';
  const lastHash = prefix.lastIndexOf('#');
  // The last `:` followed by a blank: a key may end at any such colon after its first character.
  let lastColon = -1;
  for (let i = prefix.length - 2; i >= 0; i--) {
    if (prefix[i] === ':' && blank(i + 1)) {
      lastColon = i;
      break;
    }
  }
  let p = 0;
  while (blank(p)) p++;
  for (;;) {
    const c = prefix[p];
    if (c === undefined) return false;
    if (c === '"' || c === "'") {
      const close = prefix.indexOf(c, p + 1);
      return close !== -1 && prefix[close + 1] === ':' && blank(close + 2) && lastHash < close + 3;
    }
    // `KEY: …` from here (the key's first character is no blank, `#` or `:`), or `- …`.
    if (!/[\s#:]/.test(c) && lastHash < p && lastColon >= p + 1) return true;
    if (c === '-' && blank(p + 1) && lastHash < p + 2) return true;
    if (c !== '-' || !blank(p + 1)) return false;
    // A list marker: the rest may start after it.
    p++;
    while (blank(p)) p++;
  }
}

/**
 * One `s/KEY: .*\/KEY: VALUE/` command: a whole-line value replacement anchored on a key that writes
 * the key and its indentation back, so only the text after `KEY:` on that line changes.
 */
export interface KeyValueEdit {
  key: string;
  /** The pattern starts with `^`: no occurrence of `KEY:` later in a line matches it. */
  anchored: boolean;
  /** Literal spaces the anchored pattern requires before KEY; undefined for any indentation. */
  indent?: string;
  /** The text written after `KEY:` (sed escapes processed, each shell expansion read as a plain word `x`). */
  after: string;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Blank runs a pattern may match before KEY (any indentation) or after its colon. */
const FLEX_BLANKS = ['\\s*', '[[:space:]]*', '[[:blank:]]*', ' *', '[ ]*', '[ \\t]*'];
const GROUP_OPEN = '\u0001';
const GROUP_CLOSE = '\u0002';
/**
 * `[^](INDENT)?KEY:SEP(REST)` with at most one group, spelled with GROUP_OPEN/GROUP_CLOSE. Made on
 * first use: this module's top level runs at every start, sed or not (issue #13).
 */
let keyValueShape: RegExp | undefined;
function keyValueShapeRe(): RegExp {
  return (keyValueShape ??= new RegExp(
    `^(${GROUP_OPEN}?)( *|${FLEX_BLANKS.map(escapeRe).join('|')})(${GROUP_CLOSE}?)([A-Za-z_][A-Za-z0-9_-]*):( ?|${FLEX_BLANKS.map(escapeRe).join('|')})(${GROUP_CLOSE}?)(\\.\\*\\$?)$`,
  ));
}

/**
 * The key-value replacements of a `sed -i` script made of nothing else (several `-e` or `;`-joined
 * are fine): each pattern is `[^][INDENT]KEY:[SEP].*` and its replacement writes back what the
 * pattern took before the value: INDENT as the same literal spaces, or a group `\(INDENT\)` /
 * `\(INDENT KEY:SEP\)` as `\1`. Undefined for anything else: the shape is read from the pattern's
 * text, and no regular expression taken from a script is ever run.
 */
export function keyValueEdits(edit: YamlLineEdit): KeyValueEdit[] | undefined {
  const script = edit.sed?.script.value;
  if (script === undefined) return undefined;
  const extended = edit.sed?.extended === true;
  const { found, onlySubstitutions } = readSubstitutions(script);
  if (!onlySubstitutions) return undefined;
  const out: KeyValueEdit[] = [];
  for (const { pattern, replacement, flags } of found) {
    // `I` would match other spellings, `m`/`M` lines inside the pattern space, `e` runs the result.
    if (replacement === undefined || /[IiMme]/.test(flags ?? '')) return undefined;
    const one = keyValueEdit(pattern, replacement, extended);
    if (!one) return undefined;
    out.push(one);
  }
  return out;
}

function keyValueEdit(pattern: string, replacement: string, extended: boolean): KeyValueEdit | undefined {
  const anchored = pattern.startsWith('^');
  const body = anchored ? pattern.slice(1) : pattern;
  const spelled = extended ? body.replace(/\\[()]/g, '\u0000').replace(/\(/g, GROUP_OPEN).replace(/\)/g, GROUP_CLOSE) : body.replace(/\\\(/g, GROUP_OPEN).replace(/\\\)/g, GROUP_CLOSE);
  const m = keyValueShapeRe().exec(spelled);
  if (!m) return undefined;
  const [, open, indent, closeAfterIndent, key, sep, closeAfterKey] = m;
  const literalIndent = /^ *$/.test(indent);
  let after: string;
  if (open) {
    if (closeAfterIndent && !closeAfterKey) {
      if (!replacement.startsWith(`\\1${key}:`)) return undefined;
      after = replacement.slice(key.length + 3);
    } else if (closeAfterKey && !closeAfterIndent) {
      if (!replacement.startsWith('\\1')) return undefined;
      // The group holds what SEP matched: nothing for an empty SEP, else the blank(s) after the colon.
      after = (sep === '' ? '' : ' ') + replacement.slice(2);
    } else return undefined;
  } else {
    if (closeAfterIndent || closeAfterKey) return undefined;
    // Indentation matched by `\s*` and not captured is gone from the line: the key moves.
    if (!literalIndent) return undefined;
    if (!replacement.startsWith(`${indent}${key}:`)) return undefined;
    after = replacement.slice(indent.length + key.length + 1);
  }
  const value = replacementText(after);
  if (value === undefined) return undefined;
  return { key, anchored, ...(anchored && literalIndent && !open ? { indent } : {}), after: value };
}

/**
 * A sed replacement as the text it writes (GNU sed manual, "The s Command"): `\X` is X; `&`, `\0`-`\9`
 * (the match or a group) and `\n` (a newline) make it more than one value on one line: undefined.
 * Shell expansions kept as source text (`${IP}`, `$(hostname)`) stand for one plain word.
 */
function replacementText(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '&') return undefined;
    if (c === '\\') {
      const n = text[i + 1];
      if (n === undefined || /[0-9nrLlUuEe]/.test(n)) return undefined;
      out += n;
      i++;
      continue;
    }
    out += c;
  }
  return out.replace(/\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|\$[0-9@*#?$!-]/g, 'x');
}

/** `KEY:AFTER` on its own is one key holding a value written on its line (a scalar or flow collection). */
export function oneLineValue(key: string, after: string): boolean {
  if (/^\s*[|>]/.test(after)) return false;
  const doc = parseDocument(`${key}:${after}\n`, { uniqueKeys: false, logLevel: 'error' });
  if (doc.errors.length > 0 || !isMap(doc.contents) || doc.contents.items.length !== 1) return false;
  const pair = doc.contents.items[0];
  return isScalar(pair.key) && String(pair.key.value) === key;
}

/**
 * Does the key-value replacement on `yamlText` (the file before the edit) change one value and
 * nothing else? The pattern must match exactly one line, at a key (only blanks before it), and the
 * text with that line rewritten must still parse: a key that opens a block (`edged:`), a value
 * spanning lines, or a new value that is not one (`a: b`, `[x`) fails.
 */
export function replacesOneValue(yamlText: string, edit: KeyValueEdit): boolean {
  if (!oneLineValue(edit.key, edit.after)) return false;
  const lines = yamlText.split('\n');
  const needle = `${edit.key}:`;
  let hit: { line: number; prefix: string } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    for (let at = line.indexOf(needle); at !== -1; at = line.indexOf(needle, at + 1)) {
      const prefix = line.slice(0, at);
      const matches = !edit.anchored || (edit.indent !== undefined ? prefix === edit.indent : /^[ \t]*$/.test(prefix));
      if (!matches) continue;
      // A match anywhere but at a key (in a value, a comment, the tail of a longer key) is an edit sed also makes.
      if (hit || !/^[ \t]*$/.test(prefix) || !/^(\s|$)/.test(line.slice(at + needle.length))) return false;
      hit = { line: i, prefix };
    }
  }
  if (!hit) return false;
  return oneValueLine(yamlText, hit.line, edit.key);
}

/** The texts oneValueLine last read, with the lines it found: a script or play edits one file many times. */
const oneValueCache: Array<{ text: string; lines: Map<number, string> | undefined }> = [];

/**
 * Is line `line` (0-based, lines split at `\n`) of a YAML text that parses a `KEY: VALUE` pair of a
 * block mapping, its key at the line's start (after blanks) and its value a scalar that ends on the
 * line (plain or quoted, or empty; no anchor an alias may name)? Then rewriting the line to the same
 * key with another one-line value (oneLineValue) leaves a text that parses, as the whole edited text
 * parsed again would say; parsing it once per edit was quadratic (hostile13: 50 lineinfile tasks on
 * a 1 MB placed template took 48 s). The text is parsed once, whatever the number of edits.
 */
export function oneValueLine(text: string, line: number, key: string): boolean {
  let entry = oneValueCache.find((e) => e.text === text);
  if (!entry) {
    entry = { text, lines: oneValueLines(text) };
    oneValueCache.unshift(entry);
    if (oneValueCache.length > 4) oneValueCache.pop();
  }
  return entry.lines?.get(line) === key;
}

function oneValueLines(text: string): Map<number, string> | undefined {
  // Over the parser's budget nothing is known of its lines (parsesAsYaml).
  if (!affordableYaml(text)) return undefined;
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'error' });
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const lineOf = (offset: number): number => lastIndex(starts.length, (k) => starts[k] <= offset);
  const out = new Map<number, string>();
  const stack: unknown[] = docs.map((d) => d.contents);
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
      continue;
    }
    if (!isMap(node)) continue;
    for (const pair of node.items) {
      stack.push(pair.value);
      const k = pair.key;
      const v = pair.value;
      if (node.flow || !isScalar(k) || !k.range || k.anchor) continue;
      const line = lineOf(k.range[0]);
      if (!/^[ \t]*$/.test(text.slice(starts[line], k.range[0]))) continue;
      const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
      const scalarValue = v === null || (isScalar(v) && !v.anchor && (v.type === 'PLAIN' || v.type === 'QUOTE_DOUBLE' || v.type === 'QUOTE_SINGLE') && (v.range ? v.range[1] : Infinity) <= end);
      if (scalarValue && (v === null || (isScalar(v) && v.range != null && v.range[0] >= k.range[1]))) out.set(line, String(k.value));
    }
  }
  return out;
}
