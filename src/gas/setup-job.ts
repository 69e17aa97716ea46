/**
 * `setup`: creates what is missing and repairs what is broken, never touching existing rows.
 * Safe to run any number of times: a second run finds nothing to do.
 */

import { parseHolidayRows, shippedHolidayEntries, WorkCalendar } from '../core/calendar/calendar';
import { ymdFromDay } from '../core/calendar/day';
import { unitHeaders } from '../core/directory/units';
import { fieldLabel, type PersonField, SCRIPT_FIELDS } from '../core/ledger/columns';
import { describeLedgerChoice } from '../core/ledger/ledger-sheet';
import { statusWordsFor } from '../core/ledger/status';
import { DEFAULT_FONT_PT, fitWidth } from '../core/presentation/column-widths';
import { describeProblem } from '../core/problems/problem';
import { missingRuleRows, ruleRows } from '../core/scores/rules';
import { type SettingKey, settingCell, settingRows } from '../core/settings/settings';
import { missingHolidayRows, missingSettingRows, missingUnitHeaders, staleSettingHelp, yearOfCell } from '../core/setup/setup-plan';
import { cellText } from '../core/text/text';
import { openAssessment } from './assessment-sheet';
import { applyColourRules, paintLegend } from './colours';
import { sendInspectorLinks, setUpInspectors } from './inspectors-sheet';
import { markSheet, type SheetRole } from './marks';
import { openLog } from './notice-log';
import { emptyResult, failed, type JobResult } from './result';
import { formatScriptColumns } from './script-columns';
import { addScriptColumns, readTaskLedger } from './task-sheet';
import { ensureSecret, webappUrl } from './webapp/links';
import { ensurePhotoFolder } from './webapp/photos';
import { ensureScriptSheet, noTaskSheet, openWorkbook, type Workbook } from './workbook';
import { contiguousRuns } from './write-back';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The columns of a ledger setup creates from nothing, in this order. */
const NEW_LEDGER_FIELDS: PersonField[] = [
  'id',
  'task',
  'unit',
  'person',
  'leader',
  'issued',
  'deadline',
  'extendedTo',
  'extensionApproved',
  'status',
  'progress',
  'completed',
  'remark',
];

function writeRows(sheet: Sheet, startRow: number, rows: unknown[][]): void {
  if (rows.length === 0) return;
  const width = Math.max(...rows.map((r) => r.length));
  const block = rows.map((r) => [...r, ...Array<unknown>(width - r.length).fill('')]);
  // Text stays text: a value starting with '=' typed into the settings must not become a formula.
  sheet.getRange(startRow, 1, block.length, width).setNumberFormat('@').setValues(block);
}

function setUpSettings(wb: Workbook, changes: string[]): void {
  const { t, settings } = wb;
  const { found, created } = ensureScriptSheet(wb, 'settings', changes);
  const { sheet, values } = found;
  markIfUnmarked(wb, 'settings', sheet);
  const rows = created ? settingRows(t, settings.locale) : missingSettingRows(values, settings.locale);
  if (!created) refreshSettingHelp(wb, sheet, values, changes);
  if (rows.length === 0) {
    paintLegend(sheet);
    return;
  }
  writeRows(sheet, values.length + 1, rows);
  if (!created) changes.push(t('setup.addedRows', { sheet: sheet.getName(), count: rows.length }));
  sheet.setFrozenRows(1);
  sheet.getRange(1, 1, 1, 3).setFontWeight('bold');
  sheet.setColumnWidth(1, 160);
  sheet.setColumnWidth(2, 160);
  sheet.setColumnWidth(3, 480);
  // The explanations are sentences a person must read whole.
  sheet.getRange(1, 3, values.length + rows.length, 1).setWrap(true);
  paintLegend(sheet);
}

/** Rewrites explanations that no longer say what their setting does (one write per run of rows). */
function refreshSettingHelp(wb: Workbook, sheet: Sheet, values: unknown[][], changes: string[]): void {
  const stale = staleSettingHelp(values, wb.settings.locale);
  if (stale.length === 0) return;
  const column = stale[0]!.column;
  const byRow = new Map(stale.map((s) => [s.row, s.text] as const));
  for (const [r0, r1] of contiguousRuns([...byRow.keys()])) {
    const block = Array.from({ length: r1 - r0 + 1 }, (_, i) => [byRow.get(r0 + i)!]);
    sheet
      .getRange(r0 + 1, column + 1, block.length, 1)
      .setNumberFormat('@')
      .setValues(block);
  }
  changes.push(wb.t('setup.updatedHelp', { sheet: sheet.getName(), count: stale.length }));
}

function setUpUnits(wb: Workbook, changes: string[], warnings: string[]): Sheet {
  const { t } = wb;
  const { found, created } = ensureScriptSheet(wb, 'units', changes, wb.settings.unitSheet || t('sheet.units'));
  const { sheet, values } = found;
  const missing = created ? unitHeaders(t) : missingUnitHeaders(values, wb.settings.locale);
  // The office's own directory (named in 设置) is read, never written: what it lacks is said.
  if (!found.ours) {
    if (missing.length > 0) warnings.push(t('setup.directoryLacks', { sheet: sheet.getName(), columns: missing.join('、') }));
    return sheet;
  }
  if (missing.length > 0) {
    const at = created ? 1 : Math.max(1, (values[0] ?? []).length + 1);
    sheet.getRange(1, at, 1, missing.length).setValues([missing]).setFontWeight('bold');
    sheet.setFrozenRows(1);
    if (!created) changes.push(t('setup.addedColumns', { sheet: sheet.getName(), columns: missing.join('、') }));
  }
  return sheet;
}

function setUpHolidays(wb: Workbook, changes: string[], warnings: string[]): void {
  const { t, clock } = wb;
  const { found, created } = ensureScriptSheet(wb, 'holidays', changes);
  const { sheet, values } = found;
  markIfUnmarked(wb, 'holidays', sheet);
  const year = ymdFromDay(clock.today).year;
  const rows = missingHolidayRows(
    values,
    [year, year + 1],
    shippedHolidayEntries(),
    (v) => yearOfCell(v, (d) => ymdFromDay(clock.toDay(d)).year),
    { holiday: t('holidaykind.holiday'), workday: t('holidaykind.workday') },
  );
  const block = created ? [[t('holidaycol.date'), t('holidaycol.kind'), t('holidaycol.name')], ...rows] : rows;
  if (block.length > 0) {
    writeRows(sheet, values.length + 1, block);
    if (created) {
      sheet.setFrozenRows(1);
      sheet.getRange(1, 1, 1, 3).setFontWeight('bold');
    } else {
      changes.push(t('setup.addedRows', { sheet: sheet.getName(), count: rows.length }));
    }
  }
  widenToFit(sheet, [...values, ...block], created);
  // A year the shipped data does not have yet (the State Council publishes it each November)
  // is the office's to add: say which.
  const inSheet = parseHolidayRows([...values, ...block], clock.toDay).entries;
  const calendar = new WorkCalendar([...shippedHolidayEntries(), ...inSheet]);
  for (const y of [year, year + 1]) {
    if (!calendar.covers(y)) warnings.push(t('holiday.missingYear', { year: y }));
  }
}

/**
 * Widens the 节假日 sheet's columns to show what they hold (a cut date reads as another day).
 * Only widens, except on a sheet just created: a width a person chose is theirs.
 */
function widenToFit(sheet: Sheet, rows: unknown[][], created: boolean): void {
  // A date cell shows as yyyy-mm-dd, whatever its Date's String() says.
  const shown = (v: unknown): string => (Object.prototype.toString.call(v) === '[object Date]' ? '0000-00-00' : cellText(v));
  for (let c = 0; c < 3; c++) {
    // Measured as bold: the header row is, and a few pixels spare cost nothing.
    const width = fitWidth(
      rows.map((r) => shown(r?.[c])),
      DEFAULT_FONT_PT,
      true,
    );
    if (created || sheet.getColumnWidth(c + 1) < width) sheet.setColumnWidth(c + 1, width);
  }
}

/**
 * The task sheet setup works on: found by mark or name; else the office's ledger found by its
 * header, taken, said and recorded in 设置 (so later runs find it by name); else, in a workbook
 * where no sheet holds anything yet, a new 任务台账. Otherwise why none was taken (the sheets
 * looked at and the columns looked for, or the two that tie): an empty ledger beside the
 * office's real one would make every sweep report 0 tasks and nothing wrong.
 */
function taskSheetToSetUp(wb: Workbook, changes: string[]): { sheet: Sheet; created: boolean } | { problem: string } {
  const { t, settings } = wb;
  const { sheet, choice } = wb.taskSheetFound();
  if (sheet) {
    if (choice?.kind === 'chosen') {
      recordSetting(wb, 'taskSheet', sheet.getName());
      changes.push(describeLedgerChoice(choice, settings.taskSheet, settings.locale));
    }
    return { sheet, created: false };
  }
  if (choice && !(choice.kind === 'none' && choice.blank)) return { problem: noTaskSheet(wb) };
  const created = wb.ss.insertSheet(settings.taskSheet);
  markSheet(created, 'tasks');
  wb.adopt('tasks', created);
  changes.push(t('setup.created', { sheet: settings.taskSheet }));
  const headers = NEW_LEDGER_FIELDS.map((f) => fieldLabel(f, settings.locale));
  created.getRange(1, 1, 1, headers.length).setValues([headers]).setFontWeight('bold');
  return { sheet: created, created: true };
}

/** Writes a setting's value in the script's 设置 sheet (a decision setup took for the office), as text. */
function recordSetting(wb: Workbook, key: SettingKey, text: string): void {
  const found = wb.sheetFor('settings');
  if (!found?.ours) return;
  const cell = settingCell(found.sheet.getDataRange().getValues(), key);
  if (cell)
    found.sheet
      .getRange(cell.row + 1, cell.column + 1)
      .setNumberFormat('@')
      .setValue(text);
}

/** Returns why the task sheet could not be set up, or undefined when it was. */
function setUpTasks(wb: Workbook, unitSheet: Sheet, changes: string[]): string | undefined {
  const { t, settings } = wb;
  const found = taskSheetToSetUp(wb, changes);
  if ('problem' in found) return found.problem;
  const { sheet, created } = found;
  // Setup decides no row: it reads the ledger for its header and columns.
  const read = readTaskLedger(wb, sheet, { onlyRows: new Set<number>() });
  if (!read.ok) return t('setup.headerProblem', { sheet: sheet.getName(), reason: read.reason });
  const plan = read.ledger;
  // Duban's columns found again after a tool dropped their marks: marked by the read, said here.
  if (plan.adoption) changes.push(describeProblem(plan.adoption.warning, t));
  if (plan.addHeaders.length > 0) {
    addScriptColumns(sheet, plan);
    if (!created) changes.push(t('setup.addedColumns', { sheet: sheet.getName(), columns: plan.addHeaders.map((h) => h.text).join('、') }));
  } else {
    formatScriptColumns(sheet, plan);
  }
  if (sheet.getFrozenRows() < plan.headerRow + 1) sheet.setFrozenRows(plan.headerRow + 1);

  const firstData = plan.headerRow + 2;
  const height = Math.max(1, sheet.getMaxRows() - firstData + 1);
  const { columns } = plan;
  // Drop-downs warn rather than reject: old ledgers hold words like 已整改 that still mean something.
  if (columns.status !== undefined) {
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(statusWordsFor(settings.closedStatuses), true)
      .setAllowInvalid(true)
      .build();
    sheet.getRange(firstData, columns.status + 1, height, 1).setDataValidation(rule);
  }
  if (columns.unit !== undefined) {
    const source = unitSheet.getRange(2, 1, Math.max(1, unitSheet.getMaxRows() - 1), 1);
    const rule = SpreadsheetApp.newDataValidation().requireValueInRange(source, true).setAllowInvalid(true).build();
    sheet.getRange(firstData, columns.unit + 1, height, 1).setDataValidation(rule);
  }

  // The script's columns carry a warning, not a lock: an admin can still fix a cell by hand.
  const description = t('setup.protection');
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (p.getDescription() === description) p.remove();
  }
  const scriptColumns = SCRIPT_FIELDS.map((f) => columns[f]).filter((c): c is number => c !== undefined);
  for (const [c0, c1] of contiguousRuns(scriptColumns)) {
    sheet
      .getRange(plan.headerRow + 1, c0 + 1, height + 1, c1 - c0 + 1)
      .protect()
      .setDescription(description)
      .setWarningOnly(true);
  }
  const lastColumn = Math.max(...Object.values(columns).filter((c): c is number => c !== undefined));
  applyColourRules(sheet, columns.state!, plan.headerRow, lastColumn, settings.colors, t);
  return undefined;
}

/** 计分规则: every rule with its points and what it does; rules added in a later version are appended. */
function setUpRules(wb: Workbook, changes: string[]): void {
  const { t } = wb;
  const { found, created } = ensureScriptSheet(wb, 'rules', changes);
  const { sheet, values } = found;
  const rows = created || values.length === 0 ? ruleRows(t) : missingRuleRows(values, t);
  if (rows.length === 0) return;
  const at = created || values.length === 0 ? 1 : values.length + 1;
  const range = sheet.getRange(at, 1, rows.length, 3);
  range.setNumberFormats(rows.map((r) => ['@', typeof r[1] === 'number' ? '0.##' : '@', '@']));
  range
    .setValues(rows.map((r) => [r[0] ?? '', r[1] ?? '', r[2] ?? '']))
    .setWrap(true)
    .setVerticalAlignment('top');
  if (at === 1) {
    sheet.getRange(1, 1, 1, 3).setFontWeight('bold');
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(1, 160);
    sheet.setColumnWidth(2, 70);
    sheet.setColumnWidth(3, 520);
  } else {
    changes.push(t('setup.addedRows', { sheet: sheet.getName(), count: rows.length }));
  }
}

/** A sheet of the script's kind set up before marks existed (known by its header row) gets its mark now. */
function markIfUnmarked(wb: Workbook, role: SheetRole, sheet: Sheet): void {
  if (wb.marked[role] === sheet) return;
  markSheet(sheet, role);
  wb.marked[role] = sheet;
}

export function setUpWorkbook(now: Date): JobResult {
  const result = emptyResult('setup');
  const wb = openWorkbook(now);
  const changes: string[] = [];
  setUpSettings(wb, changes);
  const notices: string[] = [];
  const unitSheet = setUpUnits(wb, changes, notices);
  setUpHolidays(wb, changes, notices);
  const problem = setUpTasks(wb, unitSheet, changes);
  openLog(wb, changes);
  setUpRules(wb, changes);
  // 季度测评, so the office has where to type its 实地测评 and 问卷 before the quarter is published.
  openAssessment(wb, changes);
  // The web app's signing secret, in script properties (never in the sheet): nothing the office
  // sees, so not listed among the changes.
  ensureSecret();
  // 照片文件夹: where the units' and inspectors' photos go (issue 16).
  const folder = ensurePhotoFolder(wb.settings.photoFolder, (name) => wb.t('setup.photoFolder', { name }));
  if (folder) changes.push(folder);
  // 督查员, and their links when the web app is deployed (else the menu item sends them later).
  setUpInspectors(wb, changes);
  if (webappUrl()) changes.push(sendInspectorLinks(wb, now, result));
  result.counts = { changes: changes.length, sheets: wb.sheets.length };
  result.warnings.push(...changes, ...notices);
  // A task sheet that could not be set up is the news, whatever else was created: saying
  // "nothing to repair" then would send the office away from a ledger that needs them.
  if (problem !== undefined) return failed(result, problem);
  result.message = changes.length > 0 ? wb.t('setup.done', { changes: changes.join('；') }) : wb.t('setup.nothing');
  return result;
}
