/**
 * 当场下单 in a real browser on a phone (issue 16): setup makes 督查员; the office types an
 * inspector into it (a person's edit); 发送督查员链接 mails them their link; the inspector opens it
 * from the parsed .eml, picks the unit by typing part of its name and choosing it from the list,
 * describes the problem (with `<script>` in it), fills 点位, attaches a photo and submits. The page
 * says the matter's key and the notice's 文号; the unit's 整改通知（当场下单） is already in the
 * outbox (and written as .eml) when the answer comes. The typed script stays text in the page, in
 * the ledger's appended row and in the mail; no dialog ever opens. With UPDATE_SCREENSHOTS=1 the
 * filled form and the result are saved to docs/screenshots/ at the phone's size.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEml } from '../../runtime/eml';
import { col, job, shDate, sheet, sheetFrom, value, workbookOf } from '../e2e/harness';
import { haveChromium, launchBrowser, openOnPhone, type Served, serve } from './harness';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
// A 1×1 PNG, as a phone's album would hand over (the page redraws it as a JPEG).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const DESCRIPTION = '<script>alert(1)</script>井盖缺失，行人易踩空';
const PLACE = '中山路与人民路口东北角';

function office() {
  return workbookOf([
    sheetFrom('任务台账', [
      ['序号', '交办日期', '问题描述', '点位', '责任单位', '整改时限', '整改状态', '备注'],
      [1, shDate(2026, 11, 2), '背街小巷垃圾堆积', '人民路', '市城管局', shDate(2026, 11, 30), '整改中', ''],
      [2, shDate(2026, 11, 3), '共享单车乱停放', '解放路', '市交通局', shDate(2026, 12, 10), '整改中', ''],
    ]),
    sheetFrom('责任单位', [
      ['单位名称', '联系人', '联系人邮箱'],
      ['市城管局', '张伟', 'cgj@example.org'],
      ['市交通局', '李明', 'jtj@example.org'],
      ['市市场监管局', '周强', 'scj@example.org'],
    ]),
  ]);
}

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const shotDir = mkdtempSync(join(tmpdir(), 'duban-shots-'));

describe.skipIf(!haveChromium())('an inspector files a problem on site from the phone', () => {
  let browser: Browser;
  let served: Served;
  beforeAll(async () => {
    [browser, served] = await Promise.all([launchBrowser(), serve(office(), NOW)]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), served?.close()]);
  });

  it('from the link in their mail: unit picked from the list, problem, 点位, photo; the unit’s 整改通知 goes in the same request', async () => {
    const rt = served.runtime;
    job(rt, 'setup');
    // The office types its inspector into the 督查员 setup made, as a person types a row.
    rt.edit('督查员', 'A2:C2', [['王督查', 'wang@example.org', '是']]);
    rt.outbox.length = 0;
    job(rt, 'sendInspectorLinks');
    const invite = rt.outbox.find((m) => m.to === 'wang@example.org');
    expect(invite?.subject).toBe('【当场下单】王督查的专用链接');
    const parsed = await simpleParser(readFileSync(await writeEml(invite!, mkdtempSync(join(tmpdir(), 'duban-eml-')), 1)));
    const link = /^(http\S+\?t=\S+)$/m.exec(parsed.text ?? '')?.[1];
    expect(link).toMatch(new RegExp(`^${served.url.replace(/[.?]/g, '\\$&')}\\?t=v1\\.`));
    rt.outbox.length = 0;

    const { context, page } = await openOnPhone(browser, link!);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    expect(await page.title()).toBe('当场下单 · 王督查');
    // The unit: part of its name typed, the page offers the units that contain it, one tapped.
    const unit = page.locator('#unit');
    await unit.pressSequentially('市');
    expect(await page.locator('#unitPicks button').allInnerTexts()).toEqual(['市城管局', '市交通局', '市市场监管局']);
    await unit.fill('城管');
    expect(await page.locator('#unitPicks button').allInnerTexts()).toEqual(['市城管局']);
    await page.locator('#unitPicks button', { hasText: '市城管局' }).click();
    expect(await unit.inputValue()).toBe('市城管局');
    expect(await page.locator('#unitPicks button').count()).toBe(0);
    await page.locator('#description').fill(DESCRIPTION);
    await page.locator('#place').fill(PLACE);
    await page.locator('#photos').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => page.locator('#previews img').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('#description').inputValue()).toBe(DESCRIPTION);
    if (SHOTS) await page.screenshot({ path: join(shotDir, 'inspector-page.png'), fullPage: true });

    await page.locator('#submit').click();
    await expect.poll(() => page.locator('#result').getAttribute('class'), { timeout: 15_000 }).toBe('ok');
    const result = (await page.locator('#result').textContent()) ?? '';

    // The appended row: keyed, the description exactly as typed, as text (no formula).
    const ledger = sheet(rt, '任务台账');
    const row = 4;
    const key = String(value(ledger, row, col(ledger, 1, '系统编号')));
    expect(key).toMatch(/^DB-\d{4}$/);
    expect(value(ledger, row, col(ledger, 1, '问题描述'))).toBe(DESCRIPTION);
    expect(ledger.rows[row - 1]![col(ledger, 1, '问题描述') - 1]!.formula ?? '').toBe('');
    expect(value(ledger, row, col(ledger, 1, '点位'))).toBe(PLACE);
    expect(value(ledger, row, col(ledger, 1, '责任单位'))).toBe('市城管局');

    // Within the same request: the unit's 整改通知（当场下单） is in the outbox, and in serve's outbox folder.
    expect(rt.outbox.map((m) => m.to)).toEqual(['cgj@example.org']);
    const notice = rt.outbox[0]!;
    const number = /（(督办〔\d{4}〕\d+号)）$/.exec(notice.subject)?.[1];
    expect(number).toBeDefined();
    expect(notice.body).toContain('整改通知（当场下单）');
    expect(notice.body).toContain(DESCRIPTION);
    expect(notice.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt;井盖缺失');
    expect(notice.htmlBody).not.toMatch(/<script/i);
    expect(readdirSync(join(served.out, 'outbox'))).toHaveLength(1);

    // The page says the key and the 文号, as text; no dialog opened, no script of the inspector's in the page.
    expect(result).toContain(key);
    expect(result).toContain(number!);
    expect(dialogs).toEqual([]);
    expect(await page.locator('script').allInnerTexts()).not.toContainEqual(expect.stringContaining('alert(1)'));
    if (SHOTS) await page.screenshot({ path: join(shotDir, 'inspector-result.png'), fullPage: true });
    await context.close();

    // The photo is kept in the matter's own folder.
    expect(readdirSync(join(served.out, 'drive', '督办整改照片', key))).toHaveLength(1);

    // The unit's page (its link as serve prints it) lists the new matter, its description as text.
    const unitPage = await openOnPhone(browser, served.links.find((l) => l.role === 'unit' && l.subject === '市城管局')!.url);
    unitPage.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    expect(await unitPage.page.locator(`form.reply[data-key="${key}"]`).count()).toBe(1);
    expect(await unitPage.page.locator('section.matter h2').allInnerTexts()).toContain(DESCRIPTION);
    expect(dialogs).toEqual([]);
    await unitPage.context.close();

    if (SHOTS) {
      mkdirSync('docs/screenshots', { recursive: true });
      for (const f of ['inspector-page.png', 'inspector-result.png']) copyFileSync(join(shotDir, f), join('docs/screenshots', f));
    }
  }, 90_000);
});
