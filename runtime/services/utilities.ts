/**
 * Utilities: date formatting with Java SimpleDateFormat patterns, sleep on the simulated clock,
 * UUIDs, a minimal formatString, base64 and digests, HMAC-SHA256 signatures and blobs.
 *
 * https://developers.google.com/apps-script/reference/utilities/utilities
 * formatDate follows java.text.SimpleDateFormat
 * (https://docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html), English names.
 * Known approximations: `z` (short zone name) prints Java's abbreviation for the zones of China
 * (CST, HKT) and otherwise Intl's (EST, GMT+9...), where Java has its own table; `Y`/`w` use ISO
 * weeks where Java uses the locale's.
 * An unknown time zone id falls back to GMT, as java.util.TimeZone.getTimeZone does.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { types } from 'node:util';
import { DateTime } from 'luxon';
import type { ServiceEnv } from '../sandbox.js';
import { bytesOf, makeBlob, toSignedBytes } from './blob.js';

/** "The maximum allowed value is 300000 (or 5 minutes)" (Utilities.sleep reference). */
export const MAX_SLEEP_MS = 300_000;

export const DigestAlgorithm = Object.freeze({
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const);
export const Charset = Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const);

const NODE_DIGEST: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

/** java.util.TimeZone short names where Intl has none in English. */
const JAVA_SHORT_NAMES: Record<string, string> = {
  'Asia/Shanghai': 'CST',
  'Asia/Chongqing': 'CST',
  'Asia/Chungking': 'CST',
  'Asia/Harbin': 'CST',
  PRC: 'CST',
  'Asia/Taipei': 'CST',
  'Asia/Macau': 'CST',
  'Asia/Hong_Kong': 'HKT',
  UTC: 'UTC',
  GMT: 'GMT',
};

/** Java zone ids such as 'GMT+08:00' are luxon's 'UTC+08:00'. */
function luxonZone(timeZone: string): string {
  const zone = /^GMT(?=[+-]|$)/i.test(timeZone) ? `UTC${timeZone.slice(3)}` : timeZone;
  return DateTime.fromMillis(0, { zone }).isValid ? zone : 'UTC';
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function offset(minutes: number, withColon: boolean, hoursOnly = false): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = pad(Math.floor(abs / 60), 2);
  if (hoursOnly) return `${sign}${hh}`;
  return `${sign}${hh}${withColon ? ':' : ''}${pad(abs % 60, 2)}`;
}

/** One letter run of a pattern, e.g. 'yyyy' → ('y', 4). */
function field(dt: DateTime, letter: string, count: number): string {
  switch (letter) {
    case 'G':
      return dt.year > 0 ? 'AD' : 'BC';
    case 'y':
      return count === 2 ? pad(dt.year % 100, 2) : pad(dt.year, count);
    case 'Y':
      return count === 2 ? pad(dt.weekYear % 100, 2) : pad(dt.weekYear, count);
    case 'M':
    case 'L':
      if (count >= 4) return dt.toFormat('LLLL');
      if (count === 3) return dt.toFormat('LLL');
      return pad(dt.month, count);
    case 'w':
      return pad(dt.weekNumber, count);
    case 'W': {
      const firstWeekday = dt.startOf('month').weekday % 7; // Sunday-first weeks, as in the US locale
      return pad(Math.ceil((dt.day + firstWeekday) / 7), count);
    }
    case 'D':
      return pad(dt.ordinal, count);
    case 'd':
      return pad(dt.day, count);
    case 'F':
      return pad(Math.floor((dt.day - 1) / 7) + 1, count);
    case 'E':
      return count >= 4 ? dt.toFormat('cccc') : dt.toFormat('ccc');
    case 'u':
      return pad(dt.weekday, count);
    case 'a':
      return dt.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(dt.hour, count);
    case 'k':
      return pad(dt.hour === 0 ? 24 : dt.hour, count);
    case 'K':
      return pad(dt.hour % 12, count);
    case 'h':
      return pad(dt.hour % 12 === 0 ? 12 : dt.hour % 12, count);
    case 'm':
      return pad(dt.minute, count);
    case 's':
      return pad(dt.second, count);
    case 'S':
      return pad(dt.millisecond, count);
    case 'z':
      if (count >= 4) return dt.offsetNameLong ?? dt.zoneName ?? 'GMT';
      return JAVA_SHORT_NAMES[dt.zoneName ?? ''] ?? dt.offsetNameShort ?? dt.zoneName ?? 'GMT';
    case 'Z':
      return offset(dt.offset, false);
    case 'X':
      if (dt.offset === 0) return 'Z';
      if (count === 1) return offset(dt.offset, false, true);
      if (count === 2) return offset(dt.offset, false);
      if (count === 3) return offset(dt.offset, true);
      throw new RangeError(`invalid ISO 8601 format: length=${count}`);
    default:
      throw new RangeError(`Illegal pattern character '${letter}'`);
  }
}

/** Formats like Java's SimpleDateFormat in `timeZone`. Throws RangeError for a bad pattern. */
export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  const dt = DateTime.fromMillis(ms, { zone: luxonZone(timeZone) }).setLocale('en-US');
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw new RangeError('Unterminated quote');
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j++;
      }
      out += text;
      i = j + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      out += field(dt, ch, j - i);
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** A minimal Java-style String.format: %s, %d, %f with precision, %%. */
export function formatJavaString(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(/%(\.\d+)?([sdfi%])/g, (_m, precision: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const v = args[next++];
    if (conv === 's') return String(v);
    const n = Number(v);
    if (conv === 'd' || conv === 'i') return String(Math.trunc(n));
    return precision ? n.toFixed(Number(precision.slice(1))) : n.toFixed(6);
  });
}

const toBuffer = bytesOf;

export function createUtilities(env: ServiceEnv): object {
  const mismatch = (method: string, args: unknown[]): Error =>
    env.error(`The parameters (${env.signature(args)}) don't match the method signature for Utilities.${method}.`);

  return {
    DigestAlgorithm,
    Charset,
    formatDate(date: unknown, timeZone: unknown, format: unknown): string {
      env.enter('Utilities.formatDate');
      if (!types.isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
        throw mismatch('formatDate', [date, timeZone, format]);
      }
      try {
        return formatJavaDate(date.getTime(), timeZone, format);
      } catch (e) {
        throw env.error(`Invalid argument: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    formatString(template: unknown, ...args: unknown[]): string {
      env.enter('Utilities.formatString');
      if (typeof template !== 'string') throw mismatch('formatString', [template, ...args]);
      return formatJavaString(template, args);
    },
    sleep(milliseconds: unknown): void {
      env.enter('Utilities.sleep');
      if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds < 0) throw mismatch('sleep', [milliseconds]);
      if (milliseconds > MAX_SLEEP_MS) throw env.error(`Utilities.sleep: at most ${MAX_SLEEP_MS} milliseconds, got ${milliseconds}`);
      env.wait(milliseconds);
    },
    getUuid(): string {
      env.enter('Utilities.getUuid');
      return randomUUID();
    },
    base64Encode(data: unknown): string {
      env.enter('Utilities.base64Encode');
      const buf = toBuffer(data);
      if (!buf) throw mismatch('base64Encode', [data]);
      return buf.toString('base64');
    },
    base64EncodeWebSafe(data: unknown): string {
      env.enter('Utilities.base64EncodeWebSafe');
      const buf = toBuffer(data);
      if (!buf) throw mismatch('base64EncodeWebSafe', [data]);
      return buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    },
    base64Decode(encoded: unknown): number[] {
      env.enter('Utilities.base64Decode');
      if (typeof encoded !== 'string') throw mismatch('base64Decode', [encoded]);
      return env.array(toSignedBytes(Buffer.from(encoded, 'base64')));
    },
    base64DecodeWebSafe(encoded: unknown): number[] {
      env.enter('Utilities.base64DecodeWebSafe');
      if (typeof encoded !== 'string') throw mismatch('base64DecodeWebSafe', [encoded]);
      return env.array(toSignedBytes(Buffer.from(encoded, 'base64url')));
    },
    /**
     * HMAC-SHA256 of value under key, as signed bytes: "computeHmacSha256Signature(value, key)
     * Signs the provided value using HMAC-SHA256 with the given key" (strings as UTF-8, or byte arrays).
     * https://developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String)
     */
    computeHmacSha256Signature(value: unknown, key: unknown): number[] {
      env.enter('Utilities.computeHmacSha256Signature');
      const v = toBuffer(value);
      const k = toBuffer(key);
      if (!v || !k) throw mismatch('computeHmacSha256Signature', [value, key]);
      return env.array(toSignedBytes(createHmac('sha256', k).update(v).digest()));
    },
    /** newBlob(data), newBlob(data, contentType), newBlob(data, contentType, name). */
    newBlob(data: unknown, contentType?: unknown, name?: unknown): object {
      env.enter('Utilities.newBlob');
      const bytes = toBuffer(data);
      if (!bytes)
        throw mismatch(
          'newBlob',
          [data, contentType, name].filter((x) => x !== undefined),
        );
      return makeBlob(env, {
        bytes,
        contentType: contentType === undefined || contentType === null ? null : String(contentType),
        name: name === undefined || name === null ? null : String(name),
      });
    },
    computeDigest(algorithm: unknown, value: unknown): number[] {
      env.enter('Utilities.computeDigest');
      const name = NODE_DIGEST[String(algorithm)];
      const buf = toBuffer(value);
      if (!name || !buf) throw mismatch('computeDigest', [algorithm, value]);
      return env.array(toSignedBytes(createHash(name).update(buf).digest()));
    },
  };
}
