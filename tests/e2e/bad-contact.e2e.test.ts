/**
 * A bad contact address never stops the ladder (issue 14, "Every mail a 公文"): through the
 * bundle, a unit whose 联系人邮箱 is not an address gets its 督办 at its head's address on the
 * first day and its 催办 once that notice's 整改限期 has passed unmet, while the admin's summary of each
 * such day says the contact's address needs fixing.
 */
import { describe, expect, it } from 'vitest';
import { job, runtimeFor, shDate, sheet, sheetFrom, workbookOf } from './harness';

/** 09:00 in Shanghai on a day of 2026. */
const at = (m: number, d: number): Date => new Date(Date.UTC(2026, m - 1, d, 1, 0));

function campaign() {
  const tasks = sheetFrom('任务台账', [
    ['XX市创建全国文明城市问题整改台账'],
    ['序号', '问题描述', '点位', '责任单位', '配合单位', '整改时限', '整改状态'],
    [1, '老旧小区飞线充电', '幸福里', '市住建局', '', shDate(2026, 9, 18), '整改中'],
  ]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '单位类型', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱', '分管领导', '分管领导邮箱'],
    ['市住建局', '市直部门', '王丽', 'wangli#zjj.example.org', '钱局长', 'zjj-head@example.org', '王副市长', 'wang@example.org'],
  ]);
  return workbookOf([tasks, units]);
}

describe('a unit with a bad contact address', () => {
  it('gets its 整改通知 at its head’s address on the first day and its 催办 once the first is not met; the admin hears of the bad address', async () => {
    const rt = await runtimeFor(campaign(), at(9, 21));
    job(rt, 'setup');
    const settings = sheet(rt, '设置');
    const adminRow = settings.rows.findIndex((r) => r[0]?.value === '管理员邮箱');
    rt.spreadsheet.editAsUser('设置', `B${adminRow + 1}`, [['admin@example.org']]);

    const days: [number, number][] = [
      [9, 21],
      [9, 22],
      [9, 23],
      [9, 24],
      [9, 28],
      [9, 29],
      [9, 30],
      [10, 8],
    ];
    const seen: string[][] = [];
    for (const [m, d] of days) {
      rt.clock.set(at(m, d));
      const before = rt.outbox.length;
      expect(job(rt, 'sweep').ok).toBe(true);
      const mails = rt.outbox.slice(before);
      for (const mail of mails.filter((x) => x.to !== 'admin@example.org')) seen.push([`${m}-${d}`, mail.to, mail.cc ?? '', mail.subject]);
      // Each day a notice goes, the admin's summary says the contact's address is not valid (so it gets fixed).
      const summary = mails.find((x) => x.to === 'admin@example.org');
      if (mails.length > 1) expect(summary?.body, `summary on ${m}-${d}`).toContain('wangli#zjj.example.org');
    }
    expect(seen).toEqual([
      ['9-21', 'zjj-head@example.org', '', '【整改通知】市住建局：1项创城任务逾期未整改（督办〔2026〕1号）'],
      // The first notice's 整改限期 was 29 Sep (five working days over 中秋), not met: the 催办 goes out on 30 Sep.
      ['9-30', 'zjj-head@example.org', '', '【整改通知】市住建局：1项创城任务逾期未整改（督办〔2026〕2号）'],
    ]);
    // Nothing ever went to the bad address or to a guessed one.
    expect(rt.outbox.some((x) => `${x.to},${x.cc ?? ''}`.includes('zjj.example.org'))).toBe(false);
  });
});
