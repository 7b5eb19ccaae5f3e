import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import { isObject } from '../../src/parse/parse.js';
import { formatSelector, labelSelector, selectorMatches } from '../../src/graph/selectors.js';

const KINDS = [K.Deployment, K.StatefulSet, K.DaemonSet, K.ReplicaSet, K.Job];

export default defineRule({
  id: 'k8s-workload-selector-mismatch',
  severity: 'error',
  category: 'kubernetes',
  description: "A workload's spec.selector does not match the labels of its own pod template; the API server rejects it.",
  equivalents: [],
  inputs: KINDS,
  precision: 'very-high',
  tags: ['reference'],
  check(ctx) {
    for (const kind of KINDS) {
      for (const r of ctx.resources(kind)) {
        const w = ctx.graph.workloadOf(r);
        const spec = isObject(r.body.spec) ? r.body.spec : undefined;
        if (!w || !spec || !isObject(spec.selector)) continue;
        const sel = labelSelector(spec.selector);
        if (!sel || selectorMatches(sel, w.labels)) continue;
        // Point at the first selector term the template labels fail.
        let path: (string | number)[] = ['spec', 'selector'];
        const wrong = Object.entries(sel.matchLabels).find(([k, v]) => w.labels[k] !== v);
        if (wrong) path = ['spec', 'selector', 'matchLabels', wrong[0]];
        else {
          const i = sel.matchExpressions.findIndex((e) => !selectorMatches({ matchLabels: {}, matchExpressions: [e] }, w.labels));
          if (i >= 0) path = ['spec', 'selector', 'matchExpressions', i];
        }
        const detail = wrong ? (w.labels[wrong[0]] === undefined ? `the template has no label "${wrong[0]}"` : `the template has ${wrong[0]}=${w.labels[wrong[0]]}`) : 'the template labels fail its expressions';
        ctx.report({
          resource: r,
          path,
          message: `${r.kind} ${r.namespace}/${r.name} selects {${formatSelector(sel)}}, which does not match its own pod template (${detail}): the API server rejects it`,
          related: [{ resource: r, path: [...w.templatePath, 'metadata', 'labels'], message: 'pod template labels' }],
        });
      }
    }
  },
});
