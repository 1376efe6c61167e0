/**
 * The host-network broker DaemonSet keadm's CloudCore chart ships (facts §Q2), as tests write it: on edge
 * nodes by the role label, default config, so 0.0.0.0:1883 and anonymous on 1.6. Shared by the tests that
 * set a node-side broker (a script's, an Ansible role's) against it.
 */
export function edgeBrokerDaemonSet(image = 'eclipse-mosquitto:1.6.15'): string {
  return [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: edge-broker',
    '  namespace: kubeedge',
    'spec:',
    '  selector:',
    '    matchLabels: {app: edge-broker}',
    '  template:',
    '    metadata:',
    '      labels: {app: edge-broker}',
    '    spec:',
    '      hostNetwork: true',
    '      affinity:',
    '        nodeAffinity:',
    '          requiredDuringSchedulingIgnoredDuringExecution:',
    '            nodeSelectorTerms:',
    '            - matchExpressions:',
    '              - {key: node-role.kubernetes.io/edge, operator: Exists}',
    '      containers:',
    '      - name: broker',
    `        image: ${image}`,
    '        imagePullPolicy: IfNotPresent',
    '',
  ].join('\n');
}
