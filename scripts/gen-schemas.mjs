#!/usr/bin/env node
// Generates the committed JSON Schemas in schemas/ (run `npm run schemas`):
//   - schemas/istio.json, linkerd.json, gateway-api.json: the openAPIV3Schema of every served
//     version of every CRD in ../shared/reference/crds (descriptions stripped, Kubernetes
//     extensions turned into plain JSON Schema);
//   - schemas/kubernetes.json: Kubernetes core kinds, derived from the type declarations of the
//     `kubernetes-models` package (itself generated from the Kubernetes OpenAPI spec; a
//     devDependency used only here);
//   - schemas/api-versions.json: served / deprecated / unserved versions of every CRD kind.
// A fresh clone needs none of the sources: the output is committed.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { parseAllDocuments } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'schemas');
const CRDS = resolve(process.argv[2] ?? join(ROOT, '..', 'shared', 'reference', 'crds'));
const require = createRequire(import.meta.url);

function writeJson(name, value) {
  writeFileSync(join(OUT, name), JSON.stringify(value) + '\n');
  console.log(`wrote schemas/${name}`);
}

// ---- CRDs -------------------------------------------------------------------------------

/** CRD openAPIV3Schema → plain JSON Schema (draft-07 subset ajv understands). */
function convertCrdSchema(s, inCombinator = false) {
  if (s === null || typeof s !== 'object') return {};
  const out = {};
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (s['x-kubernetes-int-or-string']) {
    out.type = s.nullable ? ['integer', 'string', 'null'] : ['integer', 'string'];
  } else if (s.type) {
    out.type = s.nullable ? [s.type, 'null'] : s.type;
  }
  for (const k of ['enum', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'required', 'uniqueItems']) {
    if (s[k] !== undefined) out[k] = s[k];
  }
  if (out.enum && s.nullable && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (s.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(s.properties)) out.properties[k] = convertCrdSchema(v, inCombinator);
    // Inside oneOf/anyOf/allOf/not, properties only constrain values: they never prune fields.
    if (!preserve && !inCombinator && s.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (s.additionalProperties !== undefined) {
    out.additionalProperties = typeof s.additionalProperties === 'boolean' ? s.additionalProperties : convertCrdSchema(s.additionalProperties, inCombinator);
  }
  if (s.items) out.items = convertCrdSchema(s.items, inCombinator);
  for (const k of ['oneOf', 'anyOf', 'allOf']) if (Array.isArray(s[k])) out[k] = s[k].map((b) => convertCrdSchema(b, true));
  if (s.not) out.not = convertCrdSchema(s.not, true);
  // Defaults are applied by the API server before validation (Gateway addresses: type IPAddress).
  if (s.default !== undefined && !inCombinator) out.default = s.default;
  // ajv evaluates oneOf/anyOf before it fills in the defaults of `properties`; an allOf whose first
  // entry carries the defaults restores the API server's order (default, then validate).
  const defaulted = Object.entries(out.properties ?? {}).filter(([, v]) => v.default !== undefined);
  if (defaulted.length && (out.oneOf || out.anyOf)) {
    const first = { properties: Object.fromEntries(defaulted.map(([k, v]) => [k, { default: v.default }])) };
    const rest = {};
    for (const k of ['oneOf', 'anyOf']) if (out[k]) (rest[k] = out[k]), delete out[k];
    out.allOf = [first, rest, ...(out.allOf ?? [])];
  }
  return out;
}

function readCrds(dir) {
  const crds = [];
  if (!existsSync(dir)) return crds;
  for (const f of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(f) || f.includes('vap_')) continue;
    for (const doc of parseAllDocuments(readFileSync(join(dir, f), 'utf8'))) {
      const c = doc.toJS();
      if (c?.kind === 'CustomResourceDefinition') crds.push(c);
    }
  }
  return crds;
}

const apiVersions = {};

function crdArea(dirs) {
  const kinds = {};
  const definitions = {};
  for (const dir of dirs) {
    for (const crd of readCrds(dir)) {
      const { group, names } = crd.spec;
      const key = `${group}/${names.kind}`;
      if (apiVersions[key]) continue; // the first folder wins (Linkerd bundles an older Gateway API)
      const entry = { served: [], deprecated: {}, unserved: [], storage: '' };
      for (const v of crd.spec.versions) {
        if (v.storage) entry.storage = v.name;
        if (!v.served) {
          entry.unserved.push(v.name);
          continue;
        }
        entry.served.push(v.name);
        if (v.deprecated) entry.deprecated[v.name] = v.deprecationWarning ?? '';
        const schema = v.schema?.openAPIV3Schema ?? crd.spec.validation?.openAPIV3Schema;
        if (!schema) continue;
        const converted = convertCrdSchema(schema);
        // apiVersion/kind/metadata are checked by the model; keep the schema to spec & co.
        // (ObjectMeta is validated on its own; unknown top-level fields such as `sepc` are still reported.)
        if (converted.properties) for (const k of ['apiVersion', 'kind', 'metadata', 'status']) converted.properties[k] = {};
        const text = JSON.stringify(converted);
        const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
        const name = `${names.kind}.${hash}`;
        definitions[name] ??= converted;
        kinds[`${group}/${v.name}/${names.kind}`] = name;
      }
      apiVersions[key] = entry;
    }
  }
  return { kinds: sortKeys(kinds), definitions: sortKeys(definitions) };
}

function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ---- Kubernetes core, from kubernetes-models' type declarations ------------------------

/** Kinds validated, as `group/version/Kind` (core group: `v1/Kind`) → declaration file. */
const K8S_KINDS = [
  'v1/Service', 'v1/Pod', 'v1/Namespace', 'v1/ServiceAccount', 'v1/Secret', 'v1/ConfigMap',
  'v1/PersistentVolumeClaim', 'v1/Endpoints',
  'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'apps/v1/ReplicaSet',
  'batch/v1/Job', 'batch/v1/CronJob',
  'networking.k8s.io/v1/Ingress', 'networking.k8s.io/v1/NetworkPolicy',
  'policy/v1/PodDisruptionBudget', 'autoscaling/v2/HorizontalPodAutoscaler',
  'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
];

function k8sArea() {
  const ts = require('typescript');
  const modelsDir = dirname(require.resolve('kubernetes-models/package.json'));
  const files = K8S_KINDS.map((k) => {
    const parts = k.split('/');
    return join(modelsDir, ...(parts.length === 2 ? ['v1', parts[1]] : parts)) + '.d.ts';
  });
  const program = ts.createProgram(files, { strict: true, skipLibCheck: true, noEmit: true, moduleResolution: ts.ModuleResolutionKind.Node10 });
  const checker = program.getTypeChecker();
  const definitions = {};
  const kinds = {};

  // Definitions are named after their declaration file: `apps.v1.DeploymentSpec`, `meta.v1.ObjectMeta`.
  const defName = (type) => {
    const sym = type.aliasSymbol ?? type.getSymbol();
    const file = sym?.declarations?.[0]?.getSourceFile().fileName;
    if (!sym || !file || sym.getName() === '__type') return undefined;
    const m = /(?:kubernetes-models|@kubernetes-models\/apimachinery)\/(.*)\.d\.ts$/.exec(file);
    return m ? m[1].replace(/\//g, '.') : undefined;
  };

  function schemaOf(type, seenPath) {
    if (type.flags & ts.TypeFlags.Any || type.flags & ts.TypeFlags.Unknown) return {};
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
      if (parts.every((t) => t.isStringLiteral())) return { type: 'string', enum: parts.map((t) => t.value).sort() };
      if (parts.length === 1) return schemaOf(parts[0], seenPath);
      const kinds = new Set(parts.map((t) => (t.flags & ts.TypeFlags.StringLike ? 'string' : t.flags & ts.TypeFlags.NumberLike ? 'integer' : t.flags & ts.TypeFlags.BooleanLike ? 'boolean' : 'other')));
      if (kinds.has('boolean') && kinds.size === 1) return { type: 'boolean' };
      // resource.Quantity is `number | string` and takes fractions (`cpu: 0.5`); IntOrString does not.
      if (/Quantity$/.test(type.aliasSymbol?.getName() ?? '')) return { type: ['number', 'string'] };
      if (!kinds.has('other')) return { type: [...kinds].sort() };
      return {};
    }
    if (type.isStringLiteral()) return { type: 'string', enum: [type.value] };
    if (type.flags & ts.TypeFlags.StringLike) return { type: 'string' };
    // Kubernetes API conventions forbid floats in specs: every number of the core kinds is an integer.
    if (type.flags & ts.TypeFlags.NumberLike) return { type: 'integer' };
    if (type.flags & ts.TypeFlags.BooleanLike) return { type: 'boolean' };
    if (checker.isArrayType(type)) return { type: 'array', items: schemaOf(checker.getTypeArguments(type)[0], seenPath) };
    if (type.flags & ts.TypeFlags.Object) {
      const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
      const props = checker.getPropertiesOfType(type);
      if (index && props.length === 0) return { type: 'object', additionalProperties: schemaOf(index.type, seenPath) };
      const name = defName(type);
      if (!name) return objectSchema(type, seenPath);
      if (!(name in definitions)) {
        definitions[name] = null; // recursion guard (JSONSchemaProps)
        definitions[name] = objectSchema(type, seenPath);
      }
      return { $ref: `#/definitions/${name}` };
    }
    return {};
  }

  function objectSchema(type) {
    const props = checker.getPropertiesOfType(type);
    // Empty interfaces (RawExtension, FieldsV1, JSON) hold arbitrary data.
    if (props.length === 0) return { type: 'object' };
    const properties = {};
    const required = [];
    for (const p of props) {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      const ptype = checker.getTypeOfSymbolAtLocation(p, decl);
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      const s = schemaOf(ptype);
      // Kubernetes decodes null as "unset" for optional fields (`creationTimestamp: null`).
      // null for an optional field means "unset" to Kubernetes: the validator prunes nulls first.
      properties[p.getName()] = s;
      if (!optional) required.push(p.getName());
    }
    return { type: 'object', properties: sortKeys(properties), ...(required.length ? { required: required.sort() } : {}), additionalProperties: false };
  }

  K8S_KINDS.forEach((k, i) => {
    const sf = program.getSourceFile(files[i]);
    if (!sf) throw new Error(`missing declaration ${files[i]}`);
    const kind = k.split('/').pop();
    const decl = sf.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === `I${kind}`);
    if (!decl) throw new Error(`no interface I${kind} in ${files[i]}`);
    const root = objectSchema(checker.getTypeAtLocation(decl));
    // apiVersion/kind/metadata are read by the model and the api-version rule; status is
    // written by controllers.
    for (const p of ['apiVersion', 'kind', 'metadata', 'status']) root.properties[p] = {};
    root.required = (root.required ?? []).filter((r) => !['apiVersion', 'kind', 'metadata'].includes(r));
    if (!root.required.length) delete root.required;
    const name = `${k.replaceAll('/', '.')}`;
    definitions[name] = root;
    kinds[k] = name;
  });
  // Metadata is shared by every kind; the rule validates it separately.
  const meta = Object.keys(definitions).find((n) => n.endsWith('meta.v1.ObjectMeta'));
  if (meta) kinds['*/metadata'] = meta;
  const version = JSON.parse(readFileSync(join(modelsDir, 'package.json'), 'utf8')).version;
  return { source: `kubernetes-models@${version}`, kinds: sortKeys(kinds), definitions: sortKeys(definitions) };
}

mkdirSync(OUT, { recursive: true });
if (!existsSync(CRDS)) {
  console.error(`CRD folder not found: ${CRDS}`);
  process.exit(2);
}
writeJson('istio.json', crdArea([join(CRDS, 'istio')]));
writeJson('gateway-api.json', crdArea([join(CRDS, 'gateway-api')]));
writeJson('linkerd.json', crdArea([join(CRDS, 'linkerd')]));
writeJson('kubernetes.json', k8sArea());
writeJson('api-versions.json', sortKeys(apiVersions));
