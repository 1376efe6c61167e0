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

interface PackageManifest {
  version?: string;
  repository?: string | { url?: string };
}

let manifest: PackageManifest | undefined;

function packageManifest(): PackageManifest {
  try {
    manifest ??= JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as PackageManifest;
  } catch {
    manifest = {};
  }
  return manifest;
}

export function packageVersion(): string {
  return packageManifest().version ?? '0.0.0';
}

/**
 * Where a rule's doc is published: the file in this package's own GitHub repository (package.json
 * `repository`), which GitHub renders. Undefined when the package names no GitHub repository: a SARIF
 * `helpUri` or a summary link to a guessed address would send people to someone else's page.
 */
export function ruleDocsUrl(ruleId: string): string | undefined {
  const repository = packageManifest().repository;
  const url = typeof repository === 'string' ? repository : repository?.url;
  const match = url ? /^(?:git\+)?https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$|^github:([\w.-]+\/[\w.-]+)$/.exec(url) : null;
  const slug = match ? (match[1] ?? match[2]) : undefined;
  return slug ? `https://github.com/${slug}/blob/main/rules/${ruleId}.md` : undefined;
}

/** What formatters need to know about the rules that ran (SARIF reportingDescriptors, help text). */
export function ruleInfos(rules: readonly RuleModule[], options: { help?: boolean } = { help: true }): RuleInfo[] {
  return rules.map((rule) => ({
    id: rule.id,
    description: rule.description,
    severity: rule.severity,
    remediation: rule.remediation,
    category: rule.category,
    ...(ruleDocsUrl(rule.id) ? { docsUrl: ruleDocsUrl(rule.id) } : {}),
    helpText: options.help ? ruleDoc(rule.id) : undefined,
  }));
}
