/**
 * K3s servers the deployment's systemd units start: a `k3s.service` (or any unit whose ExecStart runs
 * `k3s [global flags] server`), merged with its drop-ins (`k3s.service.d/*.conf`) as systemd merges
 * them, and what its environment changes.
 *
 * - Drop-ins: an empty `ExecStart=` resets the list and a later `ExecStart=` sets it
 *   (systemd.service(5)); a unit left with more than one ExecStart= that is not `Type=oneshot` is
 *   refused ("Service has more than one ExecStart= setting, which is only allowed for Type=oneshot
 *   services. Refusing.", systemd src/core/service.c service_verify), so it starts nothing. A drop-in
 *   with no unit file in the deployment (the unit K3s's installer writes on the host) still sets
 *   the ExecStart it runs when it resets and sets it.
 * - Environment (`Environment=`, and the `EnvironmentFile=` K3s's installer names,
 *   `/etc/systemd/system/k3s.service.env`, with the K3S_* variables it was run with): the only server
 *   setting an environment variable gives is a flag's `EnvVar` (urfave/cli), and neither `--disable`
 *   nor `--disable-cloud-controller` has one (k3s-io/k3s pkg/cli/cmds/server.go); `--config` does,
 *   K3S_CONFIG_FILE (pkg/cli/cmds/config.go): a server pointed at a config file of its own reads a
 *   `disable:` not known here, so it is not taken to run ServiceLB.
 */
import type { Located, SourceFile, Span } from '../core/source.js';
import { mergeUnit } from '../parse/systemd.js';
import type { SystemdUnit } from '../parse/systemd.js';
import { splitCommandLine } from '../parse/systemd-settings.js';
import { basename, dirname } from '../model/paths.js';
import { EnvFileIndex, expandArgv, unitEnvironment } from '../model/exec-environment.js';

/** A K3s server (or agent): the span findings are reported at, and its arguments after `server` (`agent`). */
export interface K3sServer {
  at: Span;
  args: ReadonlyArray<Located<string>>;
  /** `k3s agent`: it runs no ServiceLB, but labels its node (engine/k3s-nodes.ts). */
  agent?: true;
  /** The release an installer was told to install, when the script states it. */
  release?: string;
}

/** A drop-in directory's unit name: `k3s.service.d` → `k3s.service`. */
export function dropInUnit(path: string): string | undefined {
  const dir = basename(dirname(path));
  return dir.endsWith('.service.d') && path.endsWith('.conf') ? dir.slice(0, -2) : undefined;
}

/** Units and their drop-ins by unit name, as systemd groups them (model/build.ts groupUnits does so per class). */
export function groupUnits(files: readonly SourceFile[]): SystemdUnit[] {
  const groups = new Map<string, { main?: SourceFile; dropIns: SourceFile[] }>();
  const extra: SystemdUnit[] = [];
  for (const file of files) {
    const dropIn = dropInUnit(file.path);
    const name = dropIn ?? basename(file.path);
    if (!name.endsWith('.service')) continue;
    const group = groups.get(name) ?? { dropIns: [] };
    groups.set(name, group);
    if (dropIn) group.dropIns.push(file);
    else if (!group.main) group.main = file;
    else extra.push(mergeUnit(name, file, []));
  }
  return [...[...groups].map(([name, g]) => mergeUnit(name, g.main, g.dropIns)), ...extra];
}

/** `K3S_CONFIG_FILE=…` in an Environment= value or an environment file's line. */
const CONFIG_FILE_VAR = /(?:^|[\s"'])K3S_CONFIG_FILE=\S/m;

/** An EnvironmentFile= path with the unit's `%N` (its name without the suffix) filled in; `-` marks it optional. */
function environmentFilePath(value: string, unitName: string): string {
  return value.replace(/^-/, '').replaceAll('%N', unitName.replace(/\.service$/, '')).trim();
}

/** Whether the unit's environment sets K3S_CONFIG_FILE (an environment file matched by the end of its path). */
function setsConfigFile(unit: SystemdUnit, envFiles: readonly SourceFile[]): boolean {
  if (unit.getAll('Service', 'Environment').some((e) => CONFIG_FILE_VAR.test(e.value))) return true;
  for (const entry of unit.getAll('Service', 'EnvironmentFile')) {
    const path = environmentFilePath(entry.value, unit.name);
    if (!path.startsWith('/')) continue;
    // A repository keeps the host's file under its own folders (`cloud/etc/systemd/system/k3s.service.env`),
    // or beside the unit by its name alone.
    if (namesSettingConfig(envFiles).has(basename(path))) return true;
  }
  return false;
}

/**
 * The names of the environment files that set K3S_CONFIG_FILE, found once per list: each
 * EnvironmentFile= line searched every file's text (hostile12: 10,000 lines naming an 800 KB file, 3.9 s).
 */
const settingConfig = new WeakMap<readonly SourceFile[], ReadonlySet<string>>();
function namesSettingConfig(envFiles: readonly SourceFile[]): ReadonlySet<string> {
  let names = settingConfig.get(envFiles);
  if (!names) {
    names = new Set(envFiles.filter((file) => CONFIG_FILE_VAR.test(file.text)).map((file) => basename(file.path)));
    settingConfig.set(envFiles, names);
  }
  return names;
}

/** The unit's server or agent, when the ExecStart it runs is `k3s [global flags] server|agent …`. */
function unitServer(unit: SystemdUnit, envFiles: readonly SourceFile[], index: EnvFileIndex): K3sServer | undefined {
  const execs = unit.getAll('Service', 'ExecStart');
  if (execs.length === 0) return undefined;
  if (execs.length > 1 && unit.get('Service', 'Type')?.value !== 'oneshot') return undefined;
  const written = splitCommandLine(execs[execs.length - 1]).argv;
  // `ExecStart=/usr/local/bin/k3s server $K3S_OPTS` with K3S_OPTS in the unit's environment (model/exec-environment.ts).
  const argv = written.some((w) => w.value.includes('$')) ? expandArgv(written, unitEnvironment(unit, index)) : written;
  if (argv.length < 2 || basename(argv[0].value).replace(/^[-@+!:]+/, '') !== 'k3s') return undefined;
  const at = argv.findIndex((w, i) => i > 0 && !w.value.startsWith('-'));
  if (at === -1 || (argv[at].value !== 'server' && argv[at].value !== 'agent')) return undefined;
  if (setsConfigFile(unit, envFiles)) return undefined;
  return { at: argv[at].span, args: argv.slice(at + 1), ...(argv[at].value === 'agent' ? { agent: true as const } : {}) };
}

/** The K3s servers and agents the units start, in the order their files were read. */
export function unitServers(unitFiles: readonly SourceFile[], envFiles: readonly SourceFile[]): K3sServer[] {
  const candidates = unitFiles.filter((f) => /\bk3s\b/.test(f.text));
  if (candidates.length === 0) return [];
  const names = new Set(candidates.map((f) => dropInUnit(f.path) ?? basename(f.path)));
  const servers: K3sServer[] = [];
  const index = new EnvFileIndex(envFiles);
  for (const unit of groupUnits(unitFiles.filter((f) => names.has(dropInUnit(f.path) ?? basename(f.path))))) {
    const server = unitServer(unit, envFiles, index);
    if (server) servers.push(server);
  }
  return servers;
}
