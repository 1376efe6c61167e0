import { describe, expect, it } from 'vitest';
import { splitHeadline, wrap } from '../../src/report/text-layout.js';

describe('splitHeadline', () => {
  it.each([
    { message: 'Listener 0.0.0.0:1883 accepts anonymous clients.', headline: 'Listener 0.0.0.0:1883 accepts anonymous clients.', detail: '' },
    { message: 'Host port 1883/TCP is bound twice: a binds it, and b binds it.', headline: 'Host port 1883/TCP is bound twice:', detail: 'a binds it, and b binds it.' },
    { message: 'a:1.6 (Pod p) is end-of-life since 2023: use 2.0.', headline: 'a:1.6 (Pod p) is end-of-life since 2023:', detail: 'use 2.0.' },
    { message: 'Unit u has no Restart=; systemd does not restart it.', headline: 'Unit u has no Restart=;', detail: 'systemd does not restart it.' },
    { message: 'The tag is gone. Use the 2.0 series.', headline: 'The tag is gone.', detail: 'Use the 2.0 series.' },
    { message: 'Pin it, e.g. use a digest.', headline: 'Pin it, e.g. use a digest.', detail: '' },
    // A sentence ends where the next word starts with an ASCII capital only (A to Z, not É, not [).
    { message: 'It is done. Zed follows.', headline: 'It is done.', detail: 'Zed follows.' },
    { message: 'It is done. Any follows.', headline: 'It is done.', detail: 'Any follows.' },
    { message: 'It is done. Élan follows.', headline: 'It is done. Élan follows.', detail: '' },
    { message: 'It is done. [x] follows.', headline: 'It is done. [x] follows.', detail: '' },
    { message: 'It is done. @x follows.', headline: 'It is done. @x follows.', detail: '' },
    { message: 'It is done.', headline: 'It is done.', detail: '' },
    { message: 'Binds [::]:1883 (from "a: b"; c): then more.', headline: 'Binds [::]:1883 (from "a: b"; c):', detail: 'then more.' },
    { message: 'edgecore.yaml: key x is unknown: it belongs under y.', headline: 'edgecore.yaml: key x is unknown:', detail: 'it belongs under y.' },
    { message: 'Ends with a colon:', headline: 'Ends with a colon:', detail: '' },
    // sweep9 Q-6: a label of a few words keeps the parser's reason on the headline.
    { message: 'shell syntax error: || can only follow a statement.', headline: 'shell syntax error: || can only follow a statement.', detail: '' },
    { message: 'edgecore config: key x is unknown: it belongs under y.', headline: 'edgecore config: key x is unknown:', detail: 'it belongs under y.' },
  ])('$message', ({ message, headline, detail }) => {
    expect(splitHeadline(message)).toEqual({ headline, detail });
  });
});

describe('wrap', () => {
  it.each([
    { text: 'one two three four', first: 9, rest: 9, lines: ['one two', 'three', 'four'] },
    { text: 'one two three four', first: 3, rest: 20, lines: ['one', 'two three four'] },
    { text: 'abcdefghij', first: 4, rest: 4, lines: ['abcd', 'efgh', 'ij'] },
    { text: 'ab abcdefgh', first: 4, rest: 8, lines: ['ab', 'abcdefgh'] },
    { text: 'abcdefgh x', first: 4, rest: 8, lines: ['', 'abcdefgh', 'x'] },
    { text: '漢字漢字 x', first: 4, rest: 4, lines: ['漢字', '漢字', 'x'] },
    { text: '', first: 10, rest: 10, lines: [''] },
    // sweep17: a long path breaks after a directory, not inside a name.
    { text: 'at deploy/edge/etc/mosquitto.service:10:16 x', first: 20, rest: 20, lines: ['at', 'deploy/edge/etc/', 'mosquitto.service:10', ':16 x'] },
    { text: 'a/verylongdirectoryname/b', first: 10, rest: 10, lines: ['a/', 'verylongdi', 'rectorynam', 'e/b'] },
  ])('$text in $first/$rest', ({ text, first, rest, lines }) => {
    expect(wrap(text, first, rest)).toEqual(lines);
  });
});
