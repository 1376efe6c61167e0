// The raw cursor (src/script/bash-copy.ts RawCursor, issue #13) reads tree-sitter's tree through the
// binding's functions with the cursor kept in the transfer buffer: it must copy exactly what
// web-tree-sitter's own TreeCursor copies (types, named-ness, fields, offsets, the statements the
// copy skips), and leave that TreeCursor usable and deletable after.
import fc from 'fast-check';
import { Language, Parser } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import { RawCursor, copySubtree, isBinding, mayMatter } from '../../src/script/bash-copy.js';
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

// mayMatter looks its words up by runs of word characters instead of one alternation (issue #13): it
// must answer as the alternation did, which this test keeps as the reference.
const MATTERS_AS_ONE_PATTERN =
  /[=|]|<<|>>|\b(?:cat|tee|sed|cp|install|ctr|docker|nerdctl|podman|k3s|import|load|read|mapfile|readarray|getopts|local|export|declare|readonly|typeset|for|kubeedge|keadm|kubeadm|cloudcore|edgecore|mosquitto)\b|^["']?\$/;

describe('mayMatter', () => {
  it.each([
    ['echo done', false],
    ['systemctl restart edgecore', true],
    ['systemctl restart edgecore2', false],
    ['cat_x /etc/hosts', false],
    ['/usr/bin/cat /etc/hosts', true],
    ['echo k3s-agent', true],
    ['echo readme', false],
    ['"$CMD" start', true],
    ['x $CMD', false],
    ['a=b', true],
    ['echo a | wc -l', true],
    ['echo é-tee-é', true],
    ['echo étee', true],
    ['echo teeé', true],
    ['echo tee9', false],
  ])('%s: %s', (statement, expected) => {
    expect(mayMatter(`# before\n${statement}\n`, 9, 9 + statement.length)).toBe(expected);
    expect(MATTERS_AS_ONE_PATTERN.test(statement)).toBe(expected);
  });

  it('answers as the one pattern did on generated statements', () => {
    const piece = fc.oneof(
      fc.constantFrom('cat', 'tee', 'sed', 'k3s', 'readarray', 'read', 'mosquitto', 'edgecore', 'for', 'install', 'Cat', 'tees', 'xcp', '_', '9'),
      fc.constantFrom(' ', '-', '/', '.', '$', '"', "'", '=', '|', '<', '>', 'é', '\t', '\n', '\u212a', 'a', 'Z', '0'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.string({ maxLength: 3 }), (pieces, prefix) => {
        const statement = pieces.join('');
        const text = prefix + statement + prefix;
        expect(mayMatter(text, prefix.length, prefix.length + statement.length)).toBe(MATTERS_AS_ONE_PATTERN.test(statement));
      }),
      { numRuns: 2000 },
    );
  });
});
