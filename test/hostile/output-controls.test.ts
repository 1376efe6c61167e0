/**
 * Control characters in a linted repository's text (hostile8): a file name and a key holding ESC
 * sequences, BEL, CR/LF, NEL (U+0085), CSI (U+009B), a line separator and a right-to-left override
 * reach every output format through the file name and the message quoting the key. No format may
 * pass one raw to a terminal or a log (an ESC would recolour, retitle or clear it), and `--format
 * github` must stay one workflow command per finding. Controls are shown, not dropped: C0 as their
 * Unicode Control Pictures (ESC as ␛, rustc's way), the rest as U+FFFD; JSON and SARIF escape them.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, makeTree, removeTree } from './helpers.js';

const ESC = '\u001b';
/** What a terminal or a log may act on: every control but tab and LF, C1, separators, bidi controls. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const DIR_NAME = `m${ESC}[31m`;
const FILE_NAME = `d${ESC}[2J,:%0A\u009b.yaml`;
/** A key written with YAML escapes: ESC ] 0 ; title BEL, ESC [ 31 m, CR LF, NEL, LS, RLO. */
const KEY_WRITTEN = '"\\e]0;pwn\\a\\e[31mred\\r\\n::error file=x::pwned%0A\\u0085\\u2028\\u202ex"';

let dir: string;
beforeAll(() => {
  dir = makeTree({
    'etc/kubeedge/config/edgecore.yaml': `apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    ${KEY_WRITTEN}: 1\n`,
    [`${DIR_NAME}/${FILE_NAME}`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n',
  });
});
afterAll(() => removeTree(dir));

function run(format: string) {
  const child = spawnSync(process.execPath, [CLI, '--format', format, '--no-color', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  expect(child.status, child.stderr).toBe(1);
  return child;
}

describe('hostile output: control characters from linted files', () => {
  it.each(['stylish', 'github', 'json', 'sarif', 'junit', 'markdown'])('--format %s prints none raw, on stdout or stderr', (format) => {
    const child = run(format);
    expect(child.stdout.match(RAW_CONTROL)).toBeNull();
    expect(child.stderr.match(RAW_CONTROL)).toBeNull();
  });

  it('--format github: one workflow command per finding, controls shown as pictures, %/CR/LF and property delimiters escaped', () => {
    const lines = run('github').stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      '::error file=etc/kubeedge/config/edgecore.yaml,line=5,col=5,endLine=5,endColumn=73,title=edgecore/unknown-key::edgecore config: unknown key "␛]0;pwn␇␛[31mred%0D%0A::error file=x::pwned%250A\ufffd\ufffd\ufffdx" under modules.edged; no KubeEdge release from 1.16 to 1.23 reads it.',
      '::error file=m␛[31m/d␛[2J%2C%3A%250A\ufffd.yaml,line=5,col=3,endLine=5,endColumn=7,title=yaml/duplicate-key::Duplicate key \'name\' in \'metadata\' (first at line 4): Kubernetes decoders keep only this last \'name\' and silently drop the earlier value.',
    ]);
  });

  it('--format json and sarif escape the controls, so the values read back are the file\'s own', () => {
    const json = JSON.parse(run('json').stdout) as { findings: Array<{ file: string; message: string }> };
    expect(json.findings.map((f) => f.file)).toEqual(['etc/kubeedge/config/edgecore.yaml', `${DIR_NAME}/${FILE_NAME}`]);
    expect(json.findings[0].message).toContain(`"${ESC}]0;pwn\u0007${ESC}[31mred\r\n::error file=x::pwned%0A\u0085\u2028\u202ex"`);
    const sarif = JSON.parse(run('sarif').stdout) as { runs: Array<{ results: Array<{ message: { text: string } }> }> };
    expect(sarif.runs[0].results[0].message.text).toContain(`\u0085\u2028\u202ex"`);
  });

  it('--format stylish, junit and markdown show ESC as ␛ instead of dropping it', () => {
    expect(run('stylish').stdout).toContain('unknown key "␛]0;pwn␇␛[31mred ::error');
    expect(run('stylish').stdout).toContain('m␛[31m/d␛[2J,:%0A\ufffd.yaml');
    const junit = run('junit').stdout;
    expect(junit).toContain('unknown key &quot;␛]0;pwn␇␛[31mred&#13;&#10;::error');
    expect(junit).toContain('<testsuite name="m␛[31m/d␛[2J,:%0A\ufffd.yaml"');
    expect(run('markdown').stdout).toContain('| m␛\\[31m/d␛\\[2J,:%0A\ufffd.yaml | 5 |');
  });
});

describe('SARIF URIs of file names POSIX allows (hostile15)', () => {
  it('a backslash in a name and a directory named like a drive stay the tree\'s own files under %SRCROOT%', () => {
    const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';
    const tree = makeTree({ 'l\\m.yaml': bad, 'C:/work/x.yaml': bad });
    try {
      const child = spawnSync(process.execPath, ['--max-old-space-size=256', CLI, '--format', 'sarif', '.'], { cwd: tree, encoding: 'utf8', timeout: 60_000 });
      const sarif = JSON.parse(child.stdout) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }> }> }> };
      // Before: `l/m.yaml` (another file) and `file:///C:/work/x.yaml` (outside the tree, no base).
      expect(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation).map(({ uri, uriBaseId }) => ({ uri, uriBaseId })).sort((a, b) => a.uri.localeCompare(b.uri))).toEqual([
        { uri: 'C%3A/work/x.yaml', uriBaseId: '%SRCROOT%' },
        { uri: 'l%5Cm.yaml', uriBaseId: '%SRCROOT%' },
      ]);
    } finally {
      removeTree(tree);
    }
  });
});
