/**
 * 督办记录's closed years archived (issue 17, part "archive"): the rows core/notices/archive.ts
 * lets go move to 督办记录（2025）, a sheet per year, Duban's own (marked duban.logArchive = the
 * year), which no later run reads for anything. Run by the sweep, under its lock, before the log
 * is parsed: the first sweep of a new year does it, later ones find nothing to move.
 *
 * Nothing lost, nothing counted twice: the archive is written first (rows it already holds, from
 * a run that stopped before the delete, are not written again); then the counter of numbered
 * rows is lowered (so the smaller log does not read as a loss); then the log is rewritten in one
 * write, its kept rows moved up and the rest blanked, and the blank tail deleted. The archive is
 * never read for counts, so a run stopped between the writes leaves the ladder as it was.
 */

import { planArchive } from '../core/notices/archive';
import { LOG_COLUMNS, LOG_FORMAT, logHeader, parseLog } from '../core/notices/log';
import { saveCounters } from './counters';
import { sheetNamed, type Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const ARCHIVE_MARK = 'duban.logArchive';

/** A row as a comparable text: Dates by their time, so a row already archived is known again. */
const rowId = (row: readonly unknown[]): string =>
  JSON.stringify(row.map((c) => (c instanceof Date ? c.getTime() : c === null || c === undefined ? '' : c)));

/** The year's archive sheet: Duban's by its mark; created (an office sheet of the name left alone, said in `notes`). */
function yearSheet(wb: Workbook, year: number, notes: string[]): { sheet: Sheet; values: unknown[][] } {
  const marks = wb.ss.createDeveloperMetadataFinder().withKey(ARCHIVE_MARK).withValue(String(year)).find();
  const marked = marks.map((md) => md.getLocation().getSheet()).find((s) => s !== null);
  if (marked) return { sheet: marked, values: marked.getLastRow() === 0 ? [] : marked.getDataRange().getValues() };
  const name = wb.t('sheet.logArchive', { year });
  const taken = sheetNamed(wb.sheets, [name]) !== undefined;
  const ownName = taken ? wb.t('sheet.ownName', { name }) : name;
  const sheet = wb.ss.insertSheet(ownName);
  sheet.addDeveloperMetadata(ARCHIVE_MARK, String(year));
  if (taken) notes.push(wb.t('setup.nameTaken', { name, ours: ownName }));
  return { sheet, values: [] };
}

/** Appends the rows the year's sheet does not hold yet (header first on a new sheet): a few calls. */
function writeYear(wb: Workbook, year: number, rows: unknown[][], width: number, notes: string[]): string {
  const { sheet, values } = yearSheet(wb, year, notes);
  const held = new Set(values.slice(1).map(rowId));
  const fresh = rows.filter((r) => !held.has(rowId(r)));
  const header = values.length === 0 ? [logHeader(wb.t).concat(Array(Math.max(0, width - LOG_COLUMNS.length)).fill(''))] : [];
  const block = [...header.map((h) => h.slice(0, width)), ...fresh];
  if (block.length > 0) {
    const at = Math.max(values.length, 0) + 1;
    const max = sheet.getMaxRows();
    if (at + block.length - 1 > max) sheet.insertRowsAfter(max, at + block.length - 1 - max);
    const range = sheet.getRange(at, 1, block.length, width);
    const formats = LOG_COLUMNS.map((c) => LOG_FORMAT[c]).concat(Array(Math.max(0, width - LOG_COLUMNS.length)).fill('@'));
    range.setNumberFormats(block.map((_, i) => (i < header.length ? formats.map(() => '@') : formats).slice(0, width)));
    range.setValues(block);
    if (header.length > 0) sheet.setFrozenRows(1);
  }
  return sheet.getName();
}

/**
 * Moves the log's closed years out, when there are any; returns what to tell the admin (one
 * line per year moved, and a sheet name taken by the office). The workbook's log is left as
 * the sheet now holds it, so the sweep reads on from there.
 */
export function archiveClosedYears(wb: Workbook): string[] {
  const found = wb.sheetFor('log');
  if (!found?.ours || found.values.length <= 1) return [];
  const { values, sheet } = found;
  const plan = planArchive(values.length, parseLog(values, wb.clock.toDay), wb.clock.today, wb.settings.dryRun);
  if (plan.moved.size === 0) return [];
  const width = values[0]!.length;
  const notes: string[] = [];
  const lines: string[] = [];
  for (const [year, rows] of plan.moved) {
    const name = writeYear(
      wb,
      year,
      rows.map((r) => values[r]!),
      width,
      notes,
    );
    lines.push(wb.t('archive.done', { year, count: rows.length, sheet: name }));
  }
  const kept = [values[0]!, ...plan.kept.map((r) => values[r]!)];
  saveCounters({ logRows: parseLog(kept, wb.clock.toDay).filter((e) => e.number !== '').length });
  const gone = values.length - kept.length;
  const blank = Array.from({ length: gone }, () => Array<unknown>(width).fill(''));
  sheet.getRange(2, 1, values.length - 1, width).setValues([...kept.slice(1), ...blank]);
  sheet.deleteRows(kept.length + 1, gone);
  values.splice(0, values.length, ...kept);
  return [...notes, ...lines];
}
