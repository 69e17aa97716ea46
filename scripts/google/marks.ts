/**
 * Duban's marks (标记: the developer metadata on the columns and sheets the script created) on the
 * way to a live sheet and back.
 *
 * In an .xlsx the runtime keeps each mark as a `_DevMeta.…` defined name (runtime/xlsx/metadata.ts).
 * Google's import cannot keep those: a named range's name holds only letters, digits and '_', so
 * the marks are dropped (or kept as named ranges under another name, which nothing reads). Left
 * so, the live sheet's first sweep would read Duban's block as the office's own columns. So:
 *
 * - `deploy --xlsx`: the marks are read from the workbook exactly as the runtime reads them
 *   (importXlsx, the decoder `npm run local` uses). Then one spreadsheets.batchUpdate puts each on
 *   the same sheet, column or row as developer metadata, keeping its id
 *   (CreateDeveloperMetadataRequest; its DeveloperMetadataLocation is `spreadsheet: true`, a
 *   `sheetId`, or a DimensionRange of one column or row), grows a grid Google made narrower than a
 *   marked column (AppendDimensionRequest), and deletes the named ranges Google's import made of
 *   the names (DeleteNamedRangeRequest). Google applies a batch atomically: every mark is carried
 *   or none is.
 * - `pull`: developerMetadata.search (one DataFilter per location type) reads the live marks, and
 *   the names runtime/xlsx/metadata.ts writes for them are added to the exported workbook.xml; the
 *   rest of the file stays byte for byte as Google exported it.
 *
 * Sheets are matched by title (as the runtime matches a name's sheet); their ids are Google's, read
 * with spreadsheets.get. All three calls accept the drive.file scope on a sheet this client
 * uploaded (Sheets API v4 reference, "Authorization scopes").
 */
import type { sheets_v4 } from 'googleapis';
import JSZip from 'jszip';
import type { DeveloperMetadataModel, SheetDeveloperMetadataModel, SheetMetadataLocation, WorkbookModel } from '../../runtime/model';
import { importXlsx } from '../../runtime/xlsx';
import { type DeveloperMetadataHolder, type DevMetaName, developerMetadataNames } from '../../runtime/xlsx/metadata';
import { columnLetters } from '../../runtime/xlsx/ranges';
import type { GoogleClients } from './clients';
import { askGoogle, GoogleRefusal } from './errors';
import { SCOPES } from './scopes';

/** Where a mark sits: the spreadsheet, a sheet (by name), or one row or column of it (0-based). */
export type MarkPlace =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheet: string }
  | { type: 'ROW' | 'COLUMN'; sheet: string; index: number };

export interface Mark {
  item: DeveloperMetadataModel;
  place: MarkPlace;
}

/** What deploy asks of the new sheet: its tabs (id, title, grid size) and its named ranges. */
export const CARRY_FIELDS = 'sheets.properties(sheetId,title,gridProperties(rowCount,columnCount)),namedRanges(namedRangeId,name)';
/** What pull asks of the sheet: its tabs' ids and titles, in order. */
export const PULL_FIELDS = 'sheets.properties(sheetId,title)';
/** A named range Google's import made of one of the runtime's names (whatever it did with the dots). */
const IMPORTED_MARK_NAME = /^_DevMeta/i;
const LOCATION_TYPES = ['SPREADSHEET', 'SHEET', 'COLUMN', 'ROW'] as const;

/** The marks of a workbook the runtime has read, spreadsheet's first, then sheet by sheet. */
export function marksOf(model: WorkbookModel): Mark[] {
  const marks: Mark[] = (model.developerMetadata ?? []).map((item) => ({ item, place: { type: 'SPREADSHEET' } }));
  for (const sheet of model.sheets) {
    for (const { location, ...item } of sheet.developerMetadata ?? []) {
      const place: MarkPlace =
        location.type === 'SHEET'
          ? { type: 'SHEET', sheet: sheet.name }
          : { type: location.type, sheet: sheet.name, index: location.index };
      marks.push({ item, place });
    }
  }
  return marks;
}

/** The marks in an .xlsx file, as `npm run local` would see them. */
export async function marksInWorkbook(file: string): Promise<Mark[]> {
  return marksOf(await importXlsx(file));
}

/** "任务台账 column L (duban.column = key)": where a mark is and what it says. */
export function describeMark({ item, place }: Mark): string {
  const what = `(${item.key}${item.value === null ? '' : ` = ${item.value}`})`;
  switch (place.type) {
    case 'SPREADSHEET':
      return `the spreadsheet ${what}`;
    case 'SHEET':
      return `${place.sheet} ${what}`;
    case 'COLUMN':
      return `${place.sheet} column ${columnLetters(place.index)} ${what}`;
    case 'ROW':
      return `${place.sheet} row ${place.index + 1} ${what}`;
  }
}

type SheetProperties = sheets_v4.Schema$SheetProperties;

/** The sheet a name means: the same title, else the same title but for case (as the runtime finds a name's sheet). */
function sheetTitled(sheets: SheetProperties[], name: string): SheetProperties | undefined {
  return sheets.find((s) => s.title === name) ?? sheets.find((s) => s.title?.toLowerCase() === name.toLowerCase());
}

export interface CarryPlan {
  requests: sheets_v4.Schema$Request[];
  carried: Mark[];
  /** Marks on a sheet the live spreadsheet does not have (Google's import renamed or dropped it). */
  unplaced: Mark[];
  /** How many named ranges Google's import made of the runtime's names, deleted by the plan. */
  removedNames: number;
}

function locationOf(place: MarkPlace, sheetId: number): sheets_v4.Schema$DeveloperMetadataLocation {
  if (place.type === 'SPREADSHEET') return { spreadsheet: true };
  if (place.type === 'SHEET') return { sheetId };
  const dimension = place.type === 'COLUMN' ? 'COLUMNS' : 'ROWS';
  return { dimensionRange: { sheetId, dimension, startIndex: place.index, endIndex: place.index + 1 } };
}

function createRequest(item: DeveloperMetadataModel, location: sheets_v4.Schema$DeveloperMetadataLocation): sheets_v4.Schema$Request {
  const developerMetadata: sheets_v4.Schema$DeveloperMetadata = {
    metadataId: item.id,
    metadataKey: item.key,
    location,
    visibility: item.visibility,
  };
  if (item.value !== null) developerMetadata.metadataValue = item.value;
  return { createDeveloperMetadata: { developerMetadata } };
}

/** The one batch that puts the marks on the live spreadsheet (pure: the requests and what they do). */
export function planCarry(marks: Mark[], spreadsheet: sheets_v4.Schema$Spreadsheet): CarryPlan {
  const sheets = (spreadsheet.sheets ?? []).map((s) => s.properties ?? {});
  const plan: CarryPlan = { requests: [], carried: [], unplaced: [], removedNames: 0 };
  const creates: sheets_v4.Schema$Request[] = [];
  // The grid each marked sheet must reach: Sheets refuses metadata on a column or row it does not have.
  const reach = new Map<SheetProperties, { columns: number; rows: number }>();
  for (const mark of marks) {
    const { place } = mark;
    const sheet = place.type === 'SPREADSHEET' ? undefined : sheetTitled(sheets, place.sheet);
    if (place.type !== 'SPREADSHEET' && sheet?.sheetId == null) {
      plan.unplaced.push(mark);
      continue;
    }
    if (sheet && (place.type === 'COLUMN' || place.type === 'ROW')) {
      const r = reach.get(sheet) ?? { columns: 0, rows: 0 };
      if (place.type === 'COLUMN') r.columns = Math.max(r.columns, place.index + 1);
      else r.rows = Math.max(r.rows, place.index + 1);
      reach.set(sheet, r);
    }
    creates.push(createRequest(mark.item, locationOf(place, sheet?.sheetId ?? 0)));
    plan.carried.push(mark);
  }
  for (const [sheet, r] of reach) {
    const grid = sheet.gridProperties ?? {};
    const sheetId = sheet.sheetId!;
    if (r.columns > (grid.columnCount ?? 0))
      plan.requests.push({ appendDimension: { sheetId, dimension: 'COLUMNS', length: r.columns - (grid.columnCount ?? 0) } });
    if (r.rows > (grid.rowCount ?? 0))
      plan.requests.push({ appendDimension: { sheetId, dimension: 'ROWS', length: r.rows - (grid.rowCount ?? 0) } });
  }
  plan.requests.push(...creates);
  for (const named of spreadsheet.namedRanges ?? []) {
    if (!named.namedRangeId || !IMPORTED_MARK_NAME.test(named.name ?? '')) continue;
    plan.requests.push({ deleteNamedRange: { namedRangeId: named.namedRangeId } });
    plan.removedNames++;
  }
  return plan;
}

/** Puts the marks on the sheet just uploaded (two calls; none when there are no marks). */
export async function carryMarks(google: GoogleClients, spreadsheetId: string, marks: Mark[]): Promise<CarryPlan> {
  const empty: CarryPlan = { requests: [], carried: [], unplaced: [], removedNames: 0 };
  if (marks.length === 0) return empty;
  const target = { kind: 'sheet', id: spreadsheetId } as const;
  const api = 'Google Sheets API';
  const got = await askGoogle({ action: "read the uploaded sheet's tabs and named ranges", api, scope: SCOPES.driveFile, target }, () =>
    google.sheets.spreadsheets.get({ spreadsheetId, fields: CARRY_FIELDS }, google.perCall),
  );
  const plan = planCarry(marks, got.data);
  if (plan.requests.length === 0) return plan;
  await askGoogle({ action: "put Duban's marks on the uploaded sheet", api, scope: SCOPES.driveFile, target }, () =>
    google.sheets.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: plan.requests } }, google.perCall),
  );
  return plan;
}

/** "(the spreadsheet: 1, 任务台账: 3, 责任单位: 2)": how many marks went where. */
export function countByPlace(marks: Mark[]): string {
  const counts = new Map<string, number>();
  for (const { place } of marks) {
    const where = place.type === 'SPREADSHEET' ? 'the spreadsheet' : place.sheet;
    counts.set(where, (counts.get(where) ?? 0) + 1);
  }
  return `(${[...counts].map(([where, n]) => `${where}: ${n}`).join(', ')})`;
}

// ---- pull: the live marks back into the .xlsx -------------------------------------------------

export interface LiveMarks {
  count: number;
  names: DevMetaName[];
}

function modelItem(md: sheets_v4.Schema$DeveloperMetadata): DeveloperMetadataModel | undefined {
  if (md.metadataId == null || !md.metadataKey) return undefined;
  return {
    id: md.metadataId,
    key: md.metadataKey,
    value: md.metadataValue ?? null,
    visibility: md.visibility === 'PROJECT' ? 'PROJECT' : 'DOCUMENT',
  };
}

function sheetLocation(at: sheets_v4.Schema$DeveloperMetadataLocation): SheetMetadataLocation | undefined {
  if (at.locationType === 'SHEET') return { type: 'SHEET' };
  const index = at.dimensionRange?.startIndex;
  if ((at.locationType === 'COLUMN' || at.locationType === 'ROW') && index != null) return { type: at.locationType, index };
  return undefined;
}

/** The live metadata, placed on the sheets in their order, as the runtime's model holds it. */
export function holderOf(
  sheets: SheetProperties[],
  found: sheets_v4.Schema$DeveloperMetadata[],
): DeveloperMetadataHolder & { count: number } {
  const ordered = [...sheets].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const byId = new Map(ordered.map((s) => [s.sheetId, { name: s.title ?? '', developerMetadata: [] as SheetDeveloperMetadataModel[] }]));
  const spreadsheet: DeveloperMetadataModel[] = [];
  const seen = new Set<number>();
  for (const md of found) {
    const item = modelItem(md);
    if (!item || seen.has(item.id)) continue;
    const at = md.location ?? {};
    if (at.locationType === 'SPREADSHEET') spreadsheet.push(item);
    else {
      const sheet = byId.get(at.locationType === 'SHEET' ? at.sheetId : at.dimensionRange?.sheetId);
      const location = sheetLocation(at);
      if (!sheet || !location) continue;
      sheet.developerMetadata.push({ ...item, location });
    }
    seen.add(item.id);
  }
  // Ids count up as marks are made: the runtime orders them so, and so do the names.
  const byIdOrder = (a: DeveloperMetadataModel, b: DeveloperMetadataModel): number => a.id - b.id;
  const holder = { sheets: [...byId.values()], developerMetadata: spreadsheet.sort(byIdOrder) };
  for (const s of holder.sheets) s.developerMetadata.sort(byIdOrder);
  return { ...holder, count: seen.size };
}

/** The live sheet's marks, as the `_DevMeta.` names the runtime would write for them. */
export async function readLiveMarks(google: GoogleClients, spreadsheetId: string): Promise<LiveMarks> {
  const target = { kind: 'sheet', id: spreadsheetId } as const;
  const api = 'Google Sheets API';
  const got = await askGoogle({ action: "read the sheet's tabs", api, scope: SCOPES.driveFile, target }, () =>
    google.sheets.spreadsheets.get({ spreadsheetId, fields: PULL_FIELDS }, google.perCall),
  );
  const dataFilters = LOCATION_TYPES.map((locationType) => ({ developerMetadataLookup: { locationType } }));
  const found = await askGoogle({ action: "read Duban's marks on the sheet", api, scope: SCOPES.driveFile, target }, () =>
    google.sheets.spreadsheets.developerMetadata.search({ spreadsheetId, requestBody: { dataFilters } }, google.perCall),
  );
  const metadata = (found.data.matchedDeveloperMetadata ?? []).flatMap((m) => (m.developerMetadata ? [m.developerMetadata] : []));
  const holder = holderOf(
    (got.data.sheets ?? []).map((s) => s.properties ?? {}),
    metadata,
  );
  return { count: holder.count, names: developerMetadataNames(holder) };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The exported workbook with these names in its workbook.xml (its <definedNames>, made after
 * <sheets> and any <externalReferences> where there is none, as the schema orders them).
 * Names of the runtime's already there are replaced, never doubled.
 */
export async function withMarkNames(xlsx: Buffer, names: DevMetaName[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const part = zip.file('xl/workbook.xml');
  if (!part) {
    throw new GoogleRefusal(
      'other',
      'Google Drive exported something that is not an .xlsx workbook (it has no xl/workbook.xml); run the command again.',
    );
  }
  let xml = (await part.async('string')).replace(
    /<(\w+:)?definedName\b[^>]*\bname="_DevMeta\.[^"]*"[^>]*>[^<]*<\/(\w+:)?definedName>/g,
    '',
  );
  const p = /<(\w+:)?sheets\b/.exec(xml)?.[1] ?? '';
  const elements = names.map((n) => `<${p}definedName name="${escapeXml(n.name)}">${escapeXml(n.ref)}</${p}definedName>`).join('');
  const emptyList = new RegExp(`<${p}definedNames\\s*/>`);
  if (emptyList.test(xml)) xml = xml.replace(emptyList, `<${p}definedNames>${elements}</${p}definedNames>`);
  else if (xml.includes(`</${p}definedNames>`)) xml = xml.replace(`</${p}definedNames>`, `${elements}</${p}definedNames>`);
  else {
    const after = xml.includes(`</${p}externalReferences>`) ? `</${p}externalReferences>` : `</${p}sheets>`;
    xml = xml.replace(after, `${after}<${p}definedNames>${elements}</${p}definedNames>`);
  }
  zip.file('xl/workbook.xml', xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
