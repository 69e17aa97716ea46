/**
 * 督办记录 kept within bounds (issue 17, part "archive"): a campaign across the year end. The first
 * sweep of 2026 moves 2025's rows nothing reads any more to 督办记录（2025）, Duban's own sheet (an
 * office sheet of that name is left alone), and the 催办 of January still cites December's 文号.
 */
import { describe, expect, it } from 'vitest';
import { job, runtimeFor, shDate, sheet, sheetFrom, workbookOf } from './harness';

const at = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d, 1, 0));

describe('the first sweep of a year archives the closed year', () => {
  it('moves 2025’s spare rows to a marked sheet of its own, tells the admin, and the ladder goes on as before', async () => {
    const tasks = sheetFrom('任务台账', [
      ['序号', '问题描述', '点位', '责任单位', '配合单位', '整改时限', '整改状态'],
      [1, '背街小巷垃圾堆积', '人民路', '市城管局', '市住建局', shDate(2025, 11, 28), '整改中'],
    ]);
    const units = sheetFrom('责任单位', [
      ['单位名称', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱'],
      ['市城管局', '张伟', 'cgj@example.org', '李局长', 'cgj-head@example.org'],
      ['市住建局', '赵敏', 'zjj@example.org', '钱局长', 'zjj-head@example.org'],
    ]);
    const theirs = sheetFrom('督办记录（2025）', [['办公室自己的表']]);
    const rt = await runtimeFor(workbookOf([tasks, units, theirs]), at(2025, 12, 1));
    job(rt, 'setup');
    const settings = sheet(rt, '设置');
    const adminRow = settings.rows.findIndex((r) => r[0]?.value === '管理员邮箱');
    rt.spreadsheet.editAsUser('设置', `B${adminRow + 1}`, [['admin@example.org']]);
    for (const d of [1, 9, 16, 24]) {
      rt.clock.set(at(2025, 12, d));
      expect(job(rt, 'sweep').ok).toBe(true);
    }
    const log = sheet(rt, '督办记录');
    const before = log.rows.length;
    const decemberNumbers = [
      ...new Set(
        log.rows
          .slice(1)
          .map((r) => String(r[0]?.value ?? ''))
          .filter((n) => /^X?.*〔2025〕/.test(n)),
      ),
    ];

    rt.clock.set(at(2026, 1, 5));
    const sent = rt.outbox.length;
    const result = job(rt, 'sweep');
    expect(result.ok).toBe(true);
    const archive = sheet(rt, '督办记录（2025）（督办台账）');
    const moved = archive.rows.length - 1;
    expect(moved).toBeGreaterThan(0);
    expect(result.warnings).toContain(
      `督办记录：2025年已结束，${moved}行移至《督办记录（2025）（督办台账）》（同一文号发往其他地址的副本及每日汇总；每个文号的首次送达、限期和各类事件仍留在督办记录，督办阶梯不变）。`,
    );
    expect(result.warnings).toContain(
      '工作表《督办记录（2025）》是贵单位自己的，督办台账不读也不改它；督办台账自己的表建为《督办记录（2025）（督办台账）》（可改名，督办台账按标记识别它）。',
    );
    expect(sheet(rt, '督办记录（2025）').rows).toEqual(theirs.rows);
    // The admin's summary says so.
    const summary = rt.outbox.slice(sent).find((m) => m.to === 'admin@example.org');
    expect(summary?.body).toContain(`${moved}行移至《督办记录（2025）（督办台账）》`);
    // Every December 文号 the ladder cites is still in the log; the day's notice cites them.
    const left = new Set(log.rows.slice(1).map((r) => String(r[0]?.value ?? '')));
    for (const n of decemberNumbers) expect(left.has(n), n).toBe(true);
    expect(log.rows.length).toBeLessThan(before + 10);
    // A second sweep moves nothing more and says nothing of it.
    rt.clock.set(at(2026, 1, 6));
    expect(job(rt, 'sweep').warnings.filter((w) => w.includes('已结束'))).toEqual([]);
    expect(sheet(rt, '督办记录（2025）（督办台账）').rows.length - 1).toBe(moved);
  });
});
