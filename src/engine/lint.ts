// The whole pipeline: input → parse → model → graph → rules → located, sorted findings.
import { discoverSources, type InputProblem, type SourceFile } from '../input/sources.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits, type ParseProblem } from '../parse/parse.js';
import { ParsePool, poolSize } from '../parse/pool.js';
import { parseFile, type FileResult } from '../parse/file.js';
import { ResourceBuilder } from '../model/build.js';
import type { Finding, Resource } from '../model/types.js';
import { ResourceGraph } from '../graph/graph.js';
import { extractReferences } from '../graph/references/index.js';
import { resolveMeshConfig, type MeshConfig } from '../graph/mesh-config.js';
import type { LintSettings, Rule } from './rule.js';
import { compareFindings, FindingLocator, runRules, selectRules, type RuleFailure, type SeverityOverrides } from './run.js';
import { finalizeFindings, type FinalizeOptions } from './finalize.js';
import type { CliSuppression } from './suppress.js';

export interface LintOptions extends FinalizeOptions {
  paths: string[];
  rules: readonly Rule[];
  defaultNamespace?: string;
  clusterDomain?: string;
  /** Mesh config from --mesh-config; else the `istio` ConfigMap in the inputs; else defaults. */
  meshConfig?: MeshConfig;
  profiles?: Iterable<string>;
  severityOverrides?: SeverityOverrides;
  /** Rule options from the config file, by rule id. */
  ruleOptions?: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  readStdin?: () => string;
  stdinPath?: string;
  /** Input limits (file size, aliases, depth, documents per file); defaults for those not given. */
  limits?: Partial<ParseLimits>;
  /** Parse worker threads: 0 = in-process; undefined = automatic (by cores and input size). */
  workers?: number;
  /** Files not to lint (config `ignore`), by display path; stdin is always linted. */
  ignore?: (displayPath: string) => boolean;
  /** Called between stages, for progress on long runs. */
  onStage?: (stage: 'read' | 'rules' | 'report', detail: { files: number; resources?: number }) => void;
}

export interface LintResult {
  files: SourceFile[];
  resources: Resource[];
  findings: Finding[];
  /** Rules that ran (after profile and `off` filtering). */
  rules: Rule[];
  /** Paths that do not exist: a usage error. */
  missing: InputProblem[];
  skipped: InputProblem[];
  ruleFailures: RuleFailure[];
  /** `--suppress` / config suppressions that matched no finding. */
  unusedSuppressions: CliSuppression[];
  graph: ResourceGraph;
  settings: LintSettings;
}

export function lint(opts: LintOptions): LintResult {
  const discovered = discoverSources(opts.paths, opts.readStdin ?? (() => ''), opts.stdinPath);
  const files = opts.ignore ? ignoreFiles(discovered.files, opts.ignore) : discovered.files;
  return lintSources(files, opts, discovered.missing, discovered.skipped);
}

export function lintSources(files: SourceFile[], opts: LintOptions, missing: InputProblem[] = [], skipped: InputProblem[] = []): LintResult {
  const defaultNamespace = opts.defaultNamespace ?? 'default';
  const builder = new ResourceBuilder({ defaultNamespace });
  const problems: ParseProblem[] = [];
  const directiveFiles = new Set<number>();
  opts.onStage?.('read', { files: files.length });
  const limits: ParseLimits = { ...DEFAULT_PARSE_LIMITS, ...opts.limits };
  const profiles = new Set(opts.profiles ?? []);
  const overrides = opts.severityOverrides ?? new Map();
  const rules = selectRules(opts.rules, profiles, overrides);
  const prepares = rules.flatMap((r) => (r.prepare ? [r.prepare.bind(r)] : []));
  // Parse (in workers for large inputs); results come back in file order, so uids are stable.
  // Per-resource rule work (Rule.prepare) runs here, while the workers parse the next files.
  const onParsed = (parsed: FileResult) => {
    if (parsed.textless) files[parsed.fileId].textless = true;
    if (parsed.skipped !== undefined) skipped.push({ path: files[parsed.fileId].displayPath, message: parsed.skipped });
    for (const p of parsed.problems) problems.push(p);
    if (parsed.hasSuppressionComments) directiveFiles.add(parsed.fileId); // suppression comments, read later
    const first = builder.resources.length;
    for (const doc of parsed.documents) builder.addDocument(doc);
    for (let i = first; i < builder.resources.length; i++) for (const prepare of prepares) prepare(builder.resources[i]);
  };
  const pool = ParsePool.open(poolSize(files, opts.workers), limits);
  try {
    if (pool) pool.parse(files, onParsed);
    else for (const f of files) onParsed(parseFile(f, limits));
    return lintParsed(files, opts, { builder, problems, directiveFiles, rules, overrides, profiles, pool }, missing, skipped);
  } finally {
    pool?.close();
  }
}

interface Parsed {
  builder: ResourceBuilder;
  problems: ParseProblem[];
  directiveFiles: Set<number>;
  rules: Rule[];
  overrides: SeverityOverrides;
  profiles: Set<string>;
  pool: ParsePool | undefined;
}

function lintParsed(files: SourceFile[], opts: LintOptions, parsed: Parsed, missing: InputProblem[], skipped: InputProblem[]): LintResult {
  const { builder, problems, directiveFiles, rules, overrides, profiles, pool } = parsed;
  const defaultNamespace = opts.defaultNamespace ?? 'default';
  const resources = builder.resources;
  const settings: LintSettings = {
    defaultNamespace,
    clusterDomain: opts.clusterDomain ?? 'cluster.local',
    meshConfig: resolveMeshConfig(opts.meshConfig, resources),
    profiles,
  };
  const graph = new ResourceGraph(resources, { clusterDomain: settings.clusterDomain, meshConfig: settings.meshConfig });
  extractReferences(graph);

  opts.onStage?.('rules', { files: files.length, resources: resources.length });
  const { findings: raw, failures } = runRules(rules, graph, settings, problems, overrides, opts.ruleOptions);
  opts.onStage?.('report', { files: files.length, resources: resources.length });
  const locator = new FindingLocator(files, opts.sourceRoot ? { sourceRoot: opts.sourceRoot } : {});
  if (pool && raw.length > 0) locator.prefetch(raw, pool);
  const final = finalizeFindings(raw, { files, directiveFiles, resources, rules, allRules: opts.rules, overrides, locator }, opts);
  const findings = final.findings.sort(compareFindings);
  return { files, resources, findings, rules, missing, skipped, ruleFailures: failures, unusedSuppressions: final.unusedCli, graph, settings };
}

function ignoreFiles(files: SourceFile[], ignored: (displayPath: string) => boolean): SourceFile[] {
  return files.filter((f) => f.absPath === undefined || !ignored(f.displayPath)).map((f, id) => ({ ...f, id }));
}
