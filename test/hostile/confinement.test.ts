/**
 * Confinement (SPEC §7, issue 11 items 3, 4, 11, 12): a repository — its files, symlinks and its own
 * `.edgelint.yaml` — can make edgelint read or write nothing outside its tree, and cannot make it hang
 * or fill memory. Every case runs in a temp directory holding the repository (`repo/`, with `.git`)
 * and a canary directory beside it (`canary/`): the canary's content must never appear in any
 * output, and its bytes and mtime must not change. Each case goes through the built CLI (256 MB
 * heap, a wall-time bound via the spawn timeout) and through `lint()`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/engine/fix.js';
import { lint } from '../../src/engine/lint.js';
import type { LintOptions } from '../../src/engine/lint.js';
import { CLI } from './helpers.js';

const SECRET = 'CANARY-7f3e-never-printed';
/** A unit edgelint can fix (systemd/require-restart adds Restart=): the canary a --fix must not touch. */
const FIXABLE_UNIT = `[Unit]\nDescription=${SECRET}\n[Service]\nExecStart=/usr/bin/mosquitto -c /etc/mosquitto/mosquitto.conf\n`;
/** A duplicate key: proves the rest of the run happened. */
const DUPLICATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';

type Entry = string | { symlink: string } | { fifo: true };

const made: string[] = [];
afterAll(() => {
  for (const dir of made) {
    spawnSync('chmod', ['-R', 'u+rwx', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

interface Sandbox {
  top: string;
  repo: string;
  canary: string;
  /** Bytes and mtime of every canary file, to compare after the run. */
  snapshot(): string;
}

/** `{CANARY}` in a symlink target or file text is replaced by the canary directory's absolute path. */
function sandbox(files: Record<string, Entry>): Sandbox {
  const top = mkdtempSync(join(tmpdir(), 'edgelint-confine-'));
  made.push(top);
  const repo = join(top, 'repo');
  const canary = join(top, 'canary');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(canary);
  writeFileSync(join(canary, 'secret.txt'), `${SECRET}\n`);
  writeFileSync(join(canary, 'secret.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "${SECRET}"\n  name: again\n`);
  writeFileSync(join(canary, 'images.txt'), `registry.example.com/${SECRET}:1.0\n`);
  writeFileSync(join(canary, 'svc.service'), FIXABLE_UNIT);
  mkfifo(join(canary, 'pipe'));
  const fill = (text: string) => text.split('{CANARY}').join(canary);
  for (const [path, entry] of Object.entries(files)) {
    const absolute = join(repo, path);
    mkdirSync(dirname(absolute), { recursive: true });
    if (typeof entry === 'string') writeFileSync(absolute, fill(entry));
    else if ('symlink' in entry) symlinkSync(fill(entry.symlink), absolute);
    else mkfifo(absolute);
  }
  const snapshot = () =>
    ['secret.txt', 'secret.yaml', 'images.txt', 'svc.service']
      .map((name) => `${name} ${statSync(join(canary, name)).mtimeMs} ${readFileSync(join(canary, name)).toString('base64')}`)
      .join('\n');
  return { top, repo, canary, snapshot };
}

function mkfifo(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed: ${made.stderr}`);
}

interface Run {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** The CLI with a 256 MB heap; 60 s is far above any honest run and turns a hang into a failure. */
function cli(cwd: string, args: string[], as?: { uid: number; gid: number }, cliPath = CLI): Run {
  const child = spawnSync(process.execPath, ['--max-old-space-size=256', cliPath, '--format', 'json', '--no-color', ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
    ...(as ?? {}),
  });
  return { status: child.status, signal: child.signal, stdout: child.stdout ?? '', stderr: child.stderr ?? '' };
}

function findingsOf(run: Run): Array<{ ruleId: string; file: string; line: number; column: number; message: string }> {
  return (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; column: number; message: string }> }).findings;
}

/** lint() in-process; a config error comes back as the error's message. */
async function lintIn(cwd: string, options: LintOptions = {}): Promise<{ error?: string; findings: string[]; notices: string[]; text: string }> {
  try {
    const result = await lint({ cwd, ...options });
    const findings = result.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`);
    return { findings, notices: result.notices, text: JSON.stringify({ f: result.findings, n: result.notices, s: [...result.sources.values()] }) };
  } catch (error) {
    return { error: (error as Error).message, findings: [], notices: [], text: (error as Error).message };
  }
}

/** The three promises, whatever the case: nothing of the canary printed, canary untouched, one-line errors. */
function expectConfined(box: Sandbox, before: string, ...outputs: string[]): void {
  for (const output of outputs) expect(output).not.toContain(SECRET);
  expect(box.snapshot()).toBe(before);
}

function expectOneLineError(run: Run, pattern: RegExp): void {
  expect(run.signal).toBeNull();
  expect(run.status).toBe(2);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at |internal error/);
}

describe('a committed .edgelint.yaml that is not an ordinary file', () => {
  const cases: Array<[string, Entry, RegExp]> = [
    ['a symlink to /dev/zero', { symlink: '/dev/zero' }, /\.edgelint\.yaml: a symlink to a file outside the repository/],
    ['a symlink to /dev/urandom', { symlink: '/dev/urandom' }, /\.edgelint\.yaml: a symlink to a file outside the repository/],
    ['a symlink to a FIFO outside the tree', { symlink: '{CANARY}/pipe' }, /\.edgelint\.yaml: a symlink to a file outside the repository/],
    ['a symlink to a secret outside the tree', { symlink: '{CANARY}/secret.txt' }, /\.edgelint\.yaml: a symlink to a file outside the repository/],
    ['a FIFO committed in the tree', { fifo: true }, /cannot read config file \.edgelint\.yaml: not a regular file \(a FIFO; not read\)/],
    ['a symlink to a FIFO inside the tree', { symlink: 'pipe' }, /cannot read config file \.edgelint\.yaml: not a regular file \(a FIFO; not read\)/],
  ];
  for (const [name, entry, message] of cases) {
    it(`${name}: exit 2 with one line, nothing read`, async () => {
      const files: Record<string, Entry> = { '.edgelint.yaml': entry, 'x.yaml': DUPLICATE };
      if (name.includes('inside the tree')) files.pipe = { fifo: true };
      const box = sandbox(files);
      const before = box.snapshot();
      const run = cli(box.repo, ['.']);
      expectOneLineError(run, message);
      const library = await lintIn(box.repo);
      expect(library.error).toMatch(message);
      expectConfined(box, before, run.stdout, run.stderr, library.text);
    });
  }

  it('a self-looping symlink: a one-line notice, the config ignored, the rest linted', async () => {
    const box = sandbox({ '.edgelint.yaml': { symlink: '.edgelint.yaml' }, 'x.yaml': DUPLICATE });
    const run = cli(box.repo, ['.']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('edgelint: .edgelint.yaml: a symlink that does not resolve (a loop or a missing target); ignored\n');
    expect(findingsOf(run).map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['yaml/duplicate-key x.yaml:5']);
    const library = await lintIn(box.repo);
    expect(library.notices).toEqual(['.edgelint.yaml: a symlink that does not resolve (a loop or a missing target); ignored']);
    expect(library.findings).toEqual(['yaml/duplicate-key x.yaml:5:3']);
  });

  it('a config over 1 MB is refused, not parsed', async () => {
    const box = sandbox({ '.edgelint.yaml': `# ${'x'.repeat(1024 * 1024)}\n` });
    const run = cli(box.repo, ['.']);
    expectOneLineError(run, /cannot read config file \.edgelint\.yaml: file is \d+ bytes, over the 1048576-byte limit/);
  });
});

describe('paths in a repository\'s config stay inside its directory', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['offlineImages file, absolute', 'offlineImages:\n  - file: {CANARY}/images.txt\n', /\.edgelint\.yaml:2:\d+: offlineImages\.0\.file: ".*" is outside the config's directory/],
    ['offlineImages file, ../', 'kubeedgeVersion: "1.22"\nofflineImages:\n  - file: ../canary/images.txt\n', /\.edgelint\.yaml:3:\d+: offlineImages\.0\.file: "\.\.\/canary\/images\.txt" is outside the config's directory/],
    ['offlineImages file, through an in-tree symlink', 'offlineImages:\n  - file: images.txt\n', /\.edgelint\.yaml:2:\d+: offlineImages\.0\.file: "images\.txt" resolves \(through a symlink\) outside the config's directory/],
    ['include, absolute', 'include: ["{CANARY}/**"]\n', /\.edgelint\.yaml:1:\d+: include\.0: ".*" is an absolute path/],
    ['include, ../', 'include:\n  - "*.yaml"\n  - "../canary/*"\n', /\.edgelint\.yaml:3:\d+: include\.1: "\.\.\/canary\/\*" reaches outside the config's directory/],
    ['exclude, ../', 'exclude: ["../**"]\n', /\.edgelint\.yaml:1:\d+: exclude\.0: "\.\.\/\*\*" reaches outside/],
    ['hosts files, absolute', 'hosts:\n  - files: ["/etc/**"]\n    class: edge\n', /\.edgelint\.yaml:2:\d+: hosts\.0\.files\.0: "\/etc\/\*\*" is an absolute path/],
    ['deployments glob, ../', 'deployments: ["../*"]\n', /\.edgelint\.yaml:1:\d+: deployments\.0: "\.\.\/\*" reaches outside/],
  ];
  for (const [name, config, message] of cases) {
    it(`${name}: a config error naming key and line`, async () => {
      const files: Record<string, Entry> = { '.edgelint.yaml': config, 'x.yaml': DUPLICATE };
      if (name.includes('symlink')) files['images.txt'] = { symlink: '{CANARY}/images.txt' };
      const box = sandbox(files);
      const before = box.snapshot();
      const run = cli(box.repo, ['.']);
      expectOneLineError(run, message);
      const library = await lintIn(box.repo);
      expect(library.error).toMatch(message);
      expectConfined(box, before, run.stdout, run.stderr, library.text);
    });
  }

  it('a path typed on the command line may point outside (the user chose it)', async () => {
    const box = sandbox({ 'x.yaml': DUPLICATE });
    const run = cli(box.repo, ['.', join(box.canary, 'secret.yaml')]);
    expect(run.status).toBe(1);
    expect(findingsOf(run).map((f) => `${f.ruleId} ${f.line}`)).toEqual(['yaml/duplicate-key 5', 'yaml/duplicate-key 5']);
  });
});

describe('linted files', () => {
  it('a walked symlink to a file outside the tree is not followed', async () => {
    const box = sandbox({ 'leak.yaml': { symlink: '{CANARY}/secret.yaml' }, 'x.yaml': DUPLICATE });
    const before = box.snapshot();
    const run = cli(box.repo, ['.']);
    expect(run.status).toBe(1);
    expect(findingsOf(run).map((f) => f.file)).toEqual(['x.yaml']);
    const library = await lintIn(box.repo);
    expect(library.findings).toEqual(['yaml/duplicate-key x.yaml:5:3']);
    expectConfined(box, before, run.stdout, run.stderr, library.text);
  });

  it('a FIFO named on the command line is a located finding, not a hang; a walked one is skipped', async () => {
    const box = sandbox({ 'pipe.yaml': { fifo: true }, 'x.yaml': DUPLICATE });
    const walked = cli(box.repo, ['.']);
    expect(walked.status).toBe(1);
    expect(findingsOf(walked).map((f) => f.file)).toEqual(['x.yaml']);
    const named = cli(box.repo, ['pipe.yaml', 'x.yaml']);
    expect(named.signal).toBeNull();
    expect(findingsOf(named).map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      'core/parse-error pipe.yaml:1:1 not a regular file (a FIFO; not read).',
      expect.stringMatching(/^yaml\/duplicate-key x\.yaml:5:3 /),
    ]);
    const library = await lintIn(box.repo, { paths: ['pipe.yaml'] });
    expect(library.findings).toEqual(['core/parse-error pipe.yaml:1:1']);
  });

  it('a device named on the command line is not read', async () => {
    const box = sandbox({});
    const run = cli(box.repo, ['/dev/zero']);
    expect(run.signal).toBeNull();
    expect(findingsOf(run).map((f) => `${f.ruleId} ${f.message}`)).toEqual(['core/parse-error not a regular file (a device; not read).']);
  });

  it('a file name with a backslash is one file, not a directory and a file', async () => {
    const box = sandbox({ 'dir\\x.yaml': DUPLICATE, 'dir/x.yaml': `${DUPLICATE}# the other one\n` });
    const run = cli(box.repo, ['.']);
    expect(findingsOf(run).map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['yaml/duplicate-key dir/x.yaml:5', 'yaml/duplicate-key dir\\x.yaml:5']);
    const library = await lintIn(box.repo);
    expect(library.findings).toEqual(['yaml/duplicate-key dir/x.yaml:5:3', 'yaml/duplicate-key dir\\x.yaml:5:3']);
    const named = cli(box.repo, ['dir\\x.yaml']);
    expect(named.status).toBe(1);
    expect(findingsOf(named).map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(['yaml/duplicate-key dir\\x.yaml:5']);
  });

  it('an unreadable subdirectory met while walking is a one-line notice, not silence', () => {
    const box = sandbox({ 'locked/inside.yaml': DUPLICATE, 'x.yaml': DUPLICATE });
    chmodSync(join(box.repo, 'locked'), 0o000);
    // Permission bits do not bind root: as root, the CLI runs as an unprivileged user (nobody), so the
    // directory really is unreadable to it. lint() in this process cannot be run that way.
    for (const dir of [box.top, box.repo]) chmodSync(dir, 0o755);
    const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    // The checkout itself may sit below a folder nobody cannot enter (a fresh clone in a private temp
    // dir), so the unprivileged run uses a copy of the built package inside the world-readable sandbox.
    const pkg = join(box.top, 'pkg');
    cpSync(fileURLToPath(new URL('../../dist', import.meta.url)), join(pkg, 'dist'), { recursive: true });
    cpSync(fileURLToPath(new URL('../../package.json', import.meta.url)), join(pkg, 'package.json'));
    const run = cli(box.repo, ['.'], as, join(pkg, 'dist', 'cli.js'));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('edgelint: locked: directory cannot be read (EACCES); its files were not linted\n');
    expect(findingsOf(run).map((f) => f.file)).toEqual(['x.yaml']);
  });
});

describe('--fix', () => {
  it('does not write through an explicitly named symlink to a file outside the tree', async () => {
    const box = sandbox({ 'svc.service': { symlink: '{CANARY}/svc.service' } });
    const before = box.snapshot();
    const run = cli(box.repo, ['--fix', 'svc.service']);
    expect(run.stderr).toContain('edgelint: not fixing svc.service: a symlink to a file outside the linted tree (not written through)\n');
    expect(findingsOf(run).map((f) => f.ruleId)).toEqual(['systemd/require-restart']);
    expect(box.snapshot()).toBe(before);
  });

  it('does not write through a committed symlink to a directory outside the tree (a path that looks inside)', async () => {
    const box = sandbox({ 'units': { symlink: '{CANARY}' } });
    const before = box.snapshot();
    const run = cli(box.repo, ['--fix', 'units/svc.service']);
    expect(run.stderr).toContain('edgelint: not fixing units/svc.service: reached through a symlinked directory outside the linted tree (not written through)\n');
    expect(findingsOf(run).map((f) => f.ruleId)).toEqual(['systemd/require-restart']);
    expect(box.snapshot()).toBe(before);
  });

  it('does not fix a file hard-linked elsewhere: the rename would split the names, the fix reaching only one', () => {
    const box = sandbox({});
    linkSync(join(box.canary, 'svc.service'), join(box.repo, 'svc.service'));
    const before = box.snapshot();
    const run = cli(box.repo, ['--fix', '.']);
    expect(run.stderr).toContain('edgelint: not fixing svc.service: the file has 2 hard links, and a fix would reach only this name (not written)\n');
    expect(findingsOf(run).map((f) => `${f.ruleId} ${f.file}`)).toEqual(['systemd/require-restart svc.service']);
    expect(statSync(join(box.repo, 'svc.service')).ino).toBe(statSync(join(box.canary, 'svc.service')).ino);
    expect(box.snapshot()).toBe(before);
  });

  it('a file swapped for a FIFO or a directory after it was linted is not written, not read', async () => {
    for (const swap of ['fifo', 'directory'] as const) {
      const box = sandbox({ 'svc.service': FIXABLE_UNIT.replace(SECRET, 'broker') });
      const result = await lint({ cwd: box.repo });
      const target = join(box.repo, 'svc.service');
      rmSync(target);
      if (swap === 'fifo') mkfifo(target);
      else mkdirSync(target);
      expect(applyFixes(result, { write: true, cwd: box.repo })).toMatchObject({ applied: 0, skipped: [{ file: 'svc.service', reason: 'not a regular file' }] });
    }
  });

  it('still fixes through a symlink whose target is inside the tree', () => {
    const box = sandbox({ 'units/real.service': FIXABLE_UNIT.replace(SECRET, 'broker'), 'svc.service': { symlink: 'units/real.service' } });
    const run = cli(box.repo, ['--fix', 'svc.service']);
    expect(run.stderr).toMatch(/applied 1 fix in 1 file/);
    expect(readFileSync(join(box.repo, 'units/real.service'), 'utf8')).toContain('Restart=');
  });
});
