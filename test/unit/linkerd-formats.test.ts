// The value formats Linkerd parses, as src/graph/linkerd.ts implements them.
import { describe, expect, it } from 'vitest';
import {
  cidrContains,
  identityError,
  isValidInjectValue,
  parseCidr,
  parseGoDuration,
  parseLinkerdDuration,
  parsePortList,
  parseQuantity,
  proxyAnnotationError,
  rustRegexError,
  serviceAccountOfIdentity,
  serviceProfileTarget,
} from '../../src/graph/linkerd.js';

describe('Go durations (time.ParseDuration)', () => {
  it('accepts Go syntax', () => {
    expect(parseGoDuration('1ns')).toBe(1);
    expect(parseGoDuration('1.5s')).toBe(1.5e9);
    expect(parseGoDuration('1h30m')).toBe(5400e9);
    expect(parseGoDuration('300µs')).toBe(300e3);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('-2m')).toBe(-120e9);
  });
  it('refuses what Go refuses', () => {
    for (const bad of ['one-second', '5', '', '1d', 's', '.s', '1 s', '10S']) expect(parseGoDuration(bad), bad).toBeUndefined();
  });
});

describe('Linkerd policy durations', () => {
  it('takes an integer and a unit, or 0', () => {
    expect(parseLinkerdDuration('5s')).toEqual({ ms: 5000 });
    expect(parseLinkerdDuration('2d')).toEqual({ ms: 172_800_000 });
    expect(parseLinkerdDuration('0')).toEqual({ ms: 0 });
  });
  it('explains refusals the way the policy controller does', () => {
    expect(parseLinkerdDuration('5')).toEqual({ error: "missing duration unit; did you mean '5s' or '5ms'?" });
    expect(parseLinkerdDuration('1.5s')).toEqual({ error: 'fractional values are not supported' });
    expect('error' in parseLinkerdDuration('1h30m')).toBe(true);
  });
});

describe('port lists', () => {
  it('parses ports and ranges, trims spaces, skips empty entries', () => {
    expect(parsePortList(' 25, 4000-4100,,')).toEqual({ ranges: [{ lo: 25, hi: 25 }, { lo: 4000, hi: 4100 }], names: [], bad: [] });
  });
  it('takes names only where allowed and rejects out-of-range entries', () => {
    expect(parsePortList('http,8080', { names: true }).names).toEqual(['http']);
    expect(parsePortList('http').bad).toEqual(['http']);
    expect(parsePortList('0,70000,20-10').bad).toEqual(['0', '70000', '20-10']);
    expect(parsePortList('0', { min: 0 }).bad).toEqual([]);
  });
});

describe('CIDRs', () => {
  it('parses IPv4 and IPv6 networks and bare addresses', () => {
    expect(parseCidr('10.0.0.0/8')?.bits).toBe(8);
    expect(parseCidr('fd00::/8')?.v6).toBe(true);
    expect(parseCidr('::ffff:10.1.2.3')?.bits).toBe(128);
    for (const bad of ['bogus', '10.0.0.0/33', '256.1.1.1', '1.2.3', 'fd00:::1/8', '1::2::3']) expect(parseCidr(bad), bad).toBeUndefined();
  });
  it('knows containment', () => {
    const net = parseCidr('10.1.0.0/16')!;
    expect(cidrContains(net, parseCidr('10.1.2.0/24')!)).toBe(true);
    expect(cidrContains(net, parseCidr('10.2.0.0/24')!)).toBe(false);
    expect(cidrContains(parseCidr('10.1.1.0/24')!, net)).toBe(false);
  });
});

describe('identities', () => {
  it('accepts DNS-like identities with a leading wildcard and SPIFFE IDs', () => {
    for (const ok of ['*', '*.system.local', 'web.ns.serviceaccount.identity.linkerd.cluster.local', 'spiffe://td.org/ns/web', 'spiffe://td.org'])
      expect(identityError(ok), ok).toBeUndefined();
  });
  it('refuses wildcards elsewhere and malformed SPIFFE IDs', () => {
    for (const bad of ['system.local.*', 'Web.ns', 'spiffe://test.org/', 'spiffe:///path', 'spiffe://td.org/a//b', 'spiffe://td.org/a/../b'])
      expect(identityError(bad), bad).toBeDefined();
  });
  it('maps a Linkerd mesh identity to its ServiceAccount', () => {
    expect(serviceAccountOfIdentity('web.emojivoto.serviceaccount.identity.linkerd.cluster.local')).toEqual({ name: 'web', namespace: 'emojivoto' });
    expect(serviceAccountOfIdentity('*.emojivoto.serviceaccount.identity.linkerd.cluster.local')).toBeUndefined();
  });
});

describe('regular expressions as the proxy compiles them', () => {
  it('accepts Rust-only syntax', () => {
    for (const ok of ['(?P<id>\\d+)', '(?i)/api', '\\A/api\\z', '[[:alpha:]]+', '/route-1,', '\\p{L}+']) expect(rustRegexError(ok), ok).toBeUndefined();
  });
  it('refuses look-around, backreferences and broken syntax', () => {
    for (const bad of ['(?=x)', '(?<!x)y', '(a)\\1', '(a', '[z-a]', '*a']) expect(rustRegexError(bad), bad).toBeDefined();
  });
});

describe('other formats', () => {
  it('quantities', () => {
    expect(parseQuantity('100m')).toBeCloseTo(0.1);
    expect(parseQuantity('1Gi')).toBe(1024 ** 3);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('one')).toBeUndefined();
  });
  it('inject values and proxy annotations', () => {
    expect(['enabled', 'disabled', 'ingress', ''].every(isValidInjectValue)).toBe(true);
    expect(isValidInjectValue('true')).toBe(false);
    expect(proxyAnnotationError('config.linkerd.io/proxy-await', 'true')).toMatch(/enabled, disabled/);
    expect(proxyAnnotationError('config.linkerd.io/proxy-log-level', 'warn,linkerd=info,hickory=error')).toBeUndefined();
    expect(proxyAnnotationError('config.linkerd.io/unknown-key', 'x')).toBeUndefined();
  });
  it('ServiceProfile names', () => {
    expect(serviceProfileTarget('web.emojivoto.svc.cluster.local', 'cluster.local')).toEqual({ service: 'web', namespace: 'emojivoto' });
    expect(serviceProfileTarget('web.emojivoto.svc.cluster.local', 'example.org')).toBeUndefined();
    expect(serviceProfileTarget('a.b.c.svc.cluster.local', 'cluster.local')).toBeUndefined();
  });
});
