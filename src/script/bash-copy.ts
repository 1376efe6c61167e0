/**
 * The copy of tree-sitter-bash's tree that bash-convert.ts converts: made through a cursor in one pass
 * (each property of a web-tree-sitter `Node` is a call into WebAssembly), leaving out what the script
 * reader can never use.
 */
import type { TreeCursor } from 'web-tree-sitter';

/** The node types of tree-sitter-bash 0.25 (src/node-types.json) that are statements. */
export const STATEMENTS = new Set([
  'c_style_for_statement',
  'case_statement',
  'command',
  'compound_statement',
  'declaration_command',
  'for_statement',
  'function_definition',
  'if_statement',
  'list',
  'negated_command',
  'pipeline',
  'redirected_statement',
  'subshell',
  'test_command',
  'unset_command',
  'variable_assignment',
  'variable_assignments',
  'while_statement',
]);

/**
 * A plain copy of a tree-sitter node and its subtree. Each property of a web-tree-sitter `Node` is a
 * call into WebAssembly that marshals nodes through its memory; a cursor copies the subtree once.
 */
export class TNode {
  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly field: string | null,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly children: TNode[],
  ) {}
  get childCount(): number {
    return this.children.length;
  }
  get namedChildren(): TNode[] {
    return this.children.filter((c) => c.isNamed);
  }
  childForFieldName(field: string): TNode | null {
    return this.children.find((c) => c.field === field) ?? null;
  }
  childrenForFieldName(field: string): TNode[] {
    return this.children.filter((c) => c.field === field);
  }
}

/**
 * Copies the subtree at the cursor, leaving out comments and the statements of a statement list that
 * cannot matter to the reader (see `mayMatter`): most of an installer is `echo`, `systemctl`,
 * `mkdir`, and copying them would cost more than parsing them.
 */
export function copySubtree(cursor: TreeCursor, field: string | null, text: string): TNode {
  const children: TNode[] = [];
  const type = cursor.nodeType;
  const node = new TNode(type, cursor.nodeIsNamed, field, cursor.startIndex, cursor.endIndex, children);
  if (cursor.gotoFirstChild()) {
    const list = STATEMENT_LISTS.has(type);
    do {
      const childType = cursor.nodeType;
      if (childType === 'comment') continue;
      if (list && STATEMENTS.has(childType) && !mayMatter(text, cursor.startIndex, cursor.endIndex)) continue;
      children.push(copySubtree(cursor, cursor.currentFieldName, text));
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return node;
}

/**
 * Nodes whose statements stand alone (a member of a list in sequence, not of a pipeline, `&&` list or
 * redirection, whose neighbours' reading depends on it).
 */
const STATEMENT_LISTS = new Set(['program', 'compound_statement', 'do_group', 'subshell', 'if_statement', 'elif_clause', 'else_clause', 'case_item']);

/**
 * A cheap test on a statement's text: can the reader record anything from it? It records writes
 * (`<<`, `>>`, `tee`, `cat`), line edits (`sed`), image imports (`ctr`, `docker`, `nerdctl`,
 * `podman`, `k3s`, or `$VAR … import|load`), copies (`cp`, `install`), pipes (`|`) and what gives
 * variables values (`=`, `read`, `for`, declarations), and KubeEdge releases it names (`kubeedge`,
 * `keadm`: release-mentions.ts). A statement without any of these is skipped unread.
 */
const MATTERS = /[=|]|<<|>>|\b(?:cat|tee|sed|cp|install|ctr|docker|nerdctl|podman|k3s|import|load|read|mapfile|readarray|getopts|local|export|declare|readonly|typeset|for|kubeedge|keadm)\b|^["']?\$/;

export function mayMatter(text: string, start: number, end: number): boolean {
  return MATTERS.test(text.slice(start, end));
}
