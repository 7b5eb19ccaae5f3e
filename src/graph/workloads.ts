// Workloads: the pod templates the inputs declare (Deployments, StatefulSets, ... and bare Pods).
import { isObject } from '../parse/parse.js';
import type { JsonObject, Path, Resource } from '../model/types.js';

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: string;
  /** Path of the port entry inside the resource. */
  path: Path;
}

export interface Workload {
  resource: Resource;
  namespace: string;
  /** Labels and annotations of the pod template (for a Pod, its own metadata). */
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  podSpec: JsonObject;
  /** Path to the pod template (`['spec','template']`; `[]` for a Pod). */
  templatePath: Path;
  serviceAccountName: string;
  containerPorts: ContainerPort[];
}

/** Kinds (by kind name, any API group) that carry a pod template, and where it sits. */
const TEMPLATE_PATHS: Record<string, Path> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Rollout: ['spec', 'template'], // Argo Rollouts
  Pod: [],
};

const WORKLOAD_GROUPS = new Set(['', 'apps', 'extensions', 'batch', 'argoproj.io']);

function dig(v: unknown, path: Path): unknown {
  let cur = v;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

function strings(v: unknown): Record<string, string> {
  if (!isObject(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) out[k] = String(val);
  return out;
}

export function workloadOf(r: Resource): Workload | undefined {
  const templatePath = TEMPLATE_PATHS[r.kind];
  if (!templatePath || !WORKLOAD_GROUPS.has(r.group)) return undefined;
  const template = templatePath.length ? dig(r.body, templatePath) : r.body;
  if (!isObject(template)) return undefined;
  const meta = isObject(template.metadata) ? template.metadata : {};
  const podSpec = isObject(template.spec) ? template.spec : {};
  const containerPorts: ContainerPort[] = [];
  for (const listKey of ['containers', 'initContainers'] as const) {
    const list = podSpec[listKey];
    if (!Array.isArray(list)) continue;
    list.forEach((c, ci) => {
      if (!isObject(c) || !Array.isArray(c.ports)) return;
      c.ports.forEach((p, pi) => {
        if (!isObject(p)) return;
        const port = Number(p.containerPort);
        if (!Number.isFinite(port)) return;
        containerPorts.push({
          ...(typeof p.name === 'string' ? { name: p.name } : {}),
          containerPort: port,
          protocol: typeof p.protocol === 'string' ? p.protocol : 'TCP',
          path: [...templatePath, 'spec', listKey, ci, 'ports', pi],
        });
      });
    });
  }
  const sa = podSpec.serviceAccountName ?? podSpec.serviceAccount;
  return {
    resource: r,
    namespace: r.namespace,
    labels: r.kind === 'Pod' ? r.labels : strings(meta.labels),
    annotations: r.kind === 'Pod' ? r.annotations : strings(meta.annotations),
    podSpec,
    templatePath,
    serviceAccountName: typeof sa === 'string' && sa ? sa : 'default',
    containerPorts,
  };
}

export { dig };
