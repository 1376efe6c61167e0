/**
 * The fix machinery (src/engine/fix.ts) on real files in temporary directories, driven by custom rules
 * passed through `lint({ rules })` that declare fixes: what is written, that fixing twice changes
 * nothing, that a fix which would break parsing is refused, and how files are replaced (atomically, in
 * place of symlink targets, keeping permissions and encoding, never over a file changed since it was
 * read). The built-in fixes through the CLI binary are in fix-cli.test.ts.
 */
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEdits, applyFixes, mayRewrite } from '../../src/engine/fix.js';
import { lint } from '../../src/engine/lint.js';
import type { EdgelintConfig } from '../../src/config/config.js';
import { defineRule } from '../../src/rule-api.js';
import type { RuleModule } from '../../src/rule-api.js';
import { builtinRules } from '../../rules/index.js';

/**
 * A rule that reports every occurrence of `needle` in files whose path ends with `suffix`, with a fix
 * replacing it by `replacement`. Offsets come from the model's own source text, as a real rule's do.
 */
function replaceRule(id: string, suffix: string, needle: string, replacement: string): RuleModule {
  return defineRule({
    id,
    description: `Replace ${needle}`,
    category: 'hygiene',
    severity: 'error',
    recommended: true,
    remediation: `Write ${replacement} instead.`,
    fixable: true,
    messages: { found: 'Found {{needle}}.' },
    check({ model, report }) {
      for (const source of model.sources) {
        if (source.origin || !source.path.endsWith(suffix)) continue;
        for (let at = source.text.indexOf(needle); at !== -1; at = source.text.indexOf(needle, at + needle.length)) {
          report({ messageId: 'found', data: { needle }, at: { source, start: at, end: at + needle.length }, fix: { description: `Write ${replacement}`, edits: [{ start: at, end: at + needle.length, text: replacement }] } });
        }
      }
    },
  }) as RuleModule;
}

/** Only the custom rules run, so the fixtures need not be free of what built-in rules catch. */
const ONLY_CUSTOM: EdgelintConfig = { rules: Object.fromEntries(builtinRules.map((r) => [r.id, 'off'])) };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'edgelint-fix-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function fix(dir: string, rules: RuleModule[], write = true) {
  const result = await lint({ cwd: dir, config: ONLY_CUSTOM, rules });
  return { result, outcome: applyFixes(result, { write, cwd: dir }) };
}

const DEPLOYMENT = `# the sensor, as the chart renders it
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sensor # keep this name
spec:
  template:
    spec:
      containers:
      - name: sensor
        image: registry.example.com/sensor:latest  # pinned below
`;

const pinTag = replaceRule('custom/pin-tag', '.yaml', 'sensor:latest', 'sensor:1.4.2');

describe('applyFixes', () => {
  it('writes the fix, keeps the comments, and a second run changes nothing', async () => {
    const dir = project({ 'deploy/sensor.yaml': DEPLOYMENT });
    const first = await fix(dir, [pinTag]);
    expect(first.result.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([['custom/pin-tag', 'deploy/sensor.yaml', 11, 37]]);
    expect(first.outcome).toMatchObject({ applied: 1, files: ['deploy/sensor.yaml'], skipped: [] });
    expect(readFileSync(join(dir, 'deploy/sensor.yaml'), 'utf8')).toBe(DEPLOYMENT.replace('sensor:latest', 'sensor:1.4.2'));

    const second = await fix(dir, [pinTag]);
    expect(second.result.findings).toEqual([]);
    expect(second.outcome).toEqual({ applied: 0, files: [], diff: '', skipped: [] });
    expect(readFileSync(join(dir, 'deploy/sensor.yaml'), 'utf8')).toBe(DEPLOYMENT.replace('sensor:latest', 'sensor:1.4.2'));
  });

  it('in a dry run returns the unified diff and writes nothing', async () => {
    const dir = project({ 'deploy/sensor.yaml': DEPLOYMENT });
    const { outcome } = await fix(dir, [pinTag], false);
    expect(readFileSync(join(dir, 'deploy/sensor.yaml'), 'utf8')).toBe(DEPLOYMENT);
    expect(outcome.applied).toBe(1);
    expect(outcome.diff).toContain('--- a/deploy/sensor.yaml\n+++ b/deploy/sensor.yaml\n@@ -8,4 +8,4 @@\n');
    expect(outcome.diff).toContain('\n-        image: registry.example.com/sensor:latest  # pinned below\n+        image: registry.example.com/sensor:1.4.2  # pinned below\n');
  });

  it('refuses a fix that would leave YAML that no longer parses', async () => {
    const dir = project({ 'deploy/sensor.yaml': DEPLOYMENT });
    const { outcome } = await fix(dir, [replaceRule('custom/break-yaml', '.yaml', 'name: sensor #', 'name: [sensor #')]);
    expect(outcome).toMatchObject({ applied: 0, files: [], diff: '', skipped: [{ file: 'deploy/sensor.yaml', reason: 'the fixed file would not parse as well as before' }] });
    expect(readFileSync(join(dir, 'deploy/sensor.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('refuses a fix that would introduce a duplicate key', async () => {
    const dir = project({ 'deploy/sensor.yaml': DEPLOYMENT });
    const { outcome } = await fix(dir, [replaceRule('custom/dup', '.yaml', '      - name: sensor\n', '      - name: sensor\n        name: other\n')]);
    expect(outcome.skipped).toEqual([{ file: 'deploy/sensor.yaml', reason: 'the fixed file would not parse as well as before' }]);
    expect(readFileSync(join(dir, 'deploy/sensor.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  it('refuses a fix that would break a systemd unit or a mosquitto.conf', async () => {
    const unit = '[Unit]\nDescription=broker\n\n[Service]\nExecStart=/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf\nRestart=always\n';
    const conf = 'listener 1883 127.0.0.1\nallow_anonymous false\n';
    const dir = project({ 'etc/systemd/system/broker.service': unit, 'etc/mosquitto/mosquitto.conf': conf });
    const { outcome } = await fix(dir, [replaceRule('custom/break-unit', '.service', '[Service]', '[Service'), replaceRule('custom/break-conf', 'mosquitto.conf', 'listener 1883', 'listener 99999')]);
    expect(outcome.skipped.map((s) => s.file).sort()).toEqual(['etc/mosquitto/mosquitto.conf', 'etc/systemd/system/broker.service']);
    expect(readFileSync(join(dir, 'etc/systemd/system/broker.service'), 'utf8')).toBe(unit);
    expect(readFileSync(join(dir, 'etc/mosquitto/mosquitto.conf'), 'utf8')).toBe(conf);
  });

  it('applies a fix to a unit that still parses', async () => {
    const unit = '[Service]\nExecStart=/usr/bin/thing\n';
    const dir = project({ 'thing.service': unit });
    const { outcome } = await fix(dir, [replaceRule('custom/restart', '.service', 'ExecStart=/usr/bin/thing\n', 'ExecStart=/usr/bin/thing\nRestart=always\n')]);
    expect(outcome).toMatchObject({ applied: 1, skipped: [] });
    expect(readFileSync(join(dir, 'thing.service'), 'utf8')).toBe('[Service]\nExecStart=/usr/bin/thing\nRestart=always\n');
  });

  it('replaces files atomically: no temporary file is left beside them', async () => {
    const dir = project({ 'deploy/sensor.yaml': DEPLOYMENT, 'deploy/other.yaml': DEPLOYMENT.replace('name: sensor #', 'name: other #') });
    const before = readdirSync(join(dir, 'deploy')).sort();
    const { outcome } = await fix(dir, [pinTag]);
    expect(outcome.files).toEqual(['deploy/other.yaml', 'deploy/sensor.yaml']);
    expect(readdirSync(join(dir, 'deploy')).sort()).toEqual(before);
  });

  it('keeps the permission bits of the file it replaces', async () => {
    const dir = project({ 'deploy/sensor.yaml': DEPLOYMENT });
    chmodSync(join(dir, 'deploy/sensor.yaml'), 0o600);
    await fix(dir, [pinTag]);
    expect(statSync(join(dir, 'deploy/sensor.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'deploy/sensor.yaml'), 'utf8')).toContain('sensor:1.4.2');
  });

  it('does not rewrite a read-only file, and says so', async () => {
    const dir = project({ 'deploy/sensor.yaml': DEPLOYMENT });
    chmodSync(join(dir, 'deploy/sensor.yaml'), 0o444);
    const { outcome } = await fix(dir, [pinTag]);
    expect(outcome.skipped).toEqual([{ file: 'deploy/sensor.yaml', reason: 'the file is read-only' }]);
    expect(readFileSync(join(dir, 'deploy/sensor.yaml'), 'utf8')).toBe(DEPLOYMENT);
  });

  // The rename that replaces a file needs only the directory's write permission; the file's own bits
  // decide, as the kernel decides a write: root's 0644 file in a world-writable directory is not
  // nobody's to replace.
  it.each([
    { who: 'root, owner bit set', mode: 0o644, uid: 1000, gid: 1000, as: { uid: 0, groups: [0] }, may: true },
    { who: 'root, owner made it read-only', mode: 0o444, uid: 1000, gid: 1000, as: { uid: 0, groups: [0] }, may: false },
    { who: 'the owner', mode: 0o644, uid: 1000, gid: 1000, as: { uid: 1000, groups: [1000] }, may: true },
    { who: 'the owner of a 0464 file (group may, owner may not)', mode: 0o464, uid: 1000, gid: 1000, as: { uid: 1000, groups: [1000] }, may: false },
    { who: 'another user, root\'s 0644 file', mode: 0o644, uid: 0, gid: 0, as: { uid: 65534, groups: [65534] }, may: false },
    { who: 'another user, a 0666 file', mode: 0o666, uid: 0, gid: 0, as: { uid: 65534, groups: [65534] }, may: true },
    { who: 'a group member, 0664', mode: 0o664, uid: 0, gid: 50, as: { uid: 1000, groups: [1000, 50] }, may: true },
    { who: 'a group member, 0646 (others may, the group may not)', mode: 0o646, uid: 0, gid: 50, as: { uid: 1000, groups: [1000, 50] }, may: false },
  ])('may rewrite a file: $who → $may', ({ mode, uid, gid, as, may }) => {
    expect(mayRewrite({ mode: 0o100000 | mode, uid, gid }, as)).toBe(may);
  });

  it('neither trips over nor deletes a temporary of a run whose PID this run has (PID 1 in containers)', async () => {
    const legacy = `.sensor.yaml.edgelint-${process.pid}.tmp`;
    const dir = project({ 'deploy/sensor.yaml': DEPLOYMENT, [`deploy/${legacy}`]: 'someone else\'s bytes' });
    const { outcome } = await fix(dir, [pinTag]);
    expect(outcome.skipped).toEqual([]);
    expect(readFileSync(join(dir, 'deploy/sensor.yaml'), 'utf8')).toContain('sensor:1.4.2');
    expect(readFileSync(join(dir, 'deploy', legacy), 'utf8')).toBe("someone else's bytes");
    expect(readdirSync(join(dir, 'deploy')).sort()).toEqual([legacy, 'sensor.yaml']);
  });

  it('removes temporaries a killed run left for the file it fixes, and only those', async () => {
    // No live process has a PID this large (pid_max is at most 2^22 on Linux).
    const dead = 2 ** 22 + 7;
    const stale = [`.sensor.yaml.edgelint-${dead}.tmp`, `.sensor.yaml.edgelint-${dead}-0123456789ab.tmp`];
    const kept = [`.other.yaml.edgelint-${dead}-0123456789ab.tmp`, `.sensor.yaml.edgelint-${dead}-x.tmp`];
    const dir = project(Object.fromEntries([['deploy/sensor.yaml', DEPLOYMENT], ...[...stale, ...kept].map((n) => [`deploy/${n}`, 'partial'])]));
    await fix(dir, [pinTag]);
    expect(readdirSync(join(dir, 'deploy')).sort()).toEqual([...kept, 'sensor.yaml'].sort());
  });

  it('writes through a symlink to its target and leaves the link a link', async () => {
    const dir = project({ 'real/sensor.yaml': DEPLOYMENT });
    mkdirSync(join(dir, 'deploy'));
    symlinkSync('../real/sensor.yaml', join(dir, 'deploy/sensor.yaml'));
    const { outcome } = await fix(dir, [pinTag]);
    expect(outcome.skipped).toEqual([]);
    expect(lstatSync(join(dir, 'deploy/sensor.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'deploy/sensor.yaml'))).toBe('../real/sensor.yaml');
    expect(readFileSync(join(dir, 'real/sensor.yaml'), 'utf8')).toContain('sensor:1.4.2');
  });

  it('keeps a UTF-8 byte order mark and a UTF-16 encoding', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DEPLOYMENT)]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DEPLOYMENT, 'utf16le')]);
    const dir = project({ 'a/bom.yaml': bom, 'b/utf16.yaml': utf16 });
    const { outcome } = await fix(dir, [pinTag]);
    expect(outcome.files).toEqual(['a/bom.yaml', 'b/utf16.yaml']);
    const fixed = DEPLOYMENT.replace('sensor:latest', 'sensor:1.4.2');
    expect(readFileSync(join(dir, 'a/bom.yaml'))).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixed)]));
    expect(readFileSync(join(dir, 'b/utf16.yaml'))).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixed, 'utf16le')]));
  });

  it('does not overwrite a file that changed after it was linted', async () => {
    const dir = project({ 'deploy/sensor.yaml': DEPLOYMENT });
    const result = await lint({ cwd: dir, config: ONLY_CUSTOM, rules: [pinTag] });
    const edited = `${DEPLOYMENT}# saved from an editor meanwhile\n`;
    writeFileSync(join(dir, 'deploy/sensor.yaml'), edited);
    const outcome = applyFixes(result, { write: true, cwd: dir });
    expect(outcome).toMatchObject({ applied: 0, files: [], skipped: [{ file: 'deploy/sensor.yaml', reason: 'the file changed since it was read' }] });
    expect(readFileSync(join(dir, 'deploy/sensor.yaml'), 'utf8')).toBe(edited);
    expect(readdirSync(join(dir, 'deploy'))).toEqual(['sensor.yaml']);
  });

  it('applies one of two overlapping fixes per run and converges on the next', async () => {
    const dir = project({ 'x.yaml': 'kind: abcdef\n' });
    const rules = [replaceRule('custom/abcd', '.yaml', 'abcd', 'ABCD'), replaceRule('custom/cdef', '.yaml', 'cdef', 'CDEF')];
    const first = await fix(dir, rules);
    expect(first.outcome.applied).toBe(1);
    const afterFirst = readFileSync(join(dir, 'x.yaml'), 'utf8');
    expect(['kind: abCDEF\n', 'kind: ABCDef\n']).toContain(afterFirst);
    const second = await fix(dir, rules);
    // Whichever fix went first, the other no longer matches (its text was rewritten): nothing is left.
    expect(second.outcome.applied).toBe(0);
    expect(readFileSync(join(dir, 'x.yaml'), 'utf8')).toBe(afterFirst);
  });
});

describe('applyEdits', () => {
  it('applies edits from the end so earlier offsets stay valid', () => {
    expect(applyEdits('a b c', [{ start: 0, end: 1, text: 'AA' }, { start: 4, end: 5, text: 'CC' }]).text).toBe('AA b CC');
  });

  it('skips an edit overlapping one already applied, and a duplicate of it', () => {
    const { text, applied } = applyEdits('abcdef', [{ start: 1, end: 4, text: 'X' }, { start: 3, end: 5, text: 'Y' }, { start: 3, end: 5, text: 'Y' }]);
    expect(text).toBe('abcYf');
    expect(applied).toEqual([{ start: 3, end: 5, text: 'Y' }]);
  });

  it('ignores edits outside the text', () => {
    expect(applyEdits('abc', [{ start: 2, end: 9, text: 'X' }, { start: -1, end: 0, text: 'Y' }]).text).toBe('abc');
  });
});
