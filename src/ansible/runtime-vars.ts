/**
 * Variables a run sets whatever the files say: `register:` results and `set_fact:` keys (both rank
 * above every vars file in Ansible's variable precedence), so their literal definitions are not
 * what a task sees.
 */
import { isMap, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { get, keysOf, scalarText } from './playbook.js';
import type { ParsedAnsible } from './playbook.js';
import { moduleName } from './modules.js';

/** Nodes visited per file: bounded for hostile input. */
const MAX_NODES = 200_000;

export function runtimeNames(parsed: ParsedAnsible, into: Set<string>): void {
  eachTaskMap(parsed, (node) => {
    const registered = scalarText(get(node, 'register'));
    if (registered) into.add(registered);
  }, (key, value) => {
    if (moduleName(key) === 'set_fact' && isMap(value)) for (const fact of keysOf(value)) into.add(fact);
  });
}

/**
 * Every mapping of a playbook or task list (plays hold task lists, tasks hold blocks: every list below
 * is walked), bounded for hostile input: `onMap` for each, `onKey` for each of its keys and values.
 */
function eachTaskMap(parsed: ParsedAnsible, onMap: (node: YAMLMap) => void, onKey: (key: string, value: unknown, node: YAMLMap) => void): void {
  if (!isSeq(parsed.root)) return;
  const stack: unknown[] = [...parsed.root.items];
  for (let visited = 0; stack.length > 0 && visited < MAX_NODES; visited++) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
      continue;
    }
    if (!isMap(node)) continue;
    onMap(node);
    for (const key of keysOf(node)) {
      const value = get(node, key);
      onKey(key, value, node);
      if (isSeq(value)) stack.push(value);
    }
  }
}

/** The `include_vars:` tasks of a playbook or task list: each module's value and the task's `args:`. */
export function includeVarsTasks(parsed: ParsedAnsible): Array<{ value: unknown; args: unknown }> {
  const out: Array<{ value: unknown; args: unknown }> = [];
  eachTaskMap(parsed, () => {}, (key, value, node) => {
    if (moduleName(key) === 'include_vars') out.push({ value, args: get(node, 'args') });
  });
  return out;
}
