/**
 * A `$` that starts no expansion (`sed /^$/d`) is a literal character to bash. The fast parser must
 * read such a script itself: the exact fallback parser costs a third of a second to load, so a
 * script sent to it for one literal `$` is a slow run. The fallback is replaced here by one that fails
 * the test if it is called.
 */
import { describe, expect, it, vi } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { emptyReading } from '../../src/script/reading.js';
import type { ScriptReading } from '../../src/script/reading.js';
import { ScriptReader } from '../../src/script/script-reader.js';
import { parseShell } from '../../src/script/shell-parser.js';
import { maskLiteralDollars } from '../../src/script/bash-parser.js';

vi.mock('../../src/script/mvdan-parser.js', () => ({
  parseWithMvdan: () => {
    throw new Error('the fallback parser was used');
  },
}));

async function read(text: string): Promise<ScriptReading> {
  const outcome = await parseShell(text);
  if (!outcome.ok) throw new Error(`not parsed: ${outcome.message}`);
  const reading: ScriptReading = emptyReading();
  new ScriptReader(new SourceFile('clean.sh', text, 'shell'), outcome.script, reading).read();
  return reading;
}

describe('a literal `$` stays on the fast parser', () => {
  it.each([
    ['a sed address for empty lines, unquoted', "grep -v '^#' /etc/hosts | sed /^$/d > /tmp/hosts\n"],
    ['a trailing literal `$` before a pipe and inside a command substitution', 'echo cost$|cat\nv=$(echo 5$)\n'],
    ['a literal `$` in an assignment and an array', 'pat=^$/x\nlist=(a $. b)\n'],
    ['a literal `$` in a test and a case pattern', '[[ $/ == x ]] && echo y\ncase "$1" in $/) echo z ;; esac\n'],
  ])('%s', async (_name, text) => {
    await expect(read(text)).resolves.toBeDefined();
  });

  it('reads the word with its `$`: the sed edit keeps its script', async () => {
    const reading = await read('sed -i /^$/d /etc/kubeedge/config/edgecore.yaml\n');
    expect(reading.yamlEdits.map((e) => [e.target.value, e.sed?.script.value])).toEqual([['/etc/kubeedge/config/edgecore.yaml', '/^$/d']]);
  });
});

describe('maskLiteralDollars', () => {
  it.each([
    ['sed /^$/d f', 'sed /^./d f'],
    ['echo $$/ $HOME/ ${a}/ $(b)/ $1/ $?/', 'echo $$/ $HOME/ ${a}/ $(b)/ $1/ $?/'],
    ['echo \\$/ \\\\$/', 'echo \\$/ \\\\./'],
    ['a$=b', 'a.=b'],
  ])('%s', (text, masked) => {
    expect(maskLiteralDollars(text)).toBe(masked);
    expect(maskLiteralDollars(text)).toHaveLength(text.length);
  });
});
