/**
 * Notices recovered from the ledger after 督办记录 lost rows (or the whole sheet): the ladder must
 * not start again at 督办 for a task its unit was already told about. The ledger's own notice
 * cells (督办次数, 最近督办), which the last sweep drew from the log as it then stood, still say how
 * many notices each task had for the deadline then in force (认定时限). Only used once a loss is
 * detected (the log has fewer numbered rows than the last run left): a person typing over
 * 督办次数 otherwise moves nothing.
 */
import { type Day, isDateValue } from '../calendar/day';
import type { Translate } from '../i18n';
import type { ColumnMap } from '../ledger/columns';
import type { TaskRow } from '../ledger/tasks';
import type { Settings } from '../settings/settings';
import { isGiven, isLadderEntry, type LogEntry } from './log';
import { levelOf } from './plan';
import type { NoticeLevel } from './types';

export interface RestoredNotice {
  key: string;
  unit: string;
  level: NoticeLevel;
  ordinal: number;
  deadline: Day;
  /** 最近督办: the day of the last notice (earlier ones' days are lost too; only the last one's matters). */
  day: Day;
  /** A number of its own that says it was lost (never a 督办〔YYYY〕N号 another notice could get). */
  number: string;
}

export function restoredNotices(
  tasks: readonly TaskRow[],
  read: { values: unknown[][]; columns: ColumnMap },
  entries: readonly LogEntry[],
  keyOf: (task: TaskRow) => string,
  settings: Pick<Settings, 'criticismAfterNotices' | 'interviewAfterNotices' | 'dryRun'>,
  toDay: (d: Date) => Day,
  t: Translate,
): RestoredNotice[] {
  const { values, columns } = read;
  if (columns.noticeCount === undefined || columns.lastNotice === undefined || columns.dueAsRead === undefined) return [];
  const out: RestoredNotice[] = [];
  for (const task of tasks) {
    const key = keyOf(task);
    const deadline = task.effectiveDeadline;
    const row = values[task.index] ?? [];
    const last = row[columns.lastNotice];
    const due = row[columns.dueAsRead];
    // The cells speak of the deadline in force when they were written: an extension since starts a new ladder.
    if (key === '' || deadline === undefined || !isDateValue(last) || !isDateValue(due) || toDay(due) !== deadline) continue;
    const count = Number(row[columns.noticeCount]) || 0;
    const given = new Set(
      entries
        .filter((e) => e.key === key && isLadderEntry(e) && isGiven(e.outcome, settings.dryRun) && e.deadline === deadline)
        .map((e) => e.number),
    );
    for (let ordinal = given.size + 1; ordinal <= count; ordinal++) {
      out.push({
        key,
        unit: task.units[0] ?? '',
        level: levelOf(ordinal, settings),
        ordinal,
        deadline,
        day: toDay(last),
        number: t('notice.lostNumber', { key, ordinal }),
      });
    }
  }
  return out;
}
