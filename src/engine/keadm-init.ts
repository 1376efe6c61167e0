/**
 * `keadm init` installs keadm's CloudCore chart, whose `edge-eclipse-mosquitto` DaemonSet (KubeEdge
 * 1.16 on) runs a host-network broker on every edge node: an install script that runs it brings that
 * broker into the deployment as surely as a manifest would (sweep13: a K3s installer's `keadm init` of
 * 1.22 beside an edge installer's own mosquitto unit on 1883). The DaemonSet is linted as a manifest
 * keadm applies, every position of it at the `keadm init` command line.
 *
 * Only when the script states its release and all of it is 1.16 or later (keadm's chart is keadm's
 * own release; scripts name it in the tarball they unpack, a release variable, `--kubeedge-version`),
 * when the values do not turn it off or leave it to the run, and when the deployment does not already
 * hold the DaemonSet (a rendered chart beside the script is what keadm applies, not a second copy).
 */
import { SourceFile } from '../core/source.js';
import type { KeadmInit, ReleaseMention } from '../script/read-script.js';
import { MOSQUITTO_DAEMONSET_FROM, keadmMosquittoDaemonSet } from '../knowledge/keadm-init.js';
import { compareMinor, minorOf } from '../knowledge/versions.js';

export interface KeadmInitUse {
  script: SourceFile;
  init: KeadmInit;
}

/** Whether the releases a script states, with its `keadm init --kubeedge-version`, are all 1.16 or later (and there are some). */
export function appliesMosquittoDaemonSet(init: KeadmInit, releases: readonly ReleaseMention[]): boolean {
  const stated = releases.map((r) => r.version);
  if (init.version) stated.push(init.version.value);
  const known = stated.filter((v) => minorOf(v) !== undefined);
  return known.length > 0 && known.length === stated.length && known.every((v) => compareMinor(v, MOSQUITTO_DAEMONSET_FROM) >= 0);
}

/** helm's `--set a=b,c=d` (pkg/strvals): pairs split at commas, each at its first `=`; a value the run decides is undefined. */
function setPairs(init: KeadmInit): Array<readonly [string, string | undefined]> | undefined {
  const pairs: Array<readonly [string, string | undefined]> = [];
  for (const set of init.sets) {
    // A `--set` the run decides whole may set anything the chart reads.
    if (!set) return undefined;
    for (const pair of set.value.split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) pairs.push([pair.slice(0, eq), pair.slice(eq + 1)]);
    }
  }
  return pairs;
}

/**
 * The DaemonSet the first such `keadm init` applies, as a manifest file mapped onto that command, or
 * undefined (see the module comment). `hasDaemonSet` says whether the deployment holds one already.
 */
export function keadmInitManifest(uses: readonly KeadmInitUse[], hasDaemonSet: boolean): SourceFile | undefined {
  if (hasDaemonSet) return undefined;
  for (const { script, init } of uses) {
    if (init.dryRun || init.externalCharts) continue;
    const pairs = setPairs(init);
    const text = pairs && keadmMosquittoDaemonSet(pairs);
    if (!text) continue;
    const at = init.span.start;
    const line = script.root.positionAt(init.span.source.rootOffset(at)).line;
    return new SourceFile(`keadm init (line ${line}): cloudcore chart daemonset_mosquitto.yaml`, text, 'yaml', { parent: init.span.source, toParentOffset: () => at });
  }
  return undefined;
}
