/**
 * Where a line that `sed -i '/PATTERN/a\…'` inserts into a YAML file lands: which mapping the new
 * key belongs to. Indentation decides that in YAML, and a line inserted at the wrong indentation
 * silently becomes a key of a different mapping, which the consumer then ignores (rule
 * `script/yaml-line-edit`).
 */
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { YamlLineEdit } from './read-script.js';
import { matchingLines } from './sed-address.js';
import { RegexBudget } from './regex-budget.js';
import { affordableYaml } from '../parse/yaml-budget.js';
import { memoizedRecent } from '../core/memoized.js';

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
export function insertedKeyPaths(yamlText: string, edit: YamlLineEdit, budgets?: InsertionBudgets): InsertedKey[] {
  const sed = edit.sed;
  // The same insert into the same text lands where it landed before: an installer repeats its edits
  // (per node, per retry), and each repeat parsed its copy again until the run's budget ran out, after
  // which the same insert was "unknown" (hostile15: 500 identical inserts into a 150 KB heredoc, 37
  // placed, 463 unknown).
  const key = sed ? `${sed.command}\0${sed.address}\0${sed.extended === true}\0${sed.lastMatch}\0${sed.text}` : undefined;
  const byEdit = budgets && key !== undefined ? budgets.placed.get(yamlText) : undefined;
  const known = key !== undefined ? byEdit?.get(key) : undefined;
  if (known) return known;
  const results: InsertedKey[] = [];
  for (const { edited, keyOffset } of insertions(yamlText, edit, budgets)) {
    const found = keyPathAt(edited, keyOffset);
    if (found) results.push(found);
  }
  // An insert past the budget is not remembered as landing nowhere: its answer was not worked out.
  if (budgets && key !== undefined && !budgets.parsed.spent && !budgets.searched.spent) {
    if (byEdit) byEdit.set(key, results);
    else budgets.placed.set(yamlText, new Map([[key, results]]));
  }
  return results;
}

/**
 * The text an `a`/`i`/`c` edit leaves, once per line its address matches (each on its own), with the
 * offset of the inserted key in it.
 */
export function insertions(yamlText: string, edit: YamlLineEdit, budgets?: InsertionBudgets): Array<{ edited: string; keyOffset: number }> {
  const sed = edit.sed;
  if (!sed || (sed.command !== 'a' && sed.command !== 'i' && sed.command !== 'c') || sed.text === undefined) return [];
  const inserted = sed.text.split('\n');
  const newKey = keyOfLine(inserted[0]);
  if (!newKey) return [];
  const lines = splitCached(yamlText);
  const out: Array<{ edited: string; keyOffset: number }> = [];
  const all = matchingLines(lines, sed.address, sed.extended === true, budgets?.searched);
  // lineinfile and blockinfile edit one match only (ansible-core lineinfile.py: the last, or the first with firstmatch).
  const matched = sed.lastMatch === undefined || all.length === 0 ? all : [sed.lastMatch === 'first' ? all[0] : all[all.length - 1]];
  // Each match is a whole edited copy of the file, which the callers parse: an address matching every
  // line of a 20,000-line heredoc was 20,000 copies and parses of it (over two minutes, 3.8 GB).
  const copied = matched.length * (yamlText.length + sed.text.length);
  if (copied > MAX_EDITED_CHARS || (budgets !== undefined && !budgets.parsed.charge(0, copied))) return out;
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
 * Characters of edited copies one rule run parses, over all its edits (insertionBudget): each
 * insert's copy is a whole parse, about a second per MB, so 100 `sed -i '/^kN:/a …'` inserts into one
 * 0.7 MB heredoc took 45 s and 1,000 over five minutes (hostile14). Real installers insert a few
 * dozen lines into an edgecore.yaml of some 10 KB; past the budget, where an insert lands is unknown,
 * as it is past MAX_EDITED_CHARS.
 */
const MAX_INSERTION_PARSE = 4 * 1024 * 1024;

/**
 * What one rule run's inserts may spend, over all of them: `searched`, matching their addresses
 * against the lines of the texts they edit (shared with the run's other searches of edited texts:
 * 1,000 inserts into one 0.7 MB heredoc matched and split 700 MB, 9 s, hostile14), and `parsed`,
 * parsing the edited copies (MAX_INSERTION_PARSE).
 */
export interface InsertionBudgets {
  searched: RegexBudget;
  parsed: RegexBudget;
  /** Where the run's inserts landed, by the text they edit and the insert (insertedKeyPaths). */
  placed: Map<string, Map<string, InsertedKey[]>>;
}

export function insertionBudgets(searched: RegexBudget): InsertionBudgets {
  return { searched, parsed: new RegexBudget(MAX_INSERTION_PARSE), placed: new Map() };
}

/** A text's lines, for the texts `insertions` last split: a script inserts into one file many times. */
const splitCached = memoizedRecent(4, (text: string) => text.split('\n'));

/** The key whose key node starts at `offset` in `text`, with the path of its parent mapping. */
function keyPathAt(text: string, offset: number): InsertedKey | undefined {
  if (!affordableYaml(text)) return undefined;
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
