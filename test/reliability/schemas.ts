// Validators for the two machine-readable reports: JSON report version 1 (our own schema, written
// from the CLI contract) and SARIF 2.1.0 (Microsoft's schema from the multitool package).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ALL_RULES } from '../../rules/index.js';
import { describeRule } from '../../src/engine/catalogue.js';
import type { LintResult } from '../../src/engine/lint.js';
import { FORMATTERS } from '../../src/report/index.js';

const require = createRequire(import.meta.url);
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

const position = { type: 'integer', minimum: 1 };
const location = {
  type: 'object',
  required: ['file', 'startLine', 'startColumn', 'endLine', 'endColumn'],
  properties: { file: { type: 'string', minLength: 1 }, startLine: position, startColumn: position, endLine: position, endColumn: position },
  additionalProperties: false,
};
const ruleIds = ALL_RULES.map((r) => r.id);

export const JSON_REPORT_SCHEMA = {
  type: 'object',
  required: ['version', 'tool', 'summary', 'findings'],
  additionalProperties: false,
  properties: {
    version: { const: 1 },
    tool: { type: 'object', required: ['name', 'version'], properties: { name: { const: 'mesh-lint' }, version: { type: 'string' } } },
    summary: {
      type: 'object',
      required: ['files', 'resources', 'error', 'warning', 'info'],
      properties: Object.fromEntries(['files', 'resources', 'error', 'warning', 'info'].map((k) => [k, { type: 'integer', minimum: 0 }])),
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ruleId', 'severity', 'message', 'location'],
        additionalProperties: false,
        properties: {
          ruleId: { enum: ruleIds },
          severity: { enum: ['error', 'warning', 'info'] },
          message: { type: 'string', minLength: 1 },
          resource: {
            type: 'object',
            required: ['apiVersion', 'kind', 'name'],
            properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, namespace: { type: 'string' }, name: { type: 'string' } },
            additionalProperties: false,
          },
          location,
          related: { type: 'array', items: { type: 'object', required: ['message', 'location'], properties: { message: { type: 'string' }, location } } },
        },
      },
    },
  },
};

export const validateJsonReport = ajv.compile(JSON_REPORT_SCHEMA);
export const validateSarif = ajv.compile(JSON.parse(readFileSync(require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json'), 'utf8')));

/** The JSON and SARIF reports of an in-process run, as the CLI would write them. */
export function reportsOf(result: LintResult): { json: string; sarif: string } {
  const data = (sarif: boolean) => ({
    toolVersion: '0.0.0-test',
    findings: result.findings,
    rules: result.rules.map((r) => describeRule(r, sarif)),
    files: result.files.length,
    resources: result.resources.length,
  });
  const texts = new Map(result.files.map((f) => [f.displayPath, f.text]));
  const readText = (file: string) => texts.get(file);
  return {
    json: FORMATTERS.json({ data: data(false), color: false, readText }),
    sarif: FORMATTERS.sarif({ data: data(true), color: false, readText }),
  };
}
