/**
 * Issue 16, one way to check a reply: acceptReply's own check (core/feedback/accept.ts) is the
 * router's form reading (core/webapp/forms.ts readReplyForm) plus what only the ledger's day
 * knows (完成日期 not after today). The same limits and the same words whichever door a reply
 * comes through; what is recorded is the form as read (trimmed, control characters gone).
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/core/calendar/day';
import { checkReply } from '../../../src/core/feedback/accept';
import { translator } from '../../../src/core/i18n';
import { FORM_LIMITS, readReplyForm } from '../../../src/core/webapp/forms';

const t = translator('zh-CN');
const today = dayFromYmd(2026, 11, 25);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');
const reply = {
  key: 'DB-0007',
  measures: '已清运垃圾，增设垃圾桶两个。',
  doneDate: '2026-11-25',
  person: '张三',
  photosAfter: [{ name: 'after.jpg', mimeType: 'image/jpeg', base64: JPEG }],
  photosBefore: [],
};

describe('checkReply: the router’s form reading, then 完成日期 not after today', () => {
  it('gives back the reply as the form reads it: trimmed, control characters gone', () => {
    const r = checkReply({ ...reply, person: ' 张三\u0000 ', measures: '已清运\u0007垃圾' }, today, t);
    expect(r).toEqual({ ok: true, reply: { ...reply, person: '张三', measures: '已清运垃圾' } });
  });

  it('refuses with the very words of the form, every problem at once', () => {
    const raw = { ...reply, measures: '整'.repeat(FORM_LIMITS.measures + 1), photosAfter: [] };
    const form = readReplyForm(raw, t);
    expect(form.ok).toBe(false);
    expect(checkReply(raw, today, t)).toEqual({
      ok: false,
      message: `“整改措施”最多${FORM_LIMITS.measures}个字，现有${FORM_LIMITS.measures + 1}个。\n请上传“整改后照片”。`,
    });
  });

  it('refuses a GIF whose name and type say JPEG', () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64');
    expect(checkReply({ ...reply, photosAfter: [{ name: 'x.jpg', mimeType: 'image/jpeg', base64: gif }] }, today, t)).toEqual({
      ok: false,
      message: '照片“x.jpg”不是 JPEG 或 PNG 图片，未收下。请拍照或从相册选择照片。',
    });
  });

  it('refuses a 完成日期 after today, a day that does not exist, and a form that is not one', () => {
    expect(checkReply({ ...reply, doneDate: '2026-11-26' }, today, t)).toEqual({
      ok: false,
      message: '完成日期“2026-11-26”无效：请选择今天或以前的日期（格式YYYY-MM-DD）',
    });
    expect(checkReply({ ...reply, doneDate: '2026-02-30' }, today, t)).toEqual({
      ok: false,
      message: '“完成日期”应为日期，如 2026-11-25。',
    });
    expect(checkReply(null, today, t)).toEqual({ ok: false, message: '提交的内容无法识别，请刷新页面后重试。' });
  });
});
