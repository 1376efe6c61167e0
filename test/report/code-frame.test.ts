import { describe, expect, it } from 'vitest';
import { codeFrame, displayWidth, sanitize } from '../../src/report/code-frame.js';

const YAML = ['a: 1', 'b: 2', 'c: 3', 'd: 4', 'e: 5', 'f: 6', 'g: 7'].join('\n');

describe('codeFrame', () => {
  it.each([
    {
      name: 'middle of a file: two lines of context either side',
      text: YAML,
      at: [4, 4, 4, 5] as const,
      expected: ['  2 | b: 2', '  3 | c: 3', '> 4 | d: 4', '    |    ^', '  5 | e: 5', '  6 | f: 6'],
    },
    {
      name: 'first line: no context above',
      text: YAML,
      at: [1, 1, 1, 2] as const,
      expected: ['> 1 | a: 1', '    | ^', '  2 | b: 2', '  3 | c: 3'],
    },
    {
      name: 'last line, multi-char range',
      text: YAML,
      at: [7, 1, 7, 5] as const,
      expected: ['  5 | e: 5', '  6 | f: 6', '> 7 | g: 7', '    | ^~~~'],
    },
    {
      name: 'gutter widens for two-digit line numbers',
      text: Array.from({ length: 12 }, (_, i) => `k${i + 1}: v`).join('\n'),
      at: [10, 1, 10, 4] as const,
      expected: ['   8 | k8: v', '   9 | k9: v', '> 10 | k10: v', '     | ^~~', '  11 | k11: v', '  12 | k12: v'],
    },
    {
      name: 'CRLF line endings are not shown and do not shift columns',
      text: 'a: 1\r\nbb: 2\r\nc: 3\r\n',
      at: [2, 5, 2, 6] as const,
      expected: ['  1 | a: 1', '> 2 | bb: 2', '    |     ^', '  3 | c: 3'],
    },
    {
      name: 'tabs before the range are copied into the underline line',
      text: 'x:\n\tkey:\tvalue\n',
      at: [2, 7, 2, 12] as const,
      expected: ['  1 | x:', '> 2 | \tkey:\tvalue', '    | \t    \t^~~~~'],
    },
    {
      name: 'a range running onto later lines is underlined to the end of its first line',
      text: 'spec:\n  a: [1,\n    2]\n',
      at: [2, 6, 3, 7] as const,
      expected: ['  1 | spec:', '> 2 |   a: [1,', '    |      ^~~', '  3 |     2]'],
    },
    {
      name: 'a column past the end of the line marks the end of the line',
      text: 'key:\n',
      at: [1, 40, 1, 41] as const,
      expected: ['> 1 | key:', '    |     ^'],
    },
    {
      name: 'an empty range still gets one caret',
      text: 'key: v\n',
      at: [1, 3, 1, 3] as const,
      expected: ['> 1 | key: v', '    |   ^'],
    },
    {
      name: 'the empty line after a final newline is shown only when the range is on it',
      text: 'a: 1\n',
      at: [2, 1, 2, 1] as const,
      expected: ['  1 | a: 1', '> 2 |', '    | ^'],
    },
    {
      name: 'wide characters before the range take two cells in the underline',
      text: 'name: 日本 x\n',
      at: [1, 10, 1, 11] as const,
      expected: ['> 1 | name: 日本 x', '    |            ^'],
    },
    {
      name: 'an astral character (two UTF-16 units) before the range',
      text: 'v: 😀 y\n',
      at: [1, 7, 1, 8] as const,
      expected: ['> 1 | v: 😀 y', '    |       ^'],
    },
    {
      name: 'control characters in the file are shown as their pictures (ESC as ␛), one glyph per code unit',
      text: 'a: \u001b[31mred\n',
      at: [1, 9, 1, 12] as const,
      expected: ['> 1 | a: \u241b[31mred', '    |         ^~~'],
    },
  ])('$name', ({ text, at, expected }) => {
    expect(codeFrame(text, at[0], at[1], at[2], at[3]).split('\n')).toEqual(expected);
  });

  it.each([
    { name: 'line beyond EOF', text: 'a: 1\n', line: 5 },
    { name: 'line 0', text: 'a: 1\n', line: 0 },
    { name: 'negative line', text: 'a: 1\n', line: -3 },
    { name: 'fractional line', text: 'a: 1\nb: 2\n', line: 1.5 },
  ])('no frame for $name', ({ text, line }) => {
    expect(codeFrame(text, line, 1, line, 2)).toBe('');
  });

  it('cuts a very long line around the range and keeps the underline under it', () => {
    const line = `${'a'.repeat(300)}TARGET${'b'.repeat(300)}`;
    const frame = codeFrame(line, 1, 301, 1, 307).split('\n');
    expect(frame).toHaveLength(2);
    const [shown, marker] = frame;
    // 120 cells of text plus an ellipsis on each side.
    expect(displayWidth(shown.slice('> 1 | '.length))).toBe(122);
    expect(shown.startsWith('> 1 | …')).toBe(true);
    expect(shown.endsWith('…')).toBe(true);
    const caret = marker.indexOf('^');
    expect(shown.slice(caret, caret + 6)).toBe('TARGET');
    expect(marker.slice(caret)).toBe('^~~~~~');
  });

  it('cuts context lines with the same window so columns stay aligned', () => {
    const text = [`${'x'.repeat(200)}`, `${'y'.repeat(150)}Z${'y'.repeat(100)}`].join('\n');
    const [ctx, shown, marker] = codeFrame(text, 2, 151, 2, 152, { contextLines: 1 }).split('\n');
    // The window starts 40 cells before the range: units 110..230 of every line.
    expect(ctx).toBe(`  1 | …${'x'.repeat(90)}`);
    expect(shown.indexOf('Z')).toBe(marker.indexOf('^'));
  });

  it('does not cut a line at the width limit', () => {
    const text = 'k'.repeat(120);
    expect(codeFrame(text, 1, 1, 1, 2).split('\n')[0]).toBe(`> 1 | ${text}`);
  });

  it('honours contextLines', () => {
    expect(codeFrame(YAML, 4, 1, 4, 2, { contextLines: 0 })).toBe('> 4 | d: 4\n    | ^');
  });

  it('colors only when asked', () => {
    const plain = codeFrame(YAML, 2, 1, 2, 2);
    const colored = codeFrame(YAML, 2, 1, 2, 2, { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(colored).toContain('\u001b[31m>\u001b[39m');
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});

describe('sanitize / displayWidth', () => {
  it.each([
    { input: 'plain', sanitized: 'plain', width: 5 },
    { input: 'tab\there', sanitized: 'tab\there', width: 8 },
    { input: 'bell\u0007', sanitized: 'bell\u2407', width: 5 },
    { input: 'nul\u0000esc\u001b', sanitized: 'nul\u2400esc\u241b', width: 8 },
    { input: 'c1\u009b', sanitized: 'c1\ufffd', width: 3 },
    { input: 'del\u007f', sanitized: 'del\u2421', width: 4 },
    { input: 'rlo\u202eevil', sanitized: 'rlo\ufffdevil', width: 8 },
    { input: 'iso\u2066x\u2069', sanitized: 'iso\ufffdx\ufffd', width: 6 },
    { input: 'ls\u2028ps\u2029', sanitized: 'ls\ufffdps\ufffd', width: 6 },
    { input: 'é', sanitized: 'é', width: 1 },
    { input: 'e\u0301', sanitized: 'e\u0301', width: 1 },
    { input: '한국', sanitized: '한국', width: 4 },
    // Either side of U+0300, where the one-cell fast path of displayWidth ends.
    { input: 'a\u02ffb', sanitized: 'a\u02ffb', width: 3 },
    { input: 'a\u036fb', sanitized: 'a\u036fb', width: 2 },
    { input: 'x\u{1f600}', sanitized: 'x\u{1f600}', width: 3 },
  ])('$input', ({ input, sanitized, width }) => {
    expect(sanitize(input)).toBe(sanitized);
    expect(displayWidth(sanitized)).toBe(width);
  });
});
