import { compareFindings, type Finding } from '../../src/core/finding.js';
import type { FormatContext, RuleInfo } from '../../src/report/formatters/index.js';

export const RULES: RuleInfo[] = [
  {
    id: 'k8s/edge-pull-policy',
    description: 'Require a pull policy that works offline on edge nodes',
    severity: 'error',
    remediation: 'Set `imagePullPolicy: IfNotPresent` and pin the image tag.',
    category: 'reliability',
    docsUrl: 'https://example.test/rules/k8s/edge-pull-policy',
    helpText: '## Why\n\nEdge nodes lose the cloud link.\n',
  },
  {
    id: 'node/host-port-conflict',
    description: 'Disallow two listeners on one host port',
    severity: 'error',
    remediation: 'Move one listener to another port.',
    category: 'correctness',
  },
  {
    id: 'mosquitto/no-anonymous',
    description: 'Disallow anonymous MQTT clients on non-loopback listeners',
    severity: 'warning',
    remediation: 'Set `allow_anonymous false` and configure `password_file`.',
    category: 'security',
  },
];

export const SOURCES: Record<string, string> = {
  'deploy/app.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - image: nginx:latest',
    '          imagePullPolicy: Always',
    '',
  ].join('\n'),
  'edge/mosquitto.conf': 'listener 1883 0.0.0.0\nallow_anonymous true\n',
};

export function context(overrides: Partial<FormatContext> = {}): FormatContext {
  return { cwd: '/repo', rules: RULES, toolVersion: '0.1.0', ...overrides };
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'k8s/edge-pull-policy',
    severity: 'error',
    message: 'Container `nginx` pulls with policy Always on edge nodes.',
    file: 'deploy/app.yaml',
    line: 8,
    column: 28,
    endLine: 8,
    endColumn: 34,
    ...overrides,
  };
}

/**
 * A port conflict (with a related location), a Helm-sourced finding, and a warning in another file,
 * sorted as the engine hands them over.
 */
export const MIXED: Finding[] = [
  finding({ helmSource: 'chart/templates/deploy.yaml' }),
  finding({
    ruleId: 'node/host-port-conflict',
    message: 'Host port 1883/TCP is bound twice on class edge.',
    line: 7,
    column: 11,
    endLine: 7,
    endColumn: 32,
    related: [
      {
        file: 'edge/mosquitto.conf',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 22,
        message: 'The other listener on 1883/TCP.',
      },
    ],
  }),
  finding({
    ruleId: 'mosquitto/no-anonymous',
    severity: 'warning',
    message: 'Listener 0.0.0.0:1883 accepts anonymous clients.',
    file: 'edge/mosquitto.conf',
    line: 2,
    column: 1,
    endLine: 2,
    endColumn: 21,
  }),
].sort(compareFindings);
