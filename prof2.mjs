import { lint } from './dist/src/engine/lint.js';
import { ALL_RULES } from './dist/rules/index.js';
import { SchemaValidator } from './dist/src/schema/validate.js';
const path = process.argv[2];
const t0 = performance.now();
const r = lint({ paths: [path], rules: ALL_RULES.filter((x) => x.id !== 'schema-invalid') });
const t1 = performance.now();
// Validation alone, cold (fresh validator: loads the precompiled code) then warm.
for (const round of ['cold', 'warm']) {
  const v = round === 'cold' ? new SchemaValidator() : globalThis.v;
  globalThis.v = v;
  const s = performance.now();
  let n = 0, p = 0;
  for (const res of r.resources) { const probs = v.validate(res); n++; p += probs.length; }
  console.log(`${path}: ${round} validation of ${n} resources: ${(performance.now() - s).toFixed(0)} ms (${p} problems)`);
}
console.log(`${path}: whole lint without schema-invalid: ${(t1 - t0).toFixed(0)} ms, ${r.files.length} files`);
