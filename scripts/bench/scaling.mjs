// Inputs of the bench's scaling rows (issue 13: "no quadratic corner anywhere"), n items each, and
// the findings each must produce. An input has to stay within edgelint's documented budgets at every
// size (src/parse/yaml-budget.ts: at most 100,000 lines of block nodes per YAML document): over one,
// the file yields a single core/parse-error, no rule runs, and the row times nothing. So the items are
// spread over documents or files no larger than those budgets allow, and every measured point is
// checked against `expect(n)` (bench.mjs, test/bench/scaling.test.ts).

/** src/engine/cap.ts MAX_PER_RULE_AND_FILE (the test checks they agree): findings listed per rule and file. */
export const PER_RULE_PER_FILE = 1000;

/** What the cap leaves of `count` findings of one rule in one file: the first ones and one counting the rest. */
export const capped = (count) => (count > PER_RULE_PER_FILE ? PER_RULE_PER_FILE + 1 : count);

/**
 * How items are spread: containers per DaemonSet (3,000–4,000 lines of block nodes, far below the
 * per-document budget) and unknown keys per edgecore.yaml (a line each, half the budget). The test
 * passes smaller ones to check the spreading and its expectation at a small size.
 */
export const LIMITS = { perDocument: 1000, perEdgecore: 50_000 };

/** `count` items in chunks of at most `size`: [first item, items] per chunk. */
function chunks(count, size) {
  const out = [];
  for (let first = 0; first < count; first += size) out.push([first, Math.min(size, count - first)]);
  return out;
}

/**
 * A stream of edge DaemonSets (valid objects: k8s/schema has nothing to say) whose containers are the
 * items, `perDocument` per document; `container(i)` writes item i.
 */
function edgeDaemonSets(n, perDocument, container) {
  const parts = [];
  for (const [first, count] of chunks(n, perDocument)) {
    const name = `scaling-${first / perDocument}`;
    parts.push(
      `---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n` +
        '    spec:\n      nodeSelector:\n        node-role.kubernetes.io/edge: ""\n      containers:\n',
    );
    for (let i = first; i < first + count; i++) parts.push(container(i));
  }
  return parts.join('');
}

// Drift: item i uses repository agent-(i % 50), at 2.0.0 when i % 7 === 0 and 1.0.0 otherwise.
const DRIFT_REPOSITORIES = 50;
const driftRepository = (i) => i % DRIFT_REPOSITORIES;
const driftVersion = (i) => (i % 7 === 0 ? '2.0.0' : '1.0.0');

/**
 * node/image-drift's findings on the drift input, as the rule decides them (rules/node/image-drift.ts):
 * per repository, with two versions, each use of the minority version drifts from the majority; a tie
 * has no reference and every use is reported.
 */
function driftFindings(n) {
  const counts = new Map();
  for (let i = 0; i < n; i++) {
    const perVersion = counts.get(driftRepository(i)) ?? new Map();
    counts.set(driftRepository(i), perVersion);
    perVersion.set(driftVersion(i), (perVersion.get(driftVersion(i)) ?? 0) + 1);
  }
  let findings = 0;
  for (const perVersion of counts.values()) {
    if (perVersion.size < 2) continue;
    const sizes = [...perVersion.values()].sort((a, b) => b - a);
    findings += sizes[0] === sizes[1] ? sizes[0] + sizes[1] : sizes[1];
  }
  return findings;
}

/**
 * Each row: `make(n, limits)`, the files to write (by relative path), holding exactly n items;
 * `expect(n, limits)`, the findings lint() must return, by rule id (any rule not named must report
 * nothing).
 */
export const SCALING = {
  // Image uses grouped by repository and node class: 1 in 7 containers drifts from its repository's majority.
  'drift grouping': {
    make: (n, { perDocument } = LIMITS) => ({ 'drift.yaml': edgeDaemonSets(n, perDocument, (i) => `      - name: c${i}\n        image: registry.example.com/edge/agent-${driftRepository(i)}:${driftVersion(i)}\n        imagePullPolicy: IfNotPresent\n`) }),
    // One stream file: the cap applies to all of them together.
    expect: (n) => nonZero({ 'node/image-drift': capped(driftFindings(n)) }),
  },
  // Keys edgecore does not read, each checked for a removed, misplaced or misspelt key.
  'edgecore unknown keys': {
    make: (n, { perEdgecore } = LIMITS) => {
      const files = {};
      for (const [first, count] of chunks(n, perEdgecore)) {
        const lines = ['apiVersion: edgecore.config.kubeedge.io/v1alpha2', 'kind: EdgeCore', 'modules:', '  edged:'];
        for (let i = first; i < first + count; i++) lines.push(`    unknownSetting${i}: ${i}`);
        files[`node-${first / perEdgecore}/edgecore.yaml`] = `${lines.join('\n')}\n`;
      }
      return files;
    },
    expect: (n, { perEdgecore } = LIMITS) => nonZero({ 'edgecore/unknown-key': chunks(n, perEdgecore).reduce((sum, [, count]) => sum + capped(count), 0) }),
  },
  // One suppression comment per finding (a `latest` image on an edge node without a pull policy): all used, nothing reported.
  suppressions: {
    make: (n, { perDocument } = LIMITS) => ({ 'suppressed.yaml': edgeDaemonSets(n, perDocument, (i) => `      - name: c${i}\n        # edgelint-disable-next-line k8s/edge-pull-policy -- bench\n        image: busybox:latest\n`) }),
    expect: () => ({}),
  },
  // A broker with one listener per item, each on its own address; every tenth takes anonymous clients.
  listeners: {
    make: (n) => {
      const lines = ['per_listener_settings true'];
      for (let i = 0; i < n; i++) lines.push(`listener ${1024 + (i % 60000)} 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, `allow_anonymous ${i % 10 === 0 ? 'true' : 'false'}`);
      return { 'mosquitto.conf': `${lines.join('\n')}\n` };
    },
    expect: (n) => nonZero({ 'mosquitto/no-anonymous': capped(Math.ceil(n / 10)) }),
  },
};

function nonZero(counts) {
  return Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
}

/** How a lint()'s findings counted by rule id differ from `expected`; undefined when they agree. */
export function mismatch(expected, byRule) {
  const rules = [...new Set([...Object.keys(expected), ...Object.keys(byRule)])].sort();
  const differ = rules.filter((rule) => (expected[rule] ?? 0) !== (byRule[rule] ?? 0));
  if (!differ.length) return undefined;
  const show = (counts) => rules.filter((rule) => counts[rule]).map((rule) => `${counts[rule]} ${rule}`).join(', ') || 'no findings';
  return `expected ${show(expected)}, got ${show(byRule)}`;
}
