import { describe, expect, it } from 'vitest';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import { readShellScript } from '../../src/script/read-script.js';

const script = (lines: string[]): SourceFile => new SourceFile('install.sh', lines.join('\n') + '\n', 'shell');

async function labelings(lines: string[]): Promise<string[]> {
  const reading = await readShellScript(script(lines));
  return reading.nodeLabels.map((l) => {
    const at = resolveSpan(l.span);
    const nodes = l.nodes === 'all' ? '--all' : l.nodes.join(',');
    return `${at.line}:${at.column} ${nodes} ${l.labels.map((x) => `${x.key}=${x.value ?? '?'}`).join(' ')}`;
  });
}

describe('readShellScript: kubectl label node', () => {
  it.each<{ name: string; lines: string[]; expected: string[] }>([
    { name: 'one node, one label', lines: ['kubectl label node edge-1 app-tier=sensor'], expected: ['1:1 edge-1 app-tier=sensor'] },
    {
      name: 'several nodes and labels, global flags before the command, --overwrite',
      lines: ['sudo kubectl --kubeconfig /etc/kubernetes/admin.conf label nodes pi-1 pi-2 site=hall-3 example.com/role=gateway --overwrite'],
      expected: ['1:1 pi-1,pi-2 site=hall-3 example.com/role=gateway'],
    },
    { name: 'the TYPE/NAME form and the short name', lines: ['kubectl label node/pi-1 zone=a', 'kubectl label no pi-2 zone=b'], expected: ['1:1 pi-1 zone=a', '2:1 pi-2 zone=b'] },
    { name: 'a node name from a variable assigned once', lines: ['EDGE=edge-7', 'kubectl label node "$EDGE" tier=edge'], expected: ['2:1 edge-7 tier=edge'] },
    { name: 'a label value the run decides keeps its key', lines: ['kubectl label node edge-1 "role=$ROLE"'], expected: ['1:1 edge-1 role=?'] },
    { name: 'every node', lines: ['kubectl label nodes --all fleet=plant'], expected: ['1:1 --all fleet=plant'] },
    { name: 'k3s kubectl', lines: ['k3s kubectl label node edge-1 tier=edge'], expected: ['1:1 edge-1 tier=edge'] },
    { name: 'inside a bash -c body', lines: ["bash -c 'kubectl label node edge-1 tier=edge'"], expected: ['1:10 edge-1 tier=edge'] },
    {
      name: 'nothing from a selector, a file, a dry run, a removal, a node the run names, or another resource',
      lines: [
        'kubectl label nodes -l kubernetes.io/arch=arm64 tier=edge',
        'kubectl label -f node.yaml tier=edge',
        'kubectl label node edge-1 tier=edge --dry-run=client',
        'kubectl label node edge-1 tier-',
        'kubectl label node "$(hostname)" tier=edge',
        'kubectl label pod web tier=edge',
        'kubectl get nodes --show-labels',
      ],
      expected: [],
    },
  ])('$name', async ({ lines, expected }) => {
    expect(await labelings(lines)).toEqual(expected);
  });
});

describe('readShellScript: keadm join --labels', () => {
  it.each<{ name: string; line: string; expected: Array<[string, string | undefined]> }>([
    { name: 'the = form, comma-separated', line: 'keadm join -e 10.0.0.1:10000 --labels=tier=edge,site=hall-3', expected: [['tier', 'edge'], ['site', 'hall-3']] },
    { name: 'the next word, repeated, and the shorthand', line: 'keadm join -e 10.0.0.1:10000 --labels tier=edge -l site=a=b', expected: [['tier', 'edge'], ['site', 'a=b']] },
    // pflag reads `-l=VALUE` as `-l VALUE` (parseSingleShortArg), and `-lVALUE` too.
    { name: 'the shorthand with = and attached', line: 'keadm join -e 10.0.0.1:10000 -l=tier=edge,site=a -lzone=b', expected: [['tier', 'edge'], ['site', 'a'], ['zone', 'b']] },
    { name: 'a value the run decides', line: 'keadm join -e 10.0.0.1:10000 -l "site=$SITE"', expected: [['site', undefined]] },
  ])('$name', async ({ line, expected }) => {
    const reading = await readShellScript(script([line]));
    expect(reading.keadmJoins.map((j) => (j.labels ?? []).map((l) => [l.key, l.value]))).toEqual([expected]);
  });

  it('reads no labels from a join without the flag', async () => {
    const reading = await readShellScript(script(['keadm join -e 10.0.0.1:10000 -i edge-1']));
    expect(reading.keadmJoins.map((j) => j.labels)).toEqual([undefined]);
  });
});
