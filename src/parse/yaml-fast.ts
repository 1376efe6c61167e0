/**
 * A shortcut past yaml's lexer and CST parser for the documents a Helm stream is made of (issue 13,
 * big streams): block mappings and sequences of plain keys, plain and simply quoted values, and
 * literal block scalars, one node per line, with no comment or blank line inside the content. Such a
 * document is built here directly as the nodes yaml's Composer would build (YAMLMap, YAMLSeq, Pair,
 * Scalar, with the same ranges, values, types and sources), in one pass over its lines.
 *
 * Anything else — a comment or blank line inside the content, a flow collection, an anchor, alias or
 * tag, a quoted scalar with an escape or over several lines, a folded or kept block scalar, a plain
 * scalar over several lines, a tab, a CR, a key that is not a simple name, an indentation the
 * structure does not expect, a nesting deeper than MAX_DEPTH — makes `fastDocument` return undefined,
 * and the caller reads the document with yaml as before. So the shortcut never decides anything yaml
 * would read differently: it only accepts what it can read exactly. test/parse/yaml-fast.test.ts
 * compares it with yaml node for node on every YAML file of the repository and on generated documents.
 *
 * Plain scalars are resolved by the same tag tests, in the same order, as yaml's composer
 * (compose-scalar.js `findScalarTagByTest`, YAML 1.1 schema): `yes`, `on`, `0755` read as yaml reads them.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, isScalar } from 'yaml';
import type { Schema } from 'yaml';

/**
 * Documents read here in which no mapping repeats a key (keys compared as findDuplicateKeys compares
 * them, by scalarString): the harvest skips its duplicate-key walk for them.
 */
const NO_REPEATED_KEYS = new WeakSet<object>();

/** Whether `doc` was read here and none of its mappings repeats a key: findDuplicateKeys finds nothing in it. */
export function hasNoRepeatedKeys(doc: object): boolean {
  return NO_REPEATED_KEYS.has(doc);
}

/** Past this many pairs a mapping's keys are compared through a Set (findDuplicateKeys does the same). */
const KEY_SCAN_MAX = 16;

/** Nesting past this is left to yaml (and its own limits). */
const MAX_DEPTH = 64;

/** The options yamlDocuments composes with (parse/yaml.ts). */
export const FAST_DOCUMENT_OPTIONS = { version: '1.1', uniqueKeys: false, prettyErrors: false, strict: false, logLevel: 'error' } as const;

/** A document's text cannot be read here: any of these characters anywhere in it (tab, CR, C0/C1 controls, NEL, line separators, BOM). */
const UNREADABLE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/**
 * yaml's constructors define each node's type with `Object.defineProperty` (NodeBase, Pair) and each
 * collection's schema the same way (Collection): a runtime call per node, ~8% of a 10,000-object
 * stream's CPU profile (session 32). Nodes built here inherit both, non-enumerable as yaml's own are,
 * from a prototype one step below their class's: `isMap`, `isScalar`, `instanceof` and `clone()` answer
 * as for yaml's nodes, and their own enumerable properties are the same. The schema is one 1.1 schema
 * for all of them, equal to each document's own (same version and options): yaml reads a collection's
 * schema only where it makes nodes from a path (`addIn`, `setIn`) and sorts a map it writes out.
 */
interface NodeMakers {
  scalar: (value: unknown) => Scalar;
  map: () => YAMLMap;
  seq: () => YAMLSeq;
  pair: (key: unknown, value: unknown) => Pair;
}

let makers: NodeMakers | undefined;

function nodeMakers(schema: Schema): NodeMakers {
  if (makers) return makers;
  const NODE_TYPE = Symbol.for('yaml.node.type');
  const below = (proto: object, type: string, withSchema: boolean): object =>
    Object.create(proto, {
      [NODE_TYPE]: { value: Symbol.for(type) },
      ...(withSchema ? { schema: { value: schema, configurable: true, enumerable: false, writable: true } } : {}),
    }) as object;
  const scalarProto = below(Scalar.prototype, 'yaml.scalar', false);
  const mapProto = below(YAMLMap.prototype, 'yaml.map', true);
  const seqProto = below(YAMLSeq.prototype, 'yaml.seq', true);
  const pairProto = below(Pair.prototype, 'yaml.pair', false);
  makers = {
    scalar: (value) => {
      const node = Object.create(scalarProto) as Scalar;
      node.value = value;
      return node;
    },
    map: () => {
      const node = Object.create(mapProto) as YAMLMap;
      node.items = [];
      return node;
    },
    seq: () => {
      const node = Object.create(seqProto) as YAMLSeq;
      node.items = [];
      return node;
    },
    pair: (key, value) => {
      const node = Object.create(pairProto) as Pair;
      node.key = key;
      node.value = value;
      return node;
    },
  };
  return makers;
}

class Bail extends Error {}
const BAIL = new Bail();

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown;
}

/**
 * Reads the document `text.slice(start, end)`, which starts with a `---` line of its own and ends at
 * the next document marker line or the end of the text; undefined when it is not of the simple shape.
 * Offsets in the result are `base` + offsets into `text`.
 */
export function fastDocument(text: string, start: number, end: number, base: number): Document.Parsed | undefined {
  // `---` then a line break: the marker alone on its line.
  if (end - start < 5 || text.charCodeAt(start) !== 45 || text.charCodeAt(start + 1) !== 45 || text.charCodeAt(start + 2) !== 45 || text.charCodeAt(start + 3) !== 10) return undefined;
  const body = text.slice(start, end);
  if (UNREADABLE.test(body)) return undefined;
  // A document that does not end with a line break ends the text: left to yaml.
  if (text.charCodeAt(end - 1) !== 10) return undefined;
  const doc = new Document(undefined, FAST_DOCUMENT_OPTIONS) as unknown as Document.Parsed;
  try {
    const reader = new Reader(text, end, base, doc.schema, doc.options);
    const contents = reader.document(start + 4);
    doc.contents = contents as never;
    doc.directives.docStart = true;
    doc.range = [base + start, contents.range![2], base + end];
    if (!reader.repeatedKeys) NO_REPEATED_KEYS.add(doc);
    return doc;
  } catch {
    // BAIL, or anything a tag's resolve threw (yaml's composer reports that as an error): yaml's to read.
    return undefined;
  }
}

class Reader {
  private readonly tags: ScalarTag[];
  private readonly stringTag: ScalarTag;
  private readonly make: NodeMakers;

  constructor(
    private readonly text: string,
    private readonly end: number,
    private readonly base: number,
    schema: Schema,
    private readonly options: unknown,
  ) {
    this.tags = schema.tags as unknown as ScalarTag[];
    this.make = nodeMakers(schema);
    // The string tag is what quoted and block scalars resolve with (compose-scalar.js `ctx.schema[SCALAR]`).
    const scalarSymbol = Object.getOwnPropertySymbols(schema).find((s) => s.description === 'yaml.scalar');
    this.stringTag = (scalarSymbol ? (schema as unknown as Record<symbol, ScalarTag>)[scalarSymbol] : undefined) ?? bail();
  }

  /** The content after the `---` line: comment lines at column 0, then a block mapping at column 0. */
  document(at: number): YAMLMap {
    const text = this.text;
    const comments: string[] = [];
    while (at < this.end && text.charCodeAt(at) === 35) {
      const eol = text.indexOf('\n', at);
      comments.push(text.slice(at + 1, eol) || ' ');
      at = eol + 1;
    }
    if (at >= this.end) bail();
    const map = this.map(at, 0, 0);
    if (this.next < this.end) bail();
    if (comments.length > 0) map.commentBefore = comments.join('\n');
    return map;
  }

  /** Where the line after the last node read starts. */
  private next = 0;

  /** Whether some mapping read repeats a key. */
  repeatedKeys = false;

  /** Indentation of the line at `at` (spaces), or bails on a blank or comment line inside content. */
  private indentOf(at: number): number {
    const text = this.text;
    let i = at;
    while (text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (c === 10 || c === 35 || i >= this.end) bail();
    return i - at;
  }

  /**
   * A block mapping whose first key starts at `keyAt`, at column `col`. Reads pairs while lines at
   * `col` hold keys; stops before a line indented less (or the end).
   */
  private map(keyAt: number, col: number, depth: number): YAMLMap {
    if (depth > MAX_DEPTH) bail();
    const text = this.text;
    const map = this.make.map();
    const firstKey = keyAt;
    let valueEnd = 0;
    const keys: Array<string | undefined> = [];
    let keySet: Set<string> | undefined;
    for (;;) {
      const colon = this.keyEnd(keyAt);
      const key = this.plain(keyAt, colon, colon, true);
      if (!this.repeatedKeys) {
        const name = scalarString(key.value);
        if (name !== undefined) {
          if (keySet) {
            if (keySet.has(name)) this.repeatedKeys = true;
            keySet.add(name);
          } else if (keys.includes(name)) this.repeatedKeys = true;
          else if (keys.length < KEY_SCAN_MAX) keys.push(name);
          else keySet = new Set([...keys as string[], name]);
        }
      }
      let value: YAMLMap | YAMLSeq | Scalar;
      let i = colon + 1;
      while (text.charCodeAt(i) === 32) i++;
      if (text.charCodeAt(i) === 10) {
        // Nothing after `key:` on its line: a nested node on the next lines, or an empty value.
        if (i !== colon + 1) bail();
        const nextLine = i + 1;
        // An empty value ending the document leaves its line break out of every range: yaml's to read.
        if (nextLine >= this.end) bail();
        const indent = this.indentOf(nextLine);
        const first = nextLine + indent;
        if (this.isDashAt(first) && indent >= col) value = this.seq(nextLine, indent, depth + 1);
        else if (indent > col) value = this.map(first, indent, depth + 1);
        else {
          value = this.empty(colon + 1);
          this.next = nextLine;
        }
      } else {
        if (i === colon + 1) bail();
        value = this.inline(i, col, false);
      }
      map.items.push(this.make.pair(key, value));
      valueEnd = value.range![2];
      // The next line: another key at this column, or the end of this mapping.
      const at = this.next;
      if (at >= this.end) break;
      const indent = this.indentOf(at);
      if (indent < col) break;
      if (indent > col) bail();
      keyAt = at + indent;
      // A `- ` at the mapping's own column after a pair is yaml's error to report.
      if (text.charCodeAt(keyAt) === 45) bail();
    }
    map.range = [this.base + firstKey, valueEnd, valueEnd];
    return map;
  }

  /** A block sequence whose first `- ` is at column `col` of the line starting at `lineStart`. */
  private seq(lineStart: number, col: number, depth: number): YAMLSeq {
    if (depth > MAX_DEPTH) bail();
    const text = this.text;
    const seq = this.make.seq();
    const first = lineStart + col;
    let line = lineStart;
    let itemEnd = 0;
    for (;;) {
      const dash = line + col;
      let at = dash + 1;
      while (text.charCodeAt(at) === 32) at++;
      const c = text.charCodeAt(at);
      // `-` alone on its line, or `- - x`, `- # …`: left to yaml.
      if (c === 10 || c === 35 || this.isDashAt(at)) bail();
      let item: YAMLMap | Scalar;
      if (this.isKeyLine(at)) item = this.map(at, at - line, depth + 1);
      else item = this.inline(at, col, true);
      seq.items.push(item);
      itemEnd = item.range![2];
      const next = this.next;
      if (next >= this.end) break;
      const indent = this.indentOf(next);
      if (indent < col) break;
      if (indent > col) bail();
      if (!this.isDashAt(next + indent)) break;
      line = next;
    }
    seq.range = [this.base + first, itemEnd, itemEnd];
    return seq;
  }

  /** Whether a block sequence entry's `- ` starts at `at`. */
  private isDashAt(at: number): boolean {
    return this.text.charCodeAt(at) === 45 && this.text.charCodeAt(at + 1) === 32;
  }

  /** Whether a plain key and `: ` (or `:` at the end of the line) start at `at`. */
  private isKeyLine(at: number): boolean {
    const text = this.text;
    let i = at;
    if (!isKeyStart(text.charCodeAt(i))) return false;
    while (isKeyChar(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 58) return false;
    const after = text.charCodeAt(i + 1);
    return after === 32 || after === 10;
  }

  /** The `:` ending the plain key at `at`, or bails. */
  private keyEnd(at: number): number {
    const text = this.text;
    if (!isKeyStart(text.charCodeAt(at))) bail();
    let i = at + 1;
    while (isKeyChar(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 58) bail();
    const after = text.charCodeAt(i + 1);
    if (after !== 32 && after !== 10) bail();
    return i;
  }

  /**
   * A value that starts on its key's (or dash's) line at `at`: a quoted or plain scalar to the end of
   * the line, or a literal block scalar. `col` is the column of the mapping or sequence holding it.
   */
  private inline(at: number, col: number, inSeq: boolean): Scalar {
    const text = this.text;
    const eol = text.indexOf('\n', at);
    const c = text.charCodeAt(at);
    let scalar: Scalar;
    let valueEnd: number;
    if (c === 34 || c === 39) {
      // Searched within the line only: a search past it would make a stream of such lines quadratic.
      let close = at + 1;
      while (close < eol && text.charCodeAt(close) !== c) {
        if (text.charCodeAt(close) === 92) bail();
        close++;
      }
      if (close >= eol) bail();
      if (c === 39 && text.charCodeAt(close + 1) === 39) bail();
      for (let j = close + 1; j < eol; j++) if (text.charCodeAt(j) !== 32) bail();
      const value = text.slice(at + 1, close);
      scalar = this.resolved(this.stringTag, value);
      scalar.type = c === 34 ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
      valueEnd = close + 1;
    } else if (c === 124) {
      if (inSeq) bail();
      return this.literal(at, eol, col);
    } else {
      // Plain: not starting with an indicator, no ` #` comment, no `: ` inside, no trailing `:`.
      if (!isPlainStart(c, text.charCodeAt(at + 1))) bail();
      let last = eol - 1;
      while (text.charCodeAt(last) === 32) last--;
      valueEnd = last + 1;
      for (let j = at; j < valueEnd; j++) {
        const d = text.charCodeAt(j);
        if (d === 58 && (j + 1 === valueEnd || text.charCodeAt(j + 1) === 32)) bail();
        if (d === 35 && text.charCodeAt(j - 1) === 32) bail();
      }
      scalar = this.plain(at, valueEnd, eol + 1, false);
      this.next = eol + 1;
      // A more indented line after a plain value would continue it (a scalar over several lines).
      return this.notContinued(scalar, col);
    }
    scalar.range = [this.base + at, this.base + valueEnd, this.base + eol + 1];
    this.next = eol + 1;
    return this.notContinued(scalar, col);
  }

  private notContinued(scalar: Scalar, col: number): Scalar {
    const at = this.next;
    if (at < this.end && this.indentOf(at) > col) bail();
    return scalar;
  }

  /** A plain scalar `[at, valueEnd)` whose node ends at `nodeEnd`, resolved as yaml's composer does. */
  private plain(at: number, valueEnd: number, nodeEnd: number, atKey: boolean): Scalar {
    const source = this.text.slice(at, valueEnd);
    let found: ScalarTag | undefined;
    for (const tag of this.tags) {
      if ((tag.default === true || (atKey && tag.default === 'key')) && tag.test?.test(source)) {
        found = tag;
        break;
      }
    }
    const scalar = this.resolved(found ?? this.stringTag, source);
    scalar.type = Scalar.PLAIN;
    scalar.range = [this.base + at, this.base + valueEnd, this.base + nodeEnd];
    return scalar;
  }

  private resolved(tag: ScalarTag, source: string): Scalar {
    const res = tag.resolve(source, bail, this.options);
    const scalar = isScalar(res) ? (res as Scalar) : this.make.scalar(res);
    scalar.source = source;
    if (tag.format) scalar.format = tag.format;
    return scalar;
  }

  /** `key:` and nothing after it: yaml's empty scalar (null) at the end of the `:`. */
  private empty(at: number): Scalar {
    const scalar = this.plain(at, at, at, false);
    return scalar;
  }

  /**
   * `|` or `|-` alone after its key, then lines indented more than the mapping (`col`), the first of
   * them not blank, the last followed by a line indented no more than the mapping; empty lines
   * (nothing on them at all) may stand between content lines.
   */
  private literal(at: number, eol: number, col: number): Scalar {
    const text = this.text;
    let strip = false;
    if (eol === at + 2 && text.charCodeAt(at + 1) === 45) strip = true;
    else if (eol !== at + 1) bail();
    let line = eol + 1;
    if (line >= this.end) bail();
    let indent = 0;
    while (text.charCodeAt(line + indent) === 32) indent++;
    if (indent <= col || text.charCodeAt(line + indent) === 10) bail();
    const lines: string[] = [];
    let contentEnd = line;
    for (;;) {
      const lineEnd = text.indexOf('\n', line);
      if (lineEnd === -1 || lineEnd >= this.end) bail();
      if (lineEnd === line) {
        lines.push('');
      } else {
        let spaces = 0;
        while (spaces < indent && text.charCodeAt(line + spaces) === 32) spaces++;
        if (spaces < indent) {
          // A line indented less ends the scalar; a line of spaces only is left to yaml.
          let j = line + spaces;
          while (text.charCodeAt(j) === 32) j++;
          if (text.charCodeAt(j) === 10) bail();
          break;
        }
        let j = line + indent;
        while (text.charCodeAt(j) === 32) j++;
        if (j === lineEnd) bail();
        lines.push(text.slice(line + indent, lineEnd));
        contentEnd = lineEnd + 1;
      }
      line = lineEnd + 1;
      if (line >= this.end) break;
    }
    // Empty lines after the last content line belong to what follows in yaml's reading: left to it.
    if (lines[lines.length - 1] === '') bail();
    const value = strip ? lines.join('\n') : `${lines.join('\n')}\n`;
    const scalar = this.resolved(this.stringTag, value);
    scalar.type = Scalar.BLOCK_LITERAL;
    scalar.range = [this.base + at, this.base + contentEnd, this.base + contentEnd];
    this.next = contentEnd;
    return this.notContinued(scalar, col);
  }
}

/** parse/yaml.ts scalarString, of a value. */
function scalarString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

function bail(): never {
  throw BAIL;
}

/** Key characters: letters, digits, `_`, `.`, `/`, `-` (what Kubernetes names and label keys are made of). */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 47 || c === 45;
}

function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** A plain scalar may start here: no indicator (YAML 1.2 §7.3.3), and `-`, `?`, `:` only before a non-space. */
function isPlainStart(c: number, next: number): boolean {
  switch (c) {
    case 45: // -
      return next !== 32 && next !== 10;
    case 63: // ?
    case 58: // :
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case 32:
    case 10:
      return false;
    default:
      return true;
  }
}
