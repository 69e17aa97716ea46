/** SpreadsheetApp.newDataValidation() and the DataValidation rules that Range.getDataValidation() returns. */
import type { DataValidationModel } from '../model.js';
import { formatA1, parseA1, quoteSheetName } from './a1.js';
import { isRange, newRange } from './containers.js';
import type { RuntimeContext } from './context.js';
import { type AppsEnum, DataValidationCriteria } from './enums.js';
import { fail } from './errors.js';
import type { Range } from './range.js';

const CRITERIA: Record<DataValidationModel['kind'], AppsEnum> = {
  list: DataValidationCriteria.VALUE_IN_LIST,
  listFromRange: DataValidationCriteria.VALUE_IN_RANGE,
  date: DataValidationCriteria.DATE_IS_VALID_DATE,
  number: DataValidationCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO,
  checkbox: DataValidationCriteria.CHECKBOX,
  custom: DataValidationCriteria.CUSTOM_FORMULA,
};

export class DataValidation {
  constructor(
    private readonly ctx: RuntimeContext,
    /** Treated as immutable: cells share it. */
    readonly rule: DataValidationModel,
  ) {}

  getCriteriaType(): AppsEnum {
    this.ctx.calls.count('DataValidation.getCriteriaType');
    return CRITERIA[this.rule.kind];
  }

  getCriteriaValues(): unknown[] {
    this.ctx.calls.count('DataValidation.getCriteriaValues');
    const dropdown = this.rule.showDropdown ?? true;
    switch (this.rule.kind) {
      case 'list':
        return [[...(this.rule.values ?? [])], dropdown];
      case 'listFromRange':
        return [rangeOfSource(this.ctx, this.rule.source ?? ''), dropdown];
      case 'custom':
        return [this.rule.source ?? ''];
      case 'number':
        return [0];
      default:
        return [];
    }
  }

  getAllowInvalid(): boolean {
    this.ctx.calls.count('DataValidation.getAllowInvalid');
    return this.rule.allowInvalid;
  }

  getHelpText(): string | null {
    this.ctx.calls.count('DataValidation.getHelpText');
    return this.rule.helpText ?? null;
  }

  copy(): DataValidationBuilder {
    this.ctx.calls.count('DataValidation.copy');
    return new DataValidationBuilder(this.ctx, { ...this.rule });
  }
}

function rangeOfSource(ctx: RuntimeContext, source: string): Range | null {
  const parsed = parseA1(source.replace(/^=/, ''));
  if (!parsed) return null;
  const sheet = parsed.sheetName === undefined ? ctx.model.sheets[0] : ctx.model.sheets.find((s) => s.name === parsed.sheetName);
  if (!sheet) return null;
  const row = parsed.startRow ?? 1;
  const column = parsed.startColumn ?? 1;
  const endRow = Math.min(parsed.endRow ?? sheet.maxRows, sheet.maxRows);
  const endColumn = Math.min(parsed.endColumn ?? sheet.maxColumns, sheet.maxColumns);
  return newRange(ctx, sheet, row - 1, column - 1, endRow - row + 1, endColumn - column + 1);
}

/** Validation rules default to "show a warning" (allowInvalid true), as Google documents for new rules. */
export class DataValidationBuilder {
  constructor(
    private readonly ctx: RuntimeContext,
    private rule: DataValidationModel = { kind: 'custom', allowInvalid: true },
    private hasCriteria = rule.kind !== 'custom' || rule.source !== undefined,
  ) {}

  private criteria(next: Omit<DataValidationModel, 'allowInvalid' | 'helpText'>): this {
    const { allowInvalid, helpText } = this.rule;
    this.rule = { ...next, allowInvalid };
    if (helpText !== undefined) this.rule.helpText = helpText;
    this.hasCriteria = true;
    return this;
  }

  requireValueInList(values: unknown, showDropdown?: boolean): this {
    this.ctx.calls.count('DataValidationBuilder.requireValueInList');
    if (!Array.isArray(values)) fail('Invalid argument: values');
    return this.criteria({ kind: 'list', values: values.map((v) => String(v)), showDropdown: showDropdown ?? true });
  }

  requireValueInRange(range: unknown, showDropdown?: boolean): this {
    this.ctx.calls.count('DataValidationBuilder.requireValueInRange');
    if (!isRange(range)) fail('Invalid argument: range');
    const source = `${quoteSheetName(range.sheetModel.name)}!${formatA1(range.r0 + 1, range.c0 + 1, range.nr, range.nc)}`;
    return this.criteria({ kind: 'listFromRange', source, showDropdown: showDropdown ?? true });
  }

  requireDate(): this {
    this.ctx.calls.count('DataValidationBuilder.requireDate');
    return this.criteria({ kind: 'date' });
  }

  requireCheckbox(): this {
    this.ctx.calls.count('DataValidationBuilder.requireCheckbox');
    return this.criteria({ kind: 'checkbox' });
  }

  requireFormulaSatisfied(formula: string): this {
    this.ctx.calls.count('DataValidationBuilder.requireFormulaSatisfied');
    return this.criteria({ kind: 'custom', source: String(formula) });
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this.ctx.calls.count('DataValidationBuilder.setAllowInvalid');
    this.rule = { ...this.rule, allowInvalid: Boolean(allowInvalidData) };
    return this;
  }

  setHelpText(helpText: string): this {
    this.ctx.calls.count('DataValidationBuilder.setHelpText');
    this.rule = { ...this.rule, helpText: String(helpText) };
    return this;
  }

  getCriteriaType(): AppsEnum | null {
    this.ctx.calls.count('DataValidationBuilder.getCriteriaType');
    return this.hasCriteria ? CRITERIA[this.rule.kind] : null;
  }

  build(): DataValidation {
    this.ctx.calls.count('DataValidationBuilder.build');
    if (!this.hasCriteria) fail('You must set a criteria type before building the data validation rule.');
    return new DataValidation(this.ctx, { ...this.rule });
  }
}
