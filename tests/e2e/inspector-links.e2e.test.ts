/**
 * 督查员 and 发送督查员链接 through the bundle (issue 16, orders): setup makes Duban's own 督查员
 * (姓名, 邮箱, 启用 with a 是/否 dropdown); the menu item mails each enabled inspector their own
 * link through the one delivery path, logged in 督办记录 as 督查员链接, not twice a day with the
 * same link; a bad address is told to the admin with its row; without a deployed web app nothing
 * is sent and the admin reads what to do. Setup sends them when the web app is deployed.
 */
import { describe, expect, it } from 'vitest';
import { LocalRuntime } from '../../runtime/index';
import { bundle, job, sheet, sheetFrom, value, workbookOf } from './harness';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
const URL = 'https://script.google.com/macros/s/AKfy/exec';

function office(withInspectors: boolean) {
  const tasks = sheetFrom('任务台账', [
    ['序号', '交办日期', '问题描述', '点位', '责任单位', '整改时限', '整改状态'],
    [1, '2026-11-02', '背街小巷垃圾堆积', '人民路', '市城管局', '2026-11-30', '整改中'],
  ]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '联系人', '联系人邮箱'],
    ['市城管局', '张伟', 'cgj@example.org'],
  ]);
  const inspectors = sheetFrom('督查员', [
    ['姓名', '邮箱', '启用'],
    ['王督查', 'wang@example.org', '是'],
    ['赵督查', 'zhao@example.org', '否'],
    ['钱督查', 'qian at example', '是'],
    ['孙督查', '', ''],
  ]);
  return workbookOf(withInspectors ? [tasks, units, inspectors] : [tasks, units]);
}

async function runtime(withInspectors: boolean, webappUrl?: string): Promise<LocalRuntime> {
  const rt = new LocalRuntime({
    workbook: office(withInspectors),
    now: NOW,
    scriptTimeZone: 'Asia/Shanghai',
    ...(webappUrl ? { webappUrl } : {}),
  });
  rt.load(await bundle(), 'Code.js');
  return rt;
}

describe('督查员 and 发送督查员链接', () => {
  it('setup makes 督查员 (姓名, 邮箱, 启用 with 是/否) when there is none; without the web app the menu item sends nothing and says what to do', async () => {
    const rt = await runtime(false);
    const setup = job(rt, 'setup');
    expect(setup.message).toContain('已创建表《督查员》');
    const s = sheet(rt, '督查员');
    expect([value(s, 1, 1), value(s, 1, 2), value(s, 1, 3)]).toEqual(['姓名', '邮箱', '启用']);
    expect(s.rows[1]?.[2]?.validation).toMatchObject({ values: ['是', '否'] });
    const sent = job(rt, 'sendInspectorLinks');
    expect(sent.message).toBe(
      '网页还没有部署，督查员链接未发送：请先部署网页（npm run deploy，见 README“网页”一节），再从菜单“发送督查员链接”发送。',
    );
    expect(rt.outbox).toEqual([]);
  });

  it('mails each enabled inspector their own link once a day, logged as 督查员链接; a bad address is told with its row, never guessed', async () => {
    const rt = await runtime(true);
    job(rt, 'setup');
    rt.outbox.length = 0;
    rt.setWebappUrl(URL);
    const first = job(rt, 'sendInspectorLinks');
    expect(first.message).toBe('已发送督查员链接1份。');
    expect(first.warnings).toContain('《督查员》第4行（邮箱）：钱督查的邮箱“qian at example”无效，未发送链接，请改正后再发送。');
    expect(first.warnings).toContain('《督查员》第5行（邮箱）：孙督查的邮箱“”无效，未发送链接，请改正后再发送。');
    expect(rt.outbox.map((m) => m.to)).toEqual(['wang@example.org']);
    const mail = rt.outbox[0]!;
    expect(mail.subject).toBe('【当场下单】王督查的专用链接');
    expect(mail.body).toMatch(new RegExp(`^${URL.replace(/[.?/]/g, '\\$&')}\\?t=[\\w.-]+$`, 'm'));
    // The link opens the inspector's page.
    const token = /\?t=([\w.-]+)/.exec(mail.body)![1]!;
    const page = rt.run<{ getContent(): string }>('doGet', [{ parameter: { t: token } }]).value;
    expect(page.getContent()).toContain('当场下单 · 王督查');
    const log = sheet(rt, '督办记录');
    const last = log.rows
      .filter((r) => r?.some((c) => c && c.value !== ''))
      .at(-1)!
      .map((c) => c?.value ?? '');
    expect(last).toContain('督查员链接');
    expect(last).toContain('wang@example.org');
    expect(last).toContain('已发送');
    // Again the same day: nothing new.
    rt.outbox.length = 0;
    expect(job(rt, 'sendInspectorLinks').message).toBe('已发送督查员链接0份；1位今天已发过同一链接，未重发。');
    expect(rt.outbox).toEqual([]);
    // The web app moved: the link changed, so it goes again.
    rt.setWebappUrl('https://script.google.com/macros/s/AKnew/exec');
    expect(job(rt, 'sendInspectorLinks').message).toBe('已发送督查员链接1份。');
    expect(rt.outbox).toHaveLength(1);
  });

  it('setup sends the links when the web app is deployed', async () => {
    const rt = await runtime(true, URL);
    job(rt, 'setup');
    expect(rt.outbox.map((m) => m.to)).toEqual(['wang@example.org']);
  });
});
