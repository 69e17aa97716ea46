/**
 * What publishing a month again changed (重新公布): what was published stays published, so the
 * only way to change a month's figures is to publish it again, and then the office is told which
 * units' score, rank or list (红榜 / 黑榜) changed, from what to what, and which units came into
 * the month or left it. Compared unit by unit between the month's 排名历史 rows before and after.
 */
import { unitKey } from '../directory/units';
import type { Translate } from '../i18n';
import type { HistoryRow } from './history';

export type ListMark = 'red' | 'black' | 'none';

export interface PublishedChange {
  unit: string;
  /** Only what changed is set; a unit new to the month or gone from it has `added` / `removed` and its row. */
  score?: [number, number];
  rank?: [number | undefined, number | undefined];
  list?: [ListMark, ListMark];
  added?: HistoryRow;
  removed?: HistoryRow;
}

export function listOf(row: HistoryRow): ListMark {
  return row.redList ? 'red' : row.bottomThree ? 'black' : 'none';
}

function compare(before: HistoryRow, after: HistoryRow): PublishedChange | undefined {
  const change: PublishedChange = { unit: after.unit };
  if (before.score !== after.score) change.score = [before.score, after.score];
  if (before.rank !== after.rank) change.rank = [before.rank, after.rank];
  if (listOf(before) !== listOf(after)) change.list = [listOf(before), listOf(after)];
  return change.score || change.rank || change.list ? change : undefined;
}

/** The changes, in the order of the month as now published, then the units it no longer has. */
export function publishedChanges(before: readonly HistoryRow[], after: readonly HistoryRow[]): PublishedChange[] {
  const old = new Map(before.map((r) => [unitKey(r.unit), r] as const));
  const now = new Set(after.map((r) => unitKey(r.unit)));
  const out: PublishedChange[] = [];
  for (const row of after) {
    const was = old.get(unitKey(row.unit));
    const change = was ? compare(was, row) : { unit: row.unit, added: row };
    if (change) out.push(change);
  }
  for (const row of before) if (!now.has(unitKey(row.unit))) out.push({ unit: row.unit, removed: row });
  return out;
}

/** One line for the office: 市水利局：得分83.5→97，排名第5名→第2名，黑榜→红榜. */
export function describeChange(c: PublishedChange, t: Translate): string {
  const rank = (r: number | undefined): string => (r === undefined ? t('republish.unranked') : t('republish.rankN', { rank: r }));
  const list = (l: ListMark): string => t(`republish.list.${l}`);
  const whole = c.added ?? c.removed;
  if (whole) {
    const mark = listOf(whole);
    return t(c.added ? 'republish.added' : 'republish.removed', {
      unit: c.unit,
      score: whole.score,
      rank: rank(whole.rank),
      list: mark === 'none' ? '' : t('republish.listSuffix', { list: list(mark) }),
    });
  }
  const parts: string[] = [];
  if (c.score) parts.push(t('republish.score', { from: c.score[0], to: c.score[1] }));
  if (c.rank) parts.push(t('republish.rank', { from: rank(c.rank[0]), to: rank(c.rank[1]) }));
  if (c.list) parts.push(t('republish.list', { from: list(c.list[0]), to: list(c.list[1]) }));
  return t('republish.change', { unit: c.unit, parts: parts.join(t('republish.sep')) });
}
