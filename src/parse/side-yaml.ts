/**
 * YAML edgelint reads for a fact beside the files it lints: a compose file's services, a
 * kustomization's generators, a tooling vars file's release. Such a file is as untrusted as a linted
 * one, so it is held to the same budget (yaml-budget.ts): a file holding a document the parser cannot
 * afford is not read at all (10 MB of nested `[` in a docker-compose.yml took 4.3 GB and aborted).
 * Such a file is marked (SourceFile.unread) and the engine names it in a notice: a K3s config.yaml
 * of 100,000 `tls-san:` items after `disable: servicelb` was dropped in silence, and the ServiceLB it
 * turns off reported (hostile14).
 * And it is parsed without yaml's `uniqueKeys`, which compares each key with every earlier key of its
 * mapping (80,000 keys in a 790 KB file took 86 s): a caller that must refuse repeated keys asks
 * findDuplicateKeys (yaml.ts), one Map per mapping.
 */
import { parseAllDocuments, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { SourceFile } from '../core/source.js';
import type { ParseProblem } from '../core/problem.js';
import { oversizedDocuments } from './yaml-budget.js';

/** Why the file is over the budget (`1.2 MB, over the 1 MB budget`-like), or undefined when it is within it. */
export function overBudget(file: SourceFile): string | undefined {
  const problems: ParseProblem[] = [];
  oversizedDocuments(file, file.text, 0, problems);
  if (problems.length === 0) return undefined;
  return /too large to lint \((.*)\);/.exec(problems[0].message)?.[1] ?? problems[0].message;
}

/** Whether the file is within the budget; one that is not is marked `unread` with the reason (a notice names it). */
function affordable(file: SourceFile): boolean {
  const reason = overBudget(file);
  if (reason === undefined) return true;
  file.unread ??= reason;
  return false;
}

/** The file's one document (yaml's parseDocument), or undefined when the file is over the budget. */
export function parseSideDocument(file: SourceFile): Document.Parsed | undefined {
  return affordable(file) ? parseDocument(file.text, { uniqueKeys: false, logLevel: 'error' }) : undefined;
}

/** Every document of the file, or none when the file is over the budget. */
export function parseSideDocuments(file: SourceFile): Document.Parsed[] {
  if (!affordable(file)) return [];
  const docs = parseAllDocuments(file.text, { uniqueKeys: false, logLevel: 'error' });
  return Array.isArray(docs) ? docs : [];
}
