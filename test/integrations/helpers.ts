/** Shared by the integration tests: temporary copies of the example fleet and hermetic child processes. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'dist/cli.js');
export const ACTION = join(ROOT, 'action/dist/index.js');
export const FLEET = join(ROOT, 'examples/fleet');

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `edgelint-${prefix}-`));
  made.push(dir);
  return dir;
}

/** A fresh copy of examples/fleet (its .edgelint.yaml included) in a temporary directory. */
export function fleetCopy(prefix: string): string {
  const dir = tempDir(prefix);
  cpSync(FLEET, dir, { recursive: true });
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The environment of the test process minus anything that would leak into a child's behaviour: a
 * developer's or CI runner's own GITHUB_* / INPUT_* / RUNNER_* variables, and pre-commit's and git's
 * per-user state.
 */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_|PRE_COMMIT|GIT_)/.test(key) || key === 'CI' || key === 'NO_COLOR' || key === 'FORCE_COLOR') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(args: string[], options: { cwd: string; env?: Record<string, string>; input?: string }): Run {
  const result = spawnSync(process.execPath, args, { cwd: options.cwd, env: cleanEnv(options.env ?? {}), input: options.input, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Run {
  const result = spawnSync(command, args, { cwd: options.cwd, env: cleanEnv(options.env ?? {}), encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
