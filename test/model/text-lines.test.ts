import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SourceFile } from '../../src/core/source.js';
import { harvestYaml } from '../../src/engine/yaml-harvest.js';
import type { YamlHarvest } from '../../src/engine/yaml-harvest.js';
import { TextLines, dedentLines } from '../../src/model/text-lines.js';

const empty = (): YamlHarvest => ({ objects: [], workloads: [], configMaps: [], duplicateKeys: [], parseProblems: [], edgecore: [] });

function configMapValues(text: string) {
  const out = empty();
  harvestYaml(new SourceFile('cm.yaml', text, 'yaml'), out);
  return out.configMaps.map((c) => c.data);
}

/** What yaml itself reads for data.key (the value the harvest kept as a string before text-lines.ts). */
function yamlValue(text: string): unknown {
  const [doc] = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
  if (!doc || doc.errors.length) return undefined;
  return doc.getIn(['data', 'key']);
}

const LINE = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'z', '0', ' ', '#', ':', '-', '\t', '"', "'", '{', 'é', '😀'), minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '') },
  { weight: 1, arbitrary: fc.constant('') },
);

/** A ConfigMap whose `data.key` is a block scalar of any style, chomping, indentation indicator and layout. */
const blockScalarDoc = fc
  .record({
    style: fc.constantFrom('|', '>'),
    chomp: fc.constantFrom('', '-', '+'),
    indicator: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    mapIndent: fc.integer({ min: 1, max: 4 }),
    extra: fc.integer({ min: 1, max: 4 }),
    leadingSpaces: fc.integer({ min: 0, max: 2 }),
    lines: fc.array(LINE, { minLength: 1, maxLength: 12 }),
    trailing: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
    headerComment: fc.boolean(),
    after: fc.boolean(),
    crlf: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  })
  .map((g) => {
    const n = g.mapIndent;
    const contentIndent = n + (g.indicator ?? g.extra);
    const pad = (k: number) => ' '.repeat(k);
    const header = `${g.style}${g.indicator ?? ''}${g.chomp}${g.headerComment ? ' # the file' : ''}`;
    const body = g.lines.map((line, i) => (line === '' ? '' : pad(contentIndent + (i === 0 ? 0 : g.leadingSpaces * (i % 2))) + line));
    const trail = g.trailing.map((k) => pad(Math.min(k, contentIndent)));
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cm', 'data:', `${pad(n)}before: x`, `${pad(n)}key: ${header}`, ...body, ...trail, ...(g.after ? [`${pad(n)}after: y`] : []), ''];
    return { text: lines.join(g.crlf ? '\r\n' : '\n'), literalPlain: g.style === '|' && !g.crlf && g.lines[0] !== '' };
  });

describe('ConfigMap values read again from the file (text-lines.ts)', () => {
  it('dedentLines removes one indentation and keeps a final line break', () => {
    const text = 'key: |\n    a\n      b\n\n    c\nnext';
    const from = text.indexOf('\n') + 1;
    expect(dedentLines(text, from, text.indexOf('next'), 4)).toBe('a\n  b\n\nc\n');
    expect(dedentLines(text, from, text.indexOf('next') - 1, 4)).toBe('a\n  b\n\nc');
  });

  it('reads the same value yaml composed, for every block scalar style, chomping and indentation indicator', () => {
    let lazy = 0;
    fc.assert(
      fc.property(blockScalarDoc, ({ text, literalPlain }) => {
        const expected = yamlValue(text);
        const data = configMapValues(text);
        if (typeof expected !== 'string') return;
        expect(data).toHaveLength(1);
        const value = data[0].key;
        expect(value.value).toBe(expected);
        // The common case, a literal block of a config file, is kept as a range of the text.
        if (literalPlain && expected.length >= 64 && !expected.startsWith(' ')) {
          expect(value).toBeInstanceOf(TextLines);
          lazy++;
        }
        if (value instanceof TextLines) {
          expect(value.value).toBe(expected);
          expect(Object.keys(value)).not.toContain('value');
        }
      }),
      { numRuns: 400 },
    );
    expect(lazy).toBeGreaterThan(20);
  });

  it('keeps other values as strings: flow, quoted and short block scalars', () => {
    const long = 'x'.repeat(80);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  plain: ${long}\n  quoted: "${long}\\n${long}"\n  folded: >\n    ${long}\n    ${long}\n  short: |\n    listener 1883\n  long: |\n    ${long}\n    ${long}\n`;
    const [data] = configMapValues(text);
    expect(Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v instanceof TextLines]))).toEqual({ plain: false, quoted: false, folded: false, short: false, long: true });
    expect(data.long.value).toBe(`${long}\n${long}\n`);
    expect(data.folded.value).toBe(`${long} ${long}\n`);
  });
});
