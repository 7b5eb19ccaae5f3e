// Reference extractors: each area turns its resources' reference fields into graph edges.
// Adding an area = one module here; rules then ask the graph, never re-parse references.
import type { ResourceGraph } from '../graph.js';
import { extractIstioReferences } from './istio.js';
import { extractGatewayApiReferences } from './gateway-api.js';
import { extractKubernetesReferences } from './kubernetes.js';
import { extractLinkerdReferences } from './linkerd.js';

export type ReferenceExtractor = (graph: ResourceGraph) => void;

export const REFERENCE_EXTRACTORS: readonly ReferenceExtractor[] = [
  extractKubernetesReferences,
  extractIstioReferences,
  extractLinkerdReferences,
  extractGatewayApiReferences,
];

export function extractReferences(graph: ResourceGraph): void {
  for (const extract of REFERENCE_EXTRACTORS) extract(graph);
}
