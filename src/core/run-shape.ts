/**
 * What kind of run a command line asks for, told from its arguments alone before anything is read
 * (issue #13): the launcher picks its code cache by it (src/cli-launcher.ts), the command line its
 * V8 tiering (src/cli.ts, src/core/v8-flags.ts delayOptimization).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** The CLI's options that take a value (src/cli.ts), so that a value is not taken for a file. */
const VALUE_OPTIONS = new Set(['--format', '-f', '--output-file', '-o', '--config', '-c', '--fail-on', '--max-warnings', '--stdin-filename', '--max-file-size']);

/**
 * Whether the arguments name only regular files, none of them a shell script (`.sh`, `.bash` or a
 * `#!` line): no directory walk, no standard input, no shell parser. A wrong answer only costs time.
 */
export function onlyFiles(args: readonly string[]): boolean {
  let files = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i++;
      if (arg === '-' || arg === '--') return false;
      continue;
    }
    if (/\.(sh|bash)$/i.test(arg)) return false;
    try {
      if (!statSync(arg).isFile()) return false;
      const fd = openSync(arg, 'r');
      const head = Buffer.alloc(2);
      try {
        readSync(fd, head, 0, 2, 0);
      } finally {
        closeSync(fd);
      }
      if (head.toString('latin1') === '#!') return false;
    } catch {
      return false;
    }
    files++;
  }
  return files > 0;
}
