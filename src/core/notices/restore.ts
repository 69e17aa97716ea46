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

/**
 * The notices each keyed row's cells know and the log lacks. The key, 督办次数, 最近督办 and 认定时限
 * are all Duban's own cells, which move together whatever the office does to its own columns (a
 * row held today still tells its key's history), so the deadline they speak of is the 认定时限
 * written beside them, not the office's cell; a row given a new key today (a copy) is left out by
 * the caller. A key told by two rows (a held duplicate) is recovered once.
 */
export function restoredNotices(
  rows: readonly { index: number; key: string; unit: string }[],
  read: { values: unknown[][]; columns: ColumnMap },
  entries: readonly LogEntry[],
  settings: Pick<Settings, 'criticismAfterNotices' | 'interviewAfterNotices' | 'dryRun'>,
  toDay: (d: Date) => Day,
  t: Translate,
): RestoredNotice[] {
  const { values, columns } = read;
  if (columns.noticeCount === undefined || columns.lastNotice === undefined || columns.dueAsRead === undefined) return [];
  const out: RestoredNotice[] = [];
  const done = new Set<string>();
  for (const { index, key, unit } of rows) {
    const row = values[index] ?? [];
    const last = row[columns.lastNotice];
    const due = row[columns.dueAsRead];
    if (key === '' || !isDateValue(last) || !isDateValue(due)) continue;
    const deadline = toDay(due);
    if (done.has(`${key}|${deadline}`)) continue;
    done.add(`${key}|${deadline}`);
    const count = Number(row[columns.noticeCount]) || 0;
    const given = new Set(
      entries
        .filter((e) => e.key === key && isLadderEntry(e) && isGiven(e.outcome, settings.dryRun) && e.deadline === deadline)
        .map((e) => e.number),
    );
    for (let ordinal = given.size + 1; ordinal <= count; ordinal++) {
      out.push({
        key,
        unit,
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
