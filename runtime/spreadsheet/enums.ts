/**
 * Apps Script enums are objects, compared by identity (`type == SpreadsheetApp.ProtectionType.SHEET`)
 * and printed by name (`String(SpreadsheetApp.ProtectionType.SHEET) === 'SHEET'`).
 */
import { CHART_TYPES } from '../model.js';
export class AppsEnum {
  constructor(
    private readonly enumName: string,
    private readonly key: string,
    private readonly index: number,
  ) {}
  name(): string {
    return this.key;
  }
  ordinal(): number {
    return this.index;
  }
  toString(): string {
    return this.key;
  }
  toJSON(): string {
    return this.key;
  }
  /** Which enum this value belongs to, for diagnostics only. */
  enumType(): string {
    return this.enumName;
  }
}

function makeEnum<K extends string>(enumName: string, keys: readonly K[]): Readonly<Record<K, AppsEnum>> {
  const out = {} as Record<K, AppsEnum>;
  keys.forEach((key, i) => {
    out[key] = new AppsEnum(enumName, key, i);
  });
  return Object.freeze(out);
}

export const ProtectionType = makeEnum('ProtectionType', ['RANGE', 'SHEET'] as const);
/** SpreadsheetApp.BorderStyle: the styles Range.setBorder takes. */
export const BorderStyle = makeEnum('BorderStyle', ['DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE'] as const);
export const DataValidationCriteria = makeEnum('DataValidationCriteria', [
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
] as const);
export const BooleanCriteria = makeEnum('BooleanCriteria', [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_ENDS_WITH',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'CUSTOM_FORMULA',
] as const);
export const ButtonSet = makeEnum('ButtonSet', ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const);
export const Button = makeEnum('Button', ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const);
export const Dimension = makeEnum('Dimension', ['COLUMNS', 'ROWS'] as const);
export const WrapStrategy = makeEnum('WrapStrategy', ['WRAP', 'OVERFLOW', 'CLIP'] as const);
export const AuthMode = makeEnum('AuthMode', ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
export const DeveloperMetadataLocationType = makeEnum('DeveloperMetadataLocationType', ['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'] as const);
export const DeveloperMetadataVisibility = makeEnum('DeveloperMetadataVisibility', ['DOCUMENT', 'PROJECT'] as const);

// The Charts service's enums (https://developers.google.com/apps-script/reference/charts), shared
// with SpreadsheetApp's chart builders so that `builder.getChartType() == Charts.ChartType.BAR`.
export const ChartType = makeEnum('ChartType', CHART_TYPES);
export const ChartMergeStrategy = makeEnum('ChartMergeStrategy', ['MERGE_COLUMNS', 'MERGE_ROWS'] as const);
export const ChartHiddenDimensionStrategy = makeEnum('ChartHiddenDimensionStrategy', [
  'IGNORE_BOTH',
  'IGNORE_ROWS',
  'IGNORE_COLUMNS',
  'SHOW_BOTH',
] as const);
export const Position = makeEnum('Position', ['TOP', 'RIGHT', 'BOTTOM', 'NONE'] as const);
