/**
 * Issue 17, the mails part, through the bundle: the local MailApp refuses a body past 200 KB
 * ("Limit Exceeded: Email Body Size.", text and HTML counted together) as Apps Script does, and
 * the admin's summary of the day 100 long-described tasks fail their 整改通知 still goes out,
 * summarised, saying how many rows it does not list and that 督办记录 has them all. The 整改通知
 * of that day, each with 20 long tasks, go out too.
 */
import { describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../runtime/index';
import { bundle, job, setSetting, shDate, sheet, sheetFrom, workbookOf } from './harness';

const at = (m: number, d: number): Date => new Date(Date.UTC(2026, m - 1, d, 1, 0));
const UNITS = ['市城管局', '市住建局', '市市场监管局', '市交通局', '市水务局'];
// An office pastes the inspection report into the cell: about 2,000 characters per task.
const LONG = '农贸市场周边占道经营、乱堆乱放、垃圾未及时清运，'.repeat(80);

function city() {
  const rows = Array.from({ length: 100 }, (_, i) => [
    i + 1,
    `${LONG}第${i + 1}处`,
    `第${i + 1}号点位`,
    UNITS[i % UNITS.length],
    shDate(2026, 11, 2),
    '整改中',
  ]);
  const tasks = sheetFrom('任务台账', [['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'], ...rows]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '联系人', '联系人邮箱'],
    ...UNITS.map((u, i) => [u, `联系人${i}`, `unit${i}@example.org`]),
  ]);
  return workbookOf([tasks, units]);
}

const bytes = (m: { body: string; htmlBody?: string }): number => Buffer.byteLength(m.body) + Buffer.byteLength(m.htmlBody ?? '');

describe('every mail under MailApp’s 200 KB body limit, through the bundle', () => {
  it('sends the admin’s summary of the day 100 long tasks fail, summarised, and every 整改通知', async () => {
    const rt = new LocalRuntime({ workbook: city(), now: at(11, 3), scriptTimeZone: 'Asia/Shanghai', mailQuota: 1500 });
    rt.load(await bundle(), 'Code.js');
    job(rt, 'setup');
    const settings = sheet(rt, '设置');
    const adminRow = settings.rows.findIndex((r) => r[0]?.value === '管理员邮箱');
    rt.spreadsheet.editAsUser('设置', `B${adminRow + 1}`, [['admin@example.org']]);

    let failureDay: { subject: string; body: string; html: string } | undefined;
    for (let d = 4; d <= 20 && !failureDay; d++) {
      const when = at(11, d);
      if ([0, 6].includes(new Date(when.getTime() + 8 * 3600_000).getUTCDay())) continue;
      rt.clock.set(when);
      const before = rt.outbox.length;
      const result = job(rt, 'sweep');
      expect(result.ok).toBe(true);
      expect(result.warnings.filter((w) => w.includes('管理员小结没能发出'))).toEqual([]);
      const mails = rt.outbox.slice(before);
      for (const m of mails) expect(bytes(m), m.subject).toBeLessThanOrEqual(200 * 1024);
      const summary = mails.find((m) => m.to === 'admin@example.org');
      if (summary?.subject.includes('未达整改要求100项')) {
        failureDay = { subject: summary.subject, body: summary.body, html: summary.htmlBody ?? '' };
        // Every unit got its 整改通知 that day (20 long tasks each): nothing refused for its size.
        const toUnits = mails.filter((m) => m.to !== 'admin@example.org').map((m) => m.to);
        expect(toUnits.sort()).toEqual(UNITS.map((_, i) => `unit${i}@example.org`));
      }
    }
    expect(failureDay, 'a day the 100 notices fail').toBeDefined();
    const { body, html } = failureDay!;
    expect(body).toMatch(/本邮件内容超过邮件正文上限（200 KB），已改为摘要：\d+行未逐项列出/);
    const note = body.match(/另有(\d+)行未在本邮件中列出，全部见《督办记录》：(\S+)/);
    expect(note).not.toBeNull();
    const listed = 100 - Number(note![1]);
    expect(listed).toBeGreaterThan(0);
    // The link opens 督办记录 in this spreadsheet.
    const logId = sheet(rt, '督办记录').sheetId;
    expect(note![2]).toMatch(new RegExp(`#gid=${logId}$`));
    expect(html).toContain(`#gid=${logId}`);
    // The log holds the summary as sent (已发送), not 发送失败.
    const log = sheet(rt, '督办记录');
    const summaryRows = log.rows.filter((r) => r.some((c) => String(c?.value ?? '').includes('未达整改要求100项')));
    expect(summaryRows.length).toBe(1);
    expect(summaryRows[0]!.some((c) => c?.value === '发送失败')).toBe(false);
  });
});

describe('a 通报 to every unit of a city past MailApp’s 50 addresses per mail', () => {
  it('goes to all 60 units and the 抄送 as mails of at most 50 addresses, each address once, all 已发送', async () => {
    const tasks = sheetFrom('任务台账', [
      ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'],
      [1, '背街小巷垃圾堆积', '人民路', '市第01局', shDate(2026, 11, 2), '整改中'],
    ]);
    const names = Array.from({ length: 60 }, (_, i) => `市第${String(i + 1).padStart(2, '0')}局`);
    const units = sheetFrom('责任单位', [
      ['单位名称', '联系人', '联系人邮箱'],
      ...names.map((u, i) => [u, `联系人${i}`, `unit${i}@example.org`]),
    ]);
    const rt = new LocalRuntime({ workbook: workbookOf([tasks, units]), now: at(11, 3), scriptTimeZone: 'Asia/Shanghai', mailQuota: 1500 });
    rt.load(await bundle(), 'Code.js');
    job(rt, 'setup');
    setSetting(rt, '管理员邮箱', 'admin@example.org');
    setSetting(rt, '通报抄送', 'dcs@example.org；jw@example.org');
    const circulars = [];
    // 3 Nov: the 整改通知; 11 Nov: it failed, the 催办; 19 Nov: that failed too: the 通报.
    for (const d of [3, 11, 19]) {
      rt.clock.set(at(11, d));
      const before = rt.outbox.length;
      const result = job(rt, 'sweep');
      expect(result.ok).toBe(true);
      circulars.push(...rt.outbox.slice(before).filter((m) => m.subject.startsWith('【通报】')));
    }
    const everyone = [...names.map((_, i) => `unit${i}@example.org`), 'dcs@example.org', 'jw@example.org'];
    const addressesOf = (m: { to: string; cc?: string }) =>
      [...m.to.split(','), ...(m.cc ?? '').split(',')].map((a) => a.trim()).filter((a) => a !== '');
    expect(circulars.length).toBe(2);
    for (const m of circulars) expect(addressesOf(m).length).toBeLessThanOrEqual(50);
    expect(circulars.flatMap(addressesOf).sort()).toEqual([...everyone].sort());
    expect(new Set(circulars.map((m) => m.subject)).size).toBe(1);
    // 督办记录: one row per address, each 已发送.
    const log = sheet(rt, '督办记录');
    const number = circulars[0]!.subject.match(/（(.+)）$/)![1]!;
    const rows = log.rows.filter((r) => r.some((c) => c?.value === `§${number}`));
    expect(rows.length).toBe(62);
    expect(rows.every((r) => r.some((c) => c?.value === '已发送'))).toBe(true);
  });
});
