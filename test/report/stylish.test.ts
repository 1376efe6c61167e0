import { describe, expect, it } from 'vitest';
import { formatFindings } from '../../src/report/formatters/index.js';
import { MIXED, SOURCES, context, finding } from './fixtures.js';

const readSource = (file: string): string | undefined => SOURCES[file];

describe('stylish', () => {
  it('prints nothing at all for zero findings', () => {
    expect(formatFindings('stylish', [], context({ readSource }))).toBe('');
  });

  it('groups by file, aligns columns, shows frames, helm sources and related locations', () => {
    expect(formatFindings('stylish', MIXED, context({ readSource }))).toBe(
      [
        'deploy/app.yaml',
        '  7:11  error  Host port 1883/TCP is bound twice on class edge.                                              node/host-port-conflict',
        '      5 |     spec:',
        '      6 |       containers:',
        '    > 7 |         - image: nginx:latest',
        '        |           ^~~~~~~~~~~~~~~~~~~',
        '      8 |           imagePullPolicy: Always',
        '  ↳ edge/mosquitto.conf:1:1 The other listener on 1883/TCP.',
        '',
        '  8:28  error  Container `nginx` pulls with policy Always on edge nodes. (from chart/templates/deploy.yaml)  k8s/edge-pull-policy',
        '      6 |       containers:',
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
    expect(out.split('\n').slice(0, 2)).toEqual(['we\ufffdird.yaml', '  8:28  error  a b c d\ufffd[2Je  k8s/edge-pull-policy']);
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
