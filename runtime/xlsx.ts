/**
 * The local runtime's bridge between .xlsx files and the in-memory WorkbookModel.
 * Dates: an xlsx serial is a wall-clock time; the model holds the instant that the workbook's
 * time zone shows as that wall clock (see runtime/xlsx/dates.ts).
 */

export { buildWorkbook } from './xlsx/export.js';
export { WorkbookFormatError } from './xlsx/format.js';
export { type ImportOptions, importXlsx } from './xlsx/import.js';
export { sourceWorkbookOf } from './xlsx/origin.js';
export { exportXlsx, exportXlsxBuffer, workbookFor } from './xlsx/write.js';
