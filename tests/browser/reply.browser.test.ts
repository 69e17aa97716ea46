/**
 * The unit's reply page in a real browser on a phone's screen (issue 16: reply): the sweep's
 * 整改通知 (as the .eml a unit receives) carries 在线报送整改情况：<link>; the link opens the
 * unit's page with its open matter; the unit answers it with a photo (compressed on the phone),
 * sees the 回执 on screen, and the photo is in the run's Drive folder. Markup typed in a field or
 * standing in the ledger shows as text. With UPDATE_SCREENSHOTS=1 the page and the receipt are
 * saved to docs/screenshots/ at the phone's size.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeEml } from '../../runtime/eml';
import { shDate, sheetFrom, workbookOf } from '../e2e/harness';
import { haveChromium, launchBrowser, openOnPhone, type Served, serve } from './harness';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
// A 1×1 PNG, as a phone's album would hand over (the page redraws it as a JPEG).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function office() {
  return workbookOf([
    sheetFrom('任务台账', [
      ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'],
      [1, '背街小巷垃圾堆积 <b>未清</b>', '人民路', '市城管局', shDate(2026, 11, 20), '整改中'],
      [2, '共享单车乱停放', '解放路', '市交通局', shDate(2026, 11, 20), '整改中'],
    ]),
    sheetFrom('责任单位', [
      ['单位名称', '联系人', '联系人邮箱'],
      ['市城管局', '张伟', 'cgj@example.org'],
      ['市交通局', '李明', 'jtj@example.org'],
    ]),
  ]);
}

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const shotDir = mkdtempSync(join(tmpdir(), 'duban-shots-'));

describe.skipIf(!haveChromium())('the unit answers from its notice', () => {
  let browser: Browser;
  let served: Served;
  beforeAll(async () => {
    [browser, served] = await Promise.all([launchBrowser(), serve(office(), NOW)]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), served?.close()]);
  });

  it('opens the link from the 整改通知, answers one matter with a photo and sees the receipt', async () => {
    const rt = served.runtime;
    rt.run('sweep', [], 'manual');
    const mail = rt.outbox.find((m) => m.to.includes('cgj@example.org'));
    expect(mail).toBeDefined();
    const emlDir = mkdtempSync(join(tmpdir(), 'duban-eml-'));
    const parsed = await simpleParser(readFileSync(await writeEml(mail!, emlDir, 1)));
    const link = /在线报送整改情况：(\S+)/.exec(parsed.text ?? '')?.[1];
    expect(link).toMatch(new RegExp(`^${served.url.replace(/[.?]/g, '\\$&')}\\?t=v1\\.`));

    const { context, page } = await openOnPhone(browser, link!);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    expect(await page.title()).toBe('市城管局 · 整改情况报送');
    // Only the unit's own matter, its description as text.
    expect(await page.locator('section.matter h2').allInnerTexts()).toEqual(['背街小巷垃圾堆积 <b>未清</b>']);
    expect(await page.locator('section.matter dd').first().innerText()).toMatch(/^DB-/);
    expect(await page.locator('section.matter .notices').innerText()).toMatch(/（2026-11-25）/);
    if (SHOTS) await page.screenshot({ path: join(shotDir, 'reply-page.png'), fullPage: true });

    const form = page.locator('form.reply').first();
    await form.locator('textarea[name=measures]').fill('<script>alert(1)</script>已清运垃圾');
    await form.locator('input[name=doneDate]').fill('2026-11-24');
    await form.locator('input[name=person]').fill('张伟');
    await form.locator('input[name=photosAfter]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
    await form.locator('button').click();
    await expect.poll(() => form.locator('.status').innerText(), { timeout: 15_000 }).toBe('已收到。回执编号：督办回执〔2026〕1号');
    expect(dialogs).toEqual([]);
    expect(await form.locator('textarea[name=measures]').inputValue()).toBe('<script>alert(1)</script>已清运垃圾');
    if (SHOTS) await page.screenshot({ path: join(shotDir, 'reply-receipt.png'), fullPage: true });

    const key = await page.locator('form.reply').first().getAttribute('data-key');
    expect(readdirSync(join(served.out, 'drive', '督办整改照片', key!))).toEqual([`${key}_整改后_2026-11-25_1.jpg`]);
    await context.close();
    if (SHOTS) {
      mkdirSync('docs/screenshots', { recursive: true });
      for (const f of ['reply-page.png', 'reply-receipt.png']) copyFileSync(join(shotDir, f), join('docs/screenshots', f));
    }
  });

  it('says plainly why nothing was kept when the photo after the fix is missing', async () => {
    const link = served.links.find((l) => l.subject === '市交通局')!.url;
    const { context, page } = await openOnPhone(browser, link);
    const form = page.locator('form.reply').first();
    await form.locator('textarea[name=measures]').fill('已清理');
    await form.locator('input[name=doneDate]').fill('2026-11-24');
    await form.locator('input[name=person]').fill('李明');
    await form.locator('button').click();
    await expect.poll(() => form.locator('.status').innerText(), { timeout: 15_000 }).toBe('未提交：请上传“整改后照片”。');
    await context.close();
  });
});
