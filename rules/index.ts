/**
 * Every built-in rule, sorted by id. A meta test checks this list equals the rule files on disk, so a
 * rule cannot be written and forgotten here.
 */
import type { RuleModule } from '../src/rule-api.js';
import coreParseError from './core/parse-error.js';
import coreUnusedSuppression from './core/unused-suppression.js';
import edgecoreInvalidValue from './edgecore/invalid-value.js';
import edgecoreUnknownKey from './edgecore/unknown-key.js';
import k8sEdgePullPolicy from './k8s/edge-pull-policy.js';
import nodeHostPortConflict from './node/host-port-conflict.js';
import nodeImageDrift from './node/image-drift.js';
import yamlDuplicateKey from './yaml/duplicate-key.js';

export const builtinRules: RuleModule[] = [
  coreParseError,
  coreUnusedSuppression,
  edgecoreInvalidValue,
  edgecoreUnknownKey,
  k8sEdgePullPolicy,
  nodeHostPortConflict,
  nodeImageDrift,
  yamlDuplicateKey,
];
