/**
 * 督办次数 / 最近督办 / 督办级别 on each task row, drawn from the notice log (the source of
 * truth): the notices given for the deadline in force, the day of the last, its level. A person
 * who edits these cells does not move the ladder; the next sweep puts them right.
 */
import type { Translate } from '../i18n';
import type { TaskRow } from '../ledger/tasks';
import type { RowCells } from '../sweep/sweep';
import { isGiven, isLadderEntry, isNoticeEntry, type LogEntry } from './log';
import { LEVEL_WORD } from './types';

export function noticeCells(
  tasks: readonly TaskRow[],
  entries: readonly LogEntry[],
  dryRun: boolean,
  keyOf: (task: TaskRow) => string,
  t: Translate,
): Map<number, RowCells> {
  const byKey = new Map<string, LogEntry[]>();
  for (const e of entries) {
    if (!isLadderEntry(e) || !isGiven(e.outcome, dryRun)) continue;
    byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  }
  const out = new Map<number, RowCells>();
  for (const task of tasks) {
    const given = (byKey.get(keyOf(task)) ?? []).filter((e) => e.deadline === task.effectiveDeadline);
    const numbers = new Set(given.map((e) => e.number));
    let last: LogEntry | undefined;
    for (const e of given)
      if (!last || e.ordinal > last.ordinal || (e.ordinal === last.ordinal && (e.day ?? 0) < (last.day ?? 0))) last = e;
    out.set(task.index, {
      script: {
        noticeCount: numbers.size > 0 ? numbers.size : '',
        lastNotice: last?.day === undefined ? '' : { day: last.day },
        level: last && isNoticeEntry(last) ? t(LEVEL_WORD[last.level]) : '',
      },
      fill: [],
    });
  }
  return out;
}
