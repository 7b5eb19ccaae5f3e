import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';

export default defineRule({
  id: 'istio-workloadgroup-service-account-not-found',
  severity: 'warning',
  category: 'istio',
  description: 'A WorkloadGroup template names a ServiceAccount that its namespace does not define, so the VM workloads cannot get their identity.',
  equivalents: ['KIA1701'],
  inputs: [K.WorkloadGroup],
  precision: 'high',
  tags: ['reference', 'vm'],
  check(ctx) {
    const { graph } = ctx;
    for (const wg of ctx.resources(K.WorkloadGroup)) {
      const spec = isObject(wg.body.spec) ? wg.body.spec : {};
      const sa = isObject(spec.template) ? spec.template.serviceAccount : undefined;
      if (typeof sa !== 'string' || sa === '' || sa === 'default') continue;
      if (graph.get(K.ServiceAccount, wg.namespace, sa)) continue;
      if (!graph.hasKind(K.ServiceAccount) && !wg.namespaceDefaulted) continue; // the inputs manage no ServiceAccounts at all
      if (graph.ofKind(K.ServiceAccount).some((x) => x.name === sa && x.namespaceDefaulted)) continue;
      ctx.report({
        resource: wg,
        path: ['spec', 'template', 'serviceAccount'],
        message: `WorkloadGroup ${wg.namespace}/${wg.name} runs its workloads as ServiceAccount "${sa}", which is not defined in namespace ${wg.namespace} in the inputs: "istioctl x workload entry configure" fails and the VMs get no identity`,
      });
    }
  },
});
