/**
 * Single-assignment resolution: a variable the script assigns exactly once, to a word, has that
 * word's value wherever it is used (`CONFIG=/etc/kubeedge/config/edgecore.yaml; sed -i … "$CONFIG"`).
 * Assigning it the same literal value several times counts as once (two functions that each start
 * with `local cfg=/etc/kubeedge/config/edgecore.yaml`).
 * A variable assigned twice, appended to (`X+=v`), an array, a `for` variable, or one read at run
 * time (`read X`, `mapfile X`, `getopts o X`) has no known value. The reading is static: an
 * assignment anywhere in the script (a function body, an `if` branch) counts.
 */
import type { ShAssign, ShWord } from './shell-syntax.js';

export class Assignments {
  // Keyed by name: names come from the script, so a Map, never an object's properties.
  private readonly byName = new Map<string, Array<ShWord | null>>();

  /** `sameValue(a, b)`: both words are literals with one value (the reader knows how to read words). */
  constructor(private readonly sameValue: (a: ShWord, b: ShWord) => boolean = () => false) {}

  /** `X=v`, `local X=v`, `export X=v`; `export X` without a value gives X no value of its own. */
  noteAssigns(assigns: ShAssign[]): void {
    for (const assign of assigns) {
      if (assign.Naked) continue;
      this.note(assign.Name?.Value, assign.Append || assign.Array ? null : assign.Value);
    }
  }

  /** A value that is unknown (`null`) or a word. */
  note(name: string | undefined, value: ShWord | null): void {
    if (!name) return;
    const list = this.byName.get(name);
    if (list) list.push(value);
    else this.byName.set(name, [value]);
  }

  /** Whether the script assigns the variable anywhere (a value known or not). */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Every name assigned, in order of first assignment. */
  names(): IterableIterator<string> {
    return this.byName.keys();
  }

  /** The single value a variable is ever given, when the script assigns it exactly once. */
  only(name: string): ShWord | undefined {
    const list = this.byName.get(name);
    const first = list?.[0];
    if (!list || !first) return undefined;
    for (let i = 1; i < list.length; i++) {
      const other = list[i];
      if (!other || !this.sameValue(first, other)) return undefined;
    }
    return first;
  }
}
