import { expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { readShellScript } from '../../src/script/read-script.js';

// Its own file, so the exact fallback parser (mvdan-sh) is first loaded here: loading it is what used
// to leak these globals. Two heredocs started on one line are valid bash that tree-sitter-bash does
// not parse, so this script is read by the fallback.
it('leaves Error.stackTraceLimit and globalThis.require as they were', async () => {
  const limit = Error.stackTraceLimit;
  const hadRequire = Object.prototype.hasOwnProperty.call(globalThis, 'require');
  const reading = await readShellScript(new SourceFile('x.sh', 'cat <<A > /etc/a; cat <<B > /etc/b\na\nA\nb\nB\n', 'shell'));
  expect(reading.writes.map((w) => [w.path, w.text])).toEqual([
    ['/etc/a', 'a\n'],
    ['/etc/b', 'b\n'],
  ]);
  expect(Error.stackTraceLimit).toBe(limit);
  expect(Object.prototype.hasOwnProperty.call(globalThis, 'require')).toBe(hadRequire);
});
