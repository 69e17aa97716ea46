import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import { FORM_LIMITS, photoKind, readOrderForm, readReplyForm } from '../../../src/core/webapp/forms';

const t = translator('zh-CN');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64');

const reply = {
  key: 'DB-0007',
  measures: '已清运垃圾，增设垃圾桶两个。',
  doneDate: '2026-11-26',
  person: '张三',
  photosAfter: [{ name: 'after.jpg', mimeType: 'image/jpeg', base64: JPEG }],
  photosBefore: [],
};

const order = {
  unit: '市城管局',
  description: '人民路口垃圾堆积',
  place: '人民路与解放路交叉口',
  lat: 30.27,
  lng: 120.15,
  deadlineText: '3个工作日内',
  photos: [{ name: 'site.png', mimeType: 'image/png', base64: PNG }],
};

describe('the unit reply form (全程跟进), checked on the server', () => {
  it('takes a complete reply, text trimmed', () => {
    const r = readReplyForm({ ...reply, person: '  张三 ' }, t);
    expect(r).toEqual({ ok: true, value: { ...reply, person: '张三' } });
  });

  it('says which field is missing and which is too long, in the office words', () => {
    const r = readReplyForm({ ...reply, measures: ' ', person: '张'.repeat(FORM_LIMITS.person + 1) }, t);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { field: 'measures', message: '请填写“整改措施”。' },
      { field: 'person', message: `“责任人”最多${FORM_LIMITS.person}个字，现有${FORM_LIMITS.person + 1}个。` },
    ]);
    expect(r.message).toBe(r.problems.map((p) => p.message).join('\n'));
  });

  it('wants a real date for 完成日期', () => {
    const r = readReplyForm({ ...reply, doneDate: '2026-02-30' }, t);
    expect(r.ok ? [] : r.problems).toEqual([{ field: 'doneDate', message: '“完成日期”应为日期，如 2026-11-25。' }]);
  });

  it('wants at least one photo after the fix', () => {
    const r = readReplyForm({ ...reply, photosAfter: [] }, t);
    expect(r.ok ? [] : r.problems).toEqual([{ field: 'photosAfter', message: '请上传“整改后照片”。' }]);
  });

  it('refuses a form that is not one (a page tampered with)', () => {
    for (const bad of [null, 'x', [], { ...reply, photosAfter: 'x' }, { ...reply, measures: 7 }]) {
      const r = readReplyForm(bad, t);
      expect(r.ok).toBe(false);
    }
  });
});

describe('photos: JPEG or PNG by their bytes, under the size limit, not too many', () => {
  it('knows a JPEG and a PNG by their first bytes, whatever the name or type says', () => {
    expect(photoKind(JPEG)).toBe('image/jpeg');
    expect(photoKind(PNG)).toBe('image/png');
    expect(photoKind(GIF)).toBeUndefined();
    expect(photoKind('not base64 at all!')).toBeUndefined();
  });

  it('refuses a GIF named .jpg, and a photo whose type does not match its bytes', () => {
    const r = readReplyForm({ ...reply, photosAfter: [{ name: 'x.jpg', mimeType: 'image/jpeg', base64: GIF }] }, t);
    expect(r.ok ? [] : r.problems).toEqual([
      { field: 'photosAfter', message: '照片“x.jpg”不是 JPEG 或 PNG 图片，未收下。请拍照或从相册选择照片。' },
    ]);
    const liar = readReplyForm({ ...reply, photosAfter: [{ name: 'x.png', mimeType: 'image/png', base64: JPEG }] }, t);
    expect(liar.ok).toBe(true);
    if (liar.ok) expect(liar.value.photosAfter[0]!.mimeType).toBe('image/jpeg');
  });

  it('accepts a data: URL as the page may send it, keeping only the bytes', () => {
    const r = readReplyForm(
      { ...reply, photosAfter: [{ name: 'a.jpg', mimeType: 'image/jpeg', base64: `data:image/jpeg;base64,${JPEG}` }] },
      t,
    );
    expect(r.ok && r.value.photosAfter[0]!.base64).toBe(JPEG);
  });

  it('refuses a photo over the size limit, saying its size', () => {
    const big = Buffer.alloc(FORM_LIMITS.photoBytes + 3);
    big.set([0xff, 0xd8, 0xff], 0);
    const r = readReplyForm({ ...reply, photosAfter: [{ name: 'big.jpg', mimeType: 'image/jpeg', base64: big.toString('base64') }] }, t);
    expect(r.ok ? [] : r.problems).toEqual([{ field: 'photosAfter', message: '照片“big.jpg”有5.0 MB，超过每张5 MB的上限。' }]);
  });

  it('refuses more photos than allowed', () => {
    const many = Array.from({ length: FORM_LIMITS.photos + 1 }, (_, i) => ({ name: `${i}.jpg`, mimeType: 'image/jpeg', base64: JPEG }));
    const r = readReplyForm({ ...reply, photosBefore: many }, t);
    expect(r.ok ? [] : r.problems).toEqual([
      { field: 'photosBefore', message: `“整改前照片”最多${FORM_LIMITS.photos}张，现有${FORM_LIMITS.photos + 1}张。` },
    ]);
  });
});

describe('the inspector order form (当场下单)', () => {
  it('takes a complete order; location and category are optional', () => {
    expect(readOrderForm(order, t)).toEqual({ ok: true, value: order });
    const { lat: _lat, lng: _lng, ...noPlace } = order;
    expect(readOrderForm({ ...noPlace, category: '' }, t)).toEqual({ ok: true, value: noPlace });
    expect(readOrderForm({ ...order, category: '市容环境' }, t)).toEqual({ ok: true, value: { ...order, category: '市容环境' } });
  });

  it('refuses a position outside the earth, and one coordinate without the other', () => {
    const r = readOrderForm({ ...order, lat: 123 }, t);
    expect(r.ok ? [] : r.problems).toEqual([{ field: 'location', message: '“位置”不是有效的经纬度，请重新定位或不带位置提交。' }]);
    const { lng: _lng, ...half } = order;
    expect(readOrderForm(half, t).ok).toBe(false);
  });

  it('says each missing field', () => {
    const r = readOrderForm({ ...order, unit: '', description: '', place: '', deadlineText: '' }, t);
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['unit', 'description', 'place', 'deadlineText']);
  });

  it('keeps a line break in the description but no other control character', () => {
    const r = readOrderForm({ ...order, description: '第一行\r\n第二行\u0000\u0007' }, t);
    expect(r.ok && r.value.description).toBe('第一行\n第二行');
  });
});
