import { describe, expect, it } from 'vitest';
import { imageCommand, imageFile, readDockerfile, targetStage } from '../../src/model/dockerfile-copy.js';

/** Files of the build context edgelint read (broker configs). */
const context = new Set(['mosquitto.conf', 'conf/mosquitto.conf', 'conf/other.conf', 'edge.conf']);
const exists = (path: string) => context.has(path);

const held = (dockerfile: string, path = '/mosquitto/config/mosquitto.conf') => {
  const image = readDockerfile(dockerfile);
  if (!image) return 'no image';
  const file = imageFile(image, path, exists);
  return file.kind === 'context' ? `${file.path} (${file.keyword} at ${dockerfile.slice(0, file.at.start).split('\n').length})` : file.kind;
};

describe('imageFile: what the built image holds at the broker config path', () => {
  it.each([
    ['a COPY to the exact path', 'FROM eclipse-mosquitto:2.0\nCOPY mosquitto.conf /mosquitto/config/mosquitto.conf\n', 'mosquitto.conf (COPY at 2)'],
    ['ADD of a plain file works as COPY', 'FROM eclipse-mosquitto:2.0\nADD edge.conf /mosquitto/config/mosquitto.conf\n', 'edge.conf (ADD at 2)'],
    ['a source with a leading / or ./ is still in the context', 'FROM eclipse-mosquitto:2.0\nCOPY /edge.conf ./conf/other.conf /mosquitto/config/\nCOPY ./edge.conf /mosquitto/config/mosquitto.conf\n', 'edge.conf (COPY at 3)'],
    ['a directory source copies its contents', 'FROM eclipse-mosquitto:2.0\nCOPY conf /mosquitto/config\n', 'conf/mosquitto.conf (COPY at 2)'],
    ['several sources into a directory: the one named like the path', 'FROM eclipse-mosquitto:2.0\nCOPY edge.conf mosquitto.conf /mosquitto/config/\n', 'mosquitto.conf (COPY at 2)'],
    ['several sources into a directory: a file source named otherwise lands beside it', 'FROM eclipse-mosquitto:2.0\nCOPY mosquitto.conf edge.conf /mosquitto/config/\n', 'mosquitto.conf (COPY at 2)'],
    ['WORKDIR joins relative paths and a relative destination', 'FROM eclipse-mosquitto:2.0\nWORKDIR /mosquitto\nWORKDIR config\nCOPY edge.conf mosquitto.conf\n', 'edge.conf (COPY at 4)'],
    ['flags before the sources', 'FROM eclipse-mosquitto:2.0\nCOPY --chown=mosquitto:mosquitto --chmod=0644 --link edge.conf /mosquitto/config/mosquitto.conf\n', 'edge.conf (COPY at 2)'],
    ['a later COPY wins', 'FROM eclipse-mosquitto:2.0\nCOPY edge.conf /mosquitto/config/mosquitto.conf\nCOPY mosquitto.conf /mosquitto/config/\n', 'mosquitto.conf (COPY at 3)'],
    ['a continued line and a comment inside it', 'FROM eclipse-mosquitto:2.0\nCOPY edge.conf \\\n# the broker\n  /mosquitto/config/mosquitto.conf\n', 'edge.conf (COPY at 2)'],
    ['an escape directive', '# escape=`\nFROM eclipse-mosquitto:2.0\nCOPY edge.conf `\n  /mosquitto/config/mosquitto.conf\n', 'edge.conf (COPY at 3)'],
    ['COPY --from an earlier stage by name', 'FROM alpine:3.20 AS conf\nCOPY edge.conf /out/\nFROM eclipse-mosquitto:2.0\nCOPY --from=conf /out/edge.conf /mosquitto/config/mosquitto.conf\n', 'edge.conf (COPY at 2)'],
    ['COPY --from an earlier stage by index', 'FROM alpine:3.20\nWORKDIR /out\nCOPY conf .\nFROM eclipse-mosquitto:2.0\nCOPY --from=0 /out/ /mosquitto/config/\n', 'conf/mosquitto.conf (COPY at 3)'],
    ['a final stage continuing a stage that copied it', 'FROM eclipse-mosquitto:2.0 AS base\nCOPY edge.conf /mosquitto/config/mosquitto.conf\nFROM base\nEXPOSE 1883\n', 'edge.conf (COPY at 2)'],
    ['only RUN, COPY and ADD take heredocs', 'FROM eclipse-mosquitto:2.0\nLABEL note=<<EOF\nCOPY edge.conf /mosquitto/config/mosquitto.conf\n', 'edge.conf (COPY at 3)'],
    ['a heredoc body is not read as instructions', 'FROM eclipse-mosquitto:2.0\nRUN <<EOF\nCOPY x /mosquitto/config/mosquitto.conf\nEOF\nCOPY edge.conf /mosquitto/config/mosquitto.conf\n', 'edge.conf (COPY at 5)'],
  ])('%s', (_name, dockerfile, expected) => {
    expect(held(dockerfile)).toBe(expected);
  });

  it.each([
    ['no COPY reaches the path', 'FROM eclipse-mosquitto:2.0\nCOPY edge.conf /etc/edge/\nCOPY conf/ /srv/\n', 'base'],
    ['a destination without / over an existing directory (docker copies into it): not claimed', 'FROM eclipse-mosquitto:2.0\nCOPY mosquitto.conf /mosquitto/config\n', 'unknown'],
    ['a COPY in an earlier stage not carried by --from', 'FROM eclipse-mosquitto:2.0 AS dev\nCOPY edge.conf /mosquitto/config/mosquitto.conf\nFROM eclipse-mosquitto:2.0\n', 'base'],
    ['a RUN naming the file after the COPY', 'FROM eclipse-mosquitto:2.0\nCOPY edge.conf /mosquitto/config/mosquitto.conf\nRUN sed -i s/false/true/ /mosquitto/config/mosquitto.conf\n', 'unknown'],
    ['a RUN before the COPY does not matter', 'FROM eclipse-mosquitto:2.0\nRUN touch /mosquitto/config/mosquitto.conf\nCOPY edge.conf /mosquitto/config/mosquitto.conf\n', 'edge.conf (COPY at 3)'],
    ['a wildcard source', 'FROM eclipse-mosquitto:2.0\nCOPY *.conf /mosquitto/config/\n', 'unknown'],
    ['a variable destination', 'FROM eclipse-mosquitto:2.0\nARG DIR=/mosquitto/config\nCOPY edge.conf $DIR/mosquitto.conf\n', 'unknown'],
    ['a relative destination under the base image\'s WORKDIR', 'FROM eclipse-mosquitto:2.0\nCOPY edge.conf mosquitto/config/mosquitto.conf\n', 'unknown'],
    ['a relative destination under the base image\'s WORKDIR that cannot reach the path', 'FROM eclipse-mosquitto:2.0\nCOPY edge.conf broker.conf\n', 'base'],
    ['ADD of a URL', 'FROM eclipse-mosquitto:2.0\nADD https://example.org/mosquitto.conf /mosquitto/config/\n', 'unknown'],
    ['ADD of an archive', 'FROM eclipse-mosquitto:2.0\nADD conf.tar.gz /mosquitto/config/\n', 'unknown'],
    ['a heredoc COPY', 'FROM eclipse-mosquitto:2.0\nCOPY <<EOF /mosquitto/config/mosquitto.conf\nlistener 1883\nEOF\n', 'unknown'],
    ['COPY --from another image', 'FROM eclipse-mosquitto:2.0\nCOPY --from=example.org/conf:1 /mosquitto.conf /mosquitto/config/\n', 'unknown'],
    ['COPY --parents', 'FROM eclipse-mosquitto:2.0\nCOPY --parents conf/mosquitto.conf /mosquitto/config/\n', 'unknown'],
    ['a source edgelint did not read', 'FROM eclipse-mosquitto:2.0\nCOPY generated.conf /mosquitto/config/mosquitto.conf\n', 'unknown'],
    ['a directory source without the file', 'FROM eclipse-mosquitto:2.0\nCOPY certs/ /mosquitto/config/\n', 'unknown'],
  ])('%s', (_name, dockerfile, expected) => {
    expect(held(dockerfile)).toBe(expected);
  });

  it('a chain of 3,000 stages each copying the one before is followed a bounded depth, then unknown', () => {
    const stages = Array.from({ length: 3000 }, (_, i) => `FROM alpine:3.20 AS s${i}\nCOPY --from=s${i - 1} / /\nCOPY --from=s${i - 1} /mosquitto/ /mosquitto/\n`);
    const text = `FROM alpine:3.20 AS s-1\nCOPY edge.conf /mosquitto/config/mosquitto.conf\n${stages.join('')}FROM eclipse-mosquitto:2.0\nCOPY --from=s2999 /mosquitto/config/ /mosquitto/config/\n`;
    expect(held(text)).toBe('unknown');
    // A short chain is followed to its end.
    expect(held(`FROM alpine:3.20 AS s-1\nCOPY edge.conf /mosquitto/config/mosquitto.conf\n${stages.slice(0, 5).join('')}FROM eclipse-mosquitto:2.0\nCOPY --from=s4 /mosquitto/config/ /mosquitto/config/\n`)).toBe('edge.conf (COPY at 2)');
  });

  it('a hostile Dockerfile is not read', () => {
    expect(readDockerfile(`FROM eclipse-mosquitto:2.0\n${'#'.repeat(1 << 20)}\n`)).toBeUndefined();
  });
});

describe('imageCommand', () => {
  it.each([
    ['none set: the base image\'s', 'FROM eclipse-mosquitto:2.0\n', { entrypoint: undefined, cmd: undefined }],
    ['exec-form CMD', 'FROM eclipse-mosquitto:2.0\nCMD ["mosquitto", "-c", "/etc/b.conf"]\n', { entrypoint: undefined, cmd: ['mosquitto', '-c', '/etc/b.conf'] }],
    ['a plain shell-form CMD', 'FROM eclipse-mosquitto:2.0\nCMD mosquitto -c /etc/b.conf\n', { entrypoint: undefined, cmd: ['mosquitto', '-c', '/etc/b.conf'] }],
    ['a shell-form CMD with shell syntax', 'FROM eclipse-mosquitto:2.0\nCMD mosquitto -c "$CONF"\n', { entrypoint: undefined, cmd: 'unknown' }],
    ['ENTRYPOINT resets the inherited CMD', 'FROM eclipse-mosquitto:2.0 AS a\nCMD ["x"]\nFROM a\nENTRYPOINT ["mosquitto"]\n', { entrypoint: ['mosquitto'], cmd: [] }],
    ['ENTRYPOINT keeps a CMD the stage set', 'FROM eclipse-mosquitto:2.0\nCMD ["-c", "/b.conf"]\nENTRYPOINT ["mosquitto"]\n', { entrypoint: ['mosquitto'], cmd: ['-c', '/b.conf'] }],
  ])('%s', (_name, dockerfile, expected) => {
    expect(imageCommand(readDockerfile(dockerfile)!)).toEqual(expected);
  });
});

describe('targetStage', () => {
  const image = readDockerfile('FROM eclipse-mosquitto:2.0 AS broker\nFROM broker AS Tuned\nFROM node:20\n')!;
  it.each([
    ['no target: the last stage', undefined, 2],
    ['a target by name, any case', 'TUNED', 1],
    ['a target no stage has', 'ui', undefined],
  ])('%s', (_name, target, expected) => {
    expect(targetStage(image, target)).toBe(expected);
  });

  it('a stage continuing another starts from its image', () => {
    expect(image.stages.map((s) => s.base)).toEqual(['eclipse-mosquitto:2.0', 'eclipse-mosquitto:2.0', 'node:20']);
  });
});
