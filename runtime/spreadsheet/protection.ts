/**
 * Sheet.protect() / Range.protect(): the protection is kept on the sheet model, so it shifts with
 * inserted rows and survives export. Editors are not modelled: the script runs as the owner,
 * who can always edit (canEdit() is true), as in Google's documentation examples.
 */
import type { ProtectionModel, SheetModel } from '../model.js';
import { isRange, newRange } from './containers.js';
import type { RuntimeContext } from './context.js';
import { type AppsEnum, ProtectionType } from './enums.js';
import { fail } from './errors.js';
import type { Range } from './range.js';

export class Protection {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly sheet: SheetModel,
    private readonly model: ProtectionModel,
  ) {}

  private tick(name: string): void {
    this.ctx.calls.count(`Protection.${name}`);
  }

  getProtectionType(): AppsEnum {
    this.tick('getProtectionType');
    return this.model.type === 'SHEET' ? ProtectionType.SHEET : ProtectionType.RANGE;
  }
  getDescription(): string {
    this.tick('getDescription');
    return this.model.description;
  }
  setDescription(description: string): this {
    this.tick('setDescription');
    this.model.description = String(description);
    return this;
  }
  isWarningOnly(): boolean {
    this.tick('isWarningOnly');
    return this.model.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.tick('setWarningOnly');
    this.model.warningOnly = Boolean(warningOnly);
    return this;
  }
  getRange(): Range {
    this.tick('getRange');
    const r = this.model.range;
    if (!r) return newRange(this.ctx, this.sheet, 0, 0, this.sheet.maxRows, this.sheet.maxColumns);
    return newRange(this.ctx, this.sheet, r.startRow, r.startColumn, r.endRow - r.startRow, r.endColumn - r.startColumn);
  }
  getUnprotectedRanges(): Range[] {
    this.tick('getUnprotectedRanges');
    return (this.model.unprotectedRanges ?? []).map((r) =>
      newRange(this.ctx, this.sheet, r.startRow, r.startColumn, r.endRow - r.startRow, r.endColumn - r.startColumn),
    );
  }
  setUnprotectedRanges(ranges: unknown): this {
    this.tick('setUnprotectedRanges');
    if (this.model.type !== 'SHEET') fail('Unprotected ranges can only be set on a sheet protection.');
    if (!Array.isArray(ranges) || !ranges.every((r) => isRange(r))) fail('Invalid argument: ranges');
    this.model.unprotectedRanges = (ranges as Range[]).map((r) => ({
      startRow: r.r0,
      startColumn: r.c0,
      endRow: r.r0 + r.nr,
      endColumn: r.c0 + r.nc,
    }));
    return this;
  }
  canEdit(): boolean {
    this.tick('canEdit');
    return true;
  }
  canDomainEdit(): boolean {
    this.tick('canDomainEdit');
    return false;
  }
  setDomainEdit(_editable: boolean): this {
    this.tick('setDomainEdit');
    return this;
  }
  getEditors(): { getEmail(): string }[] {
    this.tick('getEditors');
    const email = this.ctx.userEmail;
    return [{ getEmail: () => email }];
  }
  addEditor(_emailAddress: unknown): this {
    this.tick('addEditor');
    return this;
  }
  addEditors(_emailAddresses: unknown): this {
    this.tick('addEditors');
    return this;
  }
  removeEditor(_emailAddress: unknown): this {
    this.tick('removeEditor');
    return this;
  }
  removeEditors(_emailAddresses: unknown): this {
    this.tick('removeEditors');
    return this;
  }
  remove(): void {
    this.tick('remove');
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this.model);
  }
}
