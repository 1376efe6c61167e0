/**
 * SPEC §7 "never throws on input" for the Ansible reader (src/ansible/, src/engine/ansible.ts):
 * whatever a role's tasks, defaults and templates hold — arbitrary YAML values where module
 * arguments go, Jinja that does not close, scalars in every style — `lint()` resolves with no
 * internal error, and every finding points inside the file it names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document } from 'yaml';
import { lint } from '../../src/engine/lint.js';
import { mapScalar } from '../../src/ansible/text-map.js';
import { anyText } from './arbitraries.js';
import { tempDir } from '../temp.js';

const RUNS = 150;
const cwd = tempDir('ansible-property');

const word = fc.constantFrom(
  'keadm join --cloudcore-ipport={{ ip }}:10000 --kubeedge-version={{ v }}', 'cat > /etc/mosquitto/mosquitto.conf <<EOF\nlistener {{ p }}\nEOF\n',
  'ctr -n k8s.io images import /opt/a_1.0.tar', 'src=a.j2 dest=/etc/mosquitto/mosquitto.conf', '{{', '}}', '{% if x %}', '{{ x | default("1883") }}',
  'listener 1883', 'mosquitto -c /etc/mosquitto/mosquitto.conf -d', '/etc/systemd/system/b.service', 'a.j2', 'load', 'yes', '"', "'", '\\', '\n', ' ', '=',
);
const text = fc.oneof(fc.array(word, { maxLength: 6 }).map((w) => w.join(' ')), anyText);
const key = fc.constantFrom('shell', 'ansible.builtin.command', 'copy', 'template', 'systemd', 'service', 'docker_image', 'community.docker.docker_image_load', 'get_url', 'block', 'include_role', 'set_fact', 'name', 'vars', 'when', 'register', 'args');
const argKey = fc.constantFrom('src', 'dest', 'content', 'cmd', 'argv', 'name', 'state', 'enabled', 'source', 'load_path', 'path', 'url', 'tag', 'remote_src');
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ maxDepth: 3 }, text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(argKey, tie('v'), { maxKeys: 4 })),
})).v;
const task = fc.dictionary(key, value, { maxKeys: 4 });
const style = fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED');

function dump(data: unknown, scalarStyle: string): string {
  const doc = new Document(data);
  try {
    return doc.toString({ defaultStringType: scalarStyle as 'PLAIN', lineWidth: 40 });
  } catch {
    return doc.toString();
  }
}

describe('the Ansible reader on arbitrary roles', () => {
  it('never throws, and findings stay inside the files they name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(task, { maxLength: 5 }), fc.dictionary(fc.constantFrom('p', 'v', 'ip', 'x'), value, { maxKeys: 4 }), text, style, async (tasks, defaults, template, scalarStyle) => {
        const files = [
          { path: 'site.yml', content: dump([{ hosts: 'edge', roles: ['r'], tasks }], scalarStyle) },
          { path: 'roles/r/tasks/main.yml', content: dump(tasks, scalarStyle) },
          { path: 'roles/r/defaults/main.yml', content: dump(defaults, scalarStyle) },
          { path: 'roles/r/templates/a.j2', content: template },
        ];
        const result = await lint({ cwd, files });
        expect(result.errors).toEqual([]);
        for (const f of result.findings) {
          const source = result.sources.get(f.file);
          expect(source, f.file).toBeDefined();
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.line).toBeLessThanOrEqual(source!.split(/\r\n|\r|\n/).length);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a scalar value maps onto its raw text monotonically, inside it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.string({ maxLength: 80 }), fc.nat(1000), (value, raw, start) => {
        const mapped = mapScalar(value, raw, start);
        expect(mapped.map).toHaveLength(value.length + 1);
        for (let i = 1; i < mapped.map.length; i++) expect(mapped.map[i]).toBeGreaterThanOrEqual(mapped.map[i - 1]);
        for (const at of mapped.map.slice(0, -1)) expect(at >= start && at <= start + raw.length).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
