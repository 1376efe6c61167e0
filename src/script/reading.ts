/**
 * What reading an install script yields (SPEC §1 "shell scripts"): the files it writes through
 * heredocs, the image tarballs it imports, and the YAML files it edits line by line.
 */
import type { Located, Span } from '../core/source.js';
import type { SedCommandName } from './sed-script.js';
import type { K3sInstall } from './k3s-install.js';
import type { LineEditArgs } from '../ansible/line-edit.js';

export interface VirtualFileWrite {
  /** The target path (`/etc/systemd/system/mosquitto.service`), literal or from a variable assigned once to a literal; a path that depends on the run is unknown and nothing is recorded. */
  path: string;
  /** `cat > P <<`, `tee P <<` = create; `cat >> P <<`, `tee -a P <<` = append. */
  mode: 'create' | 'append';
  /** Heredoc body text exactly as the shell would write it, except expansions in unquoted heredocs are kept as their source text (`${VAR}`). `<<-` strips leading tabs; CRLF line ends are kept. */
  text: string;
  /** Maps an offset in `text` (0..text.length) to an offset in the script text. */
  toScriptOffset(offset: number): number;
  /** The delimiter was quoted: the body is literal text. */
  quoted: boolean;
  /** Ranges of `text` (sorted, end exclusive) holding an expansion kept as its source text (`${VAR}`, `$(cmd)`): filled in at run time. */
  expansions: ReadonlyArray<readonly [number, number]>;
  /** The command line that writes (`cat > P << EOF`, or a whole `cat <<EOF | tee P` pipeline), without the body. */
  span: Span;
}

export interface ImageImport {
  tarball: Located<string>;
  runtime: 'ctr' | 'docker' | 'nerdctl' | 'podman' | 'isula';
  span: Span;
  /**
   * The images a `docker|nerdctl|podman save` of the same script wrote into this tarball (the last
   * save of its path before the import), each located where its name is written; undefined when no
   * such save is read or one of its images is unknown.
   */
  saved?: Array<Located<string>>;
}

/** `docker|nerdctl|podman [image] save -o FILE IMAGE…` (or `> FILE`): the tarball FILE holds IMAGE…. */
export interface ImageSave {
  /** The tarball's path, literal or from variables assigned once. */
  tarball: string;
  /** The images saved, each literal or from variables assigned once; undefined when any is unknown. */
  images: Array<Located<string>> | undefined;
  span: Span;
}

export interface YamlLineEdit {
  /**
   * `sed -i ... FILE`, or `cat >> FILE` / `echo ... >> FILE` / `tee -a FILE`; or an Ansible task's
   * `lineinfile:` / `replace:` / `blockinfile:` (engine/ansible-edits.ts): a `replace` carries the
   * `s` command it is, a `blockinfile` at EOF is an append, one after or before a pattern an `a`/`i`.
   */
  tool: 'sed' | 'append' | 'lineinfile' | 'replace' | 'blockinfile';
  /** For Ansible's line edits: the module's arguments, as rendered (src/ansible/line-edit.ts). */
  ansible?: LineEditArgs;
  /** The YAML file edited (*.yaml, *.yml). */
  target: Located<string>;
  /**
   * The file's directory is computed at run time (`${ROOT}/_output/edgecore.yaml`, ROOT from
   * `$(… && pwd)`): `target` keeps what is unknown as written, and the file's text is never a
   * repository file's (its name alone says what it is).
   */
  openDirectory?: boolean;
  /** The command. */
  span: Span;
  /** For sed: the parsed edit (see sed-script.ts); `extended` when `-E`/`-r` selects POSIX EREs. */
  sed?: {
    address?: string;
    command: SedCommandName;
    text?: string;
    pattern?: string;
    script: Located<string>;
    extended?: boolean;
    /** Only the last line the address matches is edited (lineinfile, blockinfile), or the first with `firstMatch`. */
    lastMatch?: 'last' | 'first';
    /**
     * `r FILE` / `R FILE` / `w FILE` / `W FILE`: the file named. An `r` (or a one-line `R`) of a file
     * whose text the script wrote before is read as `a` with that text (both queue text for the end of
     * the cycle: GNU sed manual, "Commands Requiring a newline").
     */
    file?: string;
  };
  /** For appends: the appended text (a heredoc body, or echo's words and newline), when known. */
  appended?: string;
  /**
   * The `keadm join` of the same script nearest before this edit (else the first after it): the
   * command that writes /etc/kubeedge/config/edgecore.yaml on the node, and so the file's layout.
   */
  keadmJoin?: KeadmJoin;
}

/** `keadm init …` (keadm/cmd/keadm/app/cmd/cloud/init.go; read by keadm-init.ts). */
export interface KeadmInit {
  /**
   * Each `--set` value (pflag StringArray: `--set V` or `--set=V`, repeatable; helm splits V at commas
   * into `key=value` pairs): literal or from variables assigned once; undefined when the run decides it.
   */
  sets: Array<Located<string> | undefined>;
  /** `--kubeedge-version` (StringVar: `=V` or the next word): the release of the images keadm sets, when written. */
  version?: Located<string>;
  /** `--external-helm-root`: charts from a directory the run names, not keadm's own. */
  externalCharts: boolean;
  /** `--dry-run` / `-d`: the manifests are printed, not applied. */
  dryRun: boolean;
  span: Span;
}

/** `keadm join …` (keadm/cmd/keadm/app/cmd/edge/join_others.go): the release it installs, when the script says. */
export interface KeadmJoin {
  /**
   * `--kubeedge-version=V`, literal or from variables assigned once. The flag has a no-option default
   * (`NoOptDefVal`), so pflag takes its value only in the `=` form: `--kubeedge-version V` leaves keadm's
   * own release in force and V unused; then, as with no flag, the release is unknown.
   */
  version?: Located<string>;
  /** `--edgenode-name=NAME` / `-i NAME`: the name the node registers under (literal or from variables assigned once). */
  nodeName?: Located<string>;
  /** `--labels`/`-l k=v,…`: labels the joining node registers with (keadm writes them to modules.edged.nodeLabels). */
  labels?: NodeLabel[];
  span: Span;
}

/**
 * `sed -i 's/PATTERN/…/' FILE` on any file whose path is known: the text PATTERN matches is replaced
 * at run time (the placeholder idiom: `s|__CLOUD_IP__|${CLOUD_IP}|g`).
 */
export interface Substitution {
  path: string;
  /** The regular expression as written between the delimiters (a delimiter escaped inside it is unescaped). */
  pattern: string;
  extended: boolean;
  /** The sed command. */
  span: Span;
}

/**
 * `cp SRC DEST` / `install [-m MODE] SRC DEST`: a file of the repository put on the node, typically a
 * template whose placeholders a later `sed -i s|X|…|` on DEST fills in.
 */
export interface FileCopy {
  /** The source path as far as it is known: literal (relative to the directory the script runs in, or absolute). */
  from: string;
  /** True when `from` is only the tail of the path after an expansion (`"$(dirname "$0")/edgecore.yaml"`, `${DIR}/x`). */
  tail: boolean;
  /** The destination path (DEST, or DEST/basename(SRC) for a DEST ending in `/`). */
  to: string;
  span: Span;
}

/**
 * `mosquitto [-c FILE] [-p PORT]… [-d]` run by the script (broker-runs.ts): a broker on the host the
 * script provisions.
 */
export interface BrokerRun {
  /** The program word. */
  program: Located<string>;
  /** `-c FILE`. */
  configPath?: Located<string>;
  /** Each `-p PORT`, in order. */
  ports: number[];
  /** A word the run decides among the arguments (`-c "$CONF"`, `$OPTS`): what it binds is unknown. */
  unknown: boolean;
  /** The command. */
  span: Span;
}

export interface ScriptReading {
  writes: VirtualFileWrite[];
  /** In script order. */
  copies: FileCopy[];
  /** In script order. */
  substitutions: Substitution[];
  imports: ImageImport[];
  /** Image imports whose archive path depends on the run (`isula load -i "$dir/app-$arch.tar"` with `arch` set in a function): the bundle holds something unknown. */
  openImports: Span[];
  /** Commands that start a Kubernetes/KubeEdge control plane here (host-side.ts). */
  controlPlane: Span[];
  /** Commands that make this host an edge node (`keadm join`, edgecore started; host-side.ts). */
  edgeSide: Span[];
  /** Image saves (`docker save -o`), in script order. */
  saves: ImageSave[];
  yamlEdits: YamlLineEdit[];
  /** `keadm join` commands, in script order. */
  keadmJoins: KeadmJoin[];
  /** `keadm init` commands (keadm-init.ts), in script order. */
  keadmInits: KeadmInit[];
  /** KubeEdge releases the script installs by name (release-mentions.ts), in script order. */
  releases: ReleaseMention[];
  /** `kubectl label node …` commands (kubectl-label.ts), in script order. */
  nodeLabels: NodeLabeling[];
  problems: Array<{ message: string; span: Span }>;
  /** Commands that may keep the script running (script-returns.ts): an unknown program, a `while` loop. */
  staysRunning: Span[];
  /** Brokers the script starts (broker-runs.ts), in script order. */
  brokers: BrokerRun[];
  /** K3s servers and agents set up by K3s's install script (k3s-install.ts) or run by the script (k3s-run.ts), in script order. */
  k3sInstalls: K3sInstall[];
}

/**
 * A KubeEdge release an install script names in what it installs: the release tarball
 * (`kubeedge-v1.13.0-linux-amd64.tar.gz`), keadm's (`keadm-v1.13.0-linux-arm64.tar.gz`) or a
 * `…/releases/download/v1.13.0/…` URL of either.
 */
export interface ReleaseMention {
  /** `1.13.0` (no `v`). */
  version: string;
  /** The word naming it. */
  span: Span;
  /** What names it, for messages: `the release tarball kubeedge-v1.13.0-linux-amd64.tar.gz`. */
  how: string;
}

/** A heredoc body as the shell writes it, mapped back to the script. */
export interface HeredocBody {
  text: string;
  quoted: boolean;
  /** See VirtualFileWrite.expansions. */
  expansions: ReadonlyArray<readonly [number, number]>;
  toScriptOffset(offset: number): number;
}

/** A label put on a node; `value` undefined when the run decides it (`role=$ROLE`). */
export interface NodeLabel {
  key: string;
  value: string | undefined;
}

/** `kubectl label node NAME… KEY=VALUE…`: the labels, and the nodes named (or every node, `--all`). */
export interface NodeLabeling {
  nodes: string[] | 'all';
  labels: NodeLabel[];
  span: Span;
}

export function emptyReading(): ScriptReading {
  return { writes: [], copies: [], substitutions: [], imports: [], openImports: [], controlPlane: [], edgeSide: [], saves: [], yamlEdits: [], keadmJoins: [], keadmInits: [], releases: [], nodeLabels: [], problems: [], staysRunning: [], brokers: [], k3sInstalls: [] };
}
