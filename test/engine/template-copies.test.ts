/**
 * `cp TEMPLATE DEST` then `sed -i 's|__X__|…|' DEST` (issue #10 §4): the template's placeholders the
 * seds replace are filled in at run time, exactly like those of a template a script writes with a heredoc.
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';

const template = [
  'apiVersion: edgecore.config.kubeedge.io/v1alpha2',
  'kind: EdgeCore',
  'modules:',
  '  edged:',
  '    tailoredKubeletConfig:',
  '      maxPods: __MAX_PODS__',
  '  eventBus:',
  '    mqttMode: __MQTT_MODE__',
  '    mqttQOS: __MQTT_QOS__',
  '',
].join('\n');

const installer = (lines: string[]) => ['#!/bin/bash', 'set -e', ...lines, ''].join('\n');

async function findings(files: Record<string, string>) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd' });
  expect(result.errors).toEqual([]);
  return result.findings
    .filter((f) => f.ruleId === 'edgecore/invalid-value' || f.ruleId === 'script/yaml-line-edit')
    .map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`)
    .sort();
}

describe('a template copied and filled in by an install script', () => {
  it('the placeholders a sed on the copy replaces are no findings; the one it does not replace is', async () => {
    const script = installer([
      'HERE="$(cd "$(dirname "$0")" && pwd)"',
      'cp "$HERE/templates/edgecore.yaml" /etc/kubeedge/config/edgecore.yaml',
      'sed -i "s|__MAX_PODS__|${MAX_PODS:-110}|" /etc/kubeedge/config/edgecore.yaml',
      "sed -i 's/__MQTT_MODE__/2/' /etc/kubeedge/config/edgecore.yaml",
    ]);
    expect(await findings({ 'edge/install.sh': script, 'edge/templates/edgecore.yaml': template })).toEqual(['edgecore/invalid-value edge/templates/edgecore.yaml:9:14']);
  });

  it('a path relative to the script directory, and install(1) as the copy', async () => {
    const script = installer([
      'install -m 0600 templates/edgecore.yaml /etc/kubeedge/config/edgecore.yaml',
      "sed -i -e 's/__MAX_PODS__/110/' -e 's/__MQTT_MODE__/2/' -e 's/__MQTT_QOS__/0/' /etc/kubeedge/config/edgecore.yaml",
    ]);
    expect(await findings({ 'edge/install.sh': script, 'edge/templates/edgecore.yaml': template })).toEqual([]);
  });

  it('a sed that runs before the copy fills nothing in the copy', async () => {
    const script = installer([
      "sed -i 's/__MQTT_MODE__/2/' /etc/kubeedge/config/edgecore.yaml",
      'cp templates/edgecore.yaml /etc/kubeedge/config/edgecore.yaml',
    ]);
    expect(await findings({ 'edge/install.sh': script, 'edge/templates/edgecore.yaml': template })).toEqual([
      'edgecore/invalid-value edge/templates/edgecore.yaml:6:16',
      'edgecore/invalid-value edge/templates/edgecore.yaml:8:15',
      'edgecore/invalid-value edge/templates/edgecore.yaml:9:14',
      'script/yaml-line-edit edge/install.sh:3:1',
    ]);
  });

  it('a copy of a file the deployment does not hold, or of one of several with that name, is no guess', async () => {
    const script = installer(['cp "$CONF_DIR/edgecore.yaml" /etc/kubeedge/config/edgecore.yaml', "sed -i 's/__MQTT_MODE__/2/' /etc/kubeedge/config/edgecore.yaml"]);
    const other = template.replace('__MAX_PODS__', '110');
    expect(await findings({ 'edge/install.sh': script, 'site-a/edgecore.yaml': template, 'site-b/edgecore.yaml': other })).toEqual([
      'edgecore/invalid-value site-a/edgecore.yaml:6:16',
      'edgecore/invalid-value site-a/edgecore.yaml:8:15',
      'edgecore/invalid-value site-a/edgecore.yaml:9:14',
      'edgecore/invalid-value site-b/edgecore.yaml:8:15',
      'edgecore/invalid-value site-b/edgecore.yaml:9:14',
      'script/yaml-line-edit edge/install.sh:4:1',
    ]);
  });
});
