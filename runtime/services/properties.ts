/**
 * PropertiesService: script, user and document key-value stores, strings only.
 *
 * https://developers.google.com/apps-script/reference/properties/properties
 * Values are stored as strings (a number set is read back as its text); a missing key reads as
 * null; setters return the Properties object for chaining.
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

function createProperties(env: ServiceEnv, store: Map<string, string>): object {
  const properties = {
    getProperty(key: unknown): string | null {
      env.enter('Properties.getProperty');
      return store.get(String(key)) ?? null;
    },
    setProperty(key: unknown, value: unknown): object {
      env.enter('Properties.setProperty');
      store.set(String(key), String(value));
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
      if (deleteAllOthers === true) store.clear();
      for (const [k, v] of Object.entries(values)) store.set(k, String(v));
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
