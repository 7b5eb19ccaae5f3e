// Schema validation and API versions: behaviour of src/schema, and equivalence of the precompiled
// standalone validators (dist/validators, written by the build) with runtime compilation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/parse.js';
import { ResourceBuilder } from '../../src/model/build.js';
import { SchemaValidator, formatPath } from '../../src/schema/validate.js';
import { apiVerdict, compareVersions } from '../../src/schema/api-versions.js';

const ROOT = join(import.meta.dirname, '..', '..');

function resources(text: string) {
  const b = new ResourceBuilder({ defaultNamespace: 'default' });
  for (const d of parseSource(0, text).documents) b.addDocument(d);
  return b.resources;
}

const compiled = new SchemaValidator(join(ROOT, 'schemas'), null);

function problems(text: string, v = compiled) {
  return resources(text).flatMap((r) => v.validate(r).map((p) => `${p.kind} ${formatPath(p.path)}`));
}

describe('schema validation', () => {
  it('ignores kinds without a schema (other projects, App Mesh VirtualService)', () => {
    expect(problems('apiVersion: appmesh.k8s.aws/v1beta2\nkind: VirtualService\nmetadata: {name: a}\nspec: {anything: [1, 2]}\n')).toEqual([]);
    expect(problems('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: a}\nspec: 3\n')).toEqual([]);
  });

  it('accepts int-or-string, quantities as numbers and nulls for optional fields', () => {
    const text = `apiVersion: v1
kind: Service
metadata: {name: a, creationTimestamp: null}
spec:
  selector: null
  ports:
  - {port: 80, targetPort: http}
  - {port: 81, targetPort: 8081}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: x
    resources: {limits: {cpu: 1, memory: 512}}
`;
    expect(problems(text)).toEqual([]);
  });

  it('reports type, enum, required and unknown fields at the right paths', () => {
    const text = `apiVersion: v1
kind: Service
metadata: {name: a, labels: {v: 1}}
spec:
  type: Nodeport
  ports:
  - {prot: 80}
`;
    expect(problems(text).sort()).toEqual(
      ['invalid metadata.labels.v', 'invalid spec.type', 'required spec.ports[0]', 'unknown-field spec.ports[0].prot'].sort(),
    );
  });

  it('applies CRD defaults before oneOf (Gateway addresses without a type)', () => {
    const text = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: g}
spec:
  gatewayClassName: c
  addresses: [{value: 10.0.0.1}]
  listeners: [{name: http, protocol: HTTP, port: 80}]
`;
    expect(problems(text)).toEqual([]);
  });

  it('reads a workload without pod template as a patch: only set values are checked', () => {
    expect(problems('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {replicas: 3, serviceName: x}\n')).toEqual([]);
    expect(problems('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {replicas: "3"}\n')).toEqual(['invalid spec.replicas']);
  });

  it('gives the same results precompiled and compiled at run time', () => {
    const dist = join(ROOT, 'dist', 'validators');
    if (!existsSync(dist)) return; // built by `npm run build`; the compiled path is covered above
    const precompiled = new SchemaValidator(join(ROOT, 'schemas'), dist);
    const dir = join(ROOT, 'test', 'fixtures', 'core', 'schema-invalid');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(problems(text, precompiled), f).toEqual(problems(text));
    }
  });
});

describe('API versions', () => {
  it('names the replacement of removed APIs', () => {
    expect(apiVerdict('extensions', 'v1beta1', 'Deployment')).toMatchObject({ status: 'removed', replacement: 'apps/v1' });
    expect(apiVerdict('config.istio.io', 'v1alpha2', 'rule')).toMatchObject({ status: 'removed' });
    expect(apiVerdict('rbac.istio.io', 'v1alpha1', 'ServiceRoleBinding')?.replacement).toContain('AuthorizationPolicy');
    expect(apiVerdict('gateway.networking.k8s.io', 'v1alpha2', 'HTTPRoute')).toMatchObject({ status: 'removed', replacement: 'gateway.networking.k8s.io/v1' });
  });
  it('leaves served versions and unknown groups alone', () => {
    expect(apiVerdict('networking.istio.io', 'v1alpha3', 'VirtualService')).toBeUndefined();
    expect(apiVerdict('apps', 'v1', 'Deployment')).toBeUndefined();
    expect(apiVerdict('appmesh.k8s.aws', 'v1beta2', 'VirtualService')).toBeUndefined();
    expect(apiVerdict('networking.istio.io', 'v1', 'SomethingNew')).toBeUndefined();
  });
  it('marks deprecated CRD versions with the newest served one', () => {
    expect(apiVerdict('policy.linkerd.io', 'v1beta1', 'Server')).toMatchObject({ status: 'deprecated', replacement: 'policy.linkerd.io/v1beta3' });
  });
  it('orders Kubernetes versions', () => {
    expect(['v1', 'v1alpha1', 'v2', 'v1beta2', 'v1beta1'].sort(compareVersions)).toEqual(['v1alpha1', 'v1beta1', 'v1beta2', 'v1', 'v2']);
  });
});
