/**
 * The rule API: the only module files under `rules/` import from the engine.
 *
 * A rule is plain metadata plus one pure, synchronous `check` over the node model. It reports at a
 * `Span` (or anything `Located`) taken from the model; the engine turns that into file, line and
 * column, applies severity from config, suppressions, and output.
 */
import type { Fix, Severity } from './core/finding.js';
import type { Located, Span } from './core/source.js';
import type { Model } from './model/types.js';
import type { EdgecoreConfig } from './model/edgecore.js';
import type { Facts } from './knowledge/index.js';
import type { EdgecoreSchemas } from './edgecore/load.js';
import { EDGE_ROLE_LABEL, edgeValuedLabel, isEdgeClass, objectIdentity, placementImplies, placementKey, placementPins, placementsDisjoint } from './model/placement.js';

export type { Model } from './model/types.js';
export type * from './model/types.js';
export type { Located, Span } from './core/source.js';
export { filledAtRunTime } from './core/source.js';
export type { Fix, TextEdit, Severity } from './core/finding.js';
export type { EdgecoreSchemas } from './edgecore/load.js';
export type { EdgemeshRequirement } from './knowledge/edgemesh.js';

export type RuleCategory = 'reliability' | 'security' | 'correctness' | 'hygiene';

/** Anything a rule can point at. */
export type Anchor = Span | Located<unknown>;

export interface RelatedAnchor {
  at: Anchor;
  message: string;
  helmSource?: string;
}

export interface Report<MessageId extends string> {
  messageId: MessageId;
  data?: Record<string, string | number>;
  at: Anchor;
  /** Overrides the rule's configured severity for this finding (e.g. error vs warning cases of one rule). */
  severity?: Severity;
  related?: RelatedAnchor[];
  helmSource?: string;
  fix?: Fix;
  /**
   * One root cause, one finding: this finding is a consequence of what the named rule (one of the
   * rule's `yieldsTo`) reports at the same place. When that rule did report there (enabled, not
   * suppressed), this one is dropped; otherwise it stands on its own.
   */
  yieldsTo?: string;
}

/** Facts from the data files, plus the edgecore schema engine the engine loads for runs that need it. */
export interface Knowledge extends Facts {
  /** Present whenever the model holds an edgecore config. */
  edgecore?: EdgecoreSchemas;
}

export interface RuleContext<MessageId extends string, Options> {
  readonly model: Model;
  readonly options: Options;
  /** Facts about images, sysctls and KubeEdge versions, from the data files. */
  readonly knowledge: Knowledge;
  report(report: Report<MessageId>): void;
}

export interface RuleOptionsSpec<Options> {
  /** JSON Schema of the options object (draft 2020-12 subset Ajv accepts). */
  schema: Record<string, unknown>;
  defaults: Options;
}

export interface RuleDefinition<MessageId extends string, Options> {
  /** `<domain>/<kebab-name>`; equals the file path under `rules/`. */
  id: string;
  /** One line, imperative, no final period: "Disallow …", "Require …", "Enforce …". */
  description: string;
  category: RuleCategory;
  severity: Severity;
  recommended: boolean;
  /** A sentence, ending with a period, that tells the user what to do. */
  remediation: string;
  messages: Record<MessageId, string>;
  options?: RuleOptionsSpec<Options>;
  /** True when the rule offers fixes `--fix` may apply. */
  fixable?: boolean;
  /** The rules this rule's reports may yield to (`Report.yieldsTo`): the engine notes where they report. */
  yieldsTo?: readonly string[];
  check(context: RuleContext<MessageId, Options>): void;
}

/** A rule as the engine stores it, type parameters erased. */
export interface RuleModule extends RuleDefinition<string, any> {
  /** The rule's doc page (markdown), attached by the registry. */
  doc?: string;
}

/** Identity function that lets TypeScript infer message ids and option types. */
export function defineRule<MessageId extends string, Options = Record<string, never>>(
  rule: RuleDefinition<MessageId, Options>,
): RuleDefinition<MessageId, Options> {
  return rule;
}

/** The span of an anchor. */
export function anchorSpan(anchor: Anchor): Span {
  return 'span' in anchor ? anchor.span : anchor;
}

// Pure helpers over the model that several rules share, re-exported so rules keep importing from here only.
export { lookup, effective, parseBrokerUrl, isBoolean, isNumber, isString, EDGECORE_DEFAULTS, ASSUMED_EDGECORE_NOTE } from './model/edgecore.js';
export type { EdgecoreConfig, EdgecoreLookup, Effective } from './model/edgecore.js';
export { addressesCollide, configMapKey, containerBridge, isLoopback, listensOn, portText } from './model/listeners.js';
export { bundleHolds, parseImageRef, imageVersion, sameRepository, ImageIndex } from './model/image-ref.js';
export { appendTo, firstIndex, pushAll } from './core/arrays.js';
export { basename, dirname, joinRelative } from './model/paths.js';
export { closestName } from './core/did-you-mean.js';
export { parseHostPort, isStringArray } from './model/edgecore.js';
export { brokerListeners } from './parse/mosquitto-listeners.js';
export type { MosquittoConfig, MosquittoSeries, BrokerListener } from './parse/mosquitto.js';
export { deref, findPair, nodeSpan, seqItems } from './parse/yaml-nodes.js';
export { isMap, isScalar, isSeq } from 'yaml';

export { EDGE_ROLE_LABEL, edgeValuedLabel, isEdgeClass, objectIdentity, placementImplies, placementKey, placementPins, placementsDisjoint };
export { isNodeName } from './model/edge-node-names.js';
export { placementShape, separable, shapesDisjoint, sharedPins } from './model/placement-shape.js';
export type { PlacementShape } from './model/placement-shape.js';
export { bindSites, ProtocolIndex, sameBrokerDuplicates } from './model/bind-collisions.js';
export type { Site } from './model/bind-collisions.js';
export { wordList } from './core/word-list.js';
export { compareMinor, minorOf } from './knowledge/versions.js';

/**
 * The edgecore configs a class's nodes run: those in the deployment, or else (an edge class with
 * none) the assumed one holding only defaults, `assumed: true` (README, "An unseen node side").
 */
export function edgecoreOf(cls: { edgecore: EdgecoreConfig[]; assumedEdgecore?: EdgecoreConfig }): EdgecoreConfig[] {
  if (cls.edgecore.length > 0) return cls.edgecore;
  return cls.assumedEdgecore ? [cls.assumedEdgecore] : [];
}

/**
 * An owner as said at a location in its own file: a broker known only by its config file is owned by
 * `mosquitto (PATH)`, and where the text is shown next to PATH (the finding's file header, a related
 * location's `PATH:line:col`) the path is said once, there (issue #10 §5).
 */
export function ownerAt(owner: string, at: Anchor): string {
  const named = /^(.*) \(([^()]+)\)$/.exec(owner);
  return named && named[2] === anchorSpan(at).source.root.path ? named[1] : owner;
}

/** `file:line` of a span, for messages that name the other side of a problem. */
export function where(at: Anchor): string {
  const s = anchorSpan(at);
  const root = s.source.root;
  return `${root.path}:${root.positionAt(s.source.rootOffset(s.start)).line}`;
}
export { edgecoreConfigs, resolvePath, schemaIssues, versionOf } from './edgecore/locate.js';
export { statedRelease } from './model/release.js';
export type { PathTarget } from './edgecore/locate.js';
export { moveKeyEdits } from './edgecore/move-key.js';
export type { SchemaIssue } from './edgecore/schema.js';
export { insertedKeyPath, insertedKeyPaths, insertionBudgets } from './script/sed-insert.js';
export { fillsPlaceholders, keyValueEdits, oneLineValue, oneValueLine, replacesOneValue } from './script/sed-value-edits.js';
export { plainPatternMatches, readSubstitutions } from './script/sed-script.js';
export { childKeys, insertedValue, nest, parsesAsYaml, shellQuote, topLevelKeyOffsets, topLevelKeys, yamlScalarOf, yqCommand } from './script/yaml-edit-text.js';
export { layoutValueChanges } from './script/sed-range.js';
export { changedRanges, keyLine, lineEditBudget, lineinfileAsSed } from './ansible/line-edit.js';
export { appendedFirst, appendsByTarget, knownTextBefore, lintedCopy, repositoryYaml, textBefore } from './model/edited-file.js';
export type { RepositoryYaml } from './model/edited-file.js';
export { memoized } from './core/memoized.js';
export type { ValueChange } from './script/sed-range.js';
export type { InsertedKey, InsertionBudgets } from './script/sed-insert.js';
export type { KeyValueEdit } from './script/sed-value-edits.js';
export { insertedDuplicates } from './script/sed-duplicate.js';
export type { InsertedDuplicate } from './script/sed-duplicate.js';
export type { EdgecoreKeyPlace } from './edgecore/schema.js';
export type { KeadmEdgecoreFile } from './edgecore/keadm-file.js';
export type { YamlLineEdit } from './script/read-script.js';
