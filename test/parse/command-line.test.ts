import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SourceFile, located, resolveSpan, span, type Located, type Span } from '../../src/core/source.js';
import { parseContainerInvocation, parseImageImport, parsePublishSpec } from '../../src/parse/command-line.js';
import { mergeUnit } from '../../src/parse/systemd.js';
import { splitCommandLine } from '../../src/parse/systemd-settings.js';

/** `line:col-endLine:endCol` (end exclusive) of a span. */
function at(s: Span): string {
  const r = resolveSpan(s);
  return `${r.line}:${r.column}-${r.endLine}:${r.endColumn}`;
}

/** Whitespace-separated words of a one-line command, located in their own file. */
function words(text: string): Located<string>[] {
  const source = new SourceFile('cmd.sh', text, 'shell');
  return [...text.matchAll(/\S+/g)].map((m) => located(m[0], span(source, m.index, m.index + m[0].length)));
}

function argvOfUnit(text: string): Located<string>[] {
  const unit = mergeUnit('mosquitto.service', new SourceFile('mosquitto.service', text, 'systemd'), []);
  const entry = unit.get('Service', 'ExecStart');
  expect(entry).toBeDefined();
  const split = splitCommandLine(entry!);
  expect(split.problems).toEqual([]);
  return split.argv;
}

const run = (text: string) => parseContainerInvocation(words(text));

describe('parseContainerInvocation: the seed unit', () => {
  // The seed's ExecStart, under its [Service] header: line numbers count the header as line 1.
  const SEED =
    '[Service]\n' +
    'ExecStart=ctr -n k8s.io run --rm --net-host \\\n' +
    '  docker.io/library/eclipse-mosquitto:2.0 mosquitto \\\n' +
    '  mosquitto -c /mosquitto-no-auth.conf\n';

  it('reads image, ID, host networking, command and config path with exact positions', () => {
    const inv = parseContainerInvocation(argvOfUnit(SEED));
    expect(inv).toBeDefined();
    expect(inv!.runtime).toBe('ctr');
    expect(inv!.image?.value).toBe('docker.io/library/eclipse-mosquitto:2.0');
    expect(at(inv!.image!.span)).toBe('3:3-3:42');
    expect(inv!.name?.value).toBe('mosquitto');
    expect(at(inv!.name!.span)).toBe('3:43-3:52');
    expect(inv!.hostNetwork?.value).toBe(true);
    expect(at(inv!.hostNetwork!.span)).toBe('2:34-2:44');
    expect(inv!.command.map((w) => w.value)).toEqual(['mosquitto', '-c', '/mosquitto-no-auth.conf']);
    expect(inv!.command.map((w) => at(w.span))).toEqual(['4:3-4:12', '4:13-4:15', '4:16-4:39']);
    expect(inv!.configPath?.value).toBe('/mosquitto-no-auth.conf');
    expect(at(inv!.configPath!.span)).toBe('4:16-4:39');
    expect(inv!.published).toEqual([]);
    expect(at(inv!.span)).toBe('2:11-4:39');
    expect(inv!.problems).toEqual([]);
  });

  it.each([
    ['$CTR_BIN -n k8s.io run --rm --net-host docker.io/library/eclipse-mosquitto:2.0 mosquitto mosquitto -c /mosquitto-no-auth.conf'],
    ['${CTR_BIN} --namespace k8s.io run docker.io/library/eclipse-mosquitto:2.0 mosquitto'],
    ['${CTR_BIN} --namespace=k8s.io run docker.io/library/eclipse-mosquitto:2.0 mosquitto'],
    ['$RUNTIME run --net-host docker.io/library/eclipse-mosquitto:2.0 mosquitto'],
  ])('a variable program counts as ctr when the words prove it: %s', (text) => {
    const inv = run(text);
    expect(inv?.runtime).toBe('ctr');
    expect(inv?.image?.value).toBe('docker.io/library/eclipse-mosquitto:2.0');
    expect(inv?.name?.value).toBe('mosquitto');
  });

  it('reads the variable-program seed line from a unit', () => {
    const inv = parseContainerInvocation(
      argvOfUnit(
        '[Service]\nExecStart=$CTR_BIN -n k8s.io run --rm --net-host docker.io/library/eclipse-mosquitto:2.0 mosquitto mosquitto -c /mosquitto-no-auth.conf\n',
      ),
    );
    expect(inv?.runtime).toBe('ctr');
    expect(at(inv!.hostNetwork!.span)).toBe('2:39-2:49');
    expect(inv?.configPath?.value).toBe('/mosquitto-no-auth.conf');
  });

  it.each([
    ['$RUNTIME run -d eclipse-mosquitto:2.0'],
    ['$CTR_BIN run --rm docker.io/library/eclipse-mosquitto:2.0 mosquitto'],
    ['${CTR} -n k8s.io tasks ls'],
  ])('a variable program without proof is not guessed: %s', (text) => {
    expect(run(text)).toBeUndefined();
  });
});

describe('parseContainerInvocation: runtimes and flags', () => {
  it('docker run with value and boolean flags before the image', () => {
    const inv = run('docker run -d --name m -p 1883:1883 -v a:b --restart always eclipse-mosquitto:2.0');
    expect(inv?.runtime).toBe('docker');
    expect(inv?.image?.value).toBe('eclipse-mosquitto:2.0');
    expect(inv?.name?.value).toBe('m');
    expect(at(inv!.name!.span)).toBe('1:22-1:23');
    expect(inv?.hostNetwork).toBeUndefined();
    expect(inv?.published.map((p) => [p.hostIP, p.hostPort, p.containerPort, p.protocol, at(p.span)])).toEqual([
      [undefined, 1883, 1883, 'TCP', '1:27-1:36'],
    ]);
    expect(inv?.command).toEqual([]);
    expect(inv?.configPath).toBeUndefined();
  });

  it.each([
    ['docker run --network=host eclipse-mosquitto:2.0', 'docker', '1:12-1:26'],
    ['docker container run --net=host eclipse-mosquitto:2.0', 'docker', '1:22-1:32'],
    ['podman run --net host eclipse-mosquitto:2.0', 'podman', '1:12-1:22'],
    ['nerdctl run --net host eclipse-mosquitto:2.0', 'nerdctl', '1:13-1:23'],
    ['/usr/local/bin/nerdctl -n k8s.io run --network host eclipse-mosquitto:2.0', 'nerdctl', '1:38-1:52'],
    ['/usr/bin/ctr run --net-host=true eclipse-mosquitto:2.0 m', 'ctr', '1:18-1:33'],
    ['sudo ctr run --net-host eclipse-mosquitto:2.0 m', 'ctr', '1:14-1:24'],
  ])('host networking: %s', (text, runtime, flagAt) => {
    const inv = run(text);
    expect(inv?.runtime).toBe(runtime);
    expect(inv?.image?.value).toBe('eclipse-mosquitto:2.0');
    expect(inv?.hostNetwork?.value).toBe(true);
    expect(at(inv!.hostNetwork!.span)).toBe(flagAt);
  });

  it.each([
    ['docker run --network bridge eclipse-mosquitto:2.0'],
    ['ctr run --net-host=false eclipse-mosquitto:2.0 m'],
    ['podman run eclipse-mosquitto:2.0 --net host'],
  ])('no host networking: %s', (text) => {
    const inv = run(text);
    expect(inv?.image?.value).toBe('eclipse-mosquitto:2.0');
    expect(inv?.hostNetwork).toBeUndefined();
  });

  it.each([
    ['ctr run --rm --net-host -d --mount type=bind,src=/etc/m,dst=/m,options=rbind:ro docker.io/library/eclipse-mosquitto:2.0 mosq mosquitto -c /m/m.conf', 'docker.io/library/eclipse-mosquitto:2.0', 'mosq', ['mosquitto', '-c', '/m/m.conf']],
    ['ctr -a /run/containerd/containerd.sock -n k8s.io run --env A=B -c /spec.json img:1 id', 'img:1', 'id', []],
    ['ctr --namespace k8s.io run --snapshotter overlayfs --label a=b img:1 id sleep 1', 'img:1', 'id', ['sleep', '1']],
    ['docker -H unix:///var/run/docker.sock run -it --rm eclipse-mosquitto:2.0 mosquitto -v', 'eclipse-mosquitto:2.0', undefined, ['mosquitto', '-v']],
    ['docker --context edge run -e A=1 -w /x -u 1000 eclipse-mosquitto:2.0', 'eclipse-mosquitto:2.0', undefined, []],
    ['podman --root /var/lib/c run --name=b --pod p eclipse-mosquitto:2.0', 'eclipse-mosquitto:2.0', 'b', []],
    ['docker run -d -- eclipse-mosquitto:2.0 mosquitto -c /x.conf', 'eclipse-mosquitto:2.0', undefined, ['mosquitto', '-c', '/x.conf']],
    ['ctr run -- img:1 id --not-a-flag', 'img:1', 'id', ['--not-a-flag']],
    // Unknown flags: boolean unless the next word cannot be an image.
    ['docker run --frobnicate eclipse-mosquitto:2.0', 'eclipse-mosquitto:2.0', undefined, []],
    ['docker run --frobnicate 5 eclipse-mosquitto:2.0', 'eclipse-mosquitto:2.0', undefined, []],
    ['docker run --frobnicate Key=Value eclipse-mosquitto:2.0', 'eclipse-mosquitto:2.0', undefined, []],
    ['docker run --frobnicate /some/path eclipse-mosquitto:2.0', 'eclipse-mosquitto:2.0', undefined, []],
    ['docker run --frobnicate $IMAGE', '$IMAGE', undefined, []],
    ['ctr run --frobnicate true img:1 id', 'img:1', 'id', []],
  ])('finds the image in %s', (text, image, name, command) => {
    const inv = run(text);
    expect(inv?.image?.value).toBe(image);
    expect(inv?.name?.value).toBe(name);
    expect(inv?.command.map((w) => w.value)).toEqual(command);
  });

  it('ctr run --rootfs takes a directory, not an image', () => {
    const inv = run('ctr run --rootfs /srv/rootfs id /bin/sh');
    expect(inv?.image).toBeUndefined();
    expect(inv?.name?.value).toBe('id');
  });

  it('short flag clusters: -dp 8080:80 publishes, -d is boolean', () => {
    const inv = run('docker run -dp 8080:80 nginx:1.27');
    expect(inv?.image?.value).toBe('nginx:1.27');
    expect(inv?.published.map((p) => [p.hostPort, p.containerPort, at(p.span)])).toEqual([[8080, 80, '1:16-1:23']]);
  });

  it.each([
    ['-p 1883', [[undefined, undefined, 1883, 'TCP']], '1:15-1:19'],
    ['-p 1883:1883', [[undefined, 1883, 1883, 'TCP']], '1:15-1:24'],
    ['-p 127.0.0.1:1883:1883', [['127.0.0.1', 1883, 1883, 'TCP']], '1:15-1:34'],
    ['-p [::1]:1883:1883', [['::1', 1883, 1883, 'TCP']], '1:15-1:30'],
    ['-p 0.0.0.0:1883:1883/udp', [['0.0.0.0', 1883, 1883, 'UDP']], '1:15-1:36'],
    ['-p 9:9/SCTP', [[undefined, 9, 9, 'SCTP']], '1:15-1:23'],
    ['-p 127.0.0.1::1883', [['127.0.0.1', undefined, 1883, 'TCP']], '1:15-1:30'],
    ['-p 8000-8002:8000-8002', [[undefined, 8000, 8000, 'TCP', 3]], '1:15-1:34'],
    ['-p 1-65535:1-65535/udp', [[undefined, 1, 1, 'UDP', 65535]], '1:15-1:34'],
    ['-p 8000-8010:80', [[undefined, undefined, 80, 'TCP']], '1:15-1:27'],
    ['-p=1883:1883', [[undefined, 1883, 1883, 'TCP']], '1:12-1:24'],
    ['-p1883:1883', [[undefined, 1883, 1883, 'TCP']], '1:12-1:23'],
    ['--publish 1883:1883', [[undefined, 1883, 1883, 'TCP']], '1:22-1:31'],
    ['--publish=1883:1883', [[undefined, 1883, 1883, 'TCP']], '1:12-1:31'],
  ])('publish %s', (flag, expected, portAt) => {
    const inv = run(`docker run ${flag} eclipse-mosquitto:2.0`);
    expect(inv?.image?.value).toBe('eclipse-mosquitto:2.0');
    expect(inv?.problems).toEqual([]);
    expect(inv?.published.map((p) => [p.hostIP, p.hostPort, p.containerPort, p.protocol, ...(p.count ? [p.count] : [])])).toEqual(expected);
    for (const p of inv!.published) expect(at(p.span)).toBe(portAt);
  });

  it('keeps published ports next to host networking (the model discards them)', () => {
    const inv = run('docker run --network host -p 1883:1883 eclipse-mosquitto:2.0');
    expect(inv?.hostNetwork?.value).toBe(true);
    expect(inv?.published.map((p) => p.hostPort)).toEqual([1883]);
  });

  it.each([
    ['1883:1883/quic', 'Invalid published port `1883:1883/quic`: unknown protocol `quic`'],
    ['99999:1883', 'Invalid published port `99999:1883`: `99999` is not a port or port range'],
    ['8000-8002:80-81', 'Invalid published port `8000-8002:80-81`: host and container port ranges differ in size'],
    ['[::1]1883', 'Invalid published port `[::1]1883`: an IPv6 address in brackets must be followed by `:`'],
  ])('reports a malformed -p %s at the value', (value, message) => {
    const inv = run(`podman run -p ${value} eclipse-mosquitto:2.0`);
    expect(inv?.published).toEqual([]);
    expect(inv?.problems.map((p) => [p.message, at(p.span)])).toEqual([[message, `1:15-1:${15 + value.length}`]]);
  });

  it.each([
    ['docker run -v /etc/mosquitto:/mosquitto/config:ro eclipse-mosquitto:2.0', [['/etc/mosquitto', '/mosquitto/config', '1:15-1:50']]],
    ['podman run --volume=/srv/m/m.conf:/mosquitto/config/mosquitto.conf eclipse-mosquitto:2.0', [['/srv/m/m.conf', '/mosquitto/config/mosquitto.conf', '1:21-1:67']]],
    ['nerdctl run -v mosquitto-data:/mosquitto/data -v /mosquitto/log eclipse-mosquitto:2.0', [[undefined, '/mosquitto/data', '1:16-1:46'], [undefined, '/mosquitto/log', '1:50-1:64']]],
    ['docker run --mount type=bind,source=/etc/m,target=/mosquitto/config,readonly eclipse-mosquitto:2.0', [['/etc/m', '/mosquitto/config', '1:20-1:77']]],
    ['docker run --mount source=data,target=/mosquitto/config eclipse-mosquitto:2.0', [[undefined, '/mosquitto/config', '1:20-1:56']]],
    ['ctr run --mount type=bind,src=/etc/m,dst=/m,options=rbind:ro img:1 id', [['/etc/m', '/m', '1:17-1:61']]],
    // ctr has no -v: the word after it is the image.
    ['ctr run -v img:1 id', []],
  ])('mounts in %s', (text, mounts) => {
    const inv = run(text);
    expect(inv?.mounts.map((m) => [m.source, m.target, at(m.span)])).toEqual(mounts);
  });

  it('parsePublishSpec reads unbracketed IPv6 host addresses', () => {
    const [w] = words('::1:80:8080');
    expect(parsePublishSpec(w, w.span).ports.map((p) => [p.hostIP, p.hostPort, p.containerPort])).toEqual([['::1', 80, 8080]]);
  });

  it.each([
    ['docker run m:1 mosquitto -c=/x.conf', '/x.conf', '1:29-1:36'],
    ['docker run m:1 /usr/sbin/mosquitto --config-file /y.conf', '/y.conf', '1:50-1:57'],
    ['docker run m:1 mosquitto --config-file=/z.conf -v', '/z.conf', '1:40-1:47'],
    ['docker run m:1 sh -c "mosquitto"', undefined, undefined],
    ['docker run m:1 -c /x.conf', undefined, undefined],
  ])('config path in %s', (text, path, pathAt) => {
    const inv = run(text);
    expect(inv?.configPath?.value).toBe(path);
    if (pathAt) expect(at(inv!.configPath!.span)).toBe(pathAt);
  });

  it.each([
    ['/usr/sbin/mosquitto -c /etc/mosquitto/mosquitto.conf'],
    ['ctr images import /opt/m.tar'],
    ['ctr -n k8s.io tasks start m'],
    ['docker load -i m.tar'],
    ['docker create eclipse-mosquitto:2.0'],
    ['dockerd --debug'],
    [''],
  ])('not a container start: %s', (text) => {
    expect(run(text)).toBeUndefined();
  });
});

describe('parseImageImport', () => {
  it.each([
    ['ctr images import /opt/bundle/eclipse-mosquitto-2.0.tar', 'ctr', [['/opt/bundle/eclipse-mosquitto-2.0.tar', '1:19-1:56']]],
    ['ctr -n k8s.io images import --all-platforms /opt/a.tar', 'ctr', [['/opt/a.tar', '1:45-1:55']]],
    ['/usr/bin/ctr --namespace=k8s.io image import --base-name foo a.tar', 'ctr', [['a.tar', '1:62-1:67']]],
    ['ctr i import a.tar', 'ctr', [['a.tar', '1:14-1:19']]],
    ['$CTR -n k8s.io images import a.tar', 'ctr', [['a.tar', '1:30-1:35']]],
    ['sudo ctr -n k8s.io i import a.tar', 'ctr', [['a.tar', '1:29-1:34']]],
    ['docker load -i a.tar', 'docker', [['a.tar', '1:16-1:21']]],
    ['docker load --input a.tar', 'docker', [['a.tar', '1:21-1:26']]],
    ['docker load --input=a.tar', 'docker', [['a.tar', '1:21-1:26']]],
    ['docker image load -q -i a.tar', 'docker', [['a.tar', '1:25-1:30']]],
    ['nerdctl -n k8s.io load -i a.tar', 'nerdctl', [['a.tar', '1:27-1:32']]],
    ['podman load -i a.tar -i b.tar', 'podman', [['a.tar', '1:16-1:21'], ['b.tar', '1:25-1:30']]],
    ['docker load', 'docker', []],
  ])('%s', (text, runtime, tarballs) => {
    const result = parseImageImport(words(text));
    expect(result?.runtime).toBe(runtime);
    expect(result?.tarballs.map((t) => [t.value, at(t.span)])).toEqual(tarballs);
  });

  it.each([['ctr run img id'], ['docker run -i img'], ['$CTR images import a.tar'], ['tar -xf a.tar'], ['ctr images ls']])(
    'not an import: %s',
    (text) => {
      expect(parseImageImport(words(text))).toBeUndefined();
    },
  );
});

describe('never throws', () => {
  const token = fc.oneof(
    fc.constantFrom('ctr', 'docker', 'nerdctl', 'podman', '$CTR', 'run', 'container', 'images', 'image', 'import', 'load', 'i',
      '-n', 'k8s.io', '--net-host', '--net=host', '--network', 'host', '-p', '-p=', '-dp', '--publish', '-i', '--input', '--',
      '-c', '--config-file', '-c=', '1883:1883', '[::1]:1:2', '[', ']:', '8000-8002:1-3', '/x', 'img:1', '--rootfs', 'sudo'),
    fc.string({ maxLength: 12 }).filter((s) => s.trim() !== '' && !/\s/.test(s)),
  );

  it('reads any word list without throwing, spans inside the text', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (list) => {
        const text = list.join(' ');
        const argv = words(text);
        const inBounds = (s: Span): boolean => s.start >= 0 && s.start <= s.end && s.end <= text.length;
        const inv = parseContainerInvocation(argv);
        if (inv) {
          expect(inBounds(inv.span)).toBe(true);
          for (const w of [inv.image, inv.name, inv.configPath, ...inv.command]) if (w) expect(inBounds(w.span)).toBe(true);
          for (const p of inv.published) {
            expect(inBounds(p.span)).toBe(true);
            expect(p.containerPort).toBeGreaterThan(0);
          }
        }
        const imp = parseImageImport(argv);
        for (const t of imp?.tarballs ?? []) expect(inBounds(t.span)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
