/**
 * Issue 16, feedback, at the edge on the local runtime: the real bundle sets the workbook up and
 * keys the ledger; a unit's reply (acceptReply, bundled from tests/gas/feedback-entry.ts as the
 * web app calls it) is recorded: its row in 整改反馈, the ledger's 反馈日期 / 反馈状态 / 整改照片
 * (no office cell touched), the 回执 mailed once; a second reply while 待验收, a matter of another
 * unit and a broken form are refused with nothing written; what a unit typed stays text. Then the
 * verifier's 退回 and 通过 as the sweep acts on them.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import { LocalRuntime as Runtime } from '../../runtime/index';
import { bundle, col, job, setSetting, shDate, shDay, sheet, sheetFrom, value, workbookOf } from '../e2e/harness';

const at = (m: number, d: number, h = 1): Date => new Date(Date.UTC(2026, m - 1, d, h, 0));

async function testBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'feedback-entry.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'FeedbackTest',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
  });
  return `${result.outputFiles[0]!.text}\nfunction submitReply() {\n  return FeedbackTest.submitReply.apply(this, arguments);\n}\n`;
}

function campaign() {
  const tasks = sheetFrom('任务台账', [
    ['序号', '问题描述', '点位', '责任单位', '配合单位', '整改时限', '整改状态', '备注'],
    [1, '背街小巷垃圾堆积', '人民路', '市城管局', '市住建局', shDate(2026, 11, 20), '整改中', '=创城办'],
    [2, '老旧小区飞线充电', '幸福里', '市住建局', '', shDate(2026, 11, 20), '整改中', ''],
    [3, '公厕保洁不到位', '火车站', '市城管局', '', shDate(2026, 11, 10), '已销号', ''],
  ]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '单位类型', '联系人', '联系人邮箱', '主要负责人', '主要负责人邮箱'],
    ['市城管局', '市直部门', '张伟', 'cgj@example.org', '李局长', 'cgj-head@example.org'],
    ['市住建局', '市直部门', '赵敏', 'zjj@example.org', '钱局长', 'zjj-head@example.org'],
  ]);
  return workbookOf([tasks, units]);
}

/** A tiny JPEG's first bytes (FF D8 FF E0 …), as base64. */
const JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/';

interface Submitted {
  ok: boolean;
  receipt?: string;
  message: string;
  stored: string[];
}

async function started(): Promise<{ rt: LocalRuntime; keys: string[] }> {
  const rt = new Runtime({ workbook: campaign(), now: at(11, 25), scriptTimeZone: 'Asia/Shanghai' });
  rt.load(`${await bundle()}\n${await testBundle()}`, 'Code.js');
  job(rt, 'setup');
  setSetting(rt, '管理员邮箱', 'admin@example.org');
  setSetting(rt, '机关代字', 'X创城督');
  job(rt, 'sweep');
  const s = sheet(rt, '任务台账');
  const key = col(s, 1, '系统编号');
  return { rt, keys: [2, 3, 4].map((r) => String(value(s, r, key))) };
}

function submit(rt: LocalRuntime, unit: string, key: string, extra: Record<string, unknown> = {}): Submitted {
  const reply = {
    key,
    measures: '已清运垃圾，设置果皮箱两个',
    doneDate: '2026-11-25',
    person: '张伟',
    photosAfter: [{ name: 'after.jpg', mimeType: 'image/jpeg', base64: JPEG }],
    photosBefore: [{ name: 'before.jpg', mimeType: 'image/jpeg', base64: JPEG }],
    ...extra,
  };
  return JSON.parse(rt.run<string>('submitReply', [unit, reply], 'installable').value) as Submitted;
}

/** A sheet's rows as text (dates as their day), header first. */
function rows(rt: LocalRuntime, name: string): string[][] {
  return sheet(rt, name).rows.map((r) => (r ?? []).map((c) => (c?.value instanceof Date ? shDay(c.value) : String(c?.value ?? ''))));
}

function cellsOf(rt: LocalRuntime, name: string) {
  return JSON.stringify(sheet(rt, name).rows);
}

describe('a unit’s reply (acceptReply)', () => {
  it('is recorded: 整改反馈 row, the ledger’s three cells, the 回执 mailed once; no office cell touched', async () => {
    const { rt, keys } = await started();
    const ledger = sheet(rt, '任务台账');
    const officeBefore = JSON.stringify(ledger.rows.map((r) => (r ?? []).slice(0, 8)));
    const outbox = rt.outbox.length;
    rt.clock.set(at(11, 25, 3));
    const out = submit(rt, '市城管局', keys[0]!, { measures: '=HYPERLINK("http://evil")', person: '+张伟' });
    expect(out).toMatchObject({ ok: true, receipt: 'X创城督回执〔2026〕1号', stored: [keys[0], keys[0]] });
    expect(out.message).toBe(
      `已收到任务${keys[0]}的整改情况，回执编号X创城督回执〔2026〕1号。验收结果将另行通知。回执已发送至cgj@example.org。`,
    );
    const fb = rows(rt, '整改反馈');
    expect(fb[0]).toEqual([
      '回执编号',
      '提交时间',
      '任务编号',
      '问题描述',
      '点位',
      '责任单位',
      '整改措施',
      '完成日期',
      '责任人',
      '整改前照片',
      '整改后照片',
      '验收结果',
      '验收意见',
      '处理情况',
    ]);
    expect(fb[1]).toEqual([
      'X创城督回执〔2026〕1号',
      '2026-11-25',
      keys[0],
      '背街小巷垃圾堆积',
      '人民路',
      '市城管局',
      '=HYPERLINK("http://evil")',
      '2026-11-25',
      '+张伟',
      `https://drive.example/${keys[0]}/before-1.jpg`,
      `https://drive.example/${keys[0]}/after-1.jpg`,
      '',
      '',
      '',
    ]);
    // Formula-looking text stays text: no formula in the row.
    expect(sheet(rt, '整改反馈').rows[1]!.some((c) => c?.formula)).toBe(false);
    // The ledger: the office's cells exactly as they were; Duban's three reply columns on the row.
    expect(JSON.stringify(ledger.rows.map((r) => (r ?? []).slice(0, 8)))).toBe(officeBefore);
    const header = rows(rt, '任务台账')[0]!;
    const [date, state, photos] = ['反馈日期', '反馈状态', '整改照片'].map((h) => header.indexOf(h));
    expect([date, state, photos].every((c) => c! > header.indexOf('系统编号'))).toBe(true);
    expect([rows(rt, '任务台账')[1]![date!], rows(rt, '任务台账')[1]![state!], rows(rt, '任务台账')[1]![photos!]]).toEqual([
      '2026-11-25',
      '待验收',
      `https://drive.example/${keys[0]}/after-1.jpg`,
    ]);
    // The 回执, once, to the unit's contact; logged as 回执.
    const mails = rt.outbox.slice(outbox);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([
      ['cgj@example.org', '回执：市城管局报送“背街小巷垃圾堆积”整改情况（X创城督回执〔2026〕1号）'],
    ]);
    expect(mails[0]!.body).toContain('整改措施：=HYPERLINK("http://evil")');
    expect(mails[0]!.htmlBody).not.toContain('<a href="http://evil"');
    const log = rows(rt, '督办记录');
    const level = log[0]!.indexOf('级别');
    expect(log.filter((r) => r[level] === '回执').map((r) => [r[0], r[log[0]!.indexOf('结果')]])).toEqual([
      ['X创城督回执〔2026〕1号', '已发送'],
    ]);
  });

  it('refuses a second reply while 待验收, a matter of another unit, a closed one and a broken form: nothing written, nothing stored', async () => {
    const { rt, keys } = await started();
    expect(submit(rt, '市城管局', keys[0]!).ok).toBe(true);
    const before = [cellsOf(rt, '任务台账'), cellsOf(rt, '整改反馈'), cellsOf(rt, '督办记录')];
    const outbox = rt.outbox.length;
    const again = submit(rt, '市城管局', keys[0]!);
    expect(again).toEqual({
      ok: false,
      message: `任务${keys[0]}已于2026-11-25报送（回执X创城督回执〔2026〕1号），正在等待验收，验收前不能再次报送`,
      stored: [],
    });
    // 市住建局 is only a 配合单位 of the first matter; the second is not 市城管局's.
    expect(submit(rt, '市住建局', keys[0]!).message).toBe(
      `任务${keys[0]}不是市住建局牵头的事项，本单位不能报送（配合单位的情况请报牵头单位汇总）`,
    );
    expect(submit(rt, '市城管局', keys[1]!).message).toBe(
      `任务${keys[1]}不是市城管局牵头的事项，本单位不能报送（配合单位的情况请报牵头单位汇总）`,
    );
    expect(submit(rt, '市城管局', keys[2]!).message).toBe(`任务${keys[2]}已销号，无需再报送`);
    expect(submit(rt, '市城管局', 'DB-9999').message).toBe('任务编号“DB-9999”不在台账中，请刷新页面后重试');
    expect(
      submit(rt, '市住建局', keys[1]!, { photosAfter: [{ name: 'x.gif', mimeType: 'image/jpeg', base64: 'R0lGODlhAQABAIAAAP' }] }).message,
    ).toBe('照片“x.gif”不是 JPEG 或 PNG 图片，未收下。请拍照或从相册选择照片。');
    expect(submit(rt, '市住建局', keys[1]!, { doneDate: '2026-12-01' }).message).toBe(
      '完成日期“2026-12-01”无效：请选择今天或以前的日期（格式YYYY-MM-DD）',
    );
    const last = submit(rt, '市住建局', keys[1]!, { measures: 'x'.repeat(2001) });
    expect(last).toEqual({ ok: false, message: '“整改措施”最多2000个字，现有2001个。', stored: [] });
    expect([cellsOf(rt, '任务台账'), cellsOf(rt, '整改反馈'), cellsOf(rt, '督办记录')]).toEqual(before);
    expect(rt.outbox.length).toBe(outbox);
  });
});

/** The verifier types 验收结果 (and 验收意见) on a reply's row of 整改反馈. */
function verify(rt: LocalRuntime, row1: number, result: string, opinion = ''): void {
  const s = sheet(rt, '整改反馈');
  const r = s.rows[row1 - 1]!;
  r[col(s, 1, '验收结果') - 1] = { value: result };
  if (opinion !== '') r[col(s, 1, '验收意见') - 1] = { value: opinion };
}

function ledgerCell(rt: LocalRuntime, row1: number, header: string): string {
  const s = sheet(rt, '任务台账');
  const v = value(s, row1, col(s, 1, header));
  return v instanceof Date ? shDay(v) : String(v);
}

describe('the verifier’s word in 整改反馈, acted on by the sweep', () => {
  it('退回: 反馈状态 退回, the 退回通知 once with 验收意见 as the reason, 处理情况 says so; the ladder goes on', async () => {
    const { rt, keys } = await started();
    rt.clock.set(at(11, 25, 3));
    expect(submit(rt, '市城管局', keys[0]!).ok).toBe(true);
    // The next sweep: no notice for the matter while 待验收.
    rt.clock.set(at(11, 26));
    const outbox = rt.outbox.length;
    job(rt, 'sweep');
    expect(rt.outbox.slice(outbox).filter((m) => m.to === 'cgj@example.org')).toEqual([]);
    expect(ledgerCell(rt, 2, '督办状态')).toBe('待验收');

    verify(rt, 2, '退回', '整改照片不清晰，垃圾仍有残留');
    rt.clock.set(at(11, 26, 6));
    const before = rt.outbox.length;
    job(rt, 'sweep');
    const returns = rt.outbox.slice(before).filter((m) => m.to !== 'admin@example.org' && m.subject.includes('退回'));
    expect(returns.map((m) => m.to)).toEqual(['cgj@example.org']);
    expect(returns[0]!.body).toContain('退回原因：整改照片不清晰，垃圾仍有残留');
    expect(returns[0]!.body).toContain('X创城督退回〔2026〕1号');
    expect(ledgerCell(rt, 2, '反馈状态')).toBe('退回');
    expect(ledgerCell(rt, 2, '督办状态')).toBe('逾期');
    const fb = sheet(rt, '整改反馈');
    expect(value(fb, 2, col(fb, 1, '处理情况'))).toBe('已退回（2026-11-26，退回通知 X创城督退回〔2026〕1号）');
    // The verifier's own cells as typed.
    expect([value(fb, 2, col(fb, 1, '验收结果')), value(fb, 2, col(fb, 1, '验收意见'))]).toEqual(['退回', '整改照片不清晰，垃圾仍有残留']);

    // Never twice: another sweep the same day and the next day send no second 退回通知.
    const after = rt.outbox.length;
    job(rt, 'sweep');
    rt.clock.set(at(11, 27));
    job(rt, 'sweep');
    expect(rt.outbox.slice(after).filter((m) => m.to !== 'admin@example.org' && m.subject.includes('退回'))).toEqual([]);
    // After 退回 a new reply is accepted.
    expect(submit(rt, '市城管局', keys[0]!, { doneDate: '2026-11-27' })).toMatchObject({ ok: true, receipt: 'X创城督回执〔2026〕2号' });
  });

  it('通过: 反馈状态 通过, 处理情况 dated; the admin’s summary lists the day’s reply, then the 通过 until the office closes it', async () => {
    const { rt, keys } = await started();
    rt.clock.set(at(11, 25, 3));
    expect(submit(rt, '市城管局', keys[0]!).ok).toBe(true);
    rt.clock.set(at(11, 26));
    const outbox = rt.outbox.length;
    job(rt, 'sweep');
    const summary1 = rt.outbox.slice(outbox).find((m) => m.to === 'admin@example.org')!;
    expect(summary1.subject).toContain('收到整改反馈1件');
    expect(summary1.body).toContain('今日收到整改反馈1件');
    expect(summary1.htmlBody).toContain(`https://drive.example/${keys[0]}/after-1.jpg`);
    expect(summary1.body).toContain('X创城督回执〔2026〕1号');

    verify(rt, 2, '通过', '整改到位');
    rt.clock.set(at(11, 27));
    let mark = rt.outbox.length;
    job(rt, 'sweep');
    expect(ledgerCell(rt, 2, '反馈状态')).toBe('通过');
    expect(ledgerCell(rt, 2, '整改状态')).toBe('整改中');
    const fb = sheet(rt, '整改反馈');
    expect(value(fb, 2, col(fb, 1, '处理情况'))).toBe('已记录通过（2026-11-27）');
    const summary2 = rt.outbox.slice(mark).find((m) => m.to === 'admin@example.org')!;
    expect(summary2.body).toContain('已验收通过、尚未销号1件');
    expect(summary2.body).not.toContain('今日收到整改反馈');
    // No notice for a matter passed and not yet closed.
    expect(rt.outbox.slice(mark).filter((m) => m.to === 'cgj@example.org')).toEqual([]);

    // The office closes it in its own ledger: the summary no longer lists it.
    const s = sheet(rt, '任务台账');
    s.rows[1]![col(s, 1, '整改状态') - 1] = { value: '已销号' };
    rt.clock.set(at(11, 30));
    mark = rt.outbox.length;
    job(rt, 'sweep');
    const summary3 = rt.outbox.slice(mark).find((m) => m.to === 'admin@example.org');
    expect(summary3?.body ?? '').not.toContain('已验收通过、尚未销号');
    expect(ledgerCell(rt, 2, '督办状态')).toBe('已销号');
  });

  it('退回 typed by the verifier: the installable edit trigger brings the sweep within a minute, and the 退回通知 goes', async () => {
    const { rt, keys } = await started();
    job(rt, 'installTriggers');
    rt.clock.set(at(11, 25, 3));
    expect(submit(rt, '市城管局', keys[0]!).ok).toBe(true);
    rt.clock.set(at(11, 25, 6));
    const fb = sheet(rt, '整改反馈');
    const letter = String.fromCharCode(64 + col(fb, 1, '验收意见'));
    rt.edit('整改反馈', `${letter}2`, [['照片与点位不符']]);
    const before = rt.outbox.length;
    rt.edit('整改反馈', `${String.fromCharCode(64 + col(fb, 1, '验收结果'))}2`, [['退回']]);
    const firings = rt.runUntil(new Date(at(11, 25, 6).getTime() + 2 * 60_000));
    expect(firings.map((f) => f.trigger.handler)).toEqual(['continueSweep']);
    const returns = rt.outbox.slice(before).filter((m) => m.to === 'cgj@example.org');
    expect(returns.map((m) => m.subject)).toEqual(['【退回通知】市城管局：背街小巷垃圾堆积验收未通过（X创城督退回〔2026〕1号）']);
    expect(returns[0]!.body).toContain('退回原因：照片与点位不符');
    expect(ledgerCell(rt, 2, '反馈状态')).toBe('退回');
  });
});
