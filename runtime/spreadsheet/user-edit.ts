/**
 * What a person does at the screen, for tests and the local runner: typing or pasting values,
 * inserting and deleting rows. These are not script calls, so nothing is counted.
 */
import type { CellValue, SheetModel } from '../model.js';
import type { RuntimeContext } from './context.js';
import { checkDimensions, fail, MSG } from './errors.js';
import * as grid from './grid.js';
import { commitPending } from './pending.js';
import type { Range } from './range.js';
import { rangeFromA1 } from './sheet.js';
import { Spreadsheet } from './spreadsheet.js';
import { dateToSerial, isDate } from './values.js';
import { writeInputs } from './write.js';

export interface EditEvent {
  authMode: string;
  range: Range;
  source: Spreadsheet;
  user: { getEmail(): string; getNickname(): string };
  value?: unknown;
  oldValue?: unknown;
  triggerUid?: string;
}

function sheetNamed(ctx: RuntimeContext, name: string): SheetModel {
  const sheet = ctx.model.sheets.find((s) => s.name === name);
  if (!sheet) fail(`No sheet named "${name}" in ${ctx.model.name}`);
  // The person sees the sheet as the script left it so far: its pending writes are applied first.
  commitPending(ctx, sheet);
  return sheet;
}

/**
 * e.value / e.oldValue carry the cell as text: numbers as digits, booleans as 'TRUE'/'FALSE' and
 * dates as their serial number (the event object is built from the cell's raw value, not a JS
 * Date); absent when the cell is blank. https://developers.google.com/apps-script/guides/triggers/events#edit
 */
function eventText(value: CellValue | undefined, timeZone: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) return String(dateToSerial(value, timeZone));
  return String(value);
}

export function editAsUser(ctx: RuntimeContext, sheetName: string, a1: string, values: unknown[][]): EditEvent {
  const sheet = sheetNamed(ctx, sheetName);
  const range = rangeFromA1(ctx, sheet, a1);
  checkDimensions(values, range.nr, range.nc);
  const single = range.nr === 1 && range.nc === 1;
  const before = single ? grid.cellAt(sheet, range.r0, range.c0)?.value : undefined;
  writeInputs(ctx, sheet, range.r0, range.c0, values);
  ctx.activeSheet = sheet;
  ctx.activeSelection = { sheet, row: range.r0, column: range.c0, numRows: range.nr, numColumns: range.nc };
  const email = ctx.userEmail;
  const event: EditEvent = {
    authMode: 'LIMITED',
    range,
    source: new Spreadsheet(ctx),
    user: { getEmail: () => email, getNickname: () => email.split('@')[0] },
  };
  if (single) {
    const value = eventText(grid.cellAt(sheet, range.r0, range.c0)?.value, ctx.model.timeZone);
    const oldValue = eventText(before, ctx.model.timeZone);
    if (value !== undefined) event.value = value;
    if (oldValue !== undefined) event.oldValue = oldValue;
  }
  return event;
}

export function insertRowsAsUser(ctx: RuntimeContext, sheetName: string, beforeRow: number, howMany: number): void {
  const sheet = sheetNamed(ctx, sheetName);
  if (!(beforeRow >= 1 && beforeRow <= sheet.maxRows + 1 && howMany >= 1)) fail(MSG.rowsOutOfBounds);
  grid.insertRows(sheet, beforeRow - 1, howMany, ctx.model.sheets);
}

export function deleteRowsAsUser(ctx: RuntimeContext, sheetName: string, row: number, howMany: number): void {
  const sheet = sheetNamed(ctx, sheetName);
  if (!(row >= 1 && howMany >= 1 && row + howMany - 1 <= sheet.maxRows)) fail(MSG.rowsOutOfBounds);
  if (sheet.maxRows - howMany <= sheet.frozenRows) fail(MSG.deleteAllRows);
  grid.deleteRows(sheet, row - 1, howMany, ctx.model.sheets);
}
