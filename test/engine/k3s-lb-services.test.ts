/**
 * K3s's ServiceLB gives every `type: LoadBalancer` Service without a loadBalancerClass a DaemonSet
 * `svclb-<service>` asking each node for the forwarding sysctl of each of the Service's IP families
 * (k3s pkg/cloudprovider/servicelb.go newDaemonSet; cloud-provider wantsLoadBalancer). One root cause,
 * one finding at the server's word, naming Traefik's DaemonSet or, with Traefik off, the first
 * LoadBalancer Service's. Some node labelled svccontroller.k3s.cattle.io/enablelb restricts them all to
 * nodes where it is "true".
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

const EDGECORE = ['apiVersion: edgecore.config.kubeedge.io/v1alpha2', 'kind: EdgeCore', 'modules:', '  edged:', '    enable: true', ''].join('\n');
const unit = (exec: string) => ['[Service]', 'Type=notify', 'Restart=always', `ExecStart=/usr/local/bin/k3s server ${exec}`, ''].join('\n');
const UNIT = 'cloud/etc/systemd/system/k3s.service';
const service = (name: string, spec: string[]) => ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, '  namespace: iot', 'spec:', ...spec.map((l) => `  ${l}`), '  selector:', `    app: ${name}`, '  ports:', '  - port: 1883', '    targetPort: 1883', ''].join('\n');
const LB = ['type: LoadBalancer'];

async function findings(files: Record<string, string>) {
  const result = await lint({ files: Object.entries({ 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE, ...files }).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config: { kubeedgeVersion: '1.22' } });
  expect(result.errors).toEqual([]);
  return result.findings.map((f) => `${f.ruleId} ${f.severity} ${f.file}:${f.line}:${f.column} ${f.message.replace(/, whose edged.*$/, '')}`).sort();
}

describe("ServiceLB's DaemonSets for the deployment's LoadBalancer Services", () => {
  it('Traefik off, a LoadBalancer Service applied: its svclb DaemonSet, at the server word', async () => {
    expect(await findings({ [UNIT]: unit('--disable traefik'), 'cloud/broker-svc.yaml': service('mqtt-lb', LB) })).toEqual([`node/sysctl-not-allowed error ${UNIT}:4:30 DaemonSet svclb-mqtt-lb lands on edge nodes`]);
  });

  it('Traefik on and two LoadBalancer Services: one finding, for Traefik\'s (the same sysctl on the same nodes)', async () => {
    expect(await findings({ [UNIT]: unit('--write-kubeconfig-mode 644'), 'cloud/a.yaml': service('mqtt-lb', LB), 'cloud/b.yaml': service('web-lb', LB) })).toEqual([`node/sysctl-not-allowed error ${UNIT}:4:30 DaemonSet svclb-traefik lands on edge nodes`]);
  });

  it('an IPv6-only LoadBalancer Service asks for net.ipv6.conf.all.forwarding', async () => {
    const found = await findings({ [UNIT]: unit('--disable=traefik'), 'cloud/v6.yaml': service('v6-lb', [...LB, 'ipFamilyPolicy: SingleStack', 'ipFamilies:', '- IPv6']) });
    expect(found).toEqual([`node/sysctl-not-allowed error ${UNIT}:4:30 DaemonSet svclb-v6-lb lands on edge nodes`]);
    const result = await lint({ files: [{ path: UNIT, content: unit('--disable=traefik') }, { path: 'cloud/v6.yaml', content: service('v6-lb', [...LB, 'ipFamilies: [IPv6]']) }, { path: 'edge/etc/kubeedge/config/edgecore.yaml', content: EDGECORE }], cwd: '/nonexistent-edgelint-test-cwd', config: { kubeedgeVersion: '1.22' } });
    expect(result.findings.map((f) => f.message.match(/forbidden sysctl: "([^"]+)"/)?.[1])).toEqual(['net.ipv6.conf.all.forwarding']);
  });

  it.each([
    ['a LoadBalancer Service with a loadBalancerClass (another controller serves it)', '--disable traefik', service('mqtt-lb', [...LB, 'loadBalancerClass: metallb.io/metallb'])],
    ['a ClusterIP Service', '--disable traefik', service('mqtt', ['type: ClusterIP'])],
    ['ServiceLB off', '--disable traefik,servicelb', service('mqtt-lb', LB)],
    ["K3s's cloud controller off", '--disable traefik --disable-cloud-controller', service('mqtt-lb', LB)],
    // Some node labelled enablelb: every svclb DaemonSet selects enablelb: "true", which no edge node has.
    ['the server labelling its own node enablelb', '--disable traefik --node-label svccontroller.k3s.cattle.io/enablelb=true', service('mqtt-lb', LB)],
    ['the server labelling its own node enablelb, Traefik on', '--node-label=svccontroller.k3s.cattle.io/enablelb=true', service('mqtt-lb', LB)],
  ])('%s: nothing', async (_name, flags, svc) => {
    expect(await findings({ [UNIT]: unit(flags), 'cloud/svc.yaml': svc })).toEqual([]);
  });

  it('a script labelling a cloud node enablelb keeps the svclb pods off the edge nodes', async () => {
    const script = ['#!/bin/sh', 'kubectl label node cloud-0 svccontroller.k3s.cattle.io/enablelb=true', ''].join('\n');
    expect(await findings({ [UNIT]: unit(''), 'cloud/label.sh': script })).toEqual([]);
  });
});
