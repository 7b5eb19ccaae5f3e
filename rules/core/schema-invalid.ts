import { defineRule } from '../../src/engine/rule.js';
import { SchemaValidator } from '../../src/schema/validate.js';
import type { Resource } from '../../src/model/types.js';
import { K } from '../../src/model/kinds.js';

/** Compiled validators live as long as the process: each kind is compiled once, on first use. */
let validator: SchemaValidator | undefined;

function id(r: Resource): string {
  const name = r.name || '(unnamed)';
  return r.namespace ? `${r.namespace}/${name}` : name;
}

export default defineRule({
  id: 'schema-invalid',
  severity: 'error',
  category: 'core',
  description: 'A resource does not match the schema of its kind: the API server rejects it (or drops unknown fields).',
  equivalents: ['IST0106'],
  inputs: [],
  precision: 'very-high',
  tags: ['schema'],
  check(ctx) {
    validator ??= new SchemaValidator();
    for (const r of ctx.graph.resources) {
      for (const p of validator.validate(r)) {
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
