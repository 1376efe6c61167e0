/**
 * sed scripts edgelint emulates on text (hostile8): the patterns are the script's, and so is the text
 * they run on (a heredoc the script writes), so neither may make a run hang or run the heap out.
 * Each case runs the built CLI with a 256 MB heap and 30 s, far above an honest run (under a second);
 * before the fixes the first three ran past two minutes and the last aborted out of memory.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, SIBLING, expectedStatus, makeTree, removeTree, runCli } from './helpers.js';

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
