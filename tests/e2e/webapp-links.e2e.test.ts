/**
 * The web app's links through the bundle (issue 16, base): setup makes the secret; a unit's link
 * opens a page titled for the unit; a changed, expired or reset link gets a plain page that says
 * what happened and what to do; an inspector no longer 启用 is refused; a submission through
 * google.script.run or doPost checks the link and the form before anything else.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { htmlOutputOf, type LocalRuntime, textOutputOf } from '../../runtime/index';
import { encodeLink, type LinkClaims } from '../../src/core/webapp/token';
import { job, runtimeFor, setSetting, shDate, sheetFrom, workbookOf } from './harness';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
const DAY = 86_400_000;

function office() {
  const tasks = sheetFrom('任务台账', [
    ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'],
    [1, '背街小巷垃圾堆积', '人民路', '市城管局', shDate(2026, 11, 30), '整改中'],
  ]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '联系人', '联系人邮箱'],
    ['市城管局', '张伟', 'cgj@example.org'],
    ['市交通局', '李明', 'jtj@example.org'],
  ]);
  const inspectors = sheetFrom('督查员', [
    ['姓名', '邮箱', '启用'],
    ['王督查', 'wang@example.org', '是'],
    ['赵督查', 'zhao@example.org', '否'],
  ]);
  return workbookOf([tasks, units, inspectors]);
}

function tokenFor(rt: LocalRuntime, claims: Partial<LinkClaims>): string {
  const secret = rt.properties.script.get('duban.webapp.secret');
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  const sign = (p: string) => createHmac('sha256', secret!).update(p).digest('base64url');
  return encodeLink({ role: 'unit', subject: '市城管局', generation: 0, expires: NOW.getTime() + 30 * DAY, ...claims }, sign);
}

function open(rt: LocalRuntime, token: string | undefined) {
  const out = htmlOutputOf(rt.run('doGet', [{ parameter: token === undefined ? {} : { t: token } }]).value);
  expect(out).toBeDefined();
  return {
    title: out!.title,
    text: out!.content
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    out: out!,
  };
}

async function ready(): Promise<LocalRuntime> {
  const rt = await runtimeFor(office(), NOW);
  job(rt, 'setup');
  setSetting(rt, '联系人', '刘主任');
  setSetting(rt, '联系电话', '0571-88888888');
  return rt;
}

describe('web app links', () => {
  it("opens a unit's page titled for the unit, for a phone, not framed by other sites", async () => {
    const rt = await ready();
    const page = open(rt, tokenFor(rt, {}));
    expect(page.title).toBe('市城管局 · 整改情况报送');
    expect(page.out.metaTags).toEqual([{ name: 'viewport', content: 'width=device-width, initial-scale=1' }]);
    expect(page.out.xFrameOptionsMode).toBe('DEFAULT');
  });

  it('refuses a changed link, saying so and whom to ask', async () => {
    const rt = await ready();
    const good = tokenFor(rt, {});
    const other = tokenFor(rt, { subject: '市交通局' }).split('.')[1];
    const [v, , sig] = good.split('.');
    const page = open(rt, `${v}.${other}.${sig}`);
    expect(page.title).toBe('链接无法使用');
    expect(page.text).toBe(
      '链接无法使用 这个链接被改动过，无法确认是督查办发出的，所以不能打开。 请向督查办索取新的链接。 督查办联系方式：刘主任，0571-88888888',
    );
  });

  it('refuses an expired link with the day it expired, and a link cut short or missing', async () => {
    const rt = await ready();
    expect(open(rt, tokenFor(rt, { expires: NOW.getTime() - DAY })).text).toContain(
      '这个链接已于2026-11-24过期。 请向督查办索取新的链接。',
    );
    expect(open(rt, tokenFor(rt, {}).slice(0, 30)).text).toContain('这个链接不完整或有误');
    expect(open(rt, undefined).text).toContain('这个链接不完整或有误');
  });

  it('refuses every link a unit was sent once the office resets it from the menu (重置单位链接)', async () => {
    const rt = await ready();
    const old = tokenFor(rt, {});
    rt.open();
    rt.spreadsheet.ui.promptAnswers.push('市城管局');
    const result = rt.clickMenu('重置单位链接').value as { ok: boolean; message: string };
    expect(result).toMatchObject({ ok: true, message: '已重置市城管局的链接：以前发出的链接已失效，此后的通知带新链接。' });
    expect(open(rt, old).text).toContain('这个链接已被督查办停用');
    expect(open(rt, tokenFor(rt, { generation: 1 })).title).toBe('市城管局 · 整改情况报送');
  });

  it('opens an enabled inspector’s page and refuses one whose 启用 is 否, or who is not listed', async () => {
    const rt = await ready();
    expect(open(rt, tokenFor(rt, { role: 'inspector', subject: 'wang@example.org' })).title).toBe('当场下单 · 王督查');
    expect(open(rt, tokenFor(rt, { role: 'inspector', subject: 'zhao@example.org' })).text).toContain('已被督查办停用');
    expect(open(rt, tokenFor(rt, { role: 'inspector', subject: 'nobody@example.org' })).text).toContain('已被督查办停用');
  });

  it('checks link, role and form before a submission reaches what keeps it', async () => {
    const rt = await ready();
    const unit = tokenFor(rt, {});
    const inspector = tokenFor(rt, { role: 'inspector', subject: 'wang@example.org' });
    const submit = (fn: string, token: string, form: unknown) => rt.run(fn, [token, form]).value as { ok: boolean; message: string };
    expect(submit('webappSubmitReply', `${unit}x`, {}).message).toMatch(/^链接无法使用，未提交：这个链接被改动过/);
    expect(submit('webappSubmitReply', inspector, {}).message).toMatch(/^链接无法使用，未提交：这个链接不完整或有误/);
    expect(submit('webappSubmitReply', unit, { key: 'DB-1' }).message).toBe(
      '请填写“整改措施”。\n请填写“完成日期”。\n请填写“责任人”。\n请上传“整改后照片”。',
    );
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0]).toString('base64');
    const form = {
      key: 'DB-1',
      measures: '已清运',
      doneDate: '2026-11-25',
      person: '张三',
      photosAfter: [{ name: 'a.jpg', mimeType: 'image/jpeg', base64: jpeg }],
    };
    // Past every check of the form, the reply reaches what keeps it (gas/feedback.ts), which finds
    // no such matter in the ledger and keeps nothing; doPost answers the same in JSON.
    const refused = { ok: false, message: '任务编号“DB-1”不在台账中，请刷新页面后重试' };
    expect(submit('webappSubmitReply', unit, form)).toEqual(refused);
    const posted = textOutputOf(rt.run('doPost', [{ postData: { contents: JSON.stringify({ call: 'reply', token: unit, form }) } }]).value);
    expect(posted).toMatchObject({ mimeType: 'JSON' });
    expect(JSON.parse(posted!.content)).toEqual(refused);
  });

  it('limits how often one link may submit', async () => {
    const rt = await ready();
    const unit = tokenFor(rt, {});
    for (let i = 0; i < 20; i++) rt.run('webappSubmitReply', [unit, {}]);
    expect((rt.run('webappSubmitReply', [unit, {}]).value as { message: string }).message).toBe('提交过于频繁，请10分钟后再试。');
    rt.advance(600_000);
    expect((rt.run('webappSubmitReply', [unit, {}]).value as { message: string }).message).not.toContain('频繁');
  });
});

describe('设置 网页地址 (the web app address when ScriptApp cannot tell it)', () => {
  it('gives every notice the link under the address the office typed, and says where a bad one is', async () => {
    const rt = await runtimeFor(office(), new Date(Date.UTC(2026, 11, 3, 1, 0)));
    job(rt, 'setup');
    // Not deployed here: ScriptApp.getService().getUrl() is null, so a notice carries no link.
    rt.clock.set(new Date(Date.UTC(2026, 11, 3, 1, 0)));
    setSetting(rt, '网页地址', 'https://script.google.com/macros/s/AKfy-demo/exec');
    const swept = job(rt, 'sweep');
    expect(swept.ok).toBe(true);
    const notice = rt.outbox.find((m) => m.subject.startsWith('【整改通知】市城管局'));
    expect(notice?.body).toMatch(/\n在线报送整改情况：https:\/\/script\.google\.com\/macros\/s\/AKfy-demo\/exec\?t=v1\.[\w-]+\.[\w-]+\n/);
    const link = /在线报送整改情况：\S+\?t=(\S+)/.exec(notice!.body)![1]!;
    expect(open(rt, link).title).toBe('市城管局 · 整改情况报送');

    setSetting(rt, '网页地址', 'script.google.com/macros/s/AKfy-demo');
    const warned = job(rt, 'sweep');
    expect(warned.warnings.join('\n')).toContain(
      '“网页地址”中的“script.google.com/macros/s/AKfy-demo”不是有效的网页地址（应以 https:// 开头），已忽略。',
    );
  });
});
