import { describe, expect, it } from 'vitest';
import { finalBase, readDockerfile } from '../../src/model/dockerfile-copy.js';

/** The image a Dockerfile's final stage starts from, as the engine reads it (engine/lint.ts). */
function dockerfileBaseImage(text: string): string | undefined {
  const image = readDockerfile(text);
  return image && finalBase(image);
}

describe('dockerfileBaseImage', () => {
  it.each([
    ['one stage', 'FROM eclipse-mosquitto:2.0\nCOPY mosquitto.conf /mosquitto/config/\n', 'eclipse-mosquitto:2.0'],
    ['a platform flag and lower-case instruction', 'from --platform=linux/arm64 eclipse-mosquitto:1.6.15 as broker\n', 'eclipse-mosquitto:1.6.15'],
    ['the last stage is the image built', 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nCOPY --from=build /app /app\n', 'alpine:3.20'],
    ['a final stage continuing an earlier one', 'FROM eclipse-mosquitto:2.0 AS base\nFROM golang:1.22 AS tools\nFROM Base\n', 'eclipse-mosquitto:2.0'],
    ['CRLF line ends', 'FROM eclipse-mosquitto:2.0\r\nEXPOSE 1883\r\n', 'eclipse-mosquitto:2.0'],
  ])('%s', (_name, text, expected) => {
    expect(dockerfileBaseImage(text)).toBe(expected);
  });

  it.each([
    ['no FROM', 'RUN echo hi\n'],
    ['scratch', 'FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /app /app\n'],
    ['a base named by a build argument', 'ARG BASE=eclipse-mosquitto:2.0\nFROM ${BASE}\n'],
    ['a final stage continuing a scratch stage', 'FROM scratch AS empty\nFROM empty\n'],
    ['a FROM in a comment', '# FROM eclipse-mosquitto:2.0\n'],
  ])('%s: none', (_name, text) => {
    expect(dockerfileBaseImage(text)).toBeUndefined();
  });
});
