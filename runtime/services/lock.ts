/**
 * LockService: script, document and user locks shared by every execution of the runtime.
 *
 * https://developers.google.com/apps-script/reference/lock/lock
 * - Each getXxxLock() call returns a new Lock object; the lock is held by that object, so a
 *   second Lock object in the same execution waits on the first (and times out).
 * - A wait that cannot be satisfied passes the time on the simulated clock, then tryLock
 *   answers false and waitLock throws "Lock timeout: another process was holding the lock for
 *   too long." (the text Apps Script shows).
 * - "Locks are released automatically when the script terminates": the sandbox calls
 *   releaseAllHeldBy(execution) when a run ends.
 */
import type { ServiceEnv } from '../sandbox.js';

export type LockKind = 'script' | 'document' | 'user';

/** Who holds each lock right now. */
export interface LockState {
  holders: Map<string, LockHolder>;
}

export interface LockHolder {
  /** The Lock object (or outside simulation) that holds it. */
  readonly owner: object;
  /** The execution that took it (undefined when a test holds it from outside). */
  readonly execution?: object;
}

export function newLockState(): LockState {
  return { holders: new Map() };
}

/** The script and document locks are shared by everyone; each user has their own user lock. */
export function lockKey(kind: LockKind, userEmail: string): string {
  return kind === 'user' ? `user:${userEmail}` : kind;
}

/** Takes a lock from outside any execution, as an overlapping trigger would. Returns the release. */
export function holdLock(state: LockState, key: string): () => void {
  const owner = {};
  if (state.holders.has(key)) throw new Error(`The ${key} lock is already held`);
  state.holders.set(key, { owner });
  return () => {
    if (state.holders.get(key)?.owner === owner) state.holders.delete(key);
  };
}

export function releaseAllHeldBy(state: LockState, execution: object): void {
  for (const [key, holder] of state.holders) {
    if (holder.execution === execution) state.holders.delete(key);
  }
}

function createLock(env: ServiceEnv, state: LockState, key: string): object {
  const lock = {
    tryLock(timeoutInMillis: unknown): boolean {
      env.enter('Lock.tryLock');
      return acquire(timeoutInMillis, 'Lock.tryLock');
    },
    waitLock(timeoutInMillis: unknown): void {
      env.enter('Lock.waitLock');
      if (!acquire(timeoutInMillis, 'Lock.waitLock')) {
        throw env.error('Lock timeout: another process was holding the lock for too long.');
      }
    },
    releaseLock(): void {
      env.enter('Lock.releaseLock');
      if (state.holders.get(key)?.owner === lock) state.holders.delete(key);
    },
    hasLock(): boolean {
      env.enter('Lock.hasLock');
      return state.holders.get(key)?.owner === lock;
    },
  };
  const acquire = (timeoutInMillis: unknown, method: string): boolean => {
    if (typeof timeoutInMillis !== 'number' || !Number.isFinite(timeoutInMillis) || timeoutInMillis < 0) {
      throw env.error(`The parameters (${env.signature([timeoutInMillis])}) don't match the method signature for ${method}.`);
    }
    const holder = state.holders.get(key);
    if (holder?.owner === lock) return true;
    if (holder === undefined) {
      state.holders.set(key, { owner: lock, execution: env.execution() });
      return true;
    }
    // Nothing else runs while this execution waits, so the holder cannot let go: the whole
    // timeout elapses.
    env.wait(timeoutInMillis);
    return false;
  };
  return lock;
}

export function createLockService(env: ServiceEnv, state: LockState): object {
  return {
    getScriptLock(): object {
      env.enter('LockService.getScriptLock');
      return createLock(env, state, lockKey('script', env.userEmail));
    },
    getDocumentLock(): object {
      env.enter('LockService.getDocumentLock');
      return createLock(env, state, lockKey('document', env.userEmail));
    },
    getUserLock(): object {
      env.enter('LockService.getUserLock');
      return createLock(env, state, lockKey('user', env.userEmail));
    },
  };
}
