import rule from '../../../rules/systemd/unknown-key.js';
import { ruleTester } from '../../rule-tester.js';
import { upstream } from '../../upstream.js';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/index.js';

ruleTester(rule, {
  valid: [
    { name: 'upstream: Debian bookworm mosquitto.service', files: { 'mosquitto.service': upstream('debianUnit') } },
    { name: "upstream: KubeEdge's edgecore.service", files: { 'edgecore.service': upstream('edgecoreUnit') } },
    {
      name: 'keys of every section in their own section',
      files: {
        'mqtt.service':
          '[Unit]\nDescription=broker\nAfter=network-online.target\nStartLimitIntervalSec=60\n[Service]\nType=simple\nExecStart=/usr/sbin/mosquitto\nRestart=always\nLimitNOFILE=65536\nMemoryMax=200M\nEnvironment=A=1\n[Install]\nWantedBy=multi-user.target\n',
      },
    },
    { name: 'X- keys are extensions systemd skips', files: { 'a.service': '[Service]\nExecStart=/bin/true\nX-Owner=plant-a\n' } },
    { name: 'a key added after systemd 252 (RestartSteps, systemd 254)', files: { 'a.service': '[Service]\nExecStart=/bin/true\nRestart=always\nRestartSteps=5\nRestartMaxDelaySec=60\n' } },
    { name: 'legacy keys systemd still accepts (StartLimitInterval in [Service])', files: { 'a.service': '[Service]\nExecStart=/bin/true\nStartLimitInterval=10\n' } },
    { name: 'a socket unit reads [Socket] keys', files: { 'mqtt.socket': '[Socket]\nListenStream=1883\nAccept=no\n[Install]\nWantedBy=sockets.target\n' } },
    { name: 'a drop-in with known keys', files: { 'etc/systemd/system/edgecore.service.d/limits.conf': '[Service]\nLimitNOFILE=1048576\n' } },
  ],
  invalid: [
    {
      name: 'a misspelt key gets a did-you-mean',
      files: { 'mosquitto.service': '[Service]\nExecStart=/usr/sbin/mosquitto\nRestat=always\n' },
      errors: [{ messageId: 'unknown', line: 3, column: 1, message: 'systemd ignores Restat= in [Service]: no systemd release reads that key; did you mean Restart=?' }],
    },
    {
      name: 'keys of another section name it',
      files: { 'mosquitto.service': '[Unit]\nWantedBy=multi-user.target\n[Service]\nExecStart=/usr/sbin/mosquitto\nStartLimitIntervalSec=60\n' },
      errors: [
        { messageId: 'elsewhere', line: 2, column: 1, message: 'systemd ignores WantedBy= in [Unit]: it is a setting of [Install], so the unit runs without it.' },
        { messageId: 'elsewhere', line: 5, column: 1, message: 'systemd ignores StartLimitIntervalSec= in [Service]: it is a setting of [Unit], so the unit runs without it.' },
      ],
    },
    {
      name: 'keys are case-sensitive',
      files: { 'edgecore.service': '[Service]\nExecStart=/usr/local/bin/edgecore\nrestart=always\n  limitNOFILE = 65536\n' },
      errors: [
        { messageId: 'caseOnly', line: 3, column: 1, message: 'systemd ignores restart= in [Service]: keys are case-sensitive, so the unit runs without Restart=.' },
        { messageId: 'caseOnly', line: 4, column: 3, message: 'systemd ignores limitNOFILE= in [Service]: keys are case-sensitive, so the unit runs without LimitNOFILE=.' },
      ],
    },
    {
      name: 'a key nothing is near',
      files: { 'a.service': '[Service]\nExecStart=/bin/true\nBrokerPort=1883\n' },
      errors: [{ messageId: 'unknown', line: 3, column: 1, message: 'systemd ignores BrokerPort= in [Service]: no systemd release reads that key.' }],
    },
    {
      name: 'a [Service] key in a socket unit',
      files: { 'mqtt.socket': '[Socket]\nListenStream=1883\nExecStart=/usr/sbin/mosquitto\n' },
      errors: [{ messageId: 'unknown', line: 3, column: 1, message: 'systemd ignores ExecStart= in [Socket]: no systemd release reads that key.' }],
    },
    {
      name: 'in a drop-in, at the drop-in line',
      files: {
        'etc/systemd/system/edgecore.service': '[Service]\nExecStart=/usr/local/bin/edgecore\nRestart=always\n',
        'etc/systemd/system/edgecore.service.d/override.conf': '[Service]\nRestartSecs=5\n',
      },
      errors: [{ messageId: 'unknown', file: 'etc/systemd/system/edgecore.service.d/override.conf', line: 2, column: 1, message: 'systemd ignores RestartSecs= in [Service]: no systemd release reads that key; did you mean RestartSec=?' }],
    },
    {
      name: 'a unit written by an install script, at the script line',
      files: { 'install.sh': "#!/bin/bash\ncat > /etc/systemd/system/mqtt.service <<'EOF'\n[Service]\nExecStart=/usr/sbin/mosquitto\nRestat=always\nEOF\n" },
      errors: [{ messageId: 'unknown', file: 'install.sh', line: 5, column: 1, message: 'systemd ignores Restat= in [Service]: no systemd release reads that key; did you mean Restart=?' }],
    },
  ],
});

describe('systemd/unknown-key and core/parse-error', () => {
  it('reports the keys under an unknown section once, as the section (core/parse-error), not key by key', async () => {
    const result = await lint({ files: [{ path: 'a.service', content: '[Service]\nExecStart=/bin/true\n[Servce]\nRestat=always\n' }], config: {} });
    expect(result.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual(['core/parse-error 3:1']);
  });
});
