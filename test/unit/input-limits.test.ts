// The parse stage's safety checks on their own: depth and cycles, text classification, limits.
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/input/read.js';
import { checkDepth, DEFAULT_PARSE_LIMITS, parseSource } from '../../src/parse/parse.js';
import { poolSize } from '../../src/parse/pool.js';

describe('checkDepth', () => {
  it('accepts values up to the limit and reports the first path past it', () => {
    let v: unknown = 'leaf';
    for (let i = 0; i < 5; i++) v = { k: v };
    expect(checkDepth(v, 5)).toEqual({ kind: 'ok' });
    expect(checkDepth(v, 4)).toEqual({ kind: 'deep', path: ['k', 'k', 'k', 'k'] });
    expect(checkDepth([[[1]]], 2)).toEqual({ kind: 'deep', path: [0, 0] });
  });
  it('finds cycles only when asked (documents with aliases) and walks shared values', () => {
    const shared = { a: 1 };
    expect(checkDepth({ x: shared, y: shared }, 10)).toEqual({ kind: 'ok' });
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = { again: loop };
    expect(checkDepth(loop, 10)).toEqual({ kind: 'cycle', path: ['self', 'again'] });
  });
});

describe('checkText', () => {
  it('tells binary, UTF-16 and invalid UTF-8 apart from text', () => {
    expect(checkText(Buffer.from('a: 1\n'), undefined)).toEqual({ text: 'a: 1\n' });
    expect(checkText(Buffer.from('\ufeffa: é\n'), undefined)).toEqual({ text: '\ufeffa: é\n' });
    expect(checkText(Buffer.from([0x61, 0, 0x62]), undefined).problem?.message).toMatch(/NUL byte at byte 1/);
    expect(checkText(Buffer.from('\ufeffa', 'utf16le'), undefined).problem?.message).toMatch(/UTF-16/);
    const latin1 = checkText(Buffer.from('a: caf\xe9\n', 'latin1'), undefined);
    expect(latin1.problem).toMatchObject({ ruleId: 'input-not-text', range: [6, 7] });
    // A real U+FFFD in valid UTF-8 is text.
    expect(checkText(Buffer.from('a: \ufffd\n'), undefined)).toEqual({ text: 'a: \ufffd\n' });
  });
});

describe('parseSource limits', () => {
  it('reports documents over the per-file limit and keeps the ones before', () => {
    const text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    const r = parseSource(0, text, { ...DEFAULT_PARSE_LIMITS, maxDocuments: 2 });
    expect(r.documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(r.problems).toEqual([expect.objectContaining({ ruleId: 'input-limit-exceeded', range: [18, 18] })]);
  });
  it('marks alias-free documents as safe to send as JSON, and only those', () => {
    expect(parseSource(0, 'a: 1\n').jsonSafe).toBe(true);
    expect(parseSource(0, 'a: &x 1\nb: *x\n').jsonSafe).toBeUndefined();
    expect(parseSource(0, 'a: .inf\n').jsonSafe).toBeUndefined();
  });
});

describe('poolSize', () => {
  const files = (n: number, size: number) => Array.from({ length: n }, (_, id) => ({ id, displayPath: `f${id}`, size }));
  it('parses small inputs in-process and honours --jobs', () => {
    expect(poolSize(files(10, 1000))).toBe(0);
    expect(poolSize(files(10, 1000), 3)).toBe(3);
    expect(poolSize(files(2, 1000), 8)).toBe(2);
    expect(poolSize(files(1000, 10_000), 0)).toBe(0);
    expect(poolSize(files(1000, 10_000))).toBeGreaterThanOrEqual(1);
  });
});
