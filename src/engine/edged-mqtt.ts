/**
 * The broker edged starts on its own node before KubeEdge 1.21 when edgecore runs with
 * DEPLOY_MQTT_CONTAINER true (`keadm join --with-mqtt` wrote it into edgecore.service; hand
 * installers copy the line): a Pod with host ports 1883 and 9001 running eclipse-mosquitto:1.6.15
 * (data/edged-mqtt.json). It is in no manifest, yet it binds the node's MQTT port beside any broker the
 * node runs itself, and the node pulls its image (sweep20 M-1: a 1.14 installer's unit with
 * `Environment=DEPLOY_MQTT_CONTAINER=TRUE`). It is linted as a manifest, every position of it at the
 * unit's assignment.
 *
 * Only when every release the deployment states for its edge nodes is older than 1.21: with none
 * stated, the newest release edgelint knows stands in, and it has no such broker.
 */
import { SourceFile } from '../core/source.js';
import type { Located } from '../core/source.js';
import { environmentOf, splitCommandLine } from '../parse/systemd-settings.js';
import { basename } from '../model/paths.js';
import type { ReleaseEvidence } from '../model/release.js';
import { EDGED_MQTT_ENV, EDGED_MQTT_REMOVED_IN, deploysMqttContainer, edgedMqttPod } from '../knowledge/edged-mqtt.js';
import { compareMinor, minorOf } from '../knowledge/versions.js';
import { dropInUnit, groupUnits } from './k3s-units.js';

/** The assignment that turns the broker on, in the first unit that runs edgecore with it; undefined otherwise. */
function brokerAssignment(unitFiles: readonly SourceFile[]): Located<string> | undefined {
  const candidates = unitFiles.filter((f) => f.text.includes(EDGED_MQTT_ENV));
  if (candidates.length === 0) return undefined;
  const names = new Set(candidates.map((f) => unitNameOf(f.path)));
  for (const unit of groupUnits(unitFiles.filter((f) => names.has(unitNameOf(f.path))))) {
    const execs = unit.getAll('Service', 'ExecStart');
    const last = execs[execs.length - 1];
    if (!last) continue;
    const program = splitCommandLine(last).argv[0]?.value;
    if (program === undefined || basename(program).replace(/^[-@+!:]+/, '') !== 'edgecore') continue;
    const value = environmentOf(unit).get(EDGED_MQTT_ENV);
    if (value && deploysMqttContainer(value.value)) return value;
  }
  return undefined;
}

/** `edgecore.service`, also for a drop-in `edgecore.service.d/x.conf`. */
function unitNameOf(path: string): string {
  return dropInUnit(path) ?? basename(path);
}

/** Whether releases are stated and every one is older than the release that removed the broker. */
function beforeRemoval(configured: string | undefined, stated: readonly ReleaseEvidence[]): boolean {
  const releases = configured !== undefined ? [configured] : stated.map((r) => r.minor);
  return releases.length > 0 && releases.every((r) => minorOf(r) !== undefined && compareMinor(r, EDGED_MQTT_REMOVED_IN) < 0);
}

/** The broker's Pod as a manifest mapped onto the unit's assignment, or undefined (see the module comment). */
export function edgedMqttManifest(unitFiles: readonly SourceFile[], configured: string | undefined, stated: readonly ReleaseEvidence[]): SourceFile | undefined {
  if (!beforeRemoval(configured, stated)) return undefined;
  const value = brokerAssignment(unitFiles);
  if (!value) return undefined;
  const at = value.span.start;
  const source = value.span.source;
  const line = source.root.positionAt(source.rootOffset(at)).line;
  return new SourceFile(`${basename(source.root.path)} (line ${line}): the MQTT pod edged starts (${EDGED_MQTT_ENV})`, edgedMqttPod(), 'yaml', { parent: source, toParentOffset: () => at });
}
