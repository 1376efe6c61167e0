import { describe, expect, it } from 'vitest';
import { ImageIndex, imageFromTarballName, imageVersion, isTarballName, parseImageRef, sameRepository } from '../../src/model/image-ref.js';

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

describe('imageFromTarballName: a file name tells no registry (issue #10)', () => {
  it.each([
    ['turbine-telemetry-3.2.0.tar', 'turbine-telemetry', '3.2.0'],
    ['/media/bundle/eclipse-mosquitto-2.0.18.tar.gz', 'eclipse-mosquitto', '2.0.18'],
    ['kubeedge_pause_3.6.tar', 'kubeedge_pause', '3.6'],
    ['klipper-lb-v0.4.9.tgz', 'klipper-lb', 'v0.4.9'],
    ['mosquitto-2.0.18-openssl.tar.zst', 'mosquitto', '2.0.18-openssl'],
  ])('%s is %s at %s, registry unknown', (file, name, tag) => {
    expect(imageFromTarballName(file)).toEqual({ raw: `${name}:${tag}`, registry: '', path: name, repository: `?/${name}`, tag, display: `${name}:${tag}`, registryUnknown: true });
  });

  it.each(['images.tar', 'pause-3.6.txt', 'Pause-3.6.tar', 'app-.tar'])('%s names no image', (file) => {
    expect(imageFromTarballName(file)).toBeUndefined();
  });

  it('isTarballName tells archives from references', () => {
    expect([isTarballName('pause-3.6.tar'), isTarballName('x.tgz'), isTarballName('registry.k8s.io/pause:3.6')]).toEqual([true, true, false]);
  });
});

describe('sameRepository and ImageIndex: tarball names match by path tail (issue #10)', () => {
  const tar = (file: string) => imageFromTarballName(file)!;
  const ref = (raw: string) => parseImageRef(raw)!;

  it.each([
    ['turbine-telemetry-3.2.0.tar', 'registry.example.com/wind/turbine-telemetry:3.2.0', true],
    ['turbine-telemetry-3.2.0.tar', 'turbine-telemetry:9', true],
    ['eclipse-mosquitto-2.0.tar', 'docker.io/library/eclipse-mosquitto:2.0', true],
    ['kubeedge-pause-3.6.tar', 'kubeedge/pause:3.6', true],
    ['kubeedge_pause_3.6.tar', 'docker.io/kubeedge/pause:3.6', true],
    ['registry.example.com_wind_turbine-telemetry_3.2.0.tar', 'registry.example.com/wind/turbine-telemetry:3.2.0', true],
    ['telemetry-3.2.0.tar', 'registry.example.com/wind/turbine-telemetry:3.2.0', false],
    ['mosquitto-2.0.tar', 'eclipse-mosquitto:2.0', false],
    ['wind-3.2.0.tar', 'registry.example.com/wind/turbine-telemetry:3.2.0', false],
  ])('%s fits %s: %s', (file, raw, fits) => {
    expect(sameRepository(tar(file), ref(raw))).toBe(fits);
    expect(sameRepository(ref(raw), tar(file))).toBe(fits);
  });

  it('two known references compare by normalised repository, two tarball names by name', () => {
    expect(sameRepository(ref('docker.io/library/nginx:1'), ref('quay.io/library/nginx:1'))).toBe(false);
    expect(sameRepository(ref('nginx:1'), ref('docker.io/library/nginx:2'))).toBe(true);
    expect(sameRepository(tar('nginx-1.0.tar'), tar('nginx-1.1.tgz'))).toBe(true);
    expect(sameRepository(tar('nginx-1.0.tar'), tar('nginx_x-1.1.tgz'))).toBe(false);
  });

  it('an index finds tarball entries from a reference and references from a tarball name', () => {
    const entries = ['turbine-telemetry-3.2.0.tar', 'pause-3.6.tar'].map((f) => ({ ref: tar(f) }));
    const known = [{ ref: ref('registry.k8s.io/pause:3.9') }, { ref: ref('registry.example.com/wind/modbus-reader:1.0.3') }];
    const index = new ImageIndex([...entries, ...known]);
    expect(index.candidates(ref('registry.example.com/wind/turbine-telemetry:3.2.1'))).toEqual([entries[0]]);
    expect(index.candidates(ref('registry.k8s.io/pause:3.6'))).toEqual([known[0], entries[1]]);
    expect(index.candidates(tar('modbus-reader-1.0.4.tar'))).toEqual([known[1]]);
    expect(index.candidates(ref('docker.io/library/modbus-reader:1.0.3'))).toEqual([]);
  });
});
