/**
 * The CLI's SARIF checked by Microsoft's own validator: the SARIF multitool (`@microsoft/sarif-multitool`,
 * a self-contained .NET binary per platform, no .NET install needed), verb `validate`, once with its
 * SARIF rules (the 2.1.0 schema and the SARIF authoring rules) and once with GitHub code scanning's
 * ingestion rules (`--rule-kind Ghas`, rules GH1xxx). The binary is built for x64 only, which is why this
 * lives in the system suite; `npm test` checks the schema with Ajv (test/report/sarif.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { tempDir } from '../temp.js';

const require = createRequire(import.meta.url);
// The package's index resolves its platform package's binary; its bin.js runs it through a shell, which
// would split the `;`-separated lists the options take, so the binary is run directly.
const multitool = require('@microsoft/sarif-multitool') as string;

interface ValidationResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string };
}

/** Runs `validate` over a log; returns what it reported at each level. */
function validate(log: string, ruleKind?: string): { errors: string[]; warnings: string[] } {
  const dir = tempDir('multitool');
  const input = join(dir, 'input.sarif');
  const output = join(dir, 'validation.sarif');
  writeFileSync(input, log);
  const args = ['validate', input, '--output', output, '--log', 'ForceOverwrite', ...(ruleKind ? ['--rule-kind', ruleKind] : [])];
  const run = spawnSync(multitool, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  if (run.error) throw run.error;
  // The tool can exit 0 after a configuration error (ERR997 and the like): trust its own log, and require
  // that it says the run succeeded.
  const report = JSON.parse(readFileSync(output, 'utf8')) as {
    runs: Array<{ results?: ValidationResult[]; invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications?: unknown[] }> }>;
  };
  const runInfo = report.runs[0];
  expect(runInfo.invocations[0].executionSuccessful, run.stdout).toBe(true);
  expect(runInfo.invocations[0].toolExecutionNotifications ?? []).toEqual([]);
  const results = runInfo.results ?? [];
  const line = (r: ValidationResult) => `${r.ruleId}: ${r.message.text ?? r.message.id ?? ''}`;
  return {
    errors: results.filter((r) => (r.level ?? 'warning') === 'error').map(line),
    warnings: results.filter((r) => (r.level ?? 'warning') === 'warning').map(line),
  };
}

/** The CLI's SARIF for a folder. */
function sarifOf(dir: string, args: string[] = []): string {
  const run = runCli(['--format', 'sarif', '--exit-zero', ...args, '.'], { cwd: dir });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

const fleet = (): string => {
  const out = runCli(['--format', 'sarif', '--exit-zero', '--config', 'examples/fleet/.edgelint.yaml', 'examples/fleet']);
  expect(out.status).toBe(0);
  return out.stdout;
};

describe('SARIF multitool validate', () => {
  it('examples/fleet: valid SARIF 2.1.0, no error from the SARIF rules', () => {
    const log = fleet();
    expect((JSON.parse(log) as { runs: Array<{ results: unknown[] }> }).runs[0].results.length).toBeGreaterThan(5);
    expect(validate(log).errors).toEqual([]);
  });

  it('examples/fleet: GitHub code scanning would ingest it (no GH rule fires)', () => {
    const { errors, warnings } = validate(fleet(), 'Ghas');
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('odd file names (spaces, #, %, unicode) and a parse error: still valid for both rule sets', () => {
    const dir = tempDir('multitool-odd');
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'my charts', 'über #1'), { recursive: true });
    writeFileSync(join(dir, 'my charts', 'über #1', 'pod 100%.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:latest\n    imagePullPolicy: Always\n');
    // A manifest (so it is linted: a YAML file without apiVersion/kind is not ours) broken by an unclosed flow sequence.
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\ndata: [1, 2\n');
    const log = sarifOf(dir);
    expect((JSON.parse(log) as { runs: Array<{ results: unknown[] }> }).runs[0].results.length).toBeGreaterThan(1);
    expect(validate(log).errors).toEqual([]);
    expect(validate(log, 'Ghas').errors).toEqual([]);
  });

  it('the validator rejects a log GitHub would not ingest (the check can fail)', () => {
    const log = JSON.parse(fleet()) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri?: string } } }> }> }> };
    delete log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(validate(JSON.stringify(log), 'Ghas').errors.join('\n')).toMatch(/^GH\d+/);
  });

  it('the validator rejects a log off the 2.1.0 schema (the check can fail)', () => {
    const log = JSON.parse(fleet()) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(JSON.stringify(log)).errors.join('\n')).toMatch(/^JSON\d+: /m);
  });
});
