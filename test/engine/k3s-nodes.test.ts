/**
 * K3s run by a script itself (`nohup k3s server … &`), K3s's configuration files merged as K3s merges
 * them (config.yaml, then config.yaml.d/*.yaml in name order; `key+:` appends), and the labels K3s
 * servers and agents put on their own nodes (`--node-label`, `node-label:`, `kubelet-arg:
 * node-labels=…`), which tell ServiceLB to keep its DaemonSets to nodes labelled enablelb.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { located, span, SourceFile } from '../../src/core/source.js';
import { k3sConfigs } from '../../src/engine/k3s-config.js';
import { k3sNodeLabelings, k3sNodeOf } from '../../src/engine/k3s-nodes.js';

const EDGECORE = ['apiVersion: edgecore.config.kubeedge.io/v1alpha2', 'kind: EdgeCore', 'modules:', '  edged:', '    enable: true', ''].join('\n');
const LB_SERVICE = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: mqtt-lb', '  namespace: iot', 'spec:', '  type: LoadBalancer', '  selector:', '    app: mqtt', '  ports:', '  - port: 1883', ''].join('\n');
const UNIT = ['[Service]', 'Type=notify', 'Restart=always', 'ExecStart=/usr/local/bin/k3s server', ''].join('\n');
const UNIT_PATH = 'cloud/etc/systemd/system/k3s.service';
const CONFIG = 'cloud/etc/rancher/k3s/config.yaml';

async function findings(files: Record<string, string>) {
  const result = await lint({ files: Object.entries({ 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE, ...files }).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config: { kubeedgeVersion: '1.22' } });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}:${f.column} ${f.message.replace(/ lands on edge nodes.*$/, '').replace(/^.*DaemonSet /, '')}`).sort();
}

const script = (...lines: string[]) => ['#!/bin/sh', 'set -e', ...lines, ''].join('\n');

describe('k3s server run by a script', () => {
  it.each([
    ['nohup k3s server --write-kubeconfig-mode 644 > /var/log/k3s.log 2>&1 &', 11],
    ['sudo /usr/local/bin/k3s --debug server --node-name cloud-0', 33],
    ['k3s server --kubelet-arg=node-labels=role=cloud', 5],
  ])('`%s`: svclb-traefik asks edge nodes for net.ipv4.ip_forward, at the server word', async (command, column) => {
    expect(await findings({ 'cloud/start.sh': script(command) })).toEqual([`node/sysctl-not-allowed error cloud/start.sh:3:${column} svclb-traefik`]);
  });

  it.each([
    ['nohup k3s server --disable servicelb &'],
    ['k3s server --disable=traefik,servicelb'],
    ['k3s server $K3S_ARGS'],
    ['K3S_CONFIG_FILE=/etc/k3s/cloud.yaml k3s server'],
    ['k3s server --help'],
    ['k3s agent --server https://10.0.0.1:6443 --token abc'],
    ['k3s kubectl get nodes'],
    ['k3s $ROLE'],
    ['k3s server --node-label svccontroller.k3s.cattle.io/enablelb=true'],
  ])('`%s`: no server that runs ServiceLB on the edge nodes, or none known', async (command) => {
    expect(await findings({ 'cloud/start.sh': script(command) })).toEqual([]);
  });
});

describe("K3s's configuration files", () => {
  it.each([
    // A later file's key replaces the earlier value: ServiceLB is on again, Traefik off.
    ['a drop-in replacing `disable`', { [CONFIG]: 'disable:\n  - servicelb\n', [`${CONFIG}.d/20-traefik.yaml`]: 'disable: traefik\n' }, ['svclb-mqtt-lb']],
    ['drop-ins in name order', { [`${CONFIG}.d/10-off.yaml`]: 'disable: [servicelb]\n', [`${CONFIG}.d/20-on.yml`]: 'disable: [traefik]\n' }, ['svclb-mqtt-lb']],
    ['a drop-in appending to `disable`', { [CONFIG]: 'disable:\n  - servicelb\n', [`${CONFIG}.d/20-traefik.yaml`]: 'disable+: traefik\n' }, []],
    ['a later file of another suffix, not read', { [CONFIG]: 'disable: [servicelb]\n', [`${CONFIG}.d/20-traefik.yaml.bak`]: 'disable: traefik\n' }, []],
    // Each host's configuration is its own: the agent's does not replace the server's.
    ["another host's configuration", { [CONFIG]: 'disable: [servicelb]\n', 'worker/etc/rancher/k3s/config.yaml': 'disable: [traefik]\n' }, []],
    ['a value the run decides', { [CONFIG]: 'disable: ${K3S_DISABLE}\n' }, []],
  ])('%s', async (_name, files, daemonSets) => {
    expect(await findings({ [UNIT_PATH]: UNIT, 'cloud/svc.yaml': LB_SERVICE, ...files })).toEqual(daemonSets.map((d) => `node/sysctl-not-allowed error ${UNIT_PATH}:4:30 ${d}`));
  });
});

describe('labels K3s puts on its own node keep ServiceLB off the edge nodes', () => {
  it.each([
    ['node-label: in config.yaml', { [CONFIG]: 'node-label:\n  - "svccontroller.k3s.cattle.io/enablelb=true"\n' }],
    ['node-label+: in a drop-in', { [CONFIG]: 'node-label: [role=cloud]\n', [`${CONFIG}.d/lb.yaml`]: 'node-label+:\n  - svccontroller.k3s.cattle.io/enablelb=true\n' }],
    ["the kubelet's node-labels through kubelet-arg:", { [CONFIG]: 'kubelet-arg:\n  - "node-labels=svccontroller.k3s.cattle.io/enablelb=true,role=cloud"\n' }],
    ['an agent the installer sets up', { 'worker/join.sh': script('curl -sfL https://get.k3s.io | K3S_URL=https://10.0.0.1:6443 K3S_TOKEN=abc sh -s - --node-label svccontroller.k3s.cattle.io/enablelb=true') }],
    ['an agent a unit runs', { 'worker/etc/systemd/system/k3s-agent.service': UNIT.replace('k3s server', 'k3s agent --node-label=svccontroller.k3s.cattle.io/enablelb=true') }],
  ])('%s', async (_name, files) => {
    expect(await findings({ [UNIT_PATH]: UNIT, ...files })).toEqual([]);
  });

  it('a label replaced by a later file no longer marks the node', async () => {
    const files = { [CONFIG]: 'node-label: [svccontroller.k3s.cattle.io/enablelb=true]\n', [`${CONFIG}.d/90-site.yaml`]: 'node-label: [role=cloud]\n' };
    expect(await findings({ [UNIT_PATH]: UNIT, ...files })).toEqual([`node/sysctl-not-allowed error ${UNIT_PATH}:4:30 svclb-traefik`]);
  });
});

describe('a K3s node and its labels, as placement reads them', () => {
  const source = new SourceFile('cloud/setup.sh', 'k3s agent', 'shell');
  const args = (...words: string[]) => words.map((w) => located(w, span(source, 0, 3)));
  const config = (text: string) => k3sConfigs([new SourceFile('cloud/etc/rancher/k3s/config.yaml', text, 'unknown')])[0];

  it.each([
    ['flags', args('--node-name', 'gw-1', '--node-label', 'role=gateway', '--node-label=zone=$ZONE'), undefined, [{ nodes: ['gw-1'], labels: [{ key: 'role', value: 'gateway' }, { key: 'zone', value: undefined }], script: 'cloud/setup.sh' }]],
    ['a configuration, the command line after it', args('--node-label', 'tier=b'), config('node-name: gw-2\nnode-label: [tier=a]\n'), [{ nodes: ['gw-2'], labels: [{ key: 'tier', value: 'a' }, { key: 'tier', value: 'b' }], script: 'cloud/setup.sh' }]],
    // The host's own name, or one the run decides: no node anything here can name.
    ['no node name', args('--node-label', 'role=gateway'), undefined, []],
    ['a node name the run decides', args('--node-name', '$(hostname)', '--node-label', 'role=gateway'), config('node-name: gw-3\n'), []],
  ])('%s', (_name, argv, cfg, labelings) => {
    expect(k3sNodeLabelings([k3sNodeOf('cloud/setup.sh', argv, cfg)])).toEqual(labelings);
  });
});
