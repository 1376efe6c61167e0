/**
 * The shell parser's two backends (src/script/bash-backend.ts): node-tree-sitter's native addon and
 * web-tree-sitter's WebAssembly, both running tree-sitter-bash, must convert every script to the same
 * tree (every node, every UTF-16 offset) and describe a syntax error at the same place in the same
 * words. Scripts: every shell script in this repository, the bench's generated 1,000-line installer,
 * and generated ones (installer fragments with CRLF, non-ASCII and astral text, and arbitrary text).
 *
 * The native addon must load here: this repository's `npm ci` installs it (a prebuilt addon, or one
 * compiled at install where the prebuilt one does not load). The rest of the suite runs on whichever
 * backend a user's run would choose; EDGELINT_TEST_SHELL_BACKEND=wasm (test/setup.ts) runs it on the other.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveSpan, SourceFile } from '../../src/core/source.js';
import type { BashBackend } from '../../src/script/bash-backend.js';
import { loadNativeBackend } from '../../src/script/bash-native-backend.js';
import { parseWithBackend, type TreeSitterOutcome } from '../../src/script/bash-parser.js';
import { loadWasmBackend } from '../../src/script/bash-wasm-backend.js';
import { normalizeLineEnds, replaceLoneSurrogates } from '../../src/script/line-ends.js';
// @ts-expect-error: a plain ES module of the bench, without types
import { generateInstaller } from '../../scripts/bench/gen-installer.mjs';

const ROOT = join(import.meta.dirname, '../..');

let native: BashBackend;
let wasm: BashBackend;

beforeAll(async () => {
  const loaded = loadNativeBackend();
  if (!loaded) throw new Error('the native tree-sitter backend does not load here: run `npm ci` (it compiles the addon where the prebuilt one needs a newer libstdc++)');
  native = loaded;
  wasm = await loadWasmBackend();
});

/** An outcome as plain data: the converted tree and the reader's statement list, or the error. */
function plain(outcome: TreeSitterOutcome): unknown {
  if (!outcome.ok) return outcome;
  const nodes: unknown[] = [];
  outcome.script.walk(outcome.script.file, (node) => nodes.push(node));
  return { file: outcome.script.file, nodes };
}

function parseBoth(text: string): { native: TreeSitterOutcome; wasm: TreeSitterOutcome } {
  const { normalized, normToScript } = normalizeLineEnds(text);
  const wellFormed = replaceLoneSurrogates(normalized);
  return { native: parseWithBackend(native, wellFormed, normToScript), wasm: parseWithBackend(wasm, wellFormed, normToScript) };
}

function expectSame(text: string): TreeSitterOutcome {
  const both = parseBoth(text);
  expect(plain(both.native)).toEqual(plain(both.wasm));
  return both.native;
}

/** Every file under `dir` whose name or first line says shell. */
function shellScripts(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (/\.(sh|bash)$/.test(entry.name) || /^#!\s*\/(usr\/)?bin\/(env\s+)?(ba)?sh\b/.test(readFileSync(path, 'utf8').slice(0, 40))) found.push(path);
  }
  return found;
}

describe('the native and WebAssembly shell parsers', () => {
  it('load here, and are two different backends', () => {
    expect([native.name, wasm.name]).toEqual(['native', 'wasm']);
  });

  it('convert every shell script of this repository alike', () => {
    const scripts = ['examples', 'test/fixtures', 'test/deployments'].flatMap((dir) => shellScripts(join(ROOT, dir)));
    expect(scripts.length).toBeGreaterThan(10);
    let parsed = 0;
    for (const script of scripts) {
      if (expectSame(readFileSync(script, 'utf8')).ok) parsed++;
    }
    expect(parsed).toBeGreaterThan(10);
  });

  it('convert the bench’s generated 1,000-line installer alike', () => {
    const text = generateInstaller({ lines: 1000, seed: 13 }) as string;
    expect(expectSame(text).ok).toBe(true);
  });

  it('count offsets in UTF-16 code units, as edgelint’s line/column do', () => {
    const text = 'docker load -i "é 😀" 配置\ncat > /etc/x.yaml <<EOF\nk: 𝄞\nEOF\n';
    const outcome = expectSame(text);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const source = new SourceFile('a.sh', text, 'shell');
    const span = (node: { Pos(): { Offset(): number }; End(): { Offset(): number } }) => {
      const r = resolveSpan({ source, start: outcome.script.offset(node.Pos()), end: outcome.script.offset(node.End()) });
      return [r.line, r.column, r.endLine, r.endColumn];
    };
    // `配置` follows é and 😀: column 23 counts UTF-16 units (UTF-8 bytes would make it 27).
    const call = outcome.script.file.Stmts[0]!.Cmd as unknown as { Args: Array<{ Pos(): { Offset(): number }; End(): { Offset(): number } }> };
    expect(span(call.Args[4]!)).toEqual([1, 23, 1, 25]);
    expect(span(outcome.script.file.Stmts[1]!)).toEqual([2, 1, 4, 4]);
  });

  const fragment = fc.constantFrom(
    'cat > /etc/a.yaml <<EOF',
    "cat >> /etc/b.conf <<-'X'",
    'cat <<"EOF" | sudo tee /etc/c.service >/dev/null',
    'k: ${V} $(echo "a b") `date`',
    '\tindented: \\$x \\',
    '  配置: 值 𝄞 é',
    'EOF',
    '\tX',
    'X',
    'CFG=/etc/kubeedge/config/edgecore.yaml',
    'local dir="/etc/kubeedge/config"',
    'ctr -n k8s.io images import /opt/images/app-1.2.tar',
    'docker load -i "$TAR" && echo ok || exit 1',
    'sudo keadm join --cloudcore-ipport=10.0.0.1:10000 --kubeedge-version=${KE_VERSION:-v1.22.0}',
    "sed -i '/edged:/a\\    clusterDNS: 169.254.96.16' \"$CFG\"",
    'echo "  mqttMode: 2" | tee -a /etc/e.yaml',
    'if [ -f "$CFG" ]; then',
    'elif ! command -v ctr; then',
    'fi',
    'case "$A" in a|b) X=1 ;; *) ;; esac',
    'f() {',
    '}',
    'for f in a b; do echo "$f" > "/tmp/$f"; done',
    'declare -a NODES=(edge-1 edge-2)',
    '( cd /tmp && cp a.conf /etc/mosquitto/ )',
    'echo "unterminated',
    '# cat > /etc/x <<EOF',
  );

  it('convert generated installers alike, and describe their errors alike', () => {
    let ok = 0;
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        if (expectSame(lines.join(eol) + eol).ok) ok++;
      }),
      { numRuns: 300 },
    );
    // Both outcomes must occur, or the property compares only one kind.
    expect(ok).toBeGreaterThan(50);
    expect(ok).toBeLessThan(300);
  });

  it('agree on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expectSame(text);
      }),
      { numRuns: 300 },
    );
  });
});
