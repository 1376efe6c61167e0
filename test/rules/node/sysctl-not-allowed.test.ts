import rule from '../../../rules/node/sysctl-not-allowed.js';
import { ruleTester, text } from '../../rule-tester.js';

/** The K3s ServiceLB DaemonSet shape: no nodeSelector, so it lands on untainted KubeEdge edge nodes. */
const svclb = (sysctl = 'net.ipv4.ip_forward', extra = '') => text`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: svclb-traefik
    namespace: kube-system
  spec:
    template:
      spec:
        securityContext:
          sysctls:
          - name: ${sysctl}
            value: "1"
        containers:
        - name: lb-tcp-80
          image: rancher/klipper-lb:v0.4.9
          imagePullPolicy: IfNotPresent
` + extra;

const edgecore = (edged: string) => `apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n${edged}`;

ruleTester(rule, {
  valid: [
    { name: 'allowlisted at the key edged reads', files: { 'svclb.yaml': svclb(), 'edgecore.yaml': edgecore('    tailoredKubeletConfig:\n      allowedUnsafeSysctls:\n      - net.ipv4.ip_forward\n') } },
    { name: 'allowlisted by a prefix pattern', files: { 'svclb.yaml': svclb(), 'edgecore.yaml': edgecore('    tailoredKubeletConfig:\n      allowedUnsafeSysctls: ["net.ipv4.*"]\n') } },
    { name: 'a safe sysctl needs no allowlist', files: { 'svclb.yaml': svclb('net.ipv4.ip_unprivileged_port_start') } },
    { name: 'hostIPC does not touch net sysctls', files: { 'svclb.yaml': svclb('net.ipv4.ip_local_port_range').replace('      securityContext:', '      hostIPC: true\n      securityContext:') } },
    { name: 'hostNetwork does not touch IPC sysctls', files: { 'svclb.yaml': svclb('kernel.shm_rmid_forced').replace('      securityContext:', '      hostNetwork: true\n      securityContext:') } },
    { name: 'tcp_keepalive_time is safe from KubeEdge 1.18 (Kubernetes 1.29)', config: { kubeedgeVersion: '1.18' }, files: { 'svclb.yaml': svclb('net.ipv4.tcp_keepalive_time') } },
    { name: 'slash form is normalised', files: { 'svclb.yaml': svclb('net/ipv4/ip_forward'), 'edgecore.yaml': edgecore('    tailoredKubeletConfig:\n      allowedUnsafeSysctls: [net.ipv4.ip_forward]\n') } },
    {
      name: 'kept off edge nodes by nodeSelector',
      files: { 'svclb.yaml': svclb().replace('      securityContext:', '      nodeSelector:\n        svccontroller.k3s.cattle.io/enablelb: "true"\n      securityContext:') },
    },
  ],
  invalid: [
    {
      name: 'the seed: svclb asks for ip_forward and the operators put the allowlist where edgecore ignores it',
      config: { kubeedgeVersion: '1.22' },
      files: { 'svclb.yaml': svclb(), 'edgecore.yaml': edgecore('    allowedUnsafeSysctls:\n    - "net.ipv4.ip_forward"\n') },
      errors: [
        {
          file: 'svclb.yaml',
          messageId: 'notAllowed',
          line: 11,
          column: 17,
          endColumn: 36,
          message:
            'DaemonSet svclb-traefik lands on edge nodes, whose edged (KubeEdge 1.22, Kubernetes 1.31.12) rejects it: forbidden sysctl: "net.ipv4.ip_forward" not allowlisted (edgecore.yaml:1: no tailoredKubeletConfig.allowedUnsafeSysctls); it is listed under modules.edged.allowedUnsafeSysctls at edgecore.yaml:5, a key edgecore ignores — it belongs under tailoredKubeletConfig.',
          related: [{ file: 'edgecore.yaml', line: 4, column: 3 }, { file: 'edgecore.yaml', line: 5, column: 5 }],
        },
      ],
    },
    {
      name: "no edgecore.yaml: edged's defaults (nothing allowlisted) are assumed, a warning that says so",
      files: { 'svclb.yaml': svclb() },
      errors: [{ messageId: 'notAllowed', line: 11, column: 17, severity: 'warning', message: /not allowlisted \(assuming edgecore's defaults, no edgecore\.yaml in this deployment: edged allows no unsafe sysctls by default\)\.$/, related: [] }],
    },
    {
      name: 'tcp_keepalive_time is not safe in KubeEdge 1.17 (Kubernetes 1.28.6)',
      config: { kubeedgeVersion: '1.17' },
      files: { 'svclb.yaml': svclb('net.ipv4.tcp_keepalive_time') },
      errors: [{ messageId: 'notAllowed', line: 11, column: 17, message: /Kubernetes 1\.28\.6\) rejects it: forbidden sysctl: "net\.ipv4\.tcp_keepalive_time" not allowlisted/ }],
    },
    // allowlist.go validateSysctl: the host-namespace check applies to allowlisted sysctls only, and its
    // text prints the namespace name (net/ipc up to Kubernetes 1.28, Net/IPC from 1.29).
    {
      name: 'a safe net sysctl on a hostNetwork pod: "not allowed with host Net enabled"',
      files: { 'svclb.yaml': svclb('net.ipv4.ip_local_port_range').replace('      securityContext:', '      hostNetwork: true\n      securityContext:') },
      errors: [
        {
          messageId: 'hostNamespace', line: 12, column: 17, endColumn: 45, severity: 'error',
          message: 'DaemonSet svclb-traefik uses hostNetwork: true, so edged (Kubernetes 1.32.10) rejects its sysctl although it is allowlisted: forbidden sysctl: "net.ipv4.ip_local_port_range" not allowed with host Net enabled (net sysctls are never admitted for a pod that shares the host\'s net namespace).',
          related: [{ line: 9, column: 20 }],
        },
      ],
    },
    {
      name: 'host net text is lowercase up to Kubernetes 1.28',
      config: { kubeedgeVersion: 'v1.16.3' },
      files: { 'svclb.yaml': svclb('net.ipv4.ip_local_port_range').replace('      securityContext:', '      hostNetwork: true\n      securityContext:') },
      errors: [{ messageId: 'hostNamespace', line: 12, column: 17, message: /forbidden sysctl: "net\.ipv4\.ip_local_port_range" not allowed with host net enabled \(/ }],
    },
    {
      name: 'an allowlisted unsafe net sysctl on a hostNetwork pod is still refused',
      files: {
        'svclb.yaml': svclb().replace('      securityContext:', '      hostNetwork: true\n      securityContext:'),
        'edgecore.yaml': edgecore('    tailoredKubeletConfig:\n      allowedUnsafeSysctls: [net.ipv4.ip_forward]\n'),
      },
      errors: [{ file: 'svclb.yaml', messageId: 'hostNamespace', line: 12, column: 17, message: /"net\.ipv4\.ip_forward" not allowed with host Net enabled/ }],
    },
    {
      name: 'an unsafe net sysctl on a hostNetwork pod that is not allowlisted: the kubelet says "not allowlisted" first',
      files: {
        'svclb.yaml': svclb('net.core.somaxconn').replace('      securityContext:', '      hostNetwork: true\n      securityContext:'),
        'edgecore.yaml': edgecore('    tailoredKubeletConfig:\n      allowedUnsafeSysctls: [net.ipv4.ip_forward]\n'),
      },
      errors: [
        {
          file: 'svclb.yaml', messageId: 'notAllowed', line: 12, column: 17, severity: 'error',
          message: 'DaemonSet svclb-traefik lands on edge nodes, whose edged (KubeEdge 1.23, Kubernetes 1.32.10) rejects it: forbidden sysctl: "net.core.somaxconn" not allowlisted (edgecore.yaml:1: allowedUnsafeSysctls lists net.ipv4.ip_forward); allowlisting it would not help this hostNetwork pod: edged would then reject it as "net.core.somaxconn" not allowed with host Net enabled.',
        },
      ],
    },
    {
      name: 'a safe IPC sysctl on a hostIPC pod: "not allowed with host IPC enabled"',
      files: { 'svclb.yaml': svclb('kernel.shm_rmid_forced').replace('      securityContext:', '      hostIPC: true\n      securityContext:') },
      errors: [{ messageId: 'hostNamespace', line: 12, column: 17, message: /uses hostIPC: true, .*forbidden sysctl: "kernel\.shm_rmid_forced" not allowed with host IPC enabled \(ipc sysctls/, related: [{ line: 9, column: 16 }] }],
    },
    {
      name: 'host ipc text is lowercase up to Kubernetes 1.28',
      config: { kubeedgeVersion: '1.17' },
      files: { 'svclb.yaml': svclb('kernel.shm_rmid_forced').replace('      securityContext:', '      hostIPC: true\n      securityContext:') },
      errors: [{ messageId: 'hostNamespace', line: 12, column: 17, message: /not allowed with host ipc enabled/ }],
    },
    {
      name: 'a sysctl that is not namespaced can never be set by a pod',
      files: { 'svclb.yaml': svclb('kernel.panic') },
      errors: [
        {
          messageId: 'notNamespaced', line: 11, column: 17, severity: 'error',
          message: 'DaemonSet svclb-traefik lands on edge nodes, whose edged (KubeEdge 1.23, Kubernetes 1.32.10) rejects it: forbidden sysctl: "kernel.panic" not allowlisted. No allowlist can admit it: it is not a namespaced sysctl, and edged refuses to start with it in allowedUnsafeSysctls ("the sysctl "kernel.panic" are not known to be namespaced"); set it on the host instead.',
        },
      ],
    },
    {
      name: 'a vm.* sysctl under KubeEdge 1.16 (Kubernetes 1.27): not namespaced, not allowlisted',
      config: { kubeedgeVersion: '1.16' },
      files: { 'svclb.yaml': svclb('vm.max_map_count') },
      errors: [{ messageId: 'notNamespaced', line: 11, column: 17, message: /Kubernetes 1\.27\.\d+\) rejects it: forbidden sysctl: "vm\.max_map_count" not allowlisted\./ }],
    },
    {
      name: 'an allowlist that names other sysctls',
      files: { 'svclb.yaml': svclb('net.ipv6.conf.all.forwarding'), 'edgecore.yaml': edgecore('    tailoredKubeletConfig:\n      allowedUnsafeSysctls: [net.ipv4.ip_forward, "kernel.msg*"]\n') },
      errors: [{ file: 'svclb.yaml', messageId: 'notAllowed', line: 11, column: 17, message: /allowedUnsafeSysctls lists net\.ipv4\.ip_forward, kernel\.msg\*\)\.$/, related: [{ file: 'edgecore.yaml', line: 6, column: 7 }] }],
    },
  ],
});
