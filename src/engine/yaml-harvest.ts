/**
 * What the model needs from a YAML stream, read document by document: Kubernetes objects and
 * workloads, ConfigMap data, duplicate keys, parse problems, and edgecore configs.
 *
 * Large streams are read on both cores: the file is cut at a document boundary near its middle, the
 * second half is read by a worker thread (src/engine/yaml-worker.ts) while this thread reads the
 * first, and the worker's harvest — plain data with offsets, no YAML nodes — is moved back onto the
 * real source file. Every document is still composed with positions; nothing is skipped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isMap } from 'yaml';
import { SourceFile } from '../core/source.js';
import { readEdgecore } from '../model/edgecore.js';
import type { EdgecoreConfig } from '../model/edgecore.js';
import { extractKubernetes, isUnversionedObject } from '../model/kubernetes.js';
import { restoreTextLines } from '../model/text-lines.js';
import type { ParseProblem } from '../core/problem.js';
import type { ConfigMapData, K8sObject, Workload, YamlDuplicateKey } from '../model/types.js';
import { yamlDocuments } from '../parse/yaml.js';
import { getNode, scalarString } from '../parse/yaml-nodes.js';
import { findDuplicateKeys } from '../parse/yaml-duplicate-keys.js';
import type { YamlWindow } from '../parse/yaml.js';
import { hasNoRepeatedKeys } from '../parse/yaml-fast.js';
import { findPackageRoot } from './docs.js';
import { pushAll } from '../core/arrays.js';
import { Vocabulary, shareVocabulary } from './harvest-vocabulary.js';
import { boundHeapGrowth } from '../core/v8-flags.js';

export interface YamlHarvest {
  objects: K8sObject[];
  workloads: Workload[];
  configMaps: ConfigMapData[];
  duplicateKeys: YamlDuplicateKey[];
  parseProblems: ParseProblem[];
  edgecore: EdgecoreConfig[];
}

/** Below this size one core reads the file: a worker's start-up would cost more than it saves. */
export const PARALLEL_MIN_CHARS = 8 * 1024 * 1024;

interface HarvestOptions {
  end?: number;
  edgecoreRanges?: Array<[number, number]>;
  wholeLists?: boolean;
  /** Called as each document comes, before it is harvested: the worker sends what it has read so far. */
  beforeDocument?: () => void;
  /** Repeated values of each document's objects are shared through it (not in the worker: its copies are sent anyway). */
  vocabulary?: Vocabulary;
}

/**
 * Reads the documents of `source` up to `end` (the whole file by default). A worker passes
 * `deferEdgecore`: edgecore configs keep their YAML document, which cannot cross threads, so the
 * worker returns their ranges for this thread to read.
 */
export function harvestYaml(source: SourceFile, out: YamlHarvest, options: HarvestOptions = {}): void {
  const limit = options.end ?? source.text.length;
  let cursor = 0;
  for (const list of limit >= LIST_STREAM_MIN_CHARS && !options.wholeLists ? findLargeLists(source.text, limit) : []) {
    harvestWindow(source, out, options, { start: cursor, end: list.start });
    for (const item of list.items) harvestWindow(source, out, options, item);
    cursor = list.end;
  }
  harvestWindow(source, out, options, { start: cursor, end: limit });
}

/**
 * edgecore decodes its config without looking at `kind` or `apiVersion` (sigs.k8s.io/yaml into
 * v1alpha2.EdgeCoreConfig, cmd/edgecore/app/options), so a file named edgecore.yaml whose kind is a
 * variant of EdgeCore (`EdgeCoreConfig`, written by hand after an old guide) is still the node's
 * config, and most of it is what edgecore ignores (sweep6 N-1).
 */
const EDGECORE_LIKE_KIND = /^edge-?core/i;
const EDGECORE_FILE = /(?:^|\/)edgecore\.ya?ml$/i;

function harvestWindow(source: SourceFile, out: YamlHarvest, options: HarvestOptions, window: YamlWindow): void {
  if (window.end <= window.start) return;
  for (const { doc, helmSource } of yamlDocuments(source, out.parseProblems, window, { fast: true })) {
    options.beforeDocument?.();
    const root = doc.contents;
    const kind = isMap(root) ? scalarString(getNode(doc, root, 'kind')) : undefined;
    const consumer = kind === 'EdgeCore' || (kind !== undefined && EDGECORE_LIKE_KIND.test(kind) && EDGECORE_FILE.test(source.path)) ? 'edgecore' : kind && isMap(root) && (scalarString(getNode(doc, root, 'apiVersion')) || isUnversionedObject(doc, root)) ? 'kubernetes' : 'yaml';
    // A document yaml-fast.ts read with no key repeated has no duplicate to find.
    for (const hit of hasNoRepeatedKeys(doc) ? [] : findDuplicateKeys(source, doc)) {
      out.duplicateKeys.push({ key: hit.key, span: hit.second, firstSpan: hit.first, path: hit.path, lostKeys: hit.lostKeys, consumer, ...(hit.sameValue ? { sameValue: true } : {}) });
    }
    if (doc.errors.length) continue;
    if (consumer === 'edgecore') {
      if (options.edgecoreRanges) options.edgecoreRanges.push([doc.range[0], doc.range[2]]);
      else out.edgecore.push(readEdgecore(source, doc));
    } else if (consumer === 'kubernetes') {
      const [objects, workloads] = [out.objects.length, out.workloads.length];
      extractKubernetes(source, doc, helmSource, out);
      if (options.vocabulary) shareVocabulary(options.vocabulary, out.objects, objects, out.workloads, workloads);
    }
  }
}

/**
 * A `kind: List` document (what `kubectl get -o yaml` prints) is one YAML document, composed whole:
 * 200 MB of items would need gigabytes of nodes. Its items are independent objects, so a large List
 * whose items form a plain block sequence (`items:` at column 0, every item `- ` at one indentation,
 * nothing else at or left of it) is read an item at a time: each item's lines are parsed on their own
 * with its `- ` blanked, which keeps every offset that of the file. Anything less regular is read whole.
 */
export const LIST_STREAM_MIN_CHARS = 1024 * 1024;

interface LargeList {
  start: number;
  end: number;
  items: YamlWindow[];
}

export function findLargeLists(text: string, limit: number): LargeList[] {
  const lists: LargeList[] = [];
  const marker = /^(?:---|\.\.\.)(?:[ \t].*)?$/gm;
  const bounds = [0];
  for (let m = marker.exec(text); m && m.index < limit; m = marker.exec(text)) bounds.push(m.index);
  bounds.push(limit);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [start, end] = [bounds[i], bounds[i + 1]];
    if (end - start < LIST_STREAM_MIN_CHARS) continue;
    const list = listItems(text, start, end);
    if (list) lists.push(list);
  }
  return lists;
}

function listItems(text: string, start: number, end: number): LargeList | undefined {
  const head = text.slice(start, Math.min(end, start + 4096));
  if (!/^kind:[ \t]*["']?\w*List["']?[ \t]*$/m.test(head) && !/^kind:[ \t]*["']?\w*List["']?[ \t]*$/m.test(text.slice(start, end))) return undefined;
  const itemsKey = /^items:[ \t]*$/m;
  itemsKey.lastIndex = 0;
  const at = text.slice(start, end).search(itemsKey);
  if (at === -1) return undefined;
  let line = text.indexOf('\n', start + at);
  if (line === -1) return undefined;
  line += 1;
  const items: YamlWindow[] = [];
  let indent = -1;
  let blockEnd = end;
  for (let pos = line; pos < end; ) {
    const next = text.indexOf('\n', pos);
    const lineEnd = next === -1 || next >= end ? end : next + 1;
    const content = text.slice(pos, lineEnd).replace(/\r?\n$/, '');
    const spaces = /^ */.exec(content)![0].length;
    const blank = content.trim() === '' || content.trimStart().startsWith('#');
    if (!blank) {
      if (spaces === 0 && !content.startsWith('- ')) {
        blockEnd = pos;
        break;
      }
      if (indent === -1) {
        if (content.slice(spaces, spaces + 2) !== '- ') return undefined;
        indent = spaces;
      }
      if (spaces < indent) return undefined;
      if (spaces === indent) {
        if (content.slice(spaces, spaces + 2) !== '- ') return undefined;
        if (items.length) items[items.length - 1].end = pos;
        items.push({ start: pos, end });
      }
    }
    pos = lineEnd;
  }
  if (items.length < 2) return undefined;
  items[items.length - 1].end = blockEnd;
  // The rest of the List document (after the items) is read whole, as it is small.
  for (const item of items) {
    const dash = item.start + indent;
    item.text = `${text.slice(item.start, dash)}  ${text.slice(dash + 2, item.end)}`;
  }
  return { start, end: blockEnd, items };
}

/** The start of a line `---` (a document marker) at or after the middle of the text. */
export function splitPoint(text: string): number | undefined {
  const marker = /\n---(?:[ \t]|\r?\n)/g;
  marker.lastIndex = Math.floor(text.length / 2);
  const m = marker.exec(text);
  return m ? m.index + 1 : undefined;
}

/** Visits every object reachable from `value` once (the harvest is a graph: workloads share objects). */
function eachObject(value: unknown, visit: (record: Record<string, unknown>) => void): void {
  const seen = new Set<object>();
  const stack: object[] = [value as object];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (child !== null && typeof child === 'object' && !(child instanceof SourceFile)) stack.push(child);
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    visit(record);
    // The harvest is plain data: object literals, records with a null prototype, arrays (no enumerable inherited keys).
    for (const key in record) {
      const child = record[key];
      if (child !== null && typeof child === 'object' && !(child instanceof SourceFile)) stack.push(child);
    }
  }
}

/**
 * Replaces references to the worker's chunk file by one plain object, the batch's `chunk`, so the
 * batch is plain data. Structured clone keeps the identity of an object within a message: the marker
 * is written once (a string marker was written again for each of the ~50,000 spans of 5,000 objects),
 * and after the copy `batch.chunk` is the object the spans name, which user data cannot be.
 */
export function dehydrate(batch: WorkerBatch, chunk: SourceFile): void {
  const marker = {};
  eachObject(batch, (record) => {
    if (record.source === chunk) record.source = marker;
  });
  batch.chunk = marker;
}

/** Puts the real source file back and shifts every span by where the chunk starts in it. */
export function rehydrate(batch: WorkerBatch, source: SourceFile, base: number): void {
  const marker = batch.chunk;
  delete batch.chunk;
  if (!marker) return;
  eachObject(batch, (record) => {
    if (record.source !== marker) return;
    record.source = source;
    if (typeof record.start === 'number' && typeof record.end === 'number') {
      record.start += base;
      record.end += base;
    }
  });
}

/** The worker script next to the bundle; undefined when running from sources without a build. */
function workerScript(): string | undefined {
  const script = join(findPackageRoot(), 'dist', 'yaml-worker.js');
  return existsSync(script) ? script : undefined;
}

/** What the worker sends: the harvest of some documents; the last batch says it is the last. */
export type WorkerBatch = YamlHarvest & { edgecoreRanges: Array<[number, number]>; last?: true; /** What stands for the worker's chunk file in the batch's spans (dehydrate). */ chunk?: object };

/**
 * Starts the worker on `text` at once (the caller then reads its own half meanwhile). The worker
 * sends its harvest a batch at a time as it reads, so its heap never holds its whole half. This
 * thread takes the batches off the port while it reads its own half (`drain`, between documents) and
 * once more when the worker has exited; `done` resolves with every batch, moved onto `source`, or
 * undefined when the worker failed.
 *
 * A batch waits on the port as bytes the worker's thread allocated (outside either heap), until this
 * thread takes it: left there until the worker exited (session 19), every batch of a 100,000-object
 * stream, ~100 MB, was held at once, and the allocator kept most of that memory after it was freed
 * (peak RSS 60-75 MB lower with MALLOC_ARENA_MAX=1 or a low MALLOC_TRIM_THRESHOLD_). Taken as it
 * comes, each batch's bytes are freed a batch later and reused for the next. Taken in one message on
 * arrival (before session 19), the worker's whole harvest, its serialized copy and this thread's copy
 * were held at once.
 */
function startWorker(threads: typeof import('node:worker_threads'), script: string, source: SourceFile, cut: number, vocabulary: Vocabulary): { drain: () => void; done: Promise<WorkerBatch[] | undefined> } {
  const batches: WorkerBatch[] = [];
  let port: import('node:worker_threads').MessagePort | undefined;
  const drain = () => {
    if (!port) return;
    for (let received = threads.receiveMessageOnPort(port); received; received = threads.receiveMessageOnPort(port)) {
      const batch = received.message as WorkerBatch;
      rehydrate(batch, source, cut);
      for (const configMap of batch.configMaps) restoreTextLines(configMap.data);
      shareVocabulary(vocabulary, batch.objects, 0, batch.workloads, 0);
      batches.push(batch);
    }
  };
  const done = new Promise<WorkerBatch[] | undefined>((resolve) => {
    let settled = false;
    const finish = (value: WorkerBatch[] | undefined) => {
      port?.close();
      port = undefined;
      if (!settled) {
        settled = true;
        resolve(value);
      }
    };
    try {
      const { port1, port2 } = new threads.MessageChannel();
      port = port1;
      const worker = new threads.Worker(script, { workerData: { text: source.text.slice(cut), path: source.path, port: port2 }, transferList: [port2] });
      // Any failure falls back to reading the chunk on this thread: never an exception on input.
      worker.once('error', () => finish(undefined));
      worker.once('exit', () => {
        drain();
        // A worker that stopped before its last batch read only part of its half.
        finish(batches.length > 0 && batches[batches.length - 1].last ? batches : undefined);
      });
    } catch {
      finish(undefined);
    }
  });
  return { drain, done };
}

/**
 * Reads a YAML file into `out`, on two cores when it is large enough and a worker is available.
 * Says how it was read (tests check the worker path is the one taken).
 */
export async function harvestYamlFile(source: SourceFile, out: YamlHarvest, minChars = PARALLEL_MIN_CHARS): Promise<'one thread' | 'two threads' | 'worker failed'> {
  const script = !source.origin && source.text.length >= minChars ? workerScript() : undefined;
  const cut = script ? splitPoint(source.text) : undefined;
  const vocabulary = new Vocabulary();
  // A stream this large sets the run's peak memory: its garbage is kept close to what is live (lint() lets go).
  if (source.text.length >= minChars && minChars >= PARALLEL_MIN_CHARS) boundHeapGrowth(await import('node:v8'));
  if (!script || cut === undefined) {
    harvestYaml(source, out, { vocabulary });
    return 'one thread';
  }
  // Loaded here, not at the top: only streams of 8 MB or more use a worker, and loading the module
  // costs a small run ~6 ms of CPU. Loaded before this thread's half is read, so the worker reads the
  // other half meanwhile (awaited inside the worker's start, the import let it start only after).
  const threads = await import('node:worker_threads');
  const worker = startWorker(threads, script, source, cut, vocabulary);
  harvestYaml(source, out, { end: cut, beforeDocument: worker.drain, vocabulary });
  const tail = await worker.done;
  if (!tail) {
    harvestYaml(new SourceFile(source.path, source.text.slice(cut), 'yaml', { parent: source, toParentOffset: (o) => o + cut }), out, { vocabulary });
    return 'worker failed';
  }
  const edgecoreRanges: Array<[number, number]> = [];
  for (const batch of tail) {
    pushAll(out.objects, batch.objects);
    pushAll(out.workloads, batch.workloads);
    pushAll(out.configMaps, batch.configMaps);
    pushAll(out.duplicateKeys, batch.duplicateKeys);
    pushAll(out.parseProblems, batch.parseProblems);
    pushAll(edgecoreRanges, batch.edgecoreRanges);
  }
  for (const [start, end] of edgecoreRanges) {
    const piece = new SourceFile(source.path, source.text.slice(cut + start, cut + end), 'yaml', { parent: source, toParentOffset: (o) => o + cut + start });
    harvestYaml(piece, out, { vocabulary });
  }
  return 'two threads';
}
