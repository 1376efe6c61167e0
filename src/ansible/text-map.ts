/**
 * Text cut out of a playbook (a YAML scalar's value, a Jinja-rendered command) with, for each of its
 * characters, the offset in the playbook it was read from: findings in a `shell:` body land on the
 * playbook's own line and column (CONTRIBUTING "Positions").
 */

/** A text and, per character (plus one for its end), the offset in the parent it came from. */
export interface MappedText {
  text: string;
  /** `map.length === text.length + 1`; non-decreasing. */
  map: number[];
}

/** How far ahead in the raw text a value character is looked for (indentation, quotes, an escape). */
const LOOKAHEAD = 64;

/**
 * Maps the value of a YAML scalar onto its raw source `raw` (which starts at `start` in the parent):
 * each value character is matched to the next equal raw character, skipping what YAML drops
 * (indentation, block headers, quotes, the `\` of an escape); a line break the value folded into a
 * space matches the break. Exact for plain, quoted and block scalars as written in playbooks; a
 * character with no match nearby (an escape such as `\n`) keeps the position reached so far. One
 * pass, O(value + raw · LOOKAHEAD).
 */
export function mapScalar(value: string, raw: string, start: number): MappedText {
  const map: number[] = new Array(value.length + 1);
  let r = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    let found = -1;
    for (let k = r; k < raw.length && k < r + LOOKAHEAD; k++) {
      const c = raw[k];
      if (c === ch || ((ch === ' ' || ch === '\n') && (c === '\n' || c === '\r'))) {
        found = k;
        break;
      }
    }
    if (found === -1) {
      map[i] = start + Math.min(r, raw.length);
      continue;
    }
    map[i] = start + found;
    r = found + 1;
  }
  map[value.length] = start + Math.min(raw.length, Math.max(r, 0));
  if (value.length > 0) map[value.length] = Math.max(map[value.length], map[value.length - 1] + 1);
  return { text: value, map };
}

/** Builds a text piece by piece, keeping the parent offset of every character. */
export class MappedBuilder {
  private readonly parts: string[] = [];
  private readonly map: number[] = [];
  private end = 0;

  /** Appends `from.text.slice(a, b)`, each character mapped where it was. */
  copy(from: MappedText, a: number, b: number): void {
    if (b <= a) return;
    this.parts.push(from.text.slice(a, b));
    for (let i = a; i < b; i++) this.map.push(from.map[i]);
    this.end = from.map[b];
  }

  /**
   * Appends `text` standing for the parent range `[start, end)` (a Jinja expression's value): every
   * character of it is at the range's start, where the value is written as far as the file says.
   */
  replace(text: string, start: number, end: number): void {
    this.parts.push(text);
    for (let i = 0; i < text.length; i++) this.map.push(start);
    this.end = end;
  }

  /** Appends a literal that stands for nothing in the parent (a joining space), mapped to `at`. */
  literal(text: string, at: number): void {
    for (let i = 0; i < text.length; i++) this.map.push(at);
    this.parts.push(text);
    this.end = at;
  }

  done(): MappedText {
    const text = this.parts.join('');
    const map = this.map.slice();
    map.push(map.length > 0 ? Math.max(this.end, map[map.length - 1] + 1) : this.end);
    return { text, map };
  }
}

/** A parent offset for any offset of `mapped` (clamped to its text). */
export function toParent(mapped: MappedText, offset: number): number {
  const at = Math.max(0, Math.min(Math.trunc(offset) || 0, mapped.text.length));
  return mapped.map[at];
}
