/**
 * Developer metadata in .xlsx: Excel has no such thing, so each item travels as a workbook-level
 * defined name that carries the item in its name and refers to where the item sits. Excel, WPS and
 * LibreOffice keep such names and adjust what they refer to when a person inserts or deletes rows
 * and columns, so a column marked by the script is still found after someone edits the file.
 *
 *   _DevMeta.<id>.<where>.<visibility>.<key>.<value>  refers to
 *     where c: the column, '任务台账'!$H:$H      r: the row, '任务台账'!$5:$5
 *           t: the sheet, '任务台账'!$1:$1048576  s: the spreadsheet (the first sheet, ignored on import)
 *     visibility d (DOCUMENT) or p (PROJECT); key: hex of its UTF-8; value: n (none) or v + hex.
 *
 * Defined names allow letters, digits, '_' and '.', and at most 255 characters. A name whose
 * reference Excel turned into #REF! (its column, row or sheet was deleted) is dropped on import, as
 * Sheets drops metadata with its location.
 *
 * exceljs (4.4) keeps defined names as a matrix of single cells: it drops whole-column and
 * whole-row references when reading and would expand a full-height range into a million cells.
 * So these names bypass it: on writing they are appended to the names exceljs renders, on reading
 * they are taken from the raw list before exceljs sees it (both by wrapping the `model` accessor of
 * the workbook's DefinedNames, chaining to whatever accessor is there).
 */
import type ExcelJS from 'exceljs';
import type { DeveloperMetadataModel, SheetMetadataLocation, SheetModel, WorkbookModel } from '../model.js';
import { columnIndex, columnLetters } from './ranges.js';

export const DEVMETA_NAME_PREFIX = '_DevMeta.';

/** Excel's limit on a defined name's length. */
const MAX_NAME_LENGTH = 255;
/** The last row of an Excel sheet: a reference to rows 1 to this is the whole sheet. */
const EXCEL_MAX_ROW = 1048576;

/** One defined name as written to or read from the workbook: its name and what it refers to. */
export interface DevMetaName {
  name: string;
  ref: string;
}

type Where = 'c' | 'r' | 't' | 's';

function hex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

function unhex(text: string): string | undefined {
  if (!/^(?:[0-9a-f]{2})*$/i.test(text)) return undefined;
  return Buffer.from(text, 'hex').toString('utf8');
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function nameOf(item: DeveloperMetadataModel, where: Where): string {
  const value = item.value === null ? 'n' : `v${hex(item.value)}`;
  const name = `${DEVMETA_NAME_PREFIX}${item.id}.${where}.${item.visibility === 'PROJECT' ? 'p' : 'd'}.${hex(item.key)}.${value}`;
  if (name.length > MAX_NAME_LENGTH) {
    throw new Error(
      `Developer metadata "${item.key}" (id ${item.id}) is too long to keep in an .xlsx defined name (${name.length} > ${MAX_NAME_LENGTH} characters).`,
    );
  }
  return name;
}

function refOf(sheet: { name: string }, location: SheetMetadataLocation): { where: Where; ref: string } {
  const s = quoteSheet(sheet.name);
  switch (location.type) {
    case 'COLUMN': {
      const letters = columnLetters(location.index);
      return { where: 'c', ref: `${s}!$${letters}:$${letters}` };
    }
    case 'ROW':
      return { where: 'r', ref: `${s}!$${location.index + 1}:$${location.index + 1}` };
    case 'SHEET':
      return { where: 't', ref: `${s}!$1:$${EXCEL_MAX_ROW}` };
  }
}

/**
 * What the names are made from: the sheets in order, each with its name and metadata, and the
 * spreadsheet's own metadata. A WorkbookModel is one; `npm run pull` builds one from a live sheet.
 */
export interface DeveloperMetadataHolder {
  sheets: readonly Pick<SheetModel, 'name' | 'developerMetadata'>[];
  developerMetadata?: readonly DeveloperMetadataModel[];
}

/** The defined names that stand for the workbook's developer metadata. */
export function developerMetadataNames(model: DeveloperMetadataHolder): DevMetaName[] {
  const out: DevMetaName[] = [];
  const first = model.sheets[0];
  for (const item of model.developerMetadata ?? []) {
    if (first) out.push({ name: nameOf(item, 's'), ref: `${quoteSheet(first.name)}!$1:$${EXCEL_MAX_ROW}` });
  }
  for (const sheet of model.sheets) {
    for (const item of sheet.developerMetadata ?? []) {
      const { where, ref } = refOf(sheet, item.location);
      out.push({ name: nameOf(item, where), ref });
    }
  }
  return out;
}

interface Decoded extends DeveloperMetadataModel {
  where: Where;
}

function decodeName(name: string): Decoded | undefined {
  if (!name.startsWith(DEVMETA_NAME_PREFIX)) return undefined;
  const m = /^(\d+)\.([crts])\.([dp])\.([0-9a-f]*)\.(n|v[0-9a-f]*)$/i.exec(name.slice(DEVMETA_NAME_PREFIX.length));
  if (!m) return undefined;
  const key = unhex(m[4]);
  const value = m[5].toLowerCase() === 'n' ? null : unhex(m[5].slice(1));
  const id = Number(m[1]);
  if (key === undefined || key === '' || value === undefined || !(id > 0)) return undefined;
  return { id, key, value, visibility: m[3].toLowerCase() === 'p' ? 'PROJECT' : 'DOCUMENT', where: m[2].toLowerCase() as Where };
}

/** A reference split into its sheet and its first row and column (0-based; undefined where whole). */
interface Target {
  sheetName: string;
  row?: number;
  column?: number;
}

function parseRef(ref: string): Target | undefined {
  let sheetName: string;
  let rest: string;
  if (ref.startsWith("'")) {
    const m = /^'((?:[^']|'')*)'!(.*)$/s.exec(ref);
    if (!m) return undefined;
    sheetName = m[1].replace(/''/g, "'");
    rest = m[2];
  } else {
    const bang = ref.indexOf('!');
    if (bang < 0) return undefined;
    sheetName = ref.slice(0, bang);
    rest = ref.slice(bang + 1);
  }
  // Only the first area counts; Excel writes #REF! where the location was deleted.
  const first = rest.split(',')[0].replace(/\$/g, '').trim();
  let m = /^([A-Za-z]{1,3}):[A-Za-z]{1,3}$/.exec(first);
  if (m) return { sheetName, column: columnIndex(m[1].toUpperCase()) };
  m = /^(\d+):\d+$/.exec(first);
  if (m) return { sheetName, row: Number(m[1]) - 1 };
  m = /^([A-Za-z]{1,3})(\d+)(?::[A-Za-z]{1,3}\d+)?$/.exec(first);
  if (m) return { sheetName, row: Number(m[2]) - 1, column: columnIndex(m[1].toUpperCase()) };
  return undefined;
}

function sheetNamed(model: WorkbookModel, name: string): SheetModel | undefined {
  return model.sheets.find((s) => s.name === name) ?? model.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/**
 * Puts the metadata the names stand for back on the workbook, at the column, row or sheet each
 * name now refers to. Names that no longer resolve are dropped; a clashing id gets a fresh one.
 */
export function applyDeveloperMetadataNames(names: DevMetaName[], model: WorkbookModel): void {
  const decoded = names
    .map((n) => ({ d: decodeName(n.name), ref: n.ref }))
    .filter((x): x is { d: Decoded; ref: string } => x.d !== undefined)
    // Excel sorts names when it saves; ids count up as items are added, so they restore the order.
    .sort((a, b) => a.d.id - b.d.id);
  const used = new Set<number>();
  for (const s of model.sheets) for (const item of s.developerMetadata ?? []) used.add(item.id);
  for (const item of model.developerMetadata ?? []) used.add(item.id);
  let maxId = Math.max(0, ...used, ...decoded.map((x) => x.d.id));
  for (const { d, ref } of decoded) {
    const { where, ...fields } = d;
    const item: DeveloperMetadataModel = { ...fields, id: used.has(d.id) ? ++maxId : d.id };
    if (where === 's') {
      used.add(item.id);
      (model.developerMetadata ??= []).push(item);
      continue;
    }
    const target = parseRef(ref);
    const sheet = target && sheetNamed(model, target.sheetName);
    if (!target || !sheet) continue;
    let location: SheetMetadataLocation;
    if (where === 't') location = { type: 'SHEET' };
    else if (where === 'c' && target.column !== undefined) location = { type: 'COLUMN', index: target.column };
    else if (where === 'r' && target.row !== undefined) location = { type: 'ROW', index: target.row };
    else continue;
    // The grid reaches at least as far as anything that carries metadata, as it did in Sheets.
    if (location.type === 'COLUMN') sheet.maxColumns = Math.max(sheet.maxColumns, location.index + 1);
    if (location.type === 'ROW') sheet.maxRows = Math.max(sheet.maxRows, location.index + 1);
    used.add(item.id);
    (sheet.developerMetadata ??= []).push({ ...item, location });
  }
}

// ---- exceljs: names around its DefinedNames ------------------------------------------------

interface RawName {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

function isRawName(v: unknown): v is RawName {
  return typeof v === 'object' && v !== null && typeof (v as RawName).name === 'string' && Array.isArray((v as RawName).ranges);
}

function isOurs(v: unknown): v is RawName {
  return isRawName(v) && v.name.startsWith(DEVMETA_NAME_PREFIX) && v.localSheetId === undefined;
}

/** The `model` accessor now in effect on the workbook's DefinedNames (its own, if wrapped already, else its class's). */
function modelAccessor(names: object): { get: () => unknown; set: (v: unknown) => void } {
  let owner: object | null = names;
  while (owner) {
    const d = Object.getOwnPropertyDescriptor(owner, 'model');
    if (d?.get && d.set) {
      const { get, set } = d;
      return { get: () => get.call(names) as unknown, set: (v) => set.call(names, v) };
    }
    owner = Object.getPrototypeOf(owner) as object | null;
  }
  throw new Error('exceljs DefinedNames has no model accessor: the developer metadata bridge needs updating for this exceljs version.');
}

const written = new WeakMap<object, { extra: RawName[] }>();

/**
 * Makes the workbook write these names besides its own. Calling it again replaces the list (a
 * workbook written twice, as an imported one is after each job, carries each name once).
 */
export function writeDeveloperMetadataNames(wb: ExcelJS.Workbook, list: DevMetaName[]): void {
  const names = wb.definedNames as unknown as object;
  let slot = written.get(names);
  if (!slot) {
    const base = modelAccessor(names);
    const made = { extra: [] as RawName[] };
    Object.defineProperty(names, 'model', {
      configurable: true,
      get: () => {
        const own = base.get();
        // Names of ours read from the file are replaced by the model's current ones.
        const kept = (Array.isArray(own) ? own : []).filter((n: unknown) => !isOurs(n));
        return [...kept, ...made.extra];
      },
      set: (v: unknown) => base.set(v),
    });
    written.set(names, made);
    slot = made;
  }
  slot.extra = list.map((n) => ({ name: n.name, ranges: [n.ref] }));
}

/** Call before loading: keeps this bridge's names out of exceljs and returns a reader for them. */
export function captureDeveloperMetadataNames(wb: ExcelJS.Workbook): () => DevMetaName[] {
  const names = wb.definedNames as unknown as object;
  const base = modelAccessor(names);
  let captured: DevMetaName[] = [];
  Object.defineProperty(names, 'model', {
    configurable: true,
    get: () => base.get(),
    set: (v: unknown) => {
      const list: unknown[] = Array.isArray(v) ? v : [];
      // Only the file's own list carries our names; later sets (another reader tidying the names) keep what was read.
      const ours = list.filter(isOurs);
      if (ours.length > 0) captured = ours.map((n) => ({ name: n.name, ref: n.ranges.join(',') }));
      base.set(list.filter((n) => !isOurs(n)));
    },
  });
  return () => captured;
}

// ---- the hooks export.ts and import.ts call -----------------------------------------------

export function exportDeveloperMetadata(wb: ExcelJS.Workbook, model: WorkbookModel): void {
  writeDeveloperMetadataNames(wb, developerMetadataNames(model));
}

/** Before loading: returns what, once the sheets are imported, puts the metadata on them. */
export function importDeveloperMetadata(wb: ExcelJS.Workbook): (model: WorkbookModel) => void {
  const read = captureDeveloperMetadataNames(wb);
  return (model) => applyDeveloperMetadataNames(read(), model);
}
