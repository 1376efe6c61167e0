/**
 * script/yaml-line-edit asks, once per path a script appends to, whether the script's first write of
 * that path was an append (appendedFirst). It scanned every append of the model each time: quadratic
 * in the paths, 20,000 `tee -a` of 20,000 K3s config.yaml.d drop-ins spent 2.4 s of a 7.2 s run there
 * (hostile14; 4.1 s in all now). The appends are indexed by script and path once per run: the rule
 * reads the model's edits a bounded number of times each, counted here on the model lint() built.
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/script/yaml-line-edit.js';
import { knowledgeFor } from '../../src/engine/knowledge.js';
import { runLint } from './helpers.js';

function script(targets: number): string {
  const lines = ['#!/bin/bash'];
  for (let i = 0; i < targets; i++) lines.push(`tee -a /etc/rancher/k3s/config.yaml.d/${i}.yaml <<EOF`, `node-label+: [k${i}=v]`, 'EOF');
  return `${lines.join('\n')}\n`;
}

/** How many times the rule reads an entry of model.scriptEdits, per entry. */
async function readsPerEdit(targets: number): Promise<number> {
  const result = await runLint('/nonexistent-hostile14', { files: [{ path: 'install.sh', content: script(targets) }] });
  // One finding per append (each a YAML file edited as lines), at its tee line, 1,000 kept and one that counts the rest.
  expect(result.findings.filter((f) => f.ruleId === 'script/yaml-line-edit')).toHaveLength(Math.min(targets, 1000) + (targets > 1000 ? 1 : 0));
  const edits = result.model.scriptEdits;
  expect(edits).toHaveLength(targets);
  let reads = 0;
  const counted = new Proxy(edits, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  let reports = 0;
  rule.check({ model: { ...result.model, scriptEdits: counted }, options: {}, knowledge: await knowledgeFor(true), report: () => void reports++ });
  expect(reports).toBe(targets);
  return reads / targets;
}

describe('hostile appends to many paths', () => {
  it('each of 2,000 appends to 2,000 paths is read a bounded number of times, as each of 200 is', async () => {
    const few = await readsPerEdit(200);
    expect(few).toBeLessThan(10);
    expect(await readsPerEdit(2_000)).toBe(few);
  });
});
