// Linkerd resolution: which Service a ServiceProfile name profiles.

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
