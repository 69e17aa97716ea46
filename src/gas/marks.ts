/**
 * The script's marks on what it created: developer metadata on its columns (key duban.column,
 * value the field) and on its sheets (key duban.sheet, value the role). Sheets keeps a
 * column's metadata with the column when people insert, delete or move columns, so the script
 * finds its columns wherever they went and whatever their header says, and an office column or
 * sheet that merely has the same name is never taken for the script's.
 * One finder call per sheet (or per spreadsheet), whatever the number of rows.
 *
 * A tool that drops defined names (the .xlsx stand-in for these marks) leaves the columns
 * unmarked: the core then recognises them by the script's run of headers or its protection
 * (core/ledger/script-block.ts) and task-sheet.ts marks them again here.
 */

import { allTexts } from '../core/i18n';
import { SCRIPT_FIELDS, type ScriptField } from '../core/ledger/columns';
import { columnLetter } from '../core/text/text';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const COLUMN_MARK = 'duban.column';
export const SHEET_MARK = 'duban.sheet';

/** The roles of the sheets the script creates. */
export type SheetRole =
  | 'tasks'
  | 'settings'
  | 'units'
  | 'holidays'
  | 'problems'
  | 'log'
  | 'rules'
  | 'history'
  | 'index'
  | 'interviews'
  // Issue 15, part "published": 季度测评, where the office types 实地测评 and 问卷.
  | 'assessment'
  // Issue 16, feedback: 整改反馈, the units' replies and the verifier's 验收结果.
  | 'feedback'
  // Issue 16, orders: 督查员, the inspectors who may file on site and get their own link.
  | 'inspectors';
const ROLES: readonly SheetRole[] = [
  'tasks',
  'settings',
  'units',
  'holidays',
  'problems',
  'log',
  'rules',
  'history',
  'index',
  'interviews',
  'assessment',
  'feedback',
  'inspectors',
];

/** The script's columns on a sheet, 0-based, by field (the first mark wins if a field is marked twice). */
export function markedColumns(sheet: Sheet): Partial<Record<ScriptField, number>> {
  const out: Partial<Record<ScriptField, number>> = {};
  for (const md of sheet.createDeveloperMetadataFinder().withKey(COLUMN_MARK).find()) {
    const field = md.getValue() as ScriptField | null;
    if (field === null || !SCRIPT_FIELDS.includes(field) || out[field] !== undefined) continue;
    const column = md.getLocation().getColumn();
    if (column) out[field] = column.getColumn() - 1;
  }
  return out;
}

/** Marks the columns the script just added (0-based) as its own. */
export function markColumns(sheet: Sheet, added: { column: number; field: ScriptField }[]): void {
  for (const { column, field } of added) {
    const letter = columnLetter(column);
    sheet.getRange(`${letter}:${letter}`).addDeveloperMetadata(COLUMN_MARK, field);
  }
}

/** The sheets the script created, by role (the first mark of a role wins). */
export function markedSheets(ss: Spreadsheet): Partial<Record<SheetRole, Sheet>> {
  const out: Partial<Record<SheetRole, Sheet>> = {};
  for (const md of ss.createDeveloperMetadataFinder().withKey(SHEET_MARK).find()) {
    const role = md.getValue() as SheetRole | null;
    if (role === null || !ROLES.includes(role) || out[role] !== undefined) continue;
    const sheet = md.getLocation().getSheet();
    if (sheet) out[role] = sheet;
  }
  return out;
}

export function markSheet(sheet: Sheet, role: SheetRole): void {
  sheet.addDeveloperMetadata(SHEET_MARK, role);
}

/**
 * The columns under the warning-only protection setup put on the script's columns, with the
 * script's own description: a sign the script set itself, read only when the sheet has no column
 * marks at all (a ledger set up before marks, or one whose marks a tool dropped). Which of them
 * are the script's is the core's decision (core/ledger/script-block.ts), with the script's run
 * of headers; the ones it adopts are marked again by `markColumns`. A few calls per protection.
 */
export function scriptProtectedColumns(sheet: Sheet): Set<number> {
  const ours = new Set(allTexts('setup.protection'));
  const columns = new Set<number>();
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (!ours.has(p.getDescription())) continue;
    const range = p.getRange();
    for (let c = range.getColumn() - 1; c < range.getColumn() - 1 + range.getNumColumns(); c++) columns.add(c);
  }
  return columns;
}
