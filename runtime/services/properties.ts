/**
 * PropertiesService: script, user and document key-value stores, strings only.
 *
 * https://developers.google.com/apps-script/reference/properties/properties
 * Values are stored as strings (a number set is read back as its text); a missing key reads as
 * null; setters return the Properties object for chaining.
 * Limits (https://developers.google.com/apps-script/guides/services/quotas#current_limitations):
 * 9 KB per value, 500 KB per store. Past either, Apps Script throws "You have exceeded the
 * property storage quota. Please remove some properties and try again." and stores nothing.
 */
import type { ServiceEnv } from '../sandbox.js';

export interface PropertyStores {
  script: Map<string, string>;
  user: Map<string, string>;
  document: Map<string, string>;
}

export function newPropertyStores(): PropertyStores {
  return { script: new Map(), user: new Map(), document: new Map() };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;
const QUOTA_MESSAGE = 'You have exceeded the property storage quota. Please remove some properties and try again.';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The store as it would be after the writes, or an error message if it breaks a limit. */
function checkedWrite(store: Map<string, string>, writes: [string, string][], clearFirst: boolean): Map<string, string> | string {
  const next = new Map(clearFirst ? [] : store);
  for (const [k, v] of writes) {
    if (bytes(v) > MAX_VALUE_BYTES) return QUOTA_MESSAGE;
    next.set(k, v);
  }
  let total = 0;
  for (const [k, v] of next) total += bytes(k) + bytes(v);
  return total > MAX_STORE_BYTES ? QUOTA_MESSAGE : next;
}

function commit(env: ServiceEnv, store: Map<string, string>, writes: [string, string][], clearFirst = false): void {
  const next = checkedWrite(store, writes, clearFirst);
  if (typeof next === 'string') throw env.error(next);
  store.clear();
  for (const [k, v] of next) store.set(k, v);
}

function createProperties(env: ServiceEnv, store: Map<string, string>): object {
  const properties = {
    getProperty(key: unknown): string | null {
      env.enter('Properties.getProperty');
      return store.get(String(key)) ?? null;
    },
    setProperty(key: unknown, value: unknown): object {
      env.enter('Properties.setProperty');
      commit(env, store, [[String(key), String(value)]]);
      return properties;
    },
    getProperties(): Record<string, string> {
      env.enter('Properties.getProperties');
      return env.record(Object.fromEntries(store));
    },
    setProperties(values: unknown, deleteAllOthers?: unknown): object {
      env.enter('Properties.setProperties');
      if (!isRecord(values)) {
        throw env.error(`The parameters (${env.signature([values])}) don't match the method signature for Properties.setProperties.`);
      }
      commit(
        env,
        store,
        Object.entries(values).map(([k, v]): [string, string] => [k, String(v)]),
        deleteAllOthers === true,
      );
      return properties;
    },
    deleteProperty(key: unknown): object {
      env.enter('Properties.deleteProperty');
      store.delete(String(key));
      return properties;
    },
    deleteAllProperties(): object {
      env.enter('Properties.deleteAllProperties');
      store.clear();
      return properties;
    },
    getKeys(): string[] {
      env.enter('Properties.getKeys');
      return env.array([...store.keys()]);
    },
  };
  return properties;
}

export function createPropertiesService(env: ServiceEnv, stores: PropertyStores): object {
  return {
    getScriptProperties(): object {
      env.enter('PropertiesService.getScriptProperties');
      return createProperties(env, stores.script);
    },
    getUserProperties(): object {
      env.enter('PropertiesService.getUserProperties');
      return createProperties(env, stores.user);
    },
    getDocumentProperties(): object {
      env.enter('PropertiesService.getDocumentProperties');
      return createProperties(env, stores.document);
    },
  };
}
