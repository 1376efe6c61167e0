import { describe, expect, it } from 'vitest';
import { imageVersion, parseImageRef } from '../../src/model/image-ref.js';

describe('parseImageRef: placeholder tags (issue #10)', () => {
  it.each([
    ['app:__TAG__', '__TAG__'],
    ['app:${TAG}', '${TAG}'],
    ['app:${TAG:-1.0}', '${TAG:-1.0}'],
    ['app:$TAG', '$TAG'],
    ['app:{{ .Values.tag }}', '{{ .Values.tag }}'],
    ['app:{{ .Values.image.tag | default "1.0" }}', '{{ .Values.image.tag | default "1.0" }}'],
    ['app:<tag>', '<tag>'],
    ['app:TAG', 'TAG'],
    ['app:IMAGE_TAG', 'IMAGE_TAG'],
    ['app:%VERSION%', '%VERSION%'],
    ['app:@VERSION@', '@VERSION@'],
  ])('%s names the repository and a placeholder, not a version', (raw, tag) => {
    const ref = parseImageRef(raw);
    expect(ref).toMatchObject({ repository: 'docker.io/library/app', tag, placeholder: true, display: `app:${tag}` });
  });

  it('keeps a registry with a port apart from the placeholder', () => {
    expect(parseImageRef('localhost:5000/edge/app:__TAG__')).toMatchObject({ registry: 'localhost:5000', repository: 'localhost:5000/edge/app', tag: '__TAG__', placeholder: true });
  });

  it.each(['app:1.0', 'app:v1', 'app:V2', 'registry.k8s.io/pause:3.9', 'app:latest', 'app'])('%s is a version, not a placeholder', (raw) => {
    const ref = parseImageRef(raw);
    expect(ref).toBeDefined();
    expect(ref!.placeholder).toBeUndefined();
  });

  it.each(['${REGISTRY}/app:1.0', '{{ .Values.image }}', '<user>/app:v1'])('%s, a name that is itself a template, is not a reference', (raw) => {
    expect(parseImageRef(raw)).toBeUndefined();
  });

  it('a placeholder reference keeps its tag text as its version label', () => {
    expect(imageVersion(parseImageRef('app:__TAG__')!)).toBe('__TAG__');
  });
});
