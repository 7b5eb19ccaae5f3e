// The CLI contract (../shared/contract/cli-contract.md), through the built binary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempTree } from './helpers.js';

const VS_MISSING_GW = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: bookinfo
spec:
  hosts: [bookinfo.example.com]
  gateways:
  - bookinfos-gateway
`;
const GOOD = `apiVersion: v1
kind: ConfigMap
metadata: {name: fine}
data: {a: "1"}
`;
const BROKEN = `apiVersion: v1
kind: ConfigMap
metadata:
  name: [oops
`;

describe('mesh-lint lint', () => {
  it('exits 0 with a clean summary on correct input', () => {
    const dir = tempTree({ 'ok.yaml': GOOD });
    const r = runCli([dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('no problems');
  });

  it('exits 1 and reports the exact line and column in JSON', () => {
    const dir = tempTree({ 'vs.yaml': VS_MISSING_GW });
    const r = runCli(['lint', '--format', 'json', 'vs.yaml'], { cwd: dir });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ files: 1, resources: 1, error: 1, warning: 0, info: 0 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'istio-vs-gateway-not-found',
      severity: 'error',
      resource: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', namespace: 'default', name: 'bookinfo' },
      location: { file: 'vs.yaml', startLine: 8, startColumn: 5, endLine: 8, endColumn: 22 },
    });
  });

  it('lints good files next to a broken one, with a located yaml-syntax finding', () => {
    const dir = tempTree({ 'a-broken.yaml': BROKEN, 'b-vs.yaml': VS_MISSING_GW, 'c-good.yaml': GOOD });
    const r = runCli(['-f', 'json', '.'], { cwd: dir });
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { ruleId: string; location: { file: string; startLine: number } }) => `${f.location.file}:${f.location.startLine} ${f.ruleId}`)).toEqual([
      'a-broken.yaml:4 yaml-syntax',
      'b-vs.yaml:8 istio-vs-gateway-not-found',
    ]);
    expect(report.findings[0].resource).toBeUndefined();
    expect(report.summary.files).toBe(3);
  });

  it('exits 2 with one clear line on stderr for a missing path', () => {
    const r = runCli(['does-not-exist.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual(['mesh-lint: does-not-exist.yaml: no such file or folder']);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on bad usage', () => {
    expect(runCli(['--format', 'yaml', '.']).status).toBe(2);
    expect(runCli(['--fail-on', 'sometimes', '.']).status).toBe(2);
  });

  it('honours --fail-on', () => {
    const dir = tempTree({ 'vs.yaml': VS_MISSING_GW });
    expect(runCli([dir, '--fail-on', 'none']).status).toBe(0);
    expect(runCli([dir, '--rule', 'istio-vs-gateway-not-found=warning']).status).toBe(0);
    expect(runCli([dir, '--rule', 'istio-vs-gateway-not-found=warning', '--fail-on', 'warning']).status).toBe(1);
  });

  it('reads stdin with -', () => {
    const r = runCli(['-', '-f', 'json', '--stdin-filepath', 'rendered.yaml'], { input: VS_MISSING_GW });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].location.file).toBe('rendered.yaml');
  });

  it('applies --default-namespace', () => {
    const dir = tempTree({ 'vs.yaml': VS_MISSING_GW });
    const r = runCli([dir, '-f', 'json', '--default-namespace', 'shop']);
    expect(JSON.parse(r.stdout).findings[0].resource.namespace).toBe('shop');
  });

  it('writes --output and prints nothing on stdout', () => {
    const dir = tempTree({ 'vs.yaml': VS_MISSING_GW });
    const r = runCli(['vs.yaml', '-f', 'sarif', '-o', 'out.sarif'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('gives byte-identical JSON and SARIF whatever the argument order', () => {
    const dir = tempTree({ 'x/a.yaml': VS_MISSING_GW, 'y/b.yaml': BROKEN, 'z/c.yaml': VS_MISSING_GW.replace('bookinfo\n', 'other\n') });
    for (const format of ['json', 'sarif']) {
      const one = runCli(['-f', format, 'x', 'y/b.yaml', 'z'], { cwd: dir }).stdout;
      const two = runCli(['-f', format, 'z', 'x', 'y/b.yaml'], { cwd: dir }).stdout;
      expect(one.length).toBeGreaterThan(100);
      expect(two).toBe(one);
    }
  });

  it('uses the mesh config file for the root namespace', () => {
    const dir = tempTree({
      'mesh.yaml': 'rootNamespace: mesh-root\n',
      'm.yaml': `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: mesh-root}
spec: {mtls: {mode: STRICT}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  trafficPolicy: {tls: {mode: DISABLE}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: x}]}
`,
    });
    expect(runCli(['m.yaml', '--rule', 'istio-mtls-mode-conflict=error'], { cwd: dir }).status).toBe(0);
    const withMesh = runCli(['m.yaml', '-f', 'json', '--mesh-config', 'mesh.yaml'], { cwd: dir });
    expect(JSON.parse(withMesh.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('istio-mtls-mode-conflict');
    expect(runCli(['m.yaml', '--mesh-config', 'nope.yaml'], { cwd: dir }).status).toBe(2);
  });
});

describe('mesh-lint rules and explain', () => {
  it('lists the catalogue as JSON with equivalents', () => {
    const r = runCli(['rules', '--format', 'json']);
    expect(r.status).toBe(0);
    const rules = JSON.parse(r.stdout);
    const gw = rules.find((x: { id: string }) => x.id === 'istio-vs-gateway-not-found');
    expect(gw).toMatchObject({ severity: 'error', category: 'istio' });
    expect(gw.equivalents).toContain('IST0101@virtualservice.GatewayAnalyzer');
    expect(gw.helpUri).toMatch(/^https:\/\//);
  });
  it('explains a rule from its docs page, and refuses an unknown one', () => {
    const r = runCli(['explain', 'istio-mtls-mode-conflict']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# istio-mtls-mode-conflict');
    expect(runCli(['explain', 'no-such-rule']).status).toBe(2);
  });
});

describe('text report', () => {
  it('groups by file and uses no colour when NO_COLOR is set', () => {
    const dir = tempTree({ 'vs.yaml': VS_MISSING_GW });
    const r = runCli(['vs.yaml'], { cwd: dir });
    expect(r.stdout).toMatch(/^vs\.yaml\n {2}8:5 {2}error {4}VirtualService default\/bookinfo references gateway/);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout).toContain('1 problem (1 error, 0 warnings, 0 info)');
  });
  it('uses colour when forced', () => {
    const dir = tempTree({ 'vs.yaml': VS_MISSING_GW });
    const r = runCli(['vs.yaml'], { cwd: dir, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.stdout).toContain('\u001b[31m');
  });
});
