import { defineRule } from '../../src/engine/rule.js';
import { DATAPLANE_MODE, hasSidecarContainer, sidecarRequested, templateLabelPath, workloadAmbient } from '../../src/graph/istio-ambient.js';

export default defineRule({
  id: 'istio-ambient-sidecar-conflict',
  severity: 'error',
  category: 'istio',
  description: 'A workload is set up for both Ambient and sidecar mode (labels, or an istio-proxy container in an Ambient namespace).',
  equivalents: ['KIA1311', 'KIA1315', 'KIA1316'],
  inputs: [],
  precision: 'high',
  tags: ['ambient'],
  check(ctx) {
    const { graph } = ctx;
    for (const w of graph.workloads) {
      const ambient = workloadAmbient(graph, w);
      const sidecarIdx = hasSidecarContainer(w);
      const title = `${w.resource.kind} ${w.namespace}/${w.resource.name}`;
      const ambientBy = w.labels[DATAPLANE_MODE] === 'ambient' ? `its label ${DATAPLANE_MODE}=ambient` : `namespace ${w.namespace} (${DATAPLANE_MODE}=ambient)`;
      if (ambient && sidecarIdx >= 0) {
        ctx.report({
          resource: w.resource,
          path: [...w.templatePath, 'spec', 'containers', sidecarIdx, 'name'],
          message: `${title} runs an istio-proxy sidecar container but is in Ambient mode through ${ambientBy}: traffic is captured twice (ztunnel and sidecar) and connections fail; remove the sidecar or opt the pod out with ${DATAPLANE_MODE}: none`,
        });
      } else if (ambient && sidecarRequested(graph, w)) {
        ctx.report({
          resource: w.resource,
          path: templateLabelPath(w, w.labels[DATAPLANE_MODE] === 'ambient' ? DATAPLANE_MODE : w.labels['sidecar.istio.io/inject'] !== undefined ? 'sidecar.istio.io/inject' : undefined),
          message: `${title} is in Ambient mode through ${ambientBy} and also gets a sidecar injected (namespace istio-injection / istio.io/rev label or sidecar.istio.io/inject): choose one data plane mode`,
        });
      }
      // A pod that opts out of Ambient (dataplane-mode: none) may legitimately run a sidecar.
    }
  },
});
