import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isGoBool, podConfig, serviceProfileTarget } from '../../src/graph/linkerd.js';

const EXTERNAL_PROFILES = 'config.linkerd.io/enable-external-profiles';

export default defineRule({
  id: 'linkerd-sp-name-not-fqdn',
  severity: 'error',
  category: 'linkerd',
  description: 'A ServiceProfile is not named <service>.<namespace>.svc.<cluster domain>, so Linkerd never applies it.',
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    const domain = ctx.graph.clusterDomain;
    // Pod template or namespace (the injector copies namespace config to pods); Go ParseBool spellings.
    const externalProfilesEnabled = ctx.graph.workloads.some((w) => {
      const v = podConfig(ctx.graph, w, EXTERNAL_PROFILES);
      return v !== undefined && isGoBool(v) && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);
    });
    for (const sp of ctx.resources(K.ServiceProfile)) {
      if (!sp.name || serviceProfileTarget(sp.name, domain)) continue;
      const labels = sp.name.split('.');
      const fix = `${labels[0]}.${labels[1] ?? sp.namespace}.svc.${domain}`;
      if (labels.length <= 2 || (sp.name.includes('.svc.') && !sp.name.endsWith(`.svc.${domain}`))) {
        // `web`, `web.emojivoto`, or a Kubernetes name with another cluster domain: never looked up.
        ctx.report({
          resource: sp,
          path: ['metadata', 'name'],
          message: `ServiceProfile ${sp.namespace}/${sp.name} is never used: Linkerd looks profiles up by the fully qualified name "${fix}" (cluster domain ${domain})`,
        });
      } else if (!externalProfilesEnabled) {
        ctx.report({
          resource: sp,
          path: ['metadata', 'name'],
          severity: 'warning',
          message: `ServiceProfile ${sp.namespace}/${sp.name} names an external host; Linkerd applies it only to clients annotated ${EXTERNAL_PROFILES}: "true", and none in the inputs is`,
        });
      }
    }
  },
});
