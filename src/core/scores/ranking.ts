/**
 * 排名与红黑榜: units ranked within their 单位类别 (市直部门, 区县, 街道 …), as the directory sorts them.
 *
 * Within a category: higher score first; on equal scores the higher 整改率, then fewer days
 * overdue, then the name in Chinese collation (拼音 order), so every unit has a place of its
 * own. Every unit with work in play in the month is ranked (month.ts); one with none is listed
 * after them, by name, with its score, no rank and 本月无督办任务.
 * - 黑榜 (排名后三位): the bottom three ranked of a category with at least four ranked units. A
 *   smaller category has none, unless the 小类别黑榜名额 rule gives it places (never its every unit).
 * - 红榜: the first N places (红榜名额), each to its unit only on merit: no more tasks overdue at
 *   month end than the 红榜逾期任务上限 rule allows (0) and at least the 红榜按期销号下限 closed on
 *   time (1). A place without merit stays empty; the next unit does not move up into it. A unit on
 *   the 黑榜 is never on the 红榜.
 * Every 红榜 and 黑榜 entry carries its 上榜理由, drawn from its figures.
 */

import { unitKey } from '../directory/units';
import type { Translate } from '../i18n';
import type { MonthScores, UnitScore } from './month';
import type { Rules } from './rules';

/** "排名后三位": the speeches' bottom three. */
export const BLACK_LIST_SIZE = 3;

/** The rules the lists are drawn by (计分规则). */
export type ListRules = Pick<Rules, 'redListSize' | 'redMaxOverdue' | 'redMinClosedOnTime' | 'smallCategoryBlack'>;

export interface CategoryRanking {
  category: string;
  /** Ranked units in rank order (rank set, from 1), then listed ones by name (no rank). */
  units: UnitScore[];
  rankedCount: number;
  /** 红榜: the top ranked, best first. */
  red: UnitScore[];
  /** 黑榜: the bottom ranked, in rank order (the last is the lowest). */
  black: UnitScore[];
}

export interface Ranking {
  year: number;
  month: number;
  /** Categories in the order the directory first names them. */
  categories: CategoryRanking[];
}

/** Names in Chinese collation (拼音); where a runtime lacks the zh data it still gives one fixed order. */
export function byName(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN') || (a < b ? -1 : a > b ? 1 : 0);
}

/** Rank order: score desc, 整改率 desc, fewer days overdue, name. */
export function compareUnits(a: UnitScore, b: UnitScore): number {
  return b.score - a.score || (b.rate ?? 0) - (a.rate ?? 0) || a.overdueDays - b.overdueDays || byName(a.unit, b.unit);
}

/** How many of a category's `ranked` units the 黑榜 takes: three of four or more; of fewer, the rule's places, never all. */
export function blackListSize(ranked: number, rules: Pick<ListRules, 'smallCategoryBlack'>): number {
  if (ranked > BLACK_LIST_SIZE) return BLACK_LIST_SIZE;
  return Math.max(0, Math.min(Math.floor(rules.smallCategoryBlack), ranked - 1));
}

/** 红榜 merit: few enough tasks overdue at month end, enough closed on time. */
export function meritsRedList(u: UnitScore, rules: Pick<ListRules, 'redMaxOverdue' | 'redMinClosedOnTime'>): boolean {
  return u.overdueAtEnd <= rules.redMaxOverdue && u.closedOnTime >= rules.redMinClosedOnTime;
}

export function rankMonth(scores: MonthScores, rules: ListRules, t: Translate): Ranking {
  const groups = new Map<string, { category: string; units: UnitScore[] }>();
  for (const unit of scores.units) {
    const id = unitKey(unit.category);
    const group = groups.get(id) ?? { category: unit.category, units: [] };
    group.units.push(unit);
    groups.set(id, group);
  }
  const categories = [...groups.values()].map(({ category, units }) => rankCategory(category, units, rules, t));
  return { year: scores.year, month: scores.month, categories };
}

/** One category: its ranked units in order, its listed ones by name, and its two lists with their reasons. */
function rankCategory(category: string, units: UnitScore[], rules: ListRules, t: Translate): CategoryRanking {
  const ranked = units
    .filter((u) => u.ranked)
    .sort(compareUnits)
    .map((u, i) => {
      const copy: UnitScore = { ...u, rank: i + 1 };
      delete copy.listReason;
      return copy;
    });
  const listed = units
    .filter((u) => !u.ranked)
    .sort((a, b) => byName(a.unit, b.unit))
    .map((u) => {
      const copy = { ...u };
      delete copy.rank;
      delete copy.listReason;
      return copy;
    });
  const blackSize = blackListSize(ranked.length, rules);
  const black = blackSize > 0 ? ranked.slice(-blackSize) : [];
  const places = ranked.slice(0, Math.max(0, Math.floor(rules.redListSize)));
  const red = places.filter((u) => !black.includes(u) && meritsRedList(u, rules));
  for (const u of red) u.listReason = redReason(u, t);
  for (const u of black) u.listReason = blackReason(u, ranked.length, t);
  return { category, units: [...ranked, ...listed], rankedCount: ranked.length, red, black };
}

/** 上榜理由 of a 红榜 unit: what it closed on time of what fell due, and what was left overdue. */
function redReason(u: UnitScore, t: Translate): string {
  const closed =
    u.dueCount === 0
      ? t('score.reason.noneDue')
      : u.closedOnTime === u.dueCount
        ? t('score.reason.allOnTime', { due: u.dueCount })
        : t('score.reason.someOnTime', { due: u.dueCount, closed: u.closedOnTime });
  const overdue = u.overdueAtEnd === 0 ? t('score.reason.noOverdue') : t('score.reason.overdue', { count: u.overdueAtEnd });
  return closed + t('score.reason.sep') + overdue;
}

/** 上榜理由 of a 黑榜 unit: what it left overdue, its 通报批评, 约谈 and 反弹; else its score and place. */
function blackReason(u: UnitScore, rankedCount: number, t: Translate): string {
  const parts = [
    u.overdueAtEnd > 0 ? t('score.reason.overdue', { count: u.overdueAtEnd }) : '',
    u.criticisms > 0 ? t('score.reason.criticisms', { count: u.criticisms }) : '',
    u.interviews > 0 ? t('score.reason.interviews', { count: u.interviews }) : '',
    u.relapses > 0 ? t('score.reason.relapses', { count: u.relapses }) : '',
  ].filter((p) => p !== '');
  if (parts.length > 0) return parts.join(t('score.reason.sep'));
  return t('score.reason.place', { score: u.score, ranked: rankedCount, rank: u.rank ?? '' });
}

/** An entry of a list as run.json gives it: the unit and its 上榜理由. */
export interface ListEntry {
  unit: string;
  reason: string;
}

/** The month's 红榜 and 黑榜, category by category, each entry with its reason (run.json `lists`). */
export function rankingLists(ranking: Ranking): { red: ListEntry[]; black: ListEntry[] } {
  const entry = (u: UnitScore): ListEntry => ({ unit: u.unit, reason: u.listReason ?? '' });
  return {
    red: ranking.categories.flatMap((c) => c.red.map(entry)),
    black: ranking.categories.flatMap((c) => c.black.map(entry)),
  };
}
