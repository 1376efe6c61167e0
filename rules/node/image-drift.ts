import { appendTo, bundleHolds, defineRule, ImageIndex, imageVersion, isEdgeClass, objectIdentity, parseImageRef, placementKey, placementsDisjoint, pushAll, sameRepository, where } from '../../src/rule-api.js';
import type { Fix, ImageRef, ImageUse, Located, NodeClassModel, Placement } from '../../src/rule-api.js';

/** A use of an image anywhere: on a node class, or the configured baseline. */
interface Use {
  ref: ImageRef;
  version: string;
  at: ImageUse['span'];
  origin: ImageUse['origin'];
  owner: string;
  helmSource?: string;
  /** Where the workload may run; undefined for node-side sources (units, bundle, baseline), which are on every node of the class. */
  placement?: Placement;
  /** The workload's object (objectIdentity), for manifest uses: two objects of one identity are alternatives. */
  identity?: string;
  /** The manifest that object is written in (file and offset): tells alternatives of one identity apart. */
  instance?: string;
  text?: string;
  short?: string;
}

/** Computed once per use: a use named in many findings shares one string instead of a copy each. */
function label(use: Use): string {
  use.text ??= `${use.ref.display} in ${use.owner} (${where(use.at)})`;
  return use.text;
}

/**
 * Which version the others drift from: the configured baseline first; else what the offline bundle
 * holds (an offline node can only run that); else the version most sources agree on. A tie has no
 * reference: every side is reported, since edgelint cannot know which one is meant.
 */
function referenceVersion(uses: Use[]): { version?: string; why: string } {
  const baseline = uses.filter((u) => u.origin === 'baseline');
  if (baseline.length) return { version: baseline[0].version, why: 'the configured baseline' };
  const bundled = [...new Set(uses.filter((u) => u.origin === 'bundle').map((u) => u.version))];
  if (bundled.length === 1) return { version: bundled[0], why: 'the offline bundle' };
  const counts = new Map<string, number>();
  for (const u of uses) counts.set(u.version, (counts.get(u.version) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (ranked.length > 1 && ranked[0][1] > ranked[1][1]) return { version: ranked[0][0], why: 'most sources' };
  return { why: '' };
}

/** Rewrites the tag of the reference as written, keeping its registry/path spelling. */
function alignTag(use: Use, tag: string): Fix | undefined {
  if (use.origin !== 'manifest' && use.origin !== 'unit') return undefined;
  const { source, start, end } = use.at;
  const written = source.text.slice(start, end);
  const index = written.indexOf(use.ref.raw);
  if (index === -1) return undefined;
  const withoutVersion = use.ref.raw.replace(/@[^@]*$/, '').replace(/:[^:/]*$/, '');
  const from = source.rootOffset(start + index);
  const to = source.rootOffset(start + index + use.ref.raw.length);
  return { description: `Set the image to ${withoutVersion}:${tag}`, edits: [{ start: from, end: to, text: `${withoutVersion}:${tag}` }] };
}

/** Other uses named in one finding; the rest are counted. */
const MAX_LISTED = 10;
const IN_MESSAGE = 3;

/**
 * Past this many distinct placements of one image the views are not told apart (all uses are
 * compared with all), which keeps the pairwise placement test bounded on any input.
 */
const MAX_PLACEMENTS = 64;

/** Uses of one placement that are one object, or no alternative of any other (see `views`). */
interface Group {
  placement: Placement;
  uses: Use[];
  /** Set when the group is one of several manifests of one object identity. */
  identity?: string;
}

/**
 * The sets of uses that can meet on one node, one per group of placed uses, each judged only against
 * its own set. Two versions of one image only drift when they can run on the same node:
 *
 * - workloads pinned to disjoint label values (per-architecture DaemonSets, `kubernetes.io/arch:
 *   amd64` vs `arm64`) never share a node;
 * - two manifests of one object (same kind, namespace and name: objectIdentity) are alternatives, a
 *   repository's legacy and current set of one component: applying both leaves one object, so their
 *   pods never run side by side, whatever their placements.
 *
 * Each group sees the groups it may meet plus every node-side use (a unit, the bundle, the baseline is
 * on every node of the class). Groups with identical views are merged, so the usual case is one view
 * of all uses. `owners` are the uses the view judges: its groups' own uses and the node-side ones; a
 * placed use is never judged in another group's view, where it may sit beside an alternative of its
 * own object it can never meet.
 */
function views(uses: Use[], keyOf: (placement: Placement) => string): Array<{ all: Use[]; owners: Use[] }> {
  // Per identity its one manifest, or null once it has several (a Set per identity cost ~150 bytes
  // for each of a 100,000-object stream's objects, where only "more than one" is asked).
  const instances = new Map<string, string | null>();
  for (const use of uses) {
    if (!use.identity || !use.instance) continue;
    const seen = instances.get(use.identity);
    if (seen === undefined) instances.set(use.identity, use.instance);
    else if (seen !== null && seen !== use.instance) instances.set(use.identity, null);
  }
  const keys = new Map<string, Group>();
  const unplaced: Use[] = [];
  for (const use of uses) {
    if (!use.placement) {
      unplaced.push(use);
      continue;
    }
    // Only objects written more than once are split per manifest: the others stay grouped by placement.
    const alternative = use.identity !== undefined && instances.get(use.identity) === null;
    const key = keyOf(use.placement) + (alternative ? `\u0000${use.identity}\u0000${use.instance}` : '');
    const entry = keys.get(key);
    if (entry) entry.uses.push(use);
    else keys.set(key, { placement: use.placement, uses: [use], ...(alternative ? { identity: use.identity } : {}) });
  }
  const groups = [...keys.values()];
  if (groups.length < 2 || groups.length > MAX_PLACEMENTS) return [{ all: uses, owners: uses }];
  const meet = (a: Group, b: Group) => a === b || (!(a.identity !== undefined && a.identity === b.identity) && !placementsDisjoint(a.placement, b.placement));
  const byMembers = new Map<string, { all: Use[]; owners: Use[] }>();
  for (const group of groups) {
    const members = groups.map((other, i) => (meet(group, other) ? i : -1)).filter((i) => i >= 0);
    const id = members.join(',');
    const view = byMembers.get(id);
    if (view) pushAll(view.owners, group.uses);
    else byMembers.set(id, { all: [...members.flatMap((i) => groups[i].uses), ...unplaced], owners: [...group.uses, ...unplaced] });
  }
  return [...byMembers.values()];
}

/**
 * Words of a tag that say how an image was built or which release it is, not which program it holds:
 * `1.6-openssl` and `2.0` are two versions of one broker, `3.18-alpine` and `3.19` of one base.
 */
const VARIANT_WORDS = new Set([
  'latest', 'stable', 'edge', 'rc', 'alpha', 'beta', 'preview', 'nightly', 'snapshot', 'dev', 'release', 'final', 'lts',
  'openssl', 'libressl', 'alpine', 'slim', 'debian', 'ubuntu', 'bullseye', 'bookworm', 'buster', 'stretch', 'focal', 'jammy', 'noble',
  'distroless', 'static', 'musl', 'glibc', 'rootless', 'debug', 'minimal', 'full', 'linux', 'windows', 'nanoserver', 'servercore',
  'amd', 'arm', 'armhf', 'armel', 'aarch', 'ppc', 'le', 'mips', 'riscv',
]);

/**
 * Which program a tag names, for repositories that hold several: a registry account used as one
 * repository for unrelated apps (`me/registry:webserver-v-1`, `me/registry:phymodel_v0-0-1`) is not one
 * image at two versions. The words of the tag that carry no digit and are no variant word; empty for
 * plain versions (`2.0`, `v1.16.0`, `latest`, a digest), which stay one program.
 */
function programOf(version: string): string {
  if (version.startsWith('@')) return '';
  const words = new Set<string>();
  for (const word of version.toLowerCase().split(/[-_.+]+/)) {
    if (word.length < 2 || /\d/.test(word) || VARIANT_WORDS.has(word)) continue;
    words.add(word);
  }
  return [...words].sort().join(' ');
}

function groupKey(repository: string, version: string): string {
  return `${repository}\u0000${programOf(version)}`;
}

/** The first MAX_LISTED uses in `all` at another version than `version`. */
function firstOthers(all: Use[], version: string): Use[] {
  const out: Use[] = [];
  for (let i = 0; i < all.length && out.length < MAX_LISTED; i++) if (all[i].version !== version) out.push(all[i]);
  return out;
}

export default defineRule({
  id: 'node/image-drift',
  description: 'Disallow one image repository at different versions across the sources that feed a node',
  category: 'reliability',
  severity: 'error',
  recommended: true,
  fixable: true,
  remediation: 'Use one version of the image everywhere: in the chart values, the systemd units, the offline bundle and the baseline.',
  messages: {
    drift: '{{image}} in {{owner}} drifts from {{reference}} ({{why}}): {{others}}{{offline}}.',
    split: '{{repository}} runs at {{count}} versions on {{nodeClass}} nodes: {{others}}{{offline}}; pick one (set baselineImages in .edgelint.yaml to say which).',
  },
  check({ model, report }) {
    const baseline: Use[] = [];
    for (const image of model.settings.baselineImages as Located<string>[]) {
      const ref = parseImageRef(image.value);
      if (ref && !ref.placeholder) baseline.push({ ref, version: imageVersion(ref), at: image.span, origin: 'baseline', owner: 'baselineImages' });
    }
    const reported = new Set<string>();
    // One Use per image use, and one placement key per placement, whatever the class: a workload
    // without placement is on every class, and a 100,000-object stream's ~160,000 per-class Uses
    // with their identity, instance and placement-key strings were ~130 MB of garbage at once.
    const useOf = new Map<ImageUse, Use>();
    const placementKeys = new Map<Placement, string>();
    const keyOf = (placement: Placement) => {
      let key = placementKeys.get(placement);
      if (key === undefined) placementKeys.set(placement, (key = placementKey(placement)));
      return key;
    };
    for (const nodeClass of model.classes) {
      // The bundle an edge class's nodes are preloaded with (as node/image-not-preloaded reads it).
      const bundle = new ImageIndex<ImageUse>(nodeClass.offlineBundle && isEdgeClass(nodeClass.nodeClass) ? nodeClass.offlineBundle : []);
      const groups = new Map<string, Use[]>();
      const named: Use[] = [];
      for (const u of nodeClass.images) {
        let use = useOf.get(u);
        if (!use) {
          const object = u.workload?.object;
          use = { ref: u.ref, version: imageVersion(u.ref), at: u.span, origin: u.origin, owner: u.owner, helmSource: u.helmSource, placement: u.workload?.placement };
          if (object) {
            use.identity = objectIdentity(object);
            use.instance = `${object.source.path}\u0000${object.span.start}`;
          }
          useOf.set(u, use);
        }
        if (u.ref.registryUnknown) named.push(use);
        else appendTo(groups, groupKey(u.ref.repository, use.version), use);
      }
      // A tarball name tells no registry: it joins the one repository it fits (turbine-telemetry-3.2.0.tar
      // and registry.example.com/wind/turbine-telemetry), and stays by its name when it fits none or several.
      if (named.length) {
        const known = new ImageIndex([...groups.values()].map((g) => g[0]));
        for (const use of named) {
          const fits = new Set(known.candidates(use.ref).map((k) => k.ref.repository));
          appendTo(groups, groupKey(fits.size === 1 ? [...fits][0] : use.ref.repository, use.version), use);
        }
      }
      for (const [, group] of groups) {
        const head = group.find((u) => !u.ref.registryUnknown) ?? group[0];
        const withBaseline = [...group, ...baseline.filter((b) => sameRepository(b.ref, head.ref) && programOf(b.version) === programOf(head.version))];
        if (new Set(withBaseline.map((u) => u.version)).size < 2) continue;
        const bundled = bundle.candidates(head.ref);
        for (const { all, owners } of views(withBaseline, keyOf)) {
          const uses = owners.filter((u) => u.origin !== 'baseline');
          checkView(all, uses, nodeClass, bundled.length ? bundled : undefined);
        }
      }
    }

    /**
     * A workload whose version the offline bundle does not hold cannot start on an offline node: the
     * consequence node/image-not-preloaded would report at the same image, which yields to this finding
     * (one root cause: the chart's version drifted from the node side's), so this one says it.
     */
    function checkView(all: Use[], uses: Use[], nodeClass: NodeClassModel, bundled: ImageUse[] | undefined): void {
        const nodeClassName = nodeClass.nodeClass.name;
        const versions = new Set(all.map((u) => u.version));
        if (versions.size < 2) return;
        const reference = referenceVersion(all);
        const referenceUses = all.filter((u) => u.version === reference.version);
        // Per version, not per use, and only the listed few: a list of the N-1 others per version is
        // quadratic (30k versions of one image in an offline list took 4.3 GB). Finding the first few
        // uses of another version skips only uses of this version, so all versions together scan `all` once.
        const perVersion = new Map<string, number>();
        for (const u of all) perVersion.set(u.version, (perVersion.get(u.version) ?? 0) + 1);
        const othersByVersion = new Map<string, { listed: Use[]; count: number }>();
        for (const use of uses) {
          if (use.version === reference.version) continue;
          const key = `${use.at.source.path}:${use.at.start}`;
          if (reported.has(key)) continue;
          reported.add(key);
          let others = othersByVersion.get(use.version);
          if (!others) othersByVersion.set(use.version, (others = { listed: firstOthers(all, use.version), count: all.length - perVersion.get(use.version)! }));
          // Listing every other use in every finding is quadratic in output (a 10,000-object chart ran out of memory).
          const listed = others.listed;
          const more = others.count > listed.length ? `; and ${others.count - listed.length} more` : '';
          const named = listed.slice(0, IN_MESSAGE);
          const moreNamed = (listed.length > named.length ? `; and ${listed.length - named.length} more listed below` : '') + more;
          const othersText = named.map(label).join('; ') + moreNamed;
          const related = listed.map((o) => ({ at: o.at, message: (o.short ??= `${o.ref.display} in ${o.owner}`), helmSource: o.helmSource }));
          const offline = use.origin === 'manifest' && bundled !== undefined && !bundleHolds(use.ref, bundled);
          if (offline && !listed.some((o) => o.origin === 'bundle')) {
            const entry = all.find((o) => o.origin === 'bundle' && o.version !== use.version);
            if (entry) related.push({ at: entry.at, message: (entry.short ??= `${entry.ref.display} in ${entry.owner}`), helmSource: entry.helmSource });
          }
          const offlineText = offline ? `; ${use.ref.display} is not in the offline bundle, so an offline node cannot pull it` : '';
          if (reference.version === undefined) {
            report({
              messageId: 'split',
              data: { repository: use.ref.display.replace(/[:@].*$/, ''), count: versions.size, nodeClass: nodeClassName, others: [use, ...named].map(label).join('; ') + moreNamed, offline: offlineText },
              at: use.at,
              related,
              helmSource: use.helmSource,
            });
            continue;
          }
          const referenceDisplay = referenceUses[0].ref.display;
          report({
            messageId: 'drift',
            data: { image: use.ref.display, owner: use.owner, reference: referenceDisplay, why: reference.why, others: othersText, offline: offlineText },
            at: use.at,
            related,
            helmSource: use.helmSource,
            fix: reference.why === 'the configured baseline' && !reference.version!.startsWith('@') ? alignTag(use, reference.version!) : undefined,
          });
        }
    }
  },
});
