// Exact positions: a wrong value at the value, a missing field at its parent, an unknown field at
// its key, traps at the scalar.
import { describe, expect, it } from 'vitest';
import { lintSources } from '../../src/engine/lint.js';
import { ALL_RULES } from '../../rules/index.js';
import type { SourceFile } from '../../src/input/sources.js';

function findings(text: string, ruleIds: string[]) {
  const files: SourceFile[] = [{ id: 0, displayPath: 'mem.yaml', text }];
  const rules = ALL_RULES.filter((r) => ruleIds.includes(r.id));
  return lintSources(files, { paths: [], rules }).findings.map((f) => `${f.location.startLine}:${f.location.startColumn}-${f.location.endColumn} ${f.severity}`);
}

describe('schema finding locations', () => {
  it('points at the value, the parent key and the unknown key', () => {
    const text = [
      'apiVersion: v1', //                    1
      'kind: Service', //                     2
      'metadata: {name: cart}', //            3
      'spec:', //                             4
      '  type: Loadbalancer', //              5: value at column 9
      '  ports:', //                          6
      '    - name: http', //                  7: the list item missing "port" (its first line)
      '      prot: 80', //                    8: unknown key at column 7
      '',
    ].join('\n');
    expect(findings(text, ['schema-invalid']).sort()).toEqual(['5:9-21 error', '7:7-17 error', '8:7-11 warning'].sort());
  });
  it('points at the offending scalar for YAML traps', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  flag: off\n  port: "0123"\n  build: 0123\n';
    expect(findings(text, ['yaml-ambiguous-boolean', 'yaml-octal-number'])).toEqual(['5:9-12 warning', '7:10-14 warning']);
  });
});
