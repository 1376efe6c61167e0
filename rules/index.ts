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
import k8sMissingConfigmapKey from './k8s/missing-configmap-key.js';
import k8sNodePortAllocation from './k8s/node-port-allocation.js';
import k8sSchema from './k8s/schema.js';
import mosquittoNoAnonymous from './mosquitto/no-anonymous.js';
import nodeBrokerReachable from './node/broker-reachable.js';
import nodeEdgemeshRequirements from './node/edgemesh-requirements.js';
import nodeHostPortConflict from './node/host-port-conflict.js';
import nodeImageDrift from './node/image-drift.js';
import nodeImageEol from './node/image-eol.js';
import nodeImageNotPreloaded from './node/image-not-preloaded.js';
import nodeSysctlNotAllowed from './node/sysctl-not-allowed.js';
import scriptYamlLineEdit from './script/yaml-line-edit.js';
import systemdRequireRestart from './systemd/require-restart.js';
import systemdUnknownKey from './systemd/unknown-key.js';
import yamlDuplicateKey from './yaml/duplicate-key.js';

export const builtinRules: RuleModule[] = [
  coreParseError,
  coreUnusedSuppression,
  edgecoreInvalidValue,
  edgecoreUnknownKey,
  k8sEdgePullPolicy,
  k8sMissingConfigmapKey,
  k8sNodePortAllocation,
  k8sSchema,
  mosquittoNoAnonymous,
  nodeBrokerReachable,
  nodeEdgemeshRequirements,
  nodeHostPortConflict,
  nodeImageDrift,
  nodeImageEol,
  nodeImageNotPreloaded,
  nodeSysctlNotAllowed,
  scriptYamlLineEdit,
  systemdRequireRestart,
  systemdUnknownKey,
  yamlDuplicateKey,
];
