/**
 * Which binds of one class of node collide (rule `node/host-port-conflict`): bind sites (a listener
 * line with all its addresses), indexed per protocol by port and address set, with published ranges
 * by first port, and placements compared once per pair of placement shapes; and the listener lines of
 * one broker that bind one port twice. Every search is budgeted: past a budget the count is a lower
 * bound ("and more").
 */
import { appendTo, firstIndex } from '../core/arrays.js';
import { addressesCollide } from './listeners.js';
import { placementKey, placementsDisjoint } from './placement.js';
import { placementShape, separable, shapesDisjoint, sharedPins } from './placement-shape.js';
import type { PlacementShape } from './placement-shape.js';
import type { Listener, Placement } from './types.js';

/** One bind site: a broker binding 0.0.0.0 and :: from one line is one listener with two addresses. */
export interface Site {
  first: Listener;
  /** Last port of the site (a published range); `first.port` for one port. */
  end: number;
  addresses: string[];
  index: number;
  /** `ADDRESS:PORT (why)`, computed once: a site named in many findings shares one string. */
  text?: string;
}

export function bindSites(listeners: Listener[]): Site[] {
  const bySite = new Map<string, Site>();
  for (const l of listeners) {
    const end = l.portEnd ?? l.port;
    const key = `${l.ownerKey}\0${l.span.source.path}\0${l.span.start}\0${l.port}\0${end}\0${l.protocol}`;
    const site = bySite.get(key);
    if (site) {
      if (!site.addresses.includes(l.address)) site.addresses.push(l.address);
    } else {
      bySite.set(key, { first: l, end, addresses: [l.address], index: bySite.size });
    }
  }
  return [...bySite.values()];
}

/** Binds of one port and protocol at the same addresses and of one placement, in the order `bindSites` found them. */
interface AddressSet {
  addresses: string[];
  /** The pods' placement (workload listeners); undefined for what runs on every node of the class. */
  placement?: Placement;
  members: Site[];
  owners: Map<string, number>;
  /** Members per exclusive group (Listener.exclusive): variants of one process never collide. */
  groups: Map<string, number>;
  /**
   * The first MAX_LISTED members of other owners, by the owner (`o…`) or exclusive group (`g…`) asking,
   * for owners of more than MAX_LISTED members: each site of such an owner looked through all of them again (hostile16:
   * 8,000 Ansible template tasks placing one broker config, 11.5 s CPU, quadratic).
   */
  listed?: Map<string, Site[]>;
}

/** Colliding binds collisions() lists for one bind (the finding's related locations); the rest are counted. */
const MAX_LISTED = 10;
/**
 * Sites a published range may be compared with before the rest is summarised as "and more": a range
 * spans thousands of ports, and comparing every range with every bind is quadratic.
 */
const RANGE_BUDGET = 2000;

/** placementKey once per placement: every listener of a workload shares its placement object. */
const placementKeys = new WeakMap<Placement, string>();
function keyOf(placement: Placement): string {
  let key = placementKeys.get(placement);
  if (key === undefined) placementKeys.set(placement, (key = placementKey(placement)));
  return key;
}

/**
 * The address sets of one port by placement shape (placement-shape.ts): EdgeMesh-style examples pin
 * one hostPort pod per node (`nodeName`, or a hostname nodeSelector), a fleet pins thousands more by
 * a site label, and their placements come in a handful of shapes. Whether a bind can meet a shape's
 * sets is decided once per pair of shapes, and then only the sets pinned to the bind's own values are
 * looked at. Asked of every pair, 4,000 nodeName-pinned pods took 120 s and 3 GB; asked of 256
 * placements per bind, 16,000 hostname-pinned and 16,000 site-pinned pods took 85 s and 900 MB.
 */
interface PortSets {
  all: Map<string, AddressSet>;
  /** The sets by shape, in the order they were added; sets without placement are one group, `shape` undefined. None for a port of one set. */
  groups: ShapeGroup[];
}

interface ShapeGroup {
  shape: PlacementShape | undefined;
  sets: AddressSet[];
  /** The sets by their values on some pins: pins joined by NUL → values joined by NUL → sets (made when first asked). */
  byPins: Map<string, Map<string, AddressSet[]>> | undefined;
}

const NO_GROUPS: ShapeGroup[] = [];

/** Pin subsets a shape group is indexed by before the rest of the binds meeting it are looked through one by one. */
const INDEXES_PER_GROUP = 16;

/** What a pair of shapes says: disjoint, or meeting where the shared pins agree, or undecided (placementsDisjoint per pair). */
type ShapeVerdict = { kind: 'apart' } | { kind: 'meet'; shared: string[]; signature: string } | { kind: 'undecided' };

/** Placements whose disjointness is remembered per pair, then forgotten: thousands of distinct ones make millions of pairs. */
const DISJOINT_CACHE = 50_000;
/**
 * Address sets of one port a bind is compared with before the rest is summarised as "and more": what
 * the shape index leaves (placements of many shapes, or shapes it cannot decide) stays linear.
 */
const SET_BUDGET = 256;

const collide = (a: string[], b: string[]) => a.some((x) => b.some((y) => addressesCollide(x, y)));

const valuesOf = (shape: PlacementShape, pins: string[]) => pins.map((pin) => shape.pins.get(pin)).join('\0');

/**
 * The binds of one class and protocol, indexed: one-port sites by port and address set (thousands of
 * hostNetwork pods on one port are counted per address set, not pairwise), published ranges sorted by
 * first port with `reach[i]` the furthest port any of the first i+1 ranges reaches.
 */
export class ProtocolIndex {
  readonly byPort = new Map<number, PortSets>();
  ports: number[] = [];
  readonly ranges: Site[] = [];
  reach: number[] = [];
  /** placementsDisjoint per pair of placement keys (by number), for pairs their shapes leave undecided. */
  private readonly disjoint = new Map<number, boolean>();
  private readonly ids = new Map<string, number>();
  /** The verdict per pair of shapes (by number): a fleet pins many pods with a few shapes. */
  private readonly verdicts = new Map<number, ShapeVerdict>();
  private readonly shapeIds = new Map<string, number>();

  private idOf(placement: Placement): number {
    const key = keyOf(placement);
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }

  /**
   * The shape of a placement, made once per placement key: a conf's 80,000 listeners each carry a
   * placement object of their own, equal to the others (a shape per object ran a 256 MB heap out).
   */
  private readonly shapes = new Map<string, PlacementShape>();
  private shapeOf(placement: Placement): PlacementShape {
    const key = keyOf(placement);
    let shape = this.shapes.get(key);
    if (!shape) this.shapes.set(key, (shape = placementShape(placement)));
    return shape;
  }

  private shapeId(shape: PlacementShape): number {
    let id = this.shapeIds.get(shape.key);
    if (id === undefined) this.shapeIds.set(shape.key, (id = this.shapeIds.size));
    return id;
  }

  private verdict(a: PlacementShape, b: PlacementShape): ShapeVerdict {
    // Exact while there are fewer than 2^26 shapes, far more than a repository can hold.
    const key = this.shapeId(a) * 2 ** 26 + this.shapeId(b);
    let known = this.verdicts.get(key);
    if (known === undefined) {
      if (this.verdicts.size >= DISJOINT_CACHE) this.verdicts.clear();
      if (!separable(a, b)) known = { kind: 'undecided' };
      else if (shapesDisjoint(a, b)) known = { kind: 'apart' };
      else {
        const shared = sharedPins(a, b);
        known = { kind: 'meet', shared, signature: shared.join('\0') };
      }
      this.verdicts.set(key, known);
    }
    return known;
  }

  /**
   * Pods of placements no one node satisfies (each pinned to another hostname or architecture) never
   * share a node (placement.ts placementsDisjoint); a listener without a placement runs on every node.
   */
  apart(a: Placement | undefined, b: Placement | undefined): boolean {
    if (!a || !b) return false;
    const [sa, sb] = [this.shapeOf(a), this.shapeOf(b)];
    const verdict = this.verdict(sa, sb);
    if (verdict.kind === 'apart') return true;
    if (verdict.kind === 'meet') return valuesOf(sa, verdict.shared) !== valuesOf(sb, verdict.shared);
    const key = this.idOf(a) * 2 ** 26 + this.idOf(b);
    let known = this.disjoint.get(key);
    if (known === undefined) {
      if (this.disjoint.size >= DISJOINT_CACHE) this.disjoint.clear();
      this.disjoint.set(key, (known = placementsDisjoint(a, b)));
    }
    return known;
  }

  /**
   * The sets of `group` a bind of placement `self` may meet, and whether that is certain (the shapes
   * decided it: no set needs asking again) or each set must still be asked (`apart`).
   */
  private meeting(self: Placement | undefined, group: ShapeGroup): { sets: readonly AddressSet[]; certain: boolean } {
    if (!self || !group.shape) return { sets: group.sets, certain: true };
    const shape = this.shapeOf(self);
    const verdict = this.verdict(shape, group.shape);
    if (verdict.kind === 'apart') return { sets: [], certain: true };
    if (verdict.kind === 'undecided') return { sets: group.sets, certain: false };
    if (verdict.shared.length === 0) return { sets: group.sets, certain: true };
    const byPins = (group.byPins ??= new Map());
    let index = byPins.get(verdict.signature);
    if (!index) {
      // Shapes pinning many different subsets of one group's pins would index it once per subset.
      if (byPins.size >= INDEXES_PER_GROUP) return { sets: group.sets, certain: false };
      byPins.set(verdict.signature, (index = new Map()));
      for (const set of group.sets) appendTo(index, valuesOf(this.shapeOf(set.placement!), verdict.shared), set);
    }
    return { sets: index.get(valuesOf(shape, verdict.shared)) ?? [], certain: true };
  }

  add(site: Site): void {
    if (site.end > site.first.port) {
      this.ranges.push(site);
      return;
    }
    let sets = this.byPort.get(site.first.port);
    if (!sets) this.byPort.set(site.first.port, (sets = { all: new Map(), groups: NO_GROUPS }));
    const placement = site.first.placement;
    const setKey = `${[...site.addresses].sort().join(' ')}\0${placement ? keyOf(placement) : ''}`;
    let set = sets.all.get(setKey);
    if (!set) sets.all.set(setKey, (set = { addresses: site.addresses, placement, members: [], owners: new Map(), groups: new Map() }));
    set.members.push(site);
    set.owners.set(site.first.ownerKey, (set.owners.get(site.first.ownerKey) ?? 0) + 1);
    const group = site.first.exclusive;
    if (group !== undefined) set.groups.set(group, (set.groups.get(group) ?? 0) + 1);
  }

  seal(): void {
    this.ports = [...this.byPort.keys()].sort((a, b) => a - b);
    for (const sets of this.byPort.values()) {
      // Most ports hold one set (a conf's thousands of listeners, each on its own port): looked at
      // directly, with no group made (80,000 of them tipped a 256 MB heap over).
      if (sets.all.size === 1) continue;
      const groups = new Map<string, ShapeGroup>();
      for (const set of sets.all.values()) {
        const shape = set.placement && this.shapeOf(set.placement);
        const key = shape ? `s${shape.key}` : '';
        let group = groups.get(key);
        // Written out, not spread: V8 gives an object made by a spread and more properties a hidden class of its own.
        if (!group) groups.set(key, (group = { shape, sets: [], byPins: undefined }));
        group.sets.push(set);
      }
      sets.groups = [...groups.values()];
    }
    this.ranges.sort((a, b) => a.first.port - b.first.port);
    let max = -Infinity;
    this.reach = this.ranges.map((r) => (max = Math.max(max, r.end)));
  }

  /** Other owners' binds colliding with `self`: up to MAX_LISTED of them, and how many there are. */
  collisions(self: Site): { others: Site[]; count: number; more: boolean } {
    const candidates: Site[] = [];
    let count = 0;
    let budget = RANGE_BUDGET;
    let setBudget = SET_BUDGET;
    const owner = self.first.ownerKey;
    const group = self.first.exclusive;
    // One owner is one process; one exclusive group is variants of one process: neither collides with itself.
    const same = (site: Site) => site.first.ownerKey === owner || (group !== undefined && site.first.exclusive === group);
    const fromSets = (port: PortSets | undefined) => {
      if (!port) return;
      if (port.all.size === 1) return fromList(port.all.values(), false);
      for (const group of port.groups) {
        // Groups left unlooked at: the count is a lower bound ("and more").
        if (setBudget <= 0) return void setBudget--;
        const { sets, certain } = this.meeting(self.first.placement, group);
        // A group the shapes keep apart costs one look, never more than its sets did one by one.
        if (sets.length === 0) setBudget--;
        else fromList(sets, certain);
      }
    };
    const fromList = (sets: Iterable<AddressSet>, certain: boolean): void => {
      for (const set of sets) {
        if (setBudget-- <= 0) return;
        budget--;
        if (!collide(self.addresses, set.addresses) || (!certain && this.apart(self.first.placement, set.placement))) continue;
        // Every member of self's owner is in self's group (one process, one unit name).
        const own = group !== undefined ? (set.groups.get(group) ?? 0) : (set.owners.get(owner) ?? 0);
        const others = set.members.length - own;
        if (others <= 0) continue;
        count += others;
        // Remembered only for an owner with more binds here than are listed: the others' walks stop early.
        const key = own > MAX_LISTED ? (group !== undefined ? `g${group}` : `o${owner}`) : undefined;
        let taken = key === undefined ? undefined : set.listed?.get(key);
        if (!taken) {
          taken = [];
          for (const member of set.members) {
            if (taken.length === MAX_LISTED) break;
            if (!same(member)) taken.push(member);
          }
          if (key !== undefined) (set.listed ??= new Map()).set(key, taken);
        }
        for (const member of taken) candidates.push(member);
        // Only the first MAX_LISTED by index are kept, and the ranges below look at whether there are 2 × MAX_LISTED.
        if (candidates.length >= MAX_LISTED * 4) candidates.sort((a, b) => a.index - b.index).length = MAX_LISTED * 2;
      }
    };
    const [low, high] = [self.first.port, self.end];
    if (low === high) fromSets(this.byPort.get(low));
    else for (let i = firstIndex(this.ports.length, (k) => this.ports[k] >= low); i < this.ports.length && this.ports[i] <= high && budget > 0; i++) fromSets(this.byPort.get(this.ports[i]));
    // Ranges starting at or before `high` and reaching `low`: from the first whose reach gets there.
    const started = firstIndex(this.ranges.length, (k) => this.ranges[k].first.port > high);
    for (let i = firstIndex(started, (k) => this.reach[k] >= low); i < started && budget > 0; i++, budget--) {
      const other = this.ranges[i];
      if (other === self || other.end < low || same(other) || !collide(self.addresses, other.addresses) || this.apart(self.first.placement, other.first.placement)) continue;
      count++;
      if (candidates.length < MAX_LISTED * 2) candidates.push(other);
    }
    const others = candidates.sort((a, b) => a.index - b.index).slice(0, MAX_LISTED);
    return { others, count, more: budget <= 0 || setBudget < 0 };
  }
}

/** Earlier sites of one broker a later listener is compared with (a config with thousands of listener lines stays linear). */
const SAME_BROKER_BUDGET = 64;

/**
 * Listener lines of one broker binding one port twice (`listener 1883` in mosquitto.conf and again in a
 * conf.d file it includes). mosquitto makes a listener per `listener` line without merging equal ones
 * (src/conf.c), opens them in order, and exits when one cannot bind (src/listeners.c
 * `listeners__start`, src/net.c `net__socket_listen`: "Error: Address already in use"). Each later
 * listener is paired with the first earlier one it collides with.
 */
export function sameBrokerDuplicates(all: Site[]): Array<[Site, Site]> {
  const groups = new Map<string, Site[]>();
  for (const site of all) {
    const l = site.first;
    if (l.span.source.kind !== 'mosquitto' || site.end !== l.port) continue;
    const key = `${l.ownerKey}\0${l.port}\0${l.protocol}`;
    const group = groups.get(key);
    if (group) group.push(site);
    else groups.set(key, [site]);
  }
  const pairs: Array<[Site, Site]> = [];
  for (const group of groups.values()) {
    for (let i = 1; i < group.length; i++) {
      const self = group[i];
      for (let j = 0; j < Math.min(i, SAME_BROKER_BUDGET); j++) {
        const other = group[j];
        if (other.first.span.start === self.first.span.start && other.first.span.source === self.first.span.source) continue;
        if (collide(self.addresses, other.addresses)) {
          pairs.push([self, other]);
          break;
        }
      }
    }
  }
  return pairs;
}
