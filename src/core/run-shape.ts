/**
 * What kind of run a command line asks for, told from its arguments alone before anything is read
 * (issue #13): the launcher picks its code cache by it (src/cli-launcher.ts), the command line its
 * V8 tiering (src/cli.ts, src/core/v8-flags.ts delayOptimization, optimizationDelay here).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** The CLI's options that take a value (src/cli.ts), so that a value is not taken for a file. */
const VALUE_OPTIONS = new Set(['--format', '-f', '--output-file', '-o', '--config', '-c', '--fail-on', '--max-warnings', '--stdin-filename', '--max-file-size']);

/**
 * `files`: the arguments name only regular files and none is a shell script (`.sh`, `.bash` or a
 * `#!` line): no directory walk, no standard input, no shell parser. `units`: the same, and no file
 * is named as YAML or JSON (`.yaml`, `.yml`, `.json`): systemd units and drop-ins, mosquitto.conf,
 * image lists, none of which needs the manifest model or the edgecore schema. `scripts`: only
 * regular files, and at least one is a shell script; `long-scripts`: the same, the files
 * SMALL_SCRIPT_RUN_BYTES or more in all (a long installer). `other`: a directory, a glob, standard
 * input, no path at all, or anything that cannot be read here. A wrong answer only costs time.
 */
export function runShape(args: readonly string[]): RunShape {
  const { shape, bytes } = measureRun(args);
  return shape === 'scripts' && bytes >= SMALL_SCRIPT_RUN_BYTES ? 'long-scripts' : shape;
}

export type RunShape = 'units' | 'files' | 'scripts' | 'long-scripts' | 'other';

/** runShape (`scripts` for either length), and the bytes of the files the arguments name (0 for `other`). */
function measureRun(args: readonly string[]): { shape: 'units' | 'files' | 'scripts' | 'other'; bytes: number } {
  const other = { shape: 'other', bytes: 0 } as const;
  let units = 0;
  let files = 0;
  let scripts = 0;
  let bytes = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i++;
      if (arg === '-' || arg === '--') return other;
      continue;
    }
    try {
      const stat = statSync(arg);
      if (!stat.isFile()) return other;
      bytes += stat.size;
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
      return other;
    }
  }
  return { shape: scripts > 0 ? 'scripts' : files > 0 ? 'files' : units > 0 ? 'units' : 'other', bytes };
}

/**
 * Below this many bytes of named files, a run that names a shell script is too short for TurboFan to
 * matter, and delaying it costs more than it saves: the delay needs `node:v8`, whose load brings
 * Node's stream modules (~8 M instructions). Generated installers (scripts/bench/gen-installer.mjs,
 * callgrind, all threads, the native parser), delay → none: 68 lines (1.9 KB, the example script)
 * 275.2 → 264.0 M, 150 lines (3.4 KB) 307.3 → 296.6 M, 300 lines (6.8 KB) 367.3 → 364.4 M, 500
 * lines (12 KB) 426.3 → 457.5 M, 1,000 lines (25 KB) 578.2 → 822.0 M (TurboFan's background compiles).
 */
export const SMALL_SCRIPT_RUN_BYTES = 4096;

/**
 * From this many bytes of named files, a run without a script (a Helm stream, a large manifest) is
 * delayed too: its seconds of YAML work call a few hundred functions thousands of times, and TurboFan
 * compiled every one of them as soon as it warmed, on background threads, a YAML worker's isolate
 * (yaml-harvest.ts) all over again. Callgrind, all threads, the bench's seed-13 Helm streams without
 * code caches (both sides alike), V8's default 3 ticks → 30: 30 objects (32 KB) 584 → 572 M
 * instructions, 100 objects (117 KB) 1,055 → 840 M, 300 objects (351 KB) 1,762 → 1,666 M, 1,000
 * objects (1.1 MB) 4,137 → 3,466 M, of which TurboFan's compile jobs had been 1,552 M (37.5%). The
 * delay loads node:v8 (~8 M instructions), about what it saves at 32 KB: a run of smaller files
 * keeps V8's default.
 */
export const LARGE_FILES_RUN_BYTES = 64 * 1024;

/**
 * From this many bytes of named files without a script, V8's default again: TurboFan's compiles are a
 * fixed cost, while a delayed function runs longer in the interpreter and Sparkplug at every tier-up,
 * a deopt's included, which a run of tens of seconds pays again and again. The bench's streams, CPU
 * of whole processes against the same build without the delay: 1,000 objects (1.1 MB) and 10,000
 * (11 MB) gained (callgrind: 3,972 → 3,422 M and 28,108 → 25,929 M instructions), 100,000 (111 MB)
 * lost (1.04-1.12× the CPU, 2 alternating pairs; 1.03-1.22× in 3 pairs with the worker's marker
 * change too). Where between 11 and 111 MB the two cross was not measured.
 */
export const LONG_FILES_RUN_BYTES = 32 * 1024 * 1024;

/**
 * When the command line delays TurboFan (src/core/v8-flags.ts delayOptimization): `now` for a
 * directory, a glob, standard input, shell scripts and files of SMALL_SCRIPT_RUN_BYTES or more, and
 * files without a script of LARGE_FILES_RUN_BYTES up to LONG_FILES_RUN_BYTES;
 * `if-v8-loads` for a smaller script run, delayed only if something loads node:v8 anyway (the
 * WebAssembly shell parser, whose cached chunk was made under the delay); `none` for other files
 * without a script (runShape `files` or `units`).
 */
export function optimizationDelay(args: readonly string[]): 'now' | 'if-v8-loads' | 'none' {
  const { shape, bytes } = measureRun(args);
  if (shape === 'other' || (shape === 'scripts' && bytes >= SMALL_SCRIPT_RUN_BYTES)) return 'now';
  if (shape !== 'scripts' && bytes >= LARGE_FILES_RUN_BYTES && bytes < LONG_FILES_RUN_BYTES) return 'now';
  return shape === 'scripts' ? 'if-v8-loads' : 'none';
}
