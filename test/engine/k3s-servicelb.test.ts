/**
 * A K3s server started from a systemd unit runs ServiceLB, whose `svclb-traefik` DaemonSet lands on
 * every untainted node and asks for `net.ipv4.ip_forward`, which edged refuses (facts §Q5; sweep13
 * M-2): reported at the unit's `server` word, unless ServiceLB or Traefik is off.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

const unit = (exec: string) =>
  ['[Unit]', 'Description=Lightweight Kubernetes', 'After=network-online.target', '[Service]', 'Type=notify', exec, 'KillMode=process', 'Restart=always', '[Install]', 'WantedBy=multi-user.target', ''].join('\n');

const EDGECORE = ['apiVersion: edgecore.config.kubeedge.io/v1alpha2', 'kind: EdgeCore', 'modules:', '  edged:', '    enable: true', ''].join('\n');

async function findings(files: Record<string, string>) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config: { kubeedgeVersion: '1.22' } });
  expect(result.errors).toEqual([]);
  return result.findings.filter((f) => f.ruleId !== 'node/broker-reachable').map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}:${f.column}`).sort();
}

const withEdge = (files: Record<string, string>) => ({ 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE, ...files });

describe('a K3s server started from a unit', () => {
  it.each([
    ['ExecStart=/usr/local/bin/k3s server', 6, 30],
    ['ExecStart=/usr/local/bin/k3s --debug server --write-kubeconfig-mode 644', 6, 38],
    ['ExecStart=-/usr/local/bin/k3s \\\n    server \\\n    --node-name master-0', 7, 5],
  ])('`%s`: svclb-traefik asks edge nodes for net.ipv4.ip_forward', async (exec, line, column) => {
    expect(await findings(withEdge({ 'cloud/etc/systemd/system/k3s.service': unit(exec) }))).toEqual([`node/sysctl-not-allowed error cloud/etc/systemd/system/k3s.service:${line}:${column}`]);
  });

  it('a unit an install script writes with a heredoc: at the script line', async () => {
    const script = ['#!/bin/sh', 'cat > /etc/systemd/system/k3s.service <<EOF', unit('ExecStart=/usr/local/bin/k3s server --node-ip ${NODE_IP}').trimEnd(), 'EOF', 'systemctl enable --now k3s', ''].join('\n');
    expect(await findings(withEdge({ 'cloud/install-k3s.sh': script }))).toEqual(['node/sysctl-not-allowed error cloud/install-k3s.sh:8:30']);
  });

  it('with no edgecore.yaml: a warning, edgecore assumed at its defaults', async () => {
    const found = await findings({ 'cloud/etc/systemd/system/k3s.service': unit('ExecStart=/usr/local/bin/k3s server') });
    expect(found).toEqual(['node/sysctl-not-allowed warning cloud/etc/systemd/system/k3s.service:6:30']);
  });

  it.each([
    ['--disable servicelb', {}],
    ["'--disable' 'traefik,servicelb'", {}],
    ['--disable=traefik', {}],
    ['--no-deploy traefik', {}],
    ['--disable-cloud-controller', {}],
    ['--disable ${K3S_DISABLE}', {}],
    ['$K3S_EXTRA_ARGS', {}],
    ['', { 'cloud/etc/rancher/k3s/config.yaml': 'write-kubeconfig-mode: "0644"\ndisable:\n  - servicelb\n' }],
    ['', { 'cloud/etc/rancher/k3s/config.yaml.d/10-lb.yaml': 'disable: traefik\n' }],
    ['', { 'cloud/svclb-traefik.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: svclb-traefik-3d8f13e3\n  namespace: kube-system\nspec:\n  selector:\n    matchLabels: {app: svclb}\n  template:\n    metadata:\n      labels: {app: svclb}\n    spec:\n      nodeSelector:\n        svccontroller.k3s.cattle.io/enablelb: "true"\n      containers:\n      - name: lb-tcp-80\n        image: rancher/klipper-lb:v0.4.9\n        imagePullPolicy: IfNotPresent\n' }],
  ])('`k3s server %s` (or its config / a captured DaemonSet) reports nothing', async (flags, more) => {
    expect(await findings(withEdge({ 'cloud/etc/systemd/system/k3s.service': unit(`ExecStart=/usr/local/bin/k3s server ${flags}`.trimEnd()), ...more }))).toEqual([]);
  });

  it('an agent, or a unit running something else, is no server', async () => {
    expect(await findings(withEdge({ 'worker/etc/systemd/system/k3s-agent.service': unit('ExecStart=/usr/local/bin/k3s agent --server https://10.0.0.1:6443') }))).toEqual([]);
    expect(await findings(withEdge({ 'cloud/etc/systemd/system/k3s-check.service': unit('ExecStart=/usr/bin/echo k3s server') }))).toEqual([]);
  });

  it('allowlisting the sysctl in tailoredKubeletConfig makes edged admit the pod', async () => {
    const allowed = EDGECORE + '    tailoredKubeletConfig:\n      allowedUnsafeSysctls:\n      - net.ipv4.ip_forward\n';
    expect(await findings({ 'edge/etc/kubeedge/config/edgecore.yaml': allowed, 'cloud/etc/systemd/system/k3s.service': unit('ExecStart=/usr/local/bin/k3s server') })).toEqual([]);
  });
});
