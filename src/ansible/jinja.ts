/**
 * Jinja in Ansible: the variables a playbook or role defines as literals, and the text a task's
 * arguments or a template renders to when every expression in it is one of those. An expression
 * edgelint cannot evaluate (a fact, a registered result, a loop item, a filter chain) is unknown:
 * it is never replaced by a guess, and a rule never reports on it (SourceOrigin.runtime).
 *
 * Precedence follows Ansible's "Understanding variable precedence" (playbook guide), lowest first:
 * role defaults, group_vars/all, group_vars/<group> and host_vars/<host>, play vars, play vars_files,
 * role vars, block vars, task vars, include_vars. A name that `set_fact` or `register` also sets is
 * decided at run time whatever a file says.
 */
import { MappedBuilder } from './text-map.js';
import type { MappedText } from './text-map.js';

/** A variable's literal text, or undefined when it is set to something only the run decides. */
export type VarLayer = ReadonlyMap<string, string | undefined>;

/** A layer in which every name is set, to what only the run decides (a role use too costly to record, tasks.ts). */
export class UnknownLayer extends Map<string, string | undefined> {
  override has(): boolean {
    return true;
  }

  override get(): undefined {
    return undefined;
  }
}

/** Expressions rendered per text, and the depth of variables naming variables. */
const MAX_EXPRESSIONS = 10_000;
const MAX_DEPTH = 4;
/**
 * A variable rendered from variables is at most this long: each level may repeat the one below
 * (`a: "{{b}}{{b}}…"`), so four levels of a 2 KB vars file would otherwise render 10^8 copies (hostile12).
 */
const MAX_VALUE_CHARS = 64 * 1024;

/**
 * What all the rendering of one deployment may do, shared by every scope made from the first
 * (Scope.with): expressions evaluated, and characters that expressions add to rendered text (a
 * 100 KB variable written 1,000 times in a command or a template is 100 MB). Past either, an
 * expression is unknown, as one edgelint cannot evaluate is: never reported on.
 */
export interface RenderBudget {
  evaluations: number;
  chars: number;
}
const MAX_EVALUATIONS = 1_000_000;
const MAX_EXPANDED_CHARS = 4 * 1024 * 1024;

export function renderBudget(): RenderBudget {
  return { evaluations: MAX_EVALUATIONS, chars: MAX_EXPANDED_CHARS };
}

/**
 * Facts and magic variables (Ansible's "Special Variables"): always set, by the run. A `default()`
 * after one of them is never what the task sees.
 */
const MAGIC = /^(?:ansible_\w*|hostvars|groups|group_names|inventory_\w+|play_hosts|role_path|role_name|playbook_dir|omit|lookup|query|q)$/;

export class Scope {
  /** Rendered values by depth and name: a variable named many times is rendered once per scope. */
  private readonly values = new Map<string, string | undefined>();

  constructor(
    /** Lowest precedence first. */
    private readonly layers: readonly VarLayer[],
    /** Names set at run time (`set_fact`, `register`): unknown whatever a layer says. */
    private readonly runtime: ReadonlySet<string> = new Set(),
    readonly budget: RenderBudget = renderBudget(),
    /**
     * Names an `include_vars` task somewhere in the deployment sets (above every vars file and task
     * var, and for the rest of the host's run): a task that may run after it sees its value, one that
     * may run before it the layers' — known only where both are the same.
     */
    private readonly contested: VarLayer = new Map(),
    /** What an `include_vars` earlier in the same task list set: the value from there on. */
    private readonly included: VarLayer = new Map(),
  ) {}

  with(layer: VarLayer | undefined): Scope {
    return layer && (layer.size > 0 || layer instanceof UnknownLayer) ? new Scope([...this.layers, layer], this.runtime, this.budget, this.contested, this.included) : this;
  }

  /** This scope after an `include_vars` of `layer`. */
  including(layer: VarLayer): Scope {
    if (this.included instanceof UnknownLayer) return this;
    if (layer instanceof UnknownLayer) return new Scope(this.layers, this.runtime, this.budget, this.contested, layer);
    return layer.size > 0 ? new Scope(this.layers, this.runtime, this.budget, this.contested, new Map([...this.included, ...layer])) : this;
  }

  /** 'undefined' when no layer names it; undefined when it is known to be set but not to what. */
  raw(name: string): string | undefined | 'undefined' {
    const head = name.split('.', 1)[0];
    if (this.runtime.has(head) || MAGIC.test(head)) return undefined;
    if (this.included.has(name)) return this.included.get(name);
    const own = this.layered(name);
    if (this.contested.has(name)) {
      const other = this.contested.get(name);
      return other !== undefined && own === other ? own : undefined;
    }
    return own;
  }

  private layered(name: string): string | undefined | 'undefined' {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      if (layer.has(name)) return layer.get(name);
    }
    return 'undefined';
  }

  /** The literal a variable renders to, or undefined. */
  value(name: string, depth = 0): string | undefined {
    const raw = this.raw(name);
    if (raw === undefined || raw === 'undefined') return undefined;
    if (!raw.includes('{')) return raw;
    if (depth >= MAX_DEPTH) return undefined;
    const key = `${depth}\u0000${name}`;
    if (this.values.has(key)) return this.values.get(key);
    const value = renderString(raw, this, depth + 1);
    this.values.set(key, value);
    return value;
  }
}

/** A variable, or an attribute of a loop item (`item.name`), as tasks.ts binds them. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const QUOTED = /^(?:'([^'\\]*)'|"([^"\\]*)")$/;
/** `| default('x')`, `| d("x")`, `| default(omit)` is not a value. */
const DEFAULT_FILTER = /^(?:default|d)\s*\(\s*(?:'([^'\\]*)'|"([^"\\]*)"|(-?\d+(?:\.\d+)?))\s*(?:,\s*(?:true|false|True|False)\s*)?\)$/;
/** Filters that leave a literal as it is written. */
const NEUTRAL_FILTERS = new Set(['string', 'trim']);

/** The value of one `{{ … }}` expression, or undefined when it is not a literal this scope knows. */
export function evaluate(expression: string, scope: Scope, depth = 0): string | undefined {
  if (--scope.budget.evaluations < 0) return undefined;
  const [head, ...filters] = splitFilters(expression.trim());
  if (head === undefined) return undefined;
  let value: string | undefined;
  let defined = true;
  const quoted = QUOTED.exec(head);
  if (quoted) value = quoted[1] ?? quoted[2];
  else if (/^-?\d+$/.test(head)) value = head;
  else if (NAME.test(head)) {
    const raw = scope.raw(head);
    if (raw === 'undefined') defined = false;
    else value = scope.value(head, depth);
    // Set, but to what only the run knows: no filter makes it a literal.
    if (defined && value === undefined) return undefined;
  } else return undefined;
  for (const filter of filters) {
    const f = filter.trim();
    const fallback = DEFAULT_FILTER.exec(f);
    if (fallback) {
      if (!defined) {
        value = fallback[1] ?? fallback[2] ?? fallback[3];
        defined = true;
      }
      continue;
    }
    if (NEUTRAL_FILTERS.has(f) && value !== undefined) continue;
    if (f === 'int' && value !== undefined && /^\s*-?\d+\s*$/.test(value)) {
      value = String(Number.parseInt(value, 10));
      continue;
    }
    if (f === 'lower' && value !== undefined) {
      value = value.toLowerCase();
      continue;
    }
    return undefined;
  }
  return defined ? value : undefined;
}

/** `a | f(x) | g` split at the pipes outside quotes and parentheses. */
function splitFilters(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let from = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(expression.slice(from, i).trim());
      from = i + 1;
    }
  }
  parts.push(expression.slice(from).trim());
  return parts;
}

/** A string value rendered (a variable defined as `"{{ base }}/conf"`), or undefined if any part is unknown. */
export function renderString(text: string, scope: Scope, depth = 0): string | undefined {
  let out = '';
  let from = 0;
  let count = 0;
  for (const tag of jinjaTags(text)) {
    if (tag.kind !== 'expression' || ++count > MAX_EXPRESSIONS) return undefined;
    const value = evaluate(text.slice(tag.start + 2, tag.end - 2).replace(/^-|-$/g, ''), scope, depth);
    if (value === undefined) return undefined;
    out += text.slice(from, tag.start) + value;
    if (out.length > MAX_VALUE_CHARS) return undefined;
    from = tag.end;
  }
  return out + text.slice(from);
}

export interface JinjaTag {
  kind: 'expression' | 'statement' | 'comment';
  start: number;
  /** Exclusive, after the closing delimiter. */
  end: number;
}

/** The `{{ … }}`, `{% … %}` and `{# … #}` tags of a text, in order; an unclosed one ends the scan. Linear. */
export function* jinjaTags(text: string): Generator<JinjaTag> {
  for (let at = text.indexOf('{'); at !== -1 && at < text.length - 1; ) {
    const next = text[at + 1];
    const close = next === '{' ? '}}' : next === '%' ? '%}' : next === '#' ? '#}' : undefined;
    if (!close) {
      at = text.indexOf('{', at + 1);
      continue;
    }
    const end = text.indexOf(close, at + 2);
    if (end === -1) return;
    yield { kind: next === '{' ? 'expression' : next === '%' ? 'statement' : 'comment', start: at, end: end + 2 };
    at = text.indexOf('{', end + 2);
  }
}

export interface Rendered {
  mapped: MappedText;
  /** Ranges of `mapped.text` (sorted, disjoint, end exclusive) the run decides: unknown expressions and statements. */
  unknown: Array<[number, number]>;
}

/**
 * Renders the expressions of `input` this scope knows; each unknown tag is replaced by
 * `unknownAs(tag)` (undefined keeps its text), its output range listed in `unknown`. Positions of the
 * result map back through `input.map`, a replaced expression onto its tag.
 */
export function render(input: MappedText, scope: Scope, unknownAs: (tag: JinjaTag) => string | undefined = () => undefined): Rendered {
  const builder = new MappedBuilder();
  const unknown: Array<[number, number]> = [];
  let from = 0;
  let length = 0;
  let count = 0;
  for (const tag of jinjaTags(input.text)) {
    builder.copy(input, from, tag.start);
    length += tag.start - from;
    let value = tag.kind === 'expression' && ++count <= MAX_EXPRESSIONS ? evaluate(input.text.slice(tag.start + 2, tag.end - 2).replace(/^-|-$/g, ''), scope) : undefined;
    if (value !== undefined && value.length > scope.budget.chars) value = undefined;
    if (value !== undefined) scope.budget.chars -= value.length;
    if (value !== undefined) {
      builder.replace(value, input.map[tag.start], input.map[tag.end - 1] + 1);
      length += value.length;
    } else {
      const replacement = unknownAs(tag);
      if (replacement === undefined) {
        builder.copy(input, tag.start, tag.end);
        unknown.push([length, length + tag.end - tag.start]);
        length += tag.end - tag.start;
      } else {
        builder.replace(replacement, input.map[tag.start], input.map[tag.end - 1] + 1);
        unknown.push([length, length + replacement.length]);
        length += replacement.length;
      }
    }
    from = tag.end;
  }
  builder.copy(input, from, input.text.length);
  if (from === input.text.length && input.text.length === 0) return { mapped: input, unknown };
  return { mapped: builder.done(), unknown };
}

/** A whole text as its own parent (a template file rendered in place). */
export function identity(text: string): MappedText {
  const map = new Array<number>(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = i;
  return { text, map };
}
