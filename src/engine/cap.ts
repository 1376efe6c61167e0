/**
 * One root cause, one finding — and a file that repeats one mistake 100,000 times is one root cause.
 * Each rule lists at most MAX_PER_RULE_AND_FILE findings per file (the first ones by position); the
 * rest become one finding at the first one left out, which counts them.
 *
 * The cap sits where rules report (run-rules.ts), not after them: a finding left out is never built,
 * so its message, related locations and object cost nothing. Capping a finished list let 20 files of
 * 60k duplicate keys (8 MB) build 1.2M findings and run a 256 MB heap out of memory. Rules stay free
 * to report every instance; the engine bounds what it keeps. The fixes of the findings left out
 * travel on the counting finding, so `--fix` still applies them all.
 */
import { SEVERITY_RANK } from '../core/finding.js';
import type { Finding, Severity, TextEdit } from '../core/finding.js';

export const MAX_PER_RULE_AND_FILE = 1000;

/** Where a finding sits, all the cap needs to decide before the finding is built. */
export interface CapPlace {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  helmSource?: string;
  fix?: { edits: TextEdit[] };
}

interface Group {
  /** The kept findings, a max-heap by position: the root is the one to give up first. */
  heap: Finding[];
  /** The first place left out (smallest position), where the counting finding goes. */
  first?: CapPlace;
  left: number;
  severity?: Severity;
  edits: TextEdit[];
  fixed: number;
}

const after = (a: CapPlace, b: CapPlace) => a.line - b.line || a.column - b.column;

/**
 * Keeps, per rule and file, the `max` first findings by position; counts the rest. `offer` says
 * whether a finding at a place is kept, before anyone builds it; `add` then takes the built finding.
 */
export class FindingCap {
  private readonly groups = new Map<string, Group>();
  /** How many findings were left out, over every rule and file. */
  leftOut = 0;

  constructor(private readonly max = MAX_PER_RULE_AND_FILE) {}

  /** True when a finding at `place` is to be built and `add`ed; false when it was counted as left out. */
  offer(place: CapPlace): boolean {
    const group = this.group(place);
    if (group.heap.length < this.max) return true;
    // Full: a finding before the furthest kept one replaces it (in `add`); any other is left out.
    if (this.max > 0 && after(place, group.heap[0]) < 0) return true;
    this.leaveOut(group, place);
    return false;
  }

  /** A finding `offer` accepted (or one built elsewhere: it is offered first). */
  add(finding: Finding): void {
    const group = this.group(finding);
    if (group.heap.length >= this.max) {
      if (this.max === 0 || after(finding, group.heap[0]) >= 0) {
        this.leaveOut(group, finding);
        return;
      }
      this.leaveOut(group, group.heap[0]);
      group.heap[0] = finding;
      siftDown(group.heap, 0);
      return;
    }
    group.heap.push(finding);
    siftUp(group.heap, group.heap.length - 1);
  }

  /** The kept findings and one counting finding per rule and file that had more. */
  findings(): Finding[] {
    const out: Finding[] = [];
    for (const group of this.groups.values()) {
      for (const finding of group.heap) out.push(finding);
      if (group.first) out.push(this.summary(group, group.first));
    }
    return out;
  }

  private group(place: { ruleId: string; file: string }): Group {
    const key = `${place.file}\0${place.ruleId}`;
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { heap: [], left: 0, edits: [], fixed: 0 }));
    return group;
  }

  private leaveOut(group: Group, place: CapPlace): void {
    group.left++;
    this.leftOut++;
    if (!group.first || after(place, group.first) < 0) {
      const { ruleId, file, line, column, endLine, endColumn, severity, helmSource } = place;
      group.first = { ruleId, file, line, column, endLine, endColumn, severity, ...(helmSource !== undefined ? { helmSource } : {}) };
    }
    if (!group.severity || SEVERITY_RANK[place.severity] > SEVERITY_RANK[group.severity]) group.severity = place.severity;
    if (place.fix) {
      for (const edit of place.fix.edits) group.edits.push(edit);
      group.fixed++;
    }
  }

  private summary(group: Group, first: CapPlace): Finding {
    const more = group.left;
    const finding: Finding = {
      ruleId: first.ruleId,
      severity: group.severity ?? first.severity,
      message: `${more} more ${first.ruleId} finding${more === 1 ? '' : 's'} in this file from here on are not listed (edgelint lists the first ${this.max} of a rule per file); fix the ones above and run again.`,
      file: first.file,
      line: first.line,
      column: first.column,
      endLine: first.endLine,
      endColumn: first.endColumn,
      messageId: 'more',
      ...(first.helmSource !== undefined ? { helmSource: first.helmSource } : {}),
    };
    if (group.fixed > 0) finding.fix = { description: `Apply the same fix at ${group.fixed} more place${group.fixed === 1 ? '' : 's'}`, edits: group.edits };
    return finding;
  }
}

/** A finished list through the cap (findings that were not built at a report: unused suppressions, tests). */
export function capRepetition(findings: Finding[], max = MAX_PER_RULE_AND_FILE): Finding[] {
  const cap = new FindingCap(max);
  for (const finding of findings) if (cap.offer(finding)) cap.add(finding);
  return cap.leftOut === 0 ? findings : cap.findings();
}

function siftUp(heap: Finding[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (after(heap[i], heap[parent]) <= 0) return;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function siftDown(heap: Finding[], i: number): void {
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let largest = i;
    if (left < heap.length && after(heap[left], heap[largest]) > 0) largest = left;
    if (right < heap.length && after(heap[right], heap[largest]) > 0) largest = right;
    if (largest === i) return;
    [heap[i], heap[largest]] = [heap[largest], heap[i]];
    i = largest;
  }
}
