/**
 * The command line's options (src/cli.ts), read by node:util's parseArgs, except that a command line
 * in the plain forms every hook, editor and CI step writes is read here without it (issue #13).
 * `parseArgs` loads two modules of Node's own on first use and runs cold there: ~4 M of a one-file
 * run's ~157 M instructions (callgrind), for a loop over a few words.
 *
 * The plain forms are exactly those parseArgs (strict, positionals allowed; Node 20's
 * lib/internal/util/parse_args/parse_args.js) reads the same way without a choice to make: a word
 * that does not start with `-` is a positional (options may come after positionals); `--name` or
 * `-x` names an option; a string option takes the next word as its value when that word does not
 * start with `-` (parseArgs takes any next word, and in strict mode rejects one that looks like an
 * option); a later value of an option replaces an earlier one. Anything else (`--name=value`, `-fjson`,
 * `-hv`, `--`, `-`, an unknown option, a missing value or one starting with `-`) goes to parseArgs,
 * which reads it or reports it as it always did. test/cli/cli-args.test.ts compares both on
 * generated command lines.
 */
import { parseArgs } from 'node:util';

export const CLI_OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  'fail-on': { type: 'string' },
  'max-warnings': { type: 'string' },
  'exit-zero': { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  changed: { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type CliOptions = typeof CLI_OPTIONS;
type OptionName = keyof CliOptions;
export type CommandLine = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: CliOptions }>>;

/** `--name` and `-x` → the option's name (Maps: the keys are command-line text). */
const BY_FLAG = new Map<string, OptionName>();
for (const [name, option] of Object.entries(CLI_OPTIONS) as Array<[OptionName, CliOptions[OptionName]]>) {
  BY_FLAG.set(`--${name}`, name);
  if ('short' in option) BY_FLAG.set(`-${option.short}`, name);
}

/** The command line's options and positionals; throws parseArgs's error for a command line it rejects. */
export function parseCommandLine(argv: string[]): CommandLine {
  return plainCommandLine(argv) ?? parseArgs({ args: argv, allowPositionals: true, strict: true, options: CLI_OPTIONS });
}

/** What parseArgs makes of `argv` when every word is in a plain form (see above); undefined otherwise. */
export function plainCommandLine(argv: readonly string[]): CommandLine | undefined {
  // parseArgs's `values` has no prototype either.
  const values: Record<string, string | boolean> = Object.create(null) as Record<string, string | boolean>;
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-')) {
      positionals.push(word);
      continue;
    }
    const name = BY_FLAG.get(word);
    if (name === undefined) return undefined;
    if (CLI_OPTIONS[name].type === 'boolean') {
      values[name] = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('-')) return undefined;
    values[name] = value;
    i++;
  }
  return { values, positionals } as CommandLine;
}
