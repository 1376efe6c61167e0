/**
 * One copy of each repeated value of a harvest. A Helm stream says the same few things over and over:
 * `apps/v1`, `Deployment`, a namespace, a chart's labels, a `# Source:` template, a handful of images.
 * Read from YAML, each occurrence is a string of its own (a scalar shorter than 13 characters is
 * copied out of the text, a quoted one is unescaped into a new string, and everything the worker sends
 * arrives as a fresh copy: structured clone does not share strings), and every container parsed its
 * image into an `ImageRef` of seven strings. A vocabulary per file keeps the first of each and hands it
 * out again; names that are unique per object (an object's `metadata.name`, annotation values,
 * ConfigMap data) are left alone, so the table only holds what repeats.
 */
import type { Located } from '../core/source.js';
import { parseImageRef } from '../model/image-ref.js';
import type { ImageRef, K8sObject, Workload } from '../model/types.js';

/**
 * One empty list for every list field the harvest leaves empty and nothing fills later (a container's
 * `command`, `args`, `ports`, mounts; a pod's sysctls, volumes, selector terms, tolerations): an empty
 * array is 32 bytes, and a 100,000-object stream had ~600,000 of them. Frozen, so a change to one
 * throws instead of reaching every object. `landsOn` is filled by the model and keeps its own.
 */
const NONE = Object.freeze([]) as unknown as never[];

/** Past this many entries a table starts over: a stream of all-different values gains nothing from it. */
const MAX_ENTRIES = 20_000;
/** Longer strings are rarely repeated vocabulary. */
const MAX_LENGTH = 200;

export class Vocabulary {
  private readonly strings = new Map<string, string>();
  private readonly images = new Map<string, ImageRef | undefined>();

  text<T extends string | undefined>(value: T): T {
    if (value === undefined || value.length > MAX_LENGTH) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    if (this.strings.size >= MAX_ENTRIES) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }

  /** parseImageRef of `raw`, once per distinct text (references are read, never changed). */
  imageRef(raw: string): ImageRef | undefined {
    if (this.images.has(raw)) return this.images.get(raw);
    if (this.images.size >= MAX_ENTRIES) this.images.clear();
    const ref = parseImageRef(raw);
    this.images.set(raw, ref);
    return ref;
  }

  record(values: Record<string, string>): void {
    for (const key of Object.keys(values)) values[key] = this.text(values[key]);
  }

  located(value: Located<string> | undefined): void {
    if (value) (value as { value: string }).value = this.text(value.value);
  }
}

/** Shares the repeated values of `objects[objectsFrom…]` and `workloads[workloadsFrom…]`, in place. */
export function shareVocabulary(vocabulary: Vocabulary, objects: readonly K8sObject[], objectsFrom: number, workloads: readonly Workload[], workloadsFrom: number): void {
  for (let i = objectsFrom; i < objects.length; i++) {
    const object = objects[i];
    object.apiVersion = vocabulary.text(object.apiVersion);
    object.kind = vocabulary.text(object.kind);
    if (object.namespace !== undefined) object.namespace = vocabulary.text(object.namespace);
    if (object.helmSource !== undefined) object.helmSource = vocabulary.text(object.helmSource);
    vocabulary.record(object.labels);
    if (object.nodePortService) vocabulary.record(object.nodePortService.selector);
  }
  for (let i = workloadsFrom; i < workloads.length; i++) {
    const workload = workloads[i];
    if (workload.podLabels) vocabulary.record(workload.podLabels);
    if (workload.placement.nodeSelector) vocabulary.record(workload.placement.nodeSelector);
    if (workload.sysctls.length === 0) workload.sysctls = NONE;
    if (workload.volumes.length === 0) workload.volumes = NONE;
    if (workload.containers.length === 0) workload.containers = NONE;
    if (workload.placement.requiredTerms.length === 0) workload.placement.requiredTerms = NONE;
    if (workload.placement.tolerations.length === 0) workload.placement.tolerations = NONE;
    for (const volume of workload.volumes) {
      volume.name = vocabulary.text(volume.name);
      if (volume.configMap !== undefined) volume.configMap = vocabulary.text(volume.configMap);
    }
    for (const container of workload.containers) {
      container.name = vocabulary.text(container.name);
      if (container.command.length === 0) container.command = NONE;
      if (container.args.length === 0) container.args = NONE;
      if (container.ports.length === 0) container.ports = NONE;
      if (container.volumeMounts.length === 0) container.volumeMounts = NONE;
      if (container.image) {
        vocabulary.located(container.image);
        container.imageRef = vocabulary.imageRef(container.image.value);
      }
      vocabulary.located(container.imagePullPolicy);
      for (const mount of container.volumeMounts) {
        mount.name = vocabulary.text(mount.name);
        mount.mountPath = vocabulary.text(mount.mountPath);
      }
      for (const port of container.ports) if (port.name !== undefined) port.name = vocabulary.text(port.name);
    }
  }
}
