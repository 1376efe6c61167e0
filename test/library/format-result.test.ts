/**
 * `formatResult(format, result)` and `version` from the built package (by name, through its exports):
 * a library user gets the CLI's report without assembling a format context.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, formatResult, lint, version } from 'edgelint';
import type { EdgelintConfig } from 'edgelint';
import { runCli } from '../cli/run-cli.js';

const UNIT = '[Unit]\nDescription=edge broker\n\n[Service]\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf\n';
// What the CLI uses with no .edgelint.yaml anywhere: no settings, the newest KubeEdge assumed.
const config: EdgelintConfig = {};

describe('version', () => {
  it('is the package.json version, as --version prints it', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version).toBe(manifest.version);
    expect(runCli(['--version']).stdout).toBe(`${version}\n`);
  });
});

describe('formatResult', () => {
  it.each(FORMAT_NAMES.filter((f) => f !== 'sarif'))('%s: what the CLI prints for the same input', async (format) => {
    const result = await lint({ files: [{ path: 'edge/mosquitto.service', content: UNIT }], config });
    expect(result.findings.length).toBeGreaterThan(0);
    const cli = runCli(['-f', format, '--stdin-filename', 'edge/mosquitto.service', '-'], { input: UNIT, env: { NO_COLOR: '1' } });
    const text = formatResult(format, result);
    // The CLI reads no config here, so it reports the same rules; only its own notices differ.
    expect(text.replace(/"(time|startTimeUtc|endTimeUtc)":\s*"[^"]*"/g, '')).toBe(cli.stdout.replace(/"(time|startTimeUtc|endTimeUtc)":\s*"[^"]*"/g, ''));
  });

  it('sarif: carries the rules that ran, the version and the excerpt-free results', async () => {
    const result = await lint({ files: [{ path: 'edge/mosquitto.service', content: UNIT }], config });
    const sarif = JSON.parse(formatResult('sarif', result, { cwd: '/srv/repo' })) as {
      runs: Array<{ tool: { driver: { version: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string }>; originalUriBaseIds: Record<string, { uri: string }> }>;
    };
    const run = sarif.runs[0];
    expect(run.tool.driver.version).toBe(version);
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(result.rules.map((r) => r.id));
    expect(run.results.map((r) => r.ruleId)).toEqual(result.findings.map((f) => f.ruleId));
    expect(Object.values(run.originalUriBaseIds)[0].uri).toBe('file:///srv/repo/');
  });

  it('stylish: colour and width on request', async () => {
    const result = await lint({ files: [{ path: 'edge/mosquitto.service', content: UNIT }], config });
    expect(formatResult('stylish', result)).not.toContain('\u001b[');
    expect(formatResult('stylish', result, { color: true })).toContain('\u001b[');
    for (const line of formatResult('stylish', result, { width: 50 }).split('\n')) expect([...line].length).toBeLessThanOrEqual(50);
  });
});
