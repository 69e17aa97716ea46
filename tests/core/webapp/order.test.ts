/** 当场下单 in the core: the row appended (columns, 序号, text kept as text) and the page (every value escaped). */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import { orderPageHtml, scriptJson } from '../../../src/core/webapp/order-page';
import { categoriesIn, nextSequence, orderRow } from '../../../src/core/webapp/order-row';

const t = translator('zh-CN');
const values = [
  ['序号', '问题描述', '责任单位', '整改时限', '备注', '问题类别'],
  [1, '垃圾', '市城管局', '', '', '环境卫生'],
  [7, '单车', '市交通局', '', '', '交通秩序'],
  ['合计', '', '', '', 2, ''],
];
const columns = { seq: 0, task: 1, unit: 2, deadline: 3, remark: 4, problemKind: 5 };
const order = { unit: '市城管局', description: '=SUM(A1)', place: '人民路', deadlineText: '即知即改', photos: [], lat: 30.1, lng: 120.2 };

describe('the row an order appends', () => {
  it('fills the ledger’s own columns, 序号 after the highest, formula-looking text marked as text', () => {
    const issued = new Date(Date.UTC(2026, 10, 24, 16));
    const row = orderRow({ columns, width: 7, values, taskRows: [1, 2], order, inspector: '王督查', issued, t });
    // No 点位 column in this ledger: the place goes into 备注, never lost.
    expect(row.values).toEqual([
      8,
      '=SUM(A1)',
      '市城管局',
      '即知即改',
      '现场交办：王督查；点位：人民路；位置：30.100000,120.200000',
      '',
      '',
    ]);
    expect(row.asText).toEqual([1]);
  });
  it('writes the place in the ledger’s 点位 column when it has one, not again in 备注', () => {
    const issued = new Date(Date.UTC(2026, 10, 24, 16));
    const row = orderRow({ columns: { ...columns, place: 6 }, width: 7, values, taskRows: [1, 2], order, inspector: '王督查', issued, t });
    expect(row.values.slice(4)).toEqual(['现场交办：王督查；位置：30.100000,120.200000', '', '人民路']);
  });
  it('gives no 序号 when the column holds no number', () => {
    expect(nextSequence([['一'], ['二']], [0, 1], 0)).toBeUndefined();
  });
  it('offers the 问题类别 the ledger uses', () => {
    expect(categoriesIn(values, [1, 2], 5)).toEqual(['环境卫生', '交通秩序']);
  });
});

describe('the inspector’s page', () => {
  it('escapes the directory’s names and the token cannot close its script', () => {
    const html = orderPageHtml({
      title: '当场下单 · <b>王</b>',
      token: 'v1.</script><script>x',
      units: ['市城管局', '"><script>alert(1)</script>'],
      categories: ['环境卫生'],
      defaultDeadline: '3个工作日内',
      t,
    });
    expect(html).toContain('<option value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></option>');
    expect(html).toContain('<h1>当场下单 · &lt;b&gt;王&lt;/b&gt;</h1>');
    expect(html).not.toContain('</script><script>x');
    expect(html).toContain(scriptJson('v1.</script><script>x'));
    expect(html).toContain('capture="environment"');
    expect(html).toContain('value="3个工作日内"');
    expect(html).toContain('<option value="即知即改"></option>');
    expect(html).toContain('webappSubmitOrder(TOKEN,form)');
  });
  it('leaves out 问题类别 when the ledger has no such column', () => {
    const html = orderPageHtml({ title: 'x', token: 't', units: [], categories: undefined, defaultDeadline: '即知即改', t });
    expect(html).not.toContain('id="category"');
  });
});
