/**
 * script/yaml-line-edit on the edgecore.yaml `keadm join` writes (issue #10, miss M-1): with no copy
 * of that file in the repository, its text is keadm's layout for the release (data/keadm-edgecore.json),
 * so an insert of a key keadm already wrote is a second copy of it.
 */
import rule from '../../../rules/script/yaml-line-edit.js';
import { ruleTester } from '../../rule-tester.js';

const CFG = '/etc/kubeedge/config/edgecore.yaml';
/** An edge-node installer: keadm join (line 3), then one sed edit of the file it wrote (line 4). */
const JOIN_THEN = (joinFlags: string, sed: string) => `#!/bin/bash\nset -euo pipefail\nsudo keadm join --cloudcore-ipport=\${CLOUD_IP}:10000 --token="\${TOKEN}" ${joinFlags}\n${sed}\n`;
const EDGED_INSERT = (line: string) => `sudo sed -i "/^  edged:/a\\    ${line}" ${CFG}`;

ruleTester(rule, {
  valid: [
    {
      name: 'keadm join, then a yq edit of the key keadm wrote: one copy, set in place',
      files: { 'install.sh': JOIN_THEN('--kubeedge-version=v1.22.0', `sudo yq -i '.modules.edged.hostnameOverride = strenv(NODE_NAME)' ${CFG}`) },
    },
  ],
  invalid: [
    {
      name: 'keadm join v1.22.0, then a key keadm already wrote inserted right after edged: the later copy, keadm\'s, is the one edgecore reads',
      files: { 'install.sh': JOIN_THEN('--kubeedge-version=v1.22.0', EDGED_INSERT('hostnameOverride: ${NODE_NAME}')) },
      errors: [
        {
          messageId: 'insertDuplicate',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 97,
          message:
            '`sed -i` inserts `hostnameOverride` into /etc/kubeedge/config/edgecore.yaml at modules.edged.hostnameOverride, which the edgecore.yaml keadm join writes already holds: keadm writes the node\'s hostname (or keadm join --edgenode-name) there (KubeEdge 1.22, the release the script\'s `keadm join --kubeedge-version=v1.22.0` installs). The file then has `hostnameOverride` twice in that mapping and edgecore keeps only the later copy, keadm\'s, further down the file; the inserted value is ignored. Change the one key in place with a YAML-aware edit: yq -i ".modules.edged.hostnameOverride = \\"${NODE_NAME}\\"" /etc/kubeedge/config/edgecore.yaml.',
        },
      ],
    },
    {
      name: 'the M-1 insert of nodeIP: keadm leaves nodeIP out (omitempty, never set), so the inserted key is the only one and edgecore reads it',
      files: { 'install.sh': JOIN_THEN('--kubeedge-version=v1.22.0', EDGED_INSERT('nodeIP: ${NODE_IP}')) },
      errors: [
        {
          messageId: 'insertLands',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 85,
          message:
            '`sed -i` inserts `nodeIP` into /etc/kubeedge/config/edgecore.yaml at modules.edged.nodeIP, where edgecore reads it; where a line lands depends on indentation and on which lines /…/ happens to match. Prefer a YAML-aware edit: yq -i ".modules.edged.nodeIP = \\"${NODE_IP}\\"" /etc/kubeedge/config/edgecore.yaml.',
        },
      ],
    },
    {
      name: "a release whose keadm file edgelint does not know (v1.15.0, the M-1 script's): nothing is claimed about a second copy",
      files: { 'install.sh': JOIN_THEN('--kubeedge-version=v1.15.0', EDGED_INSERT('hostnameOverride: ${NODE_NAME}')) },
      errors: [{ messageId: 'insertLands', line: 4, column: 1, endLine: 4, endColumn: 97, message: /^`sed -i` inserts `hostnameOverride` into \/etc\/kubeedge\/config\/edgecore\.yaml at modules\.edged\.hostnameOverride, where edgecore reads it;/ }],
    },
    {
      name: 'kubeedgeVersion 1.17 configured and no release on keadm join: 1.17 is not a release whose keadm file edgelint knows',
      config: { kubeedgeVersion: '1.17' },
      files: { 'install.sh': JOIN_THEN('', EDGED_INSERT('hostnameOverride: ${NODE_NAME}')) },
      errors: [{ messageId: 'insertLands', line: 4, column: 1, endLine: 4, endColumn: 97 }],
    },
    {
      name: 'kubeedgeVersion 1.21 configured and no release on keadm join: the configured release decides the layout',
      config: { kubeedgeVersion: '1.21' },
      files: { 'install.sh': JOIN_THEN('', `sudo sed -i '/^  eventBus:/a\\    mqttMode: 0' ${CFG}`) },
      errors: [{ messageId: 'insertDuplicate', line: 4, column: 1, endLine: 4, endColumn: 81, message: /keadm writes 2 there \(KubeEdge 1\.21, the kubeedgeVersion in \.edgelint\.yaml\)\. .* keeps only the later copy, keadm's, further down the file; the inserted value is ignored\. .*yq -i '\.modules\.eventBus\.mqttMode = 0'/ }],
    },
    {
      name: '--kubeedge-version given as a separate word is no value to keadm (no-option default): the release is assumed',
      files: { 'install.sh': JOIN_THEN('--kubeedge-version v1.22.0', `sudo sed -i '/^  eventBus:/a\\    mqttMode: 0' ${CFG}`) },
      errors: [{ messageId: 'insertDuplicate', line: 4, column: 1, message: /keadm writes 2 there \(KubeEdge 1\.23, assumed: the release the script's keadm join installs is not known here\)\./ }],
    },
    {
      name: "an insert after a key that sorts later: the inserted copy comes last and keadm's is the one ignored",
      files: { 'install.sh': JOIN_THEN('--kubeedge-version=v1.20.1', `sed -i '/maxPods:/a\\      cgroupDriver: systemd' ${CFG}`) },
      errors: [
        {
          messageId: 'insertDuplicate',
          line: 4,
          column: 1,
          endLine: 4,
          endColumn: 84,
          message:
            "`sed -i` inserts `cgroupDriver` into /etc/kubeedge/config/edgecore.yaml at modules.edged.tailoredKubeletConfig.cgroupDriver, which the edgecore.yaml keadm join writes already holds: keadm writes the value of keadm join --cgroupdriver (cgroupfs unless given) there (KubeEdge 1.20, the release the script's `keadm join --kubeedge-version=v1.20.1` installs). The file then has `cgroupDriver` twice in that mapping and edgecore keeps only the later copy, the inserted one, below keadm's; keadm's value is ignored. Change the one key in place with a YAML-aware edit: yq -i '.modules.edged.tailoredKubeletConfig.cgroupDriver = \"systemd\"' /etc/kubeedge/config/edgecore.yaml.",
        },
      ],
    },
    {
      name: "a c command replacing keadm's own line leaves one copy: the insert is judged as before",
      files: { 'install.sh': JOIN_THEN('--kubeedge-version=v1.22.0', `sed -i '/hostnameOverride:/c\\    hostnameOverride: edge-7' ${CFG}`) },
      errors: [{ messageId: 'insertLands', line: 4, column: 1, endLine: 4, endColumn: 94 }],
    },
    {
      name: 'a linted copy of the file is its text, not keadm\'s layout',
      files: { 'edge/install.sh': JOIN_THEN('--kubeedge-version=v1.22.0', EDGED_INSERT('hostnameOverride: ${NODE_NAME}')), 'edge/etc/kubeedge/config/edgecore.yaml': 'apiVersion: edgecore.config.kubeedge.io/v1alpha2\nkind: EdgeCore\nmodules:\n  edged:\n    enable: true\n' },
      errors: [{ file: 'edge/install.sh', messageId: 'insertLands', line: 4, column: 1 }],
    },
    // sweep6 Q-2: a range-addressed substitution of keadm's file is told key by key, where the layout is certain.
    {
      name: 'keadm join v1.19.0, then /metaServer:/,+5{/enable: false/s/false/true/}: it changes metaServer.enable in keadm 1.19\'s layout',
      files: { 'install.sh': JOIN_THEN('--kubeedge-version=v1.19.0', `sudo sed -i '/metaServer:/,+5{/enable: false/s/false/true/}' ${CFG}`) },
      errors: [
        {
          messageId: 'sedKeadm',
          line: 4,
          column: 1,
          message:
            "`sed -i` edits /etc/kubeedge/config/edgecore.yaml as text. On the edgecore.yaml keadm join writes (KubeEdge 1.19, the release the script's `keadm join --kubeedge-version=v1.19.0` installs) it changes modules.metaManager.metaServer.enable from false to true; which lines it changes depends on the order and number of keys there, so a key added or moved near them changes what it edits. Prefer a YAML-aware edit: yq -i '.modules.metaManager.metaServer.enable = true' /etc/kubeedge/config/edgecore.yaml.",
        },
      ],
    },
    {
      // sweep9 Q-2: the join and the edit each run on the node through a double-quoted command string.
      name: 'keadm join inside `multipass exec … bash -c "…"` with a version from a variable set once: its release decides the layout',
      files: {
        'lab.sh': `#!/bin/bash\nKE_VER="1.19.0"\nfor host in edge-a edge-b; do\n  multipass exec "$host" -- bash -c "\n    sudo keadm join --cloudcore-ipport=$MASTER:10000 --kubeedge-version=v\${KE_VER}\n  "\n  multipass exec "$host" -- bash -c "\n    sudo sed -i '/metaServer:/,+5{/enable: false/s/false/true/}' ${CFG}\n  "\ndone\n`,
      },
      errors: [
        {
          messageId: 'sedKeadm',
          line: 8,
          column: 5,
          message: /^`sed -i` edits \/etc\/kubeedge\/config\/edgecore\.yaml as text\. On the edgecore\.yaml keadm join writes \(KubeEdge 1\.19, the release the script's `keadm join --kubeedge-version=v1\.19\.0` installs\) it changes modules\.metaManager\.metaServer\.enable from false to true;/,
        },
      ],
    },
    {
      name: 'a range ending at a regex, and two values changed in one range: each is named, each gets its yq edit',
      files: {
        'install.sh': JOIN_THEN('--kubeedge-version=v1.22.0', `sudo sed -i -e '/edgeStream:/,/enable:/s/false/true/' -e '/edgeStream:/,+3{s/: [0-9][0-9]$/: 60/}' ${CFG}`),
      },
      errors: [
        {
          messageId: 'sedKeadm',
          line: 4,
          column: 1,
          message: /it changes modules\.edgeStream\.enable from false to true, modules\.edgeStream\.handshakeTimeout from 30 to 60, modules\.edgeStream\.readDeadline from 15 to 60; .* yq -i '\.modules\.edgeStream\.enable = true' \/etc\/kubeedge\/config\/edgecore\.yaml && yq -i '\.modules\.edgeStream\.handshakeTimeout = 60' \/etc\/kubeedge\/config\/edgecore\.yaml && yq -i '\.modules\.edgeStream\.readDeadline = 60' \/etc\/kubeedge\/config\/edgecore\.yaml\.$/,
        },
      ],
    },
    {
      name: 'a range over a line keadm join fills from its flags (edgeStream.server): not certain, the general wording stays',
      files: { 'install.sh': JOIN_THEN('--kubeedge-version=v1.19.0', `sudo sed -i '/edgeStream:/,+4{s/: 15$/: 20/}' ${CFG}`) },
      errors: [{ messageId: 'sedEdit', line: 4, column: 1 }],
    },
    {
      name: 'an address naming a leaf (/enable: false/) is tried on lines whose values are not known: the general wording stays',
      files: { 'install.sh': JOIN_THEN('--kubeedge-version=v1.19.0', `sudo sed -i '/enable: false/s/false/true/' ${CFG}`) },
      errors: [{ messageId: 'sedEdit', line: 4, column: 1 }],
    },
    {
      name: 'an edit that renames a key, not a value: the general wording stays',
      files: { 'install.sh': JOIN_THEN('--kubeedge-version=v1.19.0', `sudo sed -i '/edgeStream:/,+1{s/enable:/enabled:/}' ${CFG}`) },
      errors: [{ messageId: 'sedEdit', line: 4, column: 1 }],
    },
  ],
});
