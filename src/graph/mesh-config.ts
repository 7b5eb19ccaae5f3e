// Istio mesh configuration: from --mesh-config, or from the `istio` ConfigMap in the inputs.
import { parse } from 'yaml';
import { isObject } from '../parse/parse.js';
import type { JsonObject, Resource } from '../model/types.js';

export interface MeshConfig {
  rootNamespace: string;
  trustDomain: string;
  enableAutoMtls: boolean;
  /** `ALLOW_ANY` (Istio's default) or `REGISTRY_ONLY`. */
  outboundTrafficPolicy: string;
  ingressControllerMode: string;
  ingressService: string;
  ingressSelector: string;
  accessLogFile: string;
  defaultConfig: JsonObject;
  /** meshNetworks, when given in the ConfigMap. */
  meshNetworks?: JsonObject;
  /** Where the settings came from, for messages. */
  source: 'default' | 'file' | 'configmap';
  /** Everything as read, for rules that need more. */
  raw: JsonObject;
}

export const DEFAULT_MESH_CONFIG: MeshConfig = Object.freeze({
  rootNamespace: 'istio-system',
  trustDomain: 'cluster.local',
  enableAutoMtls: true,
  outboundTrafficPolicy: 'ALLOW_ANY',
  ingressControllerMode: 'STRICT',
  ingressService: 'istio-ingressgateway',
  ingressSelector: 'ingressgateway',
  accessLogFile: '',
  defaultConfig: {},
  source: 'default',
  raw: {},
}) as MeshConfig;

export function meshConfigFrom(raw: JsonObject, source: MeshConfig['source'], meshNetworks?: JsonObject): MeshConfig {
  const str = (v: unknown, d: string) => (typeof v === 'string' && v !== '' ? v : d);
  const otp = isObject(raw.outboundTrafficPolicy) ? raw.outboundTrafficPolicy.mode : undefined;
  return {
    rootNamespace: str(raw.rootNamespace, DEFAULT_MESH_CONFIG.rootNamespace),
    trustDomain: str(raw.trustDomain, DEFAULT_MESH_CONFIG.trustDomain),
    enableAutoMtls: typeof raw.enableAutoMtls === 'boolean' ? raw.enableAutoMtls : true,
    outboundTrafficPolicy: str(otp, DEFAULT_MESH_CONFIG.outboundTrafficPolicy),
    ingressControllerMode: str(raw.ingressControllerMode, DEFAULT_MESH_CONFIG.ingressControllerMode),
    ingressService: str(raw.ingressService, DEFAULT_MESH_CONFIG.ingressService),
    ingressSelector: str(raw.ingressSelector, DEFAULT_MESH_CONFIG.ingressSelector),
    accessLogFile: str(raw.accessLogFile, ''),
    defaultConfig: isObject(raw.defaultConfig) ? raw.defaultConfig : {},
    ...(meshNetworks ? { meshNetworks } : {}),
    source,
    raw,
  };
}

/** Reads a MeshConfig YAML file's text; also accepts the `istio` ConfigMap itself. */
export function parseMeshConfigText(text: string): MeshConfig {
  const doc = parse(text, { merge: true }) as unknown;
  if (doc === null || doc === undefined) return meshConfigFrom({}, 'file');
  if (!isObject(doc)) throw new Error('mesh config must be a YAML mapping');
  if (doc.kind === 'ConfigMap' && isObject(doc.data)) return fromConfigMapData(doc.data, 'file');
  return meshConfigFrom(doc, 'file');
}

function fromConfigMapData(data: JsonObject, source: MeshConfig['source']): MeshConfig {
  const mesh = typeof data.mesh === 'string' ? (parse(data.mesh) as unknown) : {};
  const networks = typeof data.meshNetworks === 'string' ? (parse(data.meshNetworks) as unknown) : undefined;
  return meshConfigFrom(isObject(mesh) ? mesh : {}, source, isObject(networks) ? networks : undefined);
}

/**
 * The mesh config in force: an explicit file wins; else the `istio` ConfigMap (Istio reads it from
 * its own namespace, `istio-system` unless the ConfigMap's mesh says otherwise); else defaults.
 */
export function resolveMeshConfig(fromFile: MeshConfig | undefined, resources: readonly Resource[]): MeshConfig {
  if (fromFile) return fromFile;
  const cm = resources.find((r) => r.kindKey === 'ConfigMap' && r.name === 'istio' && isObject(r.body.data) && typeof (r.body.data as JsonObject).mesh === 'string')
    ?? resources.find((r) => r.kindKey === 'ConfigMap' && r.name === 'istio' && isObject(r.body.data));
  if (!cm) return DEFAULT_MESH_CONFIG;
  try {
    return fromConfigMapData(cm.body.data as JsonObject, 'configmap');
  } catch {
    return DEFAULT_MESH_CONFIG;
  }
}
