/**
 * An office's defined names (named ranges, constants such as Rate = 0.05, formulas, print areas
 * and print titles, sheet-scoped names), kept as the workbook wrote them.
 *
 * exceljs keeps only names whose text is a plain absolute range, drops their sheet scope and
 * rebuilds print areas from its own page setup (first area only). So the names are read from
 * xl/workbook.xml here, and written back through exceljs's own <definedName> writer with the
 * text as it was (the writer puts the text out verbatim, XML-escaped).
 * Names starting with `_DevMeta.` are developer metadata, handled by runtime/xlsx/metadata.ts:
 * they stay in exceljs's own list and are not kept here.
 */
import type ExcelJS from 'exceljs';
import { zipEntries, zipEntryData } from './zip.js';

const DEVMETA_PREFIX = '_DevMeta.';

export interface RawDefinedName {
  name: string;
  /** The name's text as in the file, e.g. `'任务台账'!$A$3:$R$3`, `0.05` or `OFFSET(...)`. */
  text: string;
  /** The sheet a sheet-scoped name belongs to (localSheetId in the file). */
  scope?: ExcelJS.Worksheet;
}

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/** The defined names of the workbook in `buf` (an .xlsx), scoped to exceljs's worksheets in file order. */
export function readDefinedNames(buf: Buffer, sheetsInFileOrder: ExcelJS.Worksheet[]): RawDefinedName[] {
  const entry = zipEntries(buf)?.find((e) => e.name === 'xl/workbook.xml');
  const xml = entry ? zipEntryData(buf, entry)?.toString('utf8') : undefined;
  if (!xml) return [];
  const out: RawDefinedName[] = [];
  const element = /<(?:\w+:)?definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?definedName>)/g;
  for (const m of xml.matchAll(element)) {
    const attrs = new Map<string, string>();
    for (const a of m[1].matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) attrs.set(a[1], decodeXml(a[2]));
    const name = attrs.get('name');
    const text = decodeXml(m[2] ?? '');
    if (!name || name.startsWith(DEVMETA_PREFIX) || text === '') continue;
    const local = attrs.get('localSheetId');
    const raw: RawDefinedName = { name, text };
    if (local !== undefined) {
      const scope = sheetsInFileOrder[Number(local)];
      if (!scope) continue;
      raw.scope = scope;
    }
    out.push(raw);
  }
  return out;
}

/** Empties exceljs's own copy of the names kept here, and its print setup rebuilt from them. */
export function forgetNamesKeptRaw(wb: ExcelJS.Workbook): void {
  const names = wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] };
  names.model = names.model.filter((n) => n.name.startsWith(DEVMETA_PREFIX));
  for (const ws of wb.worksheets) {
    const setup = ws.pageSetup as Partial<ExcelJS.PageSetup> | undefined;
    if (!setup) continue;
    delete setup.printArea;
    delete setup.printTitlesRow;
    delete setup.printTitlesColumn;
  }
}

interface NameModel {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

/**
 * Makes exceljs write `raw` (as they stand when it writes) before the names it holds itself.
 * Sheet scopes become the scoped sheet's index in the written order; a name scoped to a sheet
 * that is gone is dropped, as Excel drops it with its sheet.
 */
export function installRawNames(wb: ExcelJS.Workbook, raw: () => RawDefinedName[]): void {
  const names = wb.definedNames as unknown as object;
  const proto: unknown = Object.getPrototypeOf(names);
  const own = Object.getOwnPropertyDescriptor(proto, 'model');
  if (!own?.get || !own.set) return;
  const getOwn = own.get;
  const setOwn = own.set;
  Object.defineProperty(names, 'model', {
    configurable: true,
    get(): NameModel[] {
      const order = wb.worksheets;
      const kept: NameModel[] = [];
      for (const n of raw()) {
        if (n.scope === undefined) {
          kept.push({ name: n.name, ranges: [n.text] });
          continue;
        }
        const index = order.indexOf(n.scope);
        if (index >= 0) kept.push({ name: n.name, ranges: [n.text], localSheetId: index });
      }
      return [...kept, ...(getOwn.call(names) as NameModel[])];
    },
    set(value: unknown): void {
      setOwn.call(names, value);
    },
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A pattern for `'Sheet'!` or `Sheet!` (unquoted only where Excel allows it). */
export function sheetPrefixPattern(name: string): string {
  const quoted = escapeRegExp(quoteSheet(name));
  return `(?:${quoted}|(?<![\\p{L}\\p{N}_.'])${escapeRegExp(name)})!`;
}

/** Points references to a renamed sheet at its new name. */
export function renameSheetIn(text: string, from: string, to: string): string {
  return text.replace(new RegExp(sheetPrefixPattern(from), 'gu'), `${quoteSheet(to)}!`);
}

const CELL_OR_RANGE = String.raw`\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+`;

/** References to a deleted sheet become #REF!, as Excel shows them. */
export function dropSheetIn(text: string, name: string): string {
  return text.replace(new RegExp(`${sheetPrefixPattern(name)}(?:${CELL_OR_RANGE})`, 'gu'), '#REF!');
}

/**
 * Rewrites the A1 references to one sheet in a name's text (`'S'!$A$1:$C$9`, `S!$B:$B`,
 * `S!$3:$3`) with `move`, which returns the new reference or undefined for #REF!.
 */
export function rewriteSheetRefs(text: string, sheet: string, move: (ref: string) => string | undefined): string {
  const re = new RegExp(`(${sheetPrefixPattern(sheet)})(${CELL_OR_RANGE})(?![\\w(])`, 'gu');
  return text.replace(re, (_, prefix: string, ref: string) => {
    const moved = move(ref);
    return moved === undefined ? '#REF!' : `${prefix}${moved}`;
  });
}
