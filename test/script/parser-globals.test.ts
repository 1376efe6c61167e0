import { expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { readShellScript } from '../../src/script/read-script.js';

// Its own file, so the parser is first loaded here: loading it is what used to leak these globals.
it('leaves Error.stackTraceLimit and globalThis.require as they were', async () => {
  const limit = Error.stackTraceLimit;
  const hadRequire = Object.prototype.hasOwnProperty.call(globalThis, 'require');
  const reading = await readShellScript(new SourceFile('x.sh', 'echo hi\n', 'shell'));
  expect(reading.commands.map((c) => c.argv.map((w) => w.value))).toEqual([['echo', 'hi']]);
  expect(Error.stackTraceLimit).toBe(limit);
  expect(Object.prototype.hasOwnProperty.call(globalThis, 'require')).toBe(hadRequire);
});
