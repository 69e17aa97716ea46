/**
 * 当场下单 through the bundle (issue 16, pages): an inspector's order appends one row after the
 * ledger's last row (a totals row with a formula and merged cells above it keep value, formula
 * and format), in the ledger's own columns and the last task row's formats, keyed at once; the
 * unit's 整改通知 (当场下单) is in the outbox within the same call, numbered, logged like the
 * sweep's; the next sweep sends no second first notice. A disabled inspector and an unknown unit
 * are refused and nothing is written.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../runtime/index';
import { encodeLink } from '../../src/core/webapp/token';
import { bundle, col, job, shDate, shDay, sheet, sheetFrom, value, workbookOf } from './harness';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0)); // Wednesday 25 November 2026, 09:00 in Shanghai
const DAY = 86_400_000;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString('base64');

function office() {
  const tasks = sheetFrom('任务台账', [
    ['创城任务台账'],
    ['序号', '交办日期', '问题描述', '点位', '问题类别', '责任单位', '整改时限', '整改状态', '备注'],
    [1, shDate(2026, 11, 2), '背街小巷垃圾堆积', '人民路', '环境卫生', '市城管局', shDate(2026, 11, 30), '整改中', ''],
    [2, shDate(2026, 11, 3), '共享单车乱停放', '解放路', '交通秩序', '市交通局', shDate(2026, 12, 10), '整改中', ''],
    ['合计', '', '', '', '', '', '', '', 2],
  ]);
  // The last task row's look: bold red description, a date format on 交办日期, a border.
  const last = tasks.rows[3]!;
  last[2] = { value: '共享单车乱停放', format: { fontWeight: 'bold', fontColor: '#cc0000', borders: { bottom: { style: 'SOLID' } } } };
  last[1] = { value: shDate(2026, 11, 3), format: { numberFormat: 'yyyy"年"m"月"d"日"' } };
  tasks.rows[4]![8] = { value: 2, formula: '=COUNTA(C3:C4)', format: { fontWeight: 'bold', background: '#eeeeee' } };
  tasks.merges.push({ startRow: 0, startColumn: 0, endRow: 1, endColumn: 9 }, { startRow: 4, startColumn: 0, endRow: 5, endColumn: 8 });
  const units = sheetFrom('责任单位', [
    ['单位名称', '联系人', '联系人邮箱'],
    ['市城管局', '张伟', 'cgj@example.org'],
    ['市交通局', '李明', 'jtj@example.org'],
    ['市水务局', '赵六', ''],
  ]);
  const inspectors = sheetFrom('督查员', [
    ['姓名', '邮箱', '启用'],
    ['王督查', 'wang@example.org', '是'],
    ['赵督查', 'zhao@example.org', '否'],
  ]);
  return workbookOf([tasks, units, inspectors]);
}

function tokenFor(rt: LocalRuntime, subject: string): string {
  const secret = rt.properties.script.get('duban.webapp.secret')!;
  const sign = (p: string) => createHmac('sha256', secret).update(p).digest('base64url');
  return encodeLink({ role: 'inspector', subject, generation: 0, expires: NOW.getTime() + 30 * DAY }, sign);
}

/** The office set up and swept once; `drive: false`: a Drive that throws at every call (no folder behind it). */
async function ready({ drive = true } = {}): Promise<LocalRuntime> {
  const rt = new LocalRuntime({
    workbook: office(),
    now: NOW,
    scriptTimeZone: 'Asia/Shanghai',
    ...(drive ? { driveDir: mkdtempSync(join(tmpdir(), 'duban-order-')) } : {}),
  });
  rt.load(await bundle(), 'Code.js');
  job(rt, 'setup');
  job(rt, 'sweep');
  rt.outbox.length = 0;
  return rt;
}

const order = (over: Record<string, unknown> = {}) => ({
  unit: '市城管局',
  description: '=HYPERLINK("x") <script>alert(1)</script> 井盖缺失',
  place: '中山路与人民路口',
  category: '市政设施',
  deadlineText: '3个工作日内',
  lat: 30.274085,
  lng: 120.15507,
  photos: [{ name: 'a.jpg', mimeType: 'image/jpeg', base64: JPEG }],
  ...over,
});

type Result = { ok: boolean; receipt?: string; message: string };
const submit = (rt: LocalRuntime, token: string, form: unknown) => rt.run<Result>('webappSubmitOrder', [token, form]).value;

describe('当场下单 (an inspector files a problem on site)', () => {
  it('appends one row in the ledger’s columns and formats, keyed, and sends the unit its 整改通知 (当场下单) in the same call', async () => {
    const rt = await ready();
    const ledger = sheet(rt, '任务台账');
    const totalsBefore = structuredClone(ledger.rows[4]);
    const mergesBefore = structuredClone(ledger.merges);
    const rowsBefore = ledger.rows.filter((r) => r && r.some((c) => c && c.value !== '')).length;
    const result = submit(rt, tokenFor(rt, 'wang@example.org'), order());
    expect(result).toEqual({ ok: true, receipt: 'DB-0003', message: '已交办，编号DB-0003；整改通知督办〔2026〕1号已发送市城管局。' });
    // One row more, after the totals row; the totals row and the merges as they were.
    expect(ledger.rows.filter((r) => r && r.some((c) => c && c.value !== '')).length).toBe(rowsBefore + 1);
    // (The first order adds Duban's column 现场照片: the totals row's cell in it is empty, formatted as that column.)
    expect(ledger.rows[4]!.slice(0, totalsBefore!.length)).toEqual(totalsBefore);
    expect(ledger.rows[4]!.slice(totalsBefore!.length).map((c) => c?.value ?? '')).toEqual(['']);
    expect(ledger.merges).toEqual(mergesBefore);
    const at = (h: string) => value(ledger, 6, col(ledger, 2, h));
    expect(at('序号')).toBe(3);
    expect(shDay(at('交办日期'))).toBe('2026-11-25');
    expect(at('问题描述')).toBe('=HYPERLINK("x") <script>alert(1)</script> 井盖缺失');
    expect(ledger.rows[5]![col(ledger, 2, '问题描述') - 1]!.formula).toBeUndefined();
    expect(at('点位')).toBe('中山路与人民路口');
    expect(at('问题类别')).toBe('市政设施');
    expect(at('责任单位')).toBe('市城管局');
    expect(at('整改时限')).toBe('3个工作日内');
    expect(at('整改状态')).toBe('');
    expect(at('备注')).toBe('现场交办：王督查；位置：30.274085,120.155070');
    expect(at('系统编号')).toBe('DB-0003');
    // The last task row's formats, not its values.
    expect(ledger.rows[5]![1]!.format?.numberFormat).toBe('yyyy"年"m"月"d"日"');
    expect(ledger.rows[5]![2]!.format).toMatchObject({ fontWeight: 'bold', fontColor: '#cc0000', borders: { bottom: { style: 'SOLID' } } });
    // The notice: in the outbox already, numbered in the 整改通知 series, marked 当场下单.
    expect(rt.outbox).toHaveLength(1);
    const mail = rt.outbox[0]!;
    expect(mail.to).toBe('cgj@example.org');
    expect(mail.subject).toBe('【整改通知】市城管局：当场下单交办问题（督办〔2026〕1号）');
    expect(mail.body).toContain('整改通知（当场下单）');
    expect(mail.body).toContain('（当场下单）2026年11月25日，督查员王督查现场检查发现下列问题，当场交办你单位。');
    expect(mail.body).toContain('请于2026年11月30日前整改到位');
    expect(mail.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.htmlBody).not.toContain('<script>');
    // Logged like the sweep's notices: 第1次 of the 整改通知 series, 已发送.
    const log = sheet(rt, '督办记录');
    const last = log.rows
      .filter((r) => r?.some((c) => c && c.value !== ''))
      .at(-1)!
      .map((c) => c?.value ?? '');
    expect(last).toContain('督办〔2026〕1号');
    expect(last).toContain('DB-0003');
    expect(last).toContain('已发送');
  });

  it('keeps the photos’ links in Duban’s own column 现场照片 on the appended row, added only when an order is filed; office cells untouched', async () => {
    const rt = await ready();
    const ledger = sheet(rt, '任务台账');
    // Before any order: no such column (an office that never files on site does not see it).
    expect(ledger.rows[1]!.map((c) => c?.value)).not.toContain('现场照片');
    const officeBefore = structuredClone(ledger.rows.slice(0, 5).map((r) => (r ?? []).slice(0, 9)));
    const two = [
      { name: 'a.jpg', mimeType: 'image/jpeg', base64: JPEG },
      { name: 'b.jpg', mimeType: 'image/jpeg', base64: JPEG },
    ];
    const result = submit(rt, tokenFor(rt, 'wang@example.org'), order({ photos: two }));
    expect(result.ok).toBe(true);
    const column = col(ledger, 2, '现场照片');
    const links = String(value(ledger, 6, column)).split('\n');
    expect(links).toHaveLength(2);
    expect(links.map((l) => decodeURI(l).replace(/^.*\//, ''))).toEqual(['DB-0003_现场_2026-11-25_1.jpg', 'DB-0003_现场_2026-11-25_2.jpg']);
    // The same links the unit's notice carries.
    for (const l of links) expect(rt.outbox[0]!.body).toContain(l);
    // Duban's column: marked, plain text; no other row has a value in it; the office's cells as they were.
    expect(ledger.rows[5]![column - 1]!.format?.numberFormat).toBe('@');
    expect(ledger.rows.map((r, i) => (i === 5 || i === 1 ? '' : (r?.[column - 1]?.value ?? '')))).toEqual(ledger.rows.map(() => ''));
    expect(ledger.rows.slice(0, 5).map((r) => (r ?? []).slice(0, 9))).toEqual(officeBefore);
    // The next sweep keeps them.
    job(rt, 'sweep');
    expect(String(value(ledger, 6, column)).split('\n')).toEqual(links);
  });

  it('the next sweep sends no second first notice for it; the ladder goes on after its 限期', async () => {
    const rt = await ready();
    submit(rt, tokenFor(rt, 'wang@example.org'), order({ description: '井盖缺失' }));
    rt.outbox.length = 0;
    rt.setNow(new Date(NOW.getTime() + DAY));
    job(rt, 'sweep');
    expect(rt.outbox.filter((m) => m.to === 'cgj@example.org' && m.body.includes('井盖缺失'))).toEqual([]);
    // Past 30 November (its 限期): a failure, and the 2nd notice cites the 当场下单 one.
    rt.setNow(new Date(Date.UTC(2026, 11, 1, 1, 0)));
    rt.outbox.length = 0;
    job(rt, 'sweep');
    const urged = rt.outbox.find((m) => m.to === 'cgj@example.org' && m.body.includes('井盖缺失'));
    expect(urged?.body).toContain('第2次督办');
    expect(urged?.body).toContain('督办〔2026〕1号');
  });

  it('refuses a disabled inspector and an unknown unit, writing nothing', async () => {
    const rt = await ready();
    const before = JSON.stringify(sheet(rt, '任务台账').rows);
    const logBefore = JSON.stringify(sheet(rt, '督办记录').rows);
    expect(submit(rt, tokenFor(rt, 'zhao@example.org'), order()).message).toMatch(/^链接无法使用，未提交：这个链接已被督查办停用/);
    expect(submit(rt, tokenFor(rt, 'wang@example.org'), order({ unit: '市宣传部' }))).toEqual({
      ok: false,
      message: '《责任单位》中没有单位“市宣传部”，未交办。请从列表中选择责任单位。',
    });
    expect(submit(rt, tokenFor(rt, 'wang@example.org'), order({ unit: '市水务局' }))).toEqual({
      ok: false,
      message: '《责任单位》中“市水务局”没有有效的邮箱，整改通知无法送达，未交办。请联系督查办补全该单位的邮箱。',
    });
    expect(JSON.stringify(sheet(rt, '任务台账').rows)).toBe(before);
    expect(JSON.stringify(sheet(rt, '督办记录').rows)).toBe(logBefore);
    expect(rt.outbox).toEqual([]);
  });

  it('a Drive that throws: the order is refused with the reason, and ledger, 任务索引, counters, 督办记录 and outbox are as they were', async () => {
    const rt = await ready({ drive: false });
    const snapshot = () =>
      JSON.stringify({
        ledger: sheet(rt, '任务台账').rows,
        merges: sheet(rt, '任务台账').merges,
        index: sheet(rt, '任务索引').rows,
        log: sheet(rt, '督办记录').rows,
        counters: [...rt.properties.document.entries()],
      });
    const before = snapshot();
    const result = submit(rt, tokenFor(rt, 'wang@example.org'), order());
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^现场照片未能保存，未交办：Drive: this local runtime was given no Drive folder/);
    expect(snapshot()).toBe(before);
    expect(rt.outbox).toEqual([]);
    // Without photos the same order goes: nothing of the failed one stands in its way (its key is the next one).
    expect(submit(rt, tokenFor(rt, 'wang@example.org'), order({ photos: [] }))).toMatchObject({ ok: true, receipt: 'DB-0003' });
  });
});
