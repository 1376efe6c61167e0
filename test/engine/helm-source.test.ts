import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

describe('findings inside helm template output name their template', () => {
  it('whichever rule reported them, and only inside that object', async () => {
    const stream = [
      '---',
      '# Source: app/templates/cm.yaml',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: a',
      '  name: b',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: c',
      '  name: d',
      '---',
      '# Source: app/templates/other.yaml',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: e',
      '  name: f',
      '',
    ].join('\n');
    const { findings } = await lint({ files: [{ path: 'out.yaml', content: stream }], cwd: '/nonexistent' });
    expect(findings.map((f) => [f.ruleId, f.line, f.helmSource])).toEqual([
      ['yaml/duplicate-key', 7, 'app/templates/cm.yaml'],
      ['yaml/duplicate-key', 13, undefined],
      ['yaml/duplicate-key', 20, 'app/templates/other.yaml'],
    ]);
  });
});
