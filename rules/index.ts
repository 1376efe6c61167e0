/**
 * Every built-in rule, sorted by id. A meta test checks this list equals the rule files on disk, so a
 * rule cannot be written and forgotten here.
 */
import type { RuleModule } from '../src/rule-api.js';
import coreParseError from './core/parse-error.js';
import coreUnusedSuppression from './core/unused-suppression.js';
import yamlDuplicateKey from './yaml/duplicate-key.js';

export const builtinRules: RuleModule[] = [coreParseError, coreUnusedSuppression, yamlDuplicateKey];
