// `.mesh-lint.yaml`: found from the working directory upward or given with --config, validated
// against schemas/mesh-lint.config.schema.json. A bad config is a ConfigError (exit 2).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import AjvModule from 'ajv';
import { parse } from 'yaml';
import type { Severity } from '../model/types.js';
import { packageRoot } from './catalogue.js';
import { matchesAny } from './glob.js';

export const CONFIG_NAMES = ['.mesh-lint.yaml', '.mesh-lint.yml'];

export class ConfigError extends Error {}

export type Level = Severity | 'off';
type RuleSetting = Level | { severity?: Level; options?: Record<string, unknown> };

export interface ConfigFile {
  rules?: Record<string, RuleSetting>;
  overrides?: Array<{ files: string[]; rules: Record<string, RuleSetting> }>;
  ignore?: string[];
  suppress?: string[];
  failOn?: Severity | 'none';
  defaults?: { defaultNamespace?: string; clusterDomain?: string; meshConfig?: string; profiles?: string[]; sourceRoot?: string };
}

export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string;
  config: ConfigFile;
}

/** The nearest `.mesh-lint.yaml` from `cwd` upward, or undefined. */
export function findConfig(cwd = process.cwd()): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const n of CONFIG_NAMES) {
      const p = join(dir, n);
      if (existsSync(p)) return p;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

type Validator = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params: Record<string, unknown> }> | null };
let validator: Validator | undefined;

function validate(): Validator {
  if (!validator) {
    const Ajv = (AjvModule as unknown as { default?: typeof AjvModule }).default ?? AjvModule;
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'mesh-lint.config.schema.json'), 'utf8'));
    validator = new (Ajv as unknown as new (o: object) => { compile: (s: object) => Validator })({ allErrors: true, strict: false }).compile(schema);
  }
  return validator;
}

export function loadConfig(path: string, knownRules: ReadonlySet<string>): LoadedConfig {
  const abs = resolve(path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    throw new ConfigError(`cannot read config file ${path}`);
  }
  let value: unknown;
  try {
    value = parse(text, { prettyErrors: false }) ?? {};
  } catch (e) {
    throw new ConfigError(`config file ${path} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const v = validate();
  if (!v(value)) {
    const errs = (v.errors ?? []).filter((e) => !/must match exactly one schema|must be equal to one of the allowed values/.test(e.message ?? '') || e.params.allowedValues);
    const msgs = [...new Set(errs.map((e) => `${e.instancePath || '/'} ${e.message}${e.params.allowedValues ? ` (${(e.params.allowedValues as string[]).join(', ')})` : ''}${e.params.additionalProperty ? ` ("${String(e.params.additionalProperty)}")` : ''}`))];
    throw new ConfigError(`config file ${path} is invalid: ${msgs.slice(0, 5).join('; ')}`);
  }
  const config = value as ConfigFile;
  const ruleTables = [config.rules ?? {}, ...(config.overrides ?? []).map((o) => o.rules)];
  for (const table of ruleTables) {
    for (const id of Object.keys(table)) {
      if (!knownRules.has(id)) throw new ConfigError(`config file ${path}: unknown rule "${id}" (see \`mesh-lint rules\`)`);
    }
  }
  return { path: abs, config };
}

function levelOf(s: RuleSetting | undefined): Level | undefined {
  if (s === undefined) return undefined;
  return typeof s === 'string' ? s : s.severity;
}

/** Rule settings derived from a config: global severities, options, per-file severities. */
export interface RuleSettings {
  severities: Map<string, Level>;
  options: Map<string, Record<string, unknown>>;
  /** Severity of a rule in a reported file, from `overrides` (and global off for rules only some files enable). */
  fileSeverity?: (file: string, ruleId: string) => Level | undefined;
}

/**
 * Merges config rule settings with command-line `--rule` overrides (which win everywhere).
 * `cwd` relativises reported paths for `overrides[].files` globs, which are relative to the
 * config file's folder.
 */
export function ruleSettings(config: LoadedConfig | undefined, cli: ReadonlyMap<string, Level>, cwd = process.cwd()): RuleSettings {
  const severities = new Map<string, Level>();
  const options = new Map<string, Record<string, unknown>>();
  const c = config?.config;
  for (const [id, s] of Object.entries(c?.rules ?? {})) {
    const l = levelOf(s);
    if (l) severities.set(id, l);
    if (typeof s === 'object' && s.options) options.set(id, s.options);
  }
  const overrides = (c?.overrides ?? []).map((o) => ({ files: o.files, levels: new Map(Object.entries(o.rules).flatMap(([id, s]) => (levelOf(s) ? [[id, levelOf(s)!] as const] : []))) }));
  for (const o of c?.overrides ?? []) for (const [id, s] of Object.entries(o.rules)) if (typeof s === 'object' && s.options) options.set(id, { ...options.get(id), ...s.options });
  // A rule off globally but enabled for some files must run; it is then off per file elsewhere.
  const offElsewhere = new Set<string>();
  for (const [id, l] of severities) if (l === 'off' && overrides.some((o) => o.levels.has(id) && o.levels.get(id) !== 'off')) offElsewhere.add(id);
  for (const id of offElsewhere) severities.delete(id);
  for (const [id, l] of cli) severities.set(id, l);
  const base = config ? dirname(config.path) : cwd;
  const fileSeverity =
    overrides.length || offElsewhere.size
      ? (file: string, ruleId: string): Level | undefined => {
          if (cli.has(ruleId)) return undefined;
          const rel = relative(base, resolve(cwd, file)).split('\\').join('/');
          let level: Level | undefined = offElsewhere.has(ruleId) ? 'off' : undefined;
          for (const o of overrides) if (o.levels.has(ruleId) && (matchesAny(rel, o.files) || matchesAny(file, o.files))) level = o.levels.get(ruleId);
          return level;
        }
      : undefined;
  return { severities, options, ...(fileSeverity ? { fileSeverity } : {}) };
}

/** Config `ignore`: globs relative to the config file's folder (or matching the path as reported). */
export function ignorePredicate(config: LoadedConfig | undefined, cwd = process.cwd()): ((displayPath: string) => boolean) | undefined {
  const globs = config?.config.ignore;
  if (!config || !globs?.length) return undefined;
  const base = dirname(config.path);
  return (file) => matchesAny(relative(base, resolve(cwd, file)).split('\\').join('/'), globs) || matchesAny(file, globs);
}
