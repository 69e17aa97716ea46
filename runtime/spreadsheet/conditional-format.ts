/** SpreadsheetApp.newConditionalFormatRule() and the rules Sheet.getConditionalFormatRules() returns. */
import type { ConditionalFormatModel, GridRange, SheetModel } from '../model.js';
import { normalizeColor } from './color.js';
import { isRange, newRange } from './containers.js';
import type { RuntimeContext } from './context.js';
import { type AppsEnum, BooleanCriteria } from './enums.js';
import { fail } from './errors.js';
import type { Range } from './range.js';

type Condition = ConditionalFormatModel['condition'];
type Format = ConditionalFormatModel['format'];

/** A rule's ranges with the sheet they belong to (a rule built by a script is not on a sheet yet). */
export interface PlacedRange {
  sheet: SheetModel;
  range: GridRange;
}

function criteriaOf(condition: Condition): AppsEnum {
  switch (condition.type) {
    case 'formula':
      return BooleanCriteria.CUSTOM_FORMULA;
    case 'textEqual':
      return BooleanCriteria.TEXT_EQUAL_TO;
    case 'textContains':
      return BooleanCriteria.TEXT_CONTAINS;
    case 'cellEmpty':
      return BooleanCriteria.CELL_EMPTY;
    case 'cellNotEmpty':
      return BooleanCriteria.CELL_NOT_EMPTY;
  }
}

export class BooleanCondition {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly condition: Condition,
    private readonly format: Format,
  ) {}
  getCriteriaType(): AppsEnum {
    this.ctx.calls.count('BooleanCondition.getCriteriaType');
    return criteriaOf(this.condition);
  }
  getCriteriaValues(): unknown[] {
    this.ctx.calls.count('BooleanCondition.getCriteriaValues');
    if (this.condition.type === 'formula') return [this.condition.formula];
    if (this.condition.type === 'textEqual' || this.condition.type === 'textContains') return [this.condition.value];
    return [];
  }
  getBackground(): string | null {
    this.ctx.calls.count('BooleanCondition.getBackground');
    return this.format.background ?? null;
  }
  getFontColor(): string | null {
    this.ctx.calls.count('BooleanCondition.getFontColor');
    return this.format.fontColor ?? null;
  }
  getBold(): boolean | null {
    this.ctx.calls.count('BooleanCondition.getBold');
    return this.format.bold ?? null;
  }
  getItalic(): boolean | null {
    this.ctx.calls.count('BooleanCondition.getItalic');
    return this.format.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    this.ctx.calls.count('BooleanCondition.getStrikethrough');
    return this.format.strikethrough ?? null;
  }
}

export class ConditionalFormatRule {
  constructor(
    private readonly ctx: RuntimeContext,
    readonly ranges: PlacedRange[],
    readonly condition: Condition,
    readonly format: Format,
  ) {}
  getRanges(): Range[] {
    this.ctx.calls.count('ConditionalFormatRule.getRanges');
    return this.ranges.map(({ sheet, range }) =>
      newRange(this.ctx, sheet, range.startRow, range.startColumn, range.endRow - range.startRow, range.endColumn - range.startColumn),
    );
  }
  getBooleanCondition(): BooleanCondition {
    this.ctx.calls.count('ConditionalFormatRule.getBooleanCondition');
    return new BooleanCondition(this.ctx, this.condition, this.format);
  }
  getGradientCondition(): null {
    this.ctx.calls.count('ConditionalFormatRule.getGradientCondition');
    return null;
  }
  copy(): ConditionalFormatRuleBuilder {
    this.ctx.calls.count('ConditionalFormatRule.copy');
    return new ConditionalFormatRuleBuilder(this.ctx, [...this.ranges], { ...this.condition }, { ...this.format });
  }
  /** The plain model to store on a sheet. */
  toModel(): ConditionalFormatModel {
    return { ranges: this.ranges.map((p) => ({ ...p.range })), condition: { ...this.condition }, format: { ...this.format } };
  }
}

export class ConditionalFormatRuleBuilder {
  constructor(
    private readonly ctx: RuntimeContext,
    private ranges: PlacedRange[] = [],
    private condition: Condition | null = null,
    private format: Format = {},
  ) {}

  private when(name: string, condition: Condition): this {
    this.ctx.calls.count(`ConditionalFormatRuleBuilder.${name}`);
    this.condition = condition;
    return this;
  }
  whenFormulaSatisfied(formula: string): this {
    return this.when('whenFormulaSatisfied', { type: 'formula', formula: String(formula) });
  }
  whenTextEqualTo(text: string): this {
    return this.when('whenTextEqualTo', { type: 'textEqual', value: String(text) });
  }
  whenTextContains(text: string): this {
    return this.when('whenTextContains', { type: 'textContains', value: String(text) });
  }
  whenCellEmpty(): this {
    return this.when('whenCellEmpty', { type: 'cellEmpty' });
  }
  whenCellNotEmpty(): this {
    return this.when('whenCellNotEmpty', { type: 'cellNotEmpty' });
  }
  setBackground(color: string | null): this {
    this.ctx.calls.count('ConditionalFormatRuleBuilder.setBackground');
    const c = normalizeColor(color);
    this.format = { ...this.format };
    if (c === null) delete this.format.background;
    else this.format.background = c;
    return this;
  }
  setFontColor(color: string | null): this {
    this.ctx.calls.count('ConditionalFormatRuleBuilder.setFontColor');
    const c = normalizeColor(color);
    this.format = { ...this.format };
    if (c === null) delete this.format.fontColor;
    else this.format.fontColor = c;
    return this;
  }
  setBold(bold: boolean): this {
    this.ctx.calls.count('ConditionalFormatRuleBuilder.setBold');
    this.format = { ...this.format, bold: Boolean(bold) };
    return this;
  }
  setItalic(italic: boolean): this {
    this.ctx.calls.count('ConditionalFormatRuleBuilder.setItalic');
    this.format = { ...this.format, italic: Boolean(italic) };
    return this;
  }
  setStrikethrough(strikethrough: boolean): this {
    this.ctx.calls.count('ConditionalFormatRuleBuilder.setStrikethrough');
    this.format = { ...this.format, strikethrough: Boolean(strikethrough) };
    return this;
  }
  setRanges(ranges: unknown): this {
    this.ctx.calls.count('ConditionalFormatRuleBuilder.setRanges');
    if (!Array.isArray(ranges) || !ranges.every((r) => isRange(r))) fail('Invalid argument: ranges');
    this.ranges = (ranges as Range[]).map((r) => ({
      sheet: r.sheetModel,
      range: { startRow: r.r0, startColumn: r.c0, endRow: r.r0 + r.nr, endColumn: r.c0 + r.nc },
    }));
    return this;
  }
  getRanges(): Range[] {
    this.ctx.calls.count('ConditionalFormatRuleBuilder.getRanges');
    return this.ranges.map(({ sheet, range }) =>
      newRange(this.ctx, sheet, range.startRow, range.startColumn, range.endRow - range.startRow, range.endColumn - range.startColumn),
    );
  }
  build(): ConditionalFormatRule {
    this.ctx.calls.count('ConditionalFormatRuleBuilder.build');
    if (!this.condition) fail('Conditional format rule cannot have an empty boolean condition.');
    return new ConditionalFormatRule(this.ctx, [...this.ranges], { ...this.condition }, { ...this.format });
  }
}
