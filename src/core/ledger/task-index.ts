/**
 * 任务索引: Duban's own sheet of every key it ever gave (系统编号) and the task it names, read
 * by ledger/identity.ts to find each task again whatever the office did to its rows or to the
 * 系统编号 column. One row per key, never removed: a retired key keeps its row, with the day it
 * was retired, so it is never given again. A person may correct a description here (the
 * resolution of a held row says so); nothing else reads this sheet.
 */
import { type Day, isDateValue } from '../calendar/day';
import type { MessageKey, Translate } from '../i18n';
import { scriptColumns } from '../text/script-columns';
import { cellText } from '../text/text';
import { type KeyLadder, type KnownTask, normalizedPrint } from './identity';

export const INDEX_COLUMNS = [
  'key',
  'task',
  'place',
  'unit',
  'issued',
  'since',
  'retired',
  'notices',
  'lastNotice',
  'deadline',
  'level',
] as const;
export type IndexColumn = (typeof INDEX_COLUMNS)[number];

export const INDEX_HEADER: Record<IndexColumn, MessageKey> = {
  key: 'indexcol.key',
  task: 'indexcol.task',
  place: 'indexcol.place',
  unit: 'indexcol.unit',
  issued: 'indexcol.issued',
  since: 'indexcol.since',
  retired: 'indexcol.retired',
  notices: 'indexcol.notices',
  lastNotice: 'indexcol.lastNotice',
  deadline: 'indexcol.deadline',
  level: 'indexcol.level',
};

export const INDEX_FORMAT: Record<IndexColumn, string> = {
  key: '@',
  task: '@',
  place: '@',
  unit: '@',
  issued: '@',
  since: 'yyyy-mm-dd',
  retired: 'yyyy-mm-dd',
  notices: '0',
  lastNotice: 'yyyy-mm-dd',
  deadline: 'yyyy-mm-dd',
  level: '@',
};

export function indexHeader(t: Translate): string[] {
  return INDEX_COLUMNS.map((c) => t(INDEX_HEADER[c]));
}

/** The index's rows as known tasks; a row without a key (a note someone typed) is skipped. */
export function parseIndex(values: unknown[][], toDay: (d: Date) => Day): KnownTask[] {
  if (values.length === 0) return [];
  const at = scriptColumns(values[0] ?? [], INDEX_COLUMNS, INDEX_HEADER);
  const out: KnownTask[] = [];
  for (let r = 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const get = (c: IndexColumn): unknown => row[at[c]];
    const key = cellText(get('key'));
    if (key === '') continue;
    const shown = (['task', 'place', 'unit', 'issued'] as const).map((c) => cellText(get(c)));
    const since = get('since');
    const retired = get('retired');
    const ladder = ladderOf(get, toDay);
    out.push({
      key,
      print: normalizedPrint(shown[0], shown[1], shown[2], shown[3]!),
      shown,
      since: isDateValue(since) ? toDay(since) : undefined,
      retired: isDateValue(retired) || cellText(retired) !== '',
      retiredOn: isDateValue(retired) ? toDay(retired) : undefined,
      ...(ladder ? { ladder } : {}),
    });
  }
  return out;
}

/** A row's ladder: a count above 0 with the day and deadline it is for; anything less is none (an index before ladders were kept). */
function ladderOf(get: (c: IndexColumn) => unknown, toDay: (d: Date) => Day): KeyLadder | undefined {
  const notices = Number(get('notices'));
  const last = get('lastNotice');
  const deadline = get('deadline');
  if (!Number.isInteger(notices) || notices <= 0 || !isDateValue(last) || !isDateValue(deadline)) return undefined;
  return { notices, last: toDay(last), deadline: toDay(deadline), level: cellText(get('level')) };
}

/**
 * The index with each task's ladder as the log now says (督办次数, 最近督办, 督办级别 of the task's
 * row, drawn from the log for the deadline in force): `cells` by key, for the keys bound to a row
 * today. A key not among them (held, retired) keeps the ladder it had: no notice went for it.
 */
export function withLadders(known: readonly KnownTask[], cells: ReadonlyMap<string, { ladder: KeyLadder | undefined }>): KnownTask[] {
  return known.map((k): KnownTask => {
    const now = cells.get(k.key);
    if (now === undefined) return k;
    const { ladder: _old, ...rest } = k;
    return now.ladder ? { ...rest, ladder: now.ladder } : rest;
  });
}

/** The index as the sheet's rows after its header: text as text, days through `fromDay`. */
export function indexRows(known: readonly KnownTask[], fromDay: (d: Day) => Date): unknown[][] {
  return known.map((k) => [
    k.key,
    k.shown[0] ?? '',
    k.shown[1] ?? '',
    k.shown[2] ?? '',
    k.shown[3] ?? '',
    k.since === undefined ? '' : fromDay(k.since),
    k.retiredOn === undefined ? (k.retired ? '✓' : '') : fromDay(k.retiredOn),
    k.ladder?.notices ?? '',
    k.ladder ? fromDay(k.ladder.last) : '',
    k.ladder ? fromDay(k.ladder.deadline) : '',
    k.ladder?.level ?? '',
  ]);
}
