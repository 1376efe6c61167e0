/**
 * What `keadm init` installs that runs on edge nodes (data/keadm-init.json): the CloudCore chart's
 * `edge-eclipse-mosquitto` DaemonSet, rendered with keadm's values and the command's `--set` values.
 */
import data from '../../data/keadm-init.json' with { type: 'json' };

const chart = data.mosquittoDaemonSet;
const VALUES: ReadonlyMap<string, string> = new Map(Object.entries(chart.values));

/** The first KubeEdge release whose keadm applies the DaemonSet: `1.16`. */
export const MOSQUITTO_DAEMONSET_FROM = chart.fromRelease;

/**
 * The DaemonSet as `helm template` renders it (`# Source:` line first), given the `key=value` pairs of
 * the command's `--set` flags in order (helm: a later pair wins). Undefined when the values turn it off
 * (`mosquitto.enable=false`), or when a value it reads or `mosquitto.enable` is one the run decides
 * (`undefined` in `sets`): what keadm applies is then unknown.
 */
export function keadmMosquittoDaemonSet(sets: ReadonlyArray<readonly [string, string | undefined]>): string | undefined {
  const values = new Map(VALUES);
  let enabled = true;
  for (const [key, value] of sets) {
    if (key === chart.enableKey) {
      if (value === undefined) return undefined;
      // helm's strvals parses `false` as a boolean, and the template's `{{- if .Values.mosquitto.enable }}` is false then.
      enabled = value !== 'false';
    } else if (values.has(key)) {
      if (value === undefined) return undefined;
      values.set(key, value);
    }
  }
  if (!enabled) return undefined;
  const lines = chart.manifest.map((line) => line.replace(/\{\{([\w.]+)\}\}/g, (_, key: string) => values.get(key) ?? ''));
  return `# Source: ${chart.template}\n${lines.join('\n')}\n`;
}
