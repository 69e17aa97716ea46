/**
 * Developer metadata: DeveloperMetadata, DeveloperMetadataFinder and DeveloperMetadataLocation,
 * and the addDeveloperMetadata / getDeveloperMetadata / createDeveloperMetadataFinder behind
 * Spreadsheet, Sheet and Range. The items live in the plain model (WorkbookModel and SheetModel
 * .developerMetadata); grid.ts moves row and column items with their lines.
 *
 * What Google documents, and what this follows:
 * - Metadata sits on the spreadsheet, a sheet, or one whole row or column; Range.addDeveloperMetadata
 *   on anything else throws ARBITRARY_RANGE. The Sheets API says a location's DimensionRange "must
 *   represent a single row or column; it cannot be unbounded or span multiple rows or columns", so a
 *   range of several whole columns is refused too.
 * - A range counts as a whole row or column only when it was named that way ('H:H', '5:5', as in
 *   Google's own examples). Scripts in the field report that a range built with numbers is refused
 *   even when it spans the whole grid (getRange(r, 1, 1, maxColumns), getRange(1, c, maxRows, 1)),
 *   and fixed it with A1 notation; a Sheets range keeps unbounded sides, and that is what converts to
 *   a row or column location.
 * - Spreadsheet.getDeveloperMetadata: the top-level spreadsheet's items; Sheet.getDeveloperMetadata:
 *   the sheet's own (not its rows' or columns'); Range.getDeveloperMetadata and a range's finder: the
 *   rows and columns "wholly contained" in the range (row '3:3' is not in the scope of 'A1:D5' but is
 *   in '1:5'), or, with onIntersectingLocations(), those that intersect it.
 * - A sheet's finder covers the sheet and its rows and columns; the spreadsheet's covers everything.
 * - DeveloperMetadataLocation.getSheet() is null unless the location type is SHEET (getColumn,
 *   getRow, getSpreadsheet likewise for theirs). getValue() is null when there is no value.
 * - moveToColumn / moveToRow throw "if the specified range does not represent a single column/row".
 * Ids are positive and unique in the spreadsheet; Google picks them at random, this runtime counts up.
 */
import type { DeveloperMetadataModel, GridRange, SheetDeveloperMetadataModel, SheetMetadataLocation, SheetModel } from '../model.js';
import { isRange, isSheet, newRange, newSheet, newSpreadsheet } from './containers.js';
import { type RuntimeContext, sheetExists } from './context.js';
import { AppsEnum, DeveloperMetadataLocationType, DeveloperMetadataVisibility } from './enums.js';
import { fail, MSG } from './errors.js';
import type { Range } from './range.js';
import type { Sheet } from './sheet.js';
import type { Spreadsheet } from './spreadsheet.js';

/** Apps Script's message for metadata on anything but a whole row or column. */
export const ARBITRARY_RANGE =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

type Visibility = DeveloperMetadataModel['visibility'];
type LocationType = 'SPREADSHEET' | 'SHEET' | 'ROW' | 'COLUMN';

/** An item and the sheet it belongs to (null for the top-level spreadsheet). */
interface Located {
  item: DeveloperMetadataModel | SheetDeveloperMetadataModel;
  sheet: SheetModel | null;
}

function locationTypeOf(found: Located): LocationType {
  return found.sheet === null ? 'SPREADSHEET' : (found.item as SheetDeveloperMetadataModel).location.type;
}

/** Every item, the spreadsheet's first, then each sheet's in tab order, each in the order added. */
function allMetadata(ctx: RuntimeContext): Located[] {
  const out: Located[] = (ctx.model.developerMetadata ?? []).map((item) => ({ item, sheet: null }));
  for (const sheet of ctx.model.sheets) for (const item of sheet.developerMetadata ?? []) out.push({ item, sheet });
  return out;
}

function nextId(ctx: RuntimeContext): number {
  return allMetadata(ctx).reduce((max, { item }) => Math.max(max, item.id), 0) + 1;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (v instanceof AppsEnum) return v.enumType();
  return 'Object';
}

function signatureMismatch(args: unknown[], method: string): never {
  fail(`The parameters (${args.map(typeName).join(',')}) don't match the method signature for SpreadsheetApp.${method}.`);
}

function visibilityOf(v: unknown): Visibility | undefined {
  if (v === DeveloperMetadataVisibility.DOCUMENT) return 'DOCUMENT';
  if (v === DeveloperMetadataVisibility.PROJECT) return 'PROJECT';
  return undefined;
}

/** addDeveloperMetadata(key), (key, value), (key, visibility), (key, value, visibility); DOCUMENT by default. */
function parseAddArgs(args: unknown[], method: string): Omit<DeveloperMetadataModel, 'id'> {
  const [key, second, third] = args;
  if (args.length < 1 || args.length > 3 || key === undefined || key === null) signatureMismatch(args, method);
  let value: string | null = null;
  let visibility: Visibility = 'DOCUMENT';
  if (args.length === 2) {
    const asVisibility = visibilityOf(second);
    if (asVisibility) visibility = asVisibility;
    else if (second !== null && second !== undefined) value = String(second);
  } else if (args.length === 3) {
    const asVisibility = visibilityOf(third);
    if (!asVisibility) signatureMismatch(args, method);
    visibility = asVisibility;
    if (second !== null && second !== undefined) value = String(second);
  }
  return { key: String(key), value, visibility };
}

/** The row or column a range stands for, or Apps Script's refusal. */
function lineOf(range: Range): SheetMetadataLocation {
  if (range.whole === 'columns' && range.nc === 1) return { type: 'COLUMN', index: range.c0 };
  if (range.whole === 'rows' && range.nr === 1) return { type: 'ROW', index: range.r0 };
  fail(ARBITRARY_RANGE);
}

function checkSheet(ctx: RuntimeContext, sheet: SheetModel): void {
  if (!sheetExists(ctx, sheet)) fail(MSG.rangeNotFound);
}

/** Spreadsheet.addDeveloperMetadata (sheet null), Sheet.addDeveloperMetadata (location SHEET), Range.addDeveloperMetadata. */
export function addDeveloperMetadata(ctx: RuntimeContext, args: unknown[], method: string, sheet: SheetModel | null, range?: Range): void {
  const fields = parseAddArgs(args, method);
  if (sheet === null) {
    (ctx.model.developerMetadata ??= []).push({ id: nextId(ctx), ...fields });
    return;
  }
  checkSheet(ctx, sheet);
  const location = range ? lineOf(range) : { type: 'SHEET' as const };
  (sheet.developerMetadata ??= []).push({ id: nextId(ctx), ...fields, location });
}

type Scope = { kind: 'spreadsheet' } | { kind: 'sheet'; sheet: SheetModel } | { kind: 'range'; sheet: SheetModel; grid: GridRange };

/** Whether a row or column lies wholly inside `grid` (or, intersecting, crosses it at all). */
function lineInRange(sheet: SheetModel, location: SheetMetadataLocation, grid: GridRange, intersecting: boolean): boolean {
  if (location.type === 'SHEET') return false;
  const [start, end, across, acrossStart, acrossEnd, acrossMax] =
    location.type === 'COLUMN'
      ? [grid.startColumn, grid.endColumn, location.index, grid.startRow, grid.endRow, sheet.maxRows]
      : [grid.startRow, grid.endRow, location.index, grid.startColumn, grid.endColumn, sheet.maxColumns];
  if (across < start || across >= end) return false;
  return intersecting || (acrossStart <= 0 && acrossEnd >= acrossMax);
}

function inScope(found: Located, scope: Scope, intersecting: boolean): boolean {
  switch (scope.kind) {
    case 'spreadsheet':
      return true;
    case 'sheet':
      return found.sheet === scope.sheet;
    case 'range':
      return (
        found.sheet === scope.sheet &&
        lineInRange(scope.sheet, (found.item as SheetDeveloperMetadataModel).location, scope.grid, intersecting)
      );
  }
}

function rangeScope(range: Range): Scope {
  return {
    kind: 'range',
    sheet: range.sheetModel,
    grid: { startRow: range.r0, startColumn: range.c0, endRow: range.r0 + range.nr, endColumn: range.c0 + range.nc },
  };
}

export function newRangeFinder(ctx: RuntimeContext, range: Range): DeveloperMetadataFinder {
  return new DeveloperMetadataFinder(ctx, rangeScope(range));
}
export function newSheetFinder(ctx: RuntimeContext, sheet: SheetModel): DeveloperMetadataFinder {
  return new DeveloperMetadataFinder(ctx, { kind: 'sheet', sheet });
}
export function newSpreadsheetFinder(ctx: RuntimeContext): DeveloperMetadataFinder {
  return new DeveloperMetadataFinder(ctx, { kind: 'spreadsheet' });
}

/** Range.getDeveloperMetadata: the rows and columns wholly inside the range. */
export function rangeMetadata(ctx: RuntimeContext, range: Range): DeveloperMetadata[] {
  const scope = rangeScope(range);
  return allMetadata(ctx)
    .filter((found) => inScope(found, scope, false))
    .map(({ item }) => new DeveloperMetadata(ctx, item.id));
}

/** Sheet.getDeveloperMetadata: the sheet's own items, not its rows' or columns'. */
export function sheetMetadata(ctx: RuntimeContext, sheet: SheetModel): DeveloperMetadata[] {
  return (sheet.developerMetadata ?? [])
    .filter((item) => item.location.type === 'SHEET')
    .map((item) => new DeveloperMetadata(ctx, item.id));
}

/** Spreadsheet.getDeveloperMetadata: the top-level spreadsheet's items. */
export function spreadsheetMetadata(ctx: RuntimeContext): DeveloperMetadata[] {
  return (ctx.model.developerMetadata ?? []).map((item) => new DeveloperMetadata(ctx, item.id));
}

export class DeveloperMetadataFinder {
  private key?: string;
  private value?: string;
  private id?: number;
  private locationType?: LocationType;
  private visibility?: Visibility;
  private intersecting = false;

  constructor(
    private readonly ctx: RuntimeContext,
    private readonly scope: Scope,
  ) {}

  private tick(name: string): void {
    this.ctx.calls.count(`DeveloperMetadataFinder.${name}`);
  }

  find(): DeveloperMetadata[] {
    this.tick('find');
    return allMetadata(this.ctx)
      .filter((found) => {
        const { item } = found;
        if (this.key !== undefined && item.key !== this.key) return false;
        if (this.value !== undefined && item.value !== this.value) return false;
        if (this.id !== undefined && item.id !== this.id) return false;
        if (this.visibility !== undefined && item.visibility !== this.visibility) return false;
        if (this.locationType !== undefined && locationTypeOf(found) !== this.locationType) return false;
        return inScope(found, this.scope, this.intersecting);
      })
      .map(({ item }) => new DeveloperMetadata(this.ctx, item.id));
  }
  /** Documented as meaningful for range-scoped searches only; a sheet or spreadsheet search already takes everything in it. */
  onIntersectingLocations(): DeveloperMetadataFinder {
    this.tick('onIntersectingLocations');
    this.intersecting = true;
    return this;
  }
  withId(id: number): DeveloperMetadataFinder {
    this.tick('withId');
    if (typeof id !== 'number') signatureMismatch([id], 'DeveloperMetadataFinder.withId');
    this.id = id;
    return this;
  }
  withKey(key: string): DeveloperMetadataFinder {
    this.tick('withKey');
    if (key === undefined || key === null) signatureMismatch([key], 'DeveloperMetadataFinder.withKey');
    this.key = String(key);
    return this;
  }
  withValue(value: string): DeveloperMetadataFinder {
    this.tick('withValue');
    if (value === undefined || value === null) signatureMismatch([value], 'DeveloperMetadataFinder.withValue');
    this.value = String(value);
    return this;
  }
  withLocationType(locationType: AppsEnum): DeveloperMetadataFinder {
    this.tick('withLocationType');
    const name = (Object.keys(DeveloperMetadataLocationType) as LocationType[]).find(
      (k) => DeveloperMetadataLocationType[k] === locationType,
    );
    if (!name) signatureMismatch([locationType], 'DeveloperMetadataFinder.withLocationType');
    this.locationType = name;
    return this;
  }
  withVisibility(visibility: AppsEnum): DeveloperMetadataFinder {
    this.tick('withVisibility');
    const v = visibilityOf(visibility);
    if (!v) signatureMismatch([visibility], 'DeveloperMetadataFinder.withVisibility');
    this.visibility = v;
    return this;
  }
}

/** A handle on one item by id, as Apps Script's is: it sees later changes, and fails once the item is gone. */
export class DeveloperMetadata {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly id: number,
  ) {}

  private tick(name: string): void {
    this.ctx.calls.count(`DeveloperMetadata.${name}`);
  }

  private located(): Located {
    const found = allMetadata(this.ctx).find(({ item }) => item.id === this.id);
    // Google documents no text for this; the item was removed, or deleted with its row, column or sheet.
    if (!found) fail(`No developer metadata with ID ${this.id} exists in the spreadsheet.`);
    return found;
  }

  /** Takes the item out of where it is and puts it at the new place, keeping id, key, value and visibility. */
  private relocate(sheet: SheetModel | null, location: SheetMetadataLocation): DeveloperMetadata {
    const found = this.located();
    if (sheet) checkSheet(this.ctx, sheet);
    detach(this.ctx, found);
    const { id, key, value, visibility } = found.item;
    if (sheet === null) (this.ctx.model.developerMetadata ??= []).push({ id, key, value, visibility });
    else (sheet.developerMetadata ??= []).push({ id, key, value, visibility, location });
    return this;
  }

  getId(): number {
    this.tick('getId');
    return this.located().item.id;
  }
  getKey(): string {
    this.tick('getKey');
    return this.located().item.key;
  }
  getValue(): string | null {
    this.tick('getValue');
    return this.located().item.value;
  }
  getVisibility(): AppsEnum {
    this.tick('getVisibility');
    return DeveloperMetadataVisibility[this.located().item.visibility];
  }
  getLocation(): DeveloperMetadataLocation {
    this.tick('getLocation');
    const found = this.located();
    const location = found.sheet === null ? null : { ...(found.item as SheetDeveloperMetadataModel).location };
    return new DeveloperMetadataLocation(this.ctx, found.sheet, location);
  }
  setKey(key: string): DeveloperMetadata {
    this.tick('setKey');
    if (key === undefined || key === null) signatureMismatch([key], 'DeveloperMetadata.setKey');
    this.located().item.key = String(key);
    return this;
  }
  setValue(value: string | null): DeveloperMetadata {
    this.tick('setValue');
    this.located().item.value = value === null || value === undefined ? null : String(value);
    return this;
  }
  setVisibility(visibility: AppsEnum): DeveloperMetadata {
    this.tick('setVisibility');
    const v = visibilityOf(visibility);
    if (!v) signatureMismatch([visibility], 'DeveloperMetadata.setVisibility');
    this.located().item.visibility = v;
    return this;
  }
  moveToColumn(column: Range): DeveloperMetadata {
    this.tick('moveToColumn');
    if (!isRange(column)) signatureMismatch([column], 'DeveloperMetadata.moveToColumn');
    const location = lineOf(column);
    if (location.type !== 'COLUMN') fail(ARBITRARY_RANGE);
    return this.relocate(column.sheetModel, location);
  }
  moveToRow(row: Range): DeveloperMetadata {
    this.tick('moveToRow');
    if (!isRange(row)) signatureMismatch([row], 'DeveloperMetadata.moveToRow');
    const location = lineOf(row);
    if (location.type !== 'ROW') fail(ARBITRARY_RANGE);
    return this.relocate(row.sheetModel, location);
  }
  moveToSheet(sheet: Sheet): DeveloperMetadata {
    this.tick('moveToSheet');
    if (!isSheet(sheet)) signatureMismatch([sheet], 'DeveloperMetadata.moveToSheet');
    return this.relocate(sheet.sheetModel, { type: 'SHEET' });
  }
  moveToSpreadsheet(): DeveloperMetadata {
    this.tick('moveToSpreadsheet');
    return this.relocate(null, { type: 'SHEET' });
  }
  remove(): void {
    this.tick('remove');
    detach(this.ctx, this.located());
  }
}

function detach(ctx: RuntimeContext, found: Located): void {
  if (found.sheet === null) ctx.model.developerMetadata = (ctx.model.developerMetadata ?? []).filter((x) => x !== found.item);
  else found.sheet.developerMetadata = (found.sheet.developerMetadata ?? []).filter((x) => x !== found.item);
}

/** Where an item was when getLocation() was called. */
export class DeveloperMetadataLocation {
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly sheet: SheetModel | null,
    private readonly location: SheetMetadataLocation | null,
  ) {}

  private tick(name: string): void {
    this.ctx.calls.count(`DeveloperMetadataLocation.${name}`);
  }

  getLocationType(): AppsEnum {
    this.tick('getLocationType');
    return DeveloperMetadataLocationType[this.location === null ? 'SPREADSHEET' : this.location.type];
  }
  /** The whole column, as getRange('H:H') gives it. */
  getColumn(): Range | null {
    this.tick('getColumn');
    if (!this.sheet || this.location?.type !== 'COLUMN') return null;
    return newRange(this.ctx, this.sheet, 0, this.location.index, this.sheet.maxRows, 1, 'columns');
  }
  /** The whole row, as getRange('5:5') gives it. */
  getRow(): Range | null {
    this.tick('getRow');
    if (!this.sheet || this.location?.type !== 'ROW') return null;
    return newRange(this.ctx, this.sheet, this.location.index, 0, 1, this.sheet.maxColumns, 'rows');
  }
  getSheet(): Sheet | null {
    this.tick('getSheet');
    if (!this.sheet || this.location?.type !== 'SHEET') return null;
    return newSheet(this.ctx, this.sheet);
  }
  getSpreadsheet(): Spreadsheet | null {
    this.tick('getSpreadsheet');
    return this.location === null ? newSpreadsheet(this.ctx) : null;
  }
}
