/**
 * The API server allocates each nodePort to one Service of the cluster (portallocator: "provided port
 * is already allocated") from --service-node-port-range (default 30000-32767: "provided port is not
 * in the valid range"). Met in sweep14: three NodePort Services of one repository each asking for 30007.
 */
import rule from '../../../rules/k8s/node-port-allocation.js';
import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../rule-tester.js';
import { tempTree } from '../../temp.js';
import { lint } from '../../../src/engine/lint.js';

/** A Service document; `ports` are its port items, each at column 3 under `ports:` (line 9 on). */
const service = (name: string, ports: string[], extra: { type?: string; namespace?: string } = {}) =>
  [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    extra.namespace ? `  namespace: ${extra.namespace}` : '  labels: {app: demo}',
    'spec:',
    `  type: ${extra.type ?? 'NodePort'}`,
    '  ports:',
    ...ports.map((p) => `  - ${p}`),
  ].join('\n') + '\n';

const TAKEN = (object: string, port: number, other: string, where: string) =>
  `${object} asks for nodePort ${port}, which ${other} (${where}) asks for too: the API server allocates a node port to one Service in the whole cluster, so whichever is applied second is refused (spec.ports[].nodePort: Invalid value: ${port}: provided port is already allocated).`;

ruleTester(rule, {
  valid: [
    { name: 'distinct nodePorts', files: { 's.yaml': `${service('a', ['{port: 80, nodePort: 30007}'])}---\n${service('b', ['{port: 80, nodePort: 30008}'])}` } },
    { name: 'ports the API server picks', files: { 's.yaml': `${service('a', ['{port: 80}', '{port: 81, nodePort: 0}'])}---\n${service('b', ['{port: 80}'])}` } },
    {
      name: 'one Service defined twice (per-arch copies, overlays) is one allocation',
      files: { 'amd64/svc.yaml': service('web', ['{port: 80, nodePort: 30007}']), 'arm64/svc.yaml': service('web', ['{port: 80, nodePort: 30007}']) },
    },
    {
      name: 'a Service without a namespace may be the namespaced one',
      files: { 'a.yaml': service('web', ['{port: 80, nodePort: 30007}'], { namespace: 'edge' }), 'b.yaml': service('web', ['{port: 80, nodePort: 30007}']) },
    },
    { name: 'one Service may use a number for TCP and UDP', files: { 's.yaml': service('dns', ['{name: tcp, port: 53, nodePort: 30053}', '{name: udp, port: 53, protocol: UDP, nodePort: 30053}']) } },
    {
      name: 'a ClusterIP Service allocates nothing (k8s/schema reports its nodePort)',
      files: { 's.yaml': `${service('a', ['{port: 80, nodePort: 30007}'])}---\n${service('b', ['{port: 80, nodePort: 30007}'], { type: 'ClusterIP' })}` },
    },
    {
      name: 'a kustomize patch changes its resource and allocates nothing of its own',
      files: {
        'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - svc.yaml\n  - other.yaml\npatches:\n  - path: patch.yaml\n',
        'svc.yaml': service('a', ['{port: 80, nodePort: 30007}']),
        'other.yaml': service('b', ['{port: 80, nodePort: 30008}']),
        'patch.yaml': service('b', ['{port: 80, nodePort: 30007}']),
      },
    },
    {
      name: 'a nodePort an install script fills in at run time',
      files: {
        'install.sh': `#!/bin/bash\nkubectl apply -f - <<EOF\n${service('a', ['{port: 80, nodePort: 30007}'])}---\n${service('b', ['{port: 80, nodePort: $PORT}'])}EOF\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'three Services asking for 30007: the second and third, the first related',
      files: {
        'a.yaml': service('dashboard', ['{port: 80, nodePort: 30007}']),
        'b.yaml': service('telemetry', ['{port: 8080, nodePort: 30007}']),
        'c.yaml': service('camera', ['{name: http, port: 80, nodePort: 30009}', '{name: rtsp, port: 554, nodePort: 30007}'], { namespace: 'media' }),
      },
      errors: [
        {
          file: 'b.yaml',
          messageId: 'taken',
          line: 9,
          column: 28,
          endColumn: 33,
          message: TAKEN('Service telemetry', 30007, 'Service dashboard', 'a.yaml:9'),
          related: [{ file: 'a.yaml', line: 9, column: 26, message: 'nodePort 30007 of Service dashboard' }],
        },
        { file: 'c.yaml', messageId: 'taken', line: 10, column: 39, message: TAKEN('Service camera', 30007, 'Service dashboard', 'a.yaml:9'), related: [{ file: 'a.yaml', line: 9, column: 26 }] },
      ],
    },
    {
      name: 'the same name in two namespaces is two Services',
      files: { 'a.yaml': service('web', ['{port: 80, nodePort: 30007}'], { namespace: 'prod' }), 'b.yaml': service('web', ['{port: 80, nodePort: 30007}'], { namespace: 'staging' }) },
      errors: [{ file: 'b.yaml', messageId: 'taken', line: 9, column: 26, related: [{ file: 'a.yaml', line: 9, column: 26 }] }],
    },
    {
      name: 'a LoadBalancer allocates what it asks for, allocateLoadBalancerNodePorts or not',
      files: {
        's.yaml': `${service('a', ['{port: 80, nodePort: 31000}'])}---\n${service('b', ['{port: 80, nodePort: 31000}'], { type: 'LoadBalancer' }).replace('  ports:\n', '  allocateLoadBalancerNodePorts: false\n  ports:\n')}`,
      },
      errors: [{ messageId: 'taken', line: 20, column: 26, related: [{ line: 9, column: 26 }] }],
    },
    {
      name: 'outside the default range: a warning, and no duplicate judged there',
      files: { 's.yaml': `${service('broker', ['{port: 1883, nodePort: 1883}'])}---\n${service('broker2', ['{port: 1883, nodePort: 1883}', '{name: b, port: 1884, nodePort: 32768}'])}` },
      errors: [
        {
          messageId: 'outOfRange',
          line: 9,
          column: 28,
          severity: 'warning',
          message:
            "Service broker asks for nodePort 1883, outside 30000-32767, the API server's default --service-node-port-range: unless the cluster's range was widened to hold it, the Service is refused (spec.ports[].nodePort: Invalid value: 1883: provided port is not in the valid range. The range of valid ports is 30000-32767).",
        },
        { messageId: 'outOfRange', line: 19, column: 28, severity: 'warning' },
        { messageId: 'outOfRange', line: 20, column: 37, severity: 'warning' },
      ],
    },
  ],
});

describe('k8s/node-port-allocation across deployments', () => {
  it('never combines the Services of two deployments (each is applied to its own cluster)', async () => {
    const dir = tempTree('node-ports', {
      'site-a/.edgelint.yaml': '{}\n',
      'site-a/svc.yaml': service('a', ['{port: 80, nodePort: 30007}']),
      'site-b/.edgelint.yaml': '{}\n',
      'site-b/svc.yaml': service('b', ['{port: 80, nodePort: 30007}']),
      'site-b/other.yaml': service('c', ['{port: 80, nodePort: 30007}']),
    }, { repository: true });
    const result = await lint({ cwd: dir });
    expect(result.findings.filter((f) => f.ruleId === rule.id).map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(['site-b/svc.yaml:9:26']);
  });
});
