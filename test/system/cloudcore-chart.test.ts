/**
 * The real CloudCore chart and the real mosquitto units (the external corpus, see corpus.ts): the example's rendered
 * DaemonSet must be what the chart renders from its own values, and together with each real unit
 * the model must see what happens on a node.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { lint } from '../../src/engine/lint.js';
import { corpus } from './corpus.js';

const example = readFileSync(new URL('../../examples/fleet/cloud/cloudcore-rendered.yaml', import.meta.url), 'utf8');

const values = parse(corpus('kubeedge/v1.22.2/manifests/charts/cloudcore/values.yaml')) as {
  mosquitto: { image: { repository: string; tag: string; pullPolicy: string }; labels: Record<string, string>; affinity: unknown; resources: unknown };
};
const template = corpus('kubeedge/v1.22.2/manifests/charts/cloudcore/templates/daemonset_mosquitto.yaml');
const rendered = parseAllDocuments(example).map((d) => d.toJS()).find((o) => o?.kind === 'DaemonSet');

describe('examples/fleet renders the real chart faithfully', () => {
  it('template and values are the ones the facts describe (v1.22.2, 1.6.15, Exists affinity, no ports)', () => {
    expect(values.mosquitto.image).toMatchObject({ repository: 'eclipse-mosquitto', tag: '1.6.15', pullPolicy: 'IfNotPresent' });
    expect(template).toContain('hostNetwork: true');
    expect(template).not.toMatch(/ports:|nodeSelector:/);
  });
  it('the rendered DaemonSet carries the values: image, policy, labels, affinity, resources, hostNetwork', () => {
    const spec = rendered.spec.template.spec;
    const container = spec.containers[0];
    expect(rendered.metadata.name).toBe('edge-eclipse-mosquitto');
    expect(container.image).toBe(`${values.mosquitto.image.repository}:${values.mosquitto.image.tag}`);
    expect(container.imagePullPolicy).toBe(values.mosquitto.image.pullPolicy);
    expect(container.resources).toEqual(values.mosquitto.resources);
    expect(container.ports).toBeUndefined();
    expect(spec.affinity).toEqual(values.mosquitto.affinity);
    expect(spec.hostNetwork).toBe(true);
    expect(rendered.metadata.labels).toEqual(values.mosquitto.labels);
  });
});

async function lintWith(files: Record<string, string>) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), config: { kubeedgeVersion: '1.22' }, cwd: '/nonexistent' });
  return result;
}

describe('the chart DaemonSet next to real mosquitto units', () => {
  const chart = { 'cloudcore-rendered.yaml': example };

  it('Debian unit + Debian conf (local-only 127.0.0.1:1883) collides with the chart broker on 0.0.0.0:1883', async () => {
    const result = await lintWith({
      ...chart,
      'lib/systemd/system/mosquitto.service': corpus('debian/bookworm/mosquitto_2.0.11-1.2+deb12u2/lib/systemd/system/mosquitto.service'),
      'etc/mosquitto/mosquitto.conf': corpus('debian/bookworm/mosquitto_2.0.11-1.2+deb12u2/etc/mosquitto/mosquitto.conf'),
    });
    const edge = result.model.nodeClass('edge')!;
    const unit = edge.listeners.filter((l) => l.owner === 'mosquitto.service').map((l) => `${l.address}:${l.port}`);
    expect(unit.sort()).toEqual(['127.0.0.1:1883', '::1:1883']);
    const conflicts = result.findings.filter((f) => f.ruleId === 'node/host-port-conflict').map((f) => `${f.file}:${f.line}:${f.column}`);
    expect(conflicts).toEqual(['cloudcore-rendered.yaml:99:16', 'lib/systemd/system/mosquitto.service:10:34']);
    // The Debian unit restarts on failure and its broker is loopback-only: nothing else to say about it.
    expect(result.findings.filter((f) => f.file.startsWith('lib/') || f.file.startsWith('etc/')).map((f) => f.ruleId)).toEqual(['node/host-port-conflict']);
  });

  it('upstream simple unit without the conf: the broker reads a file edgelint was not given — no listener claimed, no conflict', async () => {
    const result = await lintWith({ ...chart, 'mosquitto.service': corpus('eclipse-mosquitto/v2.0.22/service/systemd/mosquitto.service.simple') });
    expect(result.findings.filter((f) => f.ruleId === 'node/host-port-conflict')).toEqual([]);
    expect(result.findings.filter((f) => f.file === 'mosquitto.service')).toEqual([]);
  });

  it('kubeedge edgecore.service runs a daemon that restarts: nothing to report', async () => {
    const result = await lintWith({ 'edgecore.service': corpus('kubeedge/v1.22.2/build/tools/edgecore.service') });
    expect(result.findings).toEqual([]);
  });
});
