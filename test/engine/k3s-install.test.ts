/**
 * K3s installed by its official install script (k3s-io/k3s install.sh): the unit it writes runs
 * `k3s server` unless K3S_URL makes it an agent or the first word of INSTALL_K3S_EXEC and the script's
 * arguments names another command; a server brings ServiceLB's svclb-traefik DaemonSet, whose
 * net.ipv4.ip_forward sysctl edged refuses. Reported at the word that runs the installer.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

const EDGECORE = ['apiVersion: edgecore.config.kubeedge.io/v1alpha2', 'kind: EdgeCore', 'modules:', '  edged:', '    enable: true', ''].join('\n');

async function findings(files: Record<string, string>) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config: { kubeedgeVersion: '1.22' } });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}:${f.column}`).sort();
}

const script = (...lines: string[]) => ['#!/bin/sh', 'set -e', ...lines, ''].join('\n');
const withEdge = (body: string, more: Record<string, string> = {}) => ({ 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE, 'cloud/install-k3s.sh': body, ...more });

describe('K3s set up by its install script', () => {
  it.each([
    ['curl -sfL https://get.k3s.io | sh -', 3, 32],
    ['curl -sfL https://get.k3s.io | sh', 3, 32],
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="server --write-kubeconfig-mode 644" sh -', 3, 86],
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="--write-kubeconfig-mode=644" sh -s - --node-name cloud-0', 3, 79],
    ['curl -sfL https://get.k3s.io | sh -s - server --node-name cloud-0', 3, 32],
    ['curl -sfL https://get.k3s.io | sudo sh -s -- --tls-san 10.0.0.2', 3, 37],
    ['wget -qO- https://get.k3s.io | sudo INSTALL_K3S_EXEC="--disable metrics-server" sh -', 3, 81],
    // Enabled but not started: the unit runs from the next boot on (install.sh service_enable_and_start).
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_SKIP_START=true sh -', 3, 60],
    // A K3S_URL with an explicit `server` joins another server: it is a server all the same.
    ['curl -sfL https://get.k3s.io | K3S_URL=https://10.0.0.1:6443 K3S_TOKEN=t sh -s - server', 3, 74],
    ['curl -sfL https://rancher-mirror.rancher.cn/k3s/k3s-install.sh | INSTALL_K3S_MIRROR=cn sh -', 3, 88],
    // Releases from the first ones whose ServiceLB asks for it on (data/k3s.json ipv4SysctlFrom), and a channel of them.
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=v1.23.13+k3s1 sh -', 3, 66],
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION="v1.28.5+k3s1" sh -s - server', 3, 67],
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_CHANNEL=v1.24 sh -', 3, 58],
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_CHANNEL=stable sh -', 3, 59],
  ])('`%s`: svclb-traefik asks edge nodes for net.ipv4.ip_forward', async (command, line, column) => {
    expect(await findings(withEdge(script(command)))).toEqual([`node/sysctl-not-allowed error cloud/install-k3s.sh:${line}:${column}`]);
  });

  it.each([
    [['export INSTALL_K3S_EXEC="--node-ip 10.0.0.2"', 'curl -sfL https://get.k3s.io | sh -'], 4, 32],
    [['curl -sfL https://get.k3s.io -o install.sh', 'sh install.sh --write-kubeconfig-mode 644'], 4, 1],
    [['curl -sfL -o /tmp/k3s-install.sh https://get.k3s.io', 'chmod +x /tmp/k3s-install.sh', 'INSTALL_K3S_EXEC=server /tmp/k3s-install.sh'], 5, 25],
    [['wget -O k3s.sh https://get.k3s.io', 'bash ./k3s.sh'], 4, 1],
    [["ssh root@10.0.0.2 'curl -sfL https://get.k3s.io | sh -'"], 3, 51],
  ])('%j: the installer sets up a server', async (lines, line, column) => {
    expect(await findings(withEdge(script(...lines)))).toEqual([`node/sysctl-not-allowed error cloud/install-k3s.sh:${line}:${column}`]);
  });

  it.each([
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="server --disable traefik" sh -'],
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="--disable=servicelb" sh -s - --write-kubeconfig-mode 644'],
    ['curl -sfL https://get.k3s.io | sh -s - server --disable=servicelb'],
    ['curl -sfL https://get.k3s.io | sh -s - --disable-cloud-controller'],
    ["curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC=\"server --disable 'traefik,servicelb'\" sh -"],
    // An agent: K3S_URL with no command (install.sh setup_env), or `agent` named.
    ['curl -sfL https://get.k3s.io | K3S_URL=https://10.0.0.1:6443 K3S_TOKEN=abc sh -'],
    ['curl -sfL https://get.k3s.io | sh -s - agent --server https://10.0.0.1:6443 --token abc'],
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="agent" K3S_TOKEN=abc sh -s - --server https://10.0.0.1:6443'],
    // Not enabled, so not started (install.sh service_enable_and_start).
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_SKIP_ENABLE=true sh -'],
    // What the run decides: the command, the flags, a config file of the server's own.
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_EXEC="$K3S_EXEC" sh -'],
    ['curl -sfL https://get.k3s.io | sh -s - $ROLE'],
    ['curl -sfL https://get.k3s.io | sh -s - server $EXTRA_ARGS'],
    ['curl -sfL https://get.k3s.io | K3S_CONFIG_FILE=/etc/k3s/cloud.yaml sh -'],
    ['curl -sfL https://get.k3s.io | K3S_URL="$SERVER_URL" K3S_TOKEN="$TOKEN" sh -'],
    // A release from before ServiceLB asked for net.ipv4.ip_forward (sweep11: a Vagrant K3s + KubeEdge 1.13 cluster).
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION="v1.22.5+k3s1" K3S_TOKEN="t" sh -'],
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=v1.24.6+k3s1 sh -'],
    ['curl -sfL https://get.k3s.io | INSTALL_K3S_CHANNEL=v1.21 sh -s - server'],
    // Not K3s's installer, or not run.
    ['curl -sfL https://example.com/install.sh | sh -'],
    ['curl -sfL https://get.k3s.io -o install.sh'],
    ['curl -sfL https://get.k3s.io | sh -c "cat > /dev/null"'],
  ])('`%s`: no server that runs ServiceLB, or none known', async (command) => {
    expect(await findings(withEdge(script(command)))).toEqual([]);
  });

  it.each([
    [['export K3S_URL=https://10.0.0.1:6443', 'export K3S_TOKEN=abc', 'curl -sfL https://get.k3s.io | sh -']],
    [['set -a', 'K3S_URL=https://10.0.0.1:6443', 'K3S_TOKEN=abc', 'curl -sfL https://get.k3s.io | sh -']],
    [['export INSTALL_K3S_EXEC="--disable traefik"', 'curl -sfL https://get.k3s.io | sh -']],
    [['export INSTALL_K3S_EXEC="--disable traefik"', 'curl -sfL https://get.k3s.io | sudo -E sh -']],
    // sudo's env_reset may drop what the script exports, or the sudoers may keep it: unknown.
    [['export INSTALL_K3S_EXEC="--node-ip 10.0.0.2"', 'curl -sfL https://get.k3s.io | sudo sh -']],
    // Assigned but not exported: passed only if the script's caller had exported it. Unknown.
    [['INSTALL_K3S_EXEC="--node-ip 10.0.0.2"', 'curl -sfL https://get.k3s.io | sh -']],
    [['export INSTALL_K3S_VERSION=v1.21.7+k3s1', 'curl -sfL https://get.k3s.io | sh -']],
    [['curl -sfL https://get.k3s.io -o install.sh', 'sh install.sh --disable servicelb']],
    [['curl -sfL https://get.k3s.io > k3s.sh', 'INSTALL_K3S_EXEC="server --disable traefik" sh k3s.sh']],
    [['sudo mkdir -p /etc/rancher/k3s', "cat > /etc/rancher/k3s/config.yaml <<'EOF'", 'disable:', '  - servicelb', 'EOF', 'curl -sfL https://get.k3s.io | sh -']],
  ])('%j: the environment or a config turns ServiceLB off, or leaves it unknown', async (lines) => {
    expect(await findings(withEdge(script(...lines)))).toEqual([]);
  });

  it('with no edgecore.yaml: a warning, edgecore assumed at its defaults', async () => {
    expect(await findings({ 'cloud/install-k3s.sh': script('curl -sfL https://get.k3s.io | sh -') })).toEqual(['node/sysctl-not-allowed warning cloud/install-k3s.sh:3:32']);
  });

  it('a unit and an installer in one deployment: one finding, at the unit', async () => {
    const unit = ['[Service]', 'Type=notify', 'ExecStart=/usr/local/bin/k3s server', 'Restart=always', ''].join('\n');
    expect(await findings(withEdge(script('curl -sfL https://get.k3s.io | sh -'), { 'cloud/etc/systemd/system/k3s.service': unit }))).toEqual(['node/sysctl-not-allowed error cloud/etc/systemd/system/k3s.service:3:30']);
  });
});
