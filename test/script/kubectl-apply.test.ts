import { describe, expect, it } from 'vitest';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import { readShellScript } from '../../src/script/read-script.js';

const script = (lines: string[]): SourceFile => new SourceFile('install.sh', lines.join('\n') + '\n', 'shell');
const manifest = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: relay-settings'];

/** The manifests the script applies from standard input: `line:column path` and the text. */
async function applied(lines: string[]): Promise<Array<[string, string]>> {
  const reading = await readShellScript(script(lines));
  return reading.writes.map((w) => {
    const at = resolveSpan(w.span);
    return [`${at.line}:${at.column} ${w.path}`, w.text];
  });
}

const body = manifest.join('\n') + '\n';

describe('readShellScript: kubectl apply -f - with a heredoc', () => {
  it.each<{ name: string; lines: string[]; expected: Array<[string, string]> }>([
    { name: 'apply -f - <<EOF', lines: ['kubectl apply -f - <<EOF', ...manifest, 'EOF'], expected: [['1:1 kubectl apply -f - (line 1).yaml', body]] },
    { name: 'create -f- with global flags first', lines: ['kubectl -n relay create -f- <<EOF', ...manifest, 'EOF'], expected: [['1:1 kubectl create -f - (line 1).yaml', body]] },
    { name: 'a subcommand the run decides is taken as applying', lines: ['kubectl $ACTION --filename=- <<EOF', ...manifest, 'EOF'], expected: [['1:1 kubectl apply -f - (line 1).yaml', body]] },
    { name: 'cat <<EOF | kubectl replace --filename -', lines: ['cat <<EOF | kubectl replace --filename -', ...manifest, 'EOF'], expected: [['1:1 kubectl replace -f - (line 1).yaml', body]] },
    { name: 'k3s kubectl, and a second command on its own line', lines: ['k3s kubectl apply -f - <<EOF', ...manifest, 'EOF', 'kubectl apply -f - <<EOF', ...manifest, 'EOF'], expected: [['1:1 kubectl apply -f - (line 1).yaml', body], ['7:1 kubectl apply -f - (line 7).yaml', body]] },
    {
      name: 'nothing from delete, get, a dry run, a file operand, or standard input that is no heredoc',
      lines: [
        'kubectl delete -f - <<EOF', ...manifest, 'EOF',
        'kubectl apply --dry-run=client -f - <<EOF', ...manifest, 'EOF',
        'kubectl apply -f relay.yaml',
        'kubectl apply -f - < relay.yaml',
        'helm template relay ./chart | kubectl apply -f -',
      ],
      expected: [],
    },
  ])('$name', async ({ lines, expected }) => {
    expect(await applied(lines)).toEqual(expected);
  });
});
