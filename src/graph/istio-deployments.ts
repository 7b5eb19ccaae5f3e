// Deployments in the sidecar mesh and the Services that select them, for the port-association checks.
import type { JsonObject, Resource } from '../model/types.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';
import { podInMesh } from './istio-workloads.js';

export interface DeploymentServices {
  deployment: Resource;
  services: Array<{ svc: Resource; ports: JsonObject[] }>;
}

/** Sidecar-injected Deployments (not waypoints) with the Services of their namespace that select them. */
export function meshDeploymentServices(graph: ResourceGraph): DeploymentServices[] {
  return graph.memo('istio:deployment-services', () => {
    const out: DeploymentServices[] = [];
    for (const d of graph.ofKind('apps/Deployment')) {
      if (d.labels['gateway.istio.io/managed'] === 'istio.io-mesh-controller') continue;
      const w = graph.workloadOf(d);
      if (!w || !podInMesh(graph, w)) continue;
      const services = graph.servicesSelecting(w).map((svc) => {
        const spec = isObject(svc.body.spec) ? svc.body.spec : {};
        return { svc, ports: Array.isArray(spec.ports) ? spec.ports.filter(isObject) : [] };
      });
      if (services.length > 1) out.push({ deployment: d, services });
    }
    return out;
  });
}
