/**
 * Issue 13, case 6: Duban's marks lost. A tool that drops defined names (an exceljs-based
 * rewrite; Google's import of an .xlsx, whose named ranges cannot contain '.') leaves Duban's
 * columns unmarked. The next sweeps must recognise Duban's own block by its run of headers,
 * mark it again and say so once; never read it as the office's header or columns, never add a
 * second block.
 *
 * The sample ledger is set up and swept, then the file goes through the damage, and the daily
 * sweeps go on through the runner's own .xlsx round trip (which keeps marks as defined names).
 * A control chain of the same days without the damage says what every cell and mail should be.
 */

import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LocalRuntime, type WorkbookModel } from '../../runtime/index';
import { exportXlsxBuffer, importXlsx } from '../../runtime/xlsx';
import { runJobOn } from '../../scripts/local';
import { bundle, shDay } from './harness';

const SAMPLE = join(resolve(__dirname, '../..'), 'samples', '创城台账示例.xlsx');
const DAYS = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30'];
const TZ = 'Asia/Shanghai';

type Damage = (file: Buffer) => Promise<WorkbookModel>;

/** The file read back with every developer metadata item gone: what a reader that dropped the `_DevMeta` names gives. */
const namesRemoved: Damage = async (file) => {
  const model = await importXlsx(file, { timeZone: TZ });
  model.developerMetadata = [];
  for (const s of model.sheets) s.developerMetadata = [];
  return model;
};

/** A real rewrite through exceljs (load, save): it drops the whole-column names that hold the marks. */
const exceljsRewrite: Damage = async (file) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const rewritten = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return importXlsx(rewritten, { timeZone: TZ });
};

interface Day {
  ok: boolean;
  counts: Record<string, number>;
  warnings: string[];
  mails: string[];
  tasks: string[][];
  marks: [string, number][];
}

function tasksSheet(model: WorkbookModel) {
  return model.sheets.find((s) => s.name === '任务台账')!;
}

function cellsOf(model: WorkbookModel): string[][] {
  return tasksSheet(model).rows.map((r) => (r ?? []).map((c) => shDay(c?.value ?? '')));
}

function columnMarks(model: WorkbookModel): [string, number][] {
  return (tasksSheet(model).developerMetadata ?? [])
    .filter((m) => m.key === 'duban.column' && m.location.type === 'COLUMN')
    .map((m): [string, number] => [String(m.value), m.location.type === 'COLUMN' ? m.location.index : -1])
    .sort((a, b) => a[1] - b[1]);
}

/**
 * Setup and the first sweep on the sample, then a sweep each following day; `damage` (if any)
 * is done to the file saved after `damageAfter` (an index into DAYS; every day when 'daily').
 */
async function chain(damage?: Damage, damageAfter: number | 'daily' = 0): Promise<Day[]> {
  const code = await bundle();
  let model = await importXlsx(SAMPLE, { timeZone: TZ });
  const days: Day[] = [];
  for (const [i, day] of DAYS.entries()) {
    const rt = new LocalRuntime({ workbook: model, now: new Date(`${day}T01:00:00Z`), scriptTimeZone: TZ });
    rt.load(code, 'Code.js');
    if (i === 0) expect(runJobOn(rt, 'setup').value.ok).toBe(true);
    const run = runJobOn(rt, 'sweep');
    const v = run.value as { ok: boolean; counts: Record<string, number>; warnings: string[] };
    days.push({
      ok: v.ok,
      counts: v.counts,
      warnings: v.warnings,
      mails: run.mails.map((m) => `${m.to} | ${m.subject}`),
      tasks: cellsOf(rt.workbook),
      marks: columnMarks(rt.workbook),
    });
    const file = await exportXlsxBuffer(rt.workbook);
    model = damage && (damageAfter === 'daily' || damageAfter === i) ? await damage(file) : await importXlsx(file, { timeZone: TZ });
  }
  return days;
}

const READOPTED = /督办台账自己的列失去了标记/;

/** The days as they go without any damage (run once for the whole file). */
let controlRun: Promise<Day[]> | undefined;
const controlChain = (): Promise<Day[]> => {
  controlRun ??= chain();
  return controlRun;
};

describe.each([
  ['the marks removed from the workbook', namesRemoved],
  ['the file rewritten by exceljs', exceljsRewrite],
])('Duban’s columns after %s', (_, damage) => {
  it('are recognised and marked again: the same cells, mails and columns as if nothing happened, one warning', async () => {
    const control = await controlChain();
    const damaged = await chain(damage);
    // The control keeps its 11 columns marked, sends notices, and never warns of lost marks.
    expect(control[0]!.marks).toHaveLength(11);
    expect(control[0]!.mails.length).toBeGreaterThan(0);
    for (const d of control) expect(d.warnings.filter((w) => READOPTED.test(w))).toEqual([]);

    for (const [i, d] of damaged.entries()) {
      const c = control[i]!;
      expect([DAYS[i], d.ok]).toEqual([DAYS[i], true]);
      // No second block: not a column added, the same cells in every row, the same mails.
      expect([DAYS[i], d.counts.columnsAdded]).toEqual([DAYS[i], 0]);
      expect(d.tasks).toEqual(c.tasks);
      expect(d.mails).toEqual(c.mails);
      expect(d.marks).toEqual(c.marks);
      // One warning, on the day the marks were found missing, naming the columns marked again.
      const extra = d.warnings.filter((w) => !c.warnings.includes(w));
      if (i === 1) {
        expect(extra).toHaveLength(1);
        expect(extra[0]).toMatch(READOPTED);
        expect(extra[0]).toContain('《任务台账》第3行');
        expect(extra[0]).toContain('K 督办状态、L 认定时限、M 逾期天数、N 督办次数');
        expect(extra[0]).toContain('U 系统编号');
      } else {
        expect([DAYS[i], extra]).toEqual([DAYS[i], []]);
      }
    }
  });
});

describe('Duban’s columns when every save drops the marks', () => {
  it('are recognised each day, never read as the office’s, never doubled', async () => {
    const control = await controlChain();
    const damaged = await chain(exceljsRewrite, 'daily');
    for (const [i, d] of damaged.entries()) {
      expect([DAYS[i], d.counts.columnsAdded]).toEqual([DAYS[i], 0]);
      expect(d.tasks).toEqual(control[i]!.tasks);
      expect(d.mails).toEqual(control[i]!.mails);
      // The header row keeps 21 columns: the office's 10 and Duban's 11.
      expect(d.tasks[2]).toHaveLength(21);
      if (i > 0) expect(d.warnings.filter((w) => READOPTED.test(w))).toHaveLength(1);
    }
    // The task notified once (督办次数 1) is still open and overdue: its 督办次数 is not read as 是否销号.
    const last = damaged.at(-1)!.tasks;
    const first = last.find((r) => r[20] === 'DB-0001')!;
    expect(first[10]).toBe('逾期');
  });
});

describe('setup run on a ledger whose marks were dropped', () => {
  it('marks Duban’s columns again and says so, adds none; the next sweep has nothing to say about it', async () => {
    const code = await bundle();
    const at = (day: string, model: WorkbookModel): LocalRuntime => {
      const rt = new LocalRuntime({ workbook: model, now: new Date(`${day}T01:00:00Z`), scriptTimeZone: TZ });
      rt.load(code, 'Code.js');
      return rt;
    };
    const first = at(DAYS[0]!, await importXlsx(SAMPLE, { timeZone: TZ }));
    runJobOn(first, 'setup');
    runJobOn(first, 'sweep');
    const marks = columnMarks(first.workbook);
    const rt = at(DAYS[1]!, await exceljsRewrite(await exportXlsxBuffer(first.workbook)));
    const setup = runJobOn(rt, 'setup').value as { ok: boolean; message: string; warnings: string[] };
    expect(setup.ok).toBe(true);
    const said = setup.warnings.filter((w) => READOPTED.test(w));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^《任务台账》第3行: .*K 督办状态、.*U 系统编号。/);
    expect(setup.message).not.toBe('台账完整，无需修复。');
    expect(setup.warnings.join('\n')).not.toContain('添加了列');
    expect(columnMarks(rt.workbook)).toEqual(marks);
    expect(tasksSheet(rt.workbook).rows[2]).toHaveLength(21);
    const sweep = runJobOn(rt, 'sweep').value as { counts: Record<string, number>; warnings: string[] };
    expect(sweep.counts.columnsAdded).toBe(0);
    expect(sweep.warnings.filter((w) => READOPTED.test(w))).toEqual([]);
  });
});
