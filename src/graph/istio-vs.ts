// VirtualService destinations: every route destination, mirror and mirrors entry, with its path.
import type { JsonObject, Path, Resource } from '../model/types.js';
import { isObject } from '../parse/parse.js';

export interface VsDestination {
  section: 'http' | 'tcp' | 'tls';
  mirror: boolean;
  /** The Destination object; undefined for a route entry without a destination. */
  destination?: JsonObject;
  /** Path of the Destination object (or of the route entry when it has none). */
  path: Path;
}

export function vsDestinations(vs: Resource): VsDestination[] {
  const spec = isObject(vs.body.spec) ? vs.body.spec : {};
  const out: VsDestination[] = [];
  for (const section of ['http', 'tcp', 'tls'] as const) {
    const routes = spec[section];
    if (!Array.isArray(routes)) continue;
    routes.forEach((rule, ri) => {
      if (!isObject(rule)) return;
      if (Array.isArray(rule.route)) {
        rule.route.forEach((rd, di) => {
          if (!isObject(rd)) return;
          out.push({
            section,
            mirror: false,
            ...(isObject(rd.destination) ? { destination: rd.destination } : {}),
            path: isObject(rd.destination) ? ['spec', section, ri, 'route', di, 'destination'] : ['spec', section, ri, 'route', di],
          });
        });
      }
      if (section !== 'http') return;
      if (isObject(rule.mirror)) out.push({ section, mirror: true, destination: rule.mirror, path: ['spec', section, ri, 'mirror'] });
      if (Array.isArray(rule.mirrors)) {
        rule.mirrors.forEach((m, mi) => {
          if (isObject(m) && isObject(m.destination)) out.push({ section, mirror: true, destination: m.destination, path: ['spec', section, ri, 'mirrors', mi, 'destination'] });
        });
      }
    });
  }
  return out;
}

/** `destination.port.number`, when given. */
export function destinationPort(d: JsonObject): number | undefined {
  return isObject(d.port) && typeof d.port.number === 'number' ? d.port.number : undefined;
}
