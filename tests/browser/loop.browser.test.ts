/**
 * The whole loop in a real browser on a phone (issue 16: 全程跟进、逐项销号): the unit answers from
 * the link in its 整改通知 (a parsed .eml) with a photo and sees its 回执; the next sweep sends it
 * nothing for that matter (another unit, not answered, gets its 催办 that day) and the admin's
 * summary lists the reply with its photo's link; the verifier types 退回 and a 验收意见 in 整改反馈
 * as a person would; the next sweep sends the 退回通知 with that reason and the link again, and
 * the unit's page, opened from it, shows the reason. `<script>` typed in 整改措施 stays text in the
 * page, in 整改反馈's cell and in the mails.
 */
import { describe, expect, it } from 'vitest';
import type { LocalRuntime, SentMail } from '../../runtime/index';
import { col, job, setSetting, sheet, value } from '../e2e/harness';
import { browserSession, haveChromium, linkIn, openOnPhone, PNG, twoUnitsOffice } from './harness';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
const ADMIN = 'admin@example.org';
const MEASURES = '<script>alert(1)</script>已清运垃圾';

function sweepAt(rt: LocalRuntime, at: Date): SentMail[] {
  rt.setNow(at);
  const before = rt.outbox.length;
  job(rt, 'sweep');
  return rt.outbox.slice(before);
}

describe.skipIf(!haveChromium())('the loop: notice, reply on the phone, verification, 退回', () => {
  const session = browserSession(twoUnitsOffice, NOW);

  it('the reply holds the matter off the ladder, the summary lists it, a 退回 sends it back with the reason and the link', async () => {
    const { browser, served } = session;
    const rt = served.runtime;
    job(rt, 'setup');
    setSetting(rt, '管理员邮箱', ADMIN);
    const first = sweepAt(rt, NOW).find((m) => m.to === 'cgj@example.org')!;
    const { context, page } = await openOnPhone(browser, await linkIn(first));
    const form = page.locator('form.reply').first();
    const key = (await form.getAttribute('data-key'))!;
    await form.locator('textarea[name=measures]').fill(MEASURES);
    await form.locator('input[name=doneDate]').fill('2026-11-24');
    await form.locator('input[name=person]').fill('张伟');
    await form.locator('input[name=photosAfter]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: PNG });
    await form.locator('button').click();
    await expect.poll(() => form.locator('.status').innerText(), { timeout: 15_000 }).toMatch(/^已收到。回执编号：/);
    await context.close();

    // 整改反馈 keeps what was typed, as text.
    const fb = sheet(rt, '整改反馈');
    expect(value(fb, 2, col(fb, 1, '整改措施'))).toBe(MEASURES);
    const photo = String(value(fb, 2, col(fb, 1, '整改后照片')));
    expect(decodeURI(photo)).toMatch(new RegExp(`/drive/.+/${key}/${key}_整改后_2026-11-25_1\\.jpg$`));

    // 3 December: the 整改限期 (5 working days) of the first notices has passed. 市交通局, which did not answer, is urged;
    // 市城管局 gets nothing for its matter, and the admin's summary lists the reply with its photo.
    const day = sweepAt(rt, new Date(Date.UTC(2026, 11, 3, 1, 0)));
    expect(day.filter((m) => m.to === 'jtj@example.org').map((m) => m.subject)).toEqual([expect.stringMatching(/^【整改通知】/)]);
    expect(day.filter((m) => m.to === 'cgj@example.org')).toEqual([]);
    const summary = day.find((m) => m.to === ADMIN)!;
    expect(summary.body).toContain('今日收到整改反馈1件');
    expect(summary.htmlBody).toContain(photo);
    expect(summary.htmlBody).not.toContain('<script>');
    expect(summary.htmlBody).toContain('背街小巷垃圾堆积 &lt;b&gt;未清&lt;/b&gt;');

    // The verifier types 验收意见, then 退回, in 整改反馈 (a person's edits), and the next sweep sends the 退回通知.
    const letter = (header: string) => String.fromCharCode(64 + col(fb, 1, header));
    rt.spreadsheet.editAsUser('整改反馈', `${letter('验收意见')}2`, [['照片与点位不符，请补充整改前后对比照片']]);
    rt.spreadsheet.editAsUser('整改反馈', `${letter('验收结果')}2`, [['退回']]);
    // Back on its deadline, which has passed: the ladder goes on, so the same sweep urges the unit as well.
    const toUnit = sweepAt(rt, new Date(Date.UTC(2026, 11, 3, 2, 0))).filter((m) => m.to === 'cgj@example.org');
    expect(toUnit.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^【整改通知】市城管局：/),
      '【退回通知】市城管局：背街小巷垃圾堆积 <b>未清</b>验收未通过（督办退回〔2026〕1号）',
    ]);
    const returned = toUnit.filter((m) => m.subject.startsWith('【退回通知】'));
    expect(returned[0]!.body).toContain('退回原因：照片与点位不符，请补充整改前后对比照片');

    // The link in the 退回通知 opens the unit's page again, the matter open with the reason.
    const again = await openOnPhone(browser, await linkIn(returned[0]!));
    expect(await again.page.locator('section.matter .returned').first().innerText()).toContain('照片与点位不符，请补充整改前后对比照片');
    expect(await again.page.locator(`form.reply[data-key="${key}"]`).count()).toBe(1);
    expect(await again.page.locator('script:not([src])').allInnerTexts()).not.toContainEqual(expect.stringContaining('alert(1)'));
    await again.context.close();

    // The 回执 mailed to the unit shows 整改措施 as text.
    const receipt = rt.outbox.find((m) => m.to === 'cgj@example.org' && m.subject.startsWith('回执'));
    expect(receipt?.htmlBody ?? '').not.toMatch(/<script/i);
  }, 90_000);
});
