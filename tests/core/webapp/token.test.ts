import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeLink, type LinkClaims, readLink, sameText } from '../../../src/core/webapp/token';

/** The edge signs with Utilities.computeHmacSha256Signature; here Node's HMAC stands in, same bytes. */
const signWith =
  (secret: string) =>
  (payload: string): string =>
    createHmac('sha256', secret).update(payload, 'utf8').digest('base64url');

const sign = signWith('office-secret');
const NOW = Date.UTC(2026, 10, 25, 1, 0);
const claims: LinkClaims = { role: 'unit', subject: '市城管局', generation: 0, expires: NOW + 86_400_000 };

describe('signed links (unit and inspector tokens)', () => {
  it('reads back the claims it signed, Chinese unit names included', () => {
    const token = encodeLink(claims, sign);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(readLink(token, sign, NOW)).toEqual({ ok: true, claims });
    const inspector: LinkClaims = { role: 'inspector', subject: 'wang@example.org', generation: 3, expires: NOW + 1 };
    expect(readLink(encodeLink(inspector, sign), sign, NOW)).toEqual({ ok: true, claims: inspector });
  });

  it('refuses a token whose unit was changed by hand (the signature no longer matches)', () => {
    const token = encodeLink(claims, sign);
    const [version, , signature] = token.split('.');
    const other = encodeLink({ ...claims, subject: '市交通局' }, sign).split('.')[1];
    expect(readLink(`${version}.${other}.${signature}`, sign, NOW)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a token with one character of its signature changed, or signed with another secret', () => {
    const token = encodeLink(claims, sign);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(readLink(token.slice(0, -1) + last, sign, NOW)).toEqual({ ok: false, reason: 'signature' });
    expect(readLink(encodeLink(claims, signWith('another')), sign, NOW)).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses an expired token, from the moment it expires', () => {
    const token = encodeLink(claims, sign);
    expect(readLink(token, sign, claims.expires - 1).ok).toBe(true);
    expect(readLink(token, sign, claims.expires)).toEqual({ ok: false, reason: 'expired', expires: claims.expires });
  });

  it('calls anything that is not a token malformed, without signing it', () => {
    let signed = 0;
    const counting = (p: string) => {
      signed++;
      return sign(p);
    };
    for (const bad of ['', 'abc', 'v1..x', 'v2.e30.abc', 'v1.e30', `v1.${'a'.repeat(3000)}.b`, 'v1.<script>.x', 'v1.e30.a.b']) {
      expect(readLink(bad, counting, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(signed).toBe(0);
  });

  it('calls a well-signed payload that is not claims malformed', () => {
    const payload = `v1.${Buffer.from('{"r":"x"}').toString('base64url')}`;
    expect(readLink(`${payload}.${sign(payload)}`, sign, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('compares signatures in constant time: every character is looked at, whatever differs first', () => {
    expect(sameText('abc', 'abc')).toBe(true);
    expect(sameText('abc', 'abd')).toBe(false);
    expect(sameText('abc', 'ab')).toBe(false);
    expect(sameText('', '')).toBe(true);
    // The loop reads both strings whole: a first-character difference takes as many reads as a last one.
    const reads = (a: string, b: string) => {
      let n = 0;
      const spy = (s: string) =>
        new Proxy(new String(s), {
          get(target, prop, receiver) {
            if (prop === 'charCodeAt') {
              return (i: number) => {
                n++;
                return target.charCodeAt(i);
              };
            }
            return Reflect.get(target, prop, receiver);
          },
        }) as unknown as string;
      sameText(spy(a), spy(b));
      return n;
    };
    expect(reads('xbcdefgh', 'abcdefgh')).toBe(reads('abcdefgx', 'abcdefgh'));
  });
});
