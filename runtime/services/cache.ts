/**
 * CacheService: short-lived values shared by the script's executions (the web app's rate limit).
 *
 * https://developers.google.com/apps-script/reference/cache/cache-service (getScriptCache,
 *   getDocumentCache, getUserCache)
 * https://developers.google.com/apps-script/reference/cache/cache : put(key, value) keeps a value
 * 600 seconds, put(key, value, expirationInSeconds) "the maximum time the value remains in the
 * cache, in seconds. The minimum is 1 second and the maximum is 21600 seconds (6 hours)"; keys
 * up to 250 characters, values up to 100 KB. Expiry follows the simulated clock. Google may
 * evict earlier ("best effort"); this cache never does, so a test that passes here depends on
 * no more than Google promises only if it tolerates a miss.
 */
import type { ServiceEnv } from '../sandbox.js';

export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;
export const CACHE_MAX_KEY = 250;
export const CACHE_MAX_VALUE_BYTES = 100 * 1024;

export type CacheKind = 'script' | 'document' | 'user';
export type CacheState = Record<CacheKind, Map<string, { value: string; expiresAt: number }>>;

export function newCacheState(): CacheState {
  return { script: new Map(), document: new Map(), user: new Map() };
}

function cache(env: ServiceEnv, entries: Map<string, { value: string; expiresAt: number }>): object {
  const checkKey = (key: unknown): string => {
    if (typeof key !== 'string') throw env.error(`The parameters (${env.signature([key])}) don't match the method signature for Cache.`);
    if (key.length > CACHE_MAX_KEY) throw env.error('Argument too large: key');
    return key;
  };
  const read = (key: string): string | null => {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= env.clock.nowMs()) {
      entries.delete(key);
      return null;
    }
    return entry.value;
  };
  const write = (key: string, value: unknown, seconds: unknown): void => {
    const text = String(value);
    if (Buffer.byteLength(text, 'utf8') > CACHE_MAX_VALUE_BYTES) throw env.error('Argument too large: value');
    let s = seconds === undefined ? CACHE_DEFAULT_SECONDS : Number(seconds);
    if (!Number.isFinite(s) || s < 1) throw env.error('Invalid argument: expirationInSeconds');
    s = Math.min(Math.floor(s), CACHE_MAX_SECONDS);
    entries.set(key, { value: text, expiresAt: env.clock.nowMs() + s * 1000 });
  };
  return {
    get(key: unknown): string | null {
      env.enter('Cache.get');
      return read(checkKey(key));
    },
    getAll(keys: unknown): Record<string, string> {
      env.enter('Cache.getAll');
      const found: Record<string, string> = {};
      for (const k of Array.isArray(keys) ? keys : []) {
        const v = read(checkKey(k));
        if (v !== null) found[k as string] = v;
      }
      return env.record(found);
    },
    put(key: unknown, value: unknown, expirationInSeconds?: unknown): void {
      env.enter('Cache.put');
      write(checkKey(key), value, expirationInSeconds);
    },
    putAll(values: unknown, expirationInSeconds?: unknown): void {
      env.enter('Cache.putAll');
      for (const [k, v] of Object.entries((values ?? {}) as Record<string, unknown>)) write(checkKey(k), v, expirationInSeconds);
    },
    remove(key: unknown): void {
      env.enter('Cache.remove');
      entries.delete(checkKey(key));
    },
    removeAll(keys: unknown): void {
      env.enter('Cache.removeAll');
      for (const k of Array.isArray(keys) ? keys : []) entries.delete(checkKey(k));
    },
  };
}

export function createCacheService(env: ServiceEnv, state: CacheState): object {
  return {
    getScriptCache(): object {
      env.enter('CacheService.getScriptCache');
      return cache(env, state.script);
    },
    getDocumentCache(): object {
      env.enter('CacheService.getDocumentCache');
      return cache(env, state.document);
    },
    getUserCache(): object {
      env.enter('CacheService.getUserCache');
      return cache(env, state.user);
    },
  };
}
