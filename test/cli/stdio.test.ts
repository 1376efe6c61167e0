// Standard output and standard error that are no terminal are written with fs.writeSync
// (src/cli-output.ts, issue #13): creating process.stdout/process.stderr loaded Node's stream modules,
// and `net` for a pipe, in every run. No timing here: what Node loads is counted by name
// (process.moduleLoadList), and the bytes written are compared.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from './run-cli.js';
import { tempDir, tempTree } from '../temp.js';

const EDGECORE = 'examples/fleet/edge/etc/kubeedge/config/edgecore.yaml';
const env = { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' };

/** A preload printing, on exit and without a stream, the built-in modules the run loaded. */
function loadedPreload(): string {
  const preload = join(tempDir('stdio'), 'loaded.cjs');
  writeFileSync(preload, "process.on('exit', () => require('node:fs').writeSync(2, '\\nLOADED ' + JSON.stringify(process.moduleLoadList) + '\\n'));\n");
  return preload;
}

function loaded(preload: string, args: string[], stdout: 'pipe' | 'ignore', cwd: string) {
  const run = spawnSync(process.execPath, ['-r', preload, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', stdout, 'pipe'] });
  const line = run.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  expect(line, run.stderr).toBeDefined();
  const modules = (JSON.parse(line!.slice('LOADED '.length)) as string[]).filter((m) => m.startsWith('NativeModule '));
  return { modules, stdout: run.stdout, stderr: run.stderr.slice(0, run.stderr.indexOf('\nLOADED ')), status: run.status };
}

const streams = (modules: string[]) => modules.filter((m) => /^NativeModule (net|tty|stream|internal\/streams\/writable|internal\/fs\/sync_write_stream)$/.test(m));

describe('standard output and standard error', () => {
  // The example edgecore.yaml outside its deployment: a finding on standard output and, with no
  // kubeedgeVersion configured, a notice on standard error.
  it.each([
    ['a pipe', 'pipe'],
    ['/dev/null', 'ignore'],
  ] as const)('on %s are written without loading the stream modules', (_, stdout) => {
    const preload = loadedPreload();
    const dir = tempTree('stdio', { 'edgecore.yaml': readFileSync(join(repoRoot, EDGECORE), 'utf8') });
    const bare = loaded(preload, ['-e', '0'], stdout, dir);
    expect(streams(bare.modules)).toEqual([]);
    const run = loaded(preload, [cliPath, 'edgecore.yaml'], stdout, dir);
    expect(run.status).toBe(1);
    if (stdout === 'pipe') expect(run.stdout).toMatch(/edgecore\/unknown-key/);
    expect(run.stderr).toMatch(/^edgelint: assuming KubeEdge /);
    expect(streams(run.modules)).toEqual([]);
  });

  // A preload that creates process.stdout makes a pipe non-blocking (libuv's uv_pipe_open), and a
  // reader that waits fills it: writeSync writes part, then EAGAIN, and the stream takes the rest.
  it('hands the rest to the stream when a non-blocking pipe is full', () => {
    const dir = tempTree('stdio-full', { 'dup.yaml': 'kind: 1\nkind: 2\n'.repeat(3000) });
    const preload = join(dir, 'nonblocking.cjs');
    writeFileSync(preload, 'process.stdout;\n');
    const plain = spawnSync(process.execPath, [cliPath, '-f', 'json', 'dup.yaml'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000, maxBuffer: 2 ** 26 });
    expect(plain.stdout.length).toBeGreaterThan(1 << 18);
    const slow = spawnSync('bash', ['-c', `"${process.execPath}" -r ./nonblocking.cjs "${cliPath}" -f json dup.yaml | (sleep 1; cat); echo "status=\${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 60_000,
      maxBuffer: 2 ** 26,
    });
    expect(slow.stderr).toBe(`${plain.stderr}status=${plain.status}\n`);
    expect(slow.stdout === plain.stdout).toBe(true);
  });
});
