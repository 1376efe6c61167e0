/**
 * A K3s unit's drop-ins and environment: systemd merges `k3s.service.d/*.conf` into the unit (an empty
 * `ExecStart=` resets the list; two ExecStart= on a non-oneshot unit make systemd refuse it), and the
 * only K3S_* variable that changes what ServiceLB does is K3S_CONFIG_FILE (pkg/cli/cmds: `--disable`
 * has no EnvVar, `--config` has K3S_CONFIG_FILE).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

const EDGECORE = ['apiVersion: edgecore.config.kubeedge.io/v1alpha2', 'kind: EdgeCore', 'modules:', '  edged:', '    enable: true', ''].join('\n');
const UNIT = ['[Unit]', 'Description=Lightweight Kubernetes', '[Service]', 'Type=notify', 'EnvironmentFile=-/etc/default/%N', 'EnvironmentFile=-/etc/systemd/system/k3s.service.env', 'Restart=always', 'ExecStart=/usr/local/bin/k3s \\', '    server', ''].join('\n');
const SYSTEMD = 'cloud/etc/systemd/system';

async function findings(files: Record<string, string>) {
  const result = await lint({ files: Object.entries({ 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE, ...files }).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config: { kubeedgeVersion: '1.22' } });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}:${f.column}`).sort();
}

describe('a K3s unit with drop-ins and environment files', () => {
  it.each([
    ['a drop-in adding flags through a reset ExecStart', ['[Service]', 'ExecStart=', 'ExecStart=/usr/local/bin/k3s server --node-ip 10.0.0.2', ''], `${SYSTEMD}/k3s.service.d/override.conf:3:30`],
    ['a drop-in setting the environment only', ['[Service]', 'Environment=K3S_NODE_NAME=cloud-0', ''], `${SYSTEMD}/k3s.service:9:5`],
    // K3S_* variables set flags with an EnvVar; neither --disable nor --disable-cloud-controller has one.
    ['a drop-in setting a K3S_DISABLE no flag reads', ['[Service]', 'Environment="K3S_DISABLE=servicelb"', ''], `${SYSTEMD}/k3s.service:9:5`],
  ])('%s: the server still runs ServiceLB', async (_name, dropIn, at) => {
    expect(await findings({ [`${SYSTEMD}/k3s.service`]: UNIT, [`${SYSTEMD}/k3s.service.d/override.conf`]: dropIn.join('\n') })).toEqual([`node/sysctl-not-allowed error ${at}`]);
  });

  it.each([
    ['a drop-in resetting ExecStart to a server that disables ServiceLB', ['[Service]', 'ExecStart=', 'ExecStart=/usr/local/bin/k3s server --disable servicelb', '']],
    ['a drop-in resetting ExecStart to an agent', ['[Service]', 'ExecStart=', 'ExecStart=/usr/local/bin/k3s agent --server https://10.0.0.1:6443', '']],
    // systemd refuses a non-oneshot unit left with two ExecStart= (service_verify): nothing starts.
    ['a drop-in adding a second ExecStart without resetting', ['[Service]', 'ExecStart=/usr/local/bin/k3s server --node-ip 10.0.0.2', '']],
    ['a drop-in pointing the server at a config file of its own', ['[Service]', 'Environment=K3S_CONFIG_FILE=/etc/k3s/cloud.yaml', '']],
  ])('%s: nothing', async (_name, dropIn) => {
    expect(await findings({ [`${SYSTEMD}/k3s.service`]: UNIT, [`${SYSTEMD}/k3s.service.d/10-local.conf`]: dropIn.join('\n') })).toEqual([]);
  });

  // systemd fills `$K3S_OPTS` from the unit's environment (model/exec-environment.ts); one it cannot tell stays open.
  it.each([
    ['flags that keep ServiceLB', 'Environment="K3S_OPTS=--node-ip 10.0.0.2 --tls-san cloud"', [`${SYSTEMD}/k3s.service.d/opts.conf:4:30`]],
    ['flags that disable ServiceLB', 'Environment="K3S_OPTS=--disable servicelb"', []],
    ['an environment file not in the deployment', 'EnvironmentFile=/etc/k3s/opts', []],
  ])('ExecStart=k3s server $K3S_OPTS with %s', async (_name, environment, at) => {
    const dropIn = ['[Service]', environment, 'ExecStart=', 'ExecStart=/usr/local/bin/k3s server $K3S_OPTS', ''].join('\n');
    expect(await findings({ [`${SYSTEMD}/k3s.service`]: UNIT.replace(/EnvironmentFile=.*\n/g, ''), [`${SYSTEMD}/k3s.service.d/opts.conf`]: dropIn })).toEqual(at.map((a) => `node/sysctl-not-allowed error ${a}`));
  });

  it('a drop-in alone (the unit is the installer\'s, on the host) runs the server its ExecStart names', async () => {
    const dropIn = ['[Service]', 'ExecStart=', 'ExecStart=/usr/local/bin/k3s server --tls-san 10.0.0.2', 'Restart=always', ''].join('\n');
    expect(await findings({ [`${SYSTEMD}/k3s.service.d/override.conf`]: dropIn })).toEqual([`node/sysctl-not-allowed error ${SYSTEMD}/k3s.service.d/override.conf:3:30`]);
  });

  it('a drop-in a script writes with a heredoc resets ExecStart to a server that disables ServiceLB', async () => {
    const script = ['#!/bin/sh', 'mkdir -p /etc/systemd/system/k3s.service.d', "cat > /etc/systemd/system/k3s.service.d/override.conf <<'EOF'", '[Service]', 'ExecStart=', 'ExecStart=/usr/local/bin/k3s server --disable=servicelb', 'EOF', ''].join('\n');
    expect(await findings({ [`${SYSTEMD}/k3s.service`]: UNIT, 'cloud/setup.sh': script })).toEqual([]);
  });

  it.each([
    ['the installer\'s environment file', `${SYSTEMD}/k3s.service.env`, 'K3S_TOKEN=abc\nK3S_CONFIG_FILE=/etc/k3s/cloud.yaml\n', []],
    ['/etc/default/%N', 'cloud/etc/default/k3s', 'K3S_CONFIG_FILE="/etc/k3s/cloud.yaml"\n', []],
    ['an environment file of K3S_* variables no ServiceLB switch reads', `${SYSTEMD}/k3s.service.env`, 'K3S_TOKEN=abc\nK3S_KUBECONFIG_MODE=644\nK3S_DISABLE=servicelb\n', [`${SYSTEMD}/k3s.service:9:5`]],
    ['an environment file of another unit', `${SYSTEMD}/rke2.service.env`, 'K3S_CONFIG_FILE=/etc/k3s/cloud.yaml\n', [`${SYSTEMD}/k3s.service:9:5`]],
  ])('%s', async (_name, path, text, at) => {
    expect(await findings({ [`${SYSTEMD}/k3s.service`]: UNIT, [path]: text })).toEqual(at.map((a) => `node/sysctl-not-allowed error ${a}`));
  });
});
