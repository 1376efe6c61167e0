/**
 * A broker an install script starts (`mosquitto -d -p 1883`, `nohup mosquitto -c F &`) listens on the
 * host the script provisions, as a unit's would (mosquitto(8): `-c` reads a config, `-p` sets the
 * default listener's port; 2.0 with no listener configured binds 127.0.0.1 and ::1 only, facts §Q6/§Q8).
 */
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { edgeBrokerDaemonSet } from '../edge-broker-daemonset.js';

/** keadm's chart DaemonSet shape: host network, 1.6.15 default config (0.0.0.0:1883, anonymous), on edge nodes. */
const DAEMONSET = edgeBrokerDaemonSet();

const edgecore = (external: string) =>
  ['apiVersion: edgecore.config.kubeedge.io/v1alpha2', 'kind: EdgeCore', 'modules:', '  eventBus:', '    mqttMode: 2', `    mqttServerExternal: ${external}`, ''].join('\n');

const script = (lines: string[]) => ['#!/bin/bash', 'set -e', 'apt-get install -y mosquitto', ...lines, ''].join('\n');

async function findings(files: Record<string, string>, rules: string[]) {
  const result = await lint({ files: Object.entries(files).map(([path, content]) => ({ path, content })), cwd: '/nonexistent-edgelint-test-cwd', config: { kubeedgeVersion: '1.22' } });
  expect(result.errors).toEqual([]);
  return result.findings.filter((f) => rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`).sort();
}

describe('brokers started from install scripts', () => {
  it.each([
    ['mosquitto -d -p 1883', 4, 1],
    ['sudo /usr/sbin/mosquitto -p 1883 -d', 4, 6],
    ['nohup mosquitto > /var/log/mosquitto.log 2>&1 &', 4, 7],
    ['mosquitto --daemon', 4, 1],
  ])('`%s` binds loopback 1883 beside a host-network DaemonSet on 1883: a conflict on both sides', async (command, line, column) => {
    const found = await findings({ 'cloud/broker-ds.yaml': DAEMONSET, 'edge/setup-broker.sh': script([command]) }, ['node/host-port-conflict']);
    expect(found).toEqual([`node/host-port-conflict cloud/broker-ds.yaml:22:16`, `node/host-port-conflict edge/setup-broker.sh:${line}:${column}`]);
  });

  it('`-p` sets the port of the local-only listener: edgecore finds its external broker there', async () => {
    const files = (command: string) => ({ 'edge/etc/kubeedge/config/edgecore.yaml': edgecore('tcp://127.0.0.1:1884'), 'edge/setup-broker.sh': script([command]) });
    expect(await findings(files('mosquitto -d -p 1884'), ['node/broker-reachable'])).toEqual([]);
    expect(await findings(files('mosquitto -d -p 1883'), ['node/broker-reachable'])).toEqual(['node/broker-reachable edge/etc/kubeedge/config/edgecore.yaml:6:25']);
  });

  it('`-c FILE` reads the config the script writes: its anonymous listener on all interfaces, once', async () => {
    const lines = [
      'cat > /etc/mosquitto/mosquitto.conf <<EOF',
      'listener 1883',
      'allow_anonymous true',
      'EOF',
      'mosquitto -c /etc/mosquitto/mosquitto.conf -d',
    ];
    const found = await findings({ 'cloud/broker-ds.yaml': DAEMONSET, 'edge/setup-broker.sh': script(lines) }, ['node/host-port-conflict', 'mosquitto/no-anonymous']);
    expect(found).toEqual([
      'mosquitto/no-anonymous cloud/broker-ds.yaml:22:16',
      'mosquitto/no-anonymous edge/setup-broker.sh:6:1',
      'node/host-port-conflict cloud/broker-ds.yaml:22:16',
      'node/host-port-conflict edge/setup-broker.sh:5:1',
    ]);
  });

  it.each([
    ['listener ${MQTT_PORT}', 'a listener on a port the script fills in'],
    ['port ${MQTT_PORT}', 'a default listener on a port the script fills in'],
  ])('a config with %s (%s) leaves local-only mode: 1883 is not claimed on loopback', async (line) => {
    const lines = ['cat > /etc/mosquitto/mosquitto.conf <<EOF', line, 'EOF', 'mosquitto -c /etc/mosquitto/mosquitto.conf -d'];
    expect(await findings({ 'cloud/broker-ds.yaml': DAEMONSET, 'edge/setup-broker.sh': script(lines) }, ['node/host-port-conflict'])).toEqual([]);
  });

  it.each([
    ['mosquitto -c "$CONF" -d', 'a config the run names'],
    ['mosquitto $MOSQUITTO_OPTS', 'options the run decides'],
    ['mosquitto -c /opt/broker/other.conf -d', 'a config edgelint was not given'],
    ['mosquitto --help', 'help, no broker'],
    ['mosquitto -p 99999 -d', 'a port mosquitto refuses'],
    ['mosquitto_sub -t sensors/#', 'another program'],
  ])('`%s` (%s) claims nothing', async (command) => {
    expect(await findings({ 'cloud/broker-ds.yaml': DAEMONSET, 'edge/setup-broker.sh': script([command]) }, ['node/host-port-conflict', 'mosquitto/no-anonymous'])).toEqual([
      'mosquitto/no-anonymous cloud/broker-ds.yaml:22:16',
    ]);
  });
});

describe('a unit ExecStart with -p', () => {
  const unit = (exec: string) => `[Unit]\nDescription=MQTT broker\n[Service]\nExecStart=${exec}\nRestart=always\n[Install]\nWantedBy=multi-user.target\n`;
  it('`-p 1884` without a config binds loopback 1884, not 1883', async () => {
    const files = (exec: string) => ({ 'edge/etc/kubeedge/config/edgecore.yaml': edgecore('tcp://127.0.0.1:1884'), 'edge/etc/systemd/system/mosquitto.service': unit(exec) });
    expect(await findings(files('/usr/sbin/mosquitto -p 1884'), ['node/broker-reachable'])).toEqual([]);
    expect(await findings(files('/usr/sbin/mosquitto'), ['node/broker-reachable'])).toEqual(['node/broker-reachable edge/etc/kubeedge/config/edgecore.yaml:6:25']);
    // A port systemd fills in from the environment is unknown: nothing is claimed, so nothing is missing either.
    expect(await findings(files("/usr/sbin/mosquitto -p ${MQTT_PORT}"), ["node/broker-reachable"])).toEqual([]);
  });
});
