/**
 * Duban's own small sheets (整改反馈, 季度测评, 约谈安排, 督查员), made and repaired one way: found
 * by their mark, created and marked when missing, a header row in bold plain text frozen above
 * the rows, a person's column given a dropdown that still lets them type, a column of Duban's a
 * person deleted written back under its header, and the problems found in it located for the
 * admin. One way for all of them, so the sheets cannot drift apart.
 */
import type { CellProblem, Problem } from '../core/problems/problem';
import { cellText } from '../core/text/text';
import { ensureScriptSheet, type SideRole, type Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sheet and its values as read; fresh when it was just given its header (created, or found empty). */
export interface OwnSheet {
  sheet: Sheet;
  values: unknown[][];
  fresh: boolean;
}

/**
 * The sheet of the role, found by its mark, or created and marked when missing; a new or empty
 * one gets the header (bold, plain text so no title reads as a formula, frozen), and its values
 * are then the header alone.
 */
export function ensureOwnSheet(wb: Workbook, role: SideRole, header: readonly string[], changes: string[]): OwnSheet {
  const { found, created } = ensureScriptSheet(wb, role, changes);
  const { sheet } = found;
  if (!created && found.values.length > 0) return { sheet, values: found.values, fresh: false };
  sheet
    .getRange(1, 1, 1, header.length)
    .setNumberFormat('@')
    .setValues([[...header]])
    .setFontWeight('bold');
  sheet.setFrozenRows(1);
  return { sheet, values: [[...header]], fresh: true };
}

/** A column of Duban's that a person deleted, its header back at its (0-based) place. */
export function restoreHeader(sheet: Sheet, column: number, title: string): void {
  sheet
    .getRange(1, column + 1)
    .setNumberFormat('@')
    .setValue(title)
    .setFontWeight('bold');
}

/** A column's (0-based) cells below the header, down to the sheet's last row. */
export function belowHeader(sheet: Sheet, column: number): GoogleAppsScript.Spreadsheet.Range {
  return sheet.getRange(2, column + 1, Math.max(1, sheet.getMaxRows() - 1), 1);
}

/** A dropdown of the words that still lets a person type anything else, so a typo is said rather than refused silently. */
export function choiceRule(words: string[]): GoogleAppsScript.Spreadsheet.DataValidation {
  return SpreadsheetApp.newDataValidation().requireValueInList(words, true).setAllowInvalid(true).build();
}

/** Problems found in the sheet's values, located for the admin (《整改反馈》L3 (验收结果): …). */
export function locatedProblems(open: { sheet: Sheet; values: unknown[][] }, problems: readonly CellProblem[]): Problem[] {
  return problems.map((p) => ({
    sheet: open.sheet.getName(),
    row: p.row + 1,
    column: p.column + 1,
    header: cellText(open.values[0]?.[p.column]),
    message: p.message,
  }));
}

/**
 * New rows after the last one (the values read, or the sheet's last row when a person typed
 * below them), in one write: each cell under its column's (0-based) index in `at`, formatted as
 * that column is; a cell under no column of Duban's is left empty as plain text. The grid gains
 * rows when they run out. Returns the first new row, 0-based.
 */
export function appendWholeRows<C extends string>(
  open: { sheet: Sheet; values: unknown[][] },
  at: Record<C, number>,
  formats: Record<C, string>,
  rows: readonly Partial<Record<C, unknown>>[],
): number {
  const { sheet } = open;
  const width = Math.max(...Object.values<number>(at)) + 1;
  const first = Math.max(open.values.length, sheet.getLastRow()) + 1;
  const max = sheet.getMaxRows();
  const last = first + rows.length - 1;
  if (last > max) sheet.insertRowsAfter(max, last - max);
  const byIndex = new Map((Object.entries(at) as [C, number][]).map(([c, i]) => [i, c] as const));
  const grid = rows.map((r) => Array.from({ length: width }, (_, i) => r[byIndex.get(i)!] ?? ''));
  const format = Array.from({ length: width }, (_, i) => (byIndex.has(i) ? formats[byIndex.get(i)!] : '@'));
  const range = sheet.getRange(first, 1, rows.length, width);
  range.setNumberFormats(rows.map(() => [...format]));
  range.setValues(grid);
  range.setWrap(true);
  return first - 1;
}
