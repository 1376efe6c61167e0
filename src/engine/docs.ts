/**
 * Rule docs live beside the rules (`rules/<domain>/<name>.md`) and ship in the package. They are read
 * from disk on demand (`explain`, SARIF help text), never on the lint path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleInfo } from '../report/formatters/index.js';
import type { RuleModule } from '../rule-api.js';

let packageRoot: string | undefined;

/** The directory holding edgelint's package.json, found upward from this module (source or bundle). */
export function findPackageRoot(): string {
  if (packageRoot) return packageRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'edgelint') return (packageRoot = dir);
      } catch {
        // Not ours; keep looking upward.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return (packageRoot = process.cwd());
    dir = parent;
  }
}

export function ruleDoc(ruleId: string): string | undefined {
  const file = join(findPackageRoot(), 'rules', `${ruleId}.md`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Where a rule's doc is published: the file in the repository, which GitHub renders. */
export function ruleDocsUrl(ruleId: string): string {
  return `https://github.com/edgelint/edgelint/blob/main/rules/${ruleId}.md`;
}

/** What formatters need to know about the rules that ran (SARIF reportingDescriptors, help text). */
export function ruleInfos(rules: readonly RuleModule[], options: { help?: boolean } = { help: true }): RuleInfo[] {
  return rules.map((rule) => ({
    id: rule.id,
    description: rule.description,
    severity: rule.severity,
    remediation: rule.remediation,
    category: rule.category,
    docsUrl: ruleDocsUrl(rule.id),
    helpText: options.help ? ruleDoc(rule.id) : undefined,
  }));
}
