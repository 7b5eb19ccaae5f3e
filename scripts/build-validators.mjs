#!/usr/bin/env node
// Build step: compiles the JSON Schemas of schemas/*.json into ajv standalone validators
// (dist/validators/<area>.cjs, CommonJS so the linter can load them synchronously). Loading
// precompiled code is much faster than compiling the schemas at every run; without these files
// src/schema/validate.ts compiles the schemas itself (same options, same results).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist', 'validators');
mkdirSync(OUT, { recursive: true });
const options = JSON.parse(readFileSync(join(ROOT, 'schemas', 'ajv-options.json'), 'utf8'));
for (const area of ['kubernetes', 'istio', 'linkerd', 'gateway-api']) {
  const file = JSON.parse(readFileSync(join(ROOT, 'schemas', `${area}.json`), 'utf8'));
  const ajv = new Ajv({ ...options, code: { source: true, esm: false, lines: false } });
  ajv.addSchema({ $id: area, definitions: file.definitions });
  const refs = {};
  for (const def of new Set(Object.values(file.kinds))) refs[def] = `${area}#/definitions/${def}`;
  const code = standaloneCode.default(ajv, refs);
  writeFileSync(join(OUT, `${area}.cjs`), code);
}
