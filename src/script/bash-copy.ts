/**
 * The copy of tree-sitter-bash's tree that bash-convert.ts converts: made through a cursor in one pass
 * (each property of a web-tree-sitter `Node` is a call into WebAssembly), leaving out what the script
 * reader can never use.
 */
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';

/**
 * What copySubtree and the converter read of a cursor: web-tree-sitter's TreeCursor, a RawCursor, or
 * node-tree-sitter's TreeCursor (whose `currentFieldName` is undefined where web-tree-sitter's is null).
 */
export interface CursorView {
  readonly nodeType: string;
  readonly nodeIsNamed: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly currentFieldName: string | null | undefined;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

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
 * `mkdir`, and copying them would cost more than parsing them. The statements left out are noted in
 * `skipped` (start and end offsets), for what is judged from a statement's text alone
 * (script-returns.ts). The caller may pass the node's type and offsets when it has read them already:
 * every property read is a call into the parser (N-API or WebAssembly), and asking a child for its
 * type once to choose and again to copy was a fifth of the native walk's calls (issue #13).
 */
export function copySubtree(
  cursor: CursorView,
  field: string | null,
  text: string,
  skipped?: Array<[number, number]>,
  type: string = cursor.nodeType,
  start: number = cursor.startIndex,
  end: number = cursor.endIndex,
): TNode {
  const children: TNode[] = [];
  const node = new TNode(type, cursor.nodeIsNamed, field, start, end, children);
  if (cursor.gotoFirstChild()) {
    const list = STATEMENT_LISTS.has(type);
    do {
      const childType = cursor.nodeType;
      if (childType === 'comment') continue;
      const childStart = cursor.startIndex;
      const childEnd = cursor.endIndex;
      if (list && STATEMENTS.has(childType) && !mayMatter(text, childStart, childEnd)) {
        skipped?.push([childStart, childEnd]);
        continue;
      }
      children.push(copySubtree(cursor, cursor.currentFieldName ?? null, text, skipped, childType, childStart, childEnd));
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
 * `keadm`: release-mentions.ts), and which side of the cluster the script sets up (`kubeadm`, and
 * `cloudcore`/`edgecore` run or started by systemctl: host-side.ts; sweep11 found `systemctl start
 * cloudcore` skipped, so an installer's cloud host went unrecognised), and brokers it starts
 * (`mosquitto`: broker-runs.ts). A statement without any of
 * these is skipped unread.
 */
const MATTERING_SIGNS = /[=|]|<<|>>|^["']?\$/;
const MATTERING_WORDS = new Set(['cat', 'tee', 'sed', 'cp', 'install', 'ctr', 'docker', 'nerdctl', 'podman', 'k3s', 'import', 'load', 'read', 'mapfile', 'readarray', 'getopts', 'local', 'export', 'declare', 'readonly', 'typeset', 'for', 'kubeedge', 'keadm', 'kubeadm', 'cloudcore', 'edgecore', 'mosquitto']);
/*
 * The words are looked up by whole runs of word characters, which is what `\b(?:cat|tee|…)\b`
 * matches (each word is all word characters, so it stands between \b's only as a whole run): V8
 * compiled that alternation to ~4,400 lines of regexp bytecode and again to native code on its
 * second use: ~3.3 M instructions of the 68-line example script's run, where that one pattern held
 * 30% of the regexp bytecode the run compiled (callgrind, issue #13).
 */
const WORD_RUN = /\w+/g;

export function mayMatter(text: string, start: number, end: number): boolean {
  const statement = text.slice(start, end);
  if (MATTERING_SIGNS.test(statement)) return true;
  // One array of the runs (match() with a global pattern), not exec() per run: the generated 1,000-line
  // installer's statements read ~3 M instructions faster so (a script of their lines alone, callgrind).
  for (const run of statement.match(WORD_RUN) ?? []) if (MATTERING_WORDS.has(run)) return true;
  return false;
}

/**
 * The functions of web-tree-sitter's WebAssembly binding (lib/binding.c, exported as `_name` on the
 * emscripten module) that a RawCursor calls, and emscripten's memory accessors.
 */
export interface TreeSitterBinding {
  _ts_init(): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  getValue(ptr: number, type: string): number;
  setValue(ptr: number, value: number, type: string): void;
}

/** Whether `module`, the object given to Parser.init, became web-tree-sitter's emscripten module (it does on the first init). */
export function isBinding(module: object): module is TreeSitterBinding {
  const b = module as Partial<TreeSitterBinding>;
  return (
    typeof b._ts_init === 'function' &&
    typeof b._ts_tree_cursor_goto_first_child_wasm === 'function' &&
    typeof b._ts_tree_cursor_goto_next_sibling_wasm === 'function' &&
    typeof b._ts_tree_cursor_goto_parent_wasm === 'function' &&
    typeof b._ts_tree_cursor_current_node_type_id_wasm === 'function' &&
    typeof b._ts_tree_cursor_current_node_is_named_wasm === 'function' &&
    typeof b._ts_tree_cursor_start_index_wasm === 'function' &&
    typeof b._ts_tree_cursor_end_index_wasm === 'function' &&
    typeof b._ts_tree_cursor_current_field_id_wasm === 'function' &&
    typeof b.getValue === 'function' &&
    typeof b.setValue === 'function'
  );
}

/** The words of a cursor in the binding's transfer buffer (binding.c marshal_cursor: the cursor's id and context). */
const CURSOR_WORDS = 4;

/**
 * A tree cursor read through the binding directly (issue #13). web-tree-sitter's TreeCursor writes its
 * four words into the binding's transfer buffer before every call and reads them back after every
 * move (src/tree_cursor.ts marshalTreeCursor), five calls of emscripten's setValue/getValue each
 * time, for every property of every node: that JavaScript, cold in a one-off run, cost more than the
 * calls into WebAssembly, and TurboFan then compiled it on background threads. Here the cursor's words
 * stay in the transfer buffer for the whole walk (each binding call reads them from there, and each
 * move writes them back), so a node costs its four reads and its moves. Nothing else may call into
 * web-tree-sitter until close(), which hands the words back to the TreeCursor.
 */
export class RawCursor implements CursorView {
  private readonly named: Array<boolean | undefined> = [];

  private constructor(
    private readonly binding: TreeSitterBinding,
    private readonly tree: number,
    private readonly language: Language,
    private readonly buffer: number,
  ) {}

  static open(binding: TreeSitterBinding, tree: Tree, cursor: TreeCursor): RawCursor {
    // ts_init only returns the transfer buffer's address (and writes the versions Parser.init read).
    const buffer = binding._ts_init();
    const handles = (cursor as unknown as { handles: number[] }).handles;
    for (let i = 0; i < CURSOR_WORDS; i++) binding.setValue(buffer + 4 * i, handles[i]!, 'i32');
    return new RawCursor(binding, (tree as unknown as { 0: number })[0], tree.language, buffer);
  }

  /** Gives the cursor's words back to `cursor` (its delete() frees what they point to). */
  close(cursor: TreeCursor): void {
    const handles = (cursor as unknown as { handles: number[] }).handles;
    for (let i = 0; i < CURSOR_WORDS; i++) handles[i] = this.binding.getValue(this.buffer + 4 * i, 'i32');
  }

  get nodeType(): string {
    return this.language.types[this.binding._ts_tree_cursor_current_node_type_id_wasm(this.tree)] || 'ERROR';
  }

  /** Whether a node is named depends on its (alias) symbol only (ts_language_symbol_metadata): asked once per symbol. */
  get nodeIsNamed(): boolean {
    const id = this.binding._ts_tree_cursor_current_node_type_id_wasm(this.tree);
    let named = this.named[id];
    if (named === undefined) {
      named = this.binding._ts_tree_cursor_current_node_is_named_wasm(this.tree) === 1;
      this.named[id] = named;
    }
    return named;
  }

  get startIndex(): number {
    return this.binding._ts_tree_cursor_start_index_wasm(this.tree);
  }

  get endIndex(): number {
    return this.binding._ts_tree_cursor_end_index_wasm(this.tree);
  }

  get currentFieldName(): string | null {
    // As TreeCursor answers: the language's name for the field id (id 0, no field: the array's first slot).
    return this.language.fields[this.binding._ts_tree_cursor_current_field_id_wasm(this.tree)]!;
  }

  gotoFirstChild(): boolean {
    return this.binding._ts_tree_cursor_goto_first_child_wasm(this.tree) === 1;
  }

  gotoNextSibling(): boolean {
    return this.binding._ts_tree_cursor_goto_next_sibling_wasm(this.tree) === 1;
  }

  gotoParent(): boolean {
    return this.binding._ts_tree_cursor_goto_parent_wasm(this.tree) === 1;
  }
}
