import rule from '../../../rules/script/yaml-line-edit.js';
import { ruleTester, text } from '../../rule-tester.js';

const EDGECORE = text`
  apiVersion: edgecore.config.kubeedge.io/v1alpha2
  kind: EdgeCore
  modules:
    edged:
      enable: true
      tailoredKubeletConfig:
        cgroupDriver: cgroupfs
    metaManager:
      metaServer:
        enable: true
`;

/** An installer that writes edgecore.yaml with placeholders and then runs `sed` (line 13). */
const PLACEHOLDER_SCRIPT = (sed: string) =>
  [
    '#!/bin/bash',
    'CFG=/etc/kubeedge/config/edgecore.yaml',
    "cat > $CFG <<'EOF'",
    'apiVersion: edgecore.config.kubeedge.io/v1alpha2',
    'kind: EdgeCore',
    'modules:',
    '  edgeHub:',
    '    websocket:',
    '      server: __CLOUD_IP__:10000',
    '  edged:',
    '    hostnameOverride: __NODE_NAME__',
    'EOF',
    sed,
    '',
  ].join('\n');

/** An edge config in the pre-v1alpha1 layout: no apiVersion, no kind, so edgelint does not lint it. */
const OLD_EDGE_CONFIG = text`
  mqtt:
      server: tcp://127.0.0.1:1883
  edgehub:
      websocket:
          url: wss://MASTER_NODE:10000/default/NODE_NAME/events
          handshake-timeout: 30
      controller:
          node-id: NODE_NAME
  edged:
      hostname-override: NODE_NAME
`;

/** An EdgeMesh agent's ConfigMap with a placeholder inside its config value. */
const AGENT_CONFIGMAP = text`
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: agent-cfg
  data:
    agent.yaml: |
      relayNodes:
      - nodeName: {MASTER_NODE_HOSTNAME}
`;

const SEED_SED = "sed -i '/edged:/a\\    clusterDNS: 169.254.96.16' /etc/kubeedge/config/edgecore.yaml\n";

/** A node script that writes a YAML fragment to a text file and reads it into edgecore.yaml with sed's `r` (line 7). */
const READ_FILE_SCRIPT = (fragment: string, address = '/clusterDomain: cluster.local/', command = 'r') =>
  `#!/bin/bash\nset -euo pipefail\n\ncat <<EOF > update_cluster_dns.txt\n${fragment}EOF\n\nsudo sed -i '${address}${command} update_cluster_dns.txt' /etc/kubeedge/config/edgecore.yaml\n`;

/** A script that writes a DaemonSet manifest whole, then (line 18) extends its container with a ports block. */
const EXTENDED_MANIFEST = (append: string) =>
  [
    '#!/bin/bash',
    'NAME=$1',
    'IMAGE=$2',
    'PORT=${3:-}',
    'cat <<EOF > ds_tmp.yaml',
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: $NAME',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '      - name: $NAME',
    '        image: $IMAGE',
    'EOF',
    'if [ -n "$PORT" ]; then',
    append,
    'fi',
    'kubectl apply -f ds_tmp.yaml',
    '',
  ].join('\n');

/**
 * A dev script that builds under a root it computes at run time and edits the config it generated there
 * (line 6), in a function, through a variable (sweep22 M-1).
 */
const RUNTIME_ROOT_SCRIPT = (sed: string, file = 'edgecore.yaml') =>
  [
    '#!/bin/bash',
    'ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/..',
    'function start_edge {',
    `  CFG=\${ROOT}/_output/local/bin/${file}`,
    '  ${ROOT}/_output/local/bin/edgecore --defaultconfig > ${CFG}',
    `  ${sed} \${CFG}`,
    '}',
    'start_edge',
    '',
  ].join('\n');

ruleTester(rule, {
  valid: [
    {
      name: 'a whole-line value replacement on a key edgecore has once, in a config under a run-time root: only that value changes',
      files: { 'hack/local-up.sh': RUNTIME_ROOT_SCRIPT("sed -i 's|cgroupDriver: .*|cgroupDriver: systemd|'") },
    },
    {
      name: 'a file whose name is known only at run time is not known to be YAML',
      files: { 'hack/local-up.sh': "#!/bin/bash\nROOT=$(pwd)\nsed -i 's/a/b/' ${ROOT}/conf/${NAME}\nsed -i 's/a/b/' ${ROOT}/conf/${NAME}.yaml\n" },
    },
    {
      name: "sed's w command writes matching lines to another file: the YAML file is left as it was",
      files: { 'install.sh': "#!/bin/sh\nsed -i '/server:/w /tmp/servers.txt' /etc/kubeedge/config/edgecore.yaml\n" },
    },
    ...[
      ['echo lines', '  echo "        ports:" >> ds_tmp.yaml\n  echo "        - containerPort: $PORT" >> ds_tmp.yaml'],
      ['echo -e with newlines', '  echo -e "        ports:\\n        - containerPort: $PORT" >> ds_tmp.yaml'],
      ['printf with %s arguments', "  printf '        ports:\\n        - containerPort: %s\\n          protocol: %s\\n' \"$PORT\" TCP >> ds_tmp.yaml"],
      ['cat >> FILE <<EOF', '  cat >> ds_tmp.yaml <<EOF\n        ports:\n        - containerPort: $PORT\nEOF'],
      ["cat <<'EOF' >> FILE", "  cat <<'EOF' >> ds_tmp.yaml\n        ports:\n        - containerPort: 8080\nEOF"],
    ].map(([shape, append]) => ({
      name: `an append (${shape}) continuing the container of a manifest the script wrote whole: the YAML meant`,
      files: { 'Daemonset_create.sh': EXTENDED_MANIFEST(append) },
    })),
    { name: 'sed -i on a file that is not YAML', files: { 'install.sh': "#!/bin/sh\nsed -i 's/1883/1884/' /etc/mosquitto/mosquitto.conf\n" } },
    { name: 'sed without -i only prints', files: { 'install.sh': "#!/bin/sh\nsed '/edged:/a\\    clusterDNS: 169.254.96.16' /etc/kubeedge/config/edgecore.yaml > /tmp/out\n" } },
    { name: 'a YAML file written whole with cat >', files: { 'install.sh': `#!/bin/sh\ncat > /etc/kubeedge/config/edgecore.yaml << 'EOF'\n${EDGECORE}EOF\n` } },
    { name: 'yq edits by key path', files: { 'install.sh': "#!/bin/sh\nyq -i '.modules.edged.tailoredKubeletConfig.clusterDNS = [\"169.254.96.16\"]' /etc/kubeedge/config/edgecore.yaml\n" } },
    {
      name: 'a target variable assigned twice has no known value: nothing is read into it',
      files: { 'install.sh': "#!/bin/sh\nCFG=/etc/kubeedge/config/edgecore.yaml\n[ -f /opt/edgecore.yaml ] && CFG=/opt/edgecore.yaml\nsed -i 's/a/b/' \"$CFG\"\n" },
    },
    {
      name: 'placeholders the script wrote into values, filled with sed -i s|…|…|g: no key moves',
      files: { 'install.sh': PLACEHOLDER_SCRIPT('sed -i -e "s|__CLOUD_IP__|${CLOUD_IP}|g" -e \'s/__NODE_NAME__/\'"$NODE"\'/\' "$CFG"') },
    },
    {
      name: 'placeholders filled in a repository YAML file of no kind edgelint lints (an old edge.yaml): the same value-only check',
      files: {
        'setup/install.sh': '#!/bin/bash\nMASTER_NODE=$1\nsed -i "s/MASTER_NODE/$MASTER_NODE/g" edgecore/conf/edge.yaml\nsed -i -e "s|NODE_NAME|$(hostname)|g" edgecore/conf/edge.yaml\n',
        'setup/edgecore/conf/edge.yaml': OLD_EDGE_CONFIG,
      },
    },
    {
      name: 'a repository file of no known kind copied into place, then filled: the copy holds its text',
      files: {
        'setup/install.sh': '#!/bin/bash\ncp edge.yaml /etc/kubeedge/edge.yaml\nsed -i "s/MASTER_NODE/${MASTER}/g" /etc/kubeedge/edge.yaml\n',
        'setup/edge.yaml': OLD_EDGE_CONFIG,
      },
    },
    {
      name: 'a whole-line value replacement on a key edgecore has once, the text unknown: only that value changes',
      files: { 'install.sh': '#!/bin/bash\nsed -i "s/mqttServerExternal: .*/mqttServerExternal: tcp:\\/\\/${MQTT_HOST}:1883/g" /etc/kubeedge/config/edgecore.yaml\n' },
    },
    {
      name: 'the same on an edgecore.yaml beside the script, put in place afterwards: a file named edgecore.yaml is edgecore config wherever it is',
      files: {
        'node/install.sh':
          '#!/bin/bash\nwget https://github.com/kubeedge/kubeedge/releases/download/v1.19.0/kubeedge-v1.19.0-linux-amd64.tar.gz\nsed -i -e "s|token: .*|token: ${TOKEN}|g" edgecore.yaml\nmkdir -p /etc/kubeedge/config\ncp edgecore.yaml /etc/kubeedge/config/\n',
      },
    },
    {
      name: 'placeholders filled in a repository file named from the script folder with ../: the file is the one beside it',
      files: {
        'standalone/deploy.sh': '#!/bin/bash\nsed -i "s/{MASTER_NODE_HOSTNAME}/$HOST/g" ../edge/agent-cm.yaml\n',
        'edge/agent-cm.yaml': AGENT_CONFIGMAP,
      },
    },
    {
      name: 'a relative file the script writes over a repository file beside it, then fills: the fill edits what the script wrote',
      files: {
        'standalone/deploy.sh': "#!/bin/bash\ncat << EOF > roles/join/defaults/main.yml\ncloudcore_vip: {CLOUDCORE_VIP}\nEOF\nsed -i \"s/{CLOUDCORE_VIP}/$VIP/g\" roles/join/defaults/main.yml\n",
        'standalone/roles/join/defaults/main.yml': 'cloudcore_vip: 10.0.0.1\n',
      },
    },
    {
      name: 'the same with the ../ path reaching a file the script folder does not lead to: found by the path less its ../',
      files: {
        'deploy/scripts/fill.sh': '#!/bin/bash\nsed -i "s/{MASTER_NODE_HOSTNAME}/$HOST/g" ../edge/agent-cm.yaml\n',
        'edge/agent-cm.yaml': AGENT_CONFIGMAP,
      },
    },
    {
      name: 'the same with the indentation captured and written back, and with the key inside the group',
      files: {
        'install.sh':
          "#!/bin/bash\nsed -i 's/^\\(\\s*\\)hostnameOverride: .*/\\1hostnameOverride: edge-01/' /etc/kubeedge/config/edgecore.yaml\nsed -i -E 's/^([[:space:]]*nodeIP:).*$/\\1 10.0.0.7/' /etc/kubeedge/config/edgecore.yaml\n",
      },
    },
    {
      name: 'a value replacement whose value is a command substitution: bash fills it in before sed reads the script, slashes and all',
      files: {
        'setup.sh':
          "#!/bin/bash\nsudo sed -i \"s/^\\(\\s*hostnameOverride:\\).*/\\1 $(awk '/Serial/ {print tolower($3)}' /proc/cpuinfo)-pi/\" /etc/kubeedge/config/edgecore.yaml\n",
      },
    },
    {
      name: 'a value replacement in a file the script wrote, where the key occurs once',
      files: { 'install.sh': PLACEHOLDER_SCRIPT('sed -i "s/^\\(\\s*server:\\).*/\\1 ${CLOUD_IP}:10000/" "$CFG"') },
    },
    {
      name: 'a value replacement in a linted edgecore.yaml, where the key occurs once',
      files: { 'edge/install.sh': "#!/bin/bash\nsed -i 's/cgroupDriver: .*/cgroupDriver: systemd/' /etc/kubeedge/config/edgecore.yaml\n", 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE },
    },
    {
      name: 'an append that continues the last mapping of a file the script wrote whole: the result is the YAML meant',
      files: {
        'install.sh': '#!/bin/bash\ncat <<EOF > /opt/app/app.yaml\nserver:\n  host: 0.0.0.0\nEOF\nif [ -n "$PORT" ]; then\n  cat <<EOF >> /opt/app/app.yaml\n  port: ${PORT}\n  tls: false\nEOF\nfi\necho "retries: 3" >> /opt/app/app.yaml\n',
      },
    },
    {
      name: 'the same for an edgecore.yaml the script wrote: the appended keys continue metaServer',
      files: { 'install.sh': `#!/bin/bash\ncat > /etc/kubeedge/config/edgecore.yaml << 'EOF'\n${EDGECORE}EOF\ncat >> /etc/kubeedge/config/edgecore.yaml << EOF\n      server: 127.0.0.1:10550\nEOF\n` },
    },
  ],
  invalid: [
    {
      name: 'sed -i on the edgecore.yaml a script generated under a root it computes at run time: still a line edit (sweep22 M-1)',
      files: { 'hack/local-up.sh': RUNTIME_ROOT_SCRIPT("sed -i '/edgeStream:/{n;s/false/true/;}'") },
      errors: [
        {
          messageId: 'sedEdit',
          line: 6,
          column: 3,
          message:
            '`sed -i` edits ${ROOT}/_output/local/bin/edgecore.yaml as text; a line edit cannot tell which mapping a match belongs to and can break the YAML. Prefer a YAML-aware edit (yq -i) of the key path you mean.',
        },
      ],
    },
    {
      name: 'an insert into such a file lands by edgecore\'s key layout, its text being unknown',
      files: { 'hack/local-up.sh': RUNTIME_ROOT_SCRIPT("sed -i '/modules:/a\\  edgeStream:\\n    enable: true'") },
      errors: [{ messageId: 'insertLands', line: 6, column: 3, message: /^`sed -i` inserts `edgeStream` into \$\{ROOT\}\/_output\/local\/bin\/edgecore\.yaml at modules\.edgeStream, where edgecore reads it/ }],
    },
    {
      name: 'appends (cat >>, echo >>, tee -a, cat FILE >>) to YAML files under a root the script computes at run time: still line edits, named as written',
      files: {
        'hack/up.sh': [
          '#!/bin/bash',
          'ROOT=$(cd "$(dirname "$0")" && pwd)/..',
          'CFG=${ROOT}/_output/local/bin/edgecore.yaml',
          '${ROOT}/_output/local/bin/edgecore --defaultconfig > ${CFG}',
          'cat >> ${CFG} <<EOF',
          'modules:',
          '  edgeStream:',
          '    enable: true',
          'EOF',
          'echo "  dbTest: {enable: false}" >> "$ROOT/_output/cloudcore.yaml"',
          "printf 'a: b\\n' | tee -a ${CFG} >/dev/null",
          'cat extra.yaml >> ${ROOT}/conf/app.yaml',
          'echo "x" >> ${ROOT}/conf/${NAME}',
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'append', line: 5, column: 1, message: /^This append adds text to \$\{ROOT\}\/_output\/local\/bin\/edgecore\.yaml as lines;/ },
        { messageId: 'append', line: 10, column: 1, message: /^This append adds text to \$\{ROOT\}\/_output\/cloudcore\.yaml as lines;/ },
        { messageId: 'append', line: 11, column: 1, message: /^This append adds text to \$\{ROOT\}\/_output\/local\/bin\/edgecore\.yaml as lines;/ },
        { messageId: 'append', line: 12, column: 1, message: /^This append adds text to \$\{ROOT\}\/conf\/app\.yaml as lines;/ },
      ],
    },
    {
      name: 'a cloudcore.yaml under a run-time root, named in the command itself: a line edit',
      files: { 'hack/up.sh': "#!/bin/bash\nROOT=$(cd \"$(dirname \"$0\")\" && pwd)\nsed -i '/cloudStream:/{n;s/false/true/;}' \"$ROOT/_output/cloudcore.yaml\"\n" },
      errors: [{ messageId: 'sedEdit', line: 3, column: 1, message: /^`sed -i` edits \$\{ROOT\}\/_output\/cloudcore\.yaml as text;/ }],
    },
    {
      name: 'a file under a run-time root is not the repository file with the same tail: its text is unknown, so no "never matches"',
      files: { 'hack/fill.sh': '#!/bin/bash\nROOT=$(pwd)\nsed -i "s/MASTER_IP/${MASTER}/g" ${ROOT}/conf/edge.yaml\n', 'conf/edge.yaml': OLD_EDGE_CONFIG },
      errors: [{ file: 'hack/fill.sh', messageId: 'sedEdit', line: 3, column: 1 }],
    },
    {
      name: 'a substitution whose . matches any character finds its line: a line edit, not idle',
      files: { 'install.sh': PLACEHOLDER_SCRIPT("sed -i 's/__CLOUD.IP__/10.0.0.1/' \"$CFG\"") },
      errors: [{ messageId: 'sedEdit', line: 13, column: 1 }],
    },
    {
      name: 'the text holds a run-time expansion: whether an idle-looking pattern matches is not decided (a line edit)',
      files: { 'install.sh': '#!/bin/bash\nCFG=/etc/app/app.yaml\ncat > $CFG <<EOF\nserver: ${HOST}\nEOF\nsed -i \'s/server: edge-01/server: edge-02/\' "$CFG"\n' },
      errors: [{ messageId: 'sedEdit', line: 6, column: 1 }],
    },
    {
      name: 'a placeholder substitution whose pattern the text the script wrote never holds (a typo): the edit does nothing',
      files: { 'install.sh': PLACEHOLDER_SCRIPT('sed -i -e "s|__CLOUDIP__|${CLOUD_IP}|g" "$CFG"') },
      errors: [
        {
          messageId: 'noMatch',
          line: 13,
          column: 1,
          message:
            '`sed -i` replaces `__CLOUDIP__` in /etc/kubeedge/config/edgecore.yaml, but the text this script writes there before this line has no line it matches: the edit silently does nothing. Check the pattern against the file (spelling, spacing, quoting), or edit the key path with yq -i.',
        },
      ],
    },
    {
      // sweep9 Q-3: the edited path is the linted file's own path; it is named once.
      name: 'a repository file edited in place with a pattern it does not hold: the file is named once',
      files: { 'install.sh': '#!/bin/bash\nsed -i "s/MASTER_IP/${MASTER}/g" ./conf/edge.yaml\n', 'conf/edge.yaml': OLD_EDGE_CONFIG },
      errors: [
        {
          file: 'install.sh',
          messageId: 'noMatch',
          line: 2,
          column: 1,
          message:
            '`sed -i` replaces `MASTER_IP` in ./conf/edge.yaml, but the file has no line it matches: the edit silently does nothing. Check the pattern against the file (spelling, spacing, quoting), or edit the key path with yq -i.',
        },
      ],
    },
    {
      name: 'a repository template copied into place, filled with a pattern it does not hold',
      files: {
        'setup/install.sh': '#!/bin/bash\ncp edge.yaml /etc/kubeedge/edge.yaml\nsed -i "s/MASTER_IP/${MASTER}/g" /etc/kubeedge/edge.yaml\n',
        'setup/edge.yaml': OLD_EDGE_CONFIG,
      },
      errors: [{ file: 'setup/install.sh', messageId: 'noMatch', line: 3, column: 1, message: /^`sed -i` replaces `MASTER_IP` in \/etc\/kubeedge\/edge\.yaml, but its text \(setup\/edge\.yaml\) has no line it matches/ }],
    },
    {
      name: 'a case-insensitive or a later substitution is not decided: reported as a line edit, not as idle',
      files: { 'install.sh': PLACEHOLDER_SCRIPT('sed -i "s|__cloud_ip__|x|I" "$CFG"\nsed -i "s|__NOWHERE__|x|" "$CFG"') },
      errors: [
        { messageId: 'sedEdit', line: 13, column: 1 },
        { messageId: 'sedEdit', line: 14, column: 1 },
      ],
    },
    {
      name: "sed's r command reads a file the script wrote: its keys land where their indentation says (tailoredKubeletConfig.clusterDNS, read)",
      files: { 'edge_edgemesh.sh': READ_FILE_SCRIPT('      clusterDNS:\n      - 169.254.96.16\n') },
      errors: [
        {
          messageId: 'insertLands',
          line: 9,
          column: 1,
          message:
            "`sed -i` inserts `clusterDNS` (the contents of update_cluster_dns.txt) into /etc/kubeedge/config/edgecore.yaml at modules.edged.tailoredKubeletConfig.clusterDNS, where edgecore reads it; where a line lands depends on indentation and on which lines /…/ happens to match. Prefer a YAML-aware edit: yq -i '.modules.edged.tailoredKubeletConfig.clusterDNS = …' /etc/kubeedge/config/edgecore.yaml.",
        },
      ],
    },
    {
      name: "sed's r command with a fragment indented one level too little: it lands at modules.edged.clusterDNS, which edgecore ignores",
      files: { 'edge_edgemesh.sh': READ_FILE_SCRIPT('    clusterDNS:\n    - 169.254.96.16\n') },
      errors: [{ messageId: 'insertIgnored', line: 9, column: 1, message: /^`sed -i` inserts `clusterDNS` \(the contents of update_cluster_dns\.txt\) into \/etc\/kubeedge\/config\/edgecore\.yaml at modules\.edged\.clusterDNS, where edgecore does not read it/ }],
    },
    {
      name: "sed's R command of a one-line file is that line, inserted after the match",
      files: { 'edge_edgemesh.sh': READ_FILE_SCRIPT('    clusterDNS: 169.254.96.16\n', '/edged:/', 'R') },
      errors: [{ messageId: 'insertIgnored', line: 8, column: 1, message: /at modules\.edged\.clusterDNS, where edgecore does not read it/ }],
    },
    {
      name: "sed's r command of a file the script does not write: its text is unknown, and the finding says so",
      files: { 'install.sh': "#!/bin/bash\nsudo sed -i '/clusterDomain: cluster.local/r /opt/dns.txt' /etc/kubeedge/config/edgecore.yaml\n" },
      errors: [
        {
          messageId: 'insertFile',
          line: 2,
          column: 1,
          message:
            '`sed -i` inserts the contents of /opt/dns.txt into /etc/kubeedge/config/edgecore.yaml after the lines matching /clusterDomain: cluster.local/; the script does not write /opt/dns.txt itself, so edgelint cannot tell where its lines land in the YAML. Prefer a YAML-aware edit (yq -i) of the key path you mean.',
        },
      ],
    },
    {
      name: 'appends onto a file the script wrote whole that repeat a nested key or break the indentation',
      files: {
        'install.sh': '#!/bin/bash\ncat <<EOF > /opt/app/app.yaml\nserver:\n  host: 0.0.0.0\nEOF\ncat <<EOF >> /opt/app/app.yaml\n  host: 127.0.0.1\nEOF\ncat <<EOF > /opt/app/b.yaml\nserver:\n  host: 0.0.0.0\nEOF\ncat <<EOF >> /opt/app/b.yaml\n    port: 8080\nEOF\n',
      },
      errors: [
        { messageId: 'append', line: 6, column: 1, endLine: 6, endColumn: 31 },
        { messageId: 'append', line: 13, column: 1, endLine: 13, endColumn: 29 },
      ],
    },
    {
      name: 'a value replacement on a key several edgecore mappings have: which one it edits depends on the file',
      files: { 'install.sh': "#!/bin/sh\nsed -i 's/enable: .*/enable: true/' /etc/kubeedge/config/edgecore.yaml\n" },
      errors: [{ messageId: 'sedEdit', line: 2, column: 1, endLine: 2, endColumn: 71 }],
    },
    {
      name: 'a value replacement on a key the known text has twice',
      files: { 'edge/install.sh': "#!/bin/sh\nsed -i 's/^\\(\\s*\\)enable: .*/\\1enable: false/' /etc/kubeedge/config/edgecore.yaml\n", 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE },
      errors: [{ file: 'edge/install.sh', messageId: 'sedEdit', line: 2, column: 1, endLine: 2, endColumn: 82 }],
    },
    {
      name: 'value replacements that move or break the structure: indentation dropped, a key that opens a block, a new value that is a mapping',
      files: {
        'edge/install.sh': [
          '#!/bin/sh',
          "sed -i 's/^\\s*cgroupDriver: .*/cgroupDriver: systemd/' /etc/kubeedge/config/edgecore.yaml",
          "sed -i 's/tailoredKubeletConfig:.*/tailoredKubeletConfig: {}/' /etc/kubeedge/config/edgecore.yaml",
          "sed -i 's/cgroupDriver: .*/cgroupDriver: a: b/' /etc/kubeedge/config/edgecore.yaml",
          "sed -i 's/mqttServerExternal: .*/mqttServerExternal: tcp:\\/\\/x:1883\\nmqttMode: 2/' /etc/kubeedge/config/edgecore.yaml",
          '',
        ].join('\n'),
        'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE,
      },
      errors: [
        { file: 'edge/install.sh', messageId: 'sedEdit', line: 2, column: 1 },
        { file: 'edge/install.sh', messageId: 'sedEdit', line: 3, column: 1 },
        { file: 'edge/install.sh', messageId: 'sedEdit', line: 4, column: 1 },
        { file: 'edge/install.sh', messageId: 'sedEdit', line: 5, column: 1 },
      ],
    },
    {
      name: 'an edit run on the edge node through multipass exec -- bash -c is read like a bare bash -c',
      files: { 'install.sh': `#!/bin/bash\nfor node in edge-1 edge-2; do\n  multipass exec $node -- bash -c "sudo sed -i '/metaServer:/,+5{/enable: false/s/false/true/}' /etc/kubeedge/config/edgecore.yaml"\ndone\n` },
      // With no copy of keadm's file and no release on a keadm join, the newest known layout is assumed (sweep6 Q-2).
      errors: [{ messageId: 'sedKeadm', line: 3, column: 36, endLine: 3, endColumn: 131, message: /^`sed -i` edits \/etc\/kubeedge\/config\/edgecore\.yaml as text\. On the edgecore\.yaml keadm join writes \(KubeEdge 1\.23, assumed: no `keadm join --kubeedge-version=` read in the script\) it changes modules\.metaManager\.metaServer\.enable from false to true;/ }],
    },
    {
      name: 'an edit sent to the edge node as an ssh command string',
      files: { 'install.sh': `#!/bin/bash\nssh -o StrictHostKeyChecking=no root@$EDGE "sed -i '/edged:/a\\    clusterDNS: 169.254.96.16' /etc/kubeedge/config/edgecore.yaml"\n` },
      errors: [{ messageId: 'insertIgnored', line: 2, column: 45, endLine: 2, endColumn: 128 }],
    },
    {
      name: 'a repository YAML file of no known kind: a substitution that matches a key is still a line edit',
      files: { 'setup/install.sh': '#!/bin/bash\nsed -i "s/edgehub/hub/" edgecore/conf/edge.yaml\n', 'setup/edgecore/conf/edge.yaml': OLD_EDGE_CONFIG },
      errors: [{ file: 'setup/install.sh', messageId: 'sedEdit', line: 2, column: 1, endLine: 2, endColumn: 48 }],
    },
    {
      name: 'a repository file named .yaml that does not parse as YAML: its text says nothing, the fill is reported',
      files: { 'setup/install.sh': '#!/bin/bash\nsed -i "s/MASTER_NODE/$MASTER_NODE/g" conf/edge.yaml\n', 'setup/conf/edge.yaml': 'url: [MASTER_NODE\nport: 1\n' },
      errors: [{ file: 'setup/install.sh', messageId: 'sedEdit', line: 2, column: 1, endLine: 2, endColumn: 53 }],
    },
    {
      name: 'a value from a variable with no single value: the yq suggestion keeps it and double-quotes the expression so the shell expands it',
      files: { 'install.sh': '#!/bin/bash\nread -r DNS\nsed -i "/edged:/a\\    clusterDNS: ${DNS}" /etc/kubeedge/config/edgecore.yaml\n' },
      errors: [
        {
          messageId: 'insertIgnored',
          line: 3,
          column: 1,
          message: /Set it where edgecore reads it with a YAML-aware edit: yq -i "\.modules\.edged\.tailoredKubeletConfig\.clusterDNS = \[\\"\$\{DNS\}\\"\]" \/etc\/kubeedge\/config\/edgecore\.yaml\.$/,
        },
      ],
    },
    {
      name: 'a substitution whose pattern also matches a key is a line edit like any other',
      files: { 'install.sh': PLACEHOLDER_SCRIPT('sed -i "s/edgeHub/${HUB}/" "$CFG"') },
      errors: [{ messageId: 'sedEdit', line: 13, column: 1 }],
    },
    {
      name: 'a ../ path from the script folder names the file beside it, not another of the same name: a key replaced there moves keys',
      files: {
        'standalone/deploy.sh': '#!/bin/bash\nsed -i "s/relayNodes/${RELAY}/g" ../edge/agent-cm.yaml\n',
        'edge/agent-cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: agent-cfg\ndata:\n  agent.yaml: |\n    relayNodes: []\n',
      },
      errors: [{ file: 'standalone/deploy.sh', messageId: 'sedEdit', line: 2, column: 1 }],
    },
    {
      name: 'a relative YAML file not named edgecore.yaml, text unknown: a whole-line replacement is a line edit',
      files: { 'install.sh': '#!/bin/bash\nsed -i -e "s|token: .*|token: ${TOKEN}|g" edge.yaml\n' },
      errors: [{ messageId: 'sedEdit', line: 2, column: 1 }],
    },
    {
      name: 'a placeholder substitution of a file the script did not write: its text is unknown',
      files: { 'install.sh': '#!/bin/bash\nsed -i "s|__CLOUD_IP__|${CLOUD_IP}|g" /etc/kubeedge/config/edgecore.yaml\n' },
      errors: [{ messageId: 'sedEdit', line: 2, column: 1 }],
    },
    {
      name: "the seed's sed insert, edgecore.yaml not linted: placed from edgecore's known key paths",
      files: { 'install.sh': `#!/bin/bash\nset -e\n${SEED_SED}` },
      errors: [
        {
          messageId: 'insertIgnored',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 84,
          message:
            "`sed -i` inserts `clusterDNS` into /etc/kubeedge/config/edgecore.yaml at modules.edged.clusterDNS, where edgecore does not read it (it reads modules.edged.tailoredKubeletConfig.clusterDNS). Set it where edgecore reads it with a YAML-aware edit: yq -i '.modules.edged.tailoredKubeletConfig.clusterDNS = [\"169.254.96.16\"]' /etc/kubeedge/config/edgecore.yaml.",
        },
      ],
    },
    {
      name: 'the same insert, placed in the linted edgecore.yaml found by path suffix',
      files: { 'edge/install.sh': `#!/bin/bash\n${SEED_SED}`, 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE },
      errors: [{ file: 'edge/install.sh', messageId: 'insertIgnored', line: 2, column: 1, message: /^`sed -i` inserts `clusterDNS` into \/etc\/kubeedge\/config\/edgecore\.yaml at modules\.edged\.clusterDNS, where edgecore does not read it/ }],
    },
    {
      name: 'an insert that lands where edgecore reads it is still a line edit',
      files: { 'edge/install.sh': "#!/bin/bash\nsed -i '/tailoredKubeletConfig:/a\\      clusterDNS: [169.254.96.16]' /etc/kubeedge/config/edgecore.yaml\n", 'edge/etc/kubeedge/config/edgecore.yaml': EDGECORE },
      errors: [
        {
          file: 'edge/install.sh',
          messageId: 'insertLands',
          line: 2,
          column: 1,
          message:
            "`sed -i` inserts `clusterDNS` into /etc/kubeedge/config/edgecore.yaml at modules.edged.tailoredKubeletConfig.clusterDNS, where edgecore reads it; where a line lands depends on indentation and on which lines /…/ happens to match. Prefer a YAML-aware edit: yq -i '.modules.edged.tailoredKubeletConfig.clusterDNS = [\"169.254.96.16\"]' /etc/kubeedge/config/edgecore.yaml.",
        },
      ],
    },
    {
      name: 'a file the script wrote earlier: the misplaced sysctl allowlist, matched on every edged line',
      files: {
        'install.sh': `#!/bin/bash\ncat > /etc/kubeedge/config/edgecore.yaml << 'EOF'\n${EDGECORE}EOF\nsed -i '/edged:/a\\    allowedUnsafeSysctls: ["net.ipv4.ip_forward"]' /etc/kubeedge/config/edgecore.yaml\n`,
      },
      errors: [
        {
          messageId: 'insertIgnored',
          line: 14,
          column: 1,
          message:
            "`sed -i` inserts `allowedUnsafeSysctls` into /etc/kubeedge/config/edgecore.yaml at modules.edged.allowedUnsafeSysctls, where edgecore does not read it (it reads modules.edged.tailoredKubeletConfig.allowedUnsafeSysctls). Set it where edgecore reads it with a YAML-aware edit: yq -i '.modules.edged.tailoredKubeletConfig.allowedUnsafeSysctls = [\"net.ipv4.ip_forward\"]' /etc/kubeedge/config/edgecore.yaml.",
        },
      ],
    },
    {
      name: 'a sed target in a local variable assigned once',
      files: { 'install.sh': `#!/bin/bash\nconfigure() {\n  local cfg=/etc/kubeedge/config/edgecore.yaml\n  sed -i '/edged:/a\\    clusterDNS: 169.254.96.16' "$cfg"\n}\n` },
      errors: [
        {
          messageId: 'insertIgnored',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 58,
          message:
            "`sed -i` inserts `clusterDNS` into /etc/kubeedge/config/edgecore.yaml at modules.edged.clusterDNS, where edgecore does not read it (it reads modules.edged.tailoredKubeletConfig.clusterDNS). Set it where edgecore reads it with a YAML-aware edit: yq -i '.modules.edged.tailoredKubeletConfig.clusterDNS = [\"169.254.96.16\"]' /etc/kubeedge/config/edgecore.yaml.",
        },
      ],
    },
    {
      name: 'a target composed of variables assigned once: "${DIR}/edgecore.yaml" through CONFIG',
      files: { 'install.sh': `#!/bin/bash\nDIR=/etc/kubeedge/config\nCONFIG="\${DIR}/edgecore.yaml"\nsed -i '/eventBus:/a\\    mqttQOS: 1' "$CONFIG"\n` },
      errors: [
        {
          // keadm's file already has mqttQOS (no omitempty) below the inserted line: that copy wins.
          messageId: 'insertDuplicate',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 47,
          message:
            "`sed -i` inserts `mqttQOS` into /etc/kubeedge/config/edgecore.yaml at modules.eventBus.mqttQOS, which the edgecore.yaml keadm join writes already holds: keadm writes 0 there (KubeEdge 1.23, assumed: no `keadm join --kubeedge-version=` read in the script). The file then has `mqttQOS` twice in that mapping and edgecore keeps only the later copy, keadm's, further down the file; the inserted value is ignored. Change the one key in place with a YAML-aware edit: yq -i '.modules.eventBus.mqttQOS = 1' /etc/kubeedge/config/edgecore.yaml.",
        },
      ],
    },
    {
      name: 'a later cat >> of the same file does not hide where an earlier insert lands',
      files: {
        'install.sh': `#!/bin/bash\n${SEED_SED}cat >> /etc/kubeedge/config/edgecore.yaml << EOF\nmodules:\n  eventBus:\n    mqttMode: 2\nEOF\n`,
      },
      errors: [
        {
          messageId: 'insertIgnored',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 84,
          message:
            "`sed -i` inserts `clusterDNS` into /etc/kubeedge/config/edgecore.yaml at modules.edged.clusterDNS, where edgecore does not read it (it reads modules.edged.tailoredKubeletConfig.clusterDNS). Set it where edgecore reads it with a YAML-aware edit: yq -i '.modules.edged.tailoredKubeletConfig.clusterDNS = [\"169.254.96.16\"]' /etc/kubeedge/config/edgecore.yaml.",
        },
        {
          messageId: 'appendDuplicate',
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 49,
          message:
            'This append adds a second top-level `modules:` to /etc/kubeedge/config/edgecore.yaml, which already has one: the file now holds a duplicate key and edgecore keeps only the appended mapping. Merge it instead: put the block in a file (say modules-patch.yaml) and run yq -i \'. *= load("modules-patch.yaml")\' /etc/kubeedge/config/edgecore.yaml.',
        },
      ],
    },
    {
      name: 'a substitution is a text edit of YAML',
      files: { 'install.sh': "#!/bin/sh\nsed -i 's/mqttMode: 0/mqttMode: 2/' /etc/kubeedge/config/edgecore.yaml\n" },
      errors: [{ messageId: 'sedEdit', line: 2, column: 1, message: /^`sed -i` edits \/etc\/kubeedge\/config\/edgecore\.yaml as text/ }],
    },
    {
      name: 'an insert whose landing cannot be known',
      files: { 'install.sh': "#!/bin/sh\nsed -i '/mqttMode: 0/a\\        deep: 1' /etc/kubeedge/config/edgecore.yaml\n" },
      errors: [{ messageId: 'insertUnknown', line: 2, column: 1, message: /^`sed -i` inserts a line into \/etc\/kubeedge\/config\/edgecore\.yaml after the lines matching \/mqttMode: 0\/;/ }],
    },
    {
      name: "the seed's cat >> of a second modules: onto the config keadm join wrote",
      files: { 'install.sh': '#!/bin/bash\ncat >> /etc/kubeedge/config/edgecore.yaml << EOF\nmodules:\n  eventBus:\n    mqttServerExternal: "tcp://127.0.0.1:1883"\nEOF\n' },
      errors: [
        {
          messageId: 'appendDuplicate',
          line: 2,
          column: 1,
          message:
            'This append adds a second top-level `modules:` to /etc/kubeedge/config/edgecore.yaml, which already has one: the file now holds a duplicate key and edgecore keeps only the appended mapping. Merge it instead: put the block in a file (say modules-patch.yaml) and run yq -i \'. *= load("modules-patch.yaml")\' /etc/kubeedge/config/edgecore.yaml.',
        },
      ],
    },
    {
      name: 'an append onto a config the script wrote names the mappings lost',
      files: { 'install.sh': `#!/bin/bash\ncat > /etc/kubeedge/config/edgecore.yaml << 'EOF'\n${EDGECORE}EOF\ntee -a /etc/kubeedge/config/edgecore.yaml << EOF\nmodules:\n  edged:\n    enable: true\nEOF\n` },
      errors: [{ messageId: 'appendDuplicate', line: 14, column: 1, message: /edgecore keeps only the appended mapping, dropping metaManager from the first\./ }],
    },
    {
      name: 'echo >> onto some other YAML file',
      files: { 'install.sh': '#!/bin/sh\necho "retries: 3" >> /etc/app/config.yml\n' },
      errors: [{ messageId: 'append', line: 2, column: 1, message: 'This append adds text to /etc/app/config.yml as lines; an appended block cannot add keys to mappings the file already has and repeats keys it cannot see. Prefer a YAML-aware edit (yq -i) or writing the whole file once.' }],
    },
    {
      name: 'an insert into a linted non-edgecore YAML file says where it lands, nothing about edgecore',
      files: { 'deploy/install.sh': "#!/bin/sh\nsed -i '/^server:/a\\  port: 8080' /opt/app/app.yaml\n", 'deploy/opt/app/app.yaml': 'kind: AppConfig\nserver:\n  host: 0.0.0.0\n' },
      errors: [{ file: 'deploy/install.sh', messageId: 'insertLands', line: 2, column: 1, message: "`sed -i` inserts `port` into /opt/app/app.yaml at server.port; where a line lands depends on indentation and on which lines /…/ happens to match. Prefer a YAML-aware edit: yq -i '.server.port = 8080' /opt/app/app.yaml." }],
    },
  ],
});
