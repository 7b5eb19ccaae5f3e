// The CEL (x-kubernetes-validations) rules of the standard-channel Gateway API CRDs that can be
// evaluated on the object alone, hand-written. Schema defaults are applied first, as the API
// server does, so a field left to its default never trips a rule.
import { defineRule } from '../../src/engine/rule.js';
import { K, resourceLabel } from '../../src/model/kinds.js';
import type { Path, Resource } from '../../src/model/types.js';
import { isObject } from '../../src/parse/parse.js';
import { GATEWAY_API_GROUP } from '../../src/graph/gateway-api.js';

interface Violation {
  path: Path;
  message: string;
}
type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj => (isObject(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const set = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

// ---- Gateway / ListenerSet -------------------------------------------------------------------

function checkListeners(r: Resource, out: Violation[]): void {
  const listeners = arr(obj(r.body.spec).listeners);
  const names = new Map<string, number>();
  const combos = new Map<string, number>();
  listeners.forEach((raw, i) => {
    if (!isObject(raw)) return;
    const p: Path = ['spec', 'listeners', i];
    const protocol = str(raw.protocol) ?? '';
    const tls = isObject(raw.tls) ? raw.tls : undefined;
    if (tls && ['HTTP', 'TCP', 'UDP'].includes(protocol)) out.push({ path: [...p, 'tls'], message: "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']" });
    const mode = tls ? (str(tls.mode) ?? 'Terminate') : undefined;
    if (protocol === 'HTTPS' && tls && mode !== '' && mode !== 'Terminate') out.push({ path: [...p, 'tls', 'mode'], message: 'tls mode must be Terminate for protocol HTTPS' });
    if (protocol === 'TLS' && (!tls || mode === '')) out.push({ path: [...p, 'protocol'], message: 'tls mode must be set for protocol TLS' });
    if (set(raw.hostname) && (protocol === 'TCP' || protocol === 'UDP')) out.push({ path: [...p, 'hostname'], message: "hostname must not be specified for protocols ['TCP', 'UDP']" });
    // (On HTTP/TCP/UDP the tls block is wrong as a whole: reported once, above.)
    if (tls && !['HTTP', 'TCP', 'UDP'].includes(protocol) && mode === 'Terminate' && arr(tls.certificateRefs).length === 0 && Object.keys(obj(tls.options)).length === 0) {
      out.push({ path: [...p, 'tls'], message: 'certificateRefs or options must be specified when mode is Terminate' });
    }
    const name = str(raw.name);
    if (name !== undefined) {
      if (names.has(name)) out.push({ path: [...p, 'name'], message: `Listener name must be unique within the Gateway (listener ${names.get(name)} is also named "${name}")` });
      else names.set(name, i);
    }
    const combo = `${String(raw.port)}\u0000${protocol}\u0000${str(raw.hostname) ?? ''}`;
    if (combos.has(combo)) out.push({ path: [...p, 'port'], message: `Combination of port, protocol and hostname must be unique for each listener (same as listener ${combos.get(combo)})` });
    else combos.set(combo, i);
  });
}

const HOSTNAME_RE = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkGateway(r: Resource, out: Violation[]): void {
  checkListeners(r, out);
  const s = obj(r.body.spec);
  const ips = new Set<string>();
  const hosts = new Set<string>();
  arr(s.addresses).forEach((a, i) => {
    if (!isObject(a) || typeof a.value !== 'string') return;
    const type = str(a.type) ?? 'IPAddress';
    if (type === 'IPAddress') {
      if (ips.has(a.value)) out.push({ path: ['spec', 'addresses', i, 'value'], message: 'IPAddress values must be unique' });
      ips.add(a.value);
    } else if (type === 'Hostname') {
      if (hosts.has(a.value)) out.push({ path: ['spec', 'addresses', i, 'value'], message: 'Hostname values must be unique' });
      hosts.add(a.value);
      if (a.value !== '' && !HOSTNAME_RE.test(a.value)) out.push({ path: ['spec', 'addresses', i, 'value'], message: `Hostname value must be empty or contain only valid characters (matching ${HOSTNAME_RE.source})` });
    }
  });
  const ports = new Set<unknown>();
  arr(obj(obj(s.tls).frontend).perPort).forEach((pp, i) => {
    if (!isObject(pp) || pp.port === undefined) return;
    if (ports.has(pp.port)) out.push({ path: ['spec', 'tls', 'frontend', 'perPort', i, 'port'], message: 'Port for TLS configuration must be unique within the Gateway' });
    ports.add(pp.port);
  });
}

// ---- routes ------------------------------------------------------------------------------

function checkParentRefs(r: Resource, out: Violation[]): void {
  const refs = arr(obj(r.body.spec).parentRefs)
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: Obj; i: number } => isObject(x.p));
  const key = (p: Obj) => `${str(p.group) ?? GATEWAY_API_GROUP}\u0000${str(p.kind) ?? 'Gateway'}\u0000${String(p.name)}\u0000${str(p.namespace) ?? ''}`;
  const groups = new Map<string, Array<{ p: Obj; i: number }>>();
  for (const x of refs) {
    const list = groups.get(key(x.p)) ?? [];
    list.push(x);
    groups.set(key(x.p), list);
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const withSection = list.filter((x) => set(x.p.sectionName));
    if (withSection.length !== 0 && withSection.length !== list.length) {
      for (const x of list.filter((y) => !set(y.p.sectionName))) out.push({ path: ['spec', 'parentRefs', x.i], message: 'sectionName must be specified when parentRefs includes 2 or more references to the same parent' });
      continue;
    }
    const seen = new Set<string>();
    for (const x of list) {
      const s = str(x.p.sectionName) ?? '';
      if (seen.has(s)) out.push({ path: ['spec', 'parentRefs', x.i, ...(s ? ['sectionName'] : [])], message: 'sectionName must be unique when parentRefs includes 2 or more references to the same parent' });
      seen.add(s);
    }
  }
}

const FILTER_FIELDS: Record<string, string> = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
};
const UNIQUE_HTTP_FILTERS = ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'];
const UNIQUE_GRPC_FILTERS = ['RequestHeaderModifier', 'ResponseHeaderModifier'];

function checkFilters(filters: unknown, path: Path, kind: 'HTTPRoute' | 'GRPCRoute', out: Violation[]): void {
  const list = arr(filters);
  const counts = new Map<string, number>();
  const fields = kind === 'HTTPRoute' ? FILTER_FIELDS : { RequestHeaderModifier: 'requestHeaderModifier', ResponseHeaderModifier: 'responseHeaderModifier', RequestMirror: 'requestMirror', ExtensionRef: 'extensionRef' };
  list.forEach((f, i) => {
    if (!isObject(f)) return;
    const type = str(f.type);
    if (!type) return;
    counts.set(type, (counts.get(type) ?? 0) + 1);
    if ((UNIQUE_HTTP_FILTERS.includes(type) && kind === 'HTTPRoute') || (UNIQUE_GRPC_FILTERS.includes(type) && kind === 'GRPCRoute')) {
      if (counts.get(type) === 2) out.push({ path: [...path, i, 'type'], message: `${type} filter cannot be repeated` });
    }
    for (const [t, field] of Object.entries(fields)) {
      if (t === type && f[field] === undefined) out.push({ path: [...path, i, 'type'], message: `filter.${field} must be specified for ${t} filter.type` });
      if (t !== type && f[field] !== undefined) out.push({ path: [...path, i, field], message: `filter.${field} must be nil if the filter.type is not ${t}` });
    }
    const mirror = obj(f.requestMirror);
    if (mirror.percent !== undefined && mirror.fraction !== undefined) out.push({ path: [...path, i, 'requestMirror'], message: 'Only one of percent or fraction may be specified in HTTPRequestMirrorFilter' });
    const frac = obj(mirror.fraction);
    if (typeof frac.numerator === 'number' && frac.numerator > (typeof frac.denominator === 'number' ? frac.denominator : 100)) {
      out.push({ path: [...path, i, 'requestMirror', 'fraction', 'numerator'], message: 'numerator must be less than or equal to denominator' });
    }
    for (const field of ['requestRedirect', 'urlRewrite']) {
      const p = obj(obj(f[field]).path);
      if (Object.keys(p).length === 0) continue;
      const pp: Path = [...path, i, field, 'path'];
      if (p.type === 'ReplaceFullPath' && p.replaceFullPath === undefined) out.push({ path: [...pp, 'type'], message: "replaceFullPath must be specified when type is set to 'ReplaceFullPath'" });
      if (p.replaceFullPath !== undefined && p.type !== 'ReplaceFullPath') out.push({ path: [...pp, 'replaceFullPath'], message: "type must be 'ReplaceFullPath' when replaceFullPath is set" });
      if (p.type === 'ReplacePrefixMatch' && p.replacePrefixMatch === undefined) out.push({ path: [...pp, 'type'], message: "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'" });
      if (p.replacePrefixMatch !== undefined && p.type !== 'ReplacePrefixMatch') out.push({ path: [...pp, 'replacePrefixMatch'], message: "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set" });
    }
    const cors = obj(f.cors);
    for (const [field, what] of [
      ['allowOrigins', 'AllowOrigins cannot contain \'*\' alongside other origins'],
      ['allowMethods', "AllowMethods cannot contain '*' alongside other methods"],
      ['allowHeaders', "AllowHeaders cannot contain '*' alongside other methods"],
    ] as const) {
      const v = arr(cors[field]);
      if (v.length > 1 && v.includes('*')) out.push({ path: [...path, i, 'cors', field], message: what });
    }
  });
  if (kind === 'HTTPRoute' && (counts.get('RequestRedirect') ?? 0) > 0 && (counts.get('URLRewrite') ?? 0) > 0) {
    out.push({ path, message: 'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both' });
  }
}

function usesReplacePrefix(filters: unknown, field: 'requestRedirect' | 'urlRewrite'): boolean {
  return arr(filters).filter((f) => isObject(f) && obj(obj(f[field]).path).type === 'ReplacePrefixMatch' && obj(obj(f[field]).path).replacePrefixMatch !== undefined).length === 1;
}

/** Exactly one match whose path is (by default) a PathPrefix. Absent matches default to PathPrefix "/". */
function onePrefixMatch(matches: unknown): boolean {
  if (matches === undefined) return true;
  const m = arr(matches);
  if (m.length !== 1 || !isObject(m[0])) return false;
  const path = m[0].path;
  return path === undefined || (isObject(path) && (path.type === undefined || path.type === 'PathPrefix'));
}

const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

function parseDuration(v: unknown): number | undefined {
  if (typeof v !== 'string' || !/^([0-9]{1,5}(h|m|s|ms)){1,4}$/.test(v)) return undefined;
  let ms = 0;
  for (const [, n, u] of v.matchAll(/([0-9]+)(ms|h|m|s)/g)) ms += Number(n) * (u === 'h' ? 3600000 : u === 'm' ? 60000 : u === 's' ? 1000 : 1);
  return ms;
}

function checkHttpRoute(r: Resource, out: Violation[]): void {
  checkParentRefs(r, out);
  let totalMatches = 0;
  arr(obj(r.body.spec).rules).forEach((rule, ri) => {
    if (!isObject(rule)) return;
    const p: Path = ['spec', 'rules', ri];
    const backends = arr(rule.backendRefs);
    totalMatches += rule.matches === undefined ? 1 : arr(rule.matches).length;
    checkFilters(rule.filters, [...p, 'filters'], 'HTTPRoute', out);
    if (backends.length > 0 && arr(rule.filters).some((f) => isObject(f) && f.requestRedirect !== undefined)) {
      out.push({ path: [...p, 'filters'], message: 'RequestRedirect filter must not be used together with backendRefs' });
    }
    if (usesReplacePrefix(rule.filters, 'requestRedirect') && !onePrefixMatch(rule.matches)) out.push({ path: [...p, 'matches'], message: 'When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified' });
    if (usesReplacePrefix(rule.filters, 'urlRewrite') && !onePrefixMatch(rule.matches)) out.push({ path: [...p, 'matches'], message: 'When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified' });
    const br = backends.filter((b) => isObject(b) && usesReplacePrefix(b.filters, 'requestRedirect')).length === 1;
    const bw = backends.filter((b) => isObject(b) && usesReplacePrefix(b.filters, 'urlRewrite')).length === 1;
    if (br && !onePrefixMatch(rule.matches)) out.push({ path: [...p, 'matches'], message: 'Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified' });
    if (bw && !onePrefixMatch(rule.matches)) out.push({ path: [...p, 'matches'], message: 'Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified' });
    backends.forEach((b, bi) => {
      if (isObject(b)) checkFilters(b.filters, [...p, 'backendRefs', bi, 'filters'], 'HTTPRoute', out);
    });
    arr(rule.matches).forEach((m, mi) => {
      if (!isObject(m) || !isObject(m.path)) return;
      const type = str(m.path.type) ?? 'PathPrefix';
      const value = str(m.path.value) ?? '/';
      const mp: Path = [...p, 'matches', mi, 'path'];
      if (!['Exact', 'PathPrefix', 'RegularExpression'].includes(type)) {
        out.push({ path: [...mp, 'type'], message: "type must be one of ['Exact', 'PathPrefix', 'RegularExpression']" });
        return;
      }
      if (type === 'RegularExpression') return;
      const vp = [...mp, 'value'];
      const bad = (message: string) => out.push({ path: vp, message: `${message} when type one of ['Exact', 'PathPrefix']` });
      if (!value.startsWith('/')) bad("value must be an absolute path and start with '/'");
      for (const s of ['//', '/./', '/../', '%2f', '%2F', '#']) if (value.includes(s)) bad(`must not contain '${s}'`);
      if (value.endsWith('/..')) bad("must not end with '/..'");
      else if (value.endsWith('/.')) bad("must not end with '/.'");
      if (!PATH_CHARS.test(value)) out.push({ path: vp, message: `must only contain valid characters (matching ${PATH_CHARS.source}) for types ['Exact', 'PathPrefix']` });
    });
    const t = obj(rule.timeouts);
    const req = parseDuration(t.request);
    const back = parseDuration(t.backendRequest);
    if (req !== undefined && back !== undefined && req !== 0 && back > req) out.push({ path: [...p, 'timeouts', 'backendRequest'], message: 'backendRequest timeout cannot be longer than request timeout' });
  });
  if (totalMatches > 128) out.push({ path: ['spec', 'rules'], message: 'While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128' });
}

const GRPC_SERVICE = /^(?:\.?[a-z_][a-z_0-9]*)(\.[a-z_][a-z_0-9]*)*$/i;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;

function checkGrpcRoute(r: Resource, out: Violation[]): void {
  checkParentRefs(r, out);
  let totalMatches = 0;
  arr(obj(r.body.spec).rules).forEach((rule, ri) => {
    if (!isObject(rule)) return;
    const p: Path = ['spec', 'rules', ri];
    totalMatches += arr(rule.matches).length;
    checkFilters(rule.filters, [...p, 'filters'], 'GRPCRoute', out);
    arr(rule.backendRefs).forEach((b, bi) => {
      if (isObject(b)) checkFilters(b.filters, [...p, 'backendRefs', bi, 'filters'], 'GRPCRoute', out);
    });
    arr(rule.matches).forEach((m, mi) => {
      if (!isObject(m) || !isObject(m.method)) return;
      const mp: Path = [...p, 'matches', mi, 'method'];
      const type = str(m.method.type) ?? 'Exact';
      if (!set(m.method.service) && !set(m.method.method)) out.push({ path: mp, message: "One or both of 'service' or 'method' must be specified" });
      if (type !== 'Exact') return;
      if (typeof m.method.service === 'string' && m.method.service !== '' && !GRPC_SERVICE.test(m.method.service)) out.push({ path: [...mp, 'service'], message: 'service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)' });
      if (typeof m.method.method === 'string' && m.method.method !== '' && !GRPC_METHOD.test(m.method.method)) out.push({ path: [...mp, 'method'], message: 'method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)' });
    });
  });
  if (totalMatches > 128) out.push({ path: ['spec', 'rules'], message: 'While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128' });
}

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}$/;
const RFC1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkTlsRoute(r: Resource, out: Violation[]): void {
  checkParentRefs(r, out);
  arr(obj(r.body.spec).hostnames).forEach((h, i) => {
    if (typeof h !== 'string') return;
    const path = ['spec', 'hostnames', i];
    if (IPV4.test(h) || h.includes(':')) out.push({ path, message: 'Hostnames cannot contain an IP' });
    else if (h.startsWith('*.') ? !RFC1123.test(h.slice(2)) : h.includes('*') ? true : !RFC1123.test(h)) {
      out.push({ path, message: h.includes('*') ? 'Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123' : 'Hostnames must be valid based on RFC-1123' });
    }
  });
}

function checkBackendTlsPolicy(r: Resource, out: Violation[]): void {
  const s = obj(r.body.spec);
  const refs = arr(s.targetRefs)
    .map((t, i) => ({ t, i }))
    .filter((x): x is { t: Obj; i: number } => isObject(x.t));
  const groups = new Map<string, Array<{ t: Obj; i: number }>>();
  for (const x of refs) {
    const k = `${str(x.t.group) ?? ''}\u0000${String(x.t.kind)}\u0000${String(x.t.name)}`;
    const list = groups.get(k) ?? [];
    list.push(x);
    groups.set(k, list);
  }
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    if (list.some((x) => !set(x.t.sectionName))) {
      for (const x of list.filter((y) => !set(y.t.sectionName))) out.push({ path: ['spec', 'targetRefs', x.i], message: 'sectionName must be specified when targetRefs includes 2 or more references to the same target' });
      continue;
    }
    const seen = new Set<string>();
    for (const x of list) {
      if (seen.has(String(x.t.sectionName))) out.push({ path: ['spec', 'targetRefs', x.i, 'sectionName'], message: 'sectionName must be unique when targetRefs includes 2 or more references to the same target' });
      seen.add(String(x.t.sectionName));
    }
  }
  if (!isObject(s.validation)) return;
  const v = s.validation;
  const hasCa = arr(v.caCertificateRefs).length > 0;
  const hasWk = set(v.wellKnownCACertificates);
  if (hasCa && hasWk) out.push({ path: ['spec', 'validation'], message: 'must not contain both CACertificateRefs and WellKnownCACertificates' });
  if (!hasCa && !hasWk) out.push({ path: ['spec', 'validation'], message: 'must specify either CACertificateRefs or WellKnownCACertificates' });
  arr(v.subjectAltNames).forEach((san, i) => {
    if (!isObject(san)) return;
    const p = ['spec', 'validation', 'subjectAltNames', i];
    if (san.type === 'Hostname' && !set(san.hostname)) out.push({ path: p, message: 'SubjectAltName element must contain Hostname, if Type is set to Hostname' });
    if (san.type !== 'Hostname' && set(san.hostname)) out.push({ path: [...p, 'hostname'], message: 'SubjectAltName element must not contain Hostname, if Type is not set to Hostname' });
    if (san.type === 'URI' && !set(san.uri)) out.push({ path: p, message: 'SubjectAltName element must contain URI, if Type is set to URI' });
    if (san.type !== 'URI' && set(san.uri)) out.push({ path: [...p, 'uri'], message: 'SubjectAltName element must not contain URI, if Type is not set to URI' });
  });
}

const CHECKS: Array<[string, (r: Resource, out: Violation[]) => void]> = [
  [K.Gateway, checkGateway],
  [K.ListenerSet, checkListeners],
  [K.HTTPRoute, checkHttpRoute],
  [K.GRPCRoute, checkGrpcRoute],
  [K.TLSRoute, checkTlsRoute],
  [K.TCPRoute, checkParentRefs],
  [K.UDPRoute, checkParentRefs],
  [K.BackendTLSPolicy, checkBackendTlsPolicy],
];

export default defineRule({
  id: 'gateway-api-crd-validation',
  severity: 'error',
  category: 'gateway-api',
  description: "A Gateway API object breaks one of its CRD's CEL validation rules, so the API server rejects it on apply.",
  equivalents: ['KIA1503'],
  inputs: CHECKS.map(([k]) => k),
  precision: 'very-high',
  tags: ['schema'],
  check(ctx) {
    for (const [kindKey, check] of CHECKS) {
      for (const r of ctx.resources(kindKey)) {
        const out: Violation[] = [];
        check(r, out);
        for (const v of out) {
          ctx.report({ resource: r, path: v.path, message: `${resourceLabel(r)} would be rejected by the API server: ${v.message}` });
        }
      }
    }
  },
});
