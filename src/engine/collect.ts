/**
 * Parse step: each source file, by kind, into the inputs the model is built from. Nothing here
 * throws on input; every problem becomes a located `ParseProblem`.
 */
import { SourceFile, fileStartSpan, span } from '../core/source.js';
import { parseMosquittoConf } from '../parse/mosquitto.js';
import { imageFromTarballName, parseImageRef } from '../model/image-ref.js';
import type { ModelInputs } from '../model/build.js';
import type { ImageUse } from '../model/types.js';
import type { YamlLineEdit } from '../script/read-script.js';
import { classify } from './classify.js';
import { harvestYamlFile } from './yaml-harvest.js';
import { pushAll } from '../core/arrays.js';

export interface CollectedInputs extends ModelInputs {
  configMaps: NonNullable<ModelInputs['configMaps']>;
  scriptEdits: Array<{ edit: YamlLineEdit; script: SourceFile }>;
}

export function emptyInputs(): CollectedInputs {
  return { sources: [], objects: [], workloads: [], configMaps: [], edgecore: [], unitFiles: [], mosquitto: [], duplicateKeys: [], parseProblems: [], scriptEdits: [] };
}

/** Adds an image to the offline bundle (declaring the bundle if this is its first image). */
export function addToBundle(inputs: CollectedInputs, use: ImageUse): void {
  (inputs.bundle ??= []).push(use);
}

export async function collect(source: SourceFile, inputs: CollectedInputs): Promise<void> {
  inputs.sources.push(source);
  try {
    switch (source.kind) {
      case 'yaml':
        await harvestYamlFile(source, inputs);
        break;
      case 'systemd':
        inputs.unitFiles.push(source);
        break;
      case 'mosquitto': {
        const conf = parseMosquittoConf(source);
        inputs.mosquitto.push(conf);
        pushAll(inputs.parseProblems, conf.problems);
        break;
      }
      case 'shell':
        await collectScript(source, inputs);
        break;
      case 'image-list':
        collectImageList(source, inputs);
        break;
      default:
        break;
    }
  } catch (error) {
    // A parser bug must not end the run: the file is reported and the others are still linted.
    inputs.parseProblems.push({ message: `internal error while reading this file: ${(error as Error)?.message ?? String(error)}`, span: fileStartSpan(source) });
  }
}

async function collectScript(source: SourceFile, inputs: CollectedInputs): Promise<void> {
  // Loaded with the first script (issue #13): the script reader and its shell-tree conversion are a
  // fifth of the code every run would otherwise compile, and most runs read no script.
  const { readShellScript, virtualFilesOf } = await import('../script/read-script.js');
  const reading = await readShellScript(source);
  pushAll(inputs.parseProblems, reading.problems);
  for (const edit of reading.yamlEdits) inputs.scriptEdits.push({ edit, script: source });
  for (const imported of reading.imports) {
    const ref = imageFromTarballName(imported.tarball.value);
    if (ref) addToBundle(inputs, { ref, span: imported.tarball.span, origin: 'bundle', owner: `offline bundle ${imported.tarball.value.replace(/^.*\//, '')}` });
  }
  for (const file of virtualFilesOf(source, reading, (path) => {
    const kind = classify(path, '');
    return kind === 'helm-template' ? 'unknown' : kind;
  })) {
    // The text decides, as for files on disk: a `.conf` heredoc that is a mosquitto config, a `.yaml`
    // heredoc that is neither a manifest nor an edgecore config.
    const kind = classify(file.path, file.text);
    if (kind === 'unknown' || kind === 'helm-template' || kind === 'shell') continue;
    const typed = kind === file.kind ? file : new SourceFile(file.path, file.text, kind, file.origin);
    await collect(typed, inputs);
  }
}

/** One image reference per line; `#` comments and blank lines ignored (the `images.txt` convention). */
function collectImageList(source: SourceFile, inputs: CollectedInputs): void {
  // Any of LF, CRLF or a lone CR ends a line, as SourceFile counts lines: positions stay exact.
  const lineBreak = /\r\n?|\n/g;
  for (let offset = 0; offset <= source.text.length; ) {
    const found = lineBreak.exec(source.text);
    const end = found ? found.index : source.text.length;
    const line = source.text.slice(offset, end);
    const trimmed = line.replace(/#.*/, '').trim();
    if (trimmed) {
      const start = offset + line.indexOf(trimmed);
      const ref = parseImageRef(trimmed) ?? imageFromTarballName(trimmed);
      if (ref) addToBundle(inputs, { ref, span: span(source, start, start + trimmed.length), origin: 'bundle', owner: 'offline bundle' });
      else inputs.parseProblems.push({ message: `not an image reference: ${JSON.stringify(trimmed)}`, span: span(source, start, start + trimmed.length) });
    }
    if (!found) break;
    offset = found.index + found[0].length;
  }
}

