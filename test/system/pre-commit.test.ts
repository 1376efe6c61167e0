/**
 * The pre-commit hook with the real `pre-commit` tool (Debian package `pre-commit`) in temporary git
 * repositories holding a copy of examples/fleet. The hook in each repository is ours from
 * .pre-commit-hooks.yaml, run as a `repo: local` hook with `language: system` and the built CLI as its
 * entry: `language: node` would have pre-commit npm-install edgelint from the registry. HOME and
 * PRE_COMMIT_HOME point at temporary directories so no user state leaks in or out.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { lint } from '../../src/engine/lint.js';
import { CLI, ROOT, fleetCopy, removeTempDirs, run, runNode, tempDir } from '../integrations/helpers.js';

interface ManifestHook {
  id: string;
  name: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
  require_serial: boolean;
}

const MANIFEST = join(ROOT, '.pre-commit-hooks.yaml');
const manifest = parseYaml(readFileSync(MANIFEST, 'utf8')) as ManifestHook[];
const hook = manifest.find((h) => h.id === 'edgelint')!;

const UNIT = 'edge/etc/systemd/system/mosquitto.service';
const DAEMONSET = 'cloud/cloudcore-rendered.yaml';

afterAll(removeTempDirs);

function hermeticEnv(): Record<string, string> {
  const home = tempDir('home');
  return {
    HOME: home,
    PRE_COMMIT_HOME: join(home, 'pre-commit-cache'),
    XDG_CACHE_HOME: join(home, 'cache'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'edgelint test',
    GIT_AUTHOR_EMAIL: 'test@edgelint.invalid',
    GIT_COMMITTER_NAME: 'edgelint test',
    GIT_COMMITTER_EMAIL: 'test@edgelint.invalid',
  };
}

/**
 * A git repository with the fleet committed, its own .edgelint.yaml (no baseline image, so image
 * drift only shows when the chart and the unit are read together), and a .pre-commit-config.yaml
 * whose hook is our manifest's, with only `entry` and `language` swapped for the local build.
 */
function repository(): { dir: string; env: Record<string, string>; git: (...args: string[]) => string; preCommit: (...args: string[]) => { status: number | null; output: string } } {
  const dir = fleetCopy('pre-commit');
  const env = hermeticEnv();
  writeFileSync(join(dir, '.edgelint.yaml'), 'kubeedgeVersion: "1.22"\nhosts:\n  - files: ["edge/**"]\n    class: edge\nofflineImages:\n  - file: edge/offline-images.txt\n');
  const local = { ...hook, entry: hook.entry.replace(/^edgelint\b/, `node ${CLI}`), language: 'system' };
  writeFileSync(join(dir, '.pre-commit-config.yaml'), stringifyYaml({ repos: [{ repo: 'local', hooks: [local] }] }));
  const git = (...args: string[]) => {
    const r = run('git', args, { cwd: dir, env });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const preCommit = (...args: string[]) => {
    const r = run('pre-commit', [...args], { cwd: dir, env });
    return { status: r.status, output: r.stdout + r.stderr };
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'fleet');
  return { dir, env, git, preCommit };
}

/** File headers of edgelint's stylish report (a path alone on its line). */
function reportedFiles(output: string): string[] {
  return output.split('\n').filter((line) => /^[\w./-]+\.(ya?ml|json|service|socket|conf|sh|txt)$/.test(line));
}

describe('.pre-commit-hooks.yaml', () => {
  it('is a manifest pre-commit accepts', () => {
    const r = run('pre-commit', ['validate-manifest', MANIFEST], { cwd: ROOT, env: hermeticEnv() });
    expect(r.stderr + r.stdout).toBe('');
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('pre-commit rejects a broken manifest (the check above can fail)', () => {
    const dir = tempDir('bad-manifest');
    writeFileSync(join(dir, '.pre-commit-hooks.yaml'), '- id: edgelint\n  entry: edgelint --changed\n');
    const r = run('pre-commit', ['validate-manifest', join(dir, '.pre-commit-hooks.yaml')], { cwd: dir, env: hermeticEnv() });
    expect(r.status).not.toBe(0);
  });

  it('defines hook edgelint: node, --changed, every file in one serial call', () => {
    expect(manifest).toHaveLength(1);
    expect(hook).toMatchObject({ id: 'edgelint', entry: 'edgelint --changed', language: 'node', pass_filenames: true, require_serial: true });
  });

  it('selects the kinds of files edgelint reads, and not others', () => {
    // pre-commit applies `files` with Python's re.search; this pattern means the same in JavaScript.
    const files = new RegExp(hook.files);
    for (const name of ['a.yaml', 'dir/b.yml', 'c.json', 'x/mosquitto.service', 'y.socket', 'x.service.d/override.conf', 'mosquitto.conf', 'install.sh', 'setup.bash', '.edgelint.yaml', 'roles/broker/templates/mosquitto.service.j2', 'edgecore.yaml.tmpl', 'deploy.yaml.example']) {
      expect(files.test(name), name).toBe(true);
    }
    for (const name of ['README.md', 'main.go', 'yaml', 'a.yaml.bak', 'shell', 'notes.md.example']) expect(files.test(name), name).toBe(false);
  });
});

describe('pre-commit run with the edgelint hook', () => {
  it('fails on a staged unit file with a problem and shows the finding', () => {
    const repo = repository();
    const unit = readFileSync(join(repo.dir, UNIT), 'utf8').replace('[Service]', '[Service');
    writeFileSync(join(repo.dir, UNIT), unit);
    repo.git('add', UNIT);
    const r = repo.preCommit('run', '--color', 'never');
    expect(r.status, r.output).toBe(1);
    expect(r.output).toMatch(/^edgelint\.+Failed$/m);
    expect(r.output).toMatch(new RegExp(`^${UNIT}$`, 'm'));
    expect(r.output).toMatch(/^\s+7:1\s+error\s+Invalid section header.*core\/parse-error$/m);
  });

  it('passes a clean staged change although other files of the deployment have errors', async () => {
    const repo = repository();
    const whole = await lint({ cwd: repo.dir });
    expect(whole.findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
    mkdirSync(join(repo.dir, 'cloud'), { recursive: true });
    writeFileSync(join(repo.dir, 'cloud/settings.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  level: info\n');
    repo.git('add', 'cloud/settings.yaml');
    const r = repo.preCommit('run', '--color', 'never');
    expect(r.output).toMatch(/^edgelint\.+Passed$/m);
    expect(r.status, r.output).toBe(0);
  });

  it('skips the hook when no staged file is of a kind it reads', () => {
    const repo = repository();
    writeFileSync(join(repo.dir, 'NOTES.md'), '# notes\n');
    repo.git('add', 'NOTES.md');
    const r = repo.preCommit('run', '--color', 'never');
    expect(r.output).toMatch(/^edgelint\.+\(no files to check\)Skipped$/m);
    expect(r.status, r.output).toBe(0);
  });

  it('reports a cross-file finding in a changed file, which needs the unchanged files to be found', async () => {
    const repo = repository();
    // Alone, the chart has no drift: eclipse-mosquitto:1.6.15 only drifts from the unit's 2.0.
    const alone = runNode([CLI, '--format', 'json', DAEMONSET], { cwd: repo.dir });
    expect((JSON.parse(alone.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId)).not.toContain('node/image-drift');

    appendFileSync(join(repo.dir, DAEMONSET), '# reviewed\n');
    repo.git('add', DAEMONSET);
    const r = repo.preCommit('run', '--color', 'never');
    expect(r.status, r.output).toBe(1);
    expect(r.output).toMatch(/error\s+eclipse-mosquitto:1\.6\.15 in DaemonSet .*node\/image-drift$/m);
    expect(r.output.replace(/\s+/g, ' ')).toContain('edge-eclipse-mosquitto drifts from eclipse-mosquitto:2.0');
    expect(reportedFiles(r.output)).toEqual([DAEMONSET]);
  });

  it('does not report that cross-file finding when only the other side changed', async () => {
    const repo = repository();
    appendFileSync(join(repo.dir, UNIT), '# reviewed\n');
    repo.git('add', UNIT);
    const expected = await lint({ cwd: repo.dir, changed: [UNIT] });
    const r = repo.preCommit('run', '--color', 'never');
    expect(r.output).not.toContain('node/image-drift');
    expect(reportedFiles(r.output)).toEqual(expected.findings.length ? [UNIT] : []);
    expect(r.status).toBe(expected.findings.some((f) => f.severity === 'error') ? 1 : 0);
  });

  it('blocks a new unit whose port conflicts with an unchanged DaemonSet, reporting only the unit', () => {
    const repo = repository();
    const unit = readFileSync(join(repo.dir, UNIT), 'utf8');
    repo.git('rm', '-q', UNIT);
    repo.git('commit', '-q', '-m', 'no host broker yet');
    mkdirSync(join(repo.dir, UNIT, '..'), { recursive: true });
    writeFileSync(join(repo.dir, UNIT), unit);
    // Alone, the unit conflicts with nothing: the other listener on 1883 is the chart's DaemonSet.
    const alone = runNode([CLI, '--format', 'json', UNIT], { cwd: repo.dir });
    expect((JSON.parse(alone.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId)).not.toContain('node/host-port-conflict');

    repo.git('add', UNIT);
    const r = repo.preCommit('run', '--color', 'never');
    expect(r.status, r.output).toBe(1);
    expect(r.output).toMatch(/error\s+Host port 1883\/TCP on edge nodes is bound twice.*node\/host-port-conflict$/m);
    expect(r.output).toContain(`${DAEMONSET}:`);
    expect(reportedFiles(r.output)).toEqual([UNIT]);
  });

  it('blocks `git commit` once installed as the repository hook', () => {
    const repo = repository();
    const installed = repo.preCommit('install');
    expect(installed.status).toBe(0);
    const head = repo.git('rev-parse', 'HEAD');
    writeFileSync(join(repo.dir, 'edge/extra.yaml'), 'kind: EdgeCore\nmodules:\n  a: 1\nmodules:\n  b: 2\n');
    repo.git('add', 'edge/extra.yaml');
    const commit = run('git', ['commit', '-m', 'duplicate key'], { cwd: repo.dir, env: repo.env });
    expect(commit.status).not.toBe(0);
    expect(commit.stdout + commit.stderr).toMatch(/Duplicate key 'modules'.*yaml\/duplicate-key/);
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
  });
});

describe('edgelint --changed', () => {
  it('matches changed files given as repository-relative, ./-prefixed or absolute paths', () => {
    const dir = fleetCopy('changed');
    writeFileSync(join(dir, 'edge/extra.yaml'), 'kind: 1\nkind: 2\n');
    const findingsFor = (path: string) => {
      const r = runNode([CLI, '--changed', '--format', 'json', path], { cwd: dir });
      expect(r.stderr).toBe('');
      return (JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; file: string; line: number }> }).findings;
    };
    const plain = findingsFor('edge/extra.yaml');
    expect(plain.map((f) => [f.ruleId, f.file, f.line])).toEqual([['yaml/duplicate-key', 'edge/extra.yaml', 2]]);
    expect(findingsFor('./edge/extra.yaml')).toEqual(plain);
    expect(findingsFor(join(dir, 'edge/extra.yaml'))).toEqual(plain);
  });
});
