/**
 * 反弹: what a 整改通知 says of a task closed (销号) and reopened: when it was closed, when it was
 * reopened and how many times, so the unit reads that its ladder continues rather than starts
 * again. The reopening is dated by the log's 反弹 events (one per relapse, with its day), or by the
 * task's 状态变更日期 for a relapse the log has not recorded yet (it is, in this same run); the
 * closing by the row's 完成日期 / 销号日期, when it has one on or before the reopening.
 */
import type { Day } from '../calendar/day';
import type { LogEntry } from './log';

export interface Relapse {
  /** 第几次反弹 */
  count: number;
  /** The day it had been closed (销号), when the row says. */
  closedOn?: Day;
  /** The day it was reopened, the last time. */
  reopenedOn: Day;
}

export interface RelapseTask {
  key: string;
  reopenCount: number;
  statusChanged: Day | undefined;
  completed?: Day;
}

/** Each reopened task's last relapse, by key. */
export function relapsesOf(tasks: readonly RelapseTask[], entries: readonly LogEntry[], today: Day): Map<string, Relapse> {
  const logged = new Map<string, LogEntry[]>();
  for (const e of entries) if (e.level === 'reopen') logged.set(e.key, [...(logged.get(e.key) ?? []), e]);
  const out = new Map<string, Relapse>();
  for (const task of tasks) {
    const events = logged.get(task.key) ?? [];
    const count = Math.max(task.reopenCount, events.length);
    if (task.key === '' || count === 0) continue;
    const days = events.flatMap((e) => (e.day === undefined ? [] : [e.day]));
    const reopenedOn = task.reopenCount > events.length || days.length === 0 ? (task.statusChanged ?? today) : Math.max(...days);
    const closedOn = task.completed !== undefined && task.completed <= reopenedOn ? task.completed : undefined;
    out.set(task.key, { count, reopenedOn, ...(closedOn === undefined ? {} : { closedOn }) });
  }
  return out;
}
