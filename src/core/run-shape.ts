/**
 * What kind of run a command line asks for, told from its arguments alone before anything is read
 * (issue #13): the launcher picks its code cache by it (src/cli-launcher.ts), the command line its
 * V8 tiering (src/cli.ts, src/core/v8-flags.ts delayOptimization).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** The CLI's options that take a value (src/cli.ts), so that a value is not taken for a file. */
const VALUE_OPTIONS = new Set(['--format', '-f', '--output-file', '-o', '--config', '-c', '--fail-on', '--max-warnings', '--stdin-filename', '--max-file-size']);

/**
 * `files`: the arguments name only regular files and none is a shell script (`.sh`, `.bash` or a
 * `#!` line): no directory walk, no standard input, no shell parser. `units`: the same, and no file
 * is named as YAML or JSON (`.yaml`, `.yml`, `.json`): systemd units and drop-ins, mosquitto.conf,
 * image lists, none of which needs the manifest model or the edgecore schema. `scripts`: only
 * regular files, and at least one is a shell script. `other`: a directory, a glob, standard input,
 * no path at all, or anything that cannot be read here. A wrong answer only costs time.
 */
export function runShape(args: readonly string[]): 'units' | 'files' | 'scripts' | 'other' {
  let units = 0;
  let files = 0;
  let scripts = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i++;
      if (arg === '-' || arg === '--') return 'other';
      continue;
    }
    try {
      if (!statSync(arg).isFile()) return 'other';
      if (/\.(sh|bash)$/i.test(arg)) {
        scripts++;
        continue;
      }
      const fd = openSync(arg, 'r');
      const head = Buffer.alloc(2);
      try {
        readSync(fd, head, 0, 2, 0);
      } finally {
        closeSync(fd);
      }
      if (head.toString('latin1') === '#!') scripts++;
      else if (/\.(ya?ml|json)$/i.test(arg)) files++;
      else units++;
    } catch {
      return 'other';
    }
  }
  return scripts > 0 ? 'scripts' : files > 0 ? 'files' : units > 0 ? 'units' : 'other';
}

/** Whether the arguments name only regular files, none of them a shell script (runShape `files` or `units`). */
export function onlyFiles(args: readonly string[]): boolean {
  const shape = runShape(args);
  return shape === 'files' || shape === 'units';
}
