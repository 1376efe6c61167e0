/**
 * Files read as YAML on the strength of their text alone (classify.ts `tentative-yaml`): an
 * `edgecore.conf`, an `edgecore.yaml.j2`, a `deploy.yaml.example`. Each is linted only when it parses:
 * a Jinja or Go template whose placeholders break the YAML (`{% if %}` lines, `port: {{ p }}` in a
 * flow context) is not the file a node or the API server reads, so its syntax is no finding (as an
 * unrendered Helm chart's templates are skipped, lint.ts); a text that only looked like YAML is not ours.
 *
 * In a template that does parse, the placeholders are values the renderer fills in: their ranges are
 * marked `runtime` on the file (core/source.ts), so a rule judges only the values written literally,
 * as it does for the placeholders an install script fills in with `sed -i`.
 */
import type { SourceFile } from '../core/source.js';
import { mergeRanges, pushAll } from '../core/arrays.js';
import { harvestYaml } from './yaml-harvest.js';
import type { YamlHarvest } from './yaml-harvest.js';
import type { CollectedInputs } from './collect.js';

/** Ranges kept per file: enough for any real template, bounded for a hostile one. */
const MAX_PLACEHOLDERS = 100_000;

const DELIMITERS: ReadonlyArray<readonly [string, string]> = [
  ['{{', '}}'],
  ['{%', '%}'],
  ['{#', '#}'],
];

/**
 * The `{{ … }}`, `{% … %}` and `{# … #}` spans of a text, sorted and merged (end exclusive). Each
 * delimiter pair is one left-to-right pass with indexOf: an opening with no closing after it ends
 * that pass, so the scan is linear whatever the text holds.
 */
export function placeholderRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const [open, close] of DELIMITERS) {
    for (let at = text.indexOf(open); at !== -1 && ranges.length < MAX_PLACEHOLDERS; ) {
      const end = text.indexOf(close, at + open.length);
      if (end === -1) break;
      ranges.push([at, end + close.length]);
      at = text.indexOf(open, end + close.length);
    }
  }
  return mergeRanges(ranges);
}

/**
 * Reads `source` (kind `yaml`) into `inputs` when it parses without a problem, and says whether it
 * did; otherwise nothing of it reaches the model. A repository file's placeholders are marked
 * `runtime` first (a script's heredoc keeps the runtime ranges its origin already holds).
 */
export function collectTentativeYaml(source: SourceFile, inputs: CollectedInputs): boolean {
  if (!source.origin) {
    const placeholders = placeholderRanges(source.text);
    if (placeholders.length > 0) source.runtime = placeholders;
  }
  const read: YamlHarvest = { objects: [], workloads: [], configMaps: [], duplicateKeys: [], parseProblems: [], edgecore: [] };
  try {
    harvestYaml(source, read);
  } catch {
    return false;
  }
  if (read.parseProblems.length > 0) {
    source.runtime = undefined;
    return false;
  }
  inputs.sources.push(source);
  pushAll(inputs.objects, read.objects);
  pushAll(inputs.workloads, read.workloads);
  pushAll(inputs.configMaps, read.configMaps);
  pushAll(inputs.duplicateKeys, read.duplicateKeys);
  pushAll(inputs.edgecore, read.edgecore);
  return true;
}

/**
 * Whether a YAML text that does not parse breaks only where template markup is: every parse problem
 * on a line holding a placeholder (`image: {{registry}}/app:{{tag}}`, a flow mapping followed by
 * text). Such a file is a template the renderer mends; a `.yaml` that breaks elsewhere is broken YAML
 * whatever else it holds, and its error is reported (lint.ts).
 */
export function breaksOnlyAtPlaceholders(source: SourceFile): boolean {
  const read: YamlHarvest = { objects: [], workloads: [], configMaps: [], duplicateKeys: [], parseProblems: [], edgecore: [] };
  try {
    harvestYaml(source, read);
  } catch {
    return true;
  }
  if (read.parseProblems.length === 0) return false;
  const text = source.text;
  return read.parseProblems.every(({ span }) => {
    const at = Math.min(span.start, text.length);
    const from = text.lastIndexOf('\n', at - 1) + 1;
    const to = text.indexOf('\n', at);
    return TEMPLATE_LINE.test(text.slice(from, to === -1 ? text.length : to));
  });
}

const TEMPLATE_LINE = /\{\{|\{%|\{#/;
