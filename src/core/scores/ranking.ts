/**
 * 排名与红黑榜: units ranked within their 单位类别 (市直部门, 区县, 街道 …), as the directory sorts them.
 *
 * Within a category: higher score first; on equal scores the higher 整改率, then fewer days
 * overdue, then the name in Chinese collation (拼音 order), so every unit has a place of its
 * own. Only units with a task due in the month are ranked; the others are listed after them,
 * by name, with their score and no rank. 红榜 is the top N ranked (the 红榜名额 rule), 黑榜 the
 * bottom three ranked. When a category has fewer ranked units than the two lists need
 * (N + 3), neither list takes more than half of them (rounded down), so no unit is on both,
 * and a unit in the middle of a small category is on neither: a category of three ranked units
 * has one on each list, of one unit none.
 */

import { unitKey } from '../directory/units';
import type { MonthScores, UnitScore } from './month';
import type { Rules } from './rules';

/** "排名后三位": the speeches' bottom three. */
export const BLACK_LIST_SIZE = 3;

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

/** How many units each list takes among `ranked`, with `redSize` asked for the red list. */
export function listSizes(ranked: number, redSize: number): { red: number; black: number } {
  const red = Math.max(0, Math.floor(redSize));
  if (red + BLACK_LIST_SIZE <= ranked) return { red, black: BLACK_LIST_SIZE };
  const half = Math.floor(ranked / 2);
  return { red: Math.min(red, half), black: Math.min(BLACK_LIST_SIZE, half) };
}

export function rankMonth(scores: MonthScores, rules: Pick<Rules, 'redListSize'>): Ranking {
  const groups = new Map<string, { category: string; units: UnitScore[] }>();
  for (const unit of scores.units) {
    const id = unitKey(unit.category);
    const group = groups.get(id) ?? { category: unit.category, units: [] };
    group.units.push(unit);
    groups.set(id, group);
  }
  const categories = [...groups.values()].map(({ category, units }): CategoryRanking => {
    const ranked = units
      .filter((u) => u.ranked)
      .sort(compareUnits)
      .map((u, i) => ({ ...u, rank: i + 1 }));
    const listed = units
      .filter((u) => !u.ranked)
      .sort((a, b) => byName(a.unit, b.unit))
      .map((u) => {
        const copy = { ...u };
        delete copy.rank;
        return copy;
      });
    const sizes = listSizes(ranked.length, rules.redListSize);
    return {
      category,
      units: [...ranked, ...listed],
      rankedCount: ranked.length,
      red: ranked.slice(0, sizes.red),
      black: sizes.black > 0 ? ranked.slice(-sizes.black) : [],
    };
  });
  return { year: scores.year, month: scores.month, categories };
}
