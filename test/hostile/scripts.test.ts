/**
 * Hostile install scripts (issue 11 item 6): scripts used to cost about a millisecond and 30–45 KB
 * per statement, so 800 KB of `echo hi` took minutes and gigabytes. Each case runs through the built
 * CLI with a 256 MB heap (helpers.ts): it must end with the exit status its findings call for, no
 * stack trace, and the sibling file still linted.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { STACK_TRACE, SIBLING, expectedStatus, makeTree, removeTree, runCli } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

function repeat(count: number, piece: (i: number) => string): string {
  const pieces: string[] = [];
  for (let i = 0; i < count; i++) pieces.push(piece(i));
  return pieces.join('');
}

/** E=value, D=$E×200, C=$D×200, B=$C×200, A=$B×200, then `use`. */
function nestedReferences(value: string, use: string): string {
  const names = ['E', 'D', 'C', 'B', 'A'];
  const lines = [`${names[0]}="${value}"`];
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}=${`$${names[i - 1]}`.repeat(200)}`);
  return `#!/bin/bash\n${lines.join('\n')}\n${use}\n`;
}

const CASES: Array<{ name: string; script: string; parseError?: { line: number; column: number; message: RegExp } }> = [
  { name: '800 KB of trivial statements', script: 'echo hi\n'.repeat(100_000) },
  { name: '20,000 heredocs, one file each', script: repeat(20_000, (i) => `cat > /etc/edge/f${i}.conf <<EOF\nkey=${i}\nEOF\n`) },
  {
    name: '20,000 appends to one YAML file',
    script: `cat > /etc/edge/big.yaml <<EOF\nroot: {}\nEOF\n${repeat(20_000, (i) => `cat >> /etc/edge/big.yaml <<EOF\nk${i}: v\nEOF\n`)}`,
  },
  { name: '50,000 sed -i edits of one YAML file', script: repeat(50_000, (i) => `sed -i 's/a${i}/b/' /etc/kubeedge/config/edgecore.yaml\n`) },
  { name: '10,000 nested subshells', script: `${'('.repeat(10_000)}echo hi${')'.repeat(10_000)}\n` },
  // Every path a tee names became a file linted in full: 100 copies of 5,000 unknown edgecore keys ran the heap out.
  {
    name: 'a 100 KB edgecore.yaml heredoc teed to 100 files',
    script: `#!/bin/bash\ncat <<EOF | tee ${repeat(100, (i) => `/etc/kubeedge/config/n${i}/edgecore.yaml `)}\napiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n${repeat(5_000, (i) => `  unknownModule${i}: {}\n`)}EOF\n`,
  },
  // Each level of `B=$A$A…` multiplies what a word reads as: a 1.7 KB script ran the heap out.
  { name: 'five levels of 200 variable references, used as a path', script: nestedReferences('xxxxxxxxxx', 'docker save -o "$A" nginx:1.25.3') },
  // Empty values never grow the word, but every reference was resolved again: 200^4 lookups, a hang.
  { name: 'five levels of 200 references to an empty value, in a path', script: nestedReferences('', 'docker save -o "x$A" nginx:1.25.3') },
  // Each release-tarball prefix was a start the pattern scanned to the word's end: quadratic in the word.
  { name: 'a 880 KB word of release-tarball prefixes and no .tar.gz', script: `#!/bin/bash\ntar -xf ${'kubeedge-v1.1.1-linux-'.repeat(40_000)}\n` },
  {
    name: 'a 200 KB script with a syntax error near its end',
    script: `${'echo hi\n'.repeat(25_000)}if then fi\n`,
    parseError: { line: 25_001, column: 1, message: /shell syntax error/ },
  },
];

describe.each(CASES)('hostile script: $name', ({ script, parseError }) => {
  const dir = makeTree({ 'install.sh': script, [SIBLING.path]: SIBLING.content });
  dirs.push(dir);

  it('CLI (256 MB heap): no crash, exit status as the findings say, the sibling still linted', () => {
    const run = runCli(dir, ['.']);
    expect(run.signal).toBeNull();
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
    expect(run.findings.some((f) => f.file === SIBLING.path && f.line === SIBLING.line && f.column === SIBLING.column)).toBe(true);
    const scriptErrors = run.findings.filter((f) => f.file === 'install.sh' && f.ruleId === 'core/parse-error');
    if (parseError) {
      expect(scriptErrors.map((f) => [f.line, f.column])).toEqual([[parseError.line, parseError.column]]);
      expect(scriptErrors[0].message).toMatch(parseError.message);
    } else {
      // Deep nesting may exhaust the parser's stack: then one located parse problem, never a crash.
      expect(scriptErrors.length).toBeLessThanOrEqual(1);
    }
  });
});
