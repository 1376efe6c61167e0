/**
 * `$((cmd) || true)` is command substitution to bash (it reads arithmetic only when the `)` closing the
 * second `(` is followed by `)`). Both shell parsers take it for arithmetic; the script is parsed again
 * with `$( (` and every position still points into the script as written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import type { Span } from '../../src/core/source.js';
import { readShellScript } from '../../src/script/read-script.js';
import { respaceSubshellSubstitutions } from '../../src/script/subshell-substitution.js';

const at = (s: Span): string => {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}`;
};

describe('a command substitution that starts with a subshell', () => {
  it('does not hide the script: its keadm join, release and edits are read at their own positions', async () => {
    const text = [
      '#!/bin/bash',
      "ONLINE=$((curl -s --max-time 3 https://mirror.example.org | grep 'mirror') || true)",
      'ARCH=$((uname -m) 2>/dev/null)',
      'COUNT=$(( 2 * (1 + 1) ))',
      'keadm join --cloudcore-ipport=10.1.2.3:10000 --kubeedge-version=v1.20.1',
      "sed -i '/edged:/a\\    nodeIP: 10.1.2.9' /etc/kubeedge/config/edgecore.yaml",
      '',
    ].join('\n');
    const reading = await readShellScript(new SourceFile('setup.sh', text, 'shell'));
    expect(reading.problems).toEqual([]);
    expect(reading.keadmJoins.map((j) => [j.version?.value, at(j.span), j.version && at(j.version.span)])).toEqual([['v1.20.1', '5:1', '5:46']]);
    expect(reading.yamlEdits.map((e) => [e.target.value, at(e.target.span)])).toEqual([['/etc/kubeedge/config/edgecore.yaml', '6:41']]);
  });

  it('still reports a script that is wrong either way, at the right line', async () => {
    // The `if` is never closed; it stands after the respaced `$(`, so its column is mapped back.
    const text = ['#!/bin/bash', 'X=$((echo a) || true); if true; then', '  echo b', ''].join('\n');
    const reading = await readShellScript(new SourceFile('broken.sh', text, 'shell'));
    expect(reading.problems.map((p) => [at(p.span), p.message])).toEqual([['2:24', expect.stringContaining('if')]]);
  });
});

describe('respaceSubshellSubstitutions', () => {
  it.each([
    ['arithmetic stays', 'n=$((1 + (2 * 3)))', undefined],
    ['arithmetic with a quoted paren inside a command substitution in it stays', 'n=$(( $(echo ")") + 1 ))', undefined],
    ['a subshell first', 'v=$((a) || b)', 'v=$( (a) || b)'],
    ['a quoted ) does not close the subshell', "v=$((grep ')' f) || true)", "v=$( (grep ')' f) || true)"],
    ['two of them', 'a=$((x)|y) b=$((z) ) c=$((1))', 'a=$( (x)|y) b=$( (z) ) c=$((1))'],
    ['never closed: left to the parsers', 'v=$((a', undefined],
  ])('%s', (_name, text, expected) => {
    expect(respaceSubshellSubstitutions(text)?.text).toBe(expected);
  });

  it('maps every character of the respaced text back to the same character of the original', () => {
    const piece = fc.constantFrom('$((', 'a', ')', '(', ' ', "'", '"', '\\', '|', '\n', '))');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const original = pieces.join('');
        const respaced = respaceSubshellSubstitutions(original);
        if (!respaced) return;
        expect(respaced.text.length).toBeGreaterThan(original.length);
        let inserted = 0;
        for (let i = 0; i < respaced.text.length; i++) {
          const back = respaced.toOriginal(i);
          if (respaced.text[i] === ' ' && original[back] !== ' ') {
            inserted++;
            // An inserted space sits between `$(` and the subshell's `(`.
            expect(original.slice(back - 2, back + 1)).toBe('$((');
          } else {
            expect(original[back]).toBe(respaced.text[i]);
          }
        }
        expect(inserted).toBe(respaced.text.length - original.length);
      }),
    );
  });
});
