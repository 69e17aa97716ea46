/**
 * Opens the bound spreadsheet and reads what every job needs besides the task sheet:
 * settings, unit directory, holidays. One getValues per sheet; nothing is written here.
 */
import { shippedHolidayEntries, parseHolidayRows, WorkCalendar, type HolidayProblemCode } from '../core/calendar';
import { allTexts, translator, type MessageKey, type Translate } from '../core/i18n';
import type { Problem } from '../core/problem';
import type { SweepInput } from '../core/sweep';
import { parseSettings, DEFAULT_SETTINGS, type Settings } from '../core/settings';
import { parseUnits, type Unit } from '../core/units';
import { sheetClock, type SheetClock } from './time';
import { ymdFromDay, type Day } from '../core/day';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface Workbook {
  ss: Spreadsheet;
  sheets: Sheet[];
  settings: Settings;
  t: Translate;
  clock: SheetClock;
  units: Unit[];
  haveDirectory: boolean;
  calendar: WorkCalendar;
  /** Problems found in the settings, directory and holiday sheets. */
  problems: Problem[];
}

/**
 * A sheet by the name the settings give it, else by its name in any language the catalogue has
 * (a workbook set up in en keeps working in zh).
 */
export function findSheet(sheets: Sheet[], key: MessageKey, preferred?: string): Sheet | undefined {
  const names = sheets.map((s) => s.getName());
  const wanted = new Set(allTexts(key));
  const at = preferred ? names.indexOf(preferred) : -1;
  const index = at >= 0 ? at : names.findIndex((n) => wanted.has(n));
  return index >= 0 ? sheets[index] : undefined;
}

export function readAll(sheet: Sheet | undefined): unknown[][] {
  if (!sheet) return [];
  if (sheet.getLastRow() === 0) return [];
  return sheet.getDataRange().getValues();
}

function located(sheet: string, list: { row: number; column: number; message: string }[]): Problem[] {
  return list.map((p) => ({ sheet, row: p.row + 1, column: p.column + 1, message: p.message }));
}

export function openWorkbook(now: Date): Workbook {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheets = ss.getSheets();
  const clock = sheetClock(ss.getSpreadsheetTimeZone(), now);
  const problems: Problem[] = [];

  const settingsSheet = findSheet(sheets, 'sheet.settings');
  const parsed = settingsSheet ? parseSettings(readAll(settingsSheet)) : { settings: DEFAULT_SETTINGS, problems: [] };
  const settings = parsed.settings;
  const t = translator(settings.locale);
  if (settingsSheet) problems.push(...located(settingsSheet.getName(), parsed.problems));

  const unitSheet = findSheet(sheets, 'sheet.units', settings.unitSheet);
  const unitsParsed = unitSheet ? parseUnits(readAll(unitSheet), settings.locale) : { units: [], problems: [] };
  if (unitSheet) problems.push(...located(unitSheet.getName(), unitsParsed.problems));

  const holidaySheet = findSheet(sheets, 'sheet.holidays');
  let entries = shippedHolidayEntries();
  if (holidaySheet) {
    const rows = parseHolidayRows(readAll(holidaySheet), clock.toDay);
    // The office's sheet corrects and extends the shipped list: its entries win.
    entries = [...entries, ...rows.entries];
    problems.push(...located(holidaySheet.getName(), rows.problems.map((p) => ({ ...p, message: t(holidayProblemKey(p.message)) }))));
  }

  const calendar = new WorkCalendar(entries);
  // Without the year's holidays every working-day count is off around them: say so, once, where
  // the office can fix it.
  for (const y of yearsToCover(clock.today)) {
    if (!calendar.covers(y)) {
      problems.push({ sheet: holidaySheet?.getName() ?? t('sheet.holidays'), row: 0, column: 0, message: t('holiday.missingYear', { year: y }) });
    }
  }

  return {
    ss,
    sheets,
    settings,
    t,
    clock,
    units: unitsParsed.units,
    haveDirectory: unitSheet !== undefined && unitsParsed.units.length > 0,
    calendar,
    problems,
  };
}

function holidayProblemKey(code: HolidayProblemCode): MessageKey {
  return `holiday.${code}` as const;
}

/** The years whose holidays matter today: this one, and from December the next one too. */
export function yearsToCover(today: Day): number[] {
  const { year, month } = ymdFromDay(today);
  return month === 12 ? [year, year + 1] : [year];
}

/** What every evaluation of the task sheet takes from the workbook: settings, directory, calendar, today. */
export function ledgerContext(wb: Workbook): Pick<SweepInput, 'settings' | 'units' | 'haveDirectory' | 'calendar' | 'today' | 'toDay' | 't'> {
  return {
    settings: wb.settings,
    units: wb.units,
    haveDirectory: wb.haveDirectory,
    calendar: wb.calendar,
    today: wb.clock.today,
    toDay: wb.clock.toDay,
    t: wb.t,
  };
}

/**
 * The office's language alone, from the settings sheet: what onOpen and error messages need,
 * without reading the directory and holidays (onOpen runs at every opening of the sheet).
 */
export function officeTranslator(): Translate {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const settingsSheet = findSheet(ss.getSheets(), 'sheet.settings');
  const settings = settingsSheet ? parseSettings(readAll(settingsSheet)).settings : DEFAULT_SETTINGS;
  return translator(settings.locale);
}
