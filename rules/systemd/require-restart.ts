import { defineRule } from '../../src/rule-api.js';
import type { Fix, HostUnit, Span } from '../../src/rule-api.js';

/**
 * systemd's default is Restart=no (systemd.service(5)): a daemon that crashes, or a container whose
 * runtime exits, stays down until someone logs in to the node — on an edge node, maybe never.
 */

interface Options {
  /** Program names (basename of ExecStart's program) that run as long-lived daemons. */
  daemons: string[];
}

const DEFAULT_DAEMONS = ['mosquitto', 'edgecore', 'cloudcore', 'containerd', 'dockerd', 'crio', 'kubelet', 'k3s', 'edgemesh-agent', 'nginx', 'sshd'];

/** Types whose main process is the service itself: the unit is up exactly as long as it runs (systemd.service(5) `Type=`). */
const LONG_RUNNING_TYPES = new Set(['simple', 'exec', 'notify', 'notify-reload']);

/** `ctr run -d`, `docker run --detach`: the ExecStart returns at once, so Restart= has nothing to watch. */
function detached(unit: HostUnit, value: string): boolean {
  const image = unit.container?.image?.value;
  const words = value.split(/\s+/);
  const end = image ? words.indexOf(image) : words.length;
  const flags = words.slice(0, end === -1 ? words.length : end);
  // docker/nerdctl/podman accept grouped short flags (`-itd`); ctr's urfave/cli does not.
  const grouped = unit.container?.runtime !== 'ctr';
  return flags.some((w) => w === '-d' || w === '--detach' || w === '--detach=true' || (grouped && /^-[a-zA-Z]*d[a-zA-Z]*$/.test(w)));
}

/**
 * The type systemd runs the unit with, and whether a valid `Type=` chose it. An invalid `Type=`
 * (`Type=OneShot`) is ignored by systemd (DEFINE_CONFIG_PARSE_ENUM logs and keeps the old value), so
 * the unit runs with the default — `simple` for a service with ExecStart= — and still needs Restart=.
 */
function typeOf(unit: HostUnit): { value: string; explicit: boolean } {
  if (unit.serviceType) return unit.serviceType;
  const written = unit.unit.get('Service', 'Type')?.value.trim();
  return written === undefined ? { value: 'simple', explicit: false } : { value: written, explicit: true };
}

/** What the unit runs, when it is long-lived; undefined for short-lived or unknown commands. */
function longLived(unit: HostUnit, daemons: readonly string[]): string | undefined {
  const execs = unit.unit.getAll('Service', 'ExecStart');
  const exec = execs[execs.length - 1];
  if (!exec) return undefined;
  const type = typeOf(unit);
  if (!LONG_RUNNING_TYPES.has(type.value)) return undefined;
  if (unit.container) {
    if (detached(unit, exec.value)) return undefined;
    return `a container (${unit.container.runtime} run ${unit.container.image?.value ?? ''})`.replace(' )', ')');
  }
  const name = unit.daemon?.name.replace(/^[-@+!:]+/, '');
  if (name && daemons.includes(name)) return `the ${name} daemon`;
  // A script the deployment itself writes, each of whose commands returns, is a job written as
  // Type=simple: the service ends with it, and Restart=always would run the job again and again.
  if (type.explicit && !unit.runsScript?.returns) return `a Type=${type.value} service (${name ?? 'its ExecStart'})`;
  return undefined;
}

/** systemd's parse_boolean: `1`, `yes`, `y`, `true`, `t`, `on`, in any case. */
function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(?:1|yes|y|true|t|on)$/i.test(value.trim());
}

/**
 * Whether the service ends when the process systemd started exits (systemd.service(5)): not under
 * `ExitType=cgroup` (up while any process of its cgroup runs), nor with `RemainAfterExit=yes` (active
 * after its processes exit, nothing stopped). There a forked `mosquitto -d` keeps running, as it does
 * under `KillMode=process` or `none`, where ending the service kills no other process (systemd.kill(5)).
 */
function endsWithStartedProcess(unit: HostUnit): boolean {
  const killMode = unit.unit.get('Service', 'KillMode')?.value.trim();
  return unit.unit.get('Service', 'ExitType')?.value.trim() !== 'cgroup' && !isTrue(unit.unit.get('Service', 'RemainAfterExit')?.value) && killMode !== 'process' && killMode !== 'none';
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** Restart=always + RestartSec=5 after the main file's last ExecStart (or its [Service] header). */
function fixFor(unit: HostUnit): Fix | undefined {
  const main = unit.unit.source;
  const text = main.text;
  if (unit.unit.entries.some((e) => e.source === main && e.section === 'Service' && e.key === 'Restart')) return undefined;
  const execs = unit.unit.entries.filter((e) => e.source === main && e.section === 'Service' && e.key === 'ExecStart');
  let at: number;
  if (execs.length > 0) {
    const last = execs[execs.length - 1];
    at = lineEnd(text, last.span.end);
  } else {
    const header = /^[ \t]*\[Service\][ \t]*(\r?\n|$)/m.exec(text);
    if (!header) return undefined;
    at = header.index + header[0].length;
  }
  const restartSec = unit.unit.get('Service', 'RestartSec') ? '' : 'RestartSec=5\n';
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  const offset = main.rootOffset(at);
  return { description: 'Add Restart=always and RestartSec=5 to [Service]', edits: [{ start: offset, end: offset, text: `${prefix}Restart=always\n${restartSec}` }] };
}

export default defineRule<'missing' | 'disabled' | 'daemonizes', Options>({
  id: 'systemd/require-restart',
  description: 'Require Restart= on units that run long-lived daemons or containers',
  category: 'reliability',
  severity: 'warning',
  recommended: true,
  fixable: true,
  remediation: 'Add Restart=always (or on-failure) and a RestartSec= to the [Service] section.',
  messages: {
    missing: '{{unit}} runs {{what}} but has no Restart=: systemd does not start it again after it exits or crashes.',
    disabled: '{{unit}} runs {{what}} with Restart=no: systemd does not start it again after it exits or crashes.',
    daemonizes:
      '{{unit}} runs mosquitto with {{flag}} under Type={{type}}: mosquitto forks into the background and the process systemd started exits, so systemd takes the service as ended and stops the broker with it (KillMode=control-group); drop {{flag}} — systemd already runs it in the background. Restart= would not help.',
  },
  options: {
    schema: {
      type: 'object',
      properties: { daemons: { type: 'array', items: { type: 'string' }, uniqueItems: true } },
      additionalProperties: false,
    },
    defaults: { daemons: DEFAULT_DAEMONS },
  },
  check({ model, options, report }) {
    const seen = new Set<string>();
    for (const cls of model.classes) {
      for (const unit of cls.units) {
        if (!unit.unit.name.endsWith('.service')) continue;
        const key = `${unit.unit.source.path}\0${unit.unit.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const what = longLived(unit, options.daemons ?? DEFAULT_DAEMONS);
        if (!what) continue;
        // One root cause: under a type that tracks the started process, `mosquitto -d` ends the
        // service as soon as it forks (systemd.service(5) Type=; systemd.kill(5) KillMode=), and
        // Restart= only starts it again to end again.
        const flag = unit.daemon?.daemonize;
        if (flag && endsWithStartedProcess(unit)) {
          report({ messageId: 'daemonizes', data: { unit: unit.unit.name, flag: flag.value, type: typeOf(unit).value }, at: flag.span, severity: 'error' });
          continue;
        }
        const restart = unit.unit.get('Service', 'Restart');
        if (restart && restart.value.trim() !== 'no') continue;
        const execs = unit.unit.getAll('Service', 'ExecStart');
        const at: Span = restart ? restart.span : execs[execs.length - 1].keySpan;
        const fix = restart ? undefined : fixFor(unit);
        report({ messageId: restart ? 'disabled' : 'missing', data: { unit: unit.unit.name, what }, at, ...(fix ? { fix } : {}) });
      }
    }
  },
});
