/**
 * The unit's reply page in a real browser on a phone's screen (issue 16: reply): the sweep's
 * 整改通知 (as the .eml a unit receives) carries 在线报送整改情况：<link>; the link opens the
 * unit's page with its open matter; the unit answers it with a photo (compressed on the phone),
 * sees the 回执 on screen, and the photo is in the run's Drive folder. Markup typed in a field or
 * standing in the ledger shows as text. With UPDATE_SCREENSHOTS=1 the page and the receipt are
 * saved to docs/screenshots/ at the phone's size.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSession, captureDialogs, haveChromium, linkIn, openOnPhone, PNG, twoUnitsOffice } from './harness';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const shotDir = mkdtempSync(join(tmpdir(), 'duban-shots-'));

describe.skipIf(!haveChromium())('the unit answers from its notice', () => {
  const session = browserSession(twoUnitsOffice, NOW);

  it('opens the link from the 整改通知, answers one matter with a photo and sees the receipt', async () => {
    const { browser, served } = session;
    const rt = served.runtime;
    rt.run('sweep', [], 'manual');
    const mail = rt.outbox.find((m) => m.to.includes('cgj@example.org'));
    expect(mail).toBeDefined();
    const link = await linkIn(mail!);
    expect(link).toMatch(new RegExp(`^${served.url.replace(/[.?]/g, '\\$&')}\\?t=v1\\.`));

    const { context, page } = await openOnPhone(browser, link);
    const dialogs = captureDialogs(page);
    expect(await page.title()).toBe('市城管局 · 整改情况报送');
    // Only the unit's own matter, its description as text.
    expect(await page.locator('section.matter h2').allInnerTexts()).toEqual(['背街小巷垃圾堆积 <b>未清</b>']);
    expect(await page.locator('section.matter dd').first().innerText()).toMatch(/^DB-/);
    expect(await page.locator('section.matter .notices').innerText()).toBe('督办〔2026〕1号（2026年11月25日）');
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
    const { browser, served } = session;
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
