/**
 * The broker edged starts by itself before KubeEdge 1.21 when its environment says
 * DEPLOY_MQTT_CONTAINER (data/edged-mqtt.json): the variable, the release that removed it, and the Pod.
 */
import data from '../../data/edged-mqtt.json' with { type: 'json' };

export const EDGED_MQTT_ENV = data.env;
/** The first release without the static broker: `1.21`. */
export const EDGED_MQTT_REMOVED_IN = data.removedIn;

/** Go's strconv.ParseBool true values; anything else (an error included) leaves the broker off. */
const PARSE_BOOL_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

export function deploysMqttContainer(value: string): boolean {
  return PARSE_BOOL_TRUE.has(value);
}

/** The Pod edged stores and runs, as a manifest after a `# Source:` line naming it. */
export function edgedMqttPod(): string {
  return `# Source: ${data.source}\n${data.manifest.join('\n')}\n`;
}
