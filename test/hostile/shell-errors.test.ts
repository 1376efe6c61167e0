/**
 * A script whose syntax error tree-sitter recovers from by putting every later token in one ERROR
 * node (an `if … then` never closed): describing the first error reads a bounded number of that
 * node's children. Every `children` of a tree-sitter node builds an object per child, and the
 * description built all of them twice and asked each three questions: 50,000 unclosed `if`s (250,000
 * children) spent 1.5-4 s there. The work is counted on a stand-in tree, not timed.
 */
import { describe, expect, it } from 'vitest';
import type { BashBackend, ErrorNode } from '../../src/script/bash-backend.js';
import { parseWithBackend } from '../../src/script/bash-parser.js';

/** src/script/bash-parser.ts MAX_ERROR_CHILDREN: how far past its first unplaced token an ERROR node is read. */
const BOUND = 4096;

interface Counts {
  /** Child objects handed out, by `children` or a cursor. */
  built: number;
  questions: number;
}

/** A tree-sitter node that counts the arrays of children built and the error questions asked of it. */
function node(type: string, start: number, end: number, counts: Counts, flags: { error?: boolean; named?: boolean } = {}, kids: ErrorNode[] = []): ErrorNode {
  const self: ErrorNode = {
    type,
    startIndex: start,
    endIndex: end,
    text: '',
    get hasError() {
      counts.questions++;
      return flags.error === true || kids.some((k) => k.isError);
    },
    get isMissing() {
      counts.questions++;
      return false;
    },
    get isError() {
      counts.questions++;
      return flags.error === true;
    },
    isNamed: flags.named ?? true,
    parent: null,
    get children() {
      counts.built += kids.length;
      return [...kids];
    },
    walk() {
      let at = -1;
      return {
        get currentNode() {
          counts.built++;
          return at === -1 ? self : kids[at];
        },
        gotoFirstChild: () => kids.length > 0 && ((at = 0), true),
        gotoNextSibling: () => at >= 0 && at + 1 < kids.length && ((at += 1), true),
      };
    },
  };
  return self;
}

function backendOf(root: ErrorNode): BashBackend {
  return { name: 'native', parse: () => ({ root: () => root, read: () => undefined as never, dispose() {} }) };
}

describe('hostile script: the first syntax error of a flat ERROR node', () => {
  it('reads the ERROR node’s children a bounded way past its first unplaced token', () => {
    const ifs = 5_000;
    const text = 'if true; then\n'.repeat(ifs);
    const rootCounts: Counts = { built: 0, questions: 0 };
    const childCounts: Counts = { built: 0, questions: 0 };
    const kids: ErrorNode[] = [];
    for (let i = 0; i < ifs; i++) {
      const at = i * 14;
      kids.push(node('if', at, at + 2, childCounts, { named: false }));
      kids.push(node('command', at + 3, at + 7, childCounts));
      kids.push(node(';', at + 7, at + 8, childCounts, { named: false }));
      kids.push(node('then', at + 9, at + 13, childCounts, { named: false }));
    }
    const root = node('ERROR', 0, text.length, rootCounts, { error: true }, kids);

    const outcome = parseWithBackend(backendOf(root), text, (offset) => offset);

    expect(outcome).toEqual({ ok: false, message: 'unexpected "if"', offset: 0 });
    expect(kids.length).toBeGreaterThan(2 * BOUND);
    expect(rootCounts.built).toBeLessThanOrEqual(BOUND + 2);
    expect(childCounts.built).toBe(0);
    expect(childCounts.questions).toBeLessThanOrEqual(4 * (BOUND + 2));
  });
});
