/**
 * The publication sheets (一月一公示, 一季一测评): the script's own, one per month or quarter,
 * each known by the mark it carries (key duban.publication, value the month or the quarter),
 * never by its name. Publishing a month again replaces that month's sheet in its place.
 */
import { sheetNamed, type Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The key marking a sheet as the script's publication of a month (its value) or a quarter. */
export const PUBLICATION_MARK = 'duban.publication';

/**
 * The key marking a sheet as the 问题清单 of a month (its value), the 附件 of that month's 通报
 * (issue 15): a key of its own, so that the month's publication is still the one sheet its mark names.
 */
export const PROBLEM_LIST_MARK = 'duban.problemList';

type Mark = GoogleAppsScript.Spreadsheet.DeveloperMetadata;

/** The marks of a month's (or a quarter's) publication, or with no `mark` every one of `key`: one finder call, whatever the workbook holds. */
export function publicationMarks(wb: Workbook, mark?: string, key = PUBLICATION_MARK): Mark[] {
  const finder = wb.ss.createDeveloperMetadataFinder().withKey(key);
  return (mark === undefined ? finder : finder.withValue(mark)).find();
}

/**
 * The sheet of a publication: the old one of the same month is replaced, in its place (or, for a
 * new one, right after `after` when given); an office sheet of that name is left alone.
 */
export function freshSheet(
  wb: Workbook,
  name: string,
  mark: string,
  changes: string[],
  key = PUBLICATION_MARK,
  after?: Sheet,
  /** Every mark of `key`, when the caller has just found them (one finder call saved). */
  known?: Mark[],
): Sheet {
  let index = after ? after.getIndex() : wb.sheets.length;
  const old = known ? known.filter((md) => md.getValue() === mark) : publicationMarks(wb, mark, key);
  for (const md of old) {
    const old = md.getLocation().getSheet();
    if (!old) continue;
    index = Math.min(index, old.getIndex() - 1);
    const id = old.getSheetId();
    wb.ss.deleteSheet(old);
    // The workbook's list holds its own handles on the sheets: the deleted one is found by id.
    const at = wb.sheets.findIndex((x) => x.getSheetId() === id);
    if (at >= 0) wb.sheets.splice(at, 1);
  }
  const taken = sheetNamed(wb.sheets, [name]) !== undefined;
  const own = taken ? wb.t('sheet.ownName', { name }) : name;
  if (taken) changes.push(wb.t('setup.nameTaken', { name, ours: own }));
  const sheet = wb.ss.insertSheet(own, Math.min(index, wb.sheets.length));
  sheet.addDeveloperMetadata(key, mark);
  wb.sheets.push(sheet);
  return sheet;
}
