// What the command line decides from its arguments before anything is read (src/core/run-shape.ts):
// the launcher's code cache (runShape) and whether TurboFan is delayed (optimizationDelay).
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_FILES_RUN_BYTES, LONG_FILES_RUN_BYTES, SMALL_SCRIPT_RUN_BYTES, optimizationDelay, runShape } from '../../src/core/run-shape.js';
import { tempTree } from '../temp.js';

const script = (bytes: number) => `#!/bin/sh\n${'echo step\n'.repeat(Math.ceil(bytes / 10))}`.slice(0, bytes);

describe('run shape', () => {
  const dir = tempTree('run-shape', {
    'small.sh': script(SMALL_SCRIPT_RUN_BYTES - 1),
    'large.sh': script(SMALL_SCRIPT_RUN_BYTES),
    'half.sh': script(SMALL_SCRIPT_RUN_BYTES / 2),
    'install': script(100),
    'edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\n',
    'big.yaml': `kind: ConfigMap\n${'# padding\n'.repeat(SMALL_SCRIPT_RUN_BYTES / 10)}`,
    'stream.yaml': `kind: ConfigMap\n${'# padding\n'.repeat(LARGE_FILES_RUN_BYTES / 10)}`.slice(0, LARGE_FILES_RUN_BYTES),
    'almost.yaml': `kind: ConfigMap\n${'# padding\n'.repeat(LARGE_FILES_RUN_BYTES / 10)}`.slice(0, LARGE_FILES_RUN_BYTES - 1),
    'big.conf': `listener 1883\n${'# padding\n'.repeat(LARGE_FILES_RUN_BYTES / 10)}`.slice(0, LARGE_FILES_RUN_BYTES),
    'mosquitto.service': '[Service]\nExecStart=/usr/sbin/mosquitto\n',
    'sub/a.yaml': 'kind: Pod\n',
  });
  const at = (...names: string[]) => names.map((n) => (n.startsWith('-') ? n : join(dir, n)));
  writeFileSync(join(dir, 'empty.sh'), '');
  // Sparse files: only their size is read (and their first two bytes).
  for (const [name, size] of [['long.yaml', LONG_FILES_RUN_BYTES], ['under-long.yaml', LONG_FILES_RUN_BYTES - 1], ['long.sh', LONG_FILES_RUN_BYTES]] as const) {
    writeFileSync(join(dir, name), name.endsWith('.sh') ? '#!/bin/sh\n' : 'kind: ConfigMap\n');
    truncateSync(join(dir, name), size);
  }

  it.each([
    // [arguments, runShape, optimizationDelay]
    [['mosquitto.service'], 'units', 'none'],
    [['edgecore.yaml', 'mosquitto.service'], 'files', 'none'],
    [['big.yaml'], 'files', 'none'],
    // Files without a script are delayed from LARGE_FILES_RUN_BYTES (a Helm stream), counted together.
    [['almost.yaml'], 'files', 'none'],
    [['stream.yaml'], 'files', 'now'],
    [['almost.yaml', 'edgecore.yaml'], 'files', 'now'],
    [['big.conf'], 'units', 'now'],
    // ... up to LONG_FILES_RUN_BYTES, where V8's default tiering pays again; scripts stay delayed.
    [['under-long.yaml'], 'files', 'now'],
    [['long.yaml'], 'files', 'none'],
    [['long.sh'], 'long-scripts', 'now'],
    [['small.sh'], 'scripts', 'if-v8-loads'],
    [['install'], 'scripts', 'if-v8-loads'],
    [['empty.sh'], 'scripts', 'if-v8-loads'],
    [['--format', 'json', 'small.sh'], 'scripts', 'if-v8-loads'],
    [['large.sh'], 'long-scripts', 'now'],
    // The bytes of every named file count: two halves of the limit, or a small script beside a big file.
    [['half.sh'], 'scripts', 'if-v8-loads'],
    [['half.sh', 'half.sh'], 'long-scripts', 'now'],
    [['small.sh', 'big.yaml'], 'long-scripts', 'now'],
    [['sub'], 'other', 'now'],
    [['-'], 'other', 'now'],
    [['missing.sh'], 'other', 'now'],
    [[], 'other', 'now'],
  ] as const)('%j: %s, %s', (args, shape, delay) => {
    expect(runShape(at(...args))).toBe(shape);
    expect(optimizationDelay(at(...args))).toBe(delay);
  });
});
