// Model stage: parsed documents → typed resources, `kind: List` flattened, namespaces defaulted.
import type { ParsedDocument } from '../parse/parse.js';
import { isObject } from '../parse/parse.js';
import type { JsonObject, Path, Resource } from './types.js';
import { isClusterScoped, kindKeyOf, splitApiVersion } from './kinds.js';

export interface ModelOptions {
  defaultNamespace: string;
}

export interface ModelProblem {
  fileId: number;
  ruleId: string;
  message: string;
  docIndex: number;
}

/** Labels and annotations as strings. The common all-strings map is used as it is, not copied. */
function stringMap(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  let allStrings = true;
  for (const k in v) {
    if (typeof v[k] !== 'string') {
      allStrings = false;
      break;
    }
  }
  if (allStrings) return v as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (val === null || val === undefined) continue;
    out[k] = typeof val === 'string' ? val : String(val);
  }
  return out;
}

/**
 * Mappings with a `toString` or `valueOf` key (data, never functions) make String(x) and
 * `${x}` throw. Rules print and compare user values freely, so such mappings get a hidden
 * Symbol.toPrimitive that JSON, Object.entries and `in` do not see.
 */
const plainObjectString = () => '[object Object]';

function guardConversions(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) guardConversions(v);
    return;
  }
  if ((Object.hasOwn(value, 'toString') || Object.hasOwn(value, 'valueOf')) && !Object.hasOwn(value, Symbol.toPrimitive)) {
    Object.defineProperty(value, Symbol.toPrimitive, { value: plainObjectString }); // aliases: the same mapping twice
  }
  for (const k in value) guardConversions((value as Record<string, unknown>)[k]);
}

/** True for manifests (`apiVersion` and `kind` strings); anything else is skipped quietly. */
function isManifest(v: unknown): v is JsonObject & { apiVersion: string; kind: string } {
  return isObject(v) && typeof v.apiVersion === 'string' && typeof v.kind === 'string' && v.apiVersion !== '' && v.kind !== '';
}

export class ResourceBuilder {
  private nextUid = 0;
  readonly resources: Resource[] = [];
  constructor(private readonly opts: ModelOptions) {}

  addDocument(doc: ParsedDocument): void {
    if (doc.conversionKeys) guardConversions(doc.value);
    this.addValue(doc, doc.value, []);
  }

  private addValue(doc: ParsedDocument, value: unknown, basePath: Path): void {
    if (!isManifest(value)) return;
    // `kind: List` and `FooList` hold items; each item is a resource with its own path.
    if ((value.kind === 'List' || value.kind.endsWith('List')) && Array.isArray(value.items)) {
      value.items.forEach((item, i) => this.addValue(doc, item, [...basePath, 'items', i]));
      return;
    }
    const { group, version } = splitApiVersion(value.apiVersion);
    const meta = isObject(value.metadata) ? value.metadata : {};
    const clusterScoped = isClusterScoped(value.kind);
    const rawNs = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
    const name = typeof meta.name === 'string' ? meta.name : meta.name === undefined || meta.name === null ? '' : String(meta.name);
    const resource: Resource = {
      uid: this.nextUid++,
      apiVersion: value.apiVersion,
      group,
      version,
      kind: value.kind,
      kindKey: kindKeyOf(group, value.kind),
      namespace: clusterScoped ? '' : (rawNs ?? this.opts.defaultNamespace),
      namespaceDefaulted: !clusterScoped && rawNs === undefined,
      name,
      labels: stringMap(meta.labels),
      annotations: stringMap(meta.annotations),
      body: value,
      origin: { span: doc.span, basePath, ...(doc.helmSource ? { sourceFile: doc.helmSource } : {}) },
    };
    this.resources.push(resource);
  }
}
