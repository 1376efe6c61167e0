// isReleaseVariable looks a name up among the spellings of one pattern instead of compiling it (issue
// #13): it must answer as the pattern did, which this test keeps as the reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isReleaseVariable } from '../../src/core/release-names.js';

const RELEASE_VARIABLE_AS_ONE_PATTERN = /^(?:kube_?edge|keadm|edge_?core)[-_]?(?:version|ver|release)$/i;

describe('isReleaseVariable', () => {
  it.each([
    ['KUBEEDGE_VERSION', true],
    ['kubeedge_ver', true],
    ['KEADM_VERSION', true],
    ['edgecoreVersion', true],
    ['KUBE_EDGE_RELEASE', true],
    ['Edge_Core-Ver', true],
    ['keadmversion', true],
    ['KUBEEDGE__VERSION', false],
    ['KUBEEDGE_VERSIONS', false],
    ['MY_KUBEEDGE_VERSION', false],
    ['\u212aEADM_VERSION', false],
    ['KEADM_VERS\u0130ON', false],
    ['', false],
  ])('%s: %s', (name, expected) => {
    expect(isReleaseVariable(name)).toBe(expected);
    expect(RELEASE_VARIABLE_AS_ONE_PATTERN.test(name)).toBe(expected);
  });

  it('answers as the one pattern did on generated names', () => {
    const piece = fc.constantFrom('kube', 'KUBE', 'Kube', 'edge', 'EDGE', 'keadm', 'KeAdm', 'core', 'Core', '_', '-', '__', 'version', 'VERSION', 'Ver', 'release', 'RELEASE', 's', 'x', '\u212a', '\u0130', 'ſ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const name = pieces.join('');
        expect(isReleaseVariable(name)).toBe(RELEASE_VARIABLE_AS_ONE_PATTERN.test(name));
      }),
      { numRuns: 3000 },
    );
  });
});
