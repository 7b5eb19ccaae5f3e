import { describe, expect, it } from 'vitest';
import { readExpectations, readFixtureOptions } from './expectations.js';

describe('expect comments', () => {
  it('reads trailing, multiple and next-line expectations, with CRLF', () => {
    const text = 'a: 1 # expect: rule-a\r\nb: "x # expect: nope" \r\n# expect-next-line: rule-b, rule-c\r\nc: |\r\n  text\r\nd: 2  # expect: rule-a, rule-d\r\n';
    expect(readExpectations(text)).toEqual([
      { line: 1, ruleId: 'rule-a' },
      { line: 4, ruleId: 'rule-b' },
      { line: 4, ruleId: 'rule-c' },
      { line: 6, ruleId: 'rule-a' },
      { line: 6, ruleId: 'rule-d' },
    ]);
  });
  it('reads fixture options', () => {
    expect(readFixtureOptions('# fixture-options: {"clusterDomain": "example.org"}\nkind: X\n')).toEqual({ clusterDomain: 'example.org' });
    expect(readFixtureOptions('kind: X\n')).toEqual({});
  });
});
