// Graph stage: resources as nodes, references as edges (dangling ones kept), and the
// indexes every rule looks things up in. Built once, in linear time.
import { Graph } from '@dagrejs/graphlib';
import type { Path, Resource } from '../model/types.js';
import { isObject } from '../parse/parse.js';
import { equalitySelector, isEmptySelector, selectorMatches, type LabelSelector } from './selectors.js';
import { workloadOf, type Workload } from './workloads.js';
import type { MeshConfig } from './mesh-config.js';

/** What a reference means: the label of its edge. */
export type Relation =
  | 'routes-to'
  | 'attaches-to'
  | 'selects'
  | 'governs-mtls'
  | 'grants'
  | 'configures'
  | 'uses'
  | 'authorizes'
  | 'profiles';

export interface RefTarget {
  kindKey: string;
  namespace: string; // '' for cluster-scoped
  name: string;
}

export interface Reference {
  from: Resource;
  relation: Relation;
  target: RefTarget;
  /** Field holding the reference inside `from`. */
  path: Path;
  /** Resolved resources; empty for a dangling reference. */
  resolved: Resource[];
}

export interface GraphOptions {
  clusterDomain: string;
  meshConfig: MeshConfig;
}

const nsNameKey = (kindKey: string, namespace: string, name: string) => `${kindKey}\u0000${namespace}\u0000${name}`;

export class ResourceGraph {
  private graphlib: Graph | undefined;
  readonly references: Reference[] = [];
  private readonly byKind = new Map<string, Resource[]>();
  private readonly byKey = new Map<string, Resource[]>();
  private readonly byKindNs = new Map<string, Resource[]>();
  private readonly byKindName = new Map<string, Resource[]>();
  private readonly declaredNamespaces = new Set<string>();
  private readonly usedNamespaces = new Set<string>();
  private readonly workloadList: Workload[] = [];
  private readonly workloadByUid = new Map<number, Workload>();
  private readonly workloadsByNs = new Map<string, Workload[]>();
  /** `ns\0key=value` → workloads whose pod template carries that label. */
  private readonly workloadLabelIndex = new Map<string, Workload[]>();
  private readonly serviceByFqdn = new Map<string, Resource>();
  private readonly refsFrom = new Map<number, Reference[]>();
  private readonly refsTo = new Map<number, Reference[]>();
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly resources: readonly Resource[],
    readonly options: GraphOptions,
  ) {
    for (const r of resources) this.index(r);
  }

  /**
   * Resources and references as a graphlib multigraph: one node per resource, one labelled edge
   * per resolved target, dangling references to phantom `missing:<kind>/<ns>/<name>` nodes.
   * Built on first use: rules look things up through the indexes, only exports walk the graph
   * (at 10k services it would hold ~100 MB of maps that a lint never reads).
   */
  get graph(): Graph {
    if (!this.graphlib) {
      const g = new Graph({ directed: true, multigraph: true, compound: false });
      for (const r of this.resources) g.setNode(String(r.uid), r);
      this.graphlib = g;
      for (const ref of this.references) this.addEdges(ref);
    }
    return this.graphlib;
  }

  private addEdges(ref: Reference): void {
    const g = this.graphlib!;
    const path = ref.path.join('.');
    const label = { relation: ref.relation, path };
    const name = `${ref.relation}:${path}`;
    const from = String(ref.from.uid);
    if (ref.resolved.length === 0) {
      const { target } = ref;
      const phantom = `missing:${target.kindKey}/${target.namespace}/${target.name}`;
      if (!g.hasNode(phantom)) g.setNode(phantom, { phantom: true, ...target });
      g.setEdge(from, phantom, { ...label, dangling: true }, name);
    } else {
      for (const to of ref.resolved) g.setEdge(from, String(to.uid), { ...label, dangling: false }, name);
    }
  }

  get clusterDomain(): string {
    return this.options.clusterDomain;
  }
  get meshConfig(): MeshConfig {
    return this.options.meshConfig;
  }

  private index(r: Resource): void {
    push(this.byKind, r.kindKey, r);
    push(this.byKey, nsNameKey(r.kindKey, r.namespace, r.name), r);
    push(this.byKindNs, `${r.kindKey}\u0000${r.namespace}`, r);
    push(this.byKindName, `${r.kindKey}\u0000${r.name}`, r);
    if (r.kind === 'Namespace' && r.group === '') this.declaredNamespaces.add(r.name);
    if (r.namespace) this.usedNamespaces.add(r.namespace);
    if (r.kindKey === 'Service') {
      const fqdn = `${r.name}.${r.namespace}.svc.${this.options.clusterDomain}`;
      if (!this.serviceByFqdn.has(fqdn)) this.serviceByFqdn.set(fqdn, r);
    }
    const w = workloadOf(r);
    if (w) {
      this.workloadList.push(w);
      this.workloadByUid.set(r.uid, w);
      push(this.workloadsByNs, w.namespace, w);
      for (const [k, v] of Object.entries(w.labels)) push(this.workloadLabelIndex, `${w.namespace}\u0000${k}=${v}`, w);
    }
  }

  // ---- lookups ---------------------------------------------------------------------------

  ofKind(kindKey: string): readonly Resource[] {
    return this.byKind.get(kindKey) ?? EMPTY;
  }
  hasKind(kindKey: string): boolean {
    return this.byKind.has(kindKey);
  }
  /** All resources of a kind in one namespace. */
  inNamespace(kindKey: string, namespace: string): readonly Resource[] {
    return this.byKindNs.get(`${kindKey}\u0000${namespace}`) ?? EMPTY;
  }
  get(kindKey: string, namespace: string, name: string): Resource | undefined {
    return this.byKey.get(nsNameKey(kindKey, namespace, name))?.[0];
  }
  /** Every resource with this identity (more than one when the inputs define it twice). */
  getAll(kindKey: string, namespace: string, name: string): readonly Resource[] {
    return this.byKey.get(nsNameKey(kindKey, namespace, name)) ?? EMPTY;
  }
  /** Resources of a kind with this name in any namespace (near misses for messages). */
  named(kindKey: string, name: string): readonly Resource[] {
    return this.byKindName.get(`${kindKey}\u0000${name}`) ?? EMPTY;
  }
  /** Namespaces declared by a Namespace resource. */
  isNamespaceDeclared(ns: string): boolean {
    return this.declaredNamespaces.has(ns);
  }
  /** Namespaces declared or used by any resource in the inputs. */
  isNamespaceKnown(ns: string): boolean {
    return this.declaredNamespaces.has(ns) || this.usedNamespaces.has(ns);
  }
  knownNamespaces(): string[] {
    return [...new Set([...this.declaredNamespaces, ...this.usedNamespaces])].sort();
  }
  namespaceResource(ns: string): Resource | undefined {
    return this.get('Namespace', '', ns);
  }

  // ---- workloads and selectors -----------------------------------------------------------

  get workloads(): readonly Workload[] {
    return this.workloadList;
  }
  workloadOf(r: Resource): Workload | undefined {
    return this.workloadByUid.get(r.uid);
  }
  workloadsInNamespace(ns: string): readonly Workload[] {
    return this.workloadsByNs.get(ns) ?? EMPTY;
  }
  /**
   * Workloads in `namespace` whose pod labels match the selector. An empty selector matches
   * every workload of the namespace. Looks up the rarest label first, never scans all workloads.
   */
  workloadsMatching(namespace: string, selector: LabelSelector): Workload[] {
    if (isEmptySelector(selector)) return [...this.workloadsInNamespace(namespace)];
    let candidates: readonly Workload[] | undefined;
    for (const [k, v] of Object.entries(selector.matchLabels)) {
      const list = this.workloadLabelIndex.get(`${namespace}\u0000${k}=${v}`) ?? EMPTY;
      if (!candidates || list.length < candidates.length) candidates = list;
    }
    candidates ??= this.workloadsInNamespace(namespace);
    return candidates.filter((w) => selectorMatches(selector, w.labels));
  }
  /** Services of the workload's namespace whose selector matches its pod labels. */
  servicesSelecting(w: Workload): Resource[] {
    return this.inNamespace('Service', w.namespace).filter((svc) => {
      const spec = isObject(svc.body.spec) ? svc.body.spec : {};
      const sel = equalitySelector(spec.selector);
      return sel !== undefined && !isEmptySelector(sel) && selectorMatches(sel, w.labels);
    });
  }

  // ---- services and hosts ----------------------------------------------------------------

  /** The Service behind `name.namespace.svc.<cluster domain>`. */
  serviceByHost(fqdn: string): Resource | undefined {
    return this.serviceByFqdn.get(fqdn.toLowerCase());
  }
  serviceFqdn(svc: { name: string; namespace: string }): string {
    return `${svc.name}.${svc.namespace}.svc.${this.options.clusterDomain}`;
  }

  // ---- references ------------------------------------------------------------------------

  /** Records a reference; resolves it against the inputs and keeps it even when dangling. */
  addReference(from: Resource, relation: Relation, target: RefTarget, path: Path, resolved?: Resource[]): Reference {
    const hits = resolved ?? [...this.getAll(target.kindKey, target.namespace, target.name)];
    const ref: Reference = { from, relation, target, path, resolved: hits };
    this.references.push(ref);
    push(this.refsFrom, from.uid, ref);
    for (const to of hits) push(this.refsTo, to.uid, ref);
    if (this.graphlib) this.addEdges(ref);
    return ref;
  }
  referencesFrom(r: Resource, relation?: Relation): Reference[] {
    const refs = this.refsFrom.get(r.uid) ?? [];
    return relation ? refs.filter((x) => x.relation === relation) : refs;
  }
  referencesTo(r: Resource, relation?: Relation): Reference[] {
    const refs = this.refsTo.get(r.uid) ?? [];
    return relation ? refs.filter((x) => x.relation === relation) : refs;
  }
  danglingReferences(): Reference[] {
    return this.references.filter((r) => r.resolved.length === 0);
  }

  /** Per-graph cache for derived indexes built by area modules (hosts, gateways, policies). */
  memo<T>(key: string, build: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const v = build();
    this.memos.set(key, v);
    return v;
  }
}

const EMPTY: readonly never[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export { push as pushToMap };
