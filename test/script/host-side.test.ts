import { describe, expect, it } from 'vitest';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import type { Span } from '../../src/core/source.js';
import { readShellScript } from '../../src/script/read-script.js';

const script = (lines: string[]): SourceFile => new SourceFile('setup.sh', lines.join('\n') + '\n', 'shell');
const at = (s: Span): string => {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}`;
};

// sweep11: an offline installer that unpacks the release, writes cloudcore.service and runs
// `systemctl start cloudcore` was not taken for the cloud host: the reader skipped every statement
// without a word it records (bash-copy.ts mayMatter), and systemctl, kubeadm and the binaries were none.
describe('readShellScript: which side of the cluster a script sets up', () => {
  it.each<{ name: string; lines: string[]; controlPlane: string[]; edgeSide: string[] }>([
    {
      name: 'systemctl starting cloudcore, kubeadm init and the cloudcore binary make the cloud host',
      lines: ['#!/bin/bash', 'systemctl daemon-reload', 'kubeadm init --pod-network-cidr=10.244.0.0/16', 'systemctl enable --now cloudcore', 'nohup /usr/local/bin/cloudcore > /var/log/cloudcore.log 2>&1 &'],
      controlPlane: ['3:1', '4:1', '5:1'],
      edgeSide: [],
    },
    {
      name: 'systemctl starting edgecore.service and the edgecore binary make an edge node',
      lines: ['#!/bin/bash', 'systemctl restart edgecore.service', 'edgecore --config /etc/kubeedge/config/edgecore.yaml'],
      controlPlane: [],
      edgeSide: ['2:1', '3:1'],
    },
    {
      name: 'stopping or querying a service, or naming one only in text, sets up nothing',
      lines: ['#!/bin/bash', 'systemctl status cloudcore', 'systemctl stop edgecore', 'echo "now start cloudcore"'],
      controlPlane: [],
      edgeSide: [],
    },
  ])('$name', async ({ lines, controlPlane, edgeSide }) => {
    const reading = await readShellScript(script(lines));
    expect(reading.controlPlane.map(at)).toEqual(controlPlane);
    expect(reading.edgeSide.map(at)).toEqual(edgeSide);
  });
});
