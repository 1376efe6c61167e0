/**
 * What a CI job relies on (issue 12 §4): a run that lints nothing fails, a report path's folders are
 * made, an unsupported kubeedgeVersion is a config error, and errors print one line with one prefix.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding `files` (path → text). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'edgelint-trust-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const UNIT = '[Unit]\nDescription=edge broker\n\n[Service]\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf\nRestart=always\n';

describe('a run that lints nothing exits 2', () => {
  it.each<{ name: string; files: Record<string, string>; args: string[]; says: string }>([
    { name: 'an empty folder, no paths', files: {}, args: [], says: 'no files matched: no file edgelint can lint was found' },
    { name: 'a glob that matches nothing', files: { 'edge/mosquitto.service': UNIT }, args: ['edge/*.servce'], says: 'no files matched "edge/*.servce"' },
    { name: 'a folder with no lintable file', files: { 'docs/README.md': '# hi\n', 'edge/mosquitto.service': UNIT }, args: ['docs', 'edge'], says: 'no files matched "docs"' },
    { name: 'a named file of no known kind', files: { 'README.md': '# hi\n' }, args: ['README.md'], says: 'no files matched "README.md"' },
  ])('$name', ({ files, args, says }) => {
    const cwd = folder(files);
    const run = runCli(args, { cwd });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`edgelint: ${says}; --no-error-on-unmatched-pattern allows this\n`);
    const allowed = runCli(['--no-error-on-unmatched-pattern', ...args], { cwd });
    expect(allowed.status).toBe(0);
    expect(allowed.stderr).not.toContain('no files matched');
  });

  it('does not fail when every pattern leads to a linted file', () => {
    const cwd = folder({ 'edge/mosquitto.service': UNIT, 'edge/a/b.service': UNIT });
    const run = runCli(['edge/*.service', 'edge/a', './edge/'], { cwd });
    expect(run.stderr).not.toContain('no files matched');
    expect(run.status).toBe(0);
  });

  it('does not apply to --changed, which names what a commit touched', () => {
    const cwd = folder({ 'edge/mosquitto.service': UNIT, 'README.md': '# hi\n' });
    const run = runCli(['--changed', 'README.md'], { cwd });
    expect(run.status).toBe(0);
  });
});

describe('-o', () => {
  it('creates the folders of the report path', () => {
    const cwd = folder({ 'edge/mosquitto.service': UNIT.replace('Restart=always\n', '') });
    for (const format of ['sarif', 'json', 'stylish']) {
      const run = runCli(['-f', format, '-o', `out/${format}/deep/report.txt`, 'edge'], { cwd });
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(join(cwd, 'out', format, 'deep', 'report.txt'), 'utf8')).toContain('systemd/require-restart');
    }
  });

  it('says why in one line when the folder cannot be made', () => {
    const cwd = folder({ 'edge/mosquitto.service': UNIT, blocker: 'a file, not a folder\n' });
    const run = runCli(['-o', 'blocker/report.sarif', 'edge'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('edgelint: cannot write blocker/report.sarif: EEXIST\n');
    expect(existsSync(join(cwd, 'blocker'))).toBe(true);
  });
});

describe('kubeedgeVersion', () => {
  it.each(['1.99', 'v1.24.3', '2.0'])('%s is a config error naming the supported range', (version) => {
    const cwd = folder({ '.edgelint.yaml': `kubeedgeVersion: "${version}"\n`, 'edge/mosquitto.service': UNIT });
    const run = runCli(['edge'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`edgelint: .edgelint.yaml:1:1: kubeedgeVersion: "${version}" is not a KubeEdge version edgelint supports (up to 1.23; edgecore.yaml schemas from 1.16)\n`);
  });

  it.each(['1.16', 'v1.22.2', '1.23'])('%s is accepted', (version) => {
    const cwd = folder({ '.edgelint.yaml': `kubeedgeVersion: "${version}"\n`, 'edge/mosquitto.service': UNIT });
    const run = runCli(['edge'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('the KubeEdge version a run assumed', () => {
  const EDGECORE = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  eventBus:\n    enable: false\n';
  const OWN_VERSION = EDGECORE.replace('kind: EdgeCore\n', 'kind: EdgeCore\nedgecoreVersion: v1.20.0\n');
  const SYSCTL_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    sysctls:\n    - name: net.ipv4.ip_forward\n      value: "1"\n  containers:\n  - name: c\n    image: busybox:1.36\n';
  const NOTICE = "edgelint: assuming KubeEdge 1.23, the newest edgelint knows: set kubeedgeVersion in .edgelint.yaml to the release your edge nodes run\n";

  it.each<{ name: string; files: Record<string, string> }>([
    { name: 'an edgecore.yaml without its own edgecoreVersion', files: { 'edge/edgecore.yaml': EDGECORE } },
    { name: 'a pod asking for sysctls', files: { 'cloud/pod.yaml': SYSCTL_POD } },
    { name: 'an install script editing edgecore.yaml', files: { 'install.sh': '#!/bin/sh\nsed -i "s/enable: false/enable: true/" /etc/kubeedge/config/edgecore.yaml\n' } },
  ])('is said once on stderr, and in JSON and SARIF, when $name is judged by it', ({ files }) => {
    const cwd = folder(files as Record<string, string>);
    const json = runCli(['-f', 'json', '--exit-zero', '.'], { cwd });
    expect(json.stderr).toBe(NOTICE);
    expect((JSON.parse(json.stdout) as { deployments: unknown }).deployments).toEqual([{ root: '.', files: 1, kubeedgeVersion: '1.23', kubeedgeVersionAssumed: true }]);
    const sarif = JSON.parse(runCli(['-f', 'sarif', '--exit-zero', '.'], { cwd }).stdout) as { runs: Array<{ properties?: unknown }> };
    expect(sarif.runs[0].properties).toEqual({ deployments: [{ root: '.', files: 1, kubeedgeVersion: '1.23', kubeedgeVersionAssumed: true }] });
  });

  it.each<{ name: string; files: Record<string, string> }>([
    { name: 'nothing in the run depends on the release', files: { 'edge/mosquitto.service': UNIT } },
    {
      name: 'an install script edits a YAML file that is not edgecore.yaml',
      files: { 'install.sh': '#!/bin/sh\nsed -i "s/MASTER_NODE/$MASTER_NODE/g" conf/edge.yaml\n', 'conf/edge.yaml': 'edgehub:\n  server: 10.0.0.1:10000\n' },
    },
  ])('is recorded but not said when $name', ({ files }) => {
    const cwd = folder(files);
    const run = runCli(['-f', 'json', '--exit-zero', '.'], { cwd });
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as { deployments: Array<{ kubeedgeVersionAssumed: boolean }> }).deployments[0].kubeedgeVersionAssumed).toBe(true);
  });

  it("is the deployment's own when its edgecore.yaml states edgecoreVersion: no notice, that minor in the report", () => {
    const cwd = folder({ 'edge/edgecore.yaml': OWN_VERSION });
    const run = runCli(['-f', 'json', '--exit-zero', '.'], { cwd });
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as { deployments: unknown }).deployments).toEqual([{ root: '.', files: 1, kubeedgeVersion: '1.20', kubeedgeVersionAssumed: false }]);
  });

  it('is not assumed when configured: no notice, the configured minor in the report', () => {
    const cwd = folder({ '.edgelint.yaml': 'kubeedgeVersion: v1.21.3\n', 'edge/edgecore.yaml': EDGECORE });
    const run = runCli(['-f', 'json', '--exit-zero', '.'], { cwd });
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as { deployments: unknown }).deployments).toEqual([{ root: '.', config: '.edgelint.yaml', files: 1, kubeedgeVersion: '1.21', kubeedgeVersionAssumed: false }]);
  });

  it('names the deployment when there are several', () => {
    const cwd = folder({ 'a/.edgelint.yaml': 'kubeedgeVersion: "1.22"\n', 'a/edgecore.yaml': EDGECORE, 'b/.edgelint.yaml': '{}\n', 'b/edgecore.yaml': EDGECORE });
    const run = runCli(['--exit-zero', '.'], { cwd });
    expect(run.stderr).toBe(NOTICE.replace('edgelint: ', 'edgelint: b: '));
  });
});

describe('error messages', () => {
  it.each([
    { args: ['explain'], says: 'edgelint: explain: name a rule, e.g. "edgelint explain node/image-drift"\n' },
    { args: ['explain', 'nope/nothing'], says: 'edgelint: explain: unknown rule "nope/nothing"; "edgelint rules" lists them\n' },
    { args: ['rules', '--format', 'sarif'], says: 'edgelint: rules: unknown --format "sarif" (text | markdown | json)\n' },
  ])('$args: one prefix, one line', ({ args, says }) => {
    const run = runCli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(says);
  });
});
