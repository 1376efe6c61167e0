import { describe, expect, it } from 'vitest';
import { formatFindings } from '../../src/report/formatters/index.js';
import { MIXED, SOURCES, context, finding } from './fixtures.js';

const readSource = (file: string): string | undefined => SOURCES[file];

describe('stylish', () => {
  it('prints nothing at all for zero findings', () => {
    expect(formatFindings('stylish', [], context({ readSource }))).toBe('');
  });

  it('groups by file, aligns rule ids, frames each span once, shows helm sources and related locations', () => {
    expect(formatFindings('stylish', MIXED, context({ readSource }))).toBe(
      [
        'deploy/app.yaml',
        '  7:11  error  Host port 1883/TCP is bound twice on class edge.           node/host-port-conflict',
        '               ↳ edge/mosquitto.conf:1:1  The other listener on 1883/TCP.',
        '      6 |       containers:',
        '    > 7 |         - image: nginx:latest',
        '        |           ^~~~~~~~~~~~~~~~~~~',
        '      8 |           imagePullPolicy: Always',
        '',
        '  8:28  error  Container `nginx` pulls with policy Always on edge nodes.  k8s/edge-pull-policy',
        '    rendered from chart/templates/deploy.yaml',
        '      7 |         - image: nginx:latest',
        '    > 8 |           imagePullPolicy: Always',
        '        |                            ^~~~~~',
        '',
        'edge/mosquitto.conf',
        '  2:1  warning  Listener 0.0.0.0:1883 accepts anonymous clients.  mosquitto/no-anonymous',
        '      1 | listener 1883 0.0.0.0',
        '    > 2 | allow_anonymous true',
        '        | ^~~~~~~~~~~~~~~~~~~~',
        '',
        '✖ 3 problems (2 errors, 1 warning, 0 notes)',
        '',
      ].join('\n'),
    );
  });

  it('splits a long message into a headline on the rule-id line and wrapped detail, within the width', () => {
    const message =
      'DaemonSet mqtt (container broker) accepts anonymous MQTT clients on 0.0.0.0:1883: anyone who can reach the node can read and publish device messages, and nothing in the logs says who did.';
    const out = formatFindings('stylish', [finding({ ruleId: 'mosquitto/no-anonymous', message })], context({ width: 80 }));
    expect(out).toBe(
      [
        'deploy/app.yaml',
        '  8:28  error  DaemonSet mqtt (container broker) accepts  mosquitto/no-anonymous',
        '               anonymous MQTT clients on 0.0.0.0:1883:',
        '               anyone who can reach the node can read and publish device',
        '               messages, and nothing in the logs says who did.',
        '',
        '✖ 1 problem (1 error, 0 warnings, 0 notes)',
        '',
      ].join('\n'),
    );
  });

  it('prints one excerpt for several findings at one span, each with its own rows', () => {
    const at = { line: 7, column: 11, endLine: 7, endColumn: 32 };
    const findings = [
      finding({ ...at, ruleId: 'x/a', message: 'First problem here.' }),
      finding({ ...at, ruleId: 'x/b', severity: 'warning', message: 'A 2nd problem here: same place.' }),
      finding({ ...at, column: 12, ruleId: 'x/c', message: 'Third, one column on.' }),
    ];
    const out = formatFindings('stylish', findings, context({ readSource }));
    expect(out).toBe(
      [
        'deploy/app.yaml',
        '  7:11  error    First problem here.    x/a',
        '  7:11  warning  A 2nd problem here:    x/b',
        '                 same place.',
        '      6 |       containers:',
        '    > 7 |         - image: nginx:latest',
        '        |           ^~~~~~~~~~~~~~~~~~~',
        '      8 |           imagePullPolicy: Always',
        '',
        '  7:12  error    Third, one column on.  x/c',
        '      6 |       containers:',
        '    > 7 |         - image: nginx:latest',
        '        |            ^~~~~~~~~~~~~~~~~~',
        '      8 |           imagePullPolicy: Always',
        '',
        '✖ 3 problems (2 errors, 1 warning, 0 notes)',
        '',
      ].join('\n'),
    );
  });

  it('heads each deployment when findings come from more than one', () => {
    const findings = [
      { ...finding({ file: 'a/x.yaml', ruleId: 'x/a', message: 'In a.' }), deployment: 'a' },
      { ...finding({ file: 'b/y.yaml', ruleId: 'x/b', message: 'In b.' }), deployment: 'b' },
    ];
    expect(formatFindings('stylish', findings, context())).toBe(
      [
        'Deployment a',
        '',
        'a/x.yaml',
        '  8:28  error  In a.  x/a',
        '',
        'Deployment b',
        '',
        'b/y.yaml',
        '  8:28  error  In b.  x/b',
        '',
        '✖ 2 problems (2 errors, 0 warnings, 0 notes)',
        '',
      ].join('\n'),
    );
    const one = findings.map((f) => ({ ...f, deployment: 'a' }));
    expect(formatFindings('stylish', one, context())).not.toContain('Deployment');
  });

  it.each([
    { fixes: ['error'] as const, line: '  1 error and 0 warnings potentially fixable with the `--fix` option.' },
    { fixes: ['warning', 'warning'] as const, line: '  0 errors and 2 warnings potentially fixable with the `--fix` option.' },
    { fixes: ['error', 'note'] as const, line: '  1 error, 0 warnings and 1 note potentially fixable with the `--fix` option.' },
  ])('says how many findings --fix can fix: $fixes', ({ fixes, line }) => {
    const fix = { description: 'Set it', edits: [{ start: 0, end: 1, text: 'x' }] };
    const findings = [...fixes.map((severity, i) => finding({ severity, line: i + 1, fix })), finding({ line: 9 })];
    const lines = formatFindings('stylish', findings, context()).split('\n');
    expect(lines.at(-2)).toBe(line);
  });

  it.each([40, 60, 100, 140])('keeps every line within %i columns, however long the message, path or excerpt', (width) => {
    const long = `${'very-long-identifier-'.repeat(8)}end`;
    const findings = [
      finding({
        file: `deploy/${'nested/'.repeat(20)}app.yaml`,
        message: `Image ${long} in ${long} drifts: ${'the other side says something long '.repeat(6)}.`,
        related: [{ file: `other/${'dir/'.repeat(30)}f.yaml`, line: 1, column: 1, endLine: 1, endColumn: 2, message: long }],
        helmSource: `chart/${'templates/'.repeat(15)}x.yaml`,
      }),
    ];
    const source = `${'x'.repeat(20)}\n`.repeat(7) + `  key: ${'v'.repeat(400)}\n`;
    const out = formatFindings('stylish', findings, context({ width, readSource: () => source }));
    const file = `deploy/${'nested/'.repeat(20)}app.yaml`;
    const where = `↳ other/${'dir/'.repeat(30)}f.yaml:1:1`;
    // Paths are whole on their own lines (below); every other line fits.
    for (const line of out.split('\n')) if (line !== file && line.trim() !== where) expect([...line].length, line).toBeLessThanOrEqual(width);
    expect(out.replace(/\s+/g, '')).toContain(long);
  });

  it('never cuts a path: the file heading and a related file:line:col stay whole, past the width', () => {
    const file = `deploy/${'nested/'.repeat(20)}app.yaml`;
    const other = `other/${'dir/'.repeat(30)}f.yaml`;
    const findings = [finding({ file, message: 'A message.', related: [{ file: other, line: 3, column: 5, endLine: 3, endColumn: 6, message: 'the other side' }] })];
    const lines = formatFindings('stylish', findings, context({ width: 60 })).split('\n');
    expect(lines[0]).toBe(file);
    expect(lines.map((l) => l.trim())).toContain(`↳ ${other}:3:5`);
    expect(lines.map((l) => l.trim())).toContain('the other side');
  });

  it('is compact, ESLint-like, when no source text is available', () => {
    const findings = [
      finding({ line: 9, column: 3, severity: 'note', message: 'A note.', ruleId: 'x/a' }),
      finding({ line: 12, column: 10, severity: 'warning', message: 'Longer warning text.', ruleId: 'x/b' }),
    ];
    expect(formatFindings('stylish', findings, context())).toBe(
      [
        'deploy/app.yaml',
        '   9:3   note     A note.               x/a',
        '  12:10  warning  Longer warning text.  x/b',
        '',
        '✖ 2 problems (0 errors, 1 warning, 1 note)',
        '',
      ].join('\n'),
    );
  });

  it.each([
    { severities: ['error'] as const, summary: '✖ 1 problem (1 error, 0 warnings, 0 notes)' },
    { severities: ['note', 'note'] as const, summary: '✖ 2 problems (0 errors, 0 warnings, 2 notes)' },
    { severities: ['warning', 'error', 'warning'] as const, summary: '✖ 3 problems (1 error, 2 warnings, 0 notes)' },
  ])('summary for $severities', ({ severities, summary }) => {
    const findings = severities.map((severity, i) => finding({ severity, line: i + 1 }));
    const lines = formatFindings('stylish', findings, context()).split('\n');
    expect(lines.at(-2)).toBe(summary);
  });

  it('keeps hostile messages on one line and free of terminal escapes', () => {
    const out = formatFindings(
      'stylish',
      [finding({ message: 'a\nb\r\nc\td\u001b[2Je', file: 'we\u001bird.yaml' })],
      context(),
    );
    expect(out).not.toContain('\u001b');
    expect(out.split('\n').slice(0, 2)).toEqual(['we\u241bird.yaml', '  8:28  error  a b c d\u241b[2Je  k8s/edge-pull-policy']);
  });

  it('prints the frame only for files it can read', () => {
    const out = formatFindings('stylish', [finding({ file: 'missing.yaml' })], context({ readSource }));
    expect(out).not.toContain(' | ');
  });

  it('uses ANSI colors only when color is true', () => {
    const plain = formatFindings('stylish', MIXED, context({ readSource }));
    const colored = formatFindings('stylish', MIXED, context({ readSource, color: true }));
    expect(plain).not.toMatch(/\u001b\[/);
    expect(colored).toContain('\u001b[4mdeploy/app.yaml\u001b[24m');
    expect(colored).toContain('\u001b[31merror\u001b[39m');
    expect(colored).toContain('\u001b[33mwarning\u001b[39m');
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});

describe('stylish: a broker known by its conf file (issue #10 §5)', () => {
  it('says the conf path once at the conf finding and once on the related line pointing at it', async () => {
    const { lint } = await import('../../src/engine/lint.js');
    const files: Record<string, string> = {
      'ds.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: broker\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n      - name: broker\n        image: eclipse-mosquitto:1.6.15\n        imagePullPolicy: IfNotPresent\n',
      'etc/mosquitto/mosquitto.conf': 'listener 1883\npassword_file /etc/mosquitto/passwd\n',
    };
    const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), config: { rules: { 'node/image-eol': 'off', 'mosquitto/no-anonymous': 'off' } }, cwd: '/nonexistent-edgelint-test-cwd' });
    const out = formatFindings('stylish', result.findings, context({ readSource: (file) => files[file], rules: result.rules }));
    const lines = out.split('\n');
    // The related line under the DaemonSet's finding: the path, then what binds there, without the path again.
    const related = lines.filter((l) => l.includes('↳ etc/mosquitto/mosquitto.conf:1:1'));
    expect(related).toHaveLength(1);
    expect(related[0]).toMatch(/↳ etc\/mosquitto\/mosquitto\.conf:1:1 {2}mosquitto binds 0\.0\.0\.0:1883 and/);
    // The conf file's own block: its header names the path; its message does not repeat it.
    const header = lines.indexOf('etc/mosquitto/mosquitto.conf');
    expect(header).toBeGreaterThan(-1);
    const block = lines.slice(header + 1, lines.findIndex((l, i) => i > header && l === '')).join(' ').replace(/\s+/g, ' ');
    expect(block).toContain('mosquitto binds 0.0.0.0:1883 and [::]:1883 (mosquitto 2.0), and DaemonSet broker');
    expect(block).not.toContain('etc/mosquitto/mosquitto.conf');
  });
});
