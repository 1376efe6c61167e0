/**
 * Constructs over several lines that the yaml package cannot afford (issue 11, item 7): found by a
 * linear scan before parsing, reported where they start, their document skipped. The budgets are
 * shrunk here so small texts exercise them; the CLI cases at real sizes are in test/hostile/.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Parser, stringify } from 'yaml';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import type { ParseProblem } from '../../src/core/problem.js';
import { LINE_BUDGET } from '../../src/parse/yaml-budget.js';
import { yamlDocuments } from '../../src/parse/yaml.js';

const saved = { ...LINE_BUDGET };
beforeEach(() => Object.assign(LINE_BUDGET, { quotedOrFlowChars: 200, flowItems: 20_000, multiLineFlowItems: 50, documentNodeLines: 40, scalarChars: 2000 }));
afterEach(() => Object.assign(LINE_BUDGET, saved));

function read(text: string) {
  const source = new SourceFile('x.yaml', text, 'yaml');
  const problems: ParseProblem[] = [];
  const kinds: unknown[] = [];
  const helmSources: Array<string | undefined> = [];
  for (const { doc, helmSource } of yamlDocuments(source, problems)) {
    kinds.push((doc.toJS() as { kind?: unknown } | null)?.kind);
    helmSources.push(helmSource);
  }
  return { problems: problems.map((p) => `${resolveSpan(p.span).line}:${resolveSpan(p.span).column} ${p.message}`), kinds, helmSources };
}

const NEXT = '---\nkind: Next\n';

describe('constructs over several lines', () => {
  it('a double-quoted scalar over budget is reported at its quote; the next document is read', () => {
    const { problems, kinds } = read(`kind: Big\ndata:\n  k: "${'x'.repeat(60)}\n${'    y\\"y\n'.repeat(40)}    "\n${NEXT}`);
    expect(problems).toEqual([expect.stringMatching(/^3:6 This double-quoted scalar is too large to lint \(0\.0 MB over 42 lines; edgelint reads at most 0\.\d+ MB of one double-quoted scalar\); the document holding it is skipped$/)]);
    // The skipped document is blank: only the next one is composed.
    expect(kinds).toEqual(['Next']);
  });

  it('single-quoted, block and plain scalars of that size, and quotes in comments and block scalars, are read', () => {
    const text = [
      'kind: Fine',
      `a: '${'x\n  '.repeat(80)}'`,
      'b: |',
      ...Array<string>(40).fill('  "[ not a quote, not a flow'),
      'c: plain',
      ...Array<string>(20).fill('  text "with [ quotes'),
      '# "a comment [',
      'd: x # "another',
      '',
    ].join('\n');
    expect(read(`${text}${NEXT}`)).toMatchObject({ problems: [], kinds: ['Fine', 'Next'] });
  });

  it('a flow collection over several lines with too many items is reported at its bracket (JSON is one)', () => {
    const json = JSON.stringify({ kind: 'Json', items: Array.from({ length: 30 }, (_, i) => ({ n: i, s: `a, [b] ${i}` })) }, null, 2);
    const { problems, kinds } = read(`${json}\n${NEXT}`);
    // Two in the top object, 30 in the list, two in each of its 30 objects; commas and brackets in strings are not counted.
    expect(problems).toEqual(['1:1 This flow collection is too large to lint (92 items over 125 lines; edgelint reads at most 50 per collection); the document holding it is skipped']);
    expect(kinds).toEqual(['Next']);
  });

  it('a document with too many lines of block nodes is reported at its start', () => {
    const { problems, kinds } = read(`kind: First\n---\nkind: Long\nitems:\n${'- 1\n'.repeat(45)}${NEXT}`);
    expect(problems).toEqual(['2:1 This document is too large to lint (47 lines of block nodes; edgelint reads at most 40 per document); it is skipped']);
    expect(kinds).toEqual(['First', undefined, 'Next']);
  });

  it('comment, blank and block scalar lines count a fifth of a line of block nodes each', () => {
    // 40 lines of block nodes are allowed: 10 of them and 151 other lines are 40.2.
    const body = `kind: Long\na: 1\nb: |\n${'  text\n'.repeat(50)}${'# note\n'.repeat(51)}${'\n'.repeat(50)}${'c: 1\n'.repeat(7)}`;
    const { problems, kinds } = read(`kind: First\n---\n${body}${NEXT}`);
    expect(problems).toEqual(['2:1 This document is too large to lint (10 lines of block nodes and 151 other lines; edgelint reads at most 40 lines of block nodes per document, counting 5 comment, blank or block scalar lines as one); it is skipped']);
    expect(kinds).toEqual(['First', undefined, 'Next']);
    // One comment line fewer is within the budget.
    expect(read(`kind: First\n---\n${body.replace('# note\n', '')}${NEXT}`).problems).toEqual([]);
  });

  it('a block or single-quoted scalar over budget is reported where it starts, once for its document', () => {
    LINE_BUDGET.scalarChars = 400;
    const block = `kind: Block\ndata:\n  k: |\n${'    0123456789\n'.repeat(30)}  j: |-\n${'    0123456789\n'.repeat(30)}`;
    const single = `kind: Single\ndata:\n  k: '${'0123456789\n    '.repeat(30)}'\n`;
    const { problems, kinds } = read(`${block}---\n${single}${NEXT}`);
    expect(problems).toEqual([
      '3:6 This block scalar is too large to lint (0.0 MB over 31 lines; edgelint reads at most 0.0003814697265625 MB of one block or single-quoted scalar); the document holding it is skipped',
      '34:6 This block scalar is too large to lint (0.0 MB over 31 lines; edgelint reads at most 0.0003814697265625 MB of one block or single-quoted scalar); the document holding it is skipped',
      '68:6 This single-quoted scalar is too large to lint (0.0 MB over 31 lines; edgelint reads at most 0.0003814697265625 MB of one block or single-quoted scalar); the document holding it is skipped',
    ]);
    // The first document is not parsed at all, the second is empty after its marker, the third is read.
    expect(kinds).toEqual([undefined, 'Next']);
  });

  it("a skipped document's # Source: comment is not the next document's", () => {
    const { problems, helmSources, kinds } = read(`# Source: chart/templates/a.yaml\nkind: A\n---\n# Source: chart/templates/big.yaml\nkind: Big\nk: |\n${'  x\n'.repeat(500)}---\nkind: C\n`);
    expect(problems).toHaveLength(1);
    expect(kinds).toEqual(['A', undefined, 'C']);
    expect(helmSources).toEqual(['chart/templates/a.yaml', undefined, undefined]);
  });

  it('a double-quoted scalar left open ends at the next document marker', () => {
    // 180 characters to the marker, under the budget of 200; read on to the next quote it would be over.
    const { problems, kinds } = read(`kind: Open\nk: "${'x\n'.repeat(90)}---\nkind: Next\nv: "${'y'.repeat(50)}"\n`);
    expect(problems.filter((p) => /too large/.test(p))).toEqual([]);
    expect(kinds.at(-1)).toBe('Next');
  });

  it('property: a double-quoted scalar over several lines is reported exactly when yaml reads one over budget', () => {
    const value = fc.letrec((tie) => ({
      // Words and spaces (yaml folds a long double-quoted scalar at spaces), and the characters the scan looks for.
      node: fc.oneof({ maxDepth: 3 }, fc.array(fc.constantFrom('word', ' ', 'a b', '"', "'", '\\', '\n', '#', '[', '{', ',', ': ', '- ', '|'), { maxLength: 60 }).map((parts) => parts.join('')), fc.integer(), tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 5 }),
      map: fc.dictionary(fc.string({ maxLength: 8 }), tie('node'), { maxKeys: 5 }),
    })).node;
    LINE_BUDGET.quotedOrFlowChars = 30;
    const seen = new Set<boolean>();
    fc.assert(
      fc.property(value, fc.boolean(), fc.integer({ min: 20, max: 40 }), (v, flow, lineWidth) => {
        const text = stringify({ kind: 'P', v }, { defaultStringType: 'QUOTE_DOUBLE', collectionStyle: flow ? 'flow' : 'block', lineWidth, minContentWidth: 10 });
        // yaml's own reading of the text: every double-quoted scalar token, with the lines it spans.
        let expected = false;
        const walk = (token: unknown): void => {
          if (!token || typeof token !== 'object') return;
          const t = token as { type?: string; source?: string };
          if (t.type === 'double-quoted-scalar' && t.source!.includes('\n') && t.source!.length - 1 > LINE_BUDGET.quotedOrFlowChars) expected = true;
          for (const child of Object.values(token)) if (child && typeof child === 'object') walk(child);
        };
        for (const token of new Parser().parse(text)) walk(token);
        const { problems } = read(text);
        expect(problems.some((p) => /double-quoted scalar is too large/.test(p))).toBe(expected);
        seen.add(expected);
      }),
      { numRuns: 300 },
    );
    // Both answers came up: the property tested something.
    expect([...seen].sort()).toEqual([false, true]);
  });
});
