/**
 * Random repositories (issue 11, "Done when"): trees of YAML, units, mosquitto confs, scripts, image
 * lists, symlinks and an .edgelint.yaml, built from fragments of the hostile classes. For each, the
 * built CLI (256 MB heap, bounded wall time) and `lint()` keep the three promises: exit 0/1 with
 * findings or 2 with one clear line; bounded; nothing outside the tree read or written (a canary
 * beside the tree never shows up and never changes). Fixed seed and run count, so CI is repeatable.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { CLI, STACK_TRACE } from './helpers.js';

const SECRET = `edgelint-property-canary-${process.pid}`;
let root: string;
let canary: { path: string; bytes: Buffer; mtimeMs: number };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'edgelint-hostile-property-'));
  const path = join(root, 'CANARY.yaml');
  writeFileSync(path, `${SECRET}: 1\n${SECRET}: 2\n`);
  utimesSync(path, new Date(2020, 0, 1), new Date(2020, 0, 1));
  canary = { path, bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
});

afterAll(() => {
  expect(readFileSync(canary.path).equals(canary.bytes)).toBe(true);
  expect(statSync(canary.path).mtimeMs).toBe(canary.mtimeMs);
  rmSync(root, { recursive: true, force: true });
});

const yamlFragment = fc.constantFrom(
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata:\n  __proto__: x\n  constructor: y\n',
  'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p}\n    spec: {containers: [{name: c, image: "nginx:1", ports: [{containerPort: 80, hostPort: 80}]}]}\n',
  'a: *undefined\n',
  'a: &x 1\n---\nb: *x\n',
  'apiVersion: v1\rkind: ConfigMap\rmetadata:\r  name: cr\r',
  'k: [' + '1,'.repeat(25_000) + '1]\n',
  'k: "' + '\\u0000'.repeat(10) + '"\n',
  '---\n...\n---\n',
  'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d, labels: {toString: x}}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n      - name: m\n        image: eclipse-mosquitto:2.0\n        volumeMounts: [{name: v, mountPath: /mosquitto/config/mosquitto.conf, subPath: hasOwnProperty}]\n      volumes: [{name: v, configMap: {name: a}}]\n',
  'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  __proto__: {}\n  edged: {constructor: 1, nodeLabels: {__proto__: x}}\n',
  '# edgelint-disable-next-line\n# edgelint-disable yaml/duplicate-key\nx: 1\nx: 2\n',
  '"[l](https://evil.example) @someone\\n::error::x": 1\n"[l](https://evil.example) @someone\\n::error::x": 2\n',
);
const unitFragment = fc.constantFrom(
  '[Service]\nExecStart=/usr/bin/docker run -p 1-65535:1-65535 -p 1-65535:1-65535/udp nginx\n',
  '[Service]\rExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf\rRestart=always\r',
  '[Service]\nExecStart=/usr/bin/docker run -p 80/constructor -p [::1]8 --constructor x nginx\n',
  '[Unit\nDescription=\\\n',
);
const confFragment = fc.constantFrom('listener 1883\nallow_anonymous true\n', 'listener 0\ninclude_dir /nowhere\n', 'listener 1883 ::\r\nlistener 1883\n');
const scriptFragment = fc.constantFrom(
  '#!/bin/sh\nsed -i "s/[[:constructor:]]/x/" /etc/kubeedge/config/edgecore.yaml\n',
  '#!/bin/sh\ncat <<EOF > /etc/kubeedge/config/edgecore.yaml\nmodules: {edged: {x: 1}}\nEOF\n',
  '#!/bin/bash\nctr -n k8s.io images import "$(echo',
);
const text = fc.string({ maxLength: 200 });

const entry = fc.oneof(
  fc.record({ kind: fc.constant('file' as const), ext: fc.constant('yaml'), body: fc.array(fc.oneof(yamlFragment, text), { minLength: 1, maxLength: 4 }).map((p) => p.join('\n---\n')) }),
  fc.record({ kind: fc.constant('file' as const), ext: fc.constant('service'), body: fc.oneof(unitFragment, text) }),
  fc.record({ kind: fc.constant('file' as const), ext: fc.constant('conf'), body: fc.oneof(confFragment, text) }),
  fc.record({ kind: fc.constant('file' as const), ext: fc.constant('sh'), body: fc.oneof(scriptFragment, text) }),
  fc.record({ kind: fc.constant('file' as const), ext: fc.constant('txt'), body: fc.constantFrom('eclipse-mosquitto:2.0.1\neclipse-mosquitto:2.0.2\n', 'constructor\n__proto__\n') }),
  // Symlinks stay inside the tree (reaching outside is the confinement suite's): to a sibling, to itself, dangling.
  fc.record({ kind: fc.constant('link' as const), ext: fc.constantFrom('yaml', 'conf'), body: fc.constantFrom('self', 'sibling', 'dangling') }),
);
const repository = fc.record({
  entries: fc.array(fc.tuple(fc.constantFrom('', 'a/', 'a/b/', 'deploy/x.service.d/'), entry), { minLength: 1, maxLength: 8 }),
  config: fc.option(fc.constantFrom('offlineImages:\n  - file: f0.txt\n', 'rules:\n  __proto__: off\n', 'nodeClasses:\n  constructor: {labels: {a: b}}\n', 'kubeedgeVersion: "1.22"\nbaselineImages: ["eclipse-mosquitto:2.0.1"]\n', ': [\n')),
});

let runs = 0;

it('any generated repository: exit 0/1 with findings or 2 with one line, bounded, confined', async () => {
  await fc.assert(
    fc.asyncProperty(repository, async ({ entries, config }) => {
      const dir = join(root, `repo-${runs++}`);
      mkdirSync(dir);
      let first: string | undefined;
      entries.forEach(([folder, e], i) => {
        const path = join(dir, `${folder}f${i}.${e.ext}`);
        mkdirSync(dirname(path), { recursive: true });
        if (e.kind === 'file') {
          writeFileSync(path, e.body);
          first ??= path;
        } else {
          symlinkSync(e.body === 'self' ? path : e.body === 'sibling' ? (first ?? path) : join(dir, 'missing'), path);
        }
      });
      if (config) writeFileSync(join(dir, '.edgelint.yaml'), config);

      const child = spawnSync(process.execPath, ['--max-old-space-size=256', CLI, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(child.signal, child.stderr).toBeNull();
      expect([0, 1, 2]).toContain(child.status);
      expect(child.stderr).not.toMatch(STACK_TRACE);
      expect(`${child.stdout}${child.stderr}`).not.toContain(SECRET);
      if (child.status === 2) expect(child.stderr.trim().split('\n').every((l) => l.startsWith('edgelint: '))).toBe(true);
      else expect(() => JSON.parse(child.stdout)).not.toThrow();

      let failed: unknown;
      try {
        const result = await lint({ cwd: dir, paths: ['.'] });
        expect(result.errors).toEqual([]);
        expect(JSON.stringify(result.findings)).not.toContain(SECRET);
        for (const f of result.findings) expect(f.line >= 1 && f.column >= 1).toBe(true);
      } catch (error) {
        failed = error;
      }
      // lint() throws only what the CLI reports as one line with exit 2: a config or usage error.
      if (failed !== undefined) {
        expect(child.status).toBe(2);
        expect((failed as Error).name).toMatch(/ConfigError|UsageError/);
      }
    }),
    { seed: 11, numRuns: 12, endOnFailure: true },
  );
});
