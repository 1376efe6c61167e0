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
 * helm's strvals (pkg/strvals/parser.go `typedVal`) types `--set` values: `true`/`false`/`null` in any
 * case become a bool or nil, `0` the integer 0; everything else a string or an integer. The template's
 * `{{- if .Values.mosquitto.enable }}` is false for false, nil, 0 and the empty string (Go's
 * text/template truth).
 */
function falsyInTemplate(value: string): boolean {
  const lower = value.toLowerCase();
  return lower === 'false' || lower === 'null' || value === '0' || value === '';
}

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
      enabled = !falsyInTemplate(value);
    } else if (values.has(key)) {
      // A value that would break the manifest's lines is not what a chart value holds in practice.
      if (value === undefined || /[\u0000-\u001f]/.test(value)) return undefined;
      values.set(key, value);
    }
  }
  if (!enabled) return undefined;
  const lines = chart.manifest.map((line) => line.replace(/\{\{([\w.]+)\}\}/g, (_, key: string) => values.get(key) ?? ''));
  return `# Source: ${chart.template}\n${lines.join('\n')}\n`;
}
