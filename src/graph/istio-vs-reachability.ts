// VirtualService rule reachability, as Istio's validation computes it: rules after a match-less rule,
// rules whose matches all repeat earlier ones, matches equal to an earlier match (its `name`
// ignored), and HTTP matches whose uri prefix is covered by an earlier, otherwise identical match.
import type { JsonObject, Path, Resource } from '../model/types.js';
import { isObject } from '../parse/parse.js';

export interface Unreachable {
  kind: 'unreachable';
  section: 'http' | 'tcp' | 'tls';
  rule: number;
  ruleLabel: string;
  reason: string;
  path: Path;
}

export interface Ineffective {
  kind: 'ineffective';
  section: 'http' | 'tcp' | 'tls';
  rule: number;
  ruleLabel: string;
  match: number;
  matchLabel: string;
  /** The earlier rule whose match covers this one. */
  byRuleLabel: string;
  overlap: boolean;
  path: Path;
}

export type ReachabilityProblem = Unreachable | Ineffective;

/** Deterministic JSON: keys sorted at every level. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined && v[k] !== null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function withoutName(m: JsonObject): JsonObject {
  const { name: _name, ...rest } = m;
  return rest;
}

function ruleLabel(route: JsonObject, i: number): string {
  return typeof route.name === 'string' && route.name !== '' ? `"${route.name}"` : `#${i}`;
}

function matchLabel(m: JsonObject, i: number): string {
  return typeof m.name === 'string' && m.name !== '' ? `"${m.name}"` : `#${i}`;
}

/** `uri.prefix` of an HTTP match, when that is how it matches the URI. */
function uriPrefix(m: JsonObject): string | undefined {
  return isObject(m.uri) && typeof m.uri.prefix === 'string' && Object.keys(m.uri).length === 1 ? m.uri.prefix : undefined;
}

/** Everything of an HTTP match except name, uri and method, for the "otherwise identical" test. */
function rest(m: JsonObject): string {
  const { name: _n, uri: _u, method: _m, ...others } = m;
  return canonical(others);
}

function method(m: JsonObject): string {
  return canonical(m.method ?? { exact: 'GET' });
}

/** Does the earlier HTTP match `a` take every request the later match `b` would? (prefix overlap) */
function prefixCovers(a: JsonObject, b: JsonObject): boolean {
  const pa = uriPrefix(a);
  const pb = uriPrefix(b);
  if (pa === undefined || pb === undefined || !pb.startsWith(pa)) return false;
  return method(a) === method(b) && rest(a) === rest(b);
}

export function vsReachability(vs: Resource): ReachabilityProblem[] {
  const spec = isObject(vs.body.spec) ? vs.body.spec : {};
  const out: ReachabilityProblem[] = [];
  for (const section of ['http', 'tcp', 'tls'] as const) {
    const routes = spec[section];
    if (!Array.isArray(routes)) continue;
    const seen = new Map<string, number>();
    const earlierHttp: Array<{ match: JsonObject; rule: number }> = [];
    let emptySeen = -1;
    routes.forEach((route, ri) => {
      if (!isObject(route)) return;
      const label = ruleLabel(route, ri);
      const matches = Array.isArray(route.match) ? route.match : [];
      if (matches.length === 0) {
        if (emptySeen >= 0) out.push({ kind: 'unreachable', section, rule: ri, ruleLabel: label, reason: 'only the last rule can have no matches', path: ['spec', section, ri] });
        emptySeen = ri;
        return;
      }
      if (emptySeen >= 0) {
        out.push({ kind: 'unreachable', section, rule: ri, ruleLabel: label, reason: 'route without matches defined before', path: ['spec', section, ri, 'match'] });
        return;
      }
      let duplicates = 0;
      matches.forEach((m, mi) => {
        if (!isObject(m)) return;
        const key = canonical(withoutName(m));
        const dup = seen.get(key);
        const base = { kind: 'ineffective' as const, section, rule: ri, ruleLabel: label, match: mi, matchLabel: matchLabel(m, mi), path: ['spec', section, ri, 'match', mi] };
        if (dup !== undefined) {
          out.push({ ...base, byRuleLabel: ruleLabel(routes[dup] as JsonObject, dup), overlap: false });
          duplicates++;
          return;
        }
        seen.set(key, ri);
        if (section === 'http') {
          const cover = earlierHttp.find((e) => prefixCovers(e.match, m));
          if (cover) out.push({ ...base, byRuleLabel: ruleLabel(routes[cover.rule] as JsonObject, cover.rule), overlap: true });
          earlierHttp.push({ match: m, rule: ri });
        }
      });
      if (duplicates === matches.length) out.push({ kind: 'unreachable', section, rule: ri, ruleLabel: label, reason: 'all matches used by prior rules', path: ['spec', section, ri, 'match'] });
    });
  }
  return out;
}
