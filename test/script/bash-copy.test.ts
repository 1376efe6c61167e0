// The raw cursor (src/script/bash-copy.ts RawCursor, issue #13) reads tree-sitter's tree through the
// binding's functions with the cursor kept in the transfer buffer: it must copy exactly what
// web-tree-sitter's own TreeCursor copies (types, named-ness, fields, offsets, the statements the
// copy skips), and leave that TreeCursor usable and deletable after.
import { Language, Parser } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import { RawCursor, copySubtree, isBinding } from '../../src/script/bash-copy.js';
import { loadBashWasm } from '../../src/script/bash-wasm.js';

const SCRIPT = [
  '#!/bin/bash',
  'set -euo pipefail',
  'VERSION="${1:-v1.19.0}"; export PATH=$PATH:/usr/local/bin',
  'cat > /etc/kubeedge/config/edgecore.yaml <<EOF',
  'modules:',
  '  edged:',
  '    hostnameOverride: $(hostname)',
  'EOF',
  'if [ -f /etc/mosquitto/mosquitto.conf ]; then',
  "  sed -i 's/^listener 1883$/listener 1883 127.0.0.1/' /etc/mosquitto/mosquitto.conf",
  'elif ! command -v ctr >/dev/null 2>&1; then echo "no ctr" >&2; exit 1',
  'fi',
  'for image in /opt/images/*.tar; do ctr -n k8s.io images import "$image" || docker load -i "$image"; done',
  'case "$ARCH" in amd64|x86_64) ARCH=amd64 ;; *) echo unsupported; exit 2 ;; esac',
  'install_unit() { local unit=/etc/systemd/system/$1.service; tee "$unit" >/dev/null <<-\'X\'',
  '\t[Service]',
  '\tExecStart=/usr/local/bin/edgecore',
  'X',
  '}',
  'declare -a NODES=(edge-1 edge-2) # nodes',
  'while read -r line; do keadm join --kubeedge-version="$VERSION" --cloudcore-ipport="$line"; done < hosts.txt',
  '(cd /tmp && echo sub) | tee -a /var/log/install.log',
  'echo done',
  '',
].join('\n');

describe('RawCursor', () => {
  it('copies the tree as web-tree-sitter’s TreeCursor does, and hands the cursor back', async () => {
    const wasm = await loadBashWasm();
    const module = { wasmBinary: wasm.runtime };
    await Parser.init(module);
    expect(isBinding(module)).toBe(true);
    if (!isBinding(module)) return;
    const parser = new Parser();
    parser.setLanguage(await Language.load(wasm.bash));
    const tree = parser.parse(SCRIPT)!;
    expect(tree.rootNode.hasError).toBe(false);

    const viaTreeCursor = tree.walk();
    const expected = copySubtree(viaTreeCursor, null, SCRIPT);
    viaTreeCursor.delete();

    const cursor = tree.walk();
    const raw = RawCursor.open(module, tree, cursor);
    const copied = copySubtree(raw, null, SCRIPT);
    raw.close(cursor);
    expect(copied).toEqual(expected);
    expect(JSON.stringify(copied)).toContain('"field":"name"');
    expect(copied.children.length).toBeGreaterThan(10);
    // The TreeCursor reads on from where the raw walk left it (the root), and is freed as usual.
    expect(cursor.nodeType).toBe('program');
    expect(cursor.gotoFirstChild()).toBe(true);
    expect(cursor.nodeType).toBe('comment');
    cursor.delete();
    tree.delete();
  });
});
