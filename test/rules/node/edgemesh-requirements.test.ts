import rule from '../../../rules/node/edgemesh-requirements.js';
import { ruleTester, text } from '../../rule-tester.js';

/** The agent DaemonSet as EdgeMesh ships it (build/agent/resources/05-daemonset.yaml): no placement, so it lands on every node. */
const agent = (image = 'kubeedge/edgemesh-agent:v1.16.0', placement = '') => text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: edgemesh-agent
    namespace: kubeedge
  spec:
    template:
      spec:
        hostNetwork: true${placement}
        containers:
        - name: edgemesh-agent
          image: ${image}
          imagePullPolicy: IfNotPresent
`;

/** The agent's ConfigMap (build/agent/resources/04-configmap.yaml) with `commonConfig` lines added to its config file. */
const agentConfig = (commonConfig: string, name = 'edgemesh-agent-cfg') =>
  [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: ${name}`,
    '  namespace: kubeedge',
    'data:',
    '  edgemesh-agent.yaml: |',
    ...commonConfig.split('\n').map((line) => `    ${line}`),
    '    modules:',
    '      edgeProxy:',
    '        enable: true',
    '',
  ].join('\n');

/**
 * An agent ConfigMap of the EdgeMesh line before the bridge device (sweep19 FP-1), with `kubeAPI` lines
 * under `kubeAPIConfig` and `dns` lines under `modules.edgeDNS`.
 */
const legacyConfig = (kubeAPI: string, dns: string) =>
  [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: edgemesh-agent-cfg',
    '  namespace: kubeedge',
    'data:',
    '  edgemesh-agent.yaml: |',
    '    kubeAPIConfig:',
    ...kubeAPI.split('\n').map((line) => `      ${line}`),
    '    modules:',
    '      edgeDNS:',
    '        enable: true',
    ...dns.split('\n').filter(Boolean).map((line) => `        ${line}`),
    '      edgeProxy:',
    '        enable: true',
    '',
  ].join('\n');

const edgecore = (body: string) => `apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n${body}`;

const SERVED = '  edged:\n    tailoredKubeletConfig:\n      clusterDNS:\n      - 169.254.96.16\n      clusterDomain: cluster.local\n  metaManager:\n    metaServer:\n      enable: true\n';

ruleTester(rule, {
  valid: [
    { name: 'metaServer enabled and clusterDNS holds the bridge IP', files: { 'agent.yaml': agent(), 'edgecore.yaml': edgecore(SERVED) } },
    {
      name: 'clusterDNS with other servers besides the bridge IP, clusterDomain defaulted',
      files: { 'agent.yaml': agent(), 'edgecore.yaml': edgecore('  edged:\n    tailoredKubeletConfig:\n      clusterDNS: [10.43.0.10, 169.254.96.16]\n  metaManager:\n    metaServer:\n      enable: true\n') },
    },
    { name: 'a mirrored agent image is still the agent', files: { 'agent.yaml': agent('registry.local:5000/kubeedge/edgemesh-agent:v1.16.0'), 'edgecore.yaml': edgecore(SERVED) } },
    {
      name: 'a bridge IP changed in the agent ConfigMap is the one clusterDNS needs',
      files: {
        'agent.yaml': `${agent()}---\n${agentConfig('commonConfig:\n  bridgeDeviceIP: 169.254.96.20')}`,
        'edgecore.yaml': edgecore(SERVED.replace('169.254.96.16', '169.254.96.20')),
      },
    },
    { name: 'no agent, no requirement', files: { 'edgecore.yaml': edgecore('  metaManager:\n    metaServer:\n      enable: false\n') } },
    { name: 'an agent kept off edge nodes', files: { 'agent.yaml': agent(undefined, '\n        affinity:\n          nodeAffinity:\n            requiredDuringSchedulingIgnoredDuringExecution:\n              nodeSelectorTerms:\n              - matchExpressions:\n                - key: node-role.kubernetes.io/edge\n                  operator: DoesNotExist') } },
    { name: 'another image of the kubeedge org is not the agent', files: { 'agent.yaml': agent('kubeedge/edgemesh-gateway:v1.16.0'), 'edgecore.yaml': edgecore('  edged:\n    enable: true\n') } },
    {
      // sweep19 FP-1: an agent that reads a kubeconfig and serves DNS on docker0 (writing itself into the
      // host's resolv.conf) needs neither metaServer nor clusterDNS.
      name: 'an agent reaching the API server through a kubeconfig, with DNS on a host interface, needs neither',
      files: { 'agent.yaml': `${agent('kubeedge/edgemesh-agent:latest')}---\n${legacyConfig('kubeConfig: /root/.kube/config\nmaster: ""', 'listenInterface: docker0')}` },
    },
    {
      name: 'the same against an edgecore that serves neither',
      files: {
        'agent.yaml': `${agent('kubeedge/edgemesh-agent:latest')}---\n${legacyConfig('master: https://10.20.0.1:6443', 'listenInterface: cni0')}`,
        'edgecore.yaml': edgecore('  metaManager:\n    metaServer:\n      enable: false\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'metaServer disabled and clusterDNS absent: reported at the key and at the closest mapping',
      files: { 'agent.yaml': agent(), 'edgecore.yaml': edgecore('  edged:\n    enable: true\n  metaManager:\n    metaServer:\n      enable: false\n') },
      errors: [
        {
          file: 'edgecore.yaml',
          messageId: 'clusterDNS',
          line: 4,
          column: 3,
          message:
            "DaemonSet edgemesh-agent (agent.yaml:12) runs on edge nodes, but edged's clusterDNS (modules.edged.tailoredKubeletConfig.clusterDNS) is not set: pods there do not resolve Service names through EdgeMesh's DNS on 169.254.96.16 (EdgeMesh's default bridge device IP). Set modules.edged.tailoredKubeletConfig.clusterDNS to [169.254.96.16].",
        },
        {
          file: 'edgecore.yaml',
          messageId: 'metaServer',
          line: 8,
          column: 7,
          message:
            "DaemonSet edgemesh-agent (agent.yaml:12) runs on edge nodes, but this edgecore does not serve metaServer (modules.metaManager.metaServer.enable is false): the agent list-watches Services and Endpoints through edgecore's local API server on 127.0.0.1:10550, so EdgeMesh proxies and resolves nothing. Set modules.metaManager.metaServer.enable: true.",
          related: [{ file: 'agent.yaml', line: 12, column: 16 }],
        },
      ],
    },
    {
      name: "a fork's build of the agent (another owner, same image name) needs the same",
      files: { 'agent.yaml': agent('example/edgemesh-agent:v1.1'), 'edgecore.yaml': edgecore('  edged:\n    tailoredKubeletConfig:\n      clusterDNS: [169.254.96.16]\n') },
      errors: [{ file: 'edgecore.yaml', messageId: 'metaServer', line: 3, column: 1 }],
    },
    {
      name: "metaServer absent (edgecore's default is false): reported at modules",
      files: { 'agent.yaml': agent(), 'edgecore.yaml': edgecore('  edged:\n    tailoredKubeletConfig:\n      clusterDNS: [169.254.96.16]\n') },
      errors: [{ file: 'edgecore.yaml', messageId: 'metaServer', line: 3, column: 1, message: /\(modules\.metaManager\.metaServer\.enable is not set, and edgecore's default is false\)/ }],
    },
    {
      name: "clusterDNS where EdgeMesh's guide writes it: edgecore ignores it there",
      files: { 'agent.yaml': agent(), 'edgecore.yaml': edgecore('  edged:\n    clusterDNS: 169.254.96.16\n    tailoredKubeletConfig:\n      cgroupDriver: cgroupfs\n  metaManager:\n    metaServer:\n      enable: true\n') },
      errors: [
        {
          file: 'edgecore.yaml',
          messageId: 'clusterDNS',
          line: 6,
          column: 5,
          message: /clusterDNS \(modules\.edged\.tailoredKubeletConfig\.clusterDNS\) is not set \(modules\.edged\.clusterDNS is set, but edgecore ignores it there\): /,
        },
      ],
    },
    {
      name: 'clusterDNS without the bridge IP the agent ConfigMap sets',
      files: {
        'agent.yaml': `${agent()}---\n${agentConfig('commonConfig:\n  bridgeDeviceIP: 169.254.96.20')}`,
        'edgecore.yaml': edgecore(SERVED),
      },
      errors: [
        {
          file: 'edgecore.yaml',
          messageId: 'clusterDNS',
          line: 6,
          column: 7,
          message: /clusterDNS is \["169\.254\.96\.16"\], without 169\.254\.96\.20: .* on 169\.254\.96\.20 \(commonConfig\.bridgeDeviceIP in ConfigMap edgemesh-agent-cfg\)\. /,
        },
      ],
    },
    {
      name: 'the older dummyDeviceIP spelling is read too; a ConfigMap of another name is not the agent config',
      files: {
        'agent.yaml': `${agent()}---\n${agentConfig('commonConfig:\n  dummyDeviceIP: 169.254.96.30')}---\n${agentConfig('commonConfig:\n  bridgeDeviceIP: 169.254.96.40', 'unrelated-cfg')}`,
        'edgecore.yaml': edgecore(SERVED),
      },
      errors: [{ file: 'edgecore.yaml', messageId: 'clusterDNS', line: 6, column: 7, message: /without 169\.254\.96\.30:/ }],
    },
    {
      name: 'a bridge IP that is not a literal address falls back to the default',
      files: {
        'agent.yaml': `${agent()}---\n${agentConfig('commonConfig:\n  bridgeDeviceIP: "{{ .Values.ip }}"')}`,
        'edgecore.yaml': edgecore(SERVED.replace('169.254.96.16', '10.43.0.10')),
      },
      errors: [{ file: 'edgecore.yaml', messageId: 'clusterDNS', line: 6, column: 7, message: /without 169\.254\.96\.16: .*\(EdgeMesh's default bridge device IP\)/ }],
    },
    {
      name: 'a cluster domain other than the one EdgeMesh resolves is a warning',
      files: { 'agent.yaml': agent(), 'edgecore.yaml': edgecore(SERVED.replace('clusterDomain: cluster.local', 'clusterDomain: edge.local')) },
      errors: [{ file: 'edgecore.yaml', messageId: 'clusterDomain', line: 8, column: 7, severity: 'warning', message: /clusterDomain is "edge\.local": EdgeMesh's guide requires "cluster\.local"/ }],
    },
    {
      name: "no edgecore.yaml for the edge class: edgecore's defaults assumed, one warning at the agent",
      files: { 'agent.yaml': agent() },
      errors: [
        {
          file: 'agent.yaml',
          messageId: 'noEdgecore',
          line: 12,
          column: 16,
          severity: 'warning',
          message:
            "DaemonSet edgemesh-agent runs on edge nodes, whose edgecore by default leaves metaServer disabled and leaves edged's clusterDNS empty (EdgeMesh's DNS is on 169.254.96.16) (assuming edgecore's defaults, no edgecore.yaml in this deployment); EdgeMesh cannot work with that. Where the edgecore.yaml of these nodes is kept, set modules.metaManager.metaServer.enable: true and set modules.edged.tailoredKubeletConfig.clusterDNS to [169.254.96.16]; lint it with this deployment (config `hosts`) to check it.",
          related: [],
        },
      ],
    },
    {
      name: 'a kubeconfig waives metaServer only: with DNS on the bridge device, clusterDNS is still needed',
      files: { 'agent.yaml': `${agent()}---\n${legacyConfig('kubeConfig: /etc/edgemesh/kubeconfig', '')}` },
      errors: [
        {
          file: 'agent.yaml',
          messageId: 'noEdgecore',
          line: 12,
          column: 16,
          severity: 'warning',
          message: /whose edgecore by default leaves edged's clusterDNS empty \(EdgeMesh's DNS is on 169\.254\.96\.16\) \(assuming[^;]*; EdgeMesh cannot work with that\. Where the edgecore\.yaml of these nodes is kept, set modules\.edged\.tailoredKubeletConfig\.clusterDNS to \[169\.254\.96\.16\];/,
          related: [],
        },
      ],
    },
    {
      name: "a master that is metaServer's own address still needs metaServer; DNS on a host interface waives clusterDNS",
      files: {
        'agent.yaml': `${agent()}---\n${legacyConfig('master: http://127.0.0.1:10550', 'listenInterface: docker0')}`,
        'edgecore.yaml': edgecore('  metaManager:\n    metaServer:\n      enable: false\n'),
      },
      errors: [{ file: 'edgecore.yaml', messageId: 'metaServer', line: 6, column: 7 }],
    },
    {
      name: 'two edgecore configs of the class are each checked',
      files: { 'agent.yaml': agent(), 'a/edgecore.yaml': edgecore(SERVED), 'b/edgecore.yaml': edgecore(SERVED.replace('enable: true', 'enable: false')) },
      errors: [{ file: 'b/edgecore.yaml', messageId: 'metaServer', line: 11, column: 7 }],
    },
  ],
});
