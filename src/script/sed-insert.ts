/**
 * Where a line that `sed -i '/PATTERN/a\…'` inserts into a YAML file lands: which mapping the new
 * key belongs to. Indentation decides that in YAML, and a line inserted at the wrong indentation
 * silently becomes a key of a different mapping, which the consumer then ignores (rule
 * `script/yaml-line-edit`).
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument } from 'yaml';
import type { YamlLineEdit } from './read-script.js';
import { getOwn } from '../core/records.js';
import { literalOfPattern, readSubstitutions } from './sed-script.js';
import { backtrackingDegree, RegexBudget } from './regex-budget.js';

export interface InsertedKey {
  /** Keys from the document root to the mapping that holds the new key (`['modules', 'edged']`). */
  path: string[];
  key: string;
}

export interface InsertedKeyOptions {
  /**
   * Without the target text: the full key path of keys a pattern may name, e.g. for edgecore
   * `{ edged: ['modules', 'edged'], eventBus: ['modules', 'eventBus'] }`.
   */
  knownKeyPaths?: Readonly<Record<string, readonly string[]>>;
  /** Without the target text: spaces per nesting level the target file uses (default 2). */
  indent?: number;
}

/**
 * The key the edit's `a`/`i`/`c` text adds and the path of the mapping it lands in.
 *
 * With `yamlText` (the target file as it is before the edit): the edit is applied the way GNU sed
 * applies it to the first line its address matches, the result is parsed with the `yaml` package, and
 * the path of the new key is read from the document; undefined when no line matches, the address is
 * not a single regex or line number, the inserted line is not a `key: …` line, or the edited file is
 * no longer valid YAML (the consumer would refuse it).
 *
 * Without `yamlText`: the address must be a regex naming one key (`/edged:/`, `/^  edged:/`) listed in
 * `options.knownKeyPaths`; the matched line is taken to sit at that key's depth (`indent` spaces per
 * level unless the pattern spells out its leading spaces), and the new key's parent follows from its
 * indentation relative to it. A key inserted deeper than a line whose pattern shows a value
 * (`/mqttMode: 0/`), or deeper than the line it is inserted before, has no knowable parent: undefined.
 */
export function insertedKeyPath(yamlText: string | undefined, edit: YamlLineEdit, options: InsertedKeyOptions = {}): InsertedKey | undefined {
  if (yamlText !== undefined) return insertedKeyPaths(yamlText, edit)[0];
  return inferFromPattern(edit, options);
}

/** With the target text: one result per line the address matches (sed edits every matching line). */
export function insertedKeyPaths(yamlText: string, edit: YamlLineEdit): InsertedKey[] {
  const results: InsertedKey[] = [];
  for (const { edited, keyOffset } of insertions(yamlText, edit)) {
    const found = keyPathAt(edited, keyOffset);
    if (found) results.push(found);
  }
  return results;
}

/**
 * The text an `a`/`i`/`c` edit leaves, once per line its address matches (each on its own), with the
 * offset of the inserted key in it.
 */
export function insertions(yamlText: string, edit: YamlLineEdit): Array<{ edited: string; keyOffset: number }> {
  const sed = edit.sed;
  if (!sed || (sed.command !== 'a' && sed.command !== 'i' && sed.command !== 'c') || sed.text === undefined) return [];
  const inserted = sed.text.split('\n');
  const newKey = keyOfLine(inserted[0]);
  if (!newKey) return [];
  const lines = yamlText.split('\n');
  const out: Array<{ edited: string; keyOffset: number }> = [];
  const all = matchingLines(lines, sed.address, sed.extended === true);
  // lineinfile and blockinfile edit one match only (ansible-core lineinfile.py: the last, or the first with firstmatch).
  const matched = sed.lastMatch === undefined || all.length === 0 ? all : [sed.lastMatch === 'first' ? all[0] : all[all.length - 1]];
  // Each match is a whole edited copy of the file, which the callers parse: an address matching every
  // line of a 20,000-line heredoc was 20,000 copies and parses of it (over two minutes, 3.8 GB).
  if (matched.length * (yamlText.length + sed.text.length) > MAX_EDITED_CHARS) return out;
  for (const index of matched) {
    const before = sed.command === 'a' ? lines.slice(0, index + 1) : lines.slice(0, index);
    const after = sed.command === 'i' ? lines.slice(index) : lines.slice(index + 1);
    out.push({ edited: [...before, ...inserted, ...after].join('\n'), keyOffset: before.reduce((n, line) => n + line.length + 1, 0) + newKey.indent });
  }
  return out;
}

function keyOfLine(line: string | undefined): { key: string; indent: number } | undefined {
  if (line === undefined) return undefined;
  const m = /^( *)([^\s#'"][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)/.exec(line);
  if (!m) return undefined;
  let key = m[2];
  if ((key.startsWith('"') && key.endsWith('"')) || (key.startsWith("'") && key.endsWith("'"))) key = key.slice(1, -1);
  return { key, indent: m[1].length };
}

/** Characters of edited copies `insertions` makes in all: a few parses of a large config. */
const MAX_EDITED_CHARS = 4 * 1024 * 1024;

/**
 * Lines (0-based) a single sed address selects; ranges and step addresses are not followed. A regex
 * whose run on these lines is not bounded (regex-budget.ts) selects none: where it lands is unknown.
 */
function matchingLines(lines: string[], address: string | undefined, extended: boolean): number[] {
  if (address === undefined) return [];
  // A file ending in a newline has no line after it for sed.
  const count = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  if (/^\d+$/.test(address)) {
    const n = Number(address);
    return n >= 1 && n <= count ? [n - 1] : [];
  }
  if (address === '$') return count > 0 ? [count - 1] : [];
  const regex = addressRegex(address, extended);
  const degree = regex && backtrackingDegree(regex);
  if (!regex || degree === undefined) return [];
  const budget = new RegexBudget();
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (!budget.charge(degree, line.length)) return [];
    if (regex.test(line)) out.push(i);
  }
  return out;
}

/** `/RE/`, `/RE/I`, `\cREc` as a JavaScript RegExp; undefined for anything else. */
export function addressRegex(address: string, extended: boolean): RegExp | undefined {
  let delimiter = '/';
  let body: string;
  if (address.startsWith('/')) body = address.slice(1);
  else if (address.startsWith('\\') && address.length > 2) {
    delimiter = address[1];
    body = address.slice(2);
  } else return undefined;
  const close = body.lastIndexOf(delimiter);
  if (close < 0) return undefined;
  const flags = body.slice(close + 1);
  if (!/^[IM]*$/.test(flags)) return undefined;
  body = body.slice(0, close);
  const source = translateRegex(body, delimiter, extended);
  if (source === undefined) return undefined;
  try {
    return new RegExp(source, flags.includes('I') ? 'i' : '');
  } catch {
    return undefined;
  }
}

const CLASSES: Record<string, string> = {
  space: '\\s',
  blank: ' \\t',
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
};

/**
 * POSIX BRE/ERE (with the GNU extensions sed documents: `\+`, `\?`, `\|`, `\s`, `\w`, `\<`, `\>`) to
 * JavaScript syntax. In a BRE `( ) { } + ? |` are literal and their backslashed forms are operators.
 */
function translateRegex(re: string, delimiter: string, extended: boolean): string | undefined {
  let out = '';
  let atStart = true;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '[') {
      const end = bracketEnd(re, i);
      if (end < 0) return undefined;
      out += translateBracket(re.slice(i + 1, end));
      i = end;
      atStart = false;
      continue;
    }
    if (c === '\\') {
      const n = re[i + 1];
      if (n === undefined) return undefined;
      i++;
      if (n === delimiter) out += escapeLiteral(n);
      else if (!extended && '(){}+?|'.includes(n)) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else if ('nt'.includes(n)) out += `\\${n}`;
      else if ('sSwWbB'.includes(n)) out += `\\${n}`;
      else if (/[1-9]/.test(n)) out += `\\${n}`;
      else out += escapeLiteral(n);
      atStart = !extended && n === '(';
      continue;
    }
    if (!extended && '(){}+?|'.includes(c)) out += `\\${c}`;
    else if (c === '*' && atStart) out += '\\*';
    else out += c;
    atStart = c === '^' || (extended && (c === '(' || c === '|'));
  }
  return out;
}

function bracketEnd(re: string, open: number): number {
  let i = open + 1;
  if (re[i] === '^') i++;
  if (re[i] === ']') i++;
  for (; i < re.length; i++) {
    if (re[i] === '[' && (re[i + 1] === ':' || re[i + 1] === '.' || re[i + 1] === '=')) {
      const close = re.indexOf(`${re[i + 1]}]`, i + 2);
      if (close < 0) return -1;
      i = close + 1;
      continue;
    }
    if (re[i] === ']') return i;
  }
  return -1;
}

function translateBracket(inner: string): string {
  let out = '[';
  let i = 0;
  if (inner[0] === '^') {
    out += '^';
    i = 1;
  }
  for (; i < inner.length; i++) {
    const c = inner[i];
    if (c === '[' && inner[i + 1] === ':') {
      const close = inner.indexOf(':]', i + 2);
      const name = inner.slice(i + 2, close);
      out += getOwn(CLASSES, name) ?? '';
      i = close + 1;
      continue;
    }
    // A backslash is an ordinary character inside a POSIX bracket expression; `]` and `[` need escaping in JS.
    out += c === '\\' || c === ']' || c === '[' ? `\\${c}` : c;
  }
  return `${out}]`;
}

function escapeLiteral(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** The key whose key node starts at `offset` in `text`, with the path of its parent mapping. */
function keyPathAt(text: string, offset: number): InsertedKey | undefined {
  const doc = parseDocument(text, { uniqueKeys: false, keepSourceTokens: false, logLevel: 'error' });
  if (doc.errors.length > 0) return undefined;
  const visit = (node: unknown, path: string[]): InsertedKey | undefined => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        const keyText = isScalar(key) ? String(key.value) : undefined;
        if (isScalar(key) && key.range && key.range[0] === offset && keyText !== undefined) return { path, key: keyText };
        const inner = visit(pair.value, keyText === undefined ? path : [...path, keyText]);
        if (inner) return inner;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const inner = visit(node.items[i], [...path, String(i)]);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return visit(doc.contents, []);
}

function inferFromPattern(edit: YamlLineEdit, options: InsertedKeyOptions): InsertedKey | undefined {
  const sed = edit.sed;
  if (!sed || (sed.command !== 'a' && sed.command !== 'i' && sed.command !== 'c') || sed.text === undefined) return undefined;
  const inserted = keyOfLine(sed.text.split('\n')[0]);
  if (!inserted || !sed.address) return undefined;
  const pattern = patternKey(sed.address);
  if (!pattern) return undefined;
  const matchedPath = options.knownKeyPaths?.[pattern.key];
  if (!matchedPath || matchedPath.length === 0 || matchedPath[matchedPath.length - 1] !== pattern.key) return undefined;
  const width = options.indent ?? 2;
  const depth = matchedPath.length - 1;
  const matchedIndent = pattern.indent ?? depth * width;
  const n = inserted.indent;
  if (n > matchedIndent) {
    // Deeper than the matched line: a child of it, if it opens a block and the new line follows it.
    if (sed.command !== 'a' || pattern.hasValue) return undefined;
    return { path: [...matchedPath], key: inserted.key };
  }
  if (sed.command === 'a' && !pattern.hasValue) {
    // Right after a key that opens a block, a line at its own depth or shallower cuts the block off
    // from its children: the file stops being the intended YAML.
    return undefined;
  }
  if (n % width !== 0 || pattern.indent !== undefined) {
    if (pattern.indent === undefined || n !== matchedIndent) return undefined;
    return { path: matchedPath.slice(0, depth), key: inserted.key };
  }
  const level = n / width;
  if (level > depth) return undefined;
  return { path: matchedPath.slice(0, level), key: inserted.key };
}

/** The key a `/…key:…/` pattern names, its leading spaces when anchored, and whether a value follows the colon. */
function patternKey(address: string): { key: string; indent?: number; hasValue: boolean } | undefined {
  if (!address.startsWith('/')) return undefined;
  const close = address.lastIndexOf('/');
  if (close <= 0) return undefined;
  let body = address.slice(1, close);
  let indent: number | undefined;
  if (body.startsWith('^')) {
    body = body.slice(1);
    const spaces = /^ */.exec(body)![0].length;
    body = body.slice(spaces);
    const flexible = /^(\[\[:space:\]\]\*|\[\[:blank:\]\]\*|\\s\*| \*)/.exec(body);
    if (flexible) body = body.slice(flexible[0].length);
    else indent = spaces;
  } else {
    const flexible = /^(\[\[:space:\]\]\*|\[\[:blank:\]\]\*|\\s\*| *)/.exec(body);
    if (flexible) body = body.slice(flexible[0].length);
  }
  const m = /^([A-Za-z_][A-Za-z0-9_.-]*):(.*)$/.exec(body);
  if (!m) return undefined;
  const rest = m[2].replace(/^(\[\[:space:\]\]\*|\\s\*| *)/, '');
  const hasValue = rest !== '' && rest !== '$';
  return { key: m[1], indent, hasValue };
}

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
 * Does `text` parse as YAML (every document of the stream, no errors)? A file of no kind edgelint
 * lints is still YAML to the tool that reads it; only then can a line edit be judged on its text.
 * With `uniqueKeys`, a mapping that holds a key twice is an error too.
 */
export function parsesAsYaml(text: string, options: { uniqueKeys?: boolean } = {}): boolean {
  try {
    const docs = parseAllDocuments(text, { uniqueKeys: options.uniqueKeys === true, logLevel: 'error' });
    return Array.isArray(docs) && docs.every((d) => d.errors.length === 0);
  } catch {
    return false;
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
  let docs;
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'error' });
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
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
