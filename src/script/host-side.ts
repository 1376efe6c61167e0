/**
 * Which side of a KubeEdge cluster a script's own commands set up: the control plane (the cloud
 * host) or an edge node. The engine's default host classes read it (src/engine/host-class.ts).
 */
import type { ShStmt, ShWord } from './shell-syntax.js';
import type { ScriptReader } from './script-reader.js';
import { keadmSubcommandIndex } from './keadm-join.js';

/** Services whose start makes the host what they name (cloudcore: cloud; edgecore: edge node). */
const SIDE_OF_SERVICE: ReadonlyMap<string, 'cloud' | 'edge'> = new Map([
  ['cloudcore', 'cloud'],
  ['cloudcore.service', 'cloud'],
  ['edgecore', 'edge'],
  ['edgecore.service', 'edge'],
]);

/** systemctl(1) verbs that start (or will start at boot) the unit they name. */
const STARTING_VERBS = new Set(['start', 'restart', 'enable', 'reenable', 'reload-or-restart', 'try-restart']);

/**
 * Notes a command that starts a control plane — `keadm init` (`keadm beta|deprecated init`, keadm's
 * cmd/keadm/app/cmd: the cloud side), `kubeadm init`, `k3s server`, cloudcore run or started by
 * systemctl — or that makes the host an edge node: `keadm join` (beta/deprecated too), edgecore run
 * or started.
 */
export function readHostSide(reader: ScriptReader, stmt: ShStmt, words: ShWord[], program: string | undefined): void {
  const word = (i: number) => reader.literal(words[i]);
  const at = () => reader.stmtSpan(stmt);
  if (program === 'keadm') {
    const verb = word(keadmSubcommandIndex(reader, words));
    if (verb === 'init') reader.reading.controlPlane.push(at());
    else if (verb === 'join') reader.reading.edgeSide.push(at());
  } else if (program === 'kubeadm' && word(1) === 'init') reader.reading.controlPlane.push(at());
  else if (program === 'k3s' && word(1) === 'server') reader.reading.controlPlane.push(at());
  else if (program === 'cloudcore') reader.reading.controlPlane.push(at());
  else if (program === 'edgecore') reader.reading.edgeSide.push(at());
  else if (program === 'systemctl') {
    let i = 1;
    while (word(i)?.startsWith('-')) i++;
    if (!STARTING_VERBS.has(word(i) ?? '')) return;
    for (let k = i + 1; k < words.length; k++) {
      const side = SIDE_OF_SERVICE.get(word(k) ?? '');
      if (side === 'cloud') reader.reading.controlPlane.push(at());
      else if (side === 'edge') reader.reading.edgeSide.push(at());
    }
  }
}
