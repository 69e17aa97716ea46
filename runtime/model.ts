/**
 * The in-memory workbook that the local Apps Script runtime serves.
 *
 * This is plain data, shared by three parties that must agree on it:
 * - runtime/spreadsheet/ serves it through the SpreadsheetApp API (1-based, Google's semantics);
 * - runtime/xlsx.ts imports an .xlsx workbook into it and exports it back;
 * - tests and the local runner inspect it.
 *
 * Indexes here are 0-based (row 0 is the sheet's row 1); the SpreadsheetApp layer converts.
 */

/** A cell's value as Apps Script's getValues() would give it: '' for blank. */
export type CellValue = string | number | boolean | Date;

/**
 * Formatting that Sheets keeps per cell. Absent fields mean the sheet default.
 * Cells may share one CellFormat object (the SpreadsheetApp layer writes copy-on-write): replace a
 * cell's format, never mutate it in place.
 */
export interface CellFormat {
  /** Fill as '#rrggbb' (lower case); absent or null for none (Apps Script reports '#ffffff'). */
  background?: string | null;
  /** Font colour as '#rrggbb'. */
  fontColor?: string;
  fontWeight?: 'bold' | 'normal';
  fontStyle?: 'italic' | 'normal';
  fontSize?: number;
  fontFamily?: string;
  /** Sheets number format pattern, e.g. 'yyyy-mm-dd', '0.00', '@' (plain text). */
  numberFormat?: string;
  horizontalAlignment?: 'left' | 'center' | 'right' | 'general';
  verticalAlignment?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  /** Borders as Range.setBorder sets them (Apps Script has no getter); kept so an .xlsx keeps its grid lines. */
  borders?: CellBorders;
}

/** One side of a cell border; style names follow SpreadsheetApp.BorderStyle, colour is '#rrggbb' (absent: black). */
export interface BorderSide {
  style: 'DOTTED' | 'DASHED' | 'SOLID' | 'SOLID_MEDIUM' | 'SOLID_THICK' | 'DOUBLE';
  color?: string;
}

export interface CellBorders {
  top?: BorderSide;
  bottom?: BorderSide;
  left?: BorderSide;
  right?: BorderSide;
}

export interface DataValidationModel {
  /** 'list': explicit values; 'listFromRange': values of an A1 range (may name a sheet). */
  kind: 'list' | 'listFromRange' | 'date' | 'number' | 'checkbox' | 'custom';
  values?: string[];
  /** For listFromRange: A1 notation with sheet, e.g. "'责任单位'!A2:A200". For custom: the formula. */
  source?: string;
  showDropdown?: boolean;
  /** false: reject invalid input; true: show a warning only. */
  allowInvalid: boolean;
  helpText?: string;
}

export interface Cell {
  value: CellValue;
  /** A formula as typed, starting with '='. The runtime does not evaluate formulas; value holds the cached result. */
  formula?: string;
  format?: CellFormat;
  note?: string;
  validation?: DataValidationModel;
}

/** A rectangle on a sheet, 0-based, end-exclusive. */
export interface GridRange {
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

export interface ConditionalFormatModel {
  ranges: GridRange[];
  /** 'formula': a custom formula such as =$K2="逾期"; 'textEqual': cell text equals value. */
  condition:
    | { type: 'formula'; formula: string }
    | { type: 'textEqual'; value: string }
    | { type: 'textContains'; value: string }
    | { type: 'cellEmpty' }
    | { type: 'cellNotEmpty' };
  format: { background?: string; fontColor?: string; bold?: boolean; italic?: boolean; strikethrough?: boolean };
}

export interface ProtectionModel {
  type: 'RANGE' | 'SHEET';
  range?: GridRange;
  description: string;
  /** Apps Script's setWarningOnly(true): edits allowed after a warning. */
  warningOnly: boolean;
  /** For a SHEET protection: ranges left editable (Protection.setUnprotectedRanges). */
  unprotectedRanges?: GridRange[];
}

export interface SheetModel {
  name: string;
  sheetId: number;
  /** rows[r][c]; missing rows/cells are blank. Never longer than maxRows x maxColumns. */
  rows: (Cell | undefined)[][];
  /** The grid size (Sheets has a grid bigger than the data: new sheets are 1000 x 26). */
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  merges: GridRange[];
  conditionalFormats: ConditionalFormatModel[];
  protections: ProtectionModel[];
  /** Column widths in pixels by 0-based column index. */
  columnWidths: Record<number, number>;
  /** Row heights in pixels by 0-based row index, for rows whose height was set (absent: the default 21 px). */
  rowHeights?: Record<number, number>;
  /** Rows a person (or Sheet.hideRows) hid, 0-based; absent: none. Rows hidden by a filter are not here. */
  hiddenRows?: Set<number>;
  /** Columns hidden (Sheet.hideColumns), 0-based; absent: none. */
  hiddenColumns?: Set<number>;
  hidden?: boolean;
  /** Sheet.setHiddenGridlines(true): the grid lines are not drawn (a page to print). */
  hideGridlines?: boolean;
  tabColor?: string;
  /** Developer metadata on this sheet or on one of its rows or columns (absent: none). */
  developerMetadata?: SheetDeveloperMetadataModel[];
  /** Charts floating over this sheet (Sheet.insertChart), in insertion order (absent: none). */
  charts?: ChartModel[];
}

/** Charts.ChartType names (https://developers.google.com/apps-script/reference/charts/chart-type). */
export const CHART_TYPES = [
  'TIMELINE',
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TREEMAP',
  'WATERFALL',
] as const;
export type ChartTypeName = (typeof CHART_TYPES)[number];

/** A chart option's value as setOption keeps it: plain data (JSON-like), copied on the way in and out. */
export type ChartOptionValue = string | number | boolean | null | ChartOptionValue[] | { [key: string]: ChartOptionValue };

/**
 * An embedded chart (Apps Script's EmbeddedChart), as Sheet.insertChart leaves it on its sheet.
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart
 */
export interface ChartModel {
  /** EmbeddedChart.getChartId(): positive, unique in the spreadsheet. */
  chartId: number;
  type: ChartTypeName;
  /** The data ranges in the order added; each on the sheet with that sheetId (not always the chart's own). */
  ranges: { sheetId: number; range: GridRange }[];
  /**
   * Where the chart's top-left corner sits: a cell (0-based) and an offset from that cell's
   * top-left corner in pixels (EmbeddedChartBuilder.setPosition; ContainerInfo).
   */
  anchor: { row: number; column: number; offsetX: number; offsetY: number };
  /**
   * The options set, nested as Google Charts reads them: setOption('hAxis.title', 'x') and
   * setOption('hAxis', { title: 'x' }) both give { hAxis: { title: 'x' } }. 'width' and 'height'
   * (pixels) size the chart.
   */
  options: { [key: string]: ChartOptionValue };
  /** Rows (or columns, when transposed) of each range that are headers; -1 when unset (Sheets guesses). */
  numHeaders: number;
  mergeStrategy: 'MERGE_COLUMNS' | 'MERGE_ROWS';
  hiddenDimensionStrategy: 'IGNORE_BOTH' | 'IGNORE_ROWS' | 'IGNORE_COLUMNS' | 'SHOW_BOTH';
  transposeRowsAndColumns: boolean;
}

/**
 * Developer metadata (Apps Script's DeveloperMetadata): a key, an optional value, and a visibility,
 * attached to the spreadsheet, a sheet, or one whole row or column, which it follows when lines are
 * inserted or deleted before it and with which it is deleted.
 * https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata
 */
export interface DeveloperMetadataModel {
  /** Unique in the spreadsheet, positive (DeveloperMetadata.getId()). */
  id: number;
  key: string;
  /** null when the metadata has no value (getValue() returns null). */
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
}

/** Where on its sheet an item sits: the sheet itself, or one row or column (0-based index). */
export type SheetMetadataLocation = { type: 'SHEET' } | { type: 'ROW' | 'COLUMN'; index: number };

export interface SheetDeveloperMetadataModel extends DeveloperMetadataModel {
  location: SheetMetadataLocation;
}

export interface WorkbookModel {
  id: string;
  name: string;
  /** The spreadsheet's time zone (File > Settings), e.g. 'Asia/Shanghai'. Date cells are midnight in this zone. */
  timeZone: string;
  locale: string;
  sheets: SheetModel[];
  /** Developer metadata on the top-level spreadsheet (absent: none); a sheet's own is on its SheetModel. */
  developerMetadata?: DeveloperMetadataModel[];
  /** PropertiesService's document properties, kept with the file (an .xlsx's docProps/custom.xml). */
  documentProperties?: Record<string, string>;
}

/** A row or column insertion or deletion on a sheet, 0-based, as the runtime made it. */
export interface StructuralEdit {
  dimension: 'rows' | 'columns';
  kind: 'insert' | 'delete';
  at: number;
  count: number;
}

/**
 * Each sheet's insertions and deletions since the workbook was imported (or last exported), in
 * order: the .xlsx export replays them on the file it read, so what sits beside the cells
 * (hidden rows, outlines, images, autofilters, defined names) moves as the cells did. Kept
 * outside the sheet so that the model stays plain data that tests compare as a whole.
 */
const structuralEdits = new WeakMap<SheetModel, StructuralEdit[]>();

export function recordStructuralEdit(sheet: SheetModel, edit: StructuralEdit): void {
  const list = structuralEdits.get(sheet);
  if (list) list.push(edit);
  else structuralEdits.set(sheet, [edit]);
}

export function structuralEditsOf(sheet: SheetModel): readonly StructuralEdit[] {
  return structuralEdits.get(sheet) ?? [];
}

export function clearStructuralEdits(sheet: SheetModel): void {
  structuralEdits.delete(sheet);
}

export function newSheetModel(name: string, sheetId: number, maxRows = 1000, maxColumns = 26): SheetModel {
  return {
    name,
    sheetId,
    rows: [],
    maxRows,
    maxColumns,
    frozenRows: 0,
    frozenColumns: 0,
    merges: [],
    conditionalFormats: [],
    protections: [],
    columnWidths: {},
  };
}

export function newWorkbookModel(name: string, timeZone = 'Asia/Shanghai', locale = 'zh_CN'): WorkbookModel {
  return { id: `local-${name}`, name, timeZone, locale, sheets: [] };
}

/** A mail that MailApp accepted, as the runtime keeps it (and writes it out as .eml). */
export interface SentMail {
  to: string;
  cc?: string;
  bcc?: string;
  replyTo?: string;
  /** Sender display name (MailApp's `name` option). */
  name?: string;
  /** The sending account (Session.getEffectiveUser()). */
  from: string;
  subject: string;
  body: string;
  htmlBody?: string;
  sentAt: Date;
}
