/** Spreadsheet: the workbook the script is bound to. */
import { IANAZone } from 'luxon';
import { newSheetModel, type SheetModel } from '../model.js';
import { forgetSheetInCharts } from './chart.js';
import { registerHolder } from './containers.js';
import { activeSheetOf, type RuntimeContext } from './context.js';
import {
  addDeveloperMetadata,
  type DeveloperMetadata,
  type DeveloperMetadataFinder,
  newSpreadsheetFinder,
  spreadsheetMetadata,
} from './developer-metadata.js';
import { fail, MSG, sheetNameTaken } from './errors.js';
import { activeRange, type Range } from './range.js';
import { rangeFromA1, Sheet } from './sheet.js';
import { User } from './user.js';
import { isDate, rezoneDate } from './values.js';

export class Spreadsheet {
  constructor(private readonly ctx: RuntimeContext) {}

  private tick(name: string): void {
    this.ctx.beforeCall();
    this.ctx.calls.count(`Spreadsheet.${name}`);
  }

  getId(): string {
    this.tick('getId');
    return this.ctx.model.id;
  }
  getName(): string {
    this.tick('getName');
    return this.ctx.model.name;
  }
  rename(newName: string): void {
    this.tick('rename');
    this.ctx.model.name = String(newName);
  }
  getUrl(): string {
    this.tick('getUrl');
    return `https://docs.google.com/spreadsheets/d/${encodeURIComponent(this.ctx.model.id)}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    this.tick('getSpreadsheetTimeZone');
    return this.ctx.model.timeZone;
  }
  /**
   * Sheets keeps a date cell's serial number when the time zone changes, so the wall-clock
   * reading stays and the instant moves; the model stores instants, so they are re-zoned.
   */
  setSpreadsheetTimeZone(timezone: string): void {
    this.tick('setSpreadsheetTimeZone');
    const next = String(timezone);
    if (!IANAZone.isValidZone(next)) fail(`Invalid argument: timezone`);
    const previous = this.ctx.model.timeZone;
    if (previous === next) return;
    for (const sheet of this.ctx.model.sheets) {
      for (const row of sheet.rows) {
        for (const cell of row ?? []) {
          if (cell && isDate(cell.value)) cell.value = rezoneDate(cell.value, previous, next);
        }
      }
    }
    this.ctx.model.timeZone = next;
  }
  getSpreadsheetLocale(): string {
    this.tick('getSpreadsheetLocale');
    return this.ctx.model.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this.tick('setSpreadsheetLocale');
    this.ctx.model.locale = String(locale);
  }

  // ---- sheets -----------------------------------------------------------------------------

  getSheets(): Sheet[] {
    this.tick('getSheets');
    return this.ctx.model.sheets.map((s) => new Sheet(this.ctx, s));
  }
  getNumSheets(): number {
    this.tick('getNumSheets');
    return this.ctx.model.sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    this.tick('getSheetByName');
    const sheet = this.ctx.model.sheets.find((s) => s.name === String(name));
    return sheet ? new Sheet(this.ctx, sheet) : null;
  }
  getSheetById(id: number): Sheet | null {
    this.tick('getSheetById');
    const sheet = this.ctx.model.sheets.find((s) => s.sheetId === Number(id));
    return sheet ? new Sheet(this.ctx, sheet) : null;
  }
  /** insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index); index is 0-based. The new sheet becomes active. */
  insertSheet(nameOrIndex?: string | number, index?: number): Sheet {
    this.tick('insertSheet');
    const sheets = this.ctx.model.sheets;
    let name: string;
    let at = sheets.length;
    if (typeof nameOrIndex === 'number') {
      at = nameOrIndex;
      name = this.defaultSheetName();
    } else {
      name = nameOrIndex === undefined ? this.defaultSheetName() : String(nameOrIndex);
      if (index !== undefined) at = index;
    }
    if (sheets.some((s) => s.name === name)) fail(sheetNameTaken(name));
    at = Math.max(0, Math.min(sheets.length, Math.trunc(Number(at))));
    const sheetId = sheets.reduce((max, s) => Math.max(max, s.sheetId), -1) + 1;
    const model: SheetModel = newSheetModel(name, sheetId);
    sheets.splice(at, 0, model);
    this.ctx.activeSheet = model;
    return new Sheet(this.ctx, model);
  }
  private defaultSheetName(): string {
    const base = this.ctx.model.locale.startsWith('zh') ? '工作表' : 'Sheet';
    let n = this.ctx.model.sheets.length + 1;
    while (this.ctx.model.sheets.some((s) => s.name === `${base}${n}`)) n++;
    return `${base}${n}`;
  }
  deleteSheet(sheet: Sheet): void {
    this.tick('deleteSheet');
    if (!(sheet instanceof Sheet)) fail("The parameters don't match the method signature for SpreadsheetApp.Spreadsheet.deleteSheet.");
    const sheets = this.ctx.model.sheets;
    const i = sheets.indexOf(sheet.sheetModel);
    if (i < 0) fail(MSG.rangeNotFound);
    if (sheets.length === 1) fail(MSG.removeAllSheets);
    sheets.splice(i, 1);
    forgetSheetInCharts(this.ctx.model, sheet.sheetModel);
    if (this.ctx.activeSheet === sheet.sheetModel) this.ctx.activeSheet = sheets[0];
  }
  getActiveSheet(): Sheet {
    this.tick('getActiveSheet');
    return new Sheet(this.ctx, activeSheetOf(this.ctx));
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this.tick('setActiveSheet');
    this.ctx.activeSheet = sheet.sheetModel;
    return sheet;
  }
  /** 'Sheet!A1:B2' on the named sheet, or A1 notation on the active sheet. */
  getRange(a1Notation: string): Range {
    this.tick('getRange');
    return rangeFromA1(this.ctx, activeSheetOf(this.ctx), a1Notation);
  }
  getActiveRange(): Range {
    this.tick('getActiveRange');
    return activeRange(this.ctx);
  }

  // ---- developer metadata -----------------------------------------------------------------

  /** (key), (key, value), (key, visibility), (key, value, visibility), on the top-level spreadsheet. */
  addDeveloperMetadata(...args: unknown[]): Spreadsheet {
    this.tick('addDeveloperMetadata');
    addDeveloperMetadata(this.ctx, args, 'Spreadsheet.addDeveloperMetadata', null);
    return this;
  }
  /** The top-level spreadsheet's metadata only. */
  getDeveloperMetadata(): DeveloperMetadata[] {
    this.tick('getDeveloperMetadata');
    return spreadsheetMetadata(this.ctx);
  }
  /** Searches everything: the spreadsheet, its sheets, rows and columns. */
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    this.tick('createDeveloperMetadataFinder');
    return newSpreadsheetFinder(this.ctx);
  }

  // ---- people -----------------------------------------------------------------------------

  toast(msg: unknown, title?: unknown, _timeoutSeconds?: number): void {
    this.tick('toast');
    const text = String(msg);
    this.ctx.ui.toasts.push(title === undefined || title === null || title === '' ? text : `${String(title)}: ${text}`);
  }
  getOwner(): User {
    this.tick('getOwner');
    return new User(this.ctx, this.ctx.userEmail);
  }
  getEditors(): User[] {
    this.tick('getEditors');
    return [new User(this.ctx, this.ctx.userEmail)];
  }
}
registerHolder('Spreadsheet', Spreadsheet);
