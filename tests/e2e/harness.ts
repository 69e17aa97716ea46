/**
 * End-to-end harness: the real dist/Code.js in the local Apps Script runtime, on workbooks
 * built here cell by cell (as an office's sheet would hold them).
 */
import { LocalRuntime } from '../../runtime/index';
import { type Cell, newSheetModel, newWorkbookModel, type SheetModel, type WorkbookModel } from '../../runtime/model';
import { currentBundle } from '../../scripts/build';

let cached: string | undefined;

/** dist/Code.js as tests/global-setup.ts built it once for the whole run (read, never rebuilt here). */
export async function bundle(): Promise<string> {
  cached ??= await currentBundle();
  return cached;
}

/** Midnight in Asia/Shanghai, as a date cell there holds it. */
export function shDate(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d) - 8 * 3600_000);
}

/** The Shanghai calendar day of a Date, 'YYYY-MM-DD'. */
export function shDay(d: unknown): string {
  if (!(d instanceof Date)) return String(d);
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function sheetFrom(name: string, rows: unknown[][], id = 1): SheetModel {
  const sheet = newSheetModel(name, id, Math.max(1000, rows.length + 10), 26);
  sheet.rows = rows.map((r) =>
    r.map((v): Cell | undefined => {
      if (v === '' || v === null || v === undefined) return undefined;
      const cell: Cell = { value: v as Cell['value'] };
      if (v instanceof Date) cell.format = { numberFormat: 'yyyy-mm-dd' };
      return cell;
    }),
  );
  return sheet;
}

export function workbookOf(sheets: SheetModel[]): WorkbookModel {
  const wb = newWorkbookModel('test');
  wb.sheets = sheets;
  sheets.forEach((s, i) => {
    s.sheetId = i + 1;
  });
  return wb;
}

export async function runtimeFor(wb: WorkbookModel, now: Date): Promise<LocalRuntime> {
  const rt = new LocalRuntime({ workbook: wb, now, scriptTimeZone: 'Asia/Shanghai' });
  rt.load(await bundle(), 'Code.js');
  return rt;
}

export interface JobValue {
  ok: boolean;
  message: string;
  counts: Record<string, number>;
  warnings: string[];
  mails: { to: string; subject: string }[];
}

/** Runs a job as a time trigger would (an event object: no toast). */
export function job(rt: LocalRuntime, name: string): JobValue {
  return rt.run<JobValue>(name, [{ authMode: 'FULL', triggerUid: 'test' }], 'installable').value;
}

export function sheet(rt: LocalRuntime, name: string): SheetModel {
  const s = rt.workbook.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

export function value(s: SheetModel, row1: number, col1: number): unknown {
  return s.rows[row1 - 1]?.[col1 - 1]?.value ?? '';
}

/** The 1-based column whose header (in row headerRow1) is `text`. */
export function col(s: SheetModel, headerRow1: number, text: string): number {
  const row = s.rows[headerRow1 - 1] ?? [];
  const i = row.findIndex((c) => String(c?.value ?? '').replace(/\s/g, '') === text.replace(/\s/g, ''));
  if (i < 0) throw new Error(`no column ${text} in row ${headerRow1}: ${row.map((c) => c?.value).join('|')}`);
  return i + 1;
}

/** The 1-based row whose task text is `task`. */
export function rowOf(s: SheetModel, taskCol: number, task: string): number {
  const i = s.rows.findIndex((r) => r?.[taskCol - 1]?.value === task);
  if (i < 0) throw new Error(`no row for ${task}`);
  return i + 1;
}

/** A person types a value into 设置 (the row of `label`), as an office does after setup. */
export function setSetting(rt: LocalRuntime, label: string, value: string): void {
  const row = sheet(rt, '设置').rows.findIndex((r) => r?.[0]?.value === label);
  if (row < 0) throw new Error(`no setting ${label}`);
  rt.spreadsheet.editAsUser('设置', `B${row + 1}`, [[value]]);
}
