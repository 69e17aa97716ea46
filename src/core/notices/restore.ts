/**
 * Notices recovered from the ledger after 督办记录 lost rows (or the whole sheet): the ladder must
 * not start again at 督办 for a task its unit was already told about. The ledger's own notice
 * cells (督办次数, 最近督办), which the last sweep drew from the log as it then stood, still say how
 * many notices each task had for the deadline then in force (认定时限). Only used once a loss is
 * detected (the log has fewer numbered rows than the last run left): a person typing over
 * 督办次数 otherwise moves nothing.
 *
 * The row's cells are not always there to tell: a row held with no key in its cell (its key
 * column was deleted and it was copied), then sorted by its office columns, leaves its notice
 * cells beside nothing that names them. So each key's ladder is also kept in 任务索引 (see
 * ledger/task-index.ts), a second source no edit of the ledger moves; of the two the one that
 * knows more notices for a deadline wins (both are Duban's own records of notices given).
 */
import { type Day, isDateValue } from '../calendar/day';
import type { Translate } from '../i18n';
import type { ColumnMap } from '../ledger/columns';
import type { KeyLadder, KnownTask } from '../ledger/identity';
import type { TaskRow } from '../ledger/tasks';
import type { Settings } from '../settings/settings';
import type { RowCells } from '../sweep/sweep';
import { isGiven, isLadderEntry, type LogEntry } from './log';
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
  settings: Pick<Settings, 'dryRun'>,
  toDay: (d: Date) => Day,
  t: Translate,
  index: readonly KnownTask[] = [],
): RestoredNotice[] {
  const told = new Map<string, Told>();
  const tell = (x: Told): void => {
    const id = `${x.key}|${x.deadline}`;
    const before = told.get(id);
    if (!before || x.count > before.count) told.set(id, { ...x, unit: x.unit || (before?.unit ?? '') });
  };
  for (const x of fromCells(rows, read, toDay)) tell(x);
  const unitOf = new Map(rows.map((r) => [r.key, r.unit] as const));
  for (const k of index)
    if (k.ladder)
      tell({
        key: k.key,
        unit: unitOf.get(k.key) ?? k.shown[2] ?? '',
        count: k.ladder.notices,
        deadline: k.ladder.deadline,
        last: k.ladder.last,
      });
  const out: RestoredNotice[] = [];
  for (const { key, unit, count, deadline, last } of told.values()) {
    const given = new Set(
      entries
        .filter((e) => e.key === key && isLadderEntry(e) && isGiven(e.outcome, settings.dryRun) && e.deadline === deadline)
        .map((e) => e.number),
    );
    for (let ordinal = given.size + 1; ordinal <= count; ordinal++) {
      out.push({
        key,
        unit,
        level: 'notice',
        ordinal,
        deadline,
        day: last,
        number: t('notice.lostNumber', { key, ordinal }),
      });
    }
  }
  return out;
}

/** What one source says of a key: so many notices for this deadline, the last on that day. */
interface Told {
  key: string;
  unit: string;
  count: number;
  deadline: Day;
  last: Day;
}

/** What the keyed rows' notice cells say (a key told by two rows, a held duplicate, once). */
function fromCells(
  rows: readonly { index: number; key: string; unit: string }[],
  read: { values: unknown[][]; columns: ColumnMap },
  toDay: (d: Date) => Day,
): Told[] {
  const { values, columns } = read;
  if (columns.noticeCount === undefined || columns.lastNotice === undefined || columns.dueAsRead === undefined) return [];
  const out: Told[] = [];
  for (const { index, key, unit } of rows) {
    const row = values[index] ?? [];
    const last = row[columns.lastNotice];
    const due = row[columns.dueAsRead];
    if (key === '' || !isDateValue(last) || !isDateValue(due)) continue;
    out.push({ key, unit, count: Number(row[columns.noticeCount]) || 0, deadline: toDay(due), last: toDay(last) });
  }
  return out;
}

/**
 * Each task's ladder as its notice cells will show it after today (noticeCells, drawn from the
 * log), by key, for 任务索引: no notice for the deadline in force is no ladder.
 */
export function laddersOf(
  tasks: readonly TaskRow[],
  cells: ReadonlyMap<number, RowCells>,
  keyOf: (task: TaskRow) => string,
): Map<string, { ladder: KeyLadder | undefined }> {
  const out = new Map<string, { ladder: KeyLadder | undefined }>();
  for (const task of tasks) {
    const key = keyOf(task);
    const c = cells.get(task.index)?.script;
    const count = c?.noticeCount;
    const last = c?.lastNotice;
    const ok = key !== '' && typeof count === 'number' && count > 0 && typeof last === 'object' && task.effectiveDeadline !== undefined;
    out.set(key, {
      ladder: ok
        ? { notices: count, last: last.day, deadline: task.effectiveDeadline!, level: typeof c?.level === 'string' ? c.level : '' }
        : undefined,
    });
  }
  return out;
}
