// A seeded generator of KubeEdge-style install scripts for `npm run bench` (issue 13: "a generated
// 1,000-line installer with heredocs, `sed -i` edits and image imports"). The script is shaped like
// real installers: functions, `if` blocks, variables assigned once and used as paths, heredocs that
// write units and YAML, `sed -i` line edits, `ctr`/`docker` image imports, and plenty of ordinary
// commands in between. Same seed, same text.
//
//   import { generateInstaller } from './bench/gen-installer.mjs';
//   const text = generateInstaller({ lines: 1000, seed: 1 });

/** mulberry32: a small, well-known 32-bit PRNG; enough to vary the blocks reproducibly. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BLOCKS = [
  (n) => [
    `install_unit_${n}() {`,
    `  local unit=/etc/systemd/system/edge-agent-${n}.service`,
    `  cat > "$unit" <<EOF`,
    '[Unit]',
    `Description=Edge agent ${n}`,
    'After=network-online.target',
    '',
    '[Service]',
    `ExecStart=/usr/local/bin/edge-agent --id ${n} \\`,
    '  --log-level ${LOG_LEVEL:-info}',
    'Restart=always',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    'EOF',
    '  systemctl daemon-reload',
    `  systemctl enable --now edge-agent-${n}`,
    '}',
  ],
  (n) => [
    `if [ -f "$IMAGE_DIR/app-${n}.tar" ]; then`,
    `  ctr -n k8s.io images import /opt/edge/images/app-${n}-v1.${n % 10}.0.tar`,
    'else',
    `  docker load -i ./images/helper-${n}-2.${n % 7}.tar`,
    'fi',
  ],
  (n) => [
    `sed -i 's/mqttMode: 0/mqttMode: 2/' /etc/kubeedge/config/edgecore.yaml`,
    `sed -i '/edged:/a\\    clusterDNS: 169.254.96.${n % 250}' "$EDGECORE_CONFIG"`,
    `sed -i "s|IMAGE_PLACEHOLDER|registry.local/app:${n}|g" /etc/edge/app-${n}.yaml`,
  ],
  (n) => [
    `cat > /etc/edge/app-${n}.yaml <<'YAML'`,
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: app-${n}`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `      - name: app-${n}`,
    '        image: IMAGE_PLACEHOLDER',
    '        imagePullPolicy: IfNotPresent',
    'YAML',
  ],
  (n) => [
    `echo "step ${n}: checking prerequisites"`,
    `if ! command -v curl >/dev/null 2>&1; then apt-get install -y curl; fi`,
    `mkdir -p /var/lib/edge/${n} && chmod 0755 /var/lib/edge/${n}`,
    `for f in /etc/edge/conf.d/*.conf; do echo "found $f"; done`,
    `VERSION_${n}=$(cat /etc/edge/version 2>/dev/null || echo unknown)`,
    `log "version: \${VERSION_${n}}"`,
  ],
  (n) => [
    `cat >> /etc/mosquitto/conf.d/edge-${n}.conf <<-EOF`,
    `\tlistener ${1883 + (n % 50)} 127.0.0.1`,
    '\tallow_anonymous false',
    '\tEOF',
    `echo "  edge-${n}: ok" | tee -a /var/log/edge-install.log >/dev/null`,
  ],
];

const HEADER = [
  '#!/usr/bin/env bash',
  '# Generated KubeEdge edge-node installer (bench input).',
  'set -euo pipefail',
  '',
  'EDGECORE_CONFIG=/etc/kubeedge/config/edgecore.yaml',
  'IMAGE_DIR=/opt/edge/images',
  'LOG_LEVEL=info',
  'log() { echo "[$(date +%T)] $*" >&2; }',
  '',
];

/** An installer of about `lines` lines (never fewer), built from the blocks above in a seeded order. */
export function generateInstaller({ lines = 1000, seed = 1 } = {}) {
  const random = rng(seed);
  const out = [...HEADER];
  let n = 0;
  while (out.length < lines) {
    const block = BLOCKS[Math.floor(random() * BLOCKS.length)];
    out.push(...block(n++), '');
  }
  return `${out.join('\n')}\n`;
}

/** `count` copies of one trivial statement: the per-statement cost with nothing to record. */
export function generateTrivialStatements({ bytes = 800_000, statement = 'echo hi' } = {}) {
  const line = `${statement}\n`;
  return line.repeat(Math.max(1, Math.floor(bytes / line.length)));
}

/** `count` small heredocs writing one file each. */
export function generateHeredocs({ count = 20_000 } = {}) {
  let text = '';
  for (let i = 0; i < count; i++) text += `cat > /etc/edge/f${i}.conf <<EOF\nkey=${i}\nEOF\n`;
  return text;
}
