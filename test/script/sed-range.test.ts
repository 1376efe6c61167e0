import { describe, expect, it } from 'vitest';
import { layoutValueChanges, parseSubstitutionProgram, runSubstitutionProgram } from '../../src/script/sed-range.js';
import type { RenderedLayout } from '../../src/script/sed-range.js';

/** A keadm-like layout: sorted keys, two spaces per level. Lines are 0-based in the results. */
const TEXT = [
  'modules:', //                       0
  '  edgeStream:', //                  1
  '    enable: false', //              2
  '    handshakeTimeout: 30', //       3
  '    server: "CLOUDCORE-HOST"', //   4
  '  metaManager:', //                 5
  '    metaServer:', //                6
  '      apiAudiences: []', //         7
  '      enable: false', //            8
  '      server: 127.0.0.1:10550', //  9
  '  stream:', //                      10
  '    enable: false', //              11
  '',
].join('\n');

const run = (script: string, extended = false) => {
  const program = parseSubstitutionProgram(script, extended);
  if (!program) return undefined;
  const result = runSubstitutionProgram(program, TEXT);
  return result?.changed.map((line) => `${line}:${result.lines[line]}`);
};

describe('runSubstitutionProgram: GNU sed ranges and blocks on a known text', () => {
  it.each([
    ['a +N range with a block and an inner address', '/metaServer:/,+2{/enable: false/s/false/true/}', ['8:      enable: true']],
    ['+N counts from the first line: +1 stops before the key it would need', '/metaServer:/,+1{s/false/true/}', []],
    ['a range ending at a regex includes the line that ends it', '/edgeStream:/,/handshakeTimeout:/s/[0-9][0-9]/60/', ['3:    handshakeTimeout: 60']],
    ['a range restarts at the next line its first address matches', '/enable:/,+0s/false/true/', ['2:    enable: true', '8:      enable: true', '11:    enable: true']],
    ['& and a group in the replacement', String.raw`/edgeStream:/,+1s/\(enable\): false/\1: &/`, ['2:    enable: enable: false']],
    ['the g flag replaces every match on the line; without it, the first', '/handshakeTimeout:/{s/0/9/;s/3/4/g}', ['3:    handshakeTimeout: 49']],
    // GNU sed does not take an empty match right where the previous match ended (JavaScript's replace does: `3xx`).
    ['with g, an empty match right after a match is not replaced again', '/handshakeTimeout:/s/0*/x/g', ['3:x x x x xhxaxnxdxsxhxaxkxexTxixmxexoxuxtx:x x3x']],
    ['the I flag matches case-insensitively', '/stream:/,+1s/FALSE/true/I', ['11:    enable: true']],
    ['a line number and $ address lines', '3s/false/no/;$s/false/off/', ['2:    enable: no', '11:    enable: off']],
    ['an ERE with -E', '/metaServer:/,+2s/(enable): (false)/\\1: true/', ['8:      enable: true']],
  ])('%s', (_name, script, changed) => {
    expect(run(script, _name.includes('-E'))).toEqual(changed);
  });

  it.each([
    ['another command in the script', '/metaServer:/,+2{s/false/true/;p}'],
    ['a negated address', '/metaServer:/!s/false/true/'],
    ['a 0,/re/ address', '0,/enable:/s/false/true/'],
    ['a step address', '1~2s/false/true/'],
    ['a nested block', '/modules:/,+3{/edgeStream:/,+1{s/false/true/}}'],
    ['a newline in the replacement', String.raw`/edgeStream:/,+1s/false/true\nx/`],
    ['case conversion in the replacement', String.raw`/edgeStream:/,+1s/false/\U&/`],
    ['a group the regex does not have', String.raw`/edgeStream:/,+1s/false/\1/`],
    ['a flag other than g and I', '/edgeStream:/,+1s/false/true/2'],
    ['an empty regex (the last one used)', '/edgeStream:/,+1s//true/'],
    ['a quantified group (backtracking not bounded)', String.raw`/edgeStream:/,+1s/\(a*\)*b/x/`],
    ['three quantifiers', '/edgeStream:/,+1s/.*a.*b.*c/x/'],
    ['an unclosed block', '/edgeStream:/,+1{s/false/true/'],
  ])('reads no program from %s', (_name, script) => {
    expect(parseSubstitutionProgram(script, false)).toBeUndefined();
  });
});

describe('layoutValueChanges: only what is certain on a rendered layout', () => {
  const lines = TEXT.split('\n');
  const paths = ['modules', 'modules.edgeStream', 'modules.edgeStream.enable', 'modules.edgeStream.handshakeTimeout', 'modules.edgeStream.server', 'modules.metaManager', 'modules.metaManager.metaServer', 'modules.metaManager.metaServer.apiAudiences', 'modules.metaManager.metaServer.enable', 'modules.metaManager.metaServer.server', 'modules.stream', 'modules.stream.enable'];
  const layout: RenderedLayout = {
    text: TEXT,
    pathOfLine: (line) => paths[line],
    // edgeStream.server is filled in by keadm join: its text here is a description.
    unknownLines: new Set([4]),
    otherSpellings: new Map([[7, '      apiAudiences: null']]),
  };
  expect(lines).toHaveLength(13);

  it.each([
    ['a block under a mapping key', '/metaServer:/,+2{/enable: false/s/false/true/}', [{ path: ['modules', 'metaManager', 'metaServer', 'enable'], from: 'false', to: 'true' }]],
    ['two values in one range', '/edgeStream:/,+2{s/false/true/;s/30/60/}', [{ path: ['modules', 'edgeStream', 'enable'], from: 'false', to: 'true' }, { path: ['modules', 'edgeStream', 'handshakeTimeout'], from: '30', to: '60' }]],
    ['an anchored, indented key address', '/^  edgeStream:/,+1s/false/true/', [{ path: ['modules', 'edgeStream', 'enable'], from: 'false', to: 'true' }]],
  ])('tells %s', (_name, script, changes) => {
    expect(layoutValueChanges(layout, script, false)).toEqual(changes);
  });

  it.each([
    ['a range over a line whose text is not known', '/edgeStream:/,+3{s/30/60/}'],
    ['an address naming no mapping (a leaf)', '/enable:/s/false/true/'],
    ['an address that is no key pattern', '/Stream/,+1s/false/true/'],
    ['a command with no address (every line)', 's/false/true/'],
    ['a line-number address', '9s/false/true/'],
    ['an edit whose outcome depends on a line spelled either way', '/metaServer:/,+1s/: \\[\\]/: [x]/'],
    ['an edit that renames a key', '/edgeStream:/,+1s/enable/enabled/'],
    ['an edit that leaves no valid YAML', '/edgeStream:/,+1s/false/[/'],
    ['an edit that changes nothing', '/edgeStream:/,+1s/true/false/'],
  ])('says nothing for %s', (_name, script) => {
    expect(layoutValueChanges(layout, script, false)).toBeUndefined();
  });
});
