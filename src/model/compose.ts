/**
 * Files a docker-compose file mounts into its services. A mosquitto config a compose service mounts
 * (`./mosquitto-edge.conf:/mosquitto/config/mosquitto.conf`) is that container's file: the container
 * reads it, or nothing does when it is mounted where the image does not look. Either way no host
 * broker reads it, so it is not a broker of the distribution's own mosquitto.service (listeners.ts
 * standaloneListeners).
 */
import type { SourceFile } from '../core/source.js';
import { parseSideDocument } from '../parse/side-yaml.js';
import { basename, dirname, joinRelative } from './paths.js';

/** The names Compose looks for (compose.yaml, docker-compose.yml) and the variants repositories use (docker-compose-edge.yml). */
export const COMPOSE_NAME = /(?:^|\/)[^/]*compose[^/]*\.ya?ml$/i;

/** Aliases expanded per compose file: a real one has a few; a hostile one is cut short. */
const MAX_ALIASES = 100;

/**
 * The configs compose services mount: the one at the path the mount names (relative to the compose
 * file, as Compose resolves it), or, when the repository holds no file there, those of that file name
 * (a compose file moved into a folder of its own still naming `./mosquitto-edge.conf` beside it: the
 * config is the compose service's all the same, never a host broker's). `mounted`: composeMountedFiles,
 * read once per model.
 */
export function composeMountedConfs<T extends { source: SourceFile }>(mounted: ReadonlySet<string>, confs: readonly T[]): Set<T> {
  const taken = new Set<T>();
  if (mounted.size === 0) return taken;
  const paths = new Set(confs.map((c) => c.source.path));
  const names = new Set([...mounted].filter((p) => !paths.has(p)).map(basename));
  for (const conf of confs) if (mounted.has(conf.source.path) || names.has(basename(conf.source.path))) taken.add(conf);
  return taken;
}

/** Repository paths of the files compose services bind-mount from a path relative to the compose file. */
export function composeMountedFiles(files: readonly SourceFile[]): Set<string> {
  const mounted = new Set<string>();
  for (const file of files) {
    if (!COMPOSE_NAME.test(file.path)) continue;
    let services: unknown;
    try {
      services = (parseSideDocument(file)?.toJS({ maxAliasCount: MAX_ALIASES }) as { services?: unknown } | null)?.services;
    } catch {
      continue;
    }
    if (!services || typeof services !== 'object') continue;
    for (const service of Object.values(services as Record<string, unknown>)) {
      const volumes = (service as { volumes?: unknown } | null)?.volumes;
      if (!Array.isArray(volumes)) continue;
      for (const volume of volumes) {
        // Short syntax `SOURCE:TARGET[:MODE]`, or the long syntax's `source`; a relative source starts
        // with `.` (anything else without a `/` is a named volume).
        const source = typeof volume === 'string' ? volume.split(':')[0] : (volume as { source?: unknown } | null)?.source;
        if (typeof source === 'string' && source.startsWith('.')) mounted.add(joinRelative(dirname(file.path), source));
      }
    }
  }
  return mounted;
}
