/**
 * Deployments (SPEC §1): the files one model is built from. Each case writes a small repository in
 * this project's own words and asserts which deployment every finding lands in, and that nothing
 * crosses from one deployment into another.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../temp.js';
import { lint } from '../../src/engine/lint.js';
import type { Finding } from '../../src/core/finding.js';

/** A repository (it has `.git`) with the given files. */
function repo(files: Record<string, string>): string {
  return tempTree('deployments', files, { repository: true });
}

/** A broker a site runs on its edge nodes: listens on 1883 on every interface, with a password file. */
const BROKER = 'listener 1883\nallow_anonymous false\npassword_file /etc/mosquitto/passwd\n';
/** A duplicate key: one finding in whichever deployment holds it. */
const DUPLICATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';

const where = (f: Finding) => `${f.deployment} ${f.ruleId} ${f.file}:${f.line}:${f.column}`;
const conflicts = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'node/host-port-conflict').map(where);

describe('grouping files into deployments', () => {
  it('roots a deployment at the nearest .edgelint.yaml above each file: two sites on 1883 do not conflict', async () => {
    const dir = repo({
      'sites/plant-a/.edgelint.yaml': 'kubeedgeVersion: "1.22"\n',
      'sites/plant-a/edge/mosquitto.conf': BROKER,
      'sites/plant-b/.edgelint.yaml': 'kubeedgeVersion: "1.22"\n',
      'sites/plant-b/edge/mosquitto.conf': BROKER,
    });
    const result = await lint({ cwd: dir });
    expect(conflicts(result.findings)).toEqual([]);
    expect(result.deployments).toEqual([
      { root: 'sites/plant-a', config: 'sites/plant-a/.edgelint.yaml', files: 1, kubeedgeVersion: '1.22', kubeedgeVersionAssumed: false },
      { root: 'sites/plant-b', config: 'sites/plant-b/.edgelint.yaml', files: 1, kubeedgeVersion: '1.22', kubeedgeVersionAssumed: false },
    ]);
  });

  it('still finds the conflict of two brokers inside one site', async () => {
    const dir = repo({
      'sites/plant-a/.edgelint.yaml': 'kubeedgeVersion: "1.22"\n',
      'sites/plant-a/edge/mosquitto.conf': BROKER,
      'sites/plant-a/edge/opt/bridge/mosquitto.conf': BROKER,
      'sites/plant-b/.edgelint.yaml': 'kubeedgeVersion: "1.22"\n',
      'sites/plant-b/edge/mosquitto.conf': BROKER,
    });
    const result = await lint({ cwd: dir });
    expect(conflicts(result.findings)).toEqual([
      'sites/plant-a node/host-port-conflict sites/plant-a/edge/mosquitto.conf:1:1',
      'sites/plant-a node/host-port-conflict sites/plant-a/edge/opt/bridge/mosquitto.conf:1:1',
    ]);
    for (const f of result.findings) for (const r of f.related ?? []) expect(r.file.startsWith('sites/plant-a/')).toBe(true);
  });

  it('puts files with no config above them in one default deployment at the repository root', async () => {
    const dir = repo({ 'a/edge/mosquitto.conf': BROKER, 'b/edge/opt/bridge/mosquitto.conf': BROKER, 'site/.edgelint.yaml': '{}\n', 'site/x.yaml': DUPLICATE });
    const result = await lint({ cwd: join(dir, 'a') , paths: ['..'] });
    expect(result.deployments).toEqual([
      { root: '..', files: 2, kubeedgeVersion: '1.23', kubeedgeVersionAssumed: true },
      { root: '../site', config: '../site/.edgelint.yaml', files: 1, kubeedgeVersion: '1.23', kubeedgeVersionAssumed: true },
    ]);
    expect(conflicts(result.findings)).toEqual(['.. node/host-port-conflict ../b/edge/opt/bridge/mosquitto.conf:1:1', '.. node/host-port-conflict edge/mosquitto.conf:1:1']);
    expect(result.findings.filter((f) => f.ruleId === 'yaml/duplicate-key').map(where)).toEqual(['../site yaml/duplicate-key ../site/x.yaml:5:3']);
  });

  it('uses each deployment\'s own config: rule severities apply only to its files', async () => {
    const dir = repo({
      'quiet/.edgelint.yaml': 'rules:\n  yaml/duplicate-key: off\n',
      'quiet/x.yaml': DUPLICATE,
      'loud/.edgelint.yaml': '{}\n',
      'loud/x.yaml': DUPLICATE,
    });
    const result = await lint({ cwd: dir });
    expect(result.findings.map(where)).toEqual(['loud yaml/duplicate-key loud/x.yaml:5:3']);
  });

  it('reads each config once however many files share it', async () => {
    const files: Record<string, string> = { '.edgelint.yaml': 'deployments: ["sites/*"]\n' };
    for (let i = 0; i < 30; i++) files[`sites/s${i % 3}/d${i}/x.yaml`] = DUPLICATE;
    const dir = repo(files);
    const result = await lint({ cwd: dir });
    expect(result.deployments.map((d) => [d.root, d.files])).toEqual([
      ['sites/s0', 10],
      ['sites/s1', 10],
      ['sites/s2', 10],
    ]);
    expect(new Set(result.findings.map((f) => f.deployment))).toEqual(new Set(['sites/s0', 'sites/s1', 'sites/s2']));
  });
});

describe('deployments: in a root config', () => {
  it('makes each directory a string glob matches its own deployment, using the root config', async () => {
    const dir = repo({
      '.edgelint.yaml': 'deployments: ["sites/*"]\nrules:\n  mosquitto/no-anonymous: error\n',
      'sites/plant-a/edge/mosquitto.conf': BROKER,
      'sites/plant-b/edge/mosquitto.conf': BROKER,
      'sites/plant-b/edge/open.conf': 'listener 8883\nallow_anonymous true\n',
    });
    const result = await lint({ cwd: dir });
    expect(conflicts(result.findings)).toEqual([]);
    expect(result.findings.map(where)).toEqual(['sites/plant-b mosquitto/no-anonymous sites/plant-b/edge/open.conf:2:1']);
    expect(result.deployments).toEqual([
      { root: 'sites/plant-a', config: '.edgelint.yaml', files: 1, kubeedgeVersion: '1.23', kubeedgeVersionAssumed: true },
      { root: 'sites/plant-b', config: '.edgelint.yaml', files: 2, kubeedgeVersion: '1.23', kubeedgeVersionAssumed: true },
    ]);
  });

  it('lets a nearer .edgelint.yaml inside a listed directory take over', async () => {
    const dir = repo({
      '.edgelint.yaml': 'deployments: ["sites/*"]\n',
      'sites/plant-a/x.yaml': DUPLICATE,
      'sites/plant-b/.edgelint.yaml': 'rules:\n  yaml/duplicate-key: off\n',
      'sites/plant-b/x.yaml': DUPLICATE,
    });
    const result = await lint({ cwd: dir });
    expect(result.findings.map(where)).toEqual(['sites/plant-a yaml/duplicate-key sites/plant-a/x.yaml:5:3']);
    expect(result.deployments.map((d) => `${d.root} ${d.config}`)).toEqual(['sites/plant-a .edgelint.yaml', 'sites/plant-b sites/plant-b/.edgelint.yaml']);
  });

  it('makes a { name, files } group one deployment across directories, apart from another group', async () => {
    const dir = repo({
      '.edgelint.yaml': 'deployments:\n  - name: prod\n    files: ["gateway/prod/**", "edge/prod/**"]\n  - name: staging\n    files: ["gateway/staging/**", "edge/staging/**"]\n',
      'edge/prod/mosquitto.conf': BROKER,
      'gateway/prod/opt/broker.conf': BROKER,
      'edge/staging/mosquitto.conf': BROKER,
    });
    // Folders that name no side (a `cloud/` one would put its broker on the cloud host: README, hosts).
    const result = await lint({ cwd: dir });
    expect(conflicts(result.findings)).toEqual(['.#prod node/host-port-conflict edge/prod/mosquitto.conf:1:1', '.#prod node/host-port-conflict gateway/prod/opt/broker.conf:1:1']);
    expect(result.deployments).toEqual([
      { root: '.', config: '.edgelint.yaml', files: 2, name: 'prod', kubeedgeVersion: '1.23', kubeedgeVersionAssumed: true },
      { root: '.', config: '.edgelint.yaml', files: 1, name: 'staging', kubeedgeVersion: '1.23', kubeedgeVersionAssumed: true },
    ]);
  });

  it('keeps files no entry matches in the config\'s own deployment', async () => {
    const dir = repo({ '.edgelint.yaml': 'deployments: ["sites/*"]\n', 'shared/x.yaml': DUPLICATE, 'sites/a/x.yaml': DUPLICATE });
    const result = await lint({ cwd: dir });
    expect(result.findings.map((f) => `${f.deployment} ${f.file}`)).toEqual(['. shared/x.yaml', 'sites/a sites/a/x.yaml']);
  });
});

describe('a config given to lint()', () => {
  it('--config FILE: everything given is one deployment rooted at the config\'s directory (today\'s behaviour)', async () => {
    const dir = repo({
      'ci/edgelint.yaml': 'kubeedgeVersion: "1.22"\n',
      'sites/plant-a/.edgelint.yaml': '{}\n',
      'sites/plant-a/edge/mosquitto.conf': BROKER,
      'sites/plant-b/.edgelint.yaml': '{}\n',
      'sites/plant-b/edge/opt/bridge/mosquitto.conf': BROKER,
    });
    const result = await lint({ cwd: dir, config: 'ci/edgelint.yaml' });
    // ci/edgelint.yaml is YAML in the walked tree but neither a manifest nor an edgecore config, so it is not linted.
    expect(result.deployments).toEqual([{ root: 'ci', config: 'ci/edgelint.yaml', files: 2, kubeedgeVersion: '1.22', kubeedgeVersionAssumed: false }]);
    expect(conflicts(result.findings)).toEqual(['ci node/host-port-conflict sites/plant-a/edge/mosquitto.conf:1:1', 'ci node/host-port-conflict sites/plant-b/edge/opt/bridge/mosquitto.conf:1:1']);
  });

  it('a config object with in-memory files: one deployment at cwd, nothing read from disk', async () => {
    const result = await lint({ cwd: '/nonexistent-edgelint-deployments', config: {}, files: [{ path: 'a/m.conf', content: BROKER }, { path: 'b/opt/m.conf', content: BROKER }] });
    expect(result.deployments).toEqual([{ root: '.', files: 2, kubeedgeVersion: '1.23', kubeedgeVersionAssumed: true }]);
    expect(conflicts(result.findings)).toEqual(['. node/host-port-conflict a/m.conf:1:1', '. node/host-port-conflict b/opt/m.conf:1:1']);
  });

  it('in-memory files without a config find their configs on disk from their paths', async () => {
    const dir = repo({ 'sites/plant-a/.edgelint.yaml': '{}\n', 'sites/plant-b/.edgelint.yaml': '{}\n' });
    const files = [
      { path: 'sites/plant-a/m.conf', content: BROKER },
      { path: 'sites/plant-b/m.conf', content: BROKER },
    ];
    const result = await lint({ cwd: dir, files });
    expect(conflicts(result.findings)).toEqual([]);
    expect(result.deployments.map((d) => d.root)).toEqual(['sites/plant-a', 'sites/plant-b']);
  });
});

describe('--changed', () => {
  it('loads only the deployment of each changed file, and reports only on changed files', async () => {
    const dir = repo({
      'sites/plant-a/.edgelint.yaml': '{}\n',
      'sites/plant-a/edge/mosquitto.conf': BROKER,
      'sites/plant-a/edge/opt/bridge.conf': BROKER,
      'sites/plant-b/.edgelint.yaml': '{}\n',
      'sites/plant-b/x.yaml': DUPLICATE,
    });
    const result = await lint({ cwd: dir, changed: ['sites/plant-a/edge/opt/bridge.conf'] });
    expect(result.deployments).toEqual([{ root: 'sites/plant-a', config: 'sites/plant-a/.edgelint.yaml', files: 2, kubeedgeVersion: '1.23', kubeedgeVersionAssumed: true }]);
    expect(result.findings.map(where)).toEqual(['sites/plant-a node/host-port-conflict sites/plant-a/edge/opt/bridge.conf:1:1']);
    expect([...result.sources.keys()].sort()).toEqual(['sites/plant-a/.edgelint.yaml', 'sites/plant-a/edge/mosquitto.conf', 'sites/plant-a/edge/opt/bridge.conf']);
  });
});

describe('config found per file, not from the working directory', () => {
  it('linting sites/ from the root gives what linting . from inside each site gives', async () => {
    const dir = repo({
      '.edgelint.yaml': 'rules:\n  yaml/duplicate-key: off\n',
      'sites/plant-a/.edgelint.yaml': 'kubeedgeVersion: "1.22"\nhosts:\n  - files: ["edge/**"]\n    class: edge\n',
      'sites/plant-a/edge/mosquitto.conf': BROKER,
      'sites/plant-a/edge/bridge.conf': BROKER,
      'sites/plant-a/x.yaml': DUPLICATE,
      'sites/plant-b/.edgelint.yaml': 'rules:\n  node/host-port-conflict: off\n',
      'sites/plant-b/edge/mosquitto.conf': BROKER,
      'sites/plant-b/edge/bridge.conf': BROKER,
      'sites/plant-b/x.yaml': DUPLICATE,
    });
    const fromRoot = await lint({ cwd: dir, paths: ['sites/'] });
    for (const site of ['plant-a', 'plant-b']) {
      const alone = await lint({ cwd: join(dir, 'sites', site), paths: ['.'] });
      const prefix = `sites/${site}/`;
      const unprefix = (text: string) => text.split(prefix).join('');
      const strip = (f: Finding) => ({
        ...f,
        file: unprefix(f.file),
        message: unprefix(f.message),
        deployment: '.',
        related: f.related?.map((r) => ({ ...r, file: unprefix(r.file), message: unprefix(r.message) })),
      });
      expect(alone.findings.length).toBeGreaterThan(0);
      expect(fromRoot.findings.filter((f) => f.deployment === `sites/${site}`).map(strip)).toEqual(alone.findings);
    }
  });
});
