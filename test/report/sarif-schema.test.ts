// SARIF output against the SARIF 2.1.0 JSON schema (the copy shipped by Microsoft's SARIF
// multitool package, rewritten as draft 2020-12) and the fields GitHub code scanning reads.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { runCli, tempTree } from '../cli/helpers.js';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

const INPUT = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs, namespace: shop}
spec:
  hosts: [shop.example.com]
  gateways: [public]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec: {selector: {istio: ingressgateway}, servers: []}
`;

describe('SARIF report', () => {
  it('validates against the SARIF 2.1.0 schema and carries what GitHub reads', () => {
    const dir = tempTree({ 'manifests/vs.yaml': INPUT, 'manifests/broken.yaml': 'a: [\n' });
    const r = runCli(['manifests', '-f', 'sarif'], { cwd: dir });
    const log = JSON.parse(r.stdout);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.automationDetails.id).toBe('mesh-lint/');
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(rule.fullDescription.text).not.toBe('');
      expect(rule.help.text).not.toBe('');
      expect(rule.help.markdown).toContain(`# ${rule.id}`);
      expect(rule.properties.tags.length).toBeGreaterThan(0);
      expect(rule.properties.precision).toBeDefined();
    }
    const gw = run.results.find((x: { ruleId: string }) => x.ruleId === 'istio-vs-gateway-not-found');
    expect(run.tool.driver.rules[gw.ruleIndex].id).toBe(gw.ruleId);
    expect(gw.locations[0].physicalLocation.artifactLocation.uri).toBe('manifests/vs.yaml');
    expect(gw.locations[0].physicalLocation.region).toEqual({ startLine: 6, startColumn: 14, endLine: 6, endColumn: 20 });
    expect(gw.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
    expect(gw.relatedLocations[0].id).toBe(1);
    expect(gw.message.text).toContain('](1)');
    expect(run.results.some((x: { ruleId: string }) => x.ruleId === 'yaml-syntax')).toBe(true);
  });

  it('keeps an empty results array on a clean run', () => {
    const dir = tempTree({ 'ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' });
    const log = JSON.parse(runCli(['ok.yaml', '-f', 'sarif'], { cwd: dir }).stdout);
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });
});
