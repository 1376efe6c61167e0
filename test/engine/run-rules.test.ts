import { describe, expect, it } from 'vitest';
import { finishSentence } from '../../src/engine/run-rules.js';

describe('finishSentence: one final mark per message', () => {
  it.each([
    ['a question keeps its mark', 'edgecore.yaml: unknown key "x"; did you mean "y"?.', 'edgecore.yaml: unknown key "x"; did you mean "y"?'],
    ['an exclamation keeps its mark', 'stop!.', 'stop!'],
    ['a doubled period', 'ends here..', 'ends here.'],
    ['a plain sentence is untouched', 'ends here.', 'ends here.'],
    ['an ellipsis is untouched', 'and so on...', 'and so on...'],
    ['a quoted value ending in a period stays quoted', 'image "a.b".', 'image "a.b".'],
    ['no final mark at all', 'no mark', 'no mark'],
  ])('%s', (_name, message, expected) => {
    expect(finishSentence(message)).toBe(expected);
  });
});
