/** The global SpreadsheetApp object of the sandbox. */

import { ConditionalFormatRuleBuilder } from './conditional-format.js';
import { activeSheetOf, type RuntimeContext } from './context.js';
import * as enums from './enums.js';
import { fail } from './errors.js';
import { commitPending } from './pending.js';
import { activeRange, type Range } from './range.js';
import { Sheet } from './sheet.js';
import { Spreadsheet } from './spreadsheet.js';
import { Ui } from './ui.js';
import { DataValidationBuilder } from './validation.js';

export class SpreadsheetAppService {
  readonly ProtectionType = enums.ProtectionType;
  readonly BorderStyle = enums.BorderStyle;
  readonly DataValidationCriteria = enums.DataValidationCriteria;
  readonly BooleanCriteria = enums.BooleanCriteria;
  readonly Dimension = enums.Dimension;
  readonly WrapStrategy = enums.WrapStrategy;
  readonly DeveloperMetadataLocationType = enums.DeveloperMetadataLocationType;
  readonly DeveloperMetadataVisibility = enums.DeveloperMetadataVisibility;
  /** Apps Script also exposes the Ui button enums here (SpreadsheetApp.getUi().ButtonSet is the usual way). */
  readonly ButtonSet = enums.ButtonSet;
  readonly Button = enums.Button;

  constructor(private readonly ctx: RuntimeContext) {}

  private tick(name: string): void {
    this.ctx.beforeCall();
    this.ctx.calls.count(`SpreadsheetApp.${name}`);
  }

  getActiveSpreadsheet(): Spreadsheet {
    this.tick('getActiveSpreadsheet');
    return new Spreadsheet(this.ctx);
  }
  getActive(): Spreadsheet {
    this.tick('getActive');
    return new Spreadsheet(this.ctx);
  }
  openById(id: string): Spreadsheet {
    this.tick('openById');
    if (String(id) !== this.ctx.model.id) fail('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return new Spreadsheet(this.ctx);
  }
  getActiveSheet(): Sheet {
    this.tick('getActiveSheet');
    return new Sheet(this.ctx, activeSheetOf(this.ctx));
  }
  getActiveRange(): Range {
    this.tick('getActiveRange');
    return activeRange(this.ctx);
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this.tick('setActiveSheet');
    this.ctx.activeSheet = sheet.sheetModel;
    return sheet;
  }
  getUi(): Ui {
    this.tick('getUi');
    // The message Apps Script gives in a time-driven trigger, where no editor is open.
    if (!this.ctx.uiAvailable()) fail('Cannot call SpreadsheetApp.getUi() from this context.');
    return new Ui(this.ctx);
  }
  newDataValidation(): DataValidationBuilder {
    this.tick('newDataValidation');
    return new DataValidationBuilder(this.ctx);
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    this.tick('newConditionalFormatRule');
    return new ConditionalFormatRuleBuilder(this.ctx);
  }
  /** Applies every pending write (pending.ts): what a kill after this point cannot lose. */
  flush(): void {
    this.tick('flush');
    commitPending(this.ctx);
  }
}
