/**
 * Counts every service call the script makes, by 'Class.method' (e.g. 'Range.getValues').
 *
 * In Apps Script each such call is a round trip; the design's batching rule ("a job's calls
 * do not grow with rows") is checked against these counts in tests, benchmarks and run.json.
 * Hooks let a test act between two calls, e.g. insert a row after the job's read and before
 * its write, as a person editing during a job would.
 */
export type CallHook = (name: string, nth: number) => void;

/** One read of cells (getValues, getFormulas): which sheet and how big a block, to tell a whole-sheet read from a narrow one. */
export interface CellRead {
  method: string;
  sheet: string;
  rows: number;
  columns: number;
}

export class CallCounter {
  private readonly counts = new Map<string, number>();
  private readonly hooks: { name: string; nth: number; fn: CallHook; fired: boolean }[] = [];
  /** Every read of cells since the last reset, in order. */
  readonly reads: CellRead[] = [];

  /** Records the block a read of cells covered (the call itself is counted by `count`). */
  read(method: string, sheet: string, rows: number, columns: number): void {
    this.reads.push({ method, sheet, rows, columns });
  }

  /** Records one call; runs the hooks registered for its nth occurrence (after the count is taken). */
  count(name: string): void {
    const n = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, n);
    for (const hook of this.hooks) {
      if (!hook.fired && hook.name === name && hook.nth === n) {
        hook.fired = true;
        hook.fn(name, n);
      }
    }
  }

  /** Runs fn once, when `name` is called for the nth time (1-based), before the call does its work. */
  on(name: string, nth: number, fn: CallHook): void {
    this.hooks.push({ name, nth, fn, fired: false });
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  /** Counts by method, sorted by name: what run.json reports. */
  byMethod(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
    this.reads.length = 0;
  }
}
