/**
 * The issue #10 sweep, kept: every real file of the corpus linted alone, as a pre-commit hook or an
 * editor would, reports exactly the real problems it has and nothing else. Real findings, each checked
 * against the consumer: the 2.0 image's /mosquitto-no-auth.conf and the 2.1 image's default config
 * both take anonymous clients on every interface (facts §Q6). Everything else (the Debian unit and
 * its local-only config, the upstream sample configs, edgecore.service, the K3s svclb List) is clean.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { corpus } from './corpus.js';

const FILES = [
  'debian/bookworm/mosquitto_2.0.11-1.2+deb12u2/etc/mosquitto/mosquitto.conf',
  'debian/bookworm/mosquitto_2.0.11-1.2+deb12u2/lib/systemd/system/mosquitto.service',
  'eclipse-mosquitto/5217863b/docker/2.0/mosquitto-no-auth.conf',
  'eclipse-mosquitto/5b74cce8/docker/2.1-alpine/mosquitto.conf',
  'eclipse-mosquitto/v1.6.15/mosquitto.conf',
  'eclipse-mosquitto/v2.0.22/mosquitto.conf',
  'kdash/5e2444da/test_data/daemonsets.yaml',
  'kubeedge/v1.22.2/build/tools/edgecore.service',
];

const EXPECTED: Record<string, string[]> = {
  'eclipse-mosquitto/5217863b/docker/2.0/mosquitto-no-auth.conf': ['5:1 warning mosquitto/no-anonymous'],
  'eclipse-mosquitto/5b74cce8/docker/2.1-alpine/mosquitto.conf': ['5:1 warning mosquitto/no-anonymous'],
};

async function findings(files: string[]) {
  const result = await lint({ cwd: '/nonexistent-edgelint-corpus', config: { kubeedgeVersion: '1.22' }, files: files.map((path) => ({ path, content: corpus(path) })) });
  return result.findings.map((f) => `${f.file} ${f.line}:${f.column} ${f.severity} ${f.ruleId}`);
}

describe('the real corpus, file by file (issue #10 sweep)', () => {
  it.each(FILES)('%s reports exactly its real problems', async (path) => {
    expect(await findings([path])).toEqual((EXPECTED[path] ?? []).map((f) => `${path} ${f}`));
  });

  it('the Debian unit reads the Debian config beside it: one local-only broker, nothing reported', async () => {
    expect(await findings(FILES.filter((f) => f.startsWith('debian/')))).toEqual([]);
  });
});
