import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/parse.js';
import { ResourceBuilder } from '../../src/model/build.js';
import { DocumentLocator, LineIndex } from '../../src/parse/locate.js';

function model(text: string, defaultNamespace = 'default') {
  const parsed = parseSource(0, text);
  const b = new ResourceBuilder({ defaultNamespace });
  for (const d of parsed.documents) b.addDocument(d);
  return { parsed, resources: b.resources };
}

function locate(text: string, resourceIndex: number, path: Array<string | number>, at?: 'key') {
  const { resources } = model(text);
  const r = resources[resourceIndex];
  const range = new DocumentLocator(text, r.origin.span).locate([...r.origin.basePath, ...path], at ? { at } : {});
  const lines = new LineIndex(text);
  const s = lines.position(range[0]);
  const e = lines.position(range[1]);
  return `${s.line}:${s.column}-${e.line}:${e.column}`;
}

describe('parse and model', () => {
  it('reads multi-document YAML, skipping comment-only, empty and non-manifest documents', () => {
    const text = '# header\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nfoo: bar\n---\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b, namespace: x}\n';
    const { parsed, resources } = model(text);
    expect(parsed.problems).toEqual([]);
    expect(resources.map((r) => `${r.kindKey} ${r.namespace}/${r.name}`)).toEqual(['ConfigMap default/a', 'Service x/b']);
  });

  it('defaults namespaces for namespaced kinds only', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs}\n';
    const { resources } = model(text, 'team-a');
    expect(resources.map((r) => [r.kindKey, r.namespace, r.namespaceDefaulted])).toEqual([
      ['Namespace', '', false],
      ['networking.istio.io/VirtualService', 'team-a', true],
    ]);
  });

  it('flattens kind: List and *List, each item keeping its own location', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: one}\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: two\n';
    const { resources } = model(text);
    expect(resources.map((r) => r.name)).toEqual(['one', 'two']);
    expect(resources[1].origin.basePath).toEqual(['items', 1]);
    expect(locate(text, 1, ['metadata', 'name'])).toBe('10:11-10:14');
  });

  it('honours merge keys as Kubernetes decoders do', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n  labels: &l {app: web}\ndata:\n  <<: {a: "1"}\n  b: "2"\n';
    const { resources } = model(text);
    expect(resources[0].body.data).toEqual({ a: '1', b: '2' });
  });

  it('handles a BOM and CRLF line endings with exact positions', () => {
    const text = '\ufeffapiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: crlf\r\n';
    const { resources } = model(text);
    expect(resources[0].name).toBe('crlf');
    expect(locate(text, 0, ['metadata', 'name'])).toBe('4:9-4:13');
  });

  it('reports a syntax error at its position and keeps the other documents', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n';
    const { parsed, resources } = model(text);
    expect(resources.map((r) => r.name)).toEqual(['ok']);
    expect(parsed.problems.map((p) => p.ruleId)).toContain('yaml-syntax');
  });

  it('reports duplicate keys but still reads the document', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata:\n  a: "1"\n  a: "2"\n';
    const { parsed, resources } = model(text);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0].ruleId).toBe('yaml-duplicate-key');
    expect(resources).toHaveLength(1);
  });

  it('captures the Helm # Source: header of each document', () => {
    const text = '---\n# Source: shop/templates/vs.yaml\napiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\n# Source: shop/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n';
    const { parsed } = model(text);
    expect(parsed.documents.map((d) => d.helmSource)).toEqual(['shop/templates/vs.yaml', 'shop/templates/svc.yaml']);
  });
  it('keeps mappings with toString or valueOf keys printable, also when an alias shares them', () => {
    // Found by the property test: String({toString: []}) throws, and rules print user values.
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: &n {toString: [], valueOf: 1}\n  - name: *n\n';
    const { resources } = model(text);
    const containers = (resources[0].body.spec as { containers: Array<{ name: unknown }> }).containers;
    expect(String(containers[0].name)).toBe('[object Object]');
    expect(`${containers[1].name}`).toBe('[object Object]');
    expect(JSON.stringify(containers[0].name)).toBe('{"toString":[],"valueOf":1}');
  });
});

describe('locating paths', () => {
  const text = [
    'apiVersion: networking.istio.io/v1', // 1
    'kind: VirtualService', // 2
    'metadata:', // 3
    '  name: vs', // 4
    'spec:', // 5
    '  gateways:', // 6
    '  - mesh', // 7
    '  - "missing"', // 8
    '  http:', // 9
    '  - route:', // 10
    '    - destination: {host: reviews}', // 11
    '',
  ].join('\n');

  it('points at a scalar value', () => {
    expect(locate(text, 0, ['spec', 'gateways', 1])).toBe('8:5-8:14');
  });
  it('points at the key of a collection value, on one line', () => {
    expect(locate(text, 0, ['spec', 'gateways'])).toBe('6:3-6:11');
  });
  it('points at the key itself when asked', () => {
    expect(locate(text, 0, ['metadata', 'name'], 'key')).toBe('4:3-4:7');
  });
  it('falls back to the closest existing ancestor for a missing path', () => {
    expect(locate(text, 0, ['spec', 'http', 0, 'timeout'])).toBe('10:5-10:11');
  });
  it('reaches into flow mappings', () => {
    expect(locate(text, 0, ['spec', 'http', 0, 'route', 0, 'destination', 'host'])).toBe('11:27-11:34');
  });
});
