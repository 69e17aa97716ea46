import { describe, expect, it } from 'vitest';
import { type Day, parseIsoDay } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import { composeOrderNotice, type OrderNotice } from '../../../src/core/notices/order-notice';

const zh = translator('zh-CN');
const day = (iso: string): Day => {
  const d = parseIsoDay(iso);
  if (d === undefined) throw new Error(iso);
  return d;
};
const OFFICE = {
  senderName: '市创文办',
  contactPerson: '李明',
  contactPhone: '0571-87001234',
  contactEmail: 'cwb@city.gov.cn',
  countDays: 'working' as const,
};
const notice = (photos: string[]): OrderNotice => ({
  number: 'X创城督〔2026〕12号',
  key: 'DB-0013',
  row: 40,
  unit: '市市场监管局',
  task: '夜市摊点油烟直排<script>alert(1)</script>',
  place: '新华路与中山路交叉口',
  deadlineText: '3个工作日内',
  replyBy: day('2026-12-08'),
  inspector: '王某',
  photos,
});
const ctx = {
  t: zh,
  today: day('2026-12-03'),
  office: OFFICE,
  rowLink: (row: number) => `https://docs.google.com/spreadsheets/d/S/edit#gid=0&range=A${row}`,
};

describe('the 整改通知（当场下单）', () => {
  const photo = 'https://drive.google.com/file/d/ABC/view';

  it('shows each photo as a link named 照片N, and asks for the reply through the unit’s link when the web app is known', () => {
    const webappLink = (unit: string) => `https://script.google.com/macros/s/ID/exec?u=${encodeURIComponent(unit)}`;
    const mail = composeOrderNotice(notice([photo, `${photo}2`]), 'scjg@city.gov.cn', { ...ctx, webappLink });
    expect(mail.htmlBody).toContain(`<a href="${photo}">照片1</a>`);
    expect(mail.htmlBody).toContain(`<a href="${photo}2">照片2</a>`);
    expect(mail.htmlBody).toContain('夜市摊点油烟直排&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.body).toContain(`在线报送整改情况：${webappLink('市市场监管局')}`);
    expect(mail.body).toContain('请于2026年12月8日前整改到位。整改完成后，请点击文末“在线报送整改情况”链接');
  });

  it('without the web app, asks for the report by mail and carries no link', () => {
    const mail = composeOrderNotice(notice([]), 'scjg@city.gov.cn', ctx);
    expect(mail.body).not.toContain('在线报送');
    expect(mail.body).not.toContain('现场照片');
    expect(mail.body).toContain('请于2026年12月8日前整改到位，并将整改情况报送市创文办（cwb@city.gov.cn）。');
  });
});
