/**
 * The Action bundle on a runner where the step's working directory is not the checkout (self-hosted
 * runners, container jobs, `act`): inputs resolve against GITHUB_WORKSPACE. Bad input and a run that
 * lints nothing fail the step with one line, and rule links point only at this package's repository.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTION, ROOT, fleetCopy, removeTempDirs, runNode, tempDir } from './helpers.js';

afterAll(removeTempDirs);

function runAction(workspace: string, inputs: Record<string, string>) {
  const elsewhere = tempDir('action-cwd');
  const files = tempDir('action-files');
  const summary = join(files, 'summary.md');
  const output = join(files, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const env: Record<string, string> = { GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, GITHUB_WORKSPACE: workspace };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const run = runNode([ACTION], { cwd: elsewhere, env });
  const failures = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  return { ...run, failures, summary: readFileSync(summary, 'utf8'), elsewhere };
}

describe('the Action resolves inputs against GITHUB_WORKSPACE', () => {
  it('paths, config and sarif-file', () => {
    const workspace = fleetCopy('action-ws');
    const run = runAction(workspace, { paths: 'cloud edge', config: '.edgelint.yaml', 'sarif-file': 'reports/edgelint.sarif' });
    expect(run.stderr).toBe('');
    const sarif = JSON.parse(readFileSync(join(workspace, 'reports', 'edgelint.sarif'), 'utf8')) as {
      runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    const uris = sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('cloud/cloudcore-rendered.yaml');
    // The config's baselineImages only apply when the config was found: image-drift against the baseline.
    expect(sarif.runs[0].results.map((r) => r.ruleId)).toContain('node/image-drift');
    expect(existsSync(join(run.elsewhere, 'reports'))).toBe(false);
    expect(run.stdout).toMatch(/^::error [^:]*file=cloud\/cloudcore-rendered\.yaml,/m);
  });
});

describe('the Action fails the step with one line', () => {
  it.each<{ name: string; inputs: Record<string, string>; says: string }>([
    { name: 'a malformed boolean', inputs: { annotations: 'yes' }, says: '::error::edgelint: input annotations must be true or false, not "yes"' },
    { name: 'a path that matches nothing', inputs: { paths: 'clod/**/*.yaml' }, says: '::error::edgelint: no files matched "clod/**/*.yaml" in ' },
    { name: 'an unsupported kubeedgeVersion', inputs: { config: 'bad.yaml' }, says: '::error::edgelint: bad.yaml:1:1: kubeedgeVersion: "1.99" is not a KubeEdge version edgelint supports (up to 1.23; edgecore.yaml schemas from 1.16)' },
  ])('$name', ({ inputs, says }) => {
    const workspace = fleetCopy('action-ws');
    writeFileSync(join(workspace, 'bad.yaml'), 'kubeedgeVersion: "1.99"\n');
    const run = runAction(workspace, inputs);
    expect(run.status).toBe(1);
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0].startsWith(says), run.failures[0]).toBe(true);
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(run.stdout).not.toContain('edgelint: edgelint');
  });

  it('an empty workspace', () => {
    const run = runAction(tempDir('action-empty'), {});
    expect(run.status).toBe(1);
    expect(run.failures).toEqual([expect.stringMatching(/^::error::edgelint: no files matched: no file edgelint can lint was found in /)]);
  });
});

describe('rule links', () => {
  it('point at the repository package.json names, or are left out', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository?: string | { url?: string } };
    const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    const workspace = fleetCopy('action-ws');
    const run = runAction(workspace, { 'sarif-file': 'e.sarif' });
    const sarif = readFileSync(join(workspace, 'e.sarif'), 'utf8');
    const links = [...sarif.matchAll(/"helpUri":\s*"([^"]+)"/g), ...run.summary.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    if (!repository) expect(links).toEqual([]);
    else for (const link of links) expect(link.startsWith(repository.replace(/^git\+/, '').replace(/\.git$/, ''))).toBe(true);
  });
});
