// A repository of many hostPort workloads with few placement *shapes* (hostile11): half pinned one
// per node by `kubernetes.io/hostname`, half by a `site` label, one in three tolerating every taint,
// all binding hostPort 9000. node/host-port-conflict compared each bind with 256 placements through
// placementsDisjoint (16,000 of each shape: 85 s, 900 MB); it now decides once per pair of shapes
// (src/model/placement-shape.ts).
//
//   node scripts/bench/gen-placements.mjs OUT_DIR [WORKLOADS_PER_SHAPE=16000]
//
// Writes OUT_DIR/wNNN.yaml, 500 DaemonSets a file (within src/parse/yaml-budget.ts); time it with
// farm-bench -- node dist/cli.cjs --format json -o /dev/null OUT_DIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Workload i: shape i % 2, its own pin value. */
export function workload(i) {
  const selector = i % 2 ? `        kubernetes.io/hostname: node-${i}\n` : `        site: s-${i}\n`;
  const tolerations = i % 3 === 0 ? '      tolerations:\n      - operator: Exists\n' : '';
  return (
    `---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: w${i}\nspec:\n  selector:\n    matchLabels:\n      app: w${i}\n  template:\n    metadata:\n      labels:\n        app: w${i}\n` +
    `    spec:\n      nodeSelector:\n${selector}${tolerations}      containers:\n      - name: agent\n        image: registry.example.com/edge/agent:1.0.0\n` +
    '        ports:\n        - containerPort: 9000\n          hostPort: 9000\n'
  );
}

export function writePlacements(dir, perShape) {
  mkdirSync(dir, { recursive: true });
  const total = perShape * 2;
  const PER_FILE = 500;
  for (let first = 0, file = 0; first < total; first += PER_FILE, file++) {
    const parts = [];
    for (let i = first; i < Math.min(total, first + PER_FILE); i++) parts.push(workload(i));
    writeFileSync(join(dir, `w${String(file).padStart(3, '0')}.yaml`), parts.join(''));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, perShape = '16000'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: gen-placements.mjs OUT_DIR [WORKLOADS_PER_SHAPE]');
  writePlacements(dir, Number(perShape));
}
