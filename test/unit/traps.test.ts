import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/parse/parse.js';
import { findUnrenderedHelm } from '../../src/parse/traps.js';

const rules = (text: string) => parseSource(0, text).problems.map((p) => p.ruleId);

describe('YAML traps', () => {
  it('reports an unrendered Helm template once and lints nothing else of the file', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n{{- include "x" . | nindent 4 }}\nspec: {ports: [{port: {{ .Values.port }}}]}\n';
    const r = parseSource(0, text);
    expect(r.problems.map((p) => p.ruleId)).toEqual(['helm-unrendered']);
    expect(r.documents).toEqual([]);
    expect(text.slice(...r.problems[0].range)).toBe('{{ .Release.Name }}');
  });
  it('leaves Go templates inside strings, block scalars, comments and plain values alone', () => {
    const text = `# {{ comment }}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  a: "{{ x }}"\n  b: '{{ y }}'\n  c: |\n    {{ z }}\n  d: --format={{.ID}}\n`;
    expect(findUnrenderedHelm(0, text)).toBeUndefined();
    expect(rules(text)).toEqual([]);
  });
  it('leaves a Helm action inside a string to the other rules (rendered test data may carry one)', () => {
    expect(rules("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers: [{name: c, image: i, args: ['http://g:{{ .Values.port }}']}]\n")).toEqual([]);
  });
  it('turns tab indentation into one yaml-tab problem', () => {
    expect(rules('apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n')).toEqual(['yaml-tab']);
    expect(rules('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  a: x\ty\n')).toEqual([]);
  });
  it('flags unquoted YAML 1.1 booleans among values only', () => {
    expect(rules('a: yes\nb: "no"\non: 1\nc: [Off, "on"]\nd: true\ne: nope\n')).toEqual(['yaml-ambiguous-boolean', 'yaml-ambiguous-boolean']);
  });
  it('flags leading-zero integers except file modes', () => {
    const r = parseSource(0, 'port: 080\nbuild: 0123\ndefaultMode: 0644\nmode: 0755\nzero: 0\nq: "0123"\nf: 0.5\n').problems;
    expect(r.map((p) => p.ruleId)).toEqual(['yaml-octal-number', 'yaml-octal-number']);
    expect(r[1].message).toContain('= 83 decimal');
  });
});
