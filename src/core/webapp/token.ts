/**
 * The signed links of the web app (网页链接): a unit's link to its reply page (全程跟进) and an
 * inspector's link to the 当场下单 page. They work without a Google login, so what the link says
 * (whose it is, which role, until when) is signed with HMAC-SHA256 under a secret only the script
 * knows (script properties, made by setup). The HMAC itself is the edge's (Utilities), injected as
 * `sign`; here only what is pure: the token's text, reading it back, and the comparison.
 *
 * A token is `v1.<payload>.<signature>`: payload the claims as JSON in base64url (UTF-8, so a
 * unit's Chinese name survives), signature `sign('v1.<payload>')` in base64url. Revocation (a
 * unit's link reset, an inspector no longer 启用) is the edge's: it knows the current generation.
 */

export type LinkRole = 'unit' | 'inspector';

export interface LinkClaims {
  role: LinkRole;
  /** The unit's name (责任单位) or the inspector's 邮箱. */
  subject: string;
  /** Bumped to revoke every link given before (重置单位链接). */
  generation: number;
  /** Epoch ms: the link works until then. */
  expires: number;
}

/** An expired link says when it expired (its signature held, so that much is true). */
export type LinkReading =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'signature' }
  | { ok: false; reason: 'expired'; expires: number };

/** HMAC-SHA256 of the text, in base64url (the edge computes it with the secret). */
export type Sign = (payload: string) => string;

const VERSION = 'v1';
/** Longer than any link Duban makes (a unit's name is at most a few dozen characters): refused unread. */
export const MAX_TOKEN_LENGTH = 1000;
const TOKEN = /^v1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

export function encodeLink(claims: LinkClaims, sign: Sign): string {
  const body = { r: claims.role, s: claims.subject, g: claims.generation, e: claims.expires };
  const payload = `${VERSION}.${base64UrlEncode(utf8Encode(JSON.stringify(body)))}`;
  return `${payload}.${sign(payload)}`;
}

/**
 * What a token says, if the script signed it and it has not expired. Its shape is checked
 * before anything is signed, and the signature before its content is believed.
 */
export function readLink(token: string, sign: Sign, nowMs: number): LinkReading {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const payload = `${VERSION}.${m[1]!}`;
  if (!sameText(sign(payload), m[2]!)) return { ok: false, reason: 'signature' };
  const claims = parseClaims(m[1]!);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (nowMs >= claims.expires) return { ok: false, reason: 'expired', expires: claims.expires };
  return { ok: true, claims };
}

function parseClaims(encoded: string): LinkClaims | undefined {
  let body: unknown;
  try {
    body = JSON.parse(utf8Decode(base64UrlDecode(encoded)));
  } catch {
    return undefined;
  }
  if (body === null || typeof body !== 'object') return undefined;
  const { r, s, g, e } = body as Record<string, unknown>;
  if ((r !== 'unit' && r !== 'inspector') || typeof s !== 'string' || s === '') return undefined;
  if (typeof g !== 'number' || !Number.isInteger(g) || g < 0 || typeof e !== 'number' || !Number.isFinite(e)) return undefined;
  return { role: r, subject: s, generation: g, expires: e };
}

/**
 * Whether two texts are equal, in time that depends only on their lengths: every character is
 * compared whatever differs first, so how long a refusal takes says nothing about how much of a
 * forged signature was right.
 */
export function sameText(a: string, b: string): boolean {
  const n = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < n; i++) diff |= (i < a.length ? a.charCodeAt(i) : 0) ^ (i < b.length ? b.charCodeAt(i) : 0);
  return diff === 0;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Base64url without padding (RFC 4648 §5): what a URL carries as it is. */
export function base64UrlEncode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i]! & 255) << 16) | (((bytes[i + 1] ?? 0) & 255) << 8) | ((bytes[i + 2] ?? 0) & 255);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += ALPHABET[n & 63]!;
  }
  return out;
}

/** Bytes of base64 or base64url text (padding optional); throws on a character outside both. */
export function base64UrlDecode(text: string): number[] {
  const clean = text.replace(/=+$/, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = ch === '+' ? 62 : ch === '/' ? 63 : ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('not base64');
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 255);
    }
  }
  return bytes;
}

function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

/** Strict UTF-8: a malformed sequence throws (the token is then malformed). */
function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const extra = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    if (extra < 0 || i + extra >= bytes.length) throw new Error('not UTF-8');
    let c = extra === 0 ? b : b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) throw new Error('not UTF-8');
      c = (c << 6) | (next & 63);
    }
    out += String.fromCodePoint(c);
    i += extra + 1;
  }
  return out;
}
