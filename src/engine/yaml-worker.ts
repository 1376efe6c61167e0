/** Worker thread: reads one chunk of a large YAML stream for src/engine/yaml-harvest.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import { SourceFile } from '../core/source.js';
import { dehydrate, harvestYaml } from './yaml-harvest.js';
import type { YamlHarvest } from './yaml-harvest.js';

const { text, path } = workerData as { text: string; path: string };
const chunk = new SourceFile(path, text, 'yaml');
const out: YamlHarvest & { edgecoreRanges: Array<[number, number]> } = {
  objects: [],
  workloads: [],
  configMaps: [],
  duplicateKeys: [],
  parseProblems: [],
  edgecore: [],
  edgecoreRanges: [],
};
harvestYaml(chunk, out, { edgecoreRanges: out.edgecoreRanges });
dehydrate(out, chunk);
parentPort?.postMessage(out);
