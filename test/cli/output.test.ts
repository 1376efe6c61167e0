/**
 * The human report as a person meets it first: `npm start` (package.json) through the built binary.
 * Standard output is a pipe here, so the report is laid out for the default 100 columns.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const START = ['--exit-zero', '--config', 'examples/fleet/.edgelint.yaml', 'examples/fleet'];

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}

describe('npm start', () => {
  const run = runCli(START);
  const lines = run.stdout.split('\n');
  const json = JSON.parse(runCli([...START, '--format', 'json']).stdout) as { findings: JsonFinding[] };

  it('fits 100 columns', () => {
    expect(run.status).toBe(0);
    const wide = lines.filter((l) => [...l].length > 100);
    expect(wide).toEqual([]);
    expect(Math.max(...lines.map((l) => [...l].length))).toBeGreaterThan(80);
  });

  it('prints one excerpt per span, however many findings are there', () => {
    const spans = new Set(json.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.endLine}:${f.endColumn}`));
    expect(spans.size).toBeLessThan(json.findings.length);
    expect(lines.filter((l) => /^ {4}> +\d+ \|/.test(l))).toHaveLength(spans.size);
  });

  it('puts position, severity, headline and rule id on each finding’s first line', () => {
    const rows = lines.filter((l) => /^ {2}\s*\d+:\d+\s+(error|warning|note)\s/.test(l));
    expect(rows).toHaveLength(json.findings.length);
    for (const row of rows) expect(row).toMatch(/\S {2,}[a-z0-9]+\/[a-z0-9-]+$/);
    expect(run.stdout).toMatch(/^ {2}99:16 +error +Host port 1883\/TCP on edge nodes is bound twice: +node\/host-port-conflict$/m);
  });

  it('says how many findings --fix can fix', () => {
    const fixable = json.findings.filter((f) => f.fixable).length;
    expect(fixable).toBeGreaterThan(0);
    expect(lines.at(-2)).toMatch(/^ {2}\d+ errors? and \d+ warnings? potentially fixable with the `--fix` option\.$/);
    const [, errors, warnings] = /(\d+) errors? and (\d+) warnings?/.exec(lines.at(-2)!)!;
    expect(Number(errors) + Number(warnings)).toBe(fixable);
  });
});

describe('colour', () => {
  const ESC = '\u001b[';
  it.each([
    { name: 'not on a pipe', args: [], env: { NO_COLOR: '' }, colour: false },
    { name: 'FORCE_COLOR=1 on a pipe', args: [], env: { NO_COLOR: '', FORCE_COLOR: '1' }, colour: true },
    { name: 'FORCE_COLOR=0', args: ['--'], env: { NO_COLOR: '', FORCE_COLOR: '0' }, colour: false },
    { name: '--no-color over FORCE_COLOR', args: ['--no-color'], env: { NO_COLOR: '', FORCE_COLOR: '1' }, colour: false },
    { name: '--color over NO_COLOR', args: ['--color'], env: { NO_COLOR: '1' }, colour: true },
  ])('$name', ({ args, env, colour }) => {
    const run = runCli([...args, ...START], { env });
    expect(run.stdout.includes(ESC)).toBe(colour);
  });
});
