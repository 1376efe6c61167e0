/**
 * Runs one hostile case both ways users reach the engine: the built CLI as a child process (what CI
 * runs) and `lint()` in-process (what the Action and editors call). Each case lives in its own temp
 * directory with a known-bad sibling file, so a test can prove the rest of the run still happened.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintOptions, LintResult } from '../../src/engine/lint.js';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** A duplicate key: its finding must survive whatever the hostile file next to it does. */
export const SIBLING = { path: 'sibling.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n  name: t\n', line: 5, column: 3 };

export interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'note';
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  findings: JsonFinding[];
}

export type Entry = string | Uint8Array | { symlink: string } | { dir: true };

/** Writes `files` (relative paths) under a fresh temp directory; returns the directory. */
export function makeTree(files: Record<string, Entry>): string {
  const dir = mkdtempSync(join(tmpdir(), 'edgelint-hostile-'));
  for (const [path, entry] of Object.entries(files)) {
    const absolute = join(dir, path);
    mkdirSync(dirname(absolute), { recursive: true });
    if (typeof entry === 'string' || entry instanceof Uint8Array) writeFileSync(absolute, entry);
    else if ('symlink' in entry) symlinkSync(entry.symlink, absolute);
    else mkdirSync(absolute, { recursive: true });
  }
  return dir;
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The CLI with a small heap: a case that only passes because memory is plentiful fails here. The
 * timeout is far above any honest run and only turns a hang into a failure instead of a stuck suite.
 */
export function runCli(cwd: string, args: string[], heapMb = 256, timeoutMs = 120_000): CliRun {
  let child = spawnOnce(cwd, args, heapMb, timeoutMs);
  // Another test run in the same tree rebuilding dist/ (it empties the directory first) makes the
  // bundle vanish for a moment: that is not the case failing, so wait for the rebuild and run again.
  for (let attempt = 0; attempt < 20 && /Cannot find module '[^']*\/dist\//.test(child.stderr ?? ''); attempt++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
    child = spawnOnce(cwd, args, heapMb, timeoutMs);
  }
  let findings: JsonFinding[] = [];
  try {
    findings = (JSON.parse(child.stdout) as { findings: JsonFinding[] }).findings;
  } catch {
    // Left empty: the assertions on status and stderr say what went wrong.
  }
  return { status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr, findings };
}

function spawnOnce(cwd: string, args: string[], heapMb: number, timeoutMs: number) {
  return spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, CLI, '--format', 'json', '--no-color', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
  });
}

export async function runLint(cwd: string, options: LintOptions): Promise<LintResult> {
  return lint({ config: {}, ...options, cwd });
}

/** Exit status the CLI owes for these findings with the default `--fail-on error`. */
export function expectedStatus(findings: ReadonlyArray<{ severity: string }>): number {
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** What a crash looks like on stderr: a stack frame or an "internal error" line. */
export const STACK_TRACE = /\n\s+at |internal error|Error: .*\n\s+at|node:internal/;

/**
 * What every hostile CLI run must show: no signal, no stack trace, the exit status its findings call
 * for, and the sibling file's finding (the rest of the run still happened).
 */
export function expectSurvived(run: CliRun): void {
  expect(run.signal).toBeNull();
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.status, run.stderr).toBe(expectedStatus(run.findings));
  expect(run.findings.some((f) => f.file === SIBLING.path && f.line === SIBLING.line && f.column === SIBLING.column)).toBe(true);
}
