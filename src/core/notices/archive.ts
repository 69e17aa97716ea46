/**
 * 督办记录 kept within bounds (issue 17, part "archive"): the rows of a closed year (归档) that
 * nothing still reads move to a sheet of their own, 督办记录（2025）, which no later run reads.
 *
 * A year is closed once the calendar has left it: every 文号 series starts again each year, and
 * 按单位 failures are counted per year. What still reads a closed year's rows, and so stays:
 * - a delivery not given (待发送, 发送中, 延后; or failed, withdrawn, to an address its document
 *   never reached): the ladder sends it again, the admin is told of it;
 * - the events: 未达到整改要求 (the ladder counts failures, the score counts them), 反弹 (a
 *   relapse logged once: without its row it would be logged again), 通报批评 and 约谈 recorded
 *   against a task (its stage), every 约谈 row, every 退回通知 row (one per address: the 退回
 *   planner checks each address);
 * - of each document a task's step was given in (one 第N次督办 of a task and deadline, one 通报,
 *   one report mail), one row per 文号 carried over: its first delivery (the day it was given,
 *   what the month's score counts), the first carrying its 整改限期 (what a later 催办 cites),
 *   and the last of the lead unit (whose 文号 the step goes by). The other addresses' copies of
 *   the same document move: the ladder, the notice cells, the recovery from the ledger and the
 *   month's score read a document once however many people it went to.
 * A step with any row in the open year stays whole, as does a step still owed to someone.
 * The admin's daily summaries of a closed year move whole (only today's is ever read).
 */
import { type Day, ymdFromDay } from '../calendar/day';
import { isGiven, type LogEntry, SUMMARY_KEY } from './log';

/** What one archive moves, by year, and what stays, as 0-based log rows (the header, row 0, always stays). */
export interface ArchivePlan {
  /** The rows each closed year gives up, in log order. */
  moved: Map<number, number[]>;
  /** The data rows that stay, in log order. */
  kept: number[];
}

/** Outcomes a run may still act on: never moved, whatever their year. */
const IN_FLIGHT = new Set(['claimed', 'sending', 'deferred']);

/** Whether a row is an event or a document kept whole: never compacted (see the header). */
function keptWhole(e: LogEntry): boolean {
  return e.level === 'failed' || e.level === 'reopen' || e.level === 'return' || e.level === 'interview' || e.outcome === 'recorded';
}

const stepOf = (e: LogEntry): string => `${e.key}\u0000${e.level}\u0000${e.deadline ?? ''}\u0000${e.ordinal}`;

/** The 文号 a step goes by, as the ladder reads it (plan.ts, steps): the last row's not a co-unit's copy, else the first's. */
function stepNumber(rows: readonly LogEntry[]): string {
  let number = '';
  for (const e of rows) if (number === '' || e.role !== 'support') number = e.number;
  return number;
}

/**
 * The rows of one step (a task's 第N次督办 on a deadline, a reminder, a 通报's deliveries, a
 * month's report mails) that carry it over: per 文号 its first delivery (by day, then row), the
 * first given row with a 整改限期, and, when those would not say the step's 文号, the last row
 * not a co-unit's copy (with its address's delivery, so a withdrawn copy does not read as owed).
 */
function carriedOver(step: readonly LogEntry[], dryRun: boolean): Set<number> {
  const keep = new Set<number>();
  const firstByNumber = new Map<string, LogEntry>();
  let withReplyBy: LogEntry | undefined;
  for (const e of step) {
    if (!isGiven(e.outcome, dryRun)) continue;
    if (withReplyBy === undefined && e.replyBy !== undefined) withReplyBy = e;
    const known = firstByNumber.get(e.number);
    if (!known || (e.day ?? 0) < (known.day ?? 0)) firstByNumber.set(e.number, e);
  }
  for (const e of [...firstByNumber.values(), withReplyBy]) if (e) keep.add(e.index);
  if (stepNumber(step.filter((e) => keep.has(e.index))) === stepNumber(step)) return keep;
  const lastLead = [...step].reverse().find((e) => e.role !== 'support');
  if (lastLead) {
    keep.add(lastLead.index);
    const delivered = step.find((e) => e.to === lastLead.to && isGiven(e.outcome, dryRun));
    if (delivered) keep.add(delivered.index);
  }
  // Whatever the rows, the step never reads otherwise: kept whole when the rows above do not say its 文号.
  if (stepNumber(step.filter((e) => keep.has(e.index))) !== stepNumber(step)) for (const e of step) keep.add(e.index);
  return keep;
}

/** Whether a step must stay whole: a row of it in an open year, or an address it still owes. */
function stepStays(step: readonly LogEntry[], closed: (e: LogEntry) => boolean, dryRun: boolean): boolean {
  if (step.some((e) => !closed(e))) return true;
  const given = new Set(step.filter((e) => isGiven(e.outcome, dryRun)).map((e) => e.to));
  return step.some((e) => !isGiven(e.outcome, dryRun) && !given.has(e.to));
}

/**
 * Which log rows move to their year's archive and which stay. `rows` is the log's row count
 * (header included); `entries` its rows that read as entries (a note someone typed stays).
 */
export function planArchive(rows: number, entries: readonly LogEntry[], today: Day, dryRun: boolean): ArchivePlan {
  const year = ymdFromDay(today).year;
  const yearOf = (e: LogEntry): number | undefined => (e.day === undefined ? undefined : ymdFromDay(e.day).year);
  const closed = (e: LogEntry): boolean => {
    const y = yearOf(e);
    return y !== undefined && y < year && !IN_FLIGHT.has(e.outcome);
  };
  const movable = new Set<number>();
  const steps = new Map<string, LogEntry[]>();
  for (const e of entries) {
    if (e.key === SUMMARY_KEY) {
      if (closed(e)) movable.add(e.index);
    } else if (!keptWhole(e)) {
      const step = steps.get(stepOf(e));
      if (step) step.push(e);
      else steps.set(stepOf(e), [e]);
    }
  }
  for (const step of steps.values()) {
    if (stepStays(step, closed, dryRun)) continue;
    const keep = carriedOver(step, dryRun);
    for (const e of step) if (!keep.has(e.index)) movable.add(e.index);
  }
  const yearAt = new Map(entries.map((e) => [e.index, yearOf(e)] as const));
  const plan: ArchivePlan = { moved: new Map(), kept: [] };
  for (let r = 1; r < rows; r++) {
    const y = yearAt.get(r);
    if (!movable.has(r) || y === undefined) plan.kept.push(r);
    else {
      const year = plan.moved.get(y);
      if (year) year.push(r);
      else plan.moved.set(y, [r]);
    }
  }
  return plan;
}
