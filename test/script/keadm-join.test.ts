import { describe, expect, it } from 'vitest';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import type { Span } from '../../src/core/source.js';
import { readShellScript } from '../../src/script/read-script.js';

const script = (lines: string[]): SourceFile => new SourceFile('install.sh', lines.join('\n') + '\n', 'shell');
const at = (s: Span): string => {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}`;
};

describe('readShellScript: keadm join', () => {
  it('reads --kubeedge-version= (literal, or from a variable assigned once) and gives each edit the join before it', async () => {
    const source = script([
      '#!/bin/bash',
      'KE_VERSION=v1.21.3',
      'sudo keadm join --cloudcore-ipport=10.0.0.1:10000 --kubeedge-version=${KE_VERSION} --token="$TOKEN"',
      "sed -i '/edged:/a\\    nodeIP: 10.0.0.9' /etc/kubeedge/config/edgecore.yaml",
      'keadm join -e 10.0.0.1:10000 --kubeedge-version=v1.22.0',
      "sed -i '/eventBus:/a\\    mqttMode: 0' /etc/kubeedge/config/edgecore.yaml",
    ]);
    const reading = await readShellScript(source);
    expect(reading.keadmJoins.map((j) => [j.version?.value, at(j.span)])).toEqual([
      ['v1.21.3', '3:1'],
      ['v1.22.0', '5:1'],
    ]);
    expect(reading.keadmJoins[0].version && at(reading.keadmJoins[0].version.span)).toBe('3:51');
    expect(reading.yamlEdits.map((e) => e.keadmJoin?.version?.value)).toEqual(['v1.21.3', 'v1.22.0']);
  });

  it('takes no version from the space-separated form (the flag has a no-option default) and none from other keadm commands', async () => {
    const reading = await readShellScript(
      script(['#!/bin/sh', 'keadm reset --force', "sed -i '/edged:/a\\    nodeIP: 10.0.0.9' /etc/kubeedge/config/edgecore.yaml", 'keadm join --cloudcore-ipport=10.0.0.1:10000 --kubeedge-version v1.22.0']),
    );
    expect(reading.keadmJoins.map((j) => [j.version, at(j.span)])).toEqual([[undefined, '4:1']]);
    // The only join comes after the edit: it is still the command that wrote the file.
    expect(reading.yamlEdits.map((e) => e.keadmJoin && at(e.keadmJoin.span))).toEqual(['4:1']);
  });

  it('reads a join inside a bash -c body, and leaves edits of a script without one unmarked', async () => {
    const inBody = await readShellScript(script(['#!/bin/bash', "bash -c 'keadm join --kubeedge-version=v1.20.0 -e 10.0.0.1:10000'", "sed -i '/edged:/a\\    nodeIP: 1' /etc/kubeedge/config/edgecore.yaml"]));
    expect(inBody.yamlEdits.map((e) => e.keadmJoin?.version?.value)).toEqual(['v1.20.0']);
    const none = await readShellScript(script(['#!/bin/bash', "sed -i '/edged:/a\\    nodeIP: 1' /etc/kubeedge/config/edgecore.yaml"]));
    expect(none.keadmJoins).toEqual([]);
    expect(none.yamlEdits.map((e) => e.keadmJoin)).toEqual([undefined]);
  });

  it('reads the joins of keadm\'s beta and deprecated groups, and marks each host as an edge node', async () => {
    const reading = await readShellScript(
      script(['#!/bin/sh', 'keadm beta join --kubeedge-version=v1.12.1 -e 10.0.0.1:10000', 'keadm deprecated join --kubeedge-version=v1.15.0 -e 10.0.0.1:10000', 'keadm deprecated reset']),
    );
    expect(reading.keadmJoins.map((j) => [j.version?.value, at(j.span)])).toEqual([
      ['v1.12.1', '2:1'],
      ['v1.15.0', '3:1'],
    ]);
    expect(reading.edgeSide.map(at)).toEqual(['2:1', '3:1']);
    expect(reading.controlPlane).toEqual([]);
  });

  it('gives each edit the join nearest before it, and an edit before every join the first join', async () => {
    const edit = (ip: string) => `sed -i '/edged:/a\\    nodeIP: ${ip}' /etc/kubeedge/config/edgecore.yaml`;
    const reading = await readShellScript(
      script([
        '#!/bin/bash',
        edit('10.0.0.1'),
        "bash -c 'keadm join --kubeedge-version=v1.20.0 -e 10.0.0.1:10000'",
        edit('10.0.0.2'),
        edit('10.0.0.3'),
        'keadm join --kubeedge-version=v1.22.0 -e 10.0.0.1:10000',
        edit('10.0.0.4'),
      ]),
    );
    expect(reading.yamlEdits.map((e) => [at(e.span), e.keadmJoin?.version?.value])).toEqual([
      ['2:1', 'v1.20.0'],
      ['4:1', 'v1.20.0'],
      ['5:1', 'v1.20.0'],
      ['7:1', 'v1.22.0'],
    ]);
  });
});
