/**
 * The simulated clock of the local Apps Script runtime, and the `Date` the script sees.
 *
 * Choice: the clock stands still during an execution. It moves only when the runner sets or
 * advances it, or when the script waits (Utilities.sleep, a lock wait). A job that stamps
 * "now" into the ledger or a mail therefore writes exactly the time a test set, and two runs
 * of the same scenario give byte-identical output. Real elapsed time is still measured (the
 * execution limits use it, and RunResult.elapsedMs reports it); it just does not leak into
 * `new Date()`.
 *
 * Time zone: the Date the script sees keeps the host's local-time behaviour (getHours,
 * getDate, `new Date(y, m, d)`, toString). In Apps Script those follow the script's time zone
 * (appsscript.json `timeZone`); here they follow the Node process's TZ. The project's code never
 * uses local-time getters: it formats with Utilities.formatDate(date, zone, pattern) and reads
 * the zone from Session.getScriptTimeZone() / Spreadsheet.getSpreadsheetTimeZone(), which this
 * runtime answers faithfully. Run with TZ equal to the script zone (e.g.
 * `TZ=Asia/Shanghai`) if a script under test does use local-time getters;
 * `localTimeMatchesZone()` tells whether that holds.
 */

import { types } from 'node:util';
import vm from 'node:vm';

export class SimClock {
  private ms: number;

  constructor(start: Date) {
    this.ms = start.getTime();
  }

  nowMs(): number {
    return this.ms;
  }

  now(): Date {
    return new Date(this.ms);
  }

  set(d: Date): void {
    const ms = d.getTime();
    if (Number.isNaN(ms)) throw new Error('SimClock.set: invalid date');
    this.ms = ms;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`SimClock.advance: expected a non-negative number of ms, got ${ms}`);
    this.ms += ms;
  }
}

/**
 * Replaces the context's `Date` with one whose "now" is the simulated clock.
 *
 * The replacement is built inside the context (its own realm), shares the context's
 * Date.prototype (so getTime, toISOString, setters... are the real ones), and answers
 * `instanceof Date` for Dates made in the host realm too: the spreadsheet service hands out
 * host Dates for date cells, and in Apps Script those are ordinary Dates to the script.
 */
export function installClock(context: vm.Context, nowMs: () => number): void {
  const factory = vm.runInContext(
    `(function (RealDate, nowMs, isAnyDate) {
      'use strict';
      function Date(...args) {
        if (new.target === undefined) return new RealDate(nowMs()).toString();
        return Reflect.construct(RealDate, args.length === 0 ? [nowMs()] : args, new.target);
      }
      Date.prototype = RealDate.prototype;
      Object.defineProperty(RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true });
      Object.defineProperty(Date, 'length', { value: 7 });
      Date.now = function now() { return nowMs(); };
      Date.parse = RealDate.parse;
      Date.UTC = RealDate.UTC;
      Object.defineProperty(Date, Symbol.hasInstance, {
        value: function (v) { return isAnyDate(v) && (this === Date || Function.prototype[Symbol.hasInstance].call(this, v)); },
      });
      return Date;
    })`,
    context,
  ) as (realDate: unknown, now: () => number, isAnyDate: (v: unknown) => boolean) => unknown;
  const realDate: unknown = vm.runInContext('Date', context);
  const replacement = factory(realDate, nowMs, (v: unknown) => types.isDate(v));
  Object.defineProperty(context, 'Date', { value: replacement, writable: true, configurable: true, enumerable: false });
}

/** True when the process's local time agrees with `zone` at `at` (see the module comment). */
export function localTimeMatchesZone(zone: string, at: Date): boolean {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return (
    get('year') === at.getFullYear() &&
    get('month') === at.getMonth() + 1 &&
    get('day') === at.getDate() &&
    get('hour') === at.getHours() &&
    get('minute') === at.getMinutes()
  );
}
