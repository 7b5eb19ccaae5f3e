// Rule modules: metadata as data plus one check function that reports paths, never positions.
import type { ResourceGraph } from '../graph/graph.js';
import type { MeshConfig } from '../graph/mesh-config.js';
import type { ParseProblem } from '../parse/parse.js';
import type { Path, Resource, Severity } from '../model/types.js';

export type RuleCategory = 'core' | 'kubernetes' | 'istio' | 'linkerd' | 'gateway-api';

export interface RuleMeta {
  /** Permanent kebab-case id: it is the identity of alerts in GitHub code scanning. */
  id: string;
  severity: Severity;
  category: RuleCategory;
  /** One sentence: what is wrong (SARIF shortDescription). */
  description: string;
  /** Codes of the same check upstream: `IST0101`, `IST0101@virtualservice.GatewayAnalyzer`, `KIA1101`. */
  equivalents: readonly string[];
  /** Kind keys the rule reads; a rule whose inputs are all absent is skipped. [] = always runs. */
  inputs: readonly string[];
  precision?: 'very-high' | 'high' | 'medium' | 'low';
  tags?: readonly string[];
  /** Opt-in rule sets (`--profile production`); rules without one always run. */
  profile?: string;
}

export interface RelatedRef {
  resource: Resource;
  path: Path;
  message: string;
}

export interface ReportInput {
  resource: Resource;
  path: Path;
  message: string;
  /** Override of the rule's default severity for this finding. */
  severity?: Severity;
  related?: RelatedRef[];
  /** Point at the key of the last path element instead of its value. */
  at?: 'key' | 'value';
}

export interface LintSettings {
  defaultNamespace: string;
  clusterDomain: string;
  meshConfig: MeshConfig;
  profiles: ReadonlySet<string>;
}

export interface RuleContext {
  readonly graph: ResourceGraph;
  readonly settings: LintSettings;
  /** This rule's options from the config file (`rules: {id: {options: {...}}}`); {} when none. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Resources of one kind key (`networking.istio.io/VirtualService`, `Service`, `apps/Deployment`). */
  resources(kindKey: string): readonly Resource[];
  /** Problems found while parsing (for the built-in YAML rules). */
  readonly parseProblems: readonly ParseProblem[];
  report(input: ReportInput): void;
  /** A finding about a file region rather than a resource (syntax errors). */
  reportFile(fileId: number, range: readonly [number, number], message: string, severity?: Severity): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
  /**
   * Optional per-resource work that needs no other resource (schema validation). The engine
   * calls it as each resource is built, while the parse workers are still busy with the other
   * files; `check` must give the same findings whether or not it ran (memoize, never report).
   */
  prepare?(resource: Resource): void;
}

export function defineRule(rule: Rule): Rule {
  return Object.freeze(rule);
}

export const DOCS_BASE_URL = 'https://github.com/mesh-lint/mesh-lint/blob/main/docs/rules/';

export function helpUri(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
