/**
 * Each parser on its own, with generated input: it returns (never throws) and every span it hands out
 * lies inside the text it was given, so the engine can always turn it into a line and column.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceFile, located, span } from '../../src/core/source.js';
import type { Span } from '../../src/core/source.js';
import { decodeBytes } from '../../src/engine/read.js';
import { classify } from '../../src/engine/classify.js';
import { parseImageRef, imageFromTarballName } from '../../src/model/image-ref.js';
import { parseContainerInvocation, parseImageImport } from '../../src/parse/command-line.js';
import { parseMosquittoConf } from '../../src/parse/mosquitto.js';
import { mergeUnit } from '../../src/parse/systemd.js';
import { parseEnvironment, splitCommandLines } from '../../src/parse/systemd-settings.js';
import { yamlDocuments } from '../../src/parse/yaml.js';
import { findDuplicateKeys } from '../../src/parse/yaml-duplicate-keys.js';
import type { ParseProblem } from '../../src/core/problem.js';
import { readShellScript, virtualFilesOf } from '../../src/script/read-script.js';
import { KIND_PATHS, anyBytes, anyText, mutate, mutation, shapedText } from './arbitraries.js';

const RUNS = 200;

function expectInside(source: SourceFile, s: Span, what: string): void {
  expect(s.start >= 0 && s.start <= s.end && s.end <= source.text.length, `${what} span [${s.start}, ${s.end}) outside 0..${source.text.length}`).toBe(true);
}

function expectProblemsInside(source: SourceFile, problems: ParseProblem[]): void {
  for (const p of problems) {
    expect(typeof p.message).toBe('string');
    expectInside(p.span.source, p.span, p.message);
  }
  void source;
}

const textFor = (path: (typeof KIND_PATHS)[number]) => fc.oneof(anyText, fc.tuple(shapedText[path], fc.array(mutation, { maxLength: 3 })).map(([t, m]) => mutate(t, m)));

describe('parsers never throw and keep spans inside their text', () => {
  it('decodeBytes: any bytes give text or a located problem', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        const result = decodeBytes(bytes);
        expect(typeof result.text).toBe('string');
        if (!result.ok) expect(result.offset >= 0 && result.offset <= result.text.length).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('classify: any name and text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), anyText, (path, text) => void classify(path, text)), { numRuns: 500 });
  });

  it('YAML: documents, duplicate keys', () => {
    fc.assert(
      fc.property(textFor('deploy.yaml'), (text) => {
        const source = new SourceFile('a.yaml', text, 'yaml');
        const problems: ParseProblem[] = [];
        for (const { doc } of yamlDocuments(source, problems)) {
          for (const hit of findDuplicateKeys(source, doc)) {
            expectInside(source, hit.first, 'duplicate key (first)');
            expectInside(source, hit.second, 'duplicate key (second)');
          }
        }
        expectProblemsInside(source, problems);
      }),
      { numRuns: RUNS },
    );
  });

  it('systemd: unit files, drop-ins, command lines, Environment=', () => {
    fc.assert(
      fc.property(textFor('broker.service'), textFor('broker.service'), (main, dropIn) => {
        const unit = mergeUnit('broker.service', new SourceFile('broker.service', main, 'systemd'), [new SourceFile('broker.service.d/override.conf', dropIn, 'systemd')]);
        expectProblemsInside(unit.source, unit.problems);
        for (const entry of unit.entries) {
          expectInside(entry.source, entry.span, 'entry');
          const { commands, problems } = splitCommandLines(entry);
          expectProblemsInside(entry.source, problems);
          for (const command of commands) for (const word of command.argv) expectInside(entry.source, word.span, 'argv word');
          const env = parseEnvironment(entry);
          expectProblemsInside(entry.source, env.problems);
          for (const a of env.assignments) expectInside(entry.source, a.value.span, 'environment value');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('mosquitto.conf', () => {
    fc.assert(
      fc.property(textFor('mosquitto.conf'), (text) => {
        const source = new SourceFile('mosquitto.conf', text, 'mosquitto');
        const conf = parseMosquittoConf(source);
        expectProblemsInside(source, conf.problems);
      }),
      { numRuns: RUNS },
    );
  });

  it('container command lines and image references', () => {
    const word = fc.oneof(
      fc.constantFrom('docker', 'run', 'ctr', 'nerdctl', 'podman', 'images', 'import', 'load', '-i', 'run', '-d', '--rm', '--net-host', '--net=host', '--network', 'host', '-p', '--publish', '1883:1883', '127.0.0.1:8883:8883/tcp', ':::1', '-c', '--name', 'eclipse-mosquitto:2.0', 'docker.io/eclipse-mosquitto:1.6.15', 'x.tar', '--'),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => {
        const text = words.join(' ');
        const source = new SourceFile('x.service', text, 'systemd');
        let at = 0;
        const argv = words.map((w) => {
          const l = located(w, span(source, at, at + w.length));
          at += w.length + 1;
          return l;
        });
        parseContainerInvocation(argv);
        parseImageImport(argv);
        for (const w of words) {
          parseImageRef(w);
          imageFromTarballName(w);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('shell scripts and the files their heredocs write', async () => {
    await fc.assert(
      fc.asyncProperty(textFor('install.sh'), async (text) => {
        const source = new SourceFile('install.sh', text, 'shell');
        const reading = await readShellScript(source);
        expectProblemsInside(source, reading.problems);
        for (const file of virtualFilesOf(source, reading, (path) => (path.endsWith('.yaml') ? 'yaml' : 'unknown'))) {
          for (const offset of [0, file.text.length]) {
            const root = file.rootOffset(offset);
            expect(root >= 0 && root <= text.length, `heredoc offset ${offset} maps to ${root}, outside the script`).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
