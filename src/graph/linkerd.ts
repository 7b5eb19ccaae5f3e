// Linkerd resolution: ServiceProfile names, injection decisions, and the value formats Linkerd
// parses (Go and Linkerd durations, port lists, identities, CIDRs). Rules call these; none of them
// re-implements Linkerd semantics on its own.
import type { Resource } from '../model/types.js';
import type { ResourceGraph } from './graph.js';
import type { Workload } from './workloads.js';
import { labelSelector, selectorMatches, type LabelSelector } from './selectors.js';

export interface ServiceProfileTarget {
  service: string;
  namespace: string;
}

/** `<svc>.<ns>.svc.<cluster domain>` → the Service; anything else profiles no in-cluster Service. */
export function serviceProfileTarget(name: string, clusterDomain: string): ServiceProfileTarget | undefined {
  const suffix = `.svc.${clusterDomain}`;
  if (!name.endsWith(suffix)) return undefined;
  const head = name.slice(0, -suffix.length).split('.');
  if (head.length !== 2 || !head[0] || !head[1]) return undefined;
  return { service: head[0], namespace: head[1] };
}

// ---- value formats ----------------------------------------------------------------------------

const GO_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration: nanoseconds, or undefined when Go would reject the text. */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  const re = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length) {
    const m = re.exec(s);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return undefined;
    total += Number(`${m[1] || '0'}.${m[2] || '0'}`) * GO_UNITS[m[3]];
    s = s.slice(m[0].length);
  }
  return sign * total;
}

const LINKERD_UNITS: Record<string, number> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 };

/** The policy controller's duration (`5s`, `100ms`, `0`): milliseconds, or the reason it is refused. */
export function parseLinkerdDuration(text: string): { ms: number } | { error: string } {
  const s = text.trim();
  if (s === '0') return { ms: 0 };
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(s);
  if (m) return { ms: Number(m[1]) * LINKERD_UNITS[m[2]] };
  if (/^\d+$/.test(s)) return { error: `missing duration unit; did you mean '${s}s' or '${s}ms'?` };
  if (/^\d*\.\d+(ms|s|m|h|d)?$/.test(s)) return { error: 'fractional values are not supported' };
  if (s.startsWith('-')) return { error: 'negative durations are not supported' };
  return { error: 'expected an integer followed by ms, s, m, h or d' };
}

/** Go strconv.ParseBool. */
export function isGoBool(s: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s);
}

/** Kubernetes resource.Quantity syntax. */
export function parseQuantity(s: string): number | undefined {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|([eE][+-]?\d+))?$/.exec(s.trim());
  if (!m) return undefined;
  const mult: Record<string, number> = {
    Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
    n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  };
  let v = Number(m[2]) * (m[3] ? mult[m[3]] : 1);
  if (m[4]) v *= 10 ** Number(m[4].slice(1));
  return m[1] === '-' ? -v : v;
}

export interface PortRange {
  lo: number;
  hi: number;
}

/**
 * A Linkerd port list (`25,443,4000-4100`, spaces trimmed, empty entries skipped). `names` allows
 * container port names (pod opaque-ports); `min` is 1 for policy port sets, 0 for proxy-init lists.
 */
export function parsePortList(text: string, opts: { names?: boolean; min?: number } = {}): { ranges: PortRange[]; names: string[]; bad: string[] } {
  const min = opts.min ?? 1;
  const ranges: PortRange[] = [];
  const names: string[] = [];
  const bad: string[] = [];
  for (const raw of text.split(',')) {
    const e = raw.trim();
    if (!e) continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(e);
    if (m) {
      const lo = Number(m[1]);
      const hi = m[2] === undefined ? lo : Number(m[2]);
      if (lo < min || hi > 65535 || hi < lo) bad.push(e);
      else ranges.push({ lo, hi });
    } else if (opts.names && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(e) && /[a-z]/.test(e) && e.length <= 15) names.push(e);
    else bad.push(e);
  }
  return { ranges, names, bad };
}

export function inRanges(port: number, ranges: readonly PortRange[]): boolean {
  return ranges.some((r) => port >= r.lo && port <= r.hi);
}

/** The proxy's default opaque ports (Helm `proxy.opaquePorts`): server-speaks-first protocols. */
export const DEFAULT_OPAQUE_PORTS: readonly PortRange[] = parsePortList('25,587,3306,4444,5432,6379,9300,11211').ranges;

/** Parses an IPv4/IPv6 CIDR (or a bare IP) into a bigint network; undefined when invalid. */
export function parseCidr(text: string): { v6: boolean; base: bigint; bits: number } | undefined {
  const [ip, len, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const v4 = parseIPv4(ip);
  const v6 = v4 === undefined ? parseIPv6(ip) : undefined;
  if (v4 === undefined && v6 === undefined) return undefined;
  const max = v4 !== undefined ? 32 : 128;
  let bits = max;
  if (len !== undefined) {
    if (!/^\d{1,3}$/.test(len) || Number(len) > max) return undefined;
    bits = Number(len);
  }
  const value = (v4 ?? v6) as bigint;
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(max - bits);
  return { v6: v4 === undefined, base: value & mask, bits };
}

export function cidrContains(outer: { v6: boolean; base: bigint; bits: number }, inner: { v6: boolean; base: bigint; bits: number }): boolean {
  if (outer.v6 !== inner.v6 || inner.bits < outer.bits) return false;
  const max = outer.v6 ? 128 : 32;
  const mask = outer.bits === 0 ? 0n : ((1n << BigInt(outer.bits)) - 1n) << BigInt(max - outer.bits);
  return (inner.base & mask) === outer.base;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255 || (p.length > 1 && p.startsWith('0'))) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseIPv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split('::').length > 2) return undefined;
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const expand = (gs: string[]): number[] | undefined => {
    const out: number[] = [];
    for (const [i, g] of gs.entries()) {
      if (g.includes('.') && i === gs.length - 1) {
        const v4 = parseIPv4(g);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return undefined;
    }
    return out;
  };
  const hh = expand(h);
  const tt = expand(t);
  if (!hh || !tt) return undefined;
  const missing = 8 - hh.length - tt.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  let v = 0n;
  for (const g of [...hh, ...Array<number>(missing).fill(0), ...tt]) v = (v << 16n) | BigInt(g);
  return v;
}

const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_IDENTITY = new RegExp(`^(\\*|${DNS_LABEL})(\\.${DNS_LABEL})*$`);

/** Why a MeshTLSAuthentication identity is refused by the policy webhook, or undefined when valid. */
export function identityError(id: string): string | undefined {
  if (id.startsWith('spiffe://')) {
    const rest = id.slice('spiffe://'.length);
    const slash = rest.indexOf('/');
    const td = slash < 0 ? rest : rest.slice(0, slash);
    if (!td) return 'SPIFFE trust domain cannot be empty';
    if (!/^[a-z0-9._-]+$/.test(td)) return 'SPIFFE trust domain contains an invalid character';
    if (slash < 0) return undefined;
    const path = rest.slice(slash);
    if (path.endsWith('/')) return 'SPIFFE path cannot have a trailing slash';
    for (const seg of path.slice(1).split('/')) {
      if (seg === '') return 'SPIFFE path cannot have an empty segment';
      if (seg === '.' || seg === '..') return 'SPIFFE path cannot have a "." or ".." segment';
      if (!/^[A-Za-z0-9._-]+$/.test(seg)) return 'SPIFFE path segment contains an invalid character';
    }
    return undefined;
  }
  return DNS_IDENTITY.test(id) ? undefined : 'not a DNS-like identity (labels of a-z, 0-9 and -, optionally starting with *) nor a spiffe:// ID';
}

// ---- injection --------------------------------------------------------------------------------

export const INJECT = 'linkerd.io/inject';
const INJECT_VALUES = new Set(['enabled', 'disabled', 'ingress']);

export function isValidInjectValue(v: string): boolean {
  return v === '' || INJECT_VALUES.has(v);
}

export interface InjectionDecision {
  injected: boolean;
  /** Where the deciding value came from. */
  source: 'pod' | 'namespace' | 'none';
  reason: string;
}

const SKIPPED_NAMESPACES = new Set(['kube-system', 'cert-manager']);

/** Whether the proxy injector injects this workload (pkg/inject/report.go, webhook selectors). */
export function injectionOf(graph: ResourceGraph, w: Workload): InjectionDecision {
  return graph.memo(`linkerd:inject:${w.resource.uid}`, () => decideInjection(graph.namespaceResource(w.namespace), w));
}

function decideInjection(ns: Resource | undefined, w: Workload): InjectionDecision {
  const pod = (w.annotations[INJECT] ?? '').trim();
  const nsv = (ns?.annotations[INJECT] ?? '').trim();
  if (!isValidInjectValue(pod)) return { injected: false, source: 'pod', reason: `invalid ${INJECT} value "${pod}" on the pod template` };
  if (!isValidInjectValue(nsv)) return { injected: false, source: 'namespace', reason: `invalid ${INJECT} value "${nsv}" on namespace ${w.namespace}` };
  if (SKIPPED_NAMESPACES.has(w.namespace)) return { injected: false, source: 'none', reason: `namespace ${w.namespace} is excluded by the injector` };
  if (ns?.labels['config.linkerd.io/admission-webhooks'] === 'disabled') return { injected: false, source: 'namespace', reason: `namespace ${w.namespace} disables the admission webhooks` };
  if (w.labels['linkerd.io/control-plane-component'] !== undefined || w.labels['linkerd.io/cni-resource'] !== undefined)
    return { injected: false, source: 'none', reason: 'control-plane pods are not injected by the webhook' };
  if (pod === 'disabled') return { injected: false, source: 'pod', reason: 'the pod template disables injection' };
  if (pod === 'enabled' || pod === 'ingress') return { injected: true, source: 'pod', reason: `the pod template sets ${INJECT}: ${pod}` };
  if (nsv === 'enabled' || nsv === 'ingress') return { injected: true, source: 'namespace', reason: `namespace ${w.namespace} sets ${INJECT}: ${nsv}` };
  return { injected: false, source: 'none', reason: 'injection is not requested' };
}

/** The effective value of a `config.linkerd.io/*` key for a pod: its own, else its namespace's. */
export function podConfig(graph: ResourceGraph, w: Workload, key: string): string | undefined {
  return w.annotations[key] ?? graph.namespaceResource(w.namespace)?.annotations[key];
}

/** Containers or init containers that show an existing sidecar (healthcheck/sidecar.go). */
export function existingSidecars(w: Workload): Array<{ list: 'containers' | 'initContainers'; index: number; name: string }> {
  const out: Array<{ list: 'containers' | 'initContainers'; index: number; name: string }> = [];
  for (const list of ['containers', 'initContainers'] as const) {
    const cs = w.podSpec[list];
    if (!Array.isArray(cs)) continue;
    cs.forEach((c, index) => {
      if (c === null || typeof c !== 'object') return;
      const name = String((c as Record<string, unknown>).name ?? '');
      const image = String((c as Record<string, unknown>).image ?? '');
      const byName = list === 'containers' ? ['linkerd-proxy', 'istio-proxy'] : ['linkerd-init', 'istio-init'];
      if (byName.includes(name) || image.startsWith('cr.l5d.io/linkerd/proxy:') || image.startsWith('gcr.io/istio-release/proxyv2:'))
        out.push({ list, index, name });
    });
  }
  return out;
}

// ---- regular expressions ----------------------------------------------------------------------

/**
 * Why the proxy (Rust `regex` crate) cannot compile a pattern, or undefined when it can. Rust's
 * syntax is RE2-like: no look-around and no backreferences; `(?P<n>…)` and inline flags are fine.
 */
export function rustRegexError(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'look-around assertions are not supported';
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(pattern) || /\\k</.test(pattern)) return 'backreferences are not supported';
  // Translate Rust-only syntax to its JS equivalent, then let the JS engine judge the rest.
  const js = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?[imsUux-]+\)/g, '')
    .replace(/\(\?[imsUux-]+:/g, '(?:')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\[\[:(alpha|digit|alnum|space|upper|lower|punct|xdigit|word|blank|cntrl|graph|print|ascii):\]\]/g, '[a]')
    .replace(/\\[pP]\{[^}]*\}|\\[pP][A-Z]/g, 'a');
  try {
    new RegExp(js);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
  }
}

/** A ServiceProfile route that is a mapping, with its index, display name and path. */
export interface ProfileRoute {
  route: Record<string, unknown>;
  index: number;
  /** `name`, or the 1-based position when it has none. */
  name: string;
  path: ReadonlyArray<string | number>;
}

/** The routes of a ServiceProfile that are mappings (sp-invalid reports the others). */
export function profileRoutes(sp: Resource): ProfileRoute[] {
  const spec = sp.body.spec;
  const routes = spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>).routes : undefined;
  if (!Array.isArray(routes)) return [];
  const out: ProfileRoute[] = [];
  routes.forEach((route: unknown, index) => {
    if (route === null || typeof route !== 'object' || Array.isArray(route)) return;
    const r = route as Record<string, unknown>;
    out.push({ route: r, index, name: typeof r.name === 'string' ? r.name : String(index + 1), path: ['spec', 'routes', index] });
  });
  return out;
}

/** Visits every RequestMatch of a ServiceProfile route condition (recursively through all/any/not). */
export function forEachRequestMatch(cond: unknown, path: ReadonlyArray<string | number>, visit: (m: Record<string, unknown>, path: ReadonlyArray<string | number>) => void): void {
  if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) return;
  const m = cond as Record<string, unknown>;
  visit(m, path);
  for (const k of ['all', 'any'] as const) if (Array.isArray(m[k])) (m[k] as unknown[]).forEach((c, i) => forEachRequestMatch(c, [...path, k, i], visit));
  forEachRequestMatch(m.not, [...path, 'not'], visit);
}

// ---- proxy configuration annotations ----------------------------------------------------------

type Check = (v: string) => string | undefined;

const oneOf = (...values: string[]): Check => (v) => (values.includes(v) ? undefined : `expected one of ${values.join(', ')}`);
const goBool: Check = (v) => (isGoBool(v) ? undefined : 'expected a boolean (true or false)');
const goDuration: Check = (v) => (parseGoDuration(v) !== undefined && !v.startsWith('-') ? undefined : 'expected a Go duration such as 100ms, 10s or 1m');
const port: Check = (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535 ? undefined : 'expected a port number (1-65535)');
const portList = (min: number, names = false): Check => (v) => {
  const { bad } = parsePortList(v, { min, names });
  return bad.length ? `invalid entr${bad.length > 1 ? 'ies' : 'y'} ${bad.map((b) => `"${b}"`).join(', ')} (expected ports or ranges like 4000-4100${names ? ', or container port names' : ''})` : undefined;
};
const quantity: Check = (v) => (parseQuantity(v) !== undefined && !v.trim().startsWith('-') ? undefined : 'expected a Kubernetes quantity such as 100m, 0.5, 64Mi or 1Gi');
const int64: Check = (v) => (/^-?\d+$/.test(v) ? undefined : 'expected an integer');
const uint: Check = (v) => (/^\d+$/.test(v) ? undefined : 'expected a non-negative integer of seconds');
const ratio: Check = (v) => (/^\d*\.?\d+$/.test(v) && Number(v) > 0 && Number(v) < 1 ? undefined : 'expected a number between 0 and 1 (exclusive)');
const cidrList: Check = (v) => {
  const bad = v.split(',').map((s) => s.trim()).filter((s) => s && !parseCidr(s));
  return bad.length ? `invalid CIDR ${bad.map((b) => `"${b}"`).join(', ')}` : undefined;
};
const json: Check = (v) => {
  try {
    return Array.isArray(JSON.parse(v)) ? undefined : 'expected a JSON array of environment variables';
  } catch {
    return 'expected a JSON array of environment variables (invalid JSON)';
  }
};
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'off'];
const logLevel: Check = (v) => {
  for (const d of v.split(',').map((s) => s.trim())) {
    if (!d) continue;
    const eq = d.lastIndexOf('=');
    if (eq >= 0 && !LEVELS.includes(d.slice(eq + 1).toLowerCase())) return `"${d.slice(eq + 1)}" is not a log level (${LEVELS.join(', ')})`;
    if (eq < 0 && /^(warning|err|fatal|critical|verbose|all|none)$/i.test(d)) return `"${d}" is not a log level (${LEVELS.join(', ')})`;
  }
  return undefined;
};
const any: Check = () => undefined;
export const INBOUND_POLICIES = ['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit'];

/** Every proxy configuration annotation the injector reads on pods and namespaces, with its value check. */
export const PROXY_ANNOTATIONS: Readonly<Record<string, Check>> = {
  'config.linkerd.io/access-log': oneOf('apache', 'json'),
  'config.linkerd.io/admin-port': port,
  'config.linkerd.io/close-wait-timeout': goDuration,
  'config.linkerd.io/control-port': port,
  'config.linkerd.io/debug-image': any,
  'config.linkerd.io/debug-image-pull-policy': oneOf('Always', 'IfNotPresent', 'Never'),
  'config.linkerd.io/debug-image-version': any,
  'config.linkerd.io/default-inbound-policy': oneOf(...INBOUND_POLICIES),
  'config.linkerd.io/disable-identity': goBool,
  'config.linkerd.io/disable-tap': goBool,
  'config.linkerd.io/enable-debug-sidecar': goBool,
  'config.linkerd.io/enable-external-profiles': goBool,
  'config.linkerd.io/enable-gateway': goBool,
  'config.linkerd.io/image-pull-policy': oneOf('Always', 'IfNotPresent', 'Never'),
  'config.linkerd.io/inbound-port': port,
  'config.linkerd.io/init-image': any,
  'config.linkerd.io/init-image-version': any,
  'config.linkerd.io/opaque-ports': portList(1, true),
  'config.linkerd.io/outbound-port': port,
  'config.linkerd.io/pod-inbound-ports': portList(1),
  'config.linkerd.io/proxy-additional-env': json,
  'config.linkerd.io/proxy-admin-shutdown': oneOf('enabled', 'disabled'),
  'config.linkerd.io/proxy-await': oneOf('enabled', 'disabled'),
  'config.linkerd.io/proxy-cpu-limit': quantity,
  'config.linkerd.io/proxy-cpu-ratio-limit': ratio,
  'config.linkerd.io/proxy-cpu-request': quantity,
  'config.linkerd.io/proxy-disable-inbound-protocol-detect-timeout': goBool,
  'config.linkerd.io/proxy-disable-outbound-protocol-detect-timeout': goBool,
  'config.linkerd.io/proxy-enable-native-sidecar': goBool,
  'config.linkerd.io/proxy-ephemeral-storage-limit': quantity,
  'config.linkerd.io/proxy-ephemeral-storage-request': quantity,
  'config.linkerd.io/proxy-gid': int64,
  'config.linkerd.io/proxy-image': any,
  'config.linkerd.io/proxy-inbound-connect-timeout': goDuration,
  'config.linkerd.io/proxy-inbound-discovery-cache-unused-timeout': goDuration,
  'config.linkerd.io/proxy-log-format': oneOf('plain', 'json'),
  'config.linkerd.io/proxy-log-http-headers': oneOf('off', 'insecure'),
  'config.linkerd.io/proxy-log-level': logLevel,
  'config.linkerd.io/proxy-memory-limit': quantity,
  'config.linkerd.io/proxy-memory-request': quantity,
  'config.linkerd.io/proxy-metrics-hostname-labels': goBool,
  'config.linkerd.io/proxy-outbound-connect-timeout': goDuration,
  'config.linkerd.io/proxy-outbound-discovery-cache-unused-timeout': goDuration,
  'config.linkerd.io/proxy-require-identity-inbound-ports': portList(1),
  'config.linkerd.io/proxy-uid': int64,
  'config.linkerd.io/proxy-version': any,
  'config.linkerd.io/shutdown-grace-period': goDuration,
  'config.linkerd.io/skip-inbound-ports': portList(0),
  'config.linkerd.io/skip-outbound-ports': portList(0),
  'config.linkerd.io/skip-subnets': cidrList,
  'config.linkerd.io/trace-collector': any,
  'config.alpha.linkerd.io/proxy-enable-native-sidecar': goBool,
  'config.alpha.linkerd.io/proxy-wait-before-exit-seconds': uint,
  'config.alpha.linkerd.io/trace-collector-service-account': any,
  'config.beta.linkerd.io/proxy-enable-native-sidecar': goBool,
};

/** Keys that are labels, never annotations (webhook selectors). */
export const LABEL_ONLY_KEYS = ['config.linkerd.io/admission-webhooks', 'mirror.linkerd.io/exported'];

export const CONFIG_PREFIX = /^config\.(alpha\.|beta\.)?linkerd\.io\//;

/** Keys Linkerd reads as annotations only (pod template, Pod, Namespace; opaque-ports also on Service). */
export function isLinkerdPodAnnotationKey(key: string): boolean {
  return key === INJECT || (CONFIG_PREFIX.test(key) && !LABEL_ONLY_KEYS.includes(key));
}

/** Why Linkerd would reject this value for that key, or undefined (unknown keys: undefined). */
export function proxyAnnotationError(key: string, value: string): string | undefined {
  const check = PROXY_ANNOTATIONS[key];
  return check ? check(value.trim()) : undefined;
}

/** The closest known key (edit distance ≤ 3), for "did you mean". */
export function nearestAnnotation(key: string): string | undefined {
  let best: string | undefined;
  let bestD = 4;
  for (const k of [...Object.keys(PROXY_ANNOTATIONS), ...LABEL_ONLY_KEYS, INJECT]) {
    const d = editDistance(key, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

export interface MetadataSite {
  resource: Resource;
  /** Path of the metadata object (`['metadata']`, `['spec','template','metadata']`). */
  metaPath: ReadonlyArray<string | number>;
  scope: 'pod' | 'namespace' | 'workload' | 'service' | 'other';
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  workload?: Workload;
}

/** Every metadata block of the inputs with where Linkerd reads it: pod templates, namespaces, Services, workloads. */
export function metadataSites(graph: ResourceGraph): readonly MetadataSite[] {
  return graph.memo('linkerd:metadata-sites', () => {
    const sites: MetadataSite[] = [];
    for (const r of graph.resources) {
      const w = graph.workloadOf(r);
      if (w && r.kind === 'Pod') {
        sites.push({ resource: r, metaPath: ['metadata'], scope: 'pod', labels: r.labels, annotations: r.annotations, workload: w });
        continue;
      }
      const scope = w ? 'workload' : r.kindKey === 'Namespace' ? 'namespace' : r.kindKey === 'Service' ? 'service' : 'other';
      sites.push({ resource: r, metaPath: ['metadata'], scope, labels: r.labels, annotations: r.annotations });
      if (w) sites.push({ resource: r, metaPath: [...w.templatePath, 'metadata'], scope: 'pod', labels: w.labels, annotations: w.annotations, workload: w });
    }
    return sites;
  });
}

// ---- policy resources -------------------------------------------------------------------------

/** `group` + `kind` of a Linkerd policy ref as a kind key (`core` and '' are the core group). */
export function linkerdRefKindKey(group: unknown, kind: string): string {
  const g = typeof group === 'string' && group !== 'core' ? group : '';
  return g ? `${g}/${kind}` : kind;
}

/** A Server's podSelector (undefined when it selects external workloads or is malformed). */
export function serverSelector(srv: Resource): LabelSelector | undefined {
  const spec = srv.body.spec;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return undefined;
  return labelSelector((spec as Record<string, unknown>).podSelector);
}

/** Servers of a namespace whose labels match a ServerAuthorization `server.selector`. */
export function serversMatching(graph: ResourceGraph, namespace: string, selector: unknown): Resource[] {
  const sel = labelSelector(selector);
  if (!sel) return [];
  return graph.inNamespace('policy.linkerd.io/Server', namespace).filter((s) => selectorMatches(sel, s.labels));
}

/** The port a Server names: a number, or a name (a quoted number is a name to Linkerd). */
export function serverPort(srv: Resource): { number?: number; name?: string } | undefined {
  const spec = srv.body.spec;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return undefined;
  const p = (spec as Record<string, unknown>).port;
  if (typeof p === 'number') return { number: p };
  if (typeof p === 'string' && p) return { name: p };
  return undefined;
}

/** Whether a ServiceAccount exists in the inputs: declared, used by a pod template, or the namespace default. */
export function serviceAccountKnown(graph: ResourceGraph, namespace: string, name: string): boolean {
  if (name === 'default' || graph.get('ServiceAccount', namespace, name)) return true;
  const used = graph.memo('linkerd:used-service-accounts', () => new Set(graph.workloads.map((w) => `${w.namespace}\u0000${w.serviceAccountName}`)));
  return used.has(`${namespace}\u0000${name}`);
}

/** Whether the inputs describe a namespace's ServiceAccounts well enough to call one missing. */
export function serviceAccountsDescribed(graph: ResourceGraph, namespace: string): boolean {
  return graph.inNamespace('ServiceAccount', namespace).length > 0;
}

// ---- opaque ports -----------------------------------------------------------------------------

export const OPAQUE_PORTS = 'config.linkerd.io/opaque-ports';

/** The opaque-ports value in effect on a pod (its own, else its namespace's, else the proxy default). */
export function podOpaquePorts(graph: ResourceGraph, w: Workload): { ranges: PortRange[]; explicit: boolean; value?: string } {
  const v = podConfig(graph, w, OPAQUE_PORTS);
  if (v === undefined) return { ranges: [...DEFAULT_OPAQUE_PORTS], explicit: false };
  const parsed = parsePortList(v, { names: true });
  const ranges = [...parsed.ranges];
  for (const name of parsed.names) for (const p of w.containerPorts) if (p.name === name) ranges.push({ lo: p.containerPort, hi: p.containerPort });
  return { ranges, explicit: true, value: v };
}

/** The container port a Service port's targetPort reaches on a workload (undefined: the name is not declared). */
export function targetContainerPort(w: Workload, servicePort: Record<string, unknown>): number | undefined {
  const t = servicePort.targetPort ?? servicePort.port;
  if (typeof t === 'number') return t;
  if (typeof t === 'string' && /^\d+$/.test(t)) return Number(t);
  if (typeof t === 'string') return w.containerPorts.find((p) => p.name === t)?.containerPort;
  return undefined;
}

/** Servers of a workload's namespace that select it, with the container port numbers they claim. */
export function serversOf(graph: ResourceGraph, w: Workload): Array<{ server: Resource; ports: Set<number> }> {
  const index = graph.memo('linkerd:servers-by-pod', () => {
    const m = new Map<number, Resource[]>();
    for (const srv of graph.ofKind('policy.linkerd.io/Server'))
      for (const ref of graph.referencesFrom(srv, 'selects')) for (const pod of ref.resolved) m.set(pod.uid, [...(m.get(pod.uid) ?? []), srv]);
    return m;
  });
  return (index.get(w.resource.uid) ?? []).map((server) => {
    const p = serverPort(server);
    const ports = new Set<number>();
    if (p?.number !== undefined) ports.add(p.number);
    else if (p?.name !== undefined) for (const cp of w.containerPorts) if (cp.name === p.name) ports.add(cp.containerPort);
    return { server, ports };
  });
}

/** Whether any authorization applies to a Server: an AuthorizationPolicy on it, on one of its routes or on its namespace, or a ServerAuthorization. */
export function serverIsAuthorized(graph: ResourceGraph, srv: Resource): boolean {
  if (graph.referencesTo(srv, 'authorizes').length) return true;
  for (const ref of graph.referencesTo(srv, 'attaches-to')) if (graph.referencesTo(ref.from, 'authorizes').length) return true;
  const nsWide = graph.memo('linkerd:namespace-authorized', () => {
    const s = new Set<string>();
    for (const ap of graph.ofKind('policy.linkerd.io/AuthorizationPolicy'))
      for (const ref of graph.referencesFrom(ap, 'authorizes')) if (ref.target.kindKey === 'Namespace' && ref.target.name === ap.namespace) s.add(ap.namespace);
    return s;
  });
  return nsWide.has(srv.namespace);
}

/** The Server's access policy when no authorization applies (v1beta3 default: deny). */
export function serverAccessPolicy(srv: Resource): string {
  const spec = srv.body.spec;
  const v = spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>).accessPolicy : undefined;
  return typeof v === 'string' ? v : 'deny';
}

/** A route parentRef that is a core Service (group "" or "core"; kind Service). */
export function isServiceParent(p: unknown): p is { name: string; namespace?: string; port?: number } {
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return false;
  const r = p as Record<string, unknown>;
  return r.kind === 'Service' && (r.group === '' || r.group === 'core') && typeof r.name === 'string';
}

export const MESH_ROUTE_KINDS = ['gateway.networking.k8s.io/HTTPRoute', 'gateway.networking.k8s.io/GRPCRoute', 'policy.linkerd.io/HTTPRoute'];

/** Mesh routes (HTTPRoute/GRPCRoute with a Service parent) by the parent Service's `ns/name`. */
export function meshRoutesByService(graph: ResourceGraph): ReadonlyMap<string, Array<{ route: Resource; index: number }>> {
  return graph.memo('linkerd:mesh-routes-by-service', () => {
    const m = new Map<string, Array<{ route: Resource; index: number }>>();
    for (const kind of MESH_ROUTE_KINDS)
      for (const route of graph.ofKind(kind)) {
        const spec = route.body.spec;
        const parents = spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>).parentRefs : undefined;
        if (!Array.isArray(parents)) continue;
        parents.forEach((p, index) => {
          if (!isServiceParent(p)) return;
          const key = `${typeof p.namespace === 'string' && p.namespace ? p.namespace : route.namespace}/${p.name}`;
          m.set(key, [...(m.get(key) ?? []), { route, index }]);
        });
      }
    return m;
  });
}

/** Whether the pods behind a Service are injected with Linkerd (any of them). */
export function serviceIsMeshed(graph: ResourceGraph, svc: Resource): boolean {
  return graph.referencesFrom(svc, 'selects').some((ref) =>
    ref.resolved.some((pod) => {
      const w = graph.workloadOf(pod);
      return w !== undefined && injectionOf(graph, w).injected;
    }),
  );
}

/** `<sa>.<ns>.serviceaccount.identity.<control-plane ns>.<trust domain>` → the ServiceAccount (no wildcards). */
export function serviceAccountOfIdentity(id: string): { namespace: string; name: string } | undefined {
  const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.serviceaccount\.identity\./.exec(id);
  return m ? { name: m[1], namespace: m[3] } : undefined;
}
