/**
 * Real upstream files the tests lint, as fixtures in test/fixtures/upstream/ written for this project:
 * they reproduce the facts of each file (keys, values, ports, images, and the line and column of every
 * active line) with our own comments, and long all-comment example configs in short. Tests read only
 * the repository; test/system/upstream-facts.test.ts checks each fixture against the real file in the
 * external corpus (../shared/corpus, SOURCES.md there says where each came from).
 */
import { readFileSync } from 'node:fs';

/** How a fixture is held to its real file; see test/system/upstream-facts.test.ts. */
export type Facts =
  /** Every entry: section, key, value and position. */
  | 'systemd'
  /** Every active directive: name, arguments and position. */
  | 'mosquitto'
  /** The `mosquitto` block of a values.yaml, as data. */
  | 'values-mosquitto'
  /** The chart template with its optional blocks dropped (daemonsetBare), as data. */
  | 'daemonset-bare'
  /** Every `Tags:` / `Directory:` line, and the commit. */
  | 'tag-map';

export const UPSTREAM = {
  debianUnit: { fixture: 'debian-bookworm/mosquitto.service', corpus: 'debian/bookworm/mosquitto_2.0.11-1.2+deb12u2/lib/systemd/system/mosquitto.service', facts: 'systemd' },
  debianConf: { fixture: 'debian-bookworm/mosquitto.conf', corpus: 'debian/bookworm/mosquitto_2.0.11-1.2+deb12u2/etc/mosquitto/mosquitto.conf', facts: 'mosquitto' },
  upstreamNotifyUnit: { fixture: 'mosquitto-2.0.22/mosquitto.service.notify', corpus: 'eclipse-mosquitto/v2.0.22/service/systemd/mosquitto.service.notify', facts: 'systemd' },
  upstreamSimpleUnit: { fixture: 'mosquitto-2.0.22/mosquitto.service.simple', corpus: 'eclipse-mosquitto/v2.0.22/service/systemd/mosquitto.service.simple', facts: 'systemd' },
  tarballConf20: { fixture: 'mosquitto-2.0.22/mosquitto.conf', corpus: 'eclipse-mosquitto/v2.0.22/mosquitto.conf', facts: 'mosquitto' },
  tarballConf16: { fixture: 'mosquitto-1.6.15/mosquitto.conf', corpus: 'eclipse-mosquitto/v1.6.15/mosquitto.conf', facts: 'mosquitto' },
  noAuthConf: { fixture: 'mosquitto-image/mosquitto-no-auth.conf', corpus: 'eclipse-mosquitto/5217863b/docker/2.0/mosquitto-no-auth.conf', facts: 'mosquitto' },
  imageConf21: { fixture: 'mosquitto-image/mosquitto-2.1.conf', corpus: 'eclipse-mosquitto/5b74cce8/docker/2.1-alpine/mosquitto.conf', facts: 'mosquitto' },
  edgecoreUnit: { fixture: 'kubeedge-1.22.2/edgecore.service', corpus: 'kubeedge/v1.22.2/build/tools/edgecore.service', facts: 'systemd' },
  chartValues: { fixture: 'kubeedge-1.22.2/cloudcore-values-mosquitto.yaml', corpus: 'kubeedge/v1.22.2/manifests/charts/cloudcore/values.yaml', facts: 'values-mosquitto' },
  chartDaemonSetBare: { fixture: 'kubeedge-1.22.2/daemonset-mosquitto-bare.yaml', corpus: 'kubeedge/v1.22.2/manifests/charts/cloudcore/templates/daemonset_mosquitto.yaml', facts: 'daemonset-bare' },
  tagMap: { fixture: 'official-images/eclipse-mosquitto-920b0097', corpus: 'docker-library-official-images/920b0097/library/eclipse-mosquitto', facts: 'tag-map' },
  oldTagMap: { fixture: 'official-images/eclipse-mosquitto-a83fceb3', corpus: 'docker-library-official-images/a83fceb3/library/eclipse-mosquitto', facts: 'tag-map' },
} as const satisfies Record<string, { fixture: string; corpus: string; facts: Facts }>;

export type UpstreamFile = keyof typeof UPSTREAM;

/** The fixture text for a real upstream file. */
export function upstream(name: UpstreamFile): string {
  return readFileSync(new URL(`fixtures/upstream/${UPSTREAM[name].fixture}`, import.meta.url), 'utf8');
}

/**
 * The chart's daemonset_mosquitto.yaml template with its optional blocks left out, the image filled in
 * from values.yaml and no imagePullPolicy: a DaemonSet with no placement at all. The system test applies
 * this to the real template and compares it with the chartDaemonSetBare fixture.
 */
export function daemonsetBare(template: string): string {
  return template
    .replace(/\{\{- if .*\n/, '')
    .replace(/\{\{- end \}\}\n?$/, '')
    .replace(/\s*\{\{-? with [\s\S]*?\{\{- end \}\}/g, '')
    .replace('image: {{ .Values.mosquitto.image.repository }}:{{ .Values.mosquitto.image.tag }}', 'image: eclipse-mosquitto:1.6.15')
    .replace(/\n\s*imagePullPolicy: \{\{.*\}\}/, '');
}
