/**
 * In a real browser on a phone's screen (issue 16): a unit's link from `serve` opens a page
 * titled for that unit; a changed link and an expired one get the plain refusal page.
 */
import { describe, expect, it } from 'vitest';
import { shDate, sheetFrom, workbookOf } from '../e2e/harness';
import { browserSession, haveChromium, openOnPhone } from './harness';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));

function office() {
  return workbookOf([
    sheetFrom('任务台账', [
      ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'],
      [1, '背街小巷垃圾堆积', '人民路', '市城管局', shDate(2026, 11, 30), '整改中'],
    ]),
    sheetFrom('责任单位', [
      ['单位名称', '联系人', '联系人邮箱'],
      ['市城管局', '张伟', 'cgj@example.org'],
    ]),
  ]);
}

describe.skipIf(!haveChromium())('web app links in a phone browser', () => {
  const session = browserSession(office, NOW);

  it("prints each unit's link, and the link opens the unit's page", async () => {
    const { browser, served } = session;
    const link = served.links.find((l) => l.role === 'unit' && l.subject === '市城管局');
    expect(link?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/exec\?t=v1\./);
    const { context, page } = await openOnPhone(browser, link!.url);
    expect(await page.title()).toBe('市城管局 · 整改情况报送');
    expect(await page.locator('h1').textContent()).toBe('市城管局 · 整改情况报送');
    expect(await page.evaluate('typeof google.script.run')).toBe('object');
    await context.close();
  });

  it('refuses a changed link and an expired one, saying what to do', async () => {
    const { browser, served } = session;
    const good = served.links.find((l) => l.role === 'unit')!.url;
    const changed = good.replace(/\.([A-Za-z0-9_-])([A-Za-z0-9_-]*)$/, (_m, c: string, rest: string) => `.${c === 'A' ? 'B' : 'A'}${rest}`);
    for (const [url, says] of [
      [changed, '这个链接被改动过，无法确认是督查办发出的，所以不能打开。'],
      [`${served.url}?t=${served.token({ subject: '市城管局', expires: NOW.getTime() - 86_400_000 })}`, '这个链接已于2026-11-24过期。'],
    ] as const) {
      const { context, page } = await openOnPhone(browser, url);
      expect(await page.title()).toBe('链接无法使用');
      expect(await page.locator('main p').allInnerTexts()).toEqual([says, '请向督查办索取新的链接。']);
      await context.close();
    }
  });
});
