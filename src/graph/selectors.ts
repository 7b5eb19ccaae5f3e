// Kubernetes label selectors: equality maps and matchLabels/matchExpressions.
import { isObject } from '../parse/parse.js';

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: Array<{ key: string; operator: string; values: string[] }>;
}

/** Reads `{a: b}` (Service, Istio selectors) into a selector. */
export function equalitySelector(v: unknown): LabelSelector | undefined {
  if (!isObject(v)) return undefined;
  const matchLabels: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) matchLabels[k] = String(val);
  return { matchLabels, matchExpressions: [] };
}

/** Reads a metav1.LabelSelector (`matchLabels` + `matchExpressions`). */
export function labelSelector(v: unknown): LabelSelector | undefined {
  if (!isObject(v)) return undefined;
  const matchLabels: Record<string, string> = {};
  if (isObject(v.matchLabels)) for (const [k, val] of Object.entries(v.matchLabels)) if (val !== null && val !== undefined) matchLabels[k] = String(val);
  const matchExpressions: LabelSelector['matchExpressions'] = [];
  if (Array.isArray(v.matchExpressions)) {
    for (const e of v.matchExpressions) {
      if (!isObject(e) || typeof e.key !== 'string' || typeof e.operator !== 'string') continue;
      matchExpressions.push({ key: e.key, operator: e.operator, values: Array.isArray(e.values) ? e.values.map(String) : [] });
    }
  }
  return { matchLabels, matchExpressions };
}

export function isEmptySelector(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0;
}

export function selectorMatches(s: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(s.matchLabels)) if (labels[k] !== v) return false;
  for (const e of s.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function formatSelector(s: LabelSelector): string {
  const parts = Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions) parts.push(`${e.key} ${e.operator}${e.values.length ? ` (${e.values.join(',')})` : ''}`);
  return parts.join(',');
}
