/**
 * Issue 15, the bulletin through the bundle and the local runner: publishing a month writes the
 * 督查通报 (its 期号 counted per year) and its 附件 问题清单, a sheet of Duban's own beside it, and
 * run.json names both; the exported .xlsx prints both on A4 portrait, one page wide.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SheetModel } from '../../runtime/model';
import { exportXlsx } from '../../runtime/xlsx';
import { runLocal } from '../../scripts/local';
import { job, runtimeFor, shDate, sheet, sheetFrom, workbookOf } from './harness';

const d = shDate;
const at9 = (y: number, m: number, day: number): Date => new Date(Date.UTC(y, m - 1, day, 1, 0));

function ledger() {
  const rows: unknown[][] = [
    ['序号', '问题描述', '问题类别', '点位', '责任单位', '责任人', '责任领导', '整改时限', '整改状态', '完成日期'],
    [1, '背街小巷垃圾堆积', '市容环境', '解放路32号', '市城管局', '张伟', '李强', d(2026, 11, 16), '整改中', ''],
    [2, '工地围挡破损', '市容环境', '', '市住建局', '', '', d(2026, 11, 18), '已销号', d(2026, 11, 17)],
    [3, '公交站牌破损', '交通秩序', '人民路站', '市交通局', '王芳', '', d(2026, 12, 20), '整改中', ''],
    [4, '占道经营', '市容环境', '', '市城管局', '', '', d(2026, 10, 20), '已销号', d(2026, 10, 19)],
  ];
  const directory = [['单位名称', '单位类别', '联系人邮箱'], ...['市城管局', '市住建局', '市交通局'].map((u) => [u, '市直部门', ''])];
  return workbookOf([sheetFrom('任务台账', rows), sheetFrom('责任单位', directory)]);
}

const lines = (s: SheetModel): string[] =>
  s.rows.map((r) =>
    Array.from(r ?? [], (c) => String(c?.value ?? ''))
      .join('|')
      .replace(/\|+$/, ''),
  );

describe('the month’s 督查通报 and its 问题清单', () => {
  it('counts the 期号 per year, writes the 问题清单 beside the 通报, and republishing replaces both', async () => {
    const rt = await runtimeFor(ledger(), at9(2026, 11, 2));
    job(rt, 'setup');
    const publish = (month: string) =>
      rt.run<{ ok: boolean; message: string; sheet: string; attachment: string }>(
        'publish',
        [{ authMode: 'FULL', triggerUid: 'p', month }],
        'installable',
      ).value;
    expect(publish('2026-10').ok).toBe(true);
    rt.clock.set(at9(2026, 12, 1));
    const nov = publish('2026-11');
    expect(nov.ok, nov.message).toBe(true);
    expect([nov.sheet, nov.attachment]).toEqual(['2026年11月督查通报', '2026年11月问题清单']);
    const page = lines(sheet(rt, '2026年11月督查通报'));
    expect(page[1]).toBe('第2期');
    expect(page).toContain('附件：2026年11月问题清单');
    expect(page).toContain('1. 背街小巷垃圾堆积（点位：解放路32号；责任单位：市城管局；责任人：张伟；责任领导：李强），逾期10个工作日。');

    const list = lines(sheet(rt, '2026年11月问题清单'));
    const header = list.findIndex((l) => l.startsWith('编号|'));
    expect(list[header]).toBe('编号|问题描述|问题类别|点位|责任单位|责任人|责任领导|整改时限|逾期|督办情况');
    expect(list.slice(header + 1).map((l) => l.split('|').slice(1, 9).join('|'))).toEqual([
      '背街小巷垃圾堆积|市容环境|解放路32号|市城管局|张伟|李强|2026年11月16日|逾期10个工作日',
      '公交站牌破损|交通秩序|人民路站|市交通局|王芳||2026年12月20日',
    ]);

    const names = () => rt.workbook.sheets.map((s) => s.name);
    const at = names().indexOf('2026年11月督查通报');
    expect(names()[at + 1]).toBe('2026年11月问题清单');
    const again = publish('2026-11');
    expect(again.ok).toBe(true);
    expect(names().filter((n) => n.startsWith('2026年11月'))).toEqual(['2026年11月督查通报', '2026年11月问题清单']);
    expect(lines(sheet(rt, '2026年11月督查通报'))[1]).toBe('第2期');
  });

  it('run.json names the 问题清单 as `attachment`; the exported .xlsx prints on A4 portrait, one page wide', async () => {
    const rt = await runtimeFor(ledger(), at9(2026, 11, 2));
    job(rt, 'setup');
    const dir = mkdtempSync(join(tmpdir(), 'duban-bulletin-'));
    const file = join(dir, 'ledger.xlsx');
    await exportXlsx(rt.workbook, file);
    const report = await runLocal({
      job: 'publish',
      workbook: file,
      now: at9(2026, 12, 1),
      out: join(dir, 'out'),
      timeZone: 'Asia/Shanghai',
      month: '2026-11',
    });
    expect(report.ok, report.message).toBe(true);
    const runJson = JSON.parse(readFileSync(report.outputs.runJson, 'utf8')) as { sheet: string; attachment: string };
    expect([runJson.sheet, runJson.attachment]).toEqual(['2026年11月督查通报', '2026年11月问题清单']);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report.outputs.workbook!);
    for (const name of ['2026年11月督查通报', '2026年11月问题清单']) {
      const setup = wb.getWorksheet(name)!.pageSetup;
      expect(
        { paper: setup.paperSize, orientation: setup.orientation, fit: setup.fitToPage, wide: setup.fitToWidth, tall: setup.fitToHeight },
        name,
      ).toEqual({
        paper: 9,
        orientation: 'portrait',
        fit: true,
        wide: 1,
        tall: 0,
      });
    }
    // The office's own sheets keep no print setup of Duban's.
    expect(wb.getWorksheet('任务台账')!.pageSetup.paperSize).toBeUndefined();
  });
});
