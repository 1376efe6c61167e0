import { appendTo, closestName, configMapKey, defineRule } from '../../src/rule-api.js';
import type { ConfigMapData, Container, Located, PodVolume, Span, Workload } from '../../src/rule-api.js';

/**
 * The keys a deployment's ConfigMaps of one namespace and name hold: the union over every definition
 * (one object in two files, or overlays of it), so a key any of them has is never reported. Undefined
 * when a definition's keys cannot be read (a template or an alias stands for them).
 */
function knownKeys(definitions: readonly ConfigMapData[]): Set<string> | undefined {
  const keys = new Set<string>();
  for (const definition of definitions) {
    if (definition.keysUnknown) return undefined;
    for (const key of Object.keys(definition.data)) keys.add(key);
    for (const key of definition.otherKeys ?? []) keys.add(key);
  }
  return keys;
}

function didYouMean(keys: Set<string>, key: string): string {
  const suggestion = closestName(keys, key);
  return suggestion === undefined ? '' : ` Did you mean \`${suggestion}\`?`;
}

/** `./conf/` → `conf`: the path kubelet joins onto the volume's directory (filepath.Join cleans it). */
function cleanPath(path: string): string {
  return path.split('/').filter((part) => part !== '' && part !== '.').join('/');
}

/**
 * The paths a configMap volume holds: a file per key (keys cannot contain `/`, apimachinery
 * IsConfigMapKey), or per `items[].path` together with the directories those paths create.
 */
function projectedPaths(volume: PodVolume, keys: Set<string>): Set<string> {
  if (!volume.items) return keys;
  const paths = new Set<string>();
  for (const item of volume.items) {
    const parts = cleanPath(item.path).split('/');
    for (let i = 1; i <= parts.length; i++) paths.add(parts.slice(0, i).join('/'));
  }
  return paths;
}

export default defineRule({
  id: 'k8s/missing-configmap-key',
  description: 'Disallow references to keys a ConfigMap of the same deployment does not have',
  category: 'correctness',
  severity: 'error',
  recommended: true,
  remediation: 'Name a key the ConfigMap has (or add the key to the ConfigMap), or mark the reference `optional: true` when its absence is intended.',
  messages: {
    missingItemKey:
      'ConfigMap {{configMap}} has no key `{{key}}`: kubelet cannot set up volume {{volume}} ("configmap references non-existent config key"), so the pods of {{workload}} stay in ContainerCreating.{{hint}}',
    missingSubPath:
      'subPath `{{subPath}}` is no file of volume {{volume}}: ConfigMap {{configMap}} has no key `{{subPath}}`, so kubelet creates an empty directory there and container {{container}} gets that directory at {{mountPath}} instead of a file.{{hint}}',
    missingSubPathOverFile:
      'subPath `{{subPath}}` is no file of volume {{volume}}: ConfigMap {{configMap}} has no key `{{subPath}}`, so kubelet creates an empty directory there, and the runtime cannot mount a directory over the file {{image}} ships at {{mountPath}} (runc: "not a directory"): container {{container}} is never started.{{hint}}',
    missingEnvKey:
      'ConfigMap {{configMap}} has no key `{{key}}`: container {{container}} of {{workload}} is never started (CreateContainerConfigError "couldn\'t find key {{key}} in ConfigMap").{{hint}}',
  },
  check({ model, report, knowledge }) {
    const definitions = new Map<string, ConfigMapData[]>();
    for (const configMap of model.configMaps) {
      if (configMap.object.kustomizePatch) continue;
      appendTo(definitions, configMapKey(configMap.object.namespace, configMap.object.name), configMap);
    }
    const keysCache = new Map<string, Set<string> | undefined>();
    const keysOf = (namespace: string | undefined, name: string): Set<string> | undefined => {
      const id = configMapKey(namespace, name);
      if (!keysCache.has(id)) {
        const found = definitions.get(id);
        keysCache.set(id, found ? knownKeys(found) : undefined);
      }
      return keysCache.get(id);
    };
    // Two files defining one object are alternative layouts of it (placement.ts objectIdentity):
    // whichever is applied, its own references decide, so every definition is judged at its own lines.
    for (const workload of model.workloads) {
      if (workload.object.kustomizePatch) continue;
      const owner = `${workload.kind} ${workload.object.name}`;
      const helmSource = workload.object.helmSource;
      const missing = (keys: Set<string>, key: Located<string>) => !keys.has(key.value) && !key.value.includes('{{');
      for (const volume of workload.volumes) {
        if (!volume.configMap || volume.optional) continue;
        const keys = keysOf(workload.object.namespace, volume.configMap);
        if (!keys) continue;
        const data = { configMap: volume.configMap, volume: volume.name, workload: owner };
        for (const item of volume.items ?? []) {
          if (missing(keys, item.key)) report({ messageId: 'missingItemKey', data: { ...data, key: item.key.value, hint: didYouMean(keys, item.key.value) }, at: item.key, helmSource });
        }
        reportSubPaths(workload, volume, keys, (subPath, at, container, mountPath) => {
          const hint = didYouMean(keys, subPath);
          // runc refuses to bind-mount a directory onto a file of the image's rootfs (rootfs_linux.go:
          // "not a directory … Are you trying to mount a directory onto a file"), so the OCI container
          // is never created and kubelet reports the start as failed, again and again.
          if (container.image && container.imageRef && knowledge.images.shipsFile(container.imageRef, mountPath)) {
            report({ messageId: 'missingSubPathOverFile', data: { ...data, subPath, container: container.name, mountPath, image: container.image.value, hint }, at, helmSource });
          } else report({ messageId: 'missingSubPath', data: { ...data, subPath, container: container.name, mountPath, hint }, at, helmSource });
        });
      }
      for (const container of workload.containers) {
        for (const ref of container.configMapKeyRefs ?? []) {
          if (ref.optional) continue;
          const keys = keysOf(workload.object.namespace, ref.configMap);
          if (keys && missing(keys, ref.key)) {
            report({ messageId: 'missingEnvKey', data: { configMap: ref.configMap, key: ref.key.value, container: container.name, workload: owner, hint: didYouMean(keys, ref.key.value) }, at: ref.key, helmSource });
          }
        }
      }
    }
  },
});

/**
 * kubelet joins a mount's subPath onto the volume's directory and, when nothing is there, creates a
 * directory (pkg/kubelet/kubelet_pods.go `makeMounts`: "Create the sub path now…", `SafeMakeDir`); the
 * runtime then bind-mounts that empty directory where the container expects the file. A configMap
 * volume holds one file per key, or per `items[].path` when items are listed. A subPath naming an
 * item whose key is missing is that item's finding, not a second one.
 */
function reportSubPaths(
  workload: Workload,
  volume: PodVolume,
  keys: Set<string>,
  onMissing: (subPath: string, at: Span, container: Container, mountPath: string) => void,
): void {
  const paths = projectedPaths(volume, keys);
  for (const container of workload.containers) {
    for (const mount of container.volumeMounts) {
      if (mount.name !== volume.name || mount.subPath === undefined || !mount.subPathSpan) continue;
      const subPath = cleanPath(mount.subPath);
      // An absolute or climbing subPath is refused by kubelet for its own reason; a template is unknown.
      if (subPath === '' || mount.subPath.startsWith('/') || subPath.split('/').includes('..') || subPath.includes('{{')) continue;
      if (!paths.has(subPath)) onMissing(subPath, mount.subPathSpan, container, mount.mountPath);
    }
  }
}
