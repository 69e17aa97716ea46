/**
 * 约谈安排: Duban's own sheet (created and marked like 督办记录), where a person decides each 约谈.
 * Read once by getValues; Duban writes only its own cells (约谈编号 … 提议日期, 约谈通知文号, 状态),
 * and a person's cells only once, when it makes the row (需携带材料 prefilled). 审批 has a dropdown
 * (同意 / 暂缓) that still lets a person type, so a typo is reported rather than refused silently.
 */
import { type Day, dayFromYmd, isValidYmd } from '../core/calendar/day';
import {
  ARRANGEMENT_COLUMNS,
  ARRANGEMENT_FORMAT,
  ARRANGEMENT_HEADER,
  type ArrangementColumn,
  type ArrangementSheet,
  type CellClock,
  parseArrangement,
} from '../core/interviews/arrangement';
import type { DubanValue } from '../core/interviews/decide';
import { cellText } from '../core/text/text';
import { appendWholeRows, belowHeader, choiceRule, ensureOwnSheet, restoreHeader } from './own-sheet';
import type { Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** 约谈安排 as a run holds it: the sheet, its values as read, what they say. */
export interface OpenArrangement {
  sheet: Sheet;
  values: unknown[][];
  read: ArrangementSheet;
  /** Each column's 0-based index (missing ones were added at the end). */
  at: Record<ArrangementColumn, number>;
}

/** How the sheet's cells become days and moments, in the spreadsheet's time zone. */
export function cellClock(wb: Workbook): CellClock {
  const { toDay, fromDay } = wb.clock;
  return {
    toDay,
    toMoment: (d) => {
      const day = toDay(d);
      return { day, minutes: Math.round((d.getTime() - fromDay(day).getTime()) / 60_000) };
    },
    dayOf: (y, m, d) => (isValidYmd(y, m, d) ? dayFromYmd(y, m, d) : undefined),
  };
}

/** The sheet, when there is one (the edit trigger and the sweep before any case); undefined else. */
export function findArrangement(wb: Workbook): OpenArrangement | undefined {
  const found = wb.sheetFor('interviews');
  return found?.ours ? readArrangement(wb, found.sheet, found.values) : undefined;
}

/** The sheet, created and marked with its header and the 审批 dropdown when missing. */
export function openArrangement(wb: Workbook, changes: string[]): OpenArrangement {
  const header = ARRANGEMENT_COLUMNS.map((c) => wb.t(ARRANGEMENT_HEADER[c]));
  const { sheet, values } = ensureOwnSheet(wb, 'interviews', header, changes);
  return readArrangement(wb, sheet, values);
}

function readArrangement(wb: Workbook, sheet: Sheet, values: unknown[][]): OpenArrangement {
  const read = parseArrangement(values, cellClock(wb), wb.t);
  const at = { ...read.at } as Record<ArrangementColumn, number>;
  // A column a person deleted comes back at the end, under its header.
  let next = Math.max(sheet.getLastColumn(), (values[0] ?? []).length);
  for (const c of read.missing) {
    at[c] = next++;
    restoreHeader(sheet, at[c], wb.t(ARRANGEMENT_HEADER[c]));
  }
  const rule = choiceRule([wb.t('ivapproval.agree'), wb.t('ivapproval.hold')]);
  // On a sheet with no rows yet (new, or its header alone), and when 审批 came back (the whole column is then new).
  if (read.missing.includes('approval') || values.length <= 1) belowHeader(sheet, at.approval).setDataValidation(rule);
  return { sheet, values, read, at };
}

const same = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : cellText(a) === cellText(b);

/** A value as its cell holds it: a Day as the date the sheet shows. */
function cellValue(wb: Workbook, v: DubanValue | unknown): unknown {
  return typeof v === 'object' && v !== null && 'day' in v ? wb.clock.fromDay((v as { day: number }).day) : v;
}

/** Duban's cells of an existing row, each written only when it differs from what the sheet holds. */
export function writeOwnCells(
  wb: Workbook,
  open: OpenArrangement,
  row: number,
  cells: Partial<Record<ArrangementColumn, DubanValue>>,
): void {
  for (const [column, v] of Object.entries(cells) as [ArrangementColumn, DubanValue][]) {
    const c = open.at[column];
    const value = cellValue(wb, v);
    if (same(open.values[row]?.[c], value)) continue;
    open.sheet
      .getRange(row + 1, c + 1)
      .setNumberFormat(ARRANGEMENT_FORMAT[column])
      .setValue(value);
  }
}

/** New rows at the end, one write: the given cells, every other cell left empty. */
export function appendRows(wb: Workbook, open: OpenArrangement, rows: Partial<Record<ArrangementColumn, unknown>>[]): void {
  if (rows.length === 0) return;
  const cells = rows.map((r) => Object.fromEntries(Object.entries(r).map(([c, v]) => [c, cellValue(wb, v)])));
  appendWholeRows(open, open.at, ARRANGEMENT_FORMAT, cells);
}

/** 约谈完成日期 by 约谈通知文号, read only (the month's bulletin says 已约谈); empty when there is no 约谈安排. */
export function interviewsHeld(wb: Workbook): Map<string, Day> {
  const found = wb.sheetFor('interviews');
  const held = new Map<string, Day>();
  if (!found?.ours) return held;
  for (const row of parseArrangement(found.values, cellClock(wb), wb.t).rows)
    if (row.noticeNumber !== '' && row.heldOn !== undefined) held.set(row.noticeNumber, row.heldOn);
  return held;
}
