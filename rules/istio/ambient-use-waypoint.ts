import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path, Resource } from '../../src/model/types.js';
import { USE_WAYPOINT, namespaceAmbient, templateLabelPath, waypointGateway, workloadAmbient } from '../../src/graph/istio-ambient.js';

export default defineRule({
  id: 'istio-ambient-use-waypoint',
  severity: 'warning',
  category: 'istio',
  description: 'An istio.io/use-waypoint label has no effect (the workload or namespace is not in Ambient) or names a waypoint that is not in the inputs.',
  equivalents: ['KIA1312', 'KIA1313'],
  inputs: [],
  precision: 'high',
  tags: ['ambient', 'reference'],
  check(ctx) {
    const { graph } = ctx;
    const gatewaysKnown = graph.hasKind(K.Gateway);
    const checkWaypoint = (r: Resource, path: Path, name: string, ns: string, what: string) => {
      if (!gatewaysKnown || !graph.isNamespaceKnown(ns) || waypointGateway(graph, ns, name)) return;
      ctx.report({
        resource: r,
        path,
        message: `${what} uses waypoint "${ns}/${name}", which is not in the inputs (no Gateway ${ns}/${name}): its L7 traffic and policies have no waypoint to run on`,
      });
    };
    for (const w of graph.workloads) {
      const v = w.labels[USE_WAYPOINT];
      if (!v || v === 'none') continue;
      const what = `${w.resource.kind} ${w.namespace}/${w.resource.name}`;
      const path = templateLabelPath(w, USE_WAYPOINT);
      if (!workloadAmbient(graph, w)) {
        ctx.report({ resource: w.resource, path, message: `${what} sets ${USE_WAYPOINT}=${v} but is not in Ambient mode (no istio.io/dataplane-mode=ambient on the pod or namespace): the waypoint is never used` });
        continue;
      }
      checkWaypoint(w.resource, path, v, w.labels['istio.io/use-waypoint-namespace'] || w.namespace, what);
    }
    for (const kind of ['Namespace', 'Service'] as const) {
      for (const r of graph.ofKind(kind)) {
        const v = r.labels[USE_WAYPOINT];
        if (!v || v === 'none') continue;
        const ns = kind === 'Namespace' ? r.name : r.namespace;
        const what = kind === 'Namespace' ? `Namespace ${r.name}` : `Service ${r.namespace}/${r.name}`;
        const path = ['metadata', 'labels', USE_WAYPOINT];
        if (kind === 'Namespace' && !namespaceAmbient(graph, ns)) {
          ctx.report({ resource: r, path, message: `${what} sets ${USE_WAYPOINT}=${v} but is not in Ambient mode (no istio.io/dataplane-mode=ambient): the waypoint is never used` });
          continue;
        }
        checkWaypoint(r, path, v, r.labels['istio.io/use-waypoint-namespace'] || ns, what);
      }
    }
  },
});
