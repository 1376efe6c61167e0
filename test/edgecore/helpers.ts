import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { checkEdgecore, type SchemaIssue } from '../../src/edgecore/schema.js';

export interface Located {
  kind: SchemaIssue['kind'];
  path: string;
  line: number;
  column: number;
  suggestion?: string;
  message: string;
}

/**
 * Parses `text` the way edgecore's decoder sees it (YAML 1.1 scalars), runs checkEdgecore and
 * places every issue where the rules will: at the key for key issues, at the value otherwise.
 */
export function lint(text: string, version: string): Located[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter });
  const issues = checkEdgecore(doc.toJS(), version);
  return issues.map((issue) => {
    const offset = locate(doc.contents as Node | null, issue.path, issue.key !== undefined);
    const pos = lineCounter.linePos(offset);
    return {
      kind: issue.kind,
      path: issue.path.join('.'),
      line: pos.line,
      column: pos.col,
      ...(issue.suggestion !== undefined ? { suggestion: issue.suggestion } : {}),
      message: issue.message,
    };
  });
}

function locate(root: Node | null, path: (string | number)[], atKey: boolean): number {
  let node: Node | null = root;
  let keyOffset = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === segment);
      if (!pair) throw new Error(`no key ${String(segment)} in ${path.join('.')}`);
      keyOffset = (pair.key as Node).range![0];
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment] as Node | null;
      keyOffset = node?.range?.[0] ?? keyOffset;
    } else {
      throw new Error(`cannot follow ${path.join('.')}`);
    }
  }
  if (atKey) return keyOffset;
  return node?.range?.[0] ?? keyOffset;
}
