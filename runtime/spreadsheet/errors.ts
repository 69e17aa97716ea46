/**
 * The exact messages Apps Script's SpreadsheetApp throws, so a script under test fails (or
 * catches) the same way here as on Google's servers. Apps Script throws an Error named
 * 'Exception' whose message is the text below (the editor shows "Exception: …").
 *
 * Sources: the messages are the ones users report from real executions, e.g.
 * https://github.com/Elijas/auto-youtube-subscription-playlist-2/issues/99 ("The number of rows
 * in the range must be at least 1."), https://github.com/jamietr1/google-docs-writing-tracker/issues/17
 * ("Cell reference out of range" from Range.getCell), and the many public Apps Script test
 * doubles that copy them verbatim (setValues' "The data has X but the range has Y.", "Those rows
 * are out of bounds.", "Sorry, it is not possible to delete all non-frozen rows.", "The data you
 * entered in cell U2 violates the data validation rules set on this cell.").
 */
export const MSG = {
  startRowTooSmall: 'The starting row of the range is too small.',
  startColumnTooSmall: 'The starting column of the range is too small.',
  numRowsTooSmall: 'The number of rows in the range must be at least 1.',
  numColumnsTooSmall: 'The number of columns in the range must be at least 1.',
  outsideSheet: 'The coordinates of the range are outside the dimensions of the sheet.',
  rangeNotFound: 'Range not found',
  cellOutOfRange: 'Cell reference out of range',
  rowsOutOfBounds: 'Those rows are out of bounds.',
  columnsOutOfBounds: 'Those columns are out of bounds.',
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteAllColumns: 'Sorry, it is not possible to delete all non-frozen columns.',
  removeAllSheets: "You can't remove all the sheets in a document.",
  mergePartial: 'You must select all cells in a merged range to merge or unmerge them.',
} as const;

export function rowsMismatch(dataRows: number, rangeRows: number): string {
  return `The number of rows in the data does not match the number of rows in the range. The data has ${dataRows} but the range has ${rangeRows}.`;
}

export function columnsMismatch(dataColumns: number, rangeColumns: number): string {
  return `The number of columns in the data does not match the number of columns in the range. The data has ${dataColumns} but the range has ${rangeColumns}.`;
}

export function sheetNameTaken(name: string): string {
  return `A sheet with the name "${name}" already exists. Please enter another name.`;
}

export function validationViolated(a1: string): string {
  return `The data you entered in cell ${a1} violates the data validation rules set on this cell.`;
}

/** Apps Script's V8 errors from services print as "Exception: …", as the other services' do here. */
export function fail(message: string): never {
  const e = new Error(message);
  Object.defineProperty(e, 'name', { value: 'Exception', writable: true, configurable: true, enumerable: false });
  throw e;
}

/** setValues/setBackgrounds/...: the data must be exactly numRows x numColumns. */
export function checkDimensions(data: unknown, numRows: number, numColumns: number): unknown[][] {
  if (!Array.isArray(data)) fail(rowsMismatch(0, numRows));
  if (data.length !== numRows) fail(rowsMismatch(data.length, numRows));
  for (const row of data) {
    if (!Array.isArray(row)) fail(columnsMismatch(0, numColumns));
    if (row.length !== numColumns) fail(columnsMismatch(row.length, numColumns));
  }
  return data as unknown[][];
}
