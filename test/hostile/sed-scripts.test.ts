/**
 * sed scripts edgelint emulates on text (hostile8): the patterns are the script's, and so is the text
 * they run on (a heredoc the script writes), so neither may make a run hang or run the heap out.
 * Each case runs the built CLI with a 256 MB heap and 30 s, far above an honest run (under a second);
 * before the fixes the first three ran past two minutes and the last aborted out of memory.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, SIBLING, expectSurvived, expectedStatus, makeTree, removeTree, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

const CFG = '/etc/kubeedge/config/edgecore.yaml';

function lines(count: number, line: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(line(i));
  return out.join('\n');
}

/** A script writing `body` to edgecore.yaml, then running `sed` on it: the sed line is `body`'s line count + 4. */
const writeThenSed = (body: string, sed: string) => `#!/bin/bash\ncat > ${CFG} <<EOF\n${body}\nEOF\n${sed}\n`;

const INSERT_UNKNOWN = /^`sed -i` inserts a line into \/etc\/kubeedge\/config\/edgecore\.yaml after the lines matching .*; where it lands in the YAML depends on indentation/;
const EDITS_AS_TEXT = /^`sed -i` edits \/etc\/kubeedge\/config\/edgecore\.yaml as text; a line edit cannot tell which mapping a match belongs to/;

const CASES: Array<{ name: string; script: string; line: number; endColumn: number; message: RegExp }> = [
  {
    // Every match was a whole edited copy of the file, parsed: quadratic (20,000 lines: > 120 s, 3.8 GB).
    name: 'an insert after every one of 20,000 lines',
    script: writeThenSed(lines(20_000, (i) => `k${i}: 1`), `sed -i '/k/a x: 1' ${CFG}`),
    line: 20_004,
    endColumn: 54,
    message: INSERT_UNKNOWN,
  },
  {
    // A quantified group backtracks exponentially: 32 `a`s never finished.
    name: 'an address that backtracks exponentially, on a line of 32 a',
    script: writeThenSed(`modules:\n  ${'a'.repeat(32)}: 1`, `sed -i '/\\(a*\\)*b/a x: 1' ${CFG}`),
    line: 6,
    endColumn: 61,
    message: INSERT_UNKNOWN,
  },
  {
    // Two stars are polynomial, but cubic in the line: 20,000 `x`s is ~10^12 steps.
    name: 'an address with two stars, on a 20,000-character line',
    script: writeThenSed(`modules:\n  k: ${'x'.repeat(20_000)}`, `sed -i '/x*x*y/a x: 1' ${CFG}`),
    line: 6,
    endColumn: 58,
    message: INSERT_UNKNOWN,
  },
  {
    // Run on keadm's layout, `s/.*/&&/` sixty times doubled a line sixty times: out of memory (signal 6).
    name: 'sixty substitutions doubling one line of keadm\'s edgecore.yaml',
    script: `#!/bin/bash\nsudo keadm join --cloudcore-ipport=10.0.0.1:10000 --kubeedge-version=v1.19.0\nsudo sed -i '${Array(60).fill('/metaServer:/s/.*/&&/').join(';')}' ${CFG}\n`,
    line: 3,
    endColumn: 1369,
    message: EDITS_AS_TEXT,
  },
];

describe.each(CASES)('hostile sed script: $name', ({ script, line, endColumn, message }) => {
  const dir = makeTree({ 'install.sh': script, [SIBLING.path]: SIBLING.content });
  dirs.push(dir);

  it('CLI (256 MB heap, 30 s): no crash, the edit reported at its line, the sibling still linted', () => {
    const run = runCli(dir, ['.'], 256, 30_000);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    expect(run.findings.some((f) => f.file === SIBLING.path && f.line === SIBLING.line && f.column === SIBLING.column)).toBe(true);
    const own = run.findings.filter((f) => f.file === 'install.sh');
    expect(own.map((f) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn])).toEqual([['script/yaml-line-edit', line, 1, line, endColumn]]);
    expect(own[0].message).toMatch(message);
  });
});

/** A ConfigMap a script writes to /etc/app/cm.yaml, holding `data`'s lines, then `seds` (lines 10 on). */
const cmThenSed = (data: string, seds: string) => `#!/bin/bash\ncat > /etc/app/cm.yaml <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${data}\nEOF\n${seds}`;

// hostile13: what a substitution's literal pattern finds in the text the script wrote (placeholders in
// values, sed-value-edits.ts fillsPlaceholders) and whether a `s/KEY: .*/…/` rewrites one value were read
// again for every occurrence or every edit.
const TEXT_CASES: Array<{ name: string; script: string; own: Array<[string, number]> }> = [
  {
    // The line's text before the pattern, tested against a RegExp that backtracks on `: : …#`: 600 KB, minutes.
    name: 'a placeholder after 300,000 `: ` and a `#` in one quoted value',
    script: cmThenSed(`  k: "${': '.repeat(300_000)}#__X__"`, 'sed -i "s/__X__/v/" /etc/app/cm.yaml\n'),
    own: [['script/yaml-line-edit', 10]],
  },
  {
    // Each occurrence looked back to its line's start: 200,000 occurrences on a 1.2 MB line (100,000: 23 s).
    name: 'a placeholder 200,000 times in one value',
    script: cmThenSed(`  k: "${'__X__ '.repeat(200_000)}"`, 'sed -i "s/__X__/v/g" /etc/app/cm.yaml\n'),
    own: [],
  },
  {
    // Each rewrite searched the whole 1 MB text (400: 6.4 s, quadratic); past the rule's budget an edit is reported as any sed -i is.
    name: '3,200 key rewrites of a 1 MB ConfigMap',
    script: cmThenSed(lines(50_000, (j) => `  key${j}: value${j}`), `${lines(3200, (i) => `sed -i "s/^  key${i}: .*/  key${i}: new/" /etc/app/cm.yaml`)}\n`),
    own: [],
  },
];

describe.each(TEXT_CASES)('hostile sed text: $name', ({ script, own }) => {
  const dir = makeTree({ 'install.sh': script, [SIBLING.path]: SIBLING.content });
  dirs.push(dir);

  it('CLI (256 MB heap, 60 s): no crash, the sibling still linted', () => {
    const run = runCli(dir, ['.'], 256, 60_000);
    expectSurvived(run);
    if (own.length > 0) expect(run.findings.filter((f) => f.file === 'install.sh').map((f) => [f.ruleId, f.line])).toEqual(own);
  });
});
