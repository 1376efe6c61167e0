/**
 * edgecore's defaults for the settings the node rules read, from data/edgecore-defaults.json (each
 * value names the KubeEdge source it comes from; commits in data/SOURCES.md). A setting edgecore.yaml
 * leaves out keeps this value, and an edge node whose edgecore.yaml is not in the deployment is
 * assumed to run with all of them (README, "An unseen node side").
 */
import defaultsData from '../../data/edgecore-defaults.json' with { type: 'json' };

interface Setting<T> {
  path: string[];
  default: T;
  source: string;
}

export interface DefaultListener {
  owner: string;
  what: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  address: string;
  port: number;
}

const DATA = defaultsData as unknown as {
  appliesTo: { since: string; until: string };
  settings: {
    eventBusEnable: Setting<boolean>;
    mqttMode: Setting<number>;
    mqttServerExternal: Setting<string>;
    mqttServerInternal: Setting<string>;
    edgedEnable: Setting<boolean>;
    readOnlyPort: Setting<number>;
    kubeletAddress: Setting<string>;
    metaServerEnable: Setting<boolean>;
    metaServer: Setting<string>;
    serviceBusEnable: Setting<boolean>;
    serviceBusServer: Setting<string>;
    serviceBusPort: Setting<number>;
  };
  defaultListeners: { listeners: DefaultListener[] };
};

type Settings = typeof DATA.settings;

/** Each setting's default value, by name: `EDGECORE_DEFAULTS.readOnlyPort` is 10350. */
export const EDGECORE_DEFAULTS: { readonly [K in keyof Settings]: Settings[K]['default'] } = Object.freeze(
  Object.fromEntries(Object.entries(DATA.settings).map(([name, setting]) => [name, setting.default])) as { [K in keyof Settings]: Settings[K]['default'] },
);

/** The servers edgecore opens on the host with its defaults (the model derives them from the settings; a test holds the two together). */
export const EDGECORE_DEFAULT_LISTENERS: readonly DefaultListener[] = Object.freeze(DATA.defaultListeners.listeners.map((l) => Object.freeze({ ...l })));

/** The KubeEdge minors these defaults are read for. */
export const EDGECORE_DEFAULTS_APPLY_TO: Readonly<{ since: string; until: string }> = Object.freeze({ ...DATA.appliesTo });
