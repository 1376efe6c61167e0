import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument, isMap, isPair, isScalar } from 'yaml';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import type { Span } from '../../src/core/source.js';
import { isShellScript, readShellScript, virtualFilesOf } from '../../src/script/read-script.js';
import type { VirtualFileWrite } from '../../src/script/read-script.js';

const script = (lines: string[], eol = '\n'): SourceFile => new SourceFile('edge/install/install.sh', lines.join(eol) + eol, 'shell');
const at = (s: Span): string => {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}`;
};
/** Script position of the first occurrence of `needle` in a write's text. */
const writeAt = (write: VirtualFileWrite, source: SourceFile, needle: string): string => {
  const offset = write.text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  const p = source.positionAt(write.toScriptOffset(offset));
  return `${p.line}:${p.column}`;
};

// The first snippet of seeds/IOT_MQTT_DEPLOYMENT_STRATEGY.md ("已在 edge/install/install.sh 中实现"),
// verbatim: non-ASCII comments make byte offsets differ from character offsets.
const SEED_INSTALL = [
  '# 1. 预加载镜像',
  'ctr -n k8s.io images import eclipse-mosquitto-2.0.tar',
  '',
  '# 2. 创建 systemd service',
  'cat > /etc/systemd/system/mosquitto.service << EOF',
  '[Service]',
  'ExecStart=ctr -n k8s.io run --rm --net-host \\',
  '  docker.io/library/eclipse-mosquitto:2.0 mosquitto \\',
  '  mosquitto -c /mosquitto-no-auth.conf',
  'EOF',
  '',
  '# 3. 启动服务',
  'systemctl enable mosquitto',
  'systemctl start mosquitto',
];

// The "边缘 IoT 场景（推荐）" snippet of the same note, verbatim.
const SEED_EDGECORE_APPEND = [
  '# 1. 边缘本地运行 MQTT',
  'systemctl enable mosquitto',
  'systemctl start mosquitto',
  '',
  '# 2. EdgeCore 配置',
  'cat >> /etc/kubeedge/config/edgecore.yaml << EOF',
  'modules:',
  '  eventBus:',
  '    mqttServerExternal: "tcp://127.0.0.1:1883"',
  '    mqttServerInternal: "tcp://127.0.0.1:1884"',
  '  edged:',
  '    allowedUnsafeSysctls:',
  '    - "net.ipv4.ip_forward"',
  'EOF',
  '',
  '# 3. 删除云端 MQTT Pod（避免冲突）',
  'kubectl delete daemonset edge-mosquitto -n kubeedge',
];

// seeds/MQTT_VERSION_DECISION.md "Line 432-465" and the upgrade path, shaped into a runnable installer.
const SEED_FUNCTION_INSTALLER = [
  '#!/bin/bash',
  'set -euo pipefail',
  'SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"',
  'CTR_BIN=$(command -v ctr)',
  '',
  'install_mqtt() {',
  '  MQTT_IMAGE_TAR=$(find "$SCRIPT_DIR" -name "eclipse-mosquitto-2.0.tar" -type f 2>/dev/null | head -1)',
  '  if [ -n "$MQTT_IMAGE_TAR" ]; then',
  '    $CTR_BIN -n k8s.io images import "$MQTT_IMAGE_TAR"',
  '  fi',
  "  cat > /etc/systemd/system/mosquitto.service <<'UNIT'",
  '[Service]',
  'ExecStart=$CTR_BIN -n k8s.io run \\',
  '  --rm \\',
  '  --net-host \\',
  '  docker.io/library/eclipse-mosquitto:2.0 \\',
  '  mosquitto \\',
  '  mosquitto -c /mosquitto-no-auth.conf',
  'UNIT',
  '}',
  '',
  "sed -i 's/eclipse-mosquitto:2.0/eclipse-mosquitto:2.0.20/g' \\",
  '  /etc/systemd/system/mosquitto.service',
  "sudo sed -i '/edged:/a\\    clusterDNS: 169.254.96.16' /etc/kubeedge/config/edgecore.yaml",
  'install_mqtt',
];

describe('readShellScript: the seed installers', () => {
  it('reads the import and the unit heredoc of the first seed snippet', async () => {
    const source = script(SEED_INSTALL);
    const reading = await readShellScript(source);
    expect(reading.problems).toEqual([]);
    expect(reading.imports.map((i) => [i.runtime, i.tarball.value, at(i.tarball.span), at(i.span)])).toEqual([
      ['ctr', 'eclipse-mosquitto-2.0.tar', '2:29', '2:1'],
    ]);
    expect(reading.writes).toHaveLength(1);
    const [unit] = reading.writes;
    expect(unit.path).toBe('/etc/systemd/system/mosquitto.service');
    expect(unit.mode).toBe('create');
    expect(unit.quoted).toBe(false);
    // Unquoted heredoc: bash removes each backslash-newline, so ExecStart= is one line in the unit.
    expect(unit.text).toBe(
      '[Service]\nExecStart=ctr -n k8s.io run --rm --net-host   docker.io/library/eclipse-mosquitto:2.0 mosquitto   mosquitto -c /mosquitto-no-auth.conf\n',
    );
    expect(at(unit.span)).toBe('5:1');
    expect(resolveSpan(unit.span).endColumn).toBe(51);
    expect(writeAt(unit, source, '[Service]')).toBe('6:1');
    expect(writeAt(unit, source, 'docker.io/')).toBe('8:3');
    expect(writeAt(unit, source, 'mosquitto -c')).toBe('9:3');
  });

  it('reads `cat >> edgecore.yaml << EOF` as an append write and a YAML line edit', async () => {
    const source = script(SEED_EDGECORE_APPEND);
    const reading = await readShellScript(source);
    expect(reading.writes).toHaveLength(1);
    const [write] = reading.writes;
    expect(write.mode).toBe('append');
    expect(write.path).toBe('/etc/kubeedge/config/edgecore.yaml');
    expect(writeAt(write, source, 'modules:')).toBe('7:1');
    expect(writeAt(write, source, 'allowedUnsafeSysctls')).toBe('12:5');
    expect(writeAt(write, source, '"net.ipv4.ip_forward"')).toBe('13:7');
    expect(reading.yamlEdits).toHaveLength(1);
    const [edit] = reading.yamlEdits;
    expect(edit.tool).toBe('append');
    expect(edit.target.value).toBe('/etc/kubeedge/config/edgecore.yaml');
    expect(at(edit.target.span)).toBe('6:8');
    expect(at(edit.span)).toBe('6:1');
    expect(edit.appended).toBe(write.text);
    expect(edit.appended?.startsWith('modules:\n  eventBus:\n')).toBe(true);
  });

  it('looks into functions and if bodies, resolves $CTR_BIN and the find -name tarball, reads sed -i', async () => {
    const source = script(SEED_FUNCTION_INSTALLER);
    const reading = await readShellScript(source);
    expect(reading.problems).toEqual([]);
    expect(reading.imports.map((i) => [i.runtime, i.tarball.value, at(i.tarball.span), at(i.span)])).toEqual([
      // Located at the literal -name argument: that is where the version is written.
      ['ctr', 'eclipse-mosquitto-2.0.tar', '7:45', '9:5'],
    ]);
    const [unit] = reading.writes;
    expect(unit.quoted).toBe(true);
    // Quoted delimiter: backslash-newlines and $CTR_BIN stay as written.
    expect(unit.text.split('\n')[1]).toBe('ExecStart=$CTR_BIN -n k8s.io run \\');
    expect(writeAt(unit, source, 'docker.io')).toBe('16:3');
    expect(at(unit.span)).toBe('11:3');
    // The sed on the unit file is not a YAML edit; the one on edgecore.yaml is.
    expect(reading.yamlEdits).toHaveLength(1);
    const [edit] = reading.yamlEdits;
    expect(edit.tool).toBe('sed');
    expect(at(edit.span)).toBe('24:1');
    expect(at(edit.target.span)).toBe('24:55');
    expect(edit.sed).toMatchObject({ address: '/edged:/', command: 'a', text: '    clusterDNS: 169.254.96.16' });
    expect(edit.sed?.script.value).toBe('/edged:/a\\    clusterDNS: 169.254.96.16');
    expect(at(edit.sed!.script.span)).toBe('24:13');
  });
});

describe('readShellScript: heredoc text and offsets', () => {
  it('strips <<- tabs and keeps CRLF, mapping a deep key back to the script', async () => {
    const source = script(
      [
        'configure() {',
        "\tsudo tee /etc/kubeedge/config/edgecore.yaml >/dev/null <<-'EOF'",
        '\tapiVersion: edgecore.config.kubeedge.io/v1alpha2',
        '\tkind: EdgeCore',
        '\tmodules:',
        '\t  edged:',
        '\t    tailoredKubeletConfig:',
        '\t      clusterDNS:',
        '\t      - 169.254.96.16',
        '\tEOF',
        '}',
      ],
      '\r\n',
    );
    const reading = await readShellScript(source);
    expect(reading.problems).toEqual([]);
    const [write] = reading.writes;
    expect(write.mode).toBe('create');
    expect(write.text).toBe(
      'apiVersion: edgecore.config.kubeedge.io/v1alpha2\r\nkind: EdgeCore\r\nmodules:\r\n  edged:\r\n    tailoredKubeletConfig:\r\n      clusterDNS:\r\n      - 169.254.96.16\r\n',
    );
    expect(at(write.span)).toBe('2:2');
    const [file] = virtualFilesOf(source, reading, () => 'yaml');
    expect(file.path).toBe('/etc/kubeedge/config/edgecore.yaml');
    // Find the key through a real YAML parse of the virtual file, then resolve through the origin chain.
    const doc = parseDocument(file.text);
    const modules = doc.get('modules', true);
    expect(isMap(modules)).toBe(true);
    const edged = (modules as { get(k: string, keep: true): unknown }).get('edged', true) as { items: unknown[] };
    const tailored = (edged.items[0] as { value: { items: unknown[] } }).value;
    const pair = tailored.items[0];
    expect(isPair(pair) && isScalar(pair.key)).toBe(true);
    const key = (pair as { key: { range: [number, number, number] } }).key;
    const keySpan = { source: file, start: key.range[0], end: key.range[1] };
    expect(resolveSpan(keySpan)).toMatchObject({ file: 'edge/install/install.sh', line: 8, column: 8, endLine: 8, endColumn: 18 });
    expect(at({ source: file, start: 0, end: 1 })).toBe('3:2');
  });

  it.each([
    {
      name: 'unquoted: expansions kept as source, \\$ unescaped, backslash-newline joined',
      lines: [
        'cat <<EOF > /etc/mosquitto/mosquitto.conf',
        'listener ${MQTT_PORT:-1883} 0.0.0.0',
        'password_file \\$HOME/pw \\',
        'x',
        'log_dest $(echo "\\$x" stdout)',
        'EOF',
      ],
      text: 'listener ${MQTT_PORT:-1883} 0.0.0.0\npassword_file $HOME/pw x\nlog_dest $(echo "\\$x" stdout)\n',
      quoted: false,
      probes: [
        ['${MQTT_PORT', '2:10'],
        ['$HOME', '3:16'],
        ['x\nlog', '4:1'],
        ['$(echo', '5:10'],
      ],
    },
    {
      name: 'quoted with "EOF": literal',
      lines: ['cat > /etc/a.conf <<"EOF"', 'a=$B \\$C \\', 'EOF'],
      text: 'a=$B \\$C \\\n',
      quoted: true,
      probes: [['\\$C', '2:6']],
    },
    {
      name: 'quoted with \\EOF, tabs inside lines kept by <<-',
      lines: ['cat > /etc/b.conf <<-\\EOF', '\t\tk:\tv', '\tEOF'],
      text: 'k:\tv\n',
      quoted: true,
      probes: [['k', '2:3'], ['v', '2:6']],
    },
    {
      name: 'non-ASCII body',
      lines: ['cat > /etc/c.yaml <<EOF', '# 配置 ✓ 𝄞', 'key: 值', 'EOF'],
      text: '# 配置 ✓ 𝄞\nkey: 值\n',
      quoted: false,
      probes: [['key', '3:1'], ['值', '3:6'], ['𝄞', '2:8']],
    },
    {
      name: 'empty body',
      lines: ['cat > /etc/d.conf <<EOF', 'EOF'],
      text: '',
      quoted: false,
      probes: [],
    },
  ])('$name', async ({ lines, text, quoted, probes }) => {
    const source = script(lines);
    const reading = await readShellScript(source);
    expect(reading.problems).toEqual([]);
    expect(reading.writes).toHaveLength(1);
    const [write] = reading.writes;
    expect(write.text).toBe(text);
    expect(write.quoted).toBe(quoted);
    for (const [needle, where] of probes) expect([needle, writeAt(write, source, needle)]).toEqual([needle, where]);
  });

  it('resolves write and import paths from variables assigned once, and no others', async () => {
    const source = script([
      'UNIT=/etc/systemd/system/edgecore.service',
      'IMAGES=/opt/edge/images',
      'TWICE=/etc/a.conf',
      'TWICE=/etc/b.conf',
      'cat > "$UNIT" <<EOF',
      '[Service]',
      'EOF',
      'cat > "${TWICE}" <<EOF',
      'x',
      'EOF',
      'ctr -n k8s.io images import "$IMAGES/mosquitto-2.0.18.tar"',
      'docker load -i "${IMAGES}/${TWICE}.tar"',
    ]);
    const reading = await readShellScript(source);
    expect(reading.problems).toEqual([]);
    expect(reading.writes.map((w) => [w.path, w.text, at(w.span), writeAt(w, source, '[Service]')])).toEqual([
      ['/etc/systemd/system/edgecore.service', '[Service]\n', '5:1', '6:1'],
    ]);
    expect(reading.imports.map((i) => [i.tarball.value, at(i.tarball.span)])).toEqual([['/opt/edge/images/mosquitto-2.0.18.tar', '11:29']]);
  });

  it('takes a variable assigned the same literal several times (a `local` in each function) as known, and reads it into sed scripts', async () => {
    const source = script([
      'DNS=169.254.96.16',
      'one() {',
      '  local cfg=/etc/kubeedge/config/edgecore.yaml',
      '  sed -i "/edged:/a\\    clusterDNS: ${DNS}" "$cfg"',
      '}',
      'two() {',
      "  local cfg='/etc/kubeedge/config/edgecore.yaml'",
      '  sed -i "s/a/b/" $cfg',
      '}',
      'three() {',
      '  local other=/etc/a.yaml',
      '  local other=/etc/b.yaml',
      '  sed -i "s/a/b/" "$other"',
      '}',
    ]);
    const reading = await readShellScript(source);
    expect(reading.yamlEdits.map((e) => [e.target.value, at(e.target.span), e.sed?.text])).toEqual([
      ['/etc/kubeedge/config/edgecore.yaml', '4:45', '    clusterDNS: 169.254.96.16'],
      ['/etc/kubeedge/config/edgecore.yaml', '8:19', 'b'],
    ]);
  });

  it('skips writes whose path holds an expansion, and reads each of several heredocs on one line', async () => {
    const source = script([
      'cat > "$UNIT_DIR/x.service" <<EOF',
      'ignored',
      'EOF',
      'cat <<A > /etc/a; cat <<\'B\' >> /etc/b',
      'a1',
      'A',
      'b1 $x',
      'B',
    ]);
    const reading = await readShellScript(source);
    expect(reading.writes.map((w) => [w.path, w.mode, w.text, w.quoted, at(w.span), writeAt(w, source, w.text[0])])).toEqual([
      ['/etc/a', 'create', 'a1\n', false, '4:1', '5:1'],
      ['/etc/b', 'append', 'b1 $x\n', true, '4:19', '7:1'],
    ]);
  });
});

describe('readShellScript: pipelines, prefixes and nesting', () => {
  it.each([
    {
      name: 'cat heredoc piped into $SUDO tee',
      lines: ['cat <<EOF | $SUDO tee /etc/systemd/system/edgecore.service', '[Service]', 'Restart=always', 'EOF'],
      writes: [['/etc/systemd/system/edgecore.service', 'create', '[Service]\nRestart=always\n', '1:1']],
      edits: [],
    },
    {
      name: 'echo piped into sudo tee -a on YAML',
      lines: ["echo '    clusterDomain: cluster.local' | sudo -u root tee -a /etc/kubeedge/config/edgecore.yaml > /dev/null"],
      writes: [],
      edits: [['append', '/etc/kubeedge/config/edgecore.yaml', '1:1', '1:63', '    clusterDomain: cluster.local\n']],
    },
    {
      name: 'echo >> with expansions kept',
      lines: ['[ -f /etc/kubeedge/config/edgecore.yaml ] && echo "  clusterDNS: ${DNS_IP}" >> /etc/kubeedge/config/edgecore.yaml'],
      writes: [['/etc/kubeedge/config/edgecore.yaml', 'append', '  clusterDNS: ${DNS_IP}\n', '1:46']],
      edits: [['append', '/etc/kubeedge/config/edgecore.yaml', '1:46', '1:80', '  clusterDNS: ${DNS_IP}\n']],
    },
    {
      name: 'env prefix, tee -a with a heredoc inside a for loop and a subshell',
      lines: ['for n in 1; do', '  ( env LANG=C tee --append /etc/a.yml <<EOF', 'x: $n', 'EOF', '  )', 'done'],
      writes: [['/etc/a.yml', 'append', 'x: $n\n', '2:5']],
      edits: [['append', '/etc/a.yml', '2:5', '2:29', 'x: $n\n']],
    },
    {
      name: 'here-string into tee -a',
      lines: ['tee -a cfg.yml <<< "k: v"'],
      writes: [],
      edits: [['append', 'cfg.yml', '1:1', '1:8', 'k: v\n']],
    },
    {
      name: 'echo of one quoted string with real line breaks: a write of that text and a newline',
      lines: ['echo "persistence true', 'listener 1883', 'allow_anonymous true" > mosquitto/config/mosquitto.conf'],
      writes: [['mosquitto/config/mosquitto.conf', 'create', 'persistence true\nlistener 1883\nallow_anonymous true\n', '1:1']],
      edits: [],
    },
    {
      name: "echo -n of a single-quoted string appended, a variable the script assigns once filled in",
      lines: ['PORT=1884', "echo -n 'listener 1883' >> /etc/mosquitto/conf.d/a.conf", 'echo "listener $PORT" > /etc/mosquitto/conf.d/b.conf'],
      writes: [
        ['/etc/mosquitto/conf.d/a.conf', 'append', 'listener 1883', '2:1'],
        ['/etc/mosquitto/conf.d/b.conf', 'create', 'listener 1884\n', '3:1'],
      ],
      edits: [],
    },
    {
      name: 'echo of several words, of an escape -e interprets, or of a command substitution: not followed character by character',
      lines: ['echo listener 1883 > /etc/mosquitto/conf.d/a.conf', 'echo -e "listener 1883\\nallow_anonymous true" > /etc/mosquitto/conf.d/b.conf', 'echo "listener $(port)" > /etc/mosquitto/conf.d/c.conf'],
      writes: [],
      edits: [],
    },
    {
      name: 'echo of a variable assigned twice: the run fills it in, as in an unquoted heredoc; in single quotes it is text',
      lines: ['P=1', 'P=2', 'echo "listener $P" > /etc/mosquitto/conf.d/c.conf', "echo 'password_file $P' > /etc/mosquitto/conf.d/d.conf"],
      writes: [
        ['/etc/mosquitto/conf.d/c.conf', 'create', 'listener $P\n', '3:1'],
        ['/etc/mosquitto/conf.d/d.conf', 'create', 'password_file $P\n', '4:1'],
      ],
      edits: [],
    },
    {
      name: 'cat FILE >> YAML: an append of unknown text',
      lines: ['cat extra.yaml >> /etc/kubeedge/config/edgecore.yaml'],
      writes: [],
      edits: [['append', '/etc/kubeedge/config/edgecore.yaml', '1:1', '1:19', undefined]],
    },
  ])('$name', async ({ lines, writes, edits }) => {
    const source = script(lines);
    const reading = await readShellScript(source);
    expect(reading.problems).toEqual([]);
    expect(reading.writes.map((w) => [w.path, w.mode, w.text, at(w.span)])).toEqual(writes);
    expect(reading.yamlEdits.map((e) => [e.tool, e.target.value, at(e.span), at(e.target.span), e.appended])).toEqual(edits);
  });

  it('visits command substitutions, && lists and while bodies', async () => {
    const source = script([
      'out=$(ctr -n k8s.io images import /opt/edge/images/kubeedge-pause-3.6.tar)',
      'true && docker load -i ./eclipse-mosquitto-2.0.tar',
      'while false; do nerdctl --namespace k8s.io load --input=/opt/x/edgemesh-agent-v1.16.0.tar; done',
      'podman load < "/opt/images/busybox-1.36.tar"',
      'k3s ctr image import --base-name foo /var/lib/rancher/klipper-lb-v0.4.9.tar',
      'docker image load --input "nginx-1.25.tar"',
    ]);
    const reading = await readShellScript(source);
    expect(reading.imports.map((i) => [i.runtime, i.tarball.value, at(i.tarball.span), at(i.span)])).toEqual([
      ['ctr', '/opt/edge/images/kubeedge-pause-3.6.tar', '1:35', '1:7'],
      ['docker', './eclipse-mosquitto-2.0.tar', '2:24', '2:9'],
      ['nerdctl', '/opt/x/edgemesh-agent-v1.16.0.tar', '3:49', '3:17'],
      ['podman', '/opt/images/busybox-1.36.tar', '4:15', '4:1'],
      ['ctr', '/var/lib/rancher/klipper-lb-v0.4.9.tar', '5:38', '5:1'],
      ['docker', 'nginx-1.25.tar', '6:27', '6:1'],
    ]);
  });

  it.each([
    ['a glob', 'ctr -n k8s.io images import /opt/images/*.tar'],
    ['an expansion', 'docker load -i "$IMAGE_DIR/mosquitto.tar"'],
    ['a variable assigned twice', 'T=a-1.0.tar\nT=b-2.0.tar\nctr images import "$T"'],
    ['a find -name pattern', 'T=$(find / -name "*.tar")\nctr images import "$T"'],
    ['a variable read at run time', 'read T\nctr images import "$T"'],
  ])('records no import for %s', async (_name, text) => {
    const reading = await readShellScript(new SourceFile('i.sh', `${text}\n`, 'shell'));
    expect(reading.problems).toEqual([]);
    expect(reading.imports).toEqual([]);
  });

  // sweep6 Q-3: the tarball's name (`agent.tar`) tells nothing; the save that wrote it does.
  it.each([
    {
      name: 'nerdctl save -o FILE "$VAR" then ctr import FILE: the image, at its assignment',
      lines: ['AGENT_IMAGE="eam-agent:v2"', 'nerdctl save -o /tmp/agent.tar ${AGENT_IMAGE}', 'ctr -n k8s.io images import /tmp/agent.tar'],
      saved: [['/tmp/agent.tar', [['eam-agent:v2', '1:13']]]],
    },
    {
      name: 'docker save --output FILE IMAGE IMAGE then docker load -i ./FILE',
      lines: ['docker save --output agent.tar registry.example.com/iot/agent:1.4 busybox:1.36', 'docker load -i ./agent.tar'],
      saved: [['./agent.tar', [['registry.example.com/iot/agent:1.4', '1:32'], ['busybox:1.36', '1:67']]]],
    },
    {
      name: 'podman image save --format F --output=FILE, then podman load < FILE',
      lines: ['podman image save --format oci-archive --output=/srv/app.tar app:3', 'podman load < /srv/app.tar'],
      saved: [['/srv/app.tar', [['app:3', '1:62']]]],
    },
    {
      name: 'docker save IMAGE > FILE (standard output), with a registry from a variable assigned once',
      lines: ['REG=registry.example.com', 'sudo docker save "$REG/app:2.0" > /tmp/app.tar', 'sudo ctr -n k8s.io i import /tmp/app.tar'],
      saved: [['/tmp/app.tar', [['registry.example.com/app:2.0', '2:18']]]],
    },
    {
      name: 'the last save of the path before the import counts; a save after it does not',
      lines: ['docker save -o /tmp/a.tar app:1', 'docker save -o /tmp/a.tar app:2', 'ctr images import /tmp/a.tar', 'docker save -o /tmp/a.tar app:3'],
      saved: [['/tmp/a.tar', [['app:2', '2:27']]]],
    },
    {
      name: 'an image from a variable assigned twice is unknown: nothing is claimed',
      lines: ['IMG=app:1', 'IMG=app:2', 'docker save -o /tmp/a.tar "$IMG"', 'ctr images import /tmp/a.tar'],
      saved: [['/tmp/a.tar', undefined]],
    },
    {
      name: 'a save to another path, or piped through gzip, says nothing about the import',
      lines: ['docker save -o /tmp/b.tar app:1', 'docker save app:1 | gzip > /tmp/a.tar.gz', 'ctr images import /tmp/a.tar', 'ctr images import /tmp/a.tar.gz'],
      saved: [['/tmp/a.tar', undefined], ['/tmp/a.tar.gz', undefined]],
    },
    {
      // pflag reads `-o=FILE` as `-o FILE` (parseSingleShortArg): the path has no `=`.
      name: 'docker save -o=FILE IMAGE then docker load -i FILE',
      lines: ['docker save -o=/tmp/app.tar app:4', 'docker load -i /tmp/app.tar'],
      saved: [['/tmp/app.tar', [['app:4', '1:29']]]],
    },
    {
      name: 'a save inside a bash -c string is read with the script',
      lines: ["bash -c 'nerdctl save -o /tmp/agent.tar eam-agent:v2'", 'ctr -n k8s.io images import /tmp/agent.tar'],
      saved: [['/tmp/agent.tar', [['eam-agent:v2', '1:41']]]],
    },
  ])('a saved tarball: $name', async ({ lines, saved }) => {
    const reading = await readShellScript(script(lines));
    expect(reading.problems).toEqual([]);
    expect(reading.imports.map((i) => [i.tarball.value, i.saved?.map((s) => [s.value, at(s.span)])])).toEqual(saved);
  });

  it.each([
    {
      name: 'several -e pieces join with newlines',
      line: "sed -i -e '/edged:/a\\' -e '    clusterDomain: cluster.local' /etc/kubeedge/config/edgecore.yaml",
      sed: { address: '/edged:/', command: 'a', text: '    clusterDomain: cluster.local' },
      script: '1:11',
    },
    {
      name: 'substitution with -E and a backup suffix',
      line: 'sed -Ei.bak "s/mqttMode: [0-9]/mqttMode: 2/" edgecore.yml',
      sed: { command: 's', text: 'mqttMode: 2', extended: true },
      script: '1:13',
    },
    {
      name: 'delete with --in-place and --expression=',
      line: "sed --in-place --expression='/allowedUnsafeSysctls/d' /etc/kubeedge/config/edgecore.yaml",
      sed: { address: '/allowedUnsafeSysctls/', command: 'd' },
      script: '1:16',
    },
    {
      name: 'two commands are other',
      line: "sed -i 's/a/b/;s/c/d/' x.yaml",
      sed: { command: 'other' },
      script: '1:8',
    },
  ])('sed -i: $name', async ({ line, sed, script: scriptAt }) => {
    const reading = await readShellScript(new SourceFile('s.sh', `${line}\n`, 'shell'));
    expect(reading.yamlEdits).toHaveLength(1);
    expect(reading.yamlEdits[0].sed).toMatchObject(sed);
    expect(at(reading.yamlEdits[0].sed!.script.span)).toBe(scriptAt);
  });

  it('ignores sed without -i and sed on non-YAML files', async () => {
    const reading = await readShellScript(
      new SourceFile('s.sh', "sed 's/a/b/' x.yaml > y.yaml\nsed -i 's/a/b/' /etc/hosts\n", 'shell'),
    );
    expect(reading.problems).toEqual([]);
    expect(reading.yamlEdits).toEqual([]);
  });
});

describe('readShellScript: problems', () => {
  it.each([
    ['an unterminated quote', "echo 'oops\n", '1:6', /quote/],
    ['an unclosed heredoc', 'cat > /a <<EOF\nabc\n', '1:10', /here-document/],
    ['a bad if', 'echo 配置\nif then fi\n', '2:1', /if/],
  ])('reports %s at its script position', async (_name, text, where, message) => {
    const reading = await readShellScript(new SourceFile('bad.sh', text, 'shell'));
    expect(reading.problems).toHaveLength(1);
    expect(at(reading.problems[0].span)).toBe(where);
    expect(reading.problems[0].message).toMatch(message);
    expect(reading.writes).toEqual([]);
  });

  it('never rejects and keeps every span inside the script, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
        const source = new SourceFile('p.sh', text, 'shell');
        const reading = await readShellScript(source);
        const spans = [
          ...reading.problems.map((p) => p.span),
          ...reading.writes.map((w) => w.span),
          ...reading.imports.flatMap((i) => [i.span, i.tarball.span]),
          ...reading.yamlEdits.flatMap((e) => [e.span, e.target.span]),
        ];
        for (const s of spans) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('maps every heredoc offset into the script, in order, for generated installers', async () => {
    const piece = fc.constantFrom(
      'cat > /etc/a.yaml <<EOF\n',
      "cat >> /etc/b.conf <<-'X'\n",
      'tee -a /c.yml <<EOF\n',
      'k: ${V}\n',
      '\tindented: \\$x \\\n',
      '配置: 值\r\n',
      'EOF\n',
      '\tX\n',
      'X\n',
      'ctr images import a-1.0.tar\n',
      "sed -i '/k:/a\\  n: 1' /etc/a.yaml\n",
      'echo x | tee -a q.yaml\n',
      'srv: __HOST__:1 $(hostname)\n',
      "bash -c 'tee -a /c.yml <<EOF\nk: ${V}\nEOF'\n",
      'sudo sh -c "cat > /etc/d.conf <<X\n\tx: 1\nX"\n',
      'sed -i "s|__HOST__|${H}|g" /etc/a.yaml\n',
      "sed -i -e 's/__HOST__/h/' -e 's/k:/K:/' /etc/b.conf\n",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 14 }), async (pieces) => {
        const text = pieces.join('');
        const source = new SourceFile('g.sh', text, 'shell');
        const reading = await readShellScript(source);
        for (const write of reading.writes) {
          let previous = -1;
          for (let o = 0; o < write.text.length; o++) {
            const mapped = write.toScriptOffset(o);
            expect(mapped).toBeGreaterThan(previous);
            expect(mapped).toBeLessThan(text.length);
            // The character the shell writes is the one in the script, except unescaped backslashes.
            if (write.text[o] !== '\\') expect(text[mapped]).toBe(write.text[o]);
            previous = mapped;
          }
        }
        for (const write of reading.writes) {
          // Expansions are only ever found in unquoted heredocs, and each starts with its `$`.
          if (write.quoted) expect(write.expansions).toEqual([]);
          for (const [from, to] of write.expansions) {
            expect(from).toBeLessThan(to);
            expect(write.text[from]).toBe('$');
          }
        }
        for (const file of virtualFilesOf(source, reading, () => 'yaml')) {
          for (let o = 0; o <= file.text.length; o++) {
            const r = file.rootOffset(o);
            expect(r).toBeGreaterThanOrEqual(0);
            expect(r).toBeLessThanOrEqual(text.length);
          }
          // Run-time ranges: inside the text, sorted, disjoint, non-empty.
          let last = -1;
          for (const [from, to] of file.origin?.runtime ?? []) {
            expect(from).toBeGreaterThan(last);
            expect(to).toBeGreaterThan(from);
            expect(to).toBeLessThanOrEqual(file.text.length);
            last = to;
          }
        }
      }),
      { numRuns: 120 },
    );
  });
});

describe('virtualFilesOf', () => {
  it('concatenates appends, restarts on create, and maps each piece back', async () => {
    const source = script([
      'cat > /etc/k/edgecore.yaml <<EOF',
      'modules:',
      'EOF',
      'cat > /etc/other.conf <<EOF',
      'x',
      'EOF',
      'cat >> /etc/k/edgecore.yaml <<EOF',
      '  edged:',
      'EOF',
      'cat >> /etc/k/edgecore.yaml <<EOF',
      'modules:',
      'EOF',
      'cat >> /etc/other.conf <<EOF',
      'y',
      'EOF',
      'cat > /etc/other.conf <<EOF',
      'z',
      'EOF',
    ]);
    const reading = await readShellScript(source);
    const files = virtualFilesOf(source, reading, (p) => (p.endsWith('.yaml') ? 'yaml' : 'unknown'));
    expect(files.map((f) => [f.path, f.kind, f.text])).toEqual([
      ['/etc/k/edgecore.yaml', 'yaml', 'modules:\n  edged:\nmodules:\n'],
      ['/etc/other.conf', 'unknown', 'z\n'],
    ]);
    const [edgecore, other] = files;
    const second = edgecore.text.lastIndexOf('modules:');
    expect(at({ source: edgecore, start: second, end: second + 7 })).toBe('11:1');
    expect(resolveSpan({ source: edgecore, start: second, end: second + 7 })).toMatchObject({ endLine: 11, endColumn: 8 });
    expect(at({ source: edgecore, start: 11, end: 16 })).toBe('8:3');
    expect(at({ source: other, start: 0, end: 1 })).toBe('17:1');
    expect(edgecore.root).toBe(source);
  });
});

describe('readShellScript: bash -c / sh -c bodies', () => {
  it('reads a literal command string as a script, located in the outer script', async () => {
    const source = script([
      'CFG=/etc/kubeedge/config/edgecore.yaml',
      "sudo bash -c 'cat > /etc/systemd/system/mosquitto.service <<EOF",
      '[Service]',
      'ExecStart=/usr/bin/mosquitto -c /etc/mosquitto/mosquitto.conf',
      "EOF'",
      'sh -ec "sed -i \'/edged:/a\\    clusterDNS: 169.254.96.16\' /etc/kubeedge/config/edgecore.yaml"',
      'bash -o pipefail -c \'ctr -n k8s.io images import /opt/images/app-1.2.tar\'',
      "bash -c 'bash -c \"cat >> /etc/a.yaml <<EOF\nk: 1\nEOF\"'",
    ]);
    const reading = await readShellScript(source);
    expect(reading.problems).toEqual([]);
    expect(reading.writes.map((w) => [w.path, w.mode, w.text, at(w.span), writeAt(w, source, w.text.trim().split('\n')[0])])).toEqual([
      ['/etc/systemd/system/mosquitto.service', 'create', '[Service]\nExecStart=/usr/bin/mosquitto -c /etc/mosquitto/mosquitto.conf\n', '2:15', '3:1'],
      ['/etc/a.yaml', 'append', 'k: 1\n', '8:19', '9:1'],
    ]);
    expect(reading.yamlEdits.map((e) => [e.tool, e.target.value, at(e.span), at(e.target.span), e.sed?.text])).toEqual([
      ['sed', '/etc/kubeedge/config/edgecore.yaml', '6:9', '6:58', '    clusterDNS: 169.254.96.16'],
      ['append', '/etc/a.yaml', '8:19', '8:26', undefined],
    ]);
    expect(reading.imports.map((i) => [i.tarball.value, at(i.tarball.span)])).toEqual([['/opt/images/app-1.2.tar', '7:50']]);
  });

  it('never reads a body that is not a string literal, nor a shell running a file', async () => {
    const source = script([
      'CMD="cat > /etc/a.yaml <<EOF"',
      'bash -c "$CMD"',
      'bash -c "sed -i \'s/a/b/\' $CFG"',
      "bash -c $'cat > /etc/b.yaml <<EOF\\nk: 1\\nEOF'",
      "bash ./install-edge.sh -c 'cat > /etc/c.yaml <<EOF'",
      "bash -c 'cat > /etc/d.yaml <<EOF' -- 'cat > /etc/e.yaml <<EOF'",
      "bash -c 'if then fi'",
    ]);
    const reading = await readShellScript(source);
    expect(reading.problems).toEqual([]);
    expect(reading.writes).toEqual([]);
    expect(reading.yamlEdits).toEqual([]);
  });

  it('keeps script order: a file created in a body and appended to after it', async () => {
    const source = script(["sh -c 'cat > /etc/a.yaml <<EOF", 'a: 1', "EOF'", 'cat >> /etc/a.yaml <<EOF', 'b: 2', 'EOF']);
    const files = virtualFilesOf(source, await readShellScript(source), () => 'yaml');
    expect(files.map((f) => f.text)).toEqual(['a: 1\nb: 2\n']);
    expect(at({ source: files[0], start: 0, end: 1 })).toBe('2:1');
    expect(at({ source: files[0], start: 5, end: 6 })).toBe('5:1');
  });
});

describe('readShellScript: commands a wrapper runs on its target (issue #10)', () => {
  const EC = '/etc/kubeedge/config/edgecore.yaml';
  // Each line edits edgecore.yaml on the machine the wrapper names; [line, expected edit position, target position].
  const reached: Array<[string, string, string]> = [
    [`multipass exec $node -- bash -c "sudo sed -i '/metaServer:/,+5{/enable: false/s/false/true/}' ${EC}"`, '1:34', '1:95'],
    [`multipass exec edge-1 -- sudo sed -i 's/mqttMode: 0/mqttMode: 2/' ${EC}`, '1:1', '1:67'],
    [`docker exec -it -e A=b edge-node sh -c 'sed -i "s/a/b/" ${EC}'`, '1:41', '1:57'],
    [`docker container exec --user=root "$NODE" bash -lc 'sed -i "s/a/b/" ${EC}'`, '1:53', '1:69'],
    [`kubectl -n kubeedge exec edgecore-0 -c main -- sh -c 'sed -i "s/a/b/" ${EC}'`, '1:55', '1:71'],
    [`lxc exec edge1 --cwd /root -- bash -c 'sed -i "s/a/b/" ${EC}'`, '1:40', '1:56'],
    [`vagrant ssh edge -c 'sudo sed -i "s/a/b/" ${EC}'`, '1:22', '1:43'],
    [`ssh -o StrictHostKeyChecking=no -p 2222 root@$EDGE_IP "sed -i 's/a/b/' ${EC}"`, '1:56', '1:72'],
    [`sshpass -p "$PASS" ssh root@edge -t 'sed -i "s/a/b/" ${EC}'`, '1:38', '1:54'],
    [`sudo ssh edge "sudo bash -c 'sed -i s/a/b/ ${EC}'"`, '1:30', '1:44'],
  ];
  for (const [line, editAt, targetAt] of reached) {
    it(`reads: ${line}`, async () => {
      const reading = await readShellScript(script([line]));
      expect(reading.problems).toEqual([]);
      expect(reading.yamlEdits.map((e) => [e.tool, e.target.value, at(e.span), at(e.target.span)])).toEqual([['sed', EC, editAt, targetAt]]);
    });
  }

  // Not a command string run by a shell, or a wrapper line whose form its manual does not give.
  const ignored = [
    `multipass exec edge -- cat ${EC}`,
    `multipass exec edge bash -c 'sed -i "s/a/b/" ${EC}'`,
    `multipass transfer edge.yaml edge:${EC}`,
    `lxc exec edge1 bash -c 'sed -i "s/a/b/" ${EC}'`,
    `docker exec --unknown-option edge sh -c 'sed -i "s/a/b/" ${EC}'`,
    `docker run --rm alpine sh -c 'sed -i "s/a/b/" ${EC}'`,
    `kubectl apply -f x.yaml -- sh -c 'sed -i "s/a/b/" ${EC}'`,
    `ssh edge sudo sed -i 's/a/b/' ${EC}`,
    `ssh -N -L 8080:localhost:80 edge 'sed -i "s/a/b/" ${EC}'`,
    `ssh edge "sed -i 's/a/b/' $CFG"`,
    `vagrant ssh edge -- 'sed -i "s/a/b/" ${EC}'`,
    `echo "ssh edge 'sed -i s/a/b/ ${EC}'"`,
  ];
  for (const line of ignored) {
    it(`does not read: ${line}`, async () => {
      const reading = await readShellScript(script([line]));
      expect(reading.problems).toEqual([]);
      expect(reading.yamlEdits).toEqual([]);
    });
  }
});

describe('virtualFilesOf: text filled in at run time', () => {
  const ranges = (file: SourceFile) => (file.origin?.runtime ?? []).map(([from, to]) => file.text.slice(from, to));

  it('marks expansions of unquoted heredocs, not of quoted ones', async () => {
    const source = script([
      'cat > /etc/a.yaml <<EOF',
      'server: ${CLOUD_IP}:10000',
      'node: $(hostname) \\$literal',
      'EOF',
      "cat > /etc/b.yaml <<'EOF'",
      'server: ${CLOUD_IP}:10000',
      'EOF',
    ]);
    const files = virtualFilesOf(source, await readShellScript(source), () => 'yaml');
    expect(files.map((f) => [f.path, ranges(f)])).toEqual([
      ['/etc/a.yaml', ['${CLOUD_IP}', '$(hostname)']],
      ['/etc/b.yaml', []],
    ]);
  });

  it('marks placeholders a later sed -i s/…/…/ replaces, in any file, and only in text written before it', async () => {
    const source = script([
      'CFG=/etc/kubeedge/config/edgecore.yaml',
      "cat > $CFG <<'EOF'",
      'server: __CLOUD_IP__:10000',
      'mode: MODE_PLACEHOLDER',
      'EOF',
      'sed -i "s|__CLOUD_IP__|${CLOUD_IP}|g; s/MODE_PLACEHOLDER/$MODE/" "$CFG"',
      "cat >> $CFG <<'EOF'",
      'other: __CLOUD_IP__',
      'EOF',
      "cat > /etc/mosquitto/mosquitto.conf <<'EOF'",
      'listener PORT_1 127.0.0.1',
      'EOF',
      "sed -i 's/PORT_1/1883/' /etc/mosquitto/mosquitto.conf",
      "sed -i 's/^#\\(.*\\)$/\\1/; s/[0-9]*/x/' /etc/mosquitto/mosquitto.conf",
    ]);
    const reading = await readShellScript(source);
    expect(reading.substitutions.map((s) => [s.path, s.pattern, at(s.span)])).toEqual([
      ['/etc/kubeedge/config/edgecore.yaml', '__CLOUD_IP__', '6:1'],
      ['/etc/kubeedge/config/edgecore.yaml', 'MODE_PLACEHOLDER', '6:1'],
      ['/etc/mosquitto/mosquitto.conf', 'PORT_1', '13:1'],
      ['/etc/mosquitto/mosquitto.conf', '^#\\(.*\\)$', '14:1'],
      ['/etc/mosquitto/mosquitto.conf', '[0-9]*', '14:1'],
    ]);
    const files = virtualFilesOf(source, reading, () => 'yaml');
    // The appended `other: __CLOUD_IP__` is written after the sed: it stays as written. Regular
    // expressions with operators are not run; only plain strings are looked for.
    expect(files.map((f) => [f.path, ranges(f)])).toEqual([
      ['/etc/kubeedge/config/edgecore.yaml', ['__CLOUD_IP__', 'MODE_PLACEHOLDER']],
      ['/etc/mosquitto/mosquitto.conf', ['PORT_1']],
    ]);
  });
});

describe('isShellScript', () => {
  it.each([
    ['install.sh', '', true],
    ['scripts/setup.bash', 'echo', true],
    ['bin/install', '#!/bin/bash\necho', true],
    ['bin/install', '#! /bin/sh -e\n', true],
    ['bin/install', '#!/usr/bin/env bash\n', true],
    ['bin/install', '#!/usr/bin/env -S LANG=C dash -e\n', true],
    ['bin/install', '\ufeff#!/bin/ash\n', true],
    ['bin/install', '#!/usr/bin/zsh', true],
    ['bin/install', '#!/usr/bin/env python3\n', false],
    ['bin/install', '#!/bin/bashful\n', false],
    ['edgecore.yaml', 'modules: {}\n', false],
    ['notes.txt', 'bash is great\n', false],
  ])('%s %j → %s', (path, text, expected) => {
    expect(isShellScript(path, text)).toBe(expected);
  });
});

describe('copies of repository files (issue #10 §4)', () => {
  it('records cp and install with one source, the tail after an unresolved expansion, and a directory destination', async () => {
    const source = script([
      '#!/bin/sh',
      'HERE="$(cd "$(dirname "$0")" && pwd)"',
      'CONFIG=/etc/kubeedge/config/edgecore.yaml',
      'cp templates/edgecore.yaml "$CONFIG"',
      'cp -f "$HERE/templates/edgecore.yaml" /etc/kubeedge/config/edgecore.yaml',
      'cp "$(dirname "$0")/mosquitto.conf" /etc/mosquitto/',
      'sudo install -m 0644 -o root ./units/edgecore.service /etc/systemd/system/edgecore.service',
      'cp a.conf b.conf /etc/mosquitto/conf.d/',
      'cp -t /etc/mosquitto c.conf',
      'install -d /etc/kubeedge',
      'cp "$UNSET_DIR"/* /etc/x/',
    ]);
    const reading = await readShellScript(source);
    expect(reading.copies.map((c) => [c.from, c.tail, c.to, at(c.span)])).toEqual([
      ['templates/edgecore.yaml', false, '/etc/kubeedge/config/edgecore.yaml', '4:1'],
      ['templates/edgecore.yaml', true, '/etc/kubeedge/config/edgecore.yaml', '5:1'],
      ['mosquitto.conf', true, '/etc/mosquitto/mosquitto.conf', '6:1'],
      ['./units/edgecore.service', false, '/etc/systemd/system/edgecore.service', '7:1'],
    ]);
  });
});
