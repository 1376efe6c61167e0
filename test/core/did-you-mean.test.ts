import { describe, expect, it } from 'vitest';
import { closestName, typoBudget } from '../../src/core/did-you-mean.js';

describe('closestName: one did-you-mean policy, near spellings only', () => {
  it.each([
    ['a transposition', ['Unit', 'Service', 'Install'], 'Servcie', 'Service'],
    ['another case', ['simple', 'oneshot', 'notify'], 'OneShot', 'oneshot'],
    ['a missing letter in a long key', ['mqttServerExternal', 'mqttServerInternal'], 'mqttServerExtrenal', 'mqttServerExternal'],
    ['a wrong vowel in a 12-letter name', ['nodeSelector'], 'nodeSelecter', 'nodeSelector'],
    ['ties go to the alphabetically first', ['mode', 'node'], 'xode', 'mode'],
  ])('suggests for %s', (_name, candidates, name, want) => {
    expect(closestName(candidates, name)).toBe(want);
  });

  it.each([
    ['a short name two edits away', ['path'], 'port'],
    ['a long name far from every field', ['restartPolicy', 'readinessProbe'], 'restartAfterCrash'],
    ['a word of a long name replaced, not misspelt', ['eventBusTLS'], 'eventBusType'],
    ['another setting that shares all but one word', ['fileCheckFrequency'], 'httpCheckFrequency'],
    ['the name itself', ['Service'], 'Service'],
    ['nothing to choose from', [], 'Service'],
  ])('stays silent for %s', (_name, candidates, name) => {
    expect(closestName(candidates, name)).toBeUndefined();
  });

  it('grows the budget with the length, at most a quarter of the name and never past 4', () => {
    expect([1, 4, 7, 8, 12, 16, 100].map(typoBudget)).toEqual([1, 1, 1, 2, 3, 4, 4]);
  });
});
