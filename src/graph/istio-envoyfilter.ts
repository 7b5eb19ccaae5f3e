// EnvoyFilter patch analysis, as istioctl's EnvoyPatchAnalyzer does it: operations that Envoy
// ignores for their applyTo, and relative operations (INSERT_BEFORE/AFTER, REPLACE, REMOVE) without
// a priority, which depend on other filters being applied first (worse when the filter they are
// relative to is itself limited to a proxy version). Filters are visited in namespace/name order.
import { K } from '../model/kinds.js';
import type { Path, Resource } from '../model/types.js';
import { isObject } from '../parse/parse.js';
import type { ResourceGraph } from './graph.js';

export type PatchProblemKind = 'add-ignored' | 'remove-ignored' | 'replace-misused' | 'relative' | 'relative-proxy-version';

export interface PatchProblem {
  kind: PatchProblemKind;
  filter: Resource;
  patch: number;
  operation: string;
  applyTo: string;
  /** The instance name the relative operation refers to, when known. */
  name?: string;
  path: Path;
}

const ROUTE_LEVEL = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);
const REPLACEABLE = new Set(['HTTP_FILTER', 'NETWORK_FILTER', 'VIRTUAL_HOST']);

export function envoyPatchProblems(graph: ResourceGraph): PatchProblem[] {
  return graph.memo('istio:envoyfilter-patches', () => {
    const out: PatchProblem[] = [];
    const versioned = new Set<string>();
    const filters = [...graph.ofKind(K.EnvoyFilter)].sort((a, b) => (a.namespace + '/' + a.name < b.namespace + '/' + b.name ? -1 : a.namespace + '/' + a.name > b.namespace + '/' + b.name ? 1 : a.uid - b.uid));
    for (const ef of filters) {
      const spec = isObject(ef.body.spec) ? ef.body.spec : {};
      const priority = typeof spec.priority === 'number' ? spec.priority : 0;
      const patches = Array.isArray(spec.configPatches) ? spec.configPatches : [];
      for (let i = 0; i < patches.length; i++) {
        const cp = patches[i];
        if (!isObject(cp) || !isObject(cp.patch)) break;
        const op = typeof cp.patch.operation === 'string' ? cp.patch.operation : '';
        const applyTo = typeof cp.applyTo === 'string' ? cp.applyTo : '';
        const match = isObject(cp.match) ? cp.match : {};
        const value = isObject(cp.patch.value) ? cp.patch.value : {};
        const filterName = isObject(match.listener) && isObject(match.listener.filterChain) && isObject(match.listener.filterChain.filter) ? match.listener.filterChain.filter.name : undefined;
        const name = typeof value.name === 'string' ? value.name : typeof filterName === 'string' ? filterName : undefined;
        const base = { filter: ef, patch: i, operation: op, applyTo, ...(name !== undefined ? { name } : {}), path: ['spec', 'configPatches', i, 'patch', 'operation'] as Path };
        let relative = false;
        if (op === 'ADD' && ROUTE_LEVEL.has(applyTo)) out.push({ ...base, kind: 'add-ignored' });
        else if (op === 'REMOVE') {
          if (ROUTE_LEVEL.has(applyTo)) out.push({ ...base, kind: 'remove-ignored' });
          else relative = true;
        } else if (op === 'REPLACE') {
          if (!REPLACEABLE.has(applyTo)) out.push({ ...base, kind: 'replace-misused' });
          else relative = true;
        } else if (op === 'INSERT_BEFORE' || op === 'INSERT_AFTER') relative = true;
        if (relative && priority === 0) out.push({ ...base, kind: name !== undefined && versioned.has(name) ? 'relative-proxy-version' : 'relative' });
        const proxy = isObject(match.proxy) ? match.proxy : undefined;
        if (proxy && typeof proxy.proxyVersion === 'string' && proxy.proxyVersion !== '' && name !== undefined) versioned.add(name);
      }
    }
    return out;
  });
}

/** The first problem of a kind in each EnvoyFilter: Istio reports each filter once per code. */
export function firstPatchProblems(graph: ResourceGraph, kind: PatchProblemKind): PatchProblem[] {
  const seen = new Set<number>();
  const out: PatchProblem[] = [];
  for (const p of envoyPatchProblems(graph)) {
    if (p.kind !== kind || seen.has(p.filter.uid)) continue;
    seen.add(p.filter.uid);
    out.push(p);
  }
  return out;
}
