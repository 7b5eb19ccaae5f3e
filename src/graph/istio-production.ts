// Mesh-wide facts for the production checklist, and where to anchor findings about the mesh as a
// whole (a finding needs a resource and a field).
import type { Path, Resource } from '../model/types.js';
import { K } from '../model/kinds.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';

export interface Anchor {
  resource: Resource;
  path: Path;
  /** How the anchor relates to the finding, for the message. */
  what: string;
}

const ISTIO_GROUPS = new Set(['networking.istio.io', 'security.istio.io', 'telemetry.istio.io', 'extensions.istio.io', 'install.istio.io']);

/** The `istio` ConfigMap carrying the mesh config, when it is in the inputs. */
export function meshConfigMap(graph: ResourceGraph): Resource | undefined {
  return graph.named('ConfigMap', 'istio').find((cm) => isObject(cm.body.data) && typeof cm.body.data.mesh === 'string') ?? graph.named('ConfigMap', 'istio')[0];
}

/**
 * Where a mesh-wide finding goes: the `istio` ConfigMap's mesh, else the first Istio resource of
 * the inputs (by input order). Undefined when the inputs hold no Istio configuration at all.
 */
export function meshAnchor(graph: ResourceGraph): Anchor | undefined {
  const cm = meshConfigMap(graph);
  if (cm) return { resource: cm, path: isObject(cm.body.data) && 'mesh' in cm.body.data ? ['data', 'mesh'] : ['metadata', 'name'], what: 'the mesh config' };
  const first = graph.resources.find((r) => ISTIO_GROUPS.has(r.group));
  return first ? { resource: first, path: ['kind'], what: 'the first Istio resource of the inputs' } : undefined;
}

/** The selector-less PeerAuthentication of the root namespace (the oldest when several). */
export function meshWidePeerAuthentication(graph: ResourceGraph): Resource | undefined {
  return graph
    .inNamespace(K.PeerAuthentication, graph.meshConfig.rootNamespace)
    .find((pa) => {
      const spec = isObject(pa.body.spec) ? pa.body.spec : {};
      return !(isObject(spec.selector) && isObject(spec.selector.matchLabels) && Object.keys(spec.selector.matchLabels).length > 0);
    });
}
