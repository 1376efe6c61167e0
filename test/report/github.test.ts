import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../src/report/formatters/github.js';
import { formatFindings } from '../../src/report/formatters/index.js';
import { context, finding } from './fixtures.js';

describe('github', () => {
  it('prints nothing for zero findings', () => {
    expect(formatFindings('github', [], context())).toBe('');
  });

  it.each([
    {
      name: 'error, single line',
      f: finding(),
      out: '::error file=deploy/app.yaml,line=8,col=28,endLine=8,endColumn=34,title=k8s/edge-pull-policy::Container `nginx` pulls with policy Always on edge nodes.',
    },
    {
      name: 'warning',
      f: finding({ severity: 'warning', message: 'W.' }),
      out: '::warning file=deploy/app.yaml,line=8,col=28,endLine=8,endColumn=34,title=k8s/edge-pull-policy::W.',
    },
    {
      name: 'note becomes notice',
      f: finding({ severity: 'note', message: 'N.' }),
      out: '::notice file=deploy/app.yaml,line=8,col=28,endLine=8,endColumn=34,title=k8s/edge-pull-policy::N.',
    },
    {
      name: 'multi-line range drops columns (the runner rejects them)',
      f: finding({ line: 3, endLine: 5, endColumn: 2, message: 'M.' }),
      out: '::error file=deploy/app.yaml,line=3,endLine=5,title=k8s/edge-pull-policy::M.',
    },
    {
      name: 'helm source appended to the message',
      f: finding({ message: 'M.', helmSource: 'chart/templates/x.yaml' }),
      out: '::error file=deploy/app.yaml,line=8,col=28,endLine=8,endColumn=34,title=k8s/edge-pull-policy::M. (from chart/templates/x.yaml)',
    },
    {
      name: 'hostile message and file name',
      f: finding({ message: '100% bad\r\nline2: a,b ::error::x', file: 'a,b:c%d\ne.yaml', ruleId: 'x:y,z' }),
      out: '::error file=a%2Cb%3Ac%25d%0Ae.yaml,line=8,col=28,endLine=8,endColumn=34,title=x%3Ay%2Cz::100%25 bad%0D%0Aline2: a,b ::error::x',
    },
    {
      name: 'control characters in message and file name shown as pictures, not passed to the log (hostile8)',
      f: finding({ message: 'k \u001b]0;t\u0007\u001b[2J\u0000\u007f\u009b\u2028\u202e\tend', file: 'a\u001b[31m\u0085.yaml' }),
      out: '::error file=a\u241b[31m\ufffd.yaml,line=8,col=28,endLine=8,endColumn=34,title=k8s/edge-pull-policy::k \u241b]0;t\u2407\u241b[2J\u2400\u2421\ufffd\ufffd\ufffd\tend',
    },
  ])('$name', ({ f, out }) => {
    expect(formatFindings('github', [f], context())).toBe(`${out}\n`);
  });

  it('one command per finding, each on its own line', () => {
    const out = formatFindings('github', [finding({ message: 'a\nb' }), finding({ message: 'c\nd' })], context());
    expect(out.split('\n')).toHaveLength(3);
    expect(out.split('\n').every((l) => l === '' || l.startsWith('::error '))).toBe(true);
  });

  it.each([
    { input: 'plain', data: 'plain', property: 'plain' },
    { input: '%', data: '%25', property: '%25' },
    { input: '%0A', data: '%250A', property: '%250A' },
    { input: '\r', data: '%0D', property: '%0D' },
    { input: '\n', data: '%0A', property: '%0A' },
    { input: ':', data: ':', property: '%3A' },
    { input: ',', data: ',', property: '%2C' },
    { input: '::', data: '::', property: '%3A%3A' },
    { input: 'a=b', data: 'a=b', property: 'a=b' },
    { input: 'ü 日本', data: 'ü 日本', property: 'ü 日本' },
  ])('escaping of $input', ({ input, data, property }) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(property);
  });

  it('escapes exactly like @actions/core', async () => {
    const core = await import('@actions/core');
    const hostile = ['100%', 'a\r\nb', 'x:y,z', '%3A', '::warning::', 'tab\there', '日本,:%\n'];
    for (const value of hostile) {
      const written: string[] = [];
      const original = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => {
        written.push(chunk);
        return true;
      }) as typeof process.stdout.write;
      try {
        core.error(value, { title: value, file: value });
      } finally {
        process.stdout.write = original;
      }
      expect(written.join('').trimEnd()).toBe(`::error title=${escapeProperty(value)},file=${escapeProperty(value)}::${escapeData(value)}`);
    }
  });
});
