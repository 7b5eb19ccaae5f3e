// Provenance of rendered stdin: Helm `# Source:` headers, kustomize `config.kubernetes.io/origin`
// annotations, --stdin-filepath otherwise.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempTree } from './helpers.js';

const TEMPLATE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: {{ .Release.Name }}-cart
  labels:
    {{- include "shop.labels" . | nindent 4 }}
spec:
  hosts:
  {{- range .Values.hosts }}
  - {{ . }}
  {{- end }}
  gateways:
  - {{ .Values.gateway }}
`;

const RENDERED = `---
# Source: shop/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
data: {a: b}
---
# Source: shop/templates/vs.yaml
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: prod-cart
  labels:
    app: cart
spec:
  hosts:
  - cart.example.com
  gateways:
  - edge
`;

function locations(args: string[], stdin: string) {
  const r = cli(['-', '-f', 'json', '--no-config', ...args], { stdin });
  return JSON.parse(r.stdout).findings.map((f: { location: { file: string; startLine: number; startColumn: number } }) => `${f.location.file}:${f.location.startLine}:${f.location.startColumn}`);
}

describe('helm template | mesh-lint -', () => {
  it('reports in the chart template, at the line where the field is written', () => {
    const dir = tempTree({ 'charts/shop/templates/vs.yaml': TEMPLATE });
    const root = join(dir, 'charts');
    expect(locations(['--source-root', root], RENDERED)).toEqual([`${root}/shop/templates/vs.yaml:13:3`]);
  });
  it('falls back to the first line when the template is not on disk', () => {
    expect(locations([], RENDERED)).toEqual(['shop/templates/vs.yaml:1:1']);
  });
  it('gives SARIF a fingerprint from the template file', () => {
    const dir = tempTree({ 'charts/shop/templates/vs.yaml': TEMPLATE });
    const sarif = JSON.parse(cli(['-', '-f', 'sarif', '--no-config', '--source-root', join(dir, 'charts')], { stdin: RENDERED }).stdout);
    expect(sarif.runs[0].results[0].partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
  });
});

describe('kustomize build | mesh-lint -', () => {
  it('reports in the file named by config.kubernetes.io/origin', () => {
    const base = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: cart
spec:
  hosts: [cart.example.com]
  gateways:
  - mesh
  - edge
`;
    // kustomize re-sorts keys, drops comments and adds the origin annotation.
    const built = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  annotations:
    config.kubernetes.io/origin: |
      path: base/vs.yaml
  name: cart
  namespace: prod
spec:
  gateways:
  - mesh
  - edge
  hosts:
  - cart.example.com
`;
    const dir = tempTree({ 'base/vs.yaml': base });
    expect(locations(['--source-root', dir], built)).toEqual([`${dir}/base/vs.yaml:9:3`]);
  });
});

describe('--stdin-filepath', () => {
  it('names plain stdin input, keeping stream lines', () => {
    const plain = RENDERED.replace(/# Source: .*\n/g, '');
    expect(locations(['--stdin-filepath', 'deploy/rendered.yaml'], plain)).toEqual(['deploy/rendered.yaml:18:5']);
    expect(locations([], plain)).toEqual(['<stdin>:18:5']);
  });
});
