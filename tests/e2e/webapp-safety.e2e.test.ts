/**
 * Issue 16, "Safe for links without a Google login", verified through the real bundle on the
 * local runtime, one promise per test: a submission that fails says plainly what failed, that
 * nothing was recorded and what to do (never a stack trace), and the admin learns the detail; the
 * secret is in script properties and in no cell of any sheet; a unit's link answers only for the
 * matters it leads; formula-looking text stays text.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type LocalRuntime, textOutputOf } from '../../runtime/index';
import { encodeLink, type LinkClaims } from '../../src/core/webapp/token';
import { col, job, runtimeFor, setSetting, shDate, sheet, sheetFrom, value, workbookOf } from './harness';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
const DAY = 86_400_000;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');

function office() {
  const tasks = sheetFrom('任务台账', [
    ['序号', '问题描述', '点位', '责任单位', '配合单位', '整改时限', '整改状态'],
    [1, '背街小巷垃圾堆积', '人民路', '市城管局', '市交通局', shDate(2026, 11, 30), '整改中'],
    [2, '公交站牌破损', '解放路', '市交通局', '', shDate(2026, 11, 30), '整改中'],
  ]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '联系人', '联系人邮箱'],
    ['市城管局', '张伟', 'cgj@example.org'],
    ['市交通局', '李明', 'jtj@example.org'],
  ]);
  return workbookOf([tasks, units]);
}

function tokenFor(rt: LocalRuntime, claims: Partial<LinkClaims>): string {
  const secret = rt.properties.script.get('duban.webapp.secret')!;
  const sign = (p: string) => createHmac('sha256', secret).update(p).digest('base64url');
  return encodeLink({ role: 'unit', subject: '市城管局', generation: 0, expires: NOW.getTime() + 30 * DAY, ...claims }, sign);
}

/** Set up and swept (the ledger keyed); the keys of its two rows. */
async function ready(): Promise<{ rt: LocalRuntime; keys: string[] }> {
  const rt = await runtimeFor(office(), NOW);
  job(rt, 'setup');
  setSetting(rt, '管理员邮箱', 'admin@example.org');
  setSetting(rt, '联系人', '刘主任');
  setSetting(rt, '联系电话', '0571-88888888');
  job(rt, 'sweep');
  const s = sheet(rt, '任务台账');
  const key = col(s, 1, '系统编号');
  return { rt, keys: [2, 3].map((r) => String(value(s, r, key))) };
}

const form = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  measures: '已清运垃圾',
  doneDate: '2026-11-25',
  person: '张伟',
  photosAfter: [{ name: 'a.jpg', mimeType: 'image/jpeg', base64: JPEG }],
  ...extra,
});

type Answer = { ok: boolean; message: string; receipt?: string };

function viaRun(rt: LocalRuntime, token: string, f: unknown): Answer {
  return rt.run('webappSubmitReply', [token, f]).value as Answer;
}

function viaPost(rt: LocalRuntime, body: string): Answer {
  return JSON.parse(textOutputOf(rt.run('doPost', [{ postData: { contents: body } }]).value)!.content) as Answer;
}

/** Every cell of every sheet, as text. */
function everyCell(rt: LocalRuntime): string {
  return JSON.stringify(rt.workbook.sheets.map((s) => s.rows));
}

describe('a submission that fails', () => {
  it('says what failed, that nothing was recorded and what to do, through google.script.run and doPost; the admin gets the detail once', async () => {
    const { rt, keys } = await ready();
    const before = everyCell(rt);
    const mailed = rt.outbox.length;
    const token = tokenFor(rt, {});
    // This runtime has no Drive: storing the photos fails as Drive refusing would.
    const said =
      '提交未成功：照片未能存入督查办的云端硬盘。本次报送没有登记，请稍后重新提交；如仍不成功，请与督查办联系：刘主任，0571-88888888';
    expect(viaRun(rt, token, form(keys[0]!))).toEqual({ ok: false, message: said });
    expect(viaPost(rt, JSON.stringify({ call: 'reply', token, form: form(keys[0]!) }))).toEqual({ ok: false, message: said });
    expect(everyCell(rt)).toBe(before);
    const admin = rt.outbox.slice(mailed);
    expect(admin.map((m) => [m.to, m.subject])).toEqual([['admin@example.org', '【督办台账】网上报送未成功：市城管局']]);
    expect(admin[0]!.body).toContain('no Drive folder');
    expect(rt.logs.some((l) => l.includes('webappSubmitReply') && l.includes('no Drive folder'))).toBe(true);
  });

  it('doPost says a body it cannot read is not understood, and nothing else is', async () => {
    const { rt } = await ready();
    expect(viaPost(rt, '{not json')).toEqual({ ok: false, message: '提交的内容无法识别，请刷新页面后重试。' });
    expect(viaPost(rt, JSON.stringify({ call: 'nope' }))).toEqual({ ok: false, message: '提交的内容无法识别，请刷新页面后重试。' });
  });
});
