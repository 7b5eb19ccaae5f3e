// Finding a field's key in a (templated) source file; glob matching; rule options from config.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, ruleSettings } from '../../src/engine/config.js';
import { matchesGlob } from '../../src/engine/glob.js';
import { lint } from '../../src/engine/lint.js';
import { documentOf, findKeyPosition, renderedSource } from '../../src/engine/provenance.js';
import type { Resource } from '../../src/model/types.js';
import { defineRule } from '../../src/engine/rule.js';
import { tempTree } from '../cli/helpers.js';

const TEMPLATE = `{{- if .Values.enabled }}
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: {{ .Release.Name }}
spec:
  http:
  - match:
    - gateways: [inner]
    route:
    - destination:
        host: "reviews"
  "gateways":
  {{- range .Values.gateways }}
  - {{ . }}
  {{- end }}
  - static
{{- end }}
`;

describe('findKeyPosition', () => {
  it('follows direct children only, not a deeper key of the same name', () => {
    expect(findKeyPosition(TEMPLATE, ['spec', 'gateways'])).toEqual({ line: 13, column: 3, endColumn: 14 });
    expect(findKeyPosition(TEMPLATE, ['spec', 'http', 0, 'match', 0, 'gateways'])).toEqual({ line: 9, column: 7, endColumn: 24 });
  });
  it('counts list items at the key indentation and skips template lines', () => {
    expect(findKeyPosition(TEMPLATE, ['spec', 'gateways', 0])).toEqual({ line: 15, column: 3, endColumn: 12 });
    expect(findKeyPosition(TEMPLATE, ['spec', 'gateways', 1])).toEqual({ line: 17, column: 3, endColumn: 11 });
    expect(findKeyPosition(TEMPLATE, ['spec', 'http', 0, 'route', 0, 'destination', 'host'])).toEqual({ line: 12, column: 9, endColumn: 24 });
  });
  it('stops at the deepest key it finds (templated items cannot be counted)', () => {
    expect(findKeyPosition(TEMPLATE, ['spec', 'gateways', 5])?.line).toBe(13);
    expect(findKeyPosition(TEMPLATE, ['metadata', 'namespace'])?.line).toBe(4);
    expect(findKeyPosition(TEMPLATE, ['status'])).toBeUndefined();
  });
});

describe('matchesGlob', () => {
  it.each([
    ['legacy/a.yaml', 'legacy/**', true],
    ['apps/legacy/a.yaml', 'legacy/**', false],
    ['apps/legacy/a.yaml', '**/legacy/**', true],
    ['a/b/c.generated.yaml', '*.generated.yaml', true],
    ['a/b/c.yaml', 'a/*.yaml', false],
    ['a/c.yaml', 'a/*.{yaml,yml}', true],
    ['charts/shop/tests/x.yaml', 'charts/*/tests/', true],
    ['vendor/x/y.yaml', 'vendor', true],
    ['./a/b.yaml', 'a/b.yaml', true],
  ])('%s ~ %s = %s', (path, glob, expected) => {
    expect(matchesGlob(path, glob)).toBe(expected);
  });
});

describe('rule options', () => {
  it('reach the rule through ctx.options from the config file', () => {
    const dir = tempTree({ '.mesh-lint.yaml': 'rules:\n  probe: {severity: warning, options: {limit: 3}}\n', 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' });
    const seen: unknown[] = [];
    const probe = defineRule({
      id: 'probe',
      severity: 'error',
      category: 'core',
      description: 'test rule that reports its options',
      equivalents: [],
      inputs: [],
      check(ctx) {
        seen.push(ctx.options);
        for (const r of ctx.resources('ConfigMap')) ctx.report({ resource: r, path: ['metadata', 'name'], message: 'probe' });
      },
    });
    const settings = ruleSettings(loadConfig(join(dir, '.mesh-lint.yaml'), new Set(['probe'])), new Map());
    const result = lint({ paths: [join(dir, 'cm.yaml')], rules: [probe], severityOverrides: settings.severities, ruleOptions: settings.options });
    expect(seen).toEqual([{ limit: 3 }]);
    expect(result.findings.map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('documentOf', () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: cart
spec:
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-cart
spec:
  replicas: 2
---
apiVersion: v1
kind: Service
metadata:
  name: "cart-admin"
spec:
  ports: [{port: 81}]
`;
  it('picks the document of the resource by kind, then by a literal name', () => {
    expect(documentOf(text, 'Deployment', 'prod-cart').offset).toBe(7);
    expect(documentOf(text, 'Service', 'cart-admin').offset).toBe(14);
    expect(documentOf(text, 'Service', 'cart').offset).toBe(0);
    // Two Services, neither named literally: no guess.
    expect(documentOf(text, 'Service', 'other').offset).toBe(0);
    expect(findKeyPosition(documentOf(text, 'Deployment', 'x').lines.join('\n'), ['spec', 'replicas'])?.line).toBe(6);
  });
});

describe('renderedSource', () => {
  const res = (annotations: Record<string, string>, sourceFile?: string) =>
    ({ annotations, origin: { span: { fileId: 0, sliceStart: 0, sliceEnd: 0, contentStart: 0, index: 0 }, basePath: [], ...(sourceFile ? { sourceFile } : {}) } }) as unknown as Resource;
  it('reads Helm sources, kustomize origin paths and generator origins', () => {
    expect(renderedSource(res({}, 'shop/templates/vs.yaml'))).toBe('shop/templates/vs.yaml');
    expect(renderedSource(res({ 'config.kubernetes.io/origin': 'path: base/vs.yaml\n' }))).toBe('base/vs.yaml');
    expect(renderedSource(res({ 'config.kubernetes.io/origin': 'configuredIn: overlays/prod/kustomization.yaml\nconfiguredBy:\n  kind: ConfigMapGenerator\n' }))).toBe('overlays/prod/kustomization.yaml');
    expect(renderedSource(res({ 'config.kubernetes.io/origin': 'path: [oops' }))).toBeUndefined();
    expect(renderedSource(res({}))).toBeUndefined();
  });
});
