/**
 * A test entry bundled beside the real dist/Code.js (tests/gas/circulars.test.ts): the sweep's 通报
 * step (src/gas/circulars.ts) run on the workbook with a hand-built case, as planNotices(...).circulars
 * will give it, so the edge is tested on the local runtime before the ladder fills the cases.
 */
import { parseIsoDay } from '../../src/core/calendar/day';
import type { CircularCase } from '../../src/core/notices/types';
import { sendCirculars } from '../../src/gas/circulars';
import { readCounters } from '../../src/gas/counters';
import { bookOf, markLeftBehind, openLog } from '../../src/gas/notice-log';
import { readTaskLedger } from '../../src/gas/task-sheet';
import { openWorkbook } from '../../src/gas/workbook';

/** A unit's case: its tasks by key, the notices each failed (ISO dates). */
interface CaseSpec {
  unit: string;
  keys: string[];
  failed: { number: string; givenOn: string; replyBy: string }[];
}

const day = (iso: string): number => parseIsoDay(iso) ?? 0;

export function circularDay(specs: CaseSpec[]): string {
  const wb = openWorkbook(new Date());
  wb.load(['units', 'calendar', 'log']);
  const read = readTaskLedger(wb, wb.taskSheet()!);
  if (!read.ok) throw new Error(read.message);
  const tasks = read.ledger.tasks;
  const cases: CircularCase[] = specs.map((spec) => ({
    unit: spec.unit,
    tasks: spec.keys.map((key) => {
      const task = tasks.find((x) => x.key === key)!;
      return {
        key,
        row: task.index + 1,
        unit: spec.unit,
        coUnits: task.coUnits,
        task: task.task,
        place: task.place,
        deadline: task.effectiveDeadline,
        daysOverdue: task.state.daysOverdue,
        level: 'notice' as const,
        ordinal: 3,
        number: '',
        earlier: spec.failed.map((f) => ({ number: f.number, givenOn: day(f.givenOn), replyBy: day(f.replyBy), failed: true })),
      };
    }),
  }));
  const log = openLog(wb, []);
  markLeftBehind(wb, log.sheet, log.entries, wb.clock.today);
  const run = sendCirculars(wb, bookOf(log), {
    cases,
    tasks,
    keyOf: (task) => task.key,
    counters: readCounters(),
    now: new Date(),
    started: Date.now(),
  });
  return JSON.stringify(run);
}
