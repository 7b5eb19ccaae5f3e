import { defineRule } from '../../src/engine/rule.js';
import { K } from '../../src/model/kinds.js';
import type { Path, Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';

// The v1alpha2 Go types the sp-validator webhook decodes into, strictly (unknown fields refused).
type FieldType = 'string' | 'bool' | 'float' | 'uint32' | 'quantity' | { object: string } | { list: FieldType } | 'opaquePorts';
const TYPES: Record<string, Record<string, FieldType>> = {
  spec: {
    routes: { list: { object: 'route' } },
    retryBudget: { object: 'retryBudget' },
    dstOverrides: { list: { object: 'dstOverride' } },
    opaquePorts: 'opaquePorts',
  },
  route: {
    name: 'string',
    condition: { object: 'requestMatch' },
    responseClasses: { list: { object: 'responseClass' } },
    isRetryable: 'bool',
    timeout: 'string',
  },
  requestMatch: {
    all: { list: { object: 'requestMatch' } },
    any: { list: { object: 'requestMatch' } },
    not: { object: 'requestMatch' },
    pathRegex: 'string',
    method: 'string',
  },
  responseClass: { condition: { object: 'responseMatch' }, isFailure: 'bool' },
  responseMatch: {
    all: { list: { object: 'responseMatch' } },
    any: { list: { object: 'responseMatch' } },
    not: { object: 'responseMatch' },
    status: { object: 'range' },
  },
  range: { min: 'uint32', max: 'uint32' },
  retryBudget: { retryRatio: 'float', minRetriesPerSecond: 'uint32', ttl: 'string' },
  dstOverride: { authority: 'string', weight: 'quantity' },
};

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

function typeName(t: FieldType): string {
  if (typeof t === 'string') return t === 'quantity' ? 'a Kubernetes quantity' : t === 'float' ? 'a number' : t === 'uint32' ? 'a non-negative integer' : t === 'bool' ? 'a boolean' : 'a string';
  return 'object' in t ? 'an object' : 'a list';
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

export default defineRule({
  id: 'linkerd-sp-schema',
  severity: 'error',
  category: 'linkerd',
  description: 'A ServiceProfile has a field Linkerd does not know or a value of the wrong type, so the sp-validator webhook denies it.',
  equivalents: [],
  inputs: [K.ServiceProfile],
  precision: 'very-high',
  tags: ['schema'],
  check(ctx) {
    for (const sp of ctx.resources(K.ServiceProfile)) {
      const id = `ServiceProfile ${sp.namespace}/${sp.name}`;
      const report = (path: Path, message: string, at?: 'key') => ctx.report({ resource: sp, path, message: `${id} is denied by Linkerd's sp-validator webhook: ${message}`, ...(at ? { at } : {}) });
      const spec = sp.body.spec;
      if (spec === undefined || spec === null) {
        if (sp.version === 'v1alpha1') report(['kind'], 'spec.routes is required in v1alpha1');
        continue;
      }
      if (!isObject(spec)) {
        report(['spec'], `spec must be an object, not ${describe(spec)}`);
        continue;
      }
      if (sp.version === 'v1alpha1' && spec.routes === undefined) report(['spec'], 'spec.routes is required in v1alpha1 (the API server refuses the profile)');
      walkObject(sp, spec, 'spec', ['spec'], report);
      // The CRD declares routes[].condition.not as an array while the Go type is one object: the API
      // server refuses an object there and the webhook refuses a list, so it cannot be used at all.
      if (Array.isArray(spec.routes)) {
        spec.routes.forEach((r, i) => {
          if (isObject(r) && isObject(r.condition) && isObject(r.condition.not))
            report(['spec', 'routes', i, 'condition', 'not'], 'the CRD declares routes[].condition.not as a list, so the API server refuses an object here (a list is refused by the webhook); wrap it as all: [{not: ...}]', 'key');
        });
      }
    }
  },
});

function walkObject(sp: Resource, obj: Record<string, unknown>, typeKey: string, path: Path, report: (p: Path, m: string, at?: 'key') => void): void {
  const fields = TYPES[typeKey];
  for (const [key, value] of Object.entries(obj)) {
    const t = fields[key];
    if (!t) {
      const near = Object.keys(fields).find((f) => f.toLowerCase() === key.toLowerCase());
      report([...path, key], `unknown field "${key}" in ${path.filter((p) => typeof p === 'string').join('.')}${near ? ` (did you mean "${near}"?)` : ''}`, 'key');
      continue;
    }
    walkValue(sp, value, t, [...path, key], report);
  }
}

function walkValue(sp: Resource, value: unknown, t: FieldType, path: Path, report: (p: Path, m: string, at?: 'key') => void): void {
  if (value === null || value === undefined) return; // null decodes to the zero value; the webhook rules judge it
  const field = path.filter((p) => typeof p === 'string').join('.');
  const wrong = () => report(path, `${field} must be ${typeName(t)}, not ${describe(value)}`);
  if (t === 'opaquePorts') {
    report(path, 'spec.opaquePorts cannot be decoded (the CRD declares a list, the Go type is a map); mark opaque ports with the config.linkerd.io/opaque-ports annotation on the Service instead', 'key');
    return;
  }
  if (typeof t === 'string') {
    switch (t) {
      case 'string':
        if (typeof value !== 'string') wrong();
        return;
      case 'bool':
        if (typeof value !== 'boolean') wrong();
        return;
      case 'float':
        if (typeof value !== 'number') wrong();
        return;
      case 'uint32':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 4294967295) wrong();
        return;
      case 'quantity':
        if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' || !QUANTITY.test(value)) wrong();
        return;
    }
  }
  if ('object' in t) {
    if (!isObject(value)) return wrong();
    walkObject(sp, value, t.object, path, report);
    return;
  }
  if (!Array.isArray(value)) return wrong();
  value.forEach((item, i) => walkValue(sp, item, t.list, [...path, i], report));
}
