import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Composer, Pair, Parser, Scalar, YAMLMap, YAMLSeq, isMap, isPair, isScalar, isSeq } from 'yaml';
import { SourceFile } from '../../src/core/source.js';
import type { ParseProblem } from '../../src/core/problem.js';
import { FAST_DOCUMENT_OPTIONS, fastDocument, hasNoRepeatedKeys } from '../../src/parse/yaml-fast.js';
import { yamlDocuments } from '../../src/parse/yaml.js';
import { findDuplicateKeys } from '../../src/parse/yaml-duplicate-keys.js';

/** A node as the model may read it: class, range, value, style, source, format, tag, anchor. */
function shape(node: unknown): unknown {
  if (isMap(node)) return { map: node.range, items: node.items.map((p) => [shape(p.key), shape(p.value)]) };
  if (isSeq(node)) return { seq: node.range, items: node.items.map(shape) };
  if (isScalar(node)) {
    const v = node.value;
    // yaml's merge key `<<` is a new Symbol each time it is read.
    const value = v instanceof Date ? `date:${v.getTime()}` : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : typeof v === 'symbol' ? `symbol:${v.description}` : v;
    return { value, type: node.type, range: node.range, source: node.source, format: node.format, tag: node.tag, anchor: node.anchor };
  }
  return node === null ? null : String(node);
}

/** Every document and problem of a stream, read with or without yaml-fast.ts. */
function readStream(text: string, fast: boolean) {
  const source = new SourceFile('stream.yaml', text, 'yaml');
  const problems: ParseProblem[] = [];
  const docs = [...yamlDocuments(source, problems, undefined, { fast })].map(({ doc, index, helmSource }) => ({
    index,
    helmSource,
    range: doc.range,
    errors: doc.errors.map((e) => [e.code, e.pos]),
    contents: shape(doc.contents),
    // As the harvest finds them (yaml-harvest.ts): not looked for where the fast reader saw no key repeated.
    duplicates: (fast && hasNoRepeatedKeys(doc) ? [] : findDuplicateKeys(source, doc)).map((h) => [h.key, h.path, h.first.start, h.second.start, h.lostKeys, h.sameValue]),
  }));
  return { docs, problems: problems.map((p) => [p.message, p.span.start, p.span.end]) };
}

/** yaml's own reading of one document that starts at `start` of `text`. */
function yamlDocument(text: string, start: number, end: number) {
  const parser = new Parser();
  parser.offset = start;
  const docs = [...new Composer(FAST_DOCUMENT_OPTIONS).compose(parser.parse(text.slice(start, end)))];
  return docs;
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** Values yaml-fast.ts reads (each resolved as yaml resolves it), then values it leaves to yaml. */
const READ_VALUES = ['v1', 'apps/v1', 'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'Null', 'true', 'FALSE', '0755', '0o17', '0x1F', '0b101', '1_000', '+12', '-3', '1e3', '.5', '-.inf', '.NaN', '3.14', '190:20:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00', 'nginx:1.25', 'a:b', 'a#b', '-a', '--', '---', '...', "it's", 'say "hi"', 'a, b', 'a]', 'é', '😀', '"q"', "'q'", '""', "''", '"a b"', 'x  ', '9999999999999999999999', '0.0.0.0:1883'];
const LEFT_VALUES = ['a #b', 'a: b', 'a:', ':a', '?a', '- a', '<<', '@x', '`x', '%x', '!x', '&a x', '*a', '[a, b]', '{a: 1}', '{{ .Values.x }}', '"a\\"b"', '"a\\nb"', "'a''b'", '"unterminated', '|', '|-', '|+', '>', 'tab\there'];
const VALUE = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...READ_VALUES) }, { weight: 1, arbitrary: fc.constantFrom(...LEFT_VALUES) });
const KEY = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('name', 'app.kubernetes.io/name', 'checksum/config', 'a-b', 'x_y', '80', 'yes', 'on', 'null', 'Y', '0x1F', '2001-12-14') }, { weight: 1, arbitrary: fc.constantFrom('<<', 'a b', '"quoted"', 'key ', '-k', 'k:k', '? k') });
const rarely = <T>(usual: T, ...others: T[]) => fc.oneof({ weight: 8, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });

/** A document in the shape Helm prints, with values and layouts chosen to hit yaml's corners. */
const helmDocument = fc
  .record({
    comment: fc.boolean(),
    keys: fc.array(fc.record({ key: KEY, value: VALUE }), { minLength: 1, maxLength: 5 }),
    seqIndent: fc.constantFrom(0, 2, 4),
    items: fc.array(fc.record({ a: VALUE, b: fc.option(VALUE, { nil: undefined }), scalar: fc.boolean(), spaces: rarely(1, 2, 3) }), { maxLength: 4 }),
    block: fc.option(
      fc.record({
        chomp: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('', '-') }, { weight: 1, arbitrary: fc.constantFrom('+', '2', ' # c', '>') }),
        lines: fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom('listener 1883', '', '  indented', '# not a comment', 'x: y', 'a "b" \\c') }, { weight: 1, arbitrary: fc.constantFrom('---', '   ', 'tab\tin', ' ') }), { minLength: 1, maxLength: 6 }),
        indent: fc.constantFrom(2, 4),
      }),
      { nil: undefined },
    ),
    empty: fc.boolean(),
    trailing: rarely('', '\n', '# end\n', '  \n', '...\n'),
  })
  .map((g) => {
    const lines = ['---'];
    if (g.comment) lines.push('# Source: chart/templates/app.yaml');
    lines.push('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: app');
    for (const { key, value } of g.keys) lines.push(`  ${key}: ${value}`);
    if (g.empty) lines.push('  empty:');
    lines.push('spec:', '  list:');
    const pad = ' '.repeat(2 + g.seqIndent);
    for (const item of g.items) {
      const dash = `${pad}-${' '.repeat(item.spaces)}`;
      if (item.scalar) lines.push(`${dash}${item.a}`);
      else {
        lines.push(`${dash}a: ${item.a}`);
        if (item.b !== undefined) lines.push(`${' '.repeat(dash.length)}b: ${item.b}`);
      }
    }
    if (g.block) {
      lines.push(`  data: |${g.block.chomp}`);
      for (const line of g.block.lines) lines.push(line === '' ? '' : `${' '.repeat(2 + g.block.indent)}${line}`);
    }
    lines.push('  last: value');
    return `${lines.join('\n')}\n${g.trailing}`;
  });

/** A stream of such documents, with one character put in somewhere (or not). */
const mutatedStream = fc
  .record({
    docs: fc.array(helmDocument, { minLength: 1, maxLength: 5 }),
    insert: fc.option(fc.record({ at: fc.nat(), char: fc.constantFrom(' ', '\n', '\t', '#', ':', '-', '"', "'", '|', '[', '{', '&', '*', '!', '\r', '%', '...', '---\n', '\\') }), { nil: undefined }),
    remove: fc.option(fc.nat(), { nil: undefined }),
    prefix: rarely('', 'a: 1\n', '# top\n', '%YAML 1.1\n'),
  })
  .map(({ docs, insert, remove, prefix }) => {
    let text = prefix + docs.join('');
    if (insert) {
      const at = insert.at % (text.length + 1);
      text = text.slice(0, at) + insert.char + text.slice(at);
    }
    if (remove !== undefined && text.length > 0) {
      const at = remove % text.length;
      text = text.slice(0, at) + text.slice(at + 1);
    }
    return text;
  });

describe('yaml-fast.ts: documents of simple shape read as yaml reads them', () => {
  it('reads a Helm-shaped document into the nodes yaml composes', () => {
    const text = '---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "a"\n  empty:\n  n: 0755\ndata:\n  f: |\n    line 1\n\n    line 2\n  g: |-\n    z\nlist:\n- a: 1\n  b: yes\n-   x\n';
    const fast = fastDocument(text, 0, text.length, 0);
    expect(fast).toBeDefined();
    const [doc] = yamlDocument(text, 0, text.length);
    expect(shape(fast!.contents)).toEqual(shape(doc.contents));
    expect(fast!.range).toEqual(doc.range);
    expect(fast!.errors).toEqual([]);
    expect(hasNoRepeatedKeys(fast!)).toBe(true);
    // `yes` and `true` are one key to a YAML 1.1 reader (and to findDuplicateKeys).
    const repeated = '---\na: 1\nb:\n  yes: 1\n  x: 2\n  true: 3\n';
    expect(hasNoRepeatedKeys(fastDocument(repeated, 0, repeated.length, 0)!)).toBe(false);
  });

  it('builds nodes yaml\'s tests, keys and methods cannot tell from its own', () => {
    // The nodes are made without yaml's constructors (yaml-fast.ts nodeMakers): what a reader can see
    // of a node must be what it sees of yaml's, down to which properties are enumerable.
    const text = '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    x: "1"\ndata:\n  f: |\n    line\nlist:\n- a: 1\n- b\n';
    const fast = fastDocument(text, 0, text.length, 0)!;
    const [doc] = yamlDocument(text, 0, text.length);
    const pairs = (node: unknown): unknown[] => {
      if (isMap(node)) return [node, ...node.items.flatMap((p) => [p, ...pairs(p.key), ...pairs(p.value)])];
      if (isSeq(node)) return [node, ...node.items.flatMap(pairs)];
      return node === null ? [] : [node];
    };
    const fastNodes = pairs(fast.contents);
    const yamlNodes = pairs(doc.contents);
    expect(fastNodes.length).toBe(yamlNodes.length);
    const seen = (node: unknown) => {
      const n = node as Record<string | symbol, unknown>;
      return {
        tests: [isMap(n), isSeq(n), isScalar(n), isPair(n)],
        classes: [n instanceof YAMLMap, n instanceof YAMLSeq, n instanceof Scalar, n instanceof Pair],
        keys: Object.keys(n).sort(),
        // for-in lists inherited enumerable keys too: the prototypes below yaml's classes must add none.
        forIn: (() => {
          const all: string[] = [];
          for (const key in n) all.push(key);
          return all.sort();
        })(),
        symbols: Object.getOwnPropertySymbols(n).filter((s) => Object.prototype.propertyIsEnumerable.call(n, s)),
        schema: isMap(n) || isSeq(n) ? [(n.schema as { name: string }).name, Object.keys(n).includes('schema')] : undefined,
        json: JSON.stringify(n),
      };
    };
    fastNodes.forEach((node, i) => expect(seen(node)).toEqual(seen(yamlNodes[i])));
    // clone() copies a node made here as it copies yaml's, and the document writes out as yaml's does.
    expect(shape((fast.contents as YAMLMap).clone())).toEqual(shape((doc.contents as YAMLMap).clone()));
    expect(String(fast)).toBe(String(doc));
    // setIn makes collections from the schema a collection holds.
    (fast.contents as YAMLMap).setIn(['metadata', 'annotations', 'k'], 'v');
    (doc.contents as YAMLMap).setIn(['metadata', 'annotations', 'k'], 'v');
    expect(String(fast)).toBe(String(doc));
  });

  it('leaves to yaml what it does not read exactly', () => {
    for (const text of ['---\na: 1\n\nb: 2\n', '---\na: 1 # c\n', '---\na: [1]\n', '---\na: &x 1\n', '---\na: "x\\n"\n', '---\na: >\n  x\n', '---\na: b\n  c\n', '---\n  a: 1\n', '---\na:\tb\n', '---\na: 1\r\n', '---\na: |\n  x\n\n', 'a: 1\n', '---\na: 1']) {
      expect(fastDocument(text, 0, text.length, 0), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('gives the nodes yaml gives for every document of the repository it reads', () => {
    let read = 0;
    for (const file of [...yamlFiles('test'), ...yamlFiles('examples')]) {
      // Each file as it is and as a document after a `---` line (most files start without one).
      for (const text of [readFileSync(file, 'utf8'), `---\n${readFileSync(file, 'utf8')}`]) {
        const marker = /^---(?=[ \t\r\n]|$)/gm;
        const starts: number[] = [];
        for (let m = marker.exec(text); m; m = marker.exec(text)) starts.push(m.index);
        for (let i = 0; i < starts.length; i++) {
          const end = starts[i + 1] ?? text.length;
          const fast = fastDocument(text, starts[i], end, 0);
          if (!fast) continue;
          read++;
          const docs = yamlDocument(text, starts[i], end);
          expect(docs.length, file).toBe(1);
          expect(docs[0].errors, file).toEqual([]);
          expect([fast.range, shape(fast.contents)], file).toEqual([docs[0].range, shape(docs[0].contents)]);
          const source = new SourceFile(file, text, 'yaml');
          expect(hasNoRepeatedKeys(fast), file).toBe(findDuplicateKeys(source, docs[0]).length === 0);
        }
        expect(readStream(text, true), file).toEqual(readStream(text, false));
      }
    }
    expect(read).toBeGreaterThan(50);
  });

  it('reads generated Helm documents as yaml does, one character added or removed anywhere', () => {
    fc.assert(
      fc.property(mutatedStream, (text) => {
        expect(readStream(text, true)).toEqual(readStream(text, false));
      }),
      { numRuns: 1500 },
    );
  });

  it('a quoted scalar left open before simple documents is read on by yaml, as without the shortcut', () => {
    const simple = '---\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\n';
    // The last: yaml starts a document at the `---` after `|  ` (not a marker line), which a parser
    // started there reads otherwise: yaml reads on from the run's start, not from that document.
    for (const text of [`a: "open\n${simple.repeat(3)}`, `---\na: 'open\n${simple.repeat(3)}b: "x"\n`, `${simple}---\na: [1,\n${simple}`, `---\na: |+\n  x\n|  ---\n  y\nb: 1\n${simple}${simple}`]) {
      expect(readStream(text, true)).toEqual(readStream(text, false));
    }
  });

  it('stays linear when a document left open swallows the rest of a long stream', () => {
    const simple = '---\nkind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\n';
    const text = `---\na: "open\n${simple.repeat(20_000)}`;
    const started = Date.now();
    const { docs } = readStream(text, true);
    expect(docs.length).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
