/** Writing values into cells the way Sheets stores them, and refusing what a strict validation rejects. */
import type { Cell, CellValue, DataValidationModel, SheetModel } from '../model.js';
import { formatA1, parseA1 } from './a1.js';
import type { RuntimeContext } from './context.js';
import { AUTOMATIC_FORMAT, defaultDateTimeFormat, displayText } from './display.js';
import { fail, validationViolated } from './errors.js';
import { cellAt, ensureCell } from './grid.js';
import { isDate, type StoredInput, storedInput } from './values.js';

export function isPlainText(cell: Cell | undefined): boolean {
  return cell?.format?.numberFormat === '@';
}

export function storeInto(ctx: RuntimeContext, sheet: SheetModel, r: number, c: number, stored: StoredInput): void {
  const cell = ensureCell(sheet, r, c);
  cell.value = stored.value;
  if (stored.formula !== undefined) cell.formula = stored.formula;
  else delete cell.formula;
  const current = cell.format?.numberFormat;
  const unformatted = current === undefined || current === '' || current === AUTOMATIC_FORMAT;
  if (unformatted && stored.impliedFormat) {
    cell.format = { ...cell.format, numberFormat: stored.impliedFormat };
  } else if (unformatted && isDate(stored.value)) {
    cell.format = { ...cell.format, numberFormat: defaultDateTimeFormat(ctx.model.locale) };
  }
}

/** Reads what a listFromRange validation offers: the display texts of its source range. */
function listFromRange(ctx: RuntimeContext, source: string): string[] {
  const parsed = parseA1(source.replace(/^=/, ''));
  if (!parsed) return [];
  const sheet = parsed.sheetName === undefined ? ctx.model.sheets[0] : ctx.model.sheets.find((s) => s.name === parsed.sheetName);
  if (!sheet) return [];
  const r0 = (parsed.startRow ?? 1) - 1;
  const r1 = Math.min(parsed.endRow ?? sheet.maxRows, sheet.maxRows);
  const c0 = (parsed.startColumn ?? 1) - 1;
  const c1 = Math.min(parsed.endColumn ?? sheet.maxColumns, sheet.maxColumns);
  const out: string[] = [];
  for (let r = r0; r < r1; r++) {
    for (let c = c0; c < c1; c++) {
      const cell = cellAt(sheet, r, c);
      if (cell && cell.value !== '') out.push(displayText(cell.value, cell.format?.numberFormat, ctx.model.timeZone, ctx.model.locale));
    }
  }
  return out;
}

function plainTextOf(value: CellValue): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDate(value)) return value.toISOString();
  return String(value);
}

/** Whether a strict (reject-input) rule refuses this value. Custom formulas are not evaluated. */
export function rejects(ctx: RuntimeContext, rule: DataValidationModel | undefined, stored: StoredInput): boolean {
  if (!rule || rule.allowInvalid || stored.formula !== undefined) return false;
  const value = stored.value;
  if (value === '') return false;
  switch (rule.kind) {
    case 'list':
      return !(rule.values ?? []).includes(plainTextOf(value));
    case 'listFromRange':
      return !listFromRange(ctx, rule.source ?? '').includes(plainTextOf(value));
    case 'checkbox':
      return typeof value !== 'boolean';
    case 'date':
      return !isDate(value);
    case 'number':
      return typeof value !== 'number';
    case 'custom':
      return false;
  }
}

/** Text that Sheets keeps as typed: nothing in it could be a formula, number, boolean or date. */
const MAYBE_PARSED = /^[\d+\-.'=,%]|^(?:true|false)$/i;

/**
 * Writes a block of inputs at (r0, c0). Strings are parsed as typed text; a value a strict
 * validation rejects fails the whole write before any cell changes, as Sheets does.
 */
export function writeInputs(ctx: RuntimeContext, sheet: SheetModel, r0: number, c0: number, data: readonly (readonly unknown[])[]): void {
  const tz = ctx.model.timeZone;
  if (blockHasValidation(sheet, r0, c0, data)) {
    const stored = data.map((row, i) => row.map((input, j) => storedInput(input, tz, isPlainText(cellAt(sheet, r0 + i, c0 + j)))));
    for (let i = 0; i < stored.length; i++) {
      for (let j = 0; j < stored[i].length; j++) {
        const rule = cellAt(sheet, r0 + i, c0 + j)?.validation;
        if (rejects(ctx, rule, stored[i][j])) fail(validationViolated(formatA1(r0 + i + 1, c0 + j + 1, 1, 1)));
      }
    }
    for (let i = 0; i < stored.length; i++) {
      for (let j = 0; j < stored[i].length; j++) storeInto(ctx, sheet, r0 + i, c0 + j, stored[i][j]);
    }
    return;
  }
  // No rule to consult: write in one pass, with no intermediate object for plain values.
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    for (let j = 0; j < row.length; j++) {
      const input = row[j];
      if (typeof input === 'number' || typeof input === 'boolean' || (typeof input === 'string' && !MAYBE_PARSED.test(input))) {
        const cell = ensureCell(sheet, r0 + i, c0 + j);
        cell.value = input;
        if (cell.formula !== undefined) delete cell.formula;
      } else {
        storeInto(ctx, sheet, r0 + i, c0 + j, storedInput(input, tz, isPlainText(cellAt(sheet, r0 + i, c0 + j))));
      }
    }
  }
}

function blockHasValidation(sheet: SheetModel, r0: number, c0: number, data: readonly (readonly unknown[])[]): boolean {
  for (let i = 0; i < data.length; i++) {
    const row = sheet.rows[r0 + i] as (Cell | undefined)[] | undefined;
    if (!row) continue;
    const end = Math.min(row.length, c0 + data[i].length);
    for (let c = c0; c < end; c++) if (row[c]?.validation) return true;
  }
  return false;
}
