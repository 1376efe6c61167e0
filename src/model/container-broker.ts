/**
 * What a mosquitto broker binds inside its container's own network namespace. The model's host
 * listeners only cover host networking; with published ports (`-p`, `hostPort`) the host port forwards
 * to the container's interface, so whether the broker listens there — and anonymously — decides what
 * the published port exposes (a 2.0 local-only broker binds the container's loopback, which no
 * forwarded connection reaches).
 */
import { SourceFile } from '../core/source.js';
import type { Span } from '../core/source.js';
import type { Knowledge } from '../knowledge/index.js';
import { brokerListeners, parseMosquittoConf } from '../parse/mosquitto.js';
import type { MosquittoConfig } from '../parse/mosquitto.js';
import { findConf } from './listeners.js';
import { parseImageRef } from './image-ref.js';

export interface ContainerBind {
  port: number;
  /** Addresses inside the container. */
  addresses: string[];
  anonymous: boolean;
  /** The `allow_anonymous` line, or the image reference for the image's own config. */
  anonymousSpan: Span;
}

/**
 * Binds of a broker image started with `command`, reading the image's own config or a linted
 * mosquitto.conf its `-c` names; undefined when the image is not a known mosquitto image.
 */
export function containerBrokerBinds(knowledge: Knowledge, image: string, command: string[], at: Span, confs: MosquittoConfig[] = []): ContainerBind[] | undefined {
  const ref = parseImageRef(image);
  if (!ref) return undefined;
  const series = knowledge.images.mosquittoSeries(ref);
  if (!series) return undefined;
  const shipped = knowledge.images.brokerConfig(ref, command);
  let files: MosquittoConfig[];
  let cmdPorts: number[] = [];
  if (shipped) {
    // The image's file is not in the repository: a virtual file whose every offset maps to the image reference.
    const virtual = new SourceFile(`${at.source.path}#image-config`, shipped.text, 'mosquitto', { parent: at.source, toParentOffset: () => at.start });
    files = shipped.text ? [parseMosquittoConf(virtual)] : [];
    cmdPorts = shipped.cmdPorts;
  } else {
    const configIndex = command.findIndex((w) => w === '-c' || w === '--config-file');
    const mounted = findConf(confs, configIndex >= 0 ? command[configIndex + 1] : undefined);
    if (!mounted) return undefined;
    files = [mounted];
  }
  return brokerListeners(files, series, at, { cmdPorts })
    .filter((b) => b.port > 0 && b.protocol === 'mqtt')
    .map((b) => ({ port: b.port, addresses: b.addresses, anonymous: b.anonymous, anonymousSpan: b.anonymousSpan ?? at }));
}
