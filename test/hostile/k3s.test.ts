/**
 * K3s readers (hostile12): what a unit's environment files and a script's download of K3s's installer
 * say is read once, whatever a hostile unit or command line repeats. Before the fixes, 10,000
 * EnvironmentFile= lines naming an 800 KB file took 3.9 s (each line searched every file's text), and a
 * `curl` of the installer with 10,000 `-O` words took 5.9 s (each `-O` searched every word for the URL).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { unitServers } from '../../src/engine/k3s-units.js';
import { expectSurvived, makeTree, removeTree, runCli, runLint, SIBLING } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTree(dir);
});

const EDGECORE = 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    enable: true\n';

describe('hostile K3s units and installers', () => {
  it('10,000 EnvironmentFile= lines naming one file: its text is searched once', () => {
    const env = new SourceFile('cloud/etc/default/k3s', 'K3S_NODE_NAME=cloud-0\n', 'unknown');
    let reads = 0;
    const text = env.text;
    Object.defineProperty(env, 'text', {
      get: () => {
        reads++;
        return text;
      },
    });
    const unit = new SourceFile('cloud/etc/systemd/system/k3s.service', `[Service]\n${'EnvironmentFile=-/etc/default/k3s\n'.repeat(10_000)}ExecStart=/usr/local/bin/k3s server\n`, 'systemd');
    const servers = unitServers([unit], [env]);
    expect(servers.map((s) => s.at.source.text.slice(s.at.start, s.at.end))).toEqual(['server']);
    expect(reads).toBeLessThanOrEqual(2);
  });

  it('CLI (256 MB heap, 60 s): a curl of the installer with 100,000 `-O` words, then `sh install.sh`', () => {
    const script = `#!/bin/sh\ncurl -sfL https://raw.githubusercontent.com/k3s-io/k3s/master/install.sh${' -O'.repeat(100_000)}\nsh install.sh\n`;
    const dir = makeTree({ 'install.sh': script, 'edge/edgecore.yaml': EDGECORE, [SIBLING.path]: SIBLING.content });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expectSurvived(run);
    // The installer the script downloaded (`-O`: install.sh) sets up a server, reported at `sh`.
    expect(run.findings.filter((f) => f.file === 'install.sh').map((f) => [f.ruleId, f.line, f.column])).toEqual([['node/sysctl-not-allowed', 3, 1]]);
  });

  it('CLI (256 MB heap): a K3s config.yaml over the parser budget is named in a notice and its settings are unknown, not dropped', () => {
    // hostile14: `disable: servicelb` then 100,001 tls-san items; the file was skipped in silence and the
    // ServiceLB it turns off reported (node/sysctl-not-allowed at the unit's `server`).
    const config = `disable: servicelb\ntls-san:\n${Array.from({ length: 100_001 }, (_, i) => `  - host${i}.example.com\n`).join('')}`;
    const dir = makeTree({
      'etc/systemd/system/k3s.service': '[Service]\nExecStart=/usr/local/bin/k3s server\nRestart=always\n',
      'etc/rancher/k3s/config.yaml': config,
      'etc/rancher/k3s/config.yaml.d/10-labels.yaml': 'node-label+:\n  - a=b\n',
      [SIBLING.path]: SIBLING.content,
    });
    dirs.push(dir);
    const run = runCli(dir, ['.'], 256, 60_000);
    expectSurvived(run);
    expect(run.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([`${SIBLING.path}:${SIBLING.line}:${SIBLING.column} yaml/duplicate-key`]);
    expect(run.stderr).toBe('edgelint: etc/rancher/k3s/config.yaml: too large to read (100003 lines of block nodes; edgelint reads at most 100000 per document); what it configures was not applied\n');
  });

  it('a K3s config.yaml a script writes over the budget is named with the script', async () => {
    const body = `disable: servicelb\ntls-san:\n${'  - h.example.com\n'.repeat(100_001)}`;
    const script = `#!/bin/sh\ncat > /etc/rancher/k3s/config.yaml <<EOF\n${body}EOF\ncurl -sfL https://get.k3s.io | sh -\n`;
    const result = await runLint('/nonexistent-hostile14', { files: [{ path: 'cloud.sh', content: script }] });
    expect(result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`)).toEqual([]);
    expect(result.notices).toEqual(['cloud.sh: the file it writes to /etc/rancher/k3s/config.yaml: too large to read (100003 lines of block nodes; edgelint reads at most 100000 per document); what it configures was not applied']);
  });
});
