// src/cli-args.ts reads plain command lines without node:util's parseArgs (issue #13): whatever it
// reads must be what parseArgs reads, and whatever it does not read goes to parseArgs.
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLI_OPTIONS, parseCommandLine, plainCommandLine } from '../../src/cli-args.js';

function byParseArgs(argv: string[]): { values: Record<string, unknown>; positionals: string[] } | { error: string } {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: CLI_OPTIONS });
    return { values: { ...values }, positionals };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Words a command line is made of: every option in each of its spellings, values, paths, and the odd forms. */
const WORDS = [
  ...Object.entries(CLI_OPTIONS).flatMap(([name, option]) => [`--${name}`, ...('short' in option ? [`-${option.short}`] : [])]),
  '--format=json',
  '-fjson',
  '-hv',
  '--',
  '-',
  '--unknown',
  '-x',
  '---format',
  '',
  'json',
  'sarif',
  'examples/fleet',
  'edgecore.yaml',
  '-1',
  '--no-such=1',
];

describe('plain command lines', () => {
  it('are read as parseArgs reads them', () => {
    const cases: string[][] = [
      ['edgecore.yaml'],
      ['--format', 'json', '-o', '/dev/null', 'a.yaml', 'b.service'],
      ['a.yaml', '--exit-zero', '--config', 'c.yaml', 'b.yaml'],
      ['-f', 'sarif', '-f', 'json', '--fix-dry-run', '--no-color', '--debug', 'x'],
      ['-h'],
      ['-v', 'x', '--changed'],
      ['--max-warnings', '0', '--fail-on', 'warning', '--stdin-filename', 'x.yaml', '--max-file-size', '10'],
      ['--format', ''],
      [],
    ];
    for (const argv of cases) {
      const plain = plainCommandLine(argv);
      expect(plain, argv.join(' ')).toBeDefined();
      expect(Object.getPrototypeOf(plain!.values)).toBeNull();
      expect({ values: { ...plain!.values }, positionals: plain!.positionals }).toEqual(byParseArgs(argv));
    }
  });

  it('leave every other form to parseArgs', () => {
    for (const argv of [['--format=json'], ['-fjson'], ['-hv'], ['--', 'x'], ['-'], ['--unknown'], ['--format'], ['--format', '-'], ['-o', '--format'], ['--format', '-x']]) {
      expect(plainCommandLine(argv), argv.join(' ')).toBeUndefined();
    }
    expect(() => parseCommandLine(['--unknown'])).toThrow(/Unknown option '--unknown'/);
    expect(parseCommandLine(['--format=json', 'a']).values.format).toBe('json');
  });

  it('agree with parseArgs on generated command lines', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }), (argv) => {
        const plain = plainCommandLine(argv);
        const reference = byParseArgs(argv);
        if (plain) expect({ values: { ...plain.values }, positionals: plain.positionals }).toEqual(reference);
        let result: ReturnType<typeof byParseArgs>;
        try {
          const { values, positionals } = parseCommandLine(argv);
          result = { values: { ...values }, positionals };
        } catch (error) {
          result = { error: (error as Error).message };
        }
        expect(result).toEqual(reference);
      }),
      { numRuns: 2000 },
    );
  });
});
