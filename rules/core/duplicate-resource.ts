import { defineRule } from '../../src/engine/rule.js';
import { resourceLabel } from '../../src/model/kinds.js';

export default defineRule({
  id: 'duplicate-resource',
  severity: 'error',
  category: 'core',
  description: 'The same kind, namespace and name is defined more than once in the inputs; one definition silently replaces the other.',
  equivalents: [],
  inputs: [],
  precision: 'high',
  tags: ['reference'],
  check(ctx) {
    for (const r of ctx.graph.resources) {
      if (!r.name) continue; // generateName: the server picks a fresh name each time
      const all = ctx.graph.getAll(r.kindKey, r.namespace, r.name);
      if (all.length < 2 || all[0] === r) continue;
      const first = all[0];
      const sameFile = first.origin.span.fileId === r.origin.span.fileId;
      ctx.report({
        resource: r,
        path: ['metadata', 'name'],
        // In one file the later document always wins. Across files it is often a variant meant
        // to be applied on its own (demo steps, per-environment folders): info only.
        severity: sameFile ? 'error' : 'info',
        message: `${resourceLabel(r)} is defined ${sameFile ? 'twice in this file' : 'again here'}: the definition applied last replaces the other one${sameFile ? '' : ' (another file of the inputs defines it too)'}`,
        related: [{ resource: first, path: ['metadata', 'name'], message: `first definition of ${resourceLabel(first)}` }],
      });
    }
  },
});
