/**
 * Jobs and triggers overlap (a daily trigger fires while someone clicks the menu): each job
 * holds the document lock for its whole run, so two sweeps never interleave their writes.
 */
export class LockBusyError extends Error {}

export function withDocumentLock<T>(waitMs: number, fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock?.tryLock(waitMs)) throw new LockBusyError('busy');
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
