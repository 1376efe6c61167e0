/** Worker thread: reads one chunk of a large YAML stream for src/engine/yaml-harvest.ts. */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { SourceFile } from '../core/source.js';
import { dehydrate, harvestYaml } from './yaml-harvest.js';
import type { WorkerBatch } from './yaml-harvest.js';

const { text, path, port } = workerData as { text: string; path: string; port: MessagePort };
const chunk = new SourceFile(path, text, 'yaml');
const out: WorkerBatch = {
  objects: [],
  workloads: [],
  configMaps: [],
  duplicateKeys: [],
  parseProblems: [],
  edgecore: [],
  edgecoreRanges: [],
};

/**
 * Objects per batch: this thread holds at most about this many at once (yaml-harvest.ts startWorker).
 * Small enough that a batch is sent before the young generation's collections promote it: promoted,
 * every batch stayed in the old generation as garbage until the thread ended.
 */
const BATCH_OBJECTS = 100;

/** Sends what was read since the last batch, and forgets it. */
function send(last: boolean): void {
  const batch: WorkerBatch = {
    objects: out.objects.splice(0),
    workloads: out.workloads.splice(0),
    configMaps: out.configMaps.splice(0),
    duplicateKeys: out.duplicateKeys.splice(0),
    parseProblems: out.parseProblems.splice(0),
    edgecore: [],
    edgecoreRanges: out.edgecoreRanges.splice(0),
    ...(last ? { last: true as const } : {}),
  };
  dehydrate(batch, chunk);
  port.postMessage(batch);
}

harvestYaml(chunk, out, {
  edgecoreRanges: out.edgecoreRanges,
  beforeDocument: () => {
    if (out.objects.length + out.duplicateKeys.length + out.parseProblems.length >= BATCH_OBJECTS) send(false);
  },
});
send(true);
