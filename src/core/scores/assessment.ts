/**
 * 季度测评: Duban's own sheet where the office types each unit's 实地测评 (field check) and 问卷
 * (survey) score for a quarter, one row per unit and quarter, for 一季一测评 (quarter.ts combines
 * them with the ledger score by the weights of 计分规则).
 *
 * Duban writes 季度, 单位 and 台账得分 (the ledger score, kept current each time the quarter is
 * published); 实地测评, 问卷 and 备注 are the person's and Duban never writes them. Columns are
 * found by their header in either language, so a person may reorder them or add their own; a
 * column of Duban's that was deleted comes back at the end. A score that is not a number from 0 to
 * 100 is reported where it is and left out (never read as 0).
 */
import { unitKey } from '../directory/units';
import { allTexts, type MessageKey, type Translate } from '../i18n';
import type { CellProblem } from '../problems/problem';
import { cellText, normalizeHeader, toHalfWidth } from '../text/text';
import { parseQuarterId, type QuarterRow, type QuarterTyped } from './quarter';

export const ASSESSMENT_COLUMNS = ['quarter', 'unit', 'ledgerScore', 'field', 'survey', 'remark'] as const;
export type AssessmentColumn = (typeof ASSESSMENT_COLUMNS)[number];

export const ASSESSMENT_HEADER: Record<AssessmentColumn, MessageKey> = {
  quarter: 'assesscol.quarter',
  unit: 'assesscol.unit',
  ledgerScore: 'assesscol.ledgerScore',
  field: 'assesscol.field',
  survey: 'assesscol.survey',
  remark: 'assesscol.remark',
};

/** The quarter is text ('2026-Q4' must not become anything else); scores to hundredths. */
export const ASSESSMENT_FORMAT: Record<AssessmentColumn, string> = {
  quarter: '@',
  unit: '@',
  ledgerScore: '0.##',
  field: '0.##',
  survey: '0.##',
  remark: '@',
};

export function assessmentHeader(t: Translate): string[] {
  return ASSESSMENT_COLUMNS.map((c) => t(ASSESSMENT_HEADER[c]));
}

/** A quarter as Duban writes it in the sheet. */
export function quarterCell(year: number, quarter: number): string {
  return `${year}-Q${quarter}`;
}

/** 2026-Q4, 2026Q4, 2026年第4季度, 2026年4季度. */
export function readQuarterCell(v: unknown): { year: number; quarter: number } | undefined {
  const text = toHalfWidth(cellText(v));
  const m = /^\s*(\d{4})\s*年\s*第?\s*([1-4])\s*季度?\s*$/.exec(text);
  return m ? { year: Number(m[1]), quarter: Number(m[2]) } : parseQuarterId(text);
}

export interface AssessmentRow {
  /** 0-based row in the sheet. */
  index: number;
  quarter: { year: number; quarter: number };
  unit: string;
  /** 台账得分 as the sheet holds it (Duban's cell). */
  ledgerCell: unknown;
  field: number | undefined;
  survey: number | undefined;
}

export interface AssessmentSheet {
  /** Each column's 0-based index; a missing one is placed after the last column (the edge writes its header). */
  at: Record<AssessmentColumn, number>;
  missing: AssessmentColumn[];
  rows: AssessmentRow[];
  problems: CellProblem[];
}

/** A typed score: a number from 0 to 100 (90, '90', '90分', '９０'); 'bad' otherwise; undefined when blank. */
function readScore(v: unknown): number | undefined | 'bad' {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 && v <= 100 ? v : 'bad';
  const text = toHalfWidth(cellText(v)).replace(/\s*分$/, '');
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? n : 'bad';
}

function columnsOf(header: readonly unknown[]): Pick<AssessmentSheet, 'at' | 'missing'> {
  const at = {} as Record<AssessmentColumn, number>;
  const missing: AssessmentColumn[] = [];
  let next = header.length;
  for (const c of ASSESSMENT_COLUMNS) {
    const texts = new Set(allTexts(ASSESSMENT_HEADER[c]).map(normalizeHeader));
    const found = header.findIndex((h) => texts.has(normalizeHeader(h)));
    if (found >= 0) at[c] = found;
    else {
      at[c] = next++;
      missing.push(c);
    }
  }
  return { at, missing };
}

/** Reads the sheet (getValues(), header first); rows without a readable quarter are reported and left out. */
export function parseAssessment(values: unknown[][], t: Translate): AssessmentSheet {
  const { at, missing } = columnsOf(values[0] ?? []);
  const rows: AssessmentRow[] = [];
  const problems: CellProblem[] = [];
  for (let r = 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const get = (c: AssessmentColumn): unknown => row[at[c]];
    if (cellText(get('unit')) === '' && cellText(get('field')) === '' && cellText(get('survey')) === '') continue;
    const quarter = readQuarterCell(get('quarter'));
    if (!quarter) {
      problems.push({ row: r, column: at.quarter, message: t('assess.badQuarter', { value: cellText(get('quarter')) }) });
      continue;
    }
    const score = (c: 'field' | 'survey'): number | undefined => {
      const read = readScore(get(c));
      if (read !== 'bad') return read;
      problems.push({ row: r, column: at[c], message: t('assess.badScore', { part: t(ASSESSMENT_HEADER[c]), value: cellText(get(c)) }) });
      return undefined;
    };
    rows.push({
      index: r,
      quarter,
      unit: cellText(get('unit')),
      ledgerCell: get('ledgerScore'),
      field: score('field'),
      survey: score('survey'),
    });
  }
  return { at, missing, rows, problems };
}

export interface AssessmentPlan {
  /** Duban's 台账得分 cells to bring up to date ('' for a unit never ranked in the quarter). */
  update: { row: number; ledgerScore: number | '' }[];
  /** Rows to add for the quarter's units that have none. */
  append: { quarter: string; unit: string; ledgerScore: number | '' }[];
  /** What the office typed for the quarter, by unit (units with nothing readable typed are not here). */
  typed: QuarterTyped[];
  problems: CellProblem[];
  /** When some units have typed scores: the quarter's units that have none (their quarter score is the ledger's alone). */
  untyped: string[];
}

const unitId = unitKey;

function sameScore(cell: unknown, score: number | ''): boolean {
  if (score === '') return cellText(cell) === '';
  const n = typeof cell === 'number' ? cell : Number(toHalfWidth(cellText(cell)));
  return cellText(cell) !== '' && n === score;
}

/**
 * What the sheet needs for the quarter `q` whose ledger review is `rollup`: a row for each of its
 * units (in the review's order), Duban's 台账得分 kept current, and the scores the office typed.
 * A second row for a unit and quarter, or a unit the quarter's history does not have, is reported.
 */
export function planAssessment(
  sheet: AssessmentSheet,
  q: { year: number; quarter: number },
  rollup: readonly QuarterRow[],
  t: Translate,
): AssessmentPlan {
  const label = t('pub.quarterLabel', { year: q.year, quarter: q.quarter });
  const units = new Map(rollup.map((r) => [unitId(r.unit), r] as const));
  const seen = new Map<string, AssessmentRow>();
  const plan: AssessmentPlan = { update: [], append: [], typed: [], problems: [], untyped: [] };
  for (const row of sheet.rows) {
    if (row.quarter.year !== q.year || row.quarter.quarter !== q.quarter) continue;
    const id = unitId(row.unit);
    const first = seen.get(id);
    const review = units.get(id);
    const where = { row: row.index, column: sheet.at.unit };
    if (first) plan.problems.push({ ...where, message: t('assess.duplicate', { unit: row.unit, quarter: label, first: first.index + 1 }) });
    else if (!review) plan.problems.push({ ...where, message: t('assess.unknownUnit', { unit: row.unit, quarter: label }) });
    if (first || !review) continue;
    seen.set(id, row);
    const ledgerScore = review.ledgerScore ?? '';
    if (!sameScore(row.ledgerCell, ledgerScore)) plan.update.push({ row: row.index, ledgerScore });
    if (row.field !== undefined || row.survey !== undefined) plan.typed.push({ unit: review.unit, field: row.field, survey: row.survey });
  }
  const typed = new Set(plan.typed.map((x) => unitId(x.unit)));
  for (const r of rollup) {
    if (!seen.has(unitId(r.unit)))
      plan.append.push({ quarter: quarterCell(q.year, q.quarter), unit: r.unit, ledgerScore: r.ledgerScore ?? '' });
    if (plan.typed.length > 0 && !typed.has(unitId(r.unit))) plan.untyped.push(r.unit);
  }
  return plan;
}
