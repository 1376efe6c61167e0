/**
 * The fast parser (tree-sitter-bash, converted to mvdan/sh's tree shape) and the exact one (mvdan/sh)
 * must give the same reading of any script the fast one parses cleanly: same writes with the same
 * text and the same mapping of every character back to the script, same imports, same line edits,
 * at the same spans. Scripts are generated from installer fragments, including CRLF line ends,
 * non-ASCII text, `<<-` bodies, quoted and unquoted delimiters and backslash-newline joins.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile, resolveSpan } from '../../src/core/source.js';
import type { Span } from '../../src/core/source.js';
import { parseWithTreeSitter } from '../../src/script/bash-parser.js';
import { normalizeLineEnds, replaceLoneSurrogates } from '../../src/script/line-ends.js';
import { parseWithMvdan } from '../../src/script/mvdan-parser.js';
import type { ScriptReading } from '../../src/script/reading.js';
import { emptyReading } from '../../src/script/reading.js';
import { ScriptReader } from '../../src/script/script-reader.js';

type Parse = typeof parseWithMvdan;

async function readWith(parse: Parse, text: string): Promise<ScriptReading | undefined> {
  const source = new SourceFile('g.sh', text, 'shell');
  const { normalized, normToScript } = normalizeLineEnds(text);
  const outcome = await parse(replaceLoneSurrogates(normalized), normToScript);
  if (!outcome.ok) return undefined;
  const reading: ScriptReading = emptyReading();
  new ScriptReader(source, outcome.script, reading).read();
  return reading;
}

const at = (s: Span): string => {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
};

/** Everything a reading says, positions as line:column, heredoc text with each character's script offset. */
function summary(reading: ScriptReading): unknown {
  return {
    writes: reading.writes.map((w) => ({
      path: w.path,
      mode: w.mode,
      quoted: w.quoted,
      text: w.text,
      span: at(w.span),
      map: Array.from({ length: w.text.length + 1 }, (_, i) => w.toScriptOffset(i)),
      expansions: w.expansions,
    })),
    substitutions: reading.substitutions.map((s) => [s.path, s.pattern, s.extended, at(s.span)]),
    imports: reading.imports.map((i) => [i.runtime, i.tarball.value, at(i.tarball.span), at(i.span)]),
    keadmJoins: reading.keadmJoins.map((j) => [j.version?.value, j.version && at(j.version.span), at(j.span)]),
    edits: reading.yamlEdits.map((e) => [e.tool, e.target.value, at(e.target.span), at(e.span), e.appended, e.sed && { ...e.sed, script: [e.sed.script.value, at(e.sed.script.span)] }]),
  };
}

const line = fc.constantFrom(
  'cat > /etc/a.yaml <<EOF',
  "cat >> /etc/b.conf <<-'X'",
  'cat <<"EOF" | sudo tee /etc/c.service >/dev/null',
  'tee -a /c.yml <<EOF',
  'kubectl apply -f - <<EOF',
  'cat - <<EOF | kubectl create -f -',
  'k: ${V} $(echo "a b")',
  '\tindented: \\$x \\',
  '  配置: 值 𝄞',
  'EOF',
  '\tX',
  'X',
  'CFG=/etc/kubeedge/config/edgecore.yaml',
  'local dir="/etc/kubeedge/config"',
  'ctr -n k8s.io images import /opt/images/app-1.2.tar',
  'docker load -i "$TAR"',
  'TAR=./images/mosquitto-2.0.18.tar',
  'sudo keadm join --cloudcore-ipport=10.0.0.1:10000 --kubeedge-version=${KE_VERSION}',
  'KE_VERSION=v1.22.0',
  "sed -i '/edged:/a\\    clusterDNS: 169.254.96.16' \"$CFG\"",
  'sed -i "s|IMAGE_PLACEHOLDER|${IMAGE}|g" "$dir/app.yaml"',
  'echo "  mqttMode: 2" | tee -a /etc/e.yaml',
  'sed -i /^$/d $CFG',
  'grep -v x$ /etc/e.yaml | sed s/a$/b/ > /etc/f.yaml',
  'echo x >> "${dir}/edgecore.yaml"',
  'if [ -f "$CFG" ]; then',
  'fi',
  'install() {',
  '}',
  'for f in a b; do echo "$f"; done',
  'systemctl enable --now edgecore',
  '# a comment with cat > /etc/x <<EOF',
);

describe('tree-sitter and mvdan/sh read scripts alike', () => {
  it('gives the same reading for generated installers (when tree-sitter parses them cleanly)', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 16 }), fc.constantFrom('\n', '\r\n'), async (lines, eol) => {
        const text = lines.join(eol) + eol;
        const fast = await readWith(parseWithTreeSitter, text);
        if (!fast) return;
        const exact = await readWith(parseWithMvdan, text);
        if (!exact) return;
        compared++;
        expect(summary(fast)).toEqual(summary(exact));
      }),
      { numRuns: 100, seed: 13 },
    );
    // The generator must actually produce comparable scripts, or the property proves nothing.
    expect(compared).toBeGreaterThan(20);
  });

  it('never throws and keeps heredoc maps inside the script, for arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        const reading = await readWith(parseWithTreeSitter, text);
        for (const write of reading?.writes ?? []) {
          for (let i = 0; i <= write.text.length; i++) {
            const o = write.toScriptOffset(i);
            expect(o).toBeGreaterThanOrEqual(0);
            expect(o).toBeLessThanOrEqual(text.length);
          }
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
