// Runs the linter over a fixture (a file or a folder) the way the CLI does.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lint } from '../../src/engine/lint.js';
import type { Rule } from '../../src/engine/rule.js';
import { parseMeshConfigText } from '../../src/graph/mesh-config.js';
import type { Finding } from '../../src/model/types.js';
import type { FixtureOptions } from './expectations.js';

export function lintFixture(path: string, rules: readonly Rule[], opts: FixtureOptions = {}): Finding[] {
  const meshConfig = opts.meshConfig ? parseMeshConfigText(readFileSync(join(statSync(path).isDirectory() ? path : dirname(path), opts.meshConfig), 'utf8')) : undefined;
  const result = lint({
    paths: [path],
    rules,
    ...(opts.clusterDomain ? { clusterDomain: opts.clusterDomain } : {}),
    ...(opts.defaultNamespace ? { defaultNamespace: opts.defaultNamespace } : {}),
    ...(opts.profiles ? { profiles: opts.profiles } : {}),
    ...(meshConfig ? { meshConfig } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  if (result.ruleFailures.length) throw result.ruleFailures[0].error;
  // A suppressed finding is not reported (SARIF alone keeps it, as a suppression).
  return result.findings.filter((f) => !f.suppressed);
}
