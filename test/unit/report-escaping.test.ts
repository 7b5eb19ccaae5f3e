// Escaping in the github and junit formats: characters that would break the workflow command or
// the XML never reach the output raw.
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { escapeXml, formatJunit } from '../../src/report/junit.js';
import type { ReportData } from '../../src/report/types.js';

const data = (message: string, file = 'a.yaml'): ReportData => ({
  toolVersion: '0.0.0',
  rules: [],
  files: 1,
  resources: 1,
  fileNames: [file],
  findings: [{ ruleId: 'r', severity: 'warning', message, location: { file, startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 } }],
});

describe('github workflow commands', () => {
  it('escapes %, CR and LF in data and also : and , in properties', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    expect(formatGithub(data('line one\n::error::injected', 'dir,x/a:b.yaml'))).toBe(
      '::warning file=dir%2Cx/a%3Ab.yaml,line=2,col=3,endLine=2,endColumn=9,title=mesh-lint r::line one%0A::error::injected\n',
    );
  });
  it('prints nothing for no findings', () => {
    expect(formatGithub({ ...data('x'), findings: [] })).toBe('');
  });
});

describe('junit', () => {
  it('escapes markup and drops characters XML 1.0 forbids', () => {
    expect(escapeXml(`<a href="x">&'\u0001\u001b[31m`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;[31m');
    const xml = formatJunit(data('bad <value> & "quote"\u0007'));
    expect(xml).toContain('<failure message="bad &lt;value&gt; &amp; &quot;quote&quot;" type="warning">');
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
  });
});
