import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

/** GatewayClasses that controllers create themselves at install time. */
const BUILT_IN_CLASSES = new Set(['istio', 'istio-remote', 'istio-waypoint', 'istio-east-west', 'cilium', 'gke-l7-global-external-managed', 'gke-l7-regional-external-managed', 'gke-l7-rilb', 'gke-l7-gxlb', 'gke-l7-global-external-managed-mc', 'gke-l7-rilb-mc', 'gke-l7-gxlb-mc', 'amazon-vpc-lattice', 'azure-alb-external']);

export default defineRule({
  id: 'gateway-api-gatewayclass-not-found',
  severity: 'warning',
  category: 'gateway-api',
  description: 'A Gateway names a GatewayClass that is not in the inputs; if it is not installed either, no controller reconciles the Gateway (Accepted=Unknown, Pending).',
  equivalents: ['KIA1504'],
  inputs: [K.Gateway],
  precision: 'medium',
  tags: ['reference'],
  check(ctx) {
    const classes = ctx.resources(K.GatewayClass);
    for (const gw of ctx.resources(K.Gateway)) {
      const spec = isObject(gw.body.spec) ? gw.body.spec : {};
      const name = spec.gatewayClassName;
      if (typeof name !== 'string' || name === '') continue;
      if (ctx.graph.get(K.GatewayClass, '', name)) continue;
      if (BUILT_IN_CLASSES.has(name)) continue;
      const near = classes.filter((c) => similar(c.name, name));
      const hint = near.length
        ? `; did you mean "${near[0].name}"?`
        : classes.length
          ? `; the inputs define ${classes.map((c) => `"${c.name}"`).slice(0, 5).join(', ')}`
          : '; it may be installed in the cluster with the controller';
      ctx.report({
        resource: gw,
        path: ['spec', 'gatewayClassName'],
        // A near-miss of a class in the inputs is most likely a typo; otherwise the class is
        // probably installed with the controller.
        // When the inputs manage GatewayClasses, an absent one is suspicious; otherwise classes
        // usually come with the controller's installation.
        severity: near.length || classes.length > 0 ? 'warning' : 'info',
        message: `Gateway ${gw.namespace}/${gw.name} uses GatewayClass "${name}", which is not in the inputs${hint}; without it no controller accepts the Gateway (Accepted=Unknown, Pending)`,
        related: near.slice(0, 3).map((c) => ({ resource: c, path: ['metadata', 'name'], message: `GatewayClass ${c.name}` })),
      });
    }
  },
});

/** Same name up to case, or at most two single-character edits. */
function similar(a: string, b: string): boolean {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 2) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length] <= 2;
}
