/**
 * 督办次数 / 最近督办 / 督办级别 on each task row, drawn from the notice log (the source of
 * truth): the 整改通知 given for the deadline in force, the day of the last, and the stage the
 * task reached (督办, then 催办 from the second notice; 通报批评 once in a 通报; 约谈 once proposed). A person
 * who edits these cells does not move the ladder; the next sweep puts them right.
 */
import type { Translate } from '../i18n';
import type { TaskRow } from '../ledger/tasks';
import type { RowCells } from '../sweep/sweep';
import { isGiven, isLadderEntry, type LogEntry } from './log';
import { LEVEL_WORD } from './types';

export function noticeCells(
  tasks: readonly TaskRow[],
  entries: readonly LogEntry[],
  dryRun: boolean,
  keyOf: (task: TaskRow) => string,
  t: Translate,
): Map<number, RowCells> {
  const byKey = new Map<string, LogEntry[]>();
  const stage = new Map<string, 'criticism' | 'interview'>();
  for (const e of entries) {
    // The task's stage: in a 通报 (通报批评), then proposed for 约谈; its events say so.
    if (e.level === 'interview' || (e.level === 'criticism' && stage.get(e.key) !== 'interview')) stage.set(e.key, e.level);
    if (!isLadderEntry(e) || !isGiven(e.outcome, dryRun)) continue;
    byKey.set(e.key, [...(byKey.get(e.key) ?? []), e]);
  }
  const out = new Map<number, RowCells>();
  for (const task of tasks) {
    const key = keyOf(task);
    const given = (byKey.get(key) ?? []).filter((e) => e.deadline === task.effectiveDeadline);
    // 第N次督办: a co-unit's copy has its own document's number, the same ordinal.
    const ordinals = new Set(given.map((e) => e.ordinal));
    let last: LogEntry | undefined;
    for (const e of given)
      if (!last || e.ordinal > last.ordinal || (e.ordinal === last.ordinal && (e.day ?? 0) < (last.day ?? 0))) last = e;
    const reached = stage.get(key);
    const level = reached ? t(LEVEL_WORD[reached]) : !last ? '' : last.ordinal > 1 ? t('level.urge') : t(LEVEL_WORD.notice);
    out.set(task.index, {
      script: {
        noticeCount: ordinals.size > 0 ? ordinals.size : '',
        lastNotice: last?.day === undefined ? '' : { day: last.day },
        level,
      },
      fill: [],
    });
  }
  return out;
}
