import { defineRule } from '../../src/engine/rule.js';
import { schemaProblems } from '../../src/schema/validate.js';
import type { Resource } from '../../src/model/types.js';
import { K } from '../../src/model/kinds.js';

function id(r: Resource): string {
  const name = r.name || '(unnamed)';
  return r.namespace ? `${r.namespace}/${name}` : name;
}

export default defineRule({
  id: 'schema-invalid',
  severity: 'error',
  category: 'core',
  description: 'A resource does not match the schema of its kind: the API server rejects it (or drops unknown fields).',
  // IST0106 is shared by one schema.ValidationAnalyzer per Istio kind.
  equivalents: [
    'IST0106@schema.ValidationAnalyzer.AuthorizationPolicy',
    'IST0106@schema.ValidationAnalyzer.DestinationRule',
    'IST0106@schema.ValidationAnalyzer.EnvoyFilter',
    'IST0106@schema.ValidationAnalyzer.Gateway',
    'IST0106@schema.ValidationAnalyzer.PeerAuthentication',
    'IST0106@schema.ValidationAnalyzer.ProxyConfig',
    'IST0106@schema.ValidationAnalyzer.RequestAuthentication',
    'IST0106@schema.ValidationAnalyzer.ServiceEntry',
    'IST0106@schema.ValidationAnalyzer.Sidecar',
    'IST0106@schema.ValidationAnalyzer.Telemetry',
    'IST0106@schema.ValidationAnalyzer.TrafficExtension',
    'IST0106@schema.ValidationAnalyzer.VirtualService',
    'IST0106@schema.ValidationAnalyzer.WasmPlugin',
    'IST0106@schema.ValidationAnalyzer.WorkloadEntry',
    'IST0106@schema.ValidationAnalyzer.WorkloadGroup',
  ],
  inputs: [],
  precision: 'very-high',
  tags: ['schema'],
  // Validation needs nothing but the resource: it runs while the other files are parsed.
  prepare: schemaProblems,
  check(ctx) {
    for (const r of ctx.graph.resources) {
      for (const p of schemaProblems(r)) {
        const who = `${r.kind} ${id(r)}`;
        if (p.kind === 'unknown-field' && r.kindKey === K.ServiceProfile) {
          // linkerd-sp-validator decodes ServiceProfiles strictly: an unknown field is a denial.
          ctx.report({ resource: r, path: p.path, at: 'key', message: `${who}: ${p.detail}; the linkerd-sp-validator webhook rejects the ServiceProfile (strict decoding)` });
        } else if (p.kind === 'unknown-field') {
          ctx.report({ resource: r, path: p.path, at: 'key', severity: 'warning', message: `${who}: ${p.detail}; the API server rejects it with strict field validation or silently drops it` });
        } else {
          ctx.report({ resource: r, path: p.path, ...(p.at ? { at: p.at } : {}), message: `${who}: ${p.detail}; the API server rejects the resource` });
        }
      }
    }
  },
});
