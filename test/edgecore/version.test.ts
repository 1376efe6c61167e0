import { describe, expect, it } from 'vitest';
import { pickEdgecoreVersion } from '../../src/edgecore/schema.js';

describe('pickEdgecoreVersion', () => {
  it.each([
    { kubeedgeVersion: '1.22', edgecoreVersion: undefined, expected: { version: '1.22' } },
    { kubeedgeVersion: 'v1.22.2', edgecoreVersion: undefined, expected: { version: '1.22' } },
    { kubeedgeVersion: '1.22.0', edgecoreVersion: 'v1.18.0', expected: { version: '1.22' } },
    { kubeedgeVersion: 'v1.16.0-rc.1', edgecoreVersion: undefined, expected: { version: '1.16' } },
    { kubeedgeVersion: undefined, edgecoreVersion: 'v1.21.3', expected: { version: '1.21' } },
    { kubeedgeVersion: '', edgecoreVersion: 'v1.19.0', expected: { version: '1.19' } },
    { kubeedgeVersion: undefined, edgecoreVersion: undefined, expected: { version: '1.23' } },
    {
      kubeedgeVersion: '1.30',
      edgecoreVersion: undefined,
      expected: { version: '1.23', note: 'kubeedgeVersion 1.30 is outside the KubeEdge versions edgelint knows (1.16-1.23); checking against KubeEdge 1.23' },
    },
    {
      kubeedgeVersion: 'v1.12.1',
      edgecoreVersion: undefined,
      expected: { version: '1.16', note: 'kubeedgeVersion v1.12.1 is outside the KubeEdge versions edgelint knows (1.16-1.23); checking against KubeEdge 1.16' },
    },
    {
      kubeedgeVersion: undefined,
      edgecoreVersion: 'latest',
      expected: { version: '1.23', note: 'edgecoreVersion "latest" is not a KubeEdge version; checking against KubeEdge 1.23' },
    },
  ])('$kubeedgeVersion / $edgecoreVersion', ({ kubeedgeVersion, edgecoreVersion, expected }) => {
    expect(pickEdgecoreVersion(kubeedgeVersion, edgecoreVersion)).toEqual(expected);
  });
});
