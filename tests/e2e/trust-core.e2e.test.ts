/**
 * Through the bundle: what an office sees when its ledger closes tasks in its own words, when
 * next year's holidays are not published yet, and when its ledger has both 完成时限 and 完成时间.
 */
import { describe, expect, it } from 'vitest';
import { col, job, rowOf, runtimeFor, shDate, shDay, sheet, sheetFrom, value, workbookOf } from './harness';

const units = () => sheetFrom('责任单位', [['单位名称'], ['市城管局'], ['市住建局']]);

describe('one vocabulary for closing words', () => {
  it('shows tasks marked 已办结, 办结, ☑ or done in a 销号 column as closed, not overdue', async () => {
    const words = ['已办结', '办结', '☑', 'done'];
    const wb = workbookOf([
      sheetFrom('任务台账', [
        ['问题描述', '责任单位', '整改时限', '销号'],
        ...words.map((w) => [`已关闭的任务${w}`, '市城管局', shDate(2026, 11, 2), w]),
        ['仍在整改的任务', '市城管局', shDate(2026, 11, 2), '未办结'],
      ]),
      units(),
      sheetFrom('设置', [
        ['设置项', '值', '说明'],
        ['试运行', '已销号', ''],
      ]),
    ]);
    const rt = await runtimeFor(wb, new Date('2026-11-25T01:00:00Z'));
    job(rt, 'setup');
    const result = job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    const state = col(s, 1, '督办状态');
    // done is the unit's 已完成 in every closing column (issue 13): awaiting verification, not overdue.
    for (const w of words) expect(value(s, rowOf(s, 1, `已关闭的任务${w}`), state), w).toBe(w === 'done' ? '待验收' : '已销号');
    expect(value(s, rowOf(s, 1, '仍在整改的任务'), state)).toBe('逾期');
    // 已销号 is no answer to a yes/no setting: said where it is, and the default (no) kept.
    expect(result.warnings.join('\n')).toContain('“试运行”应为“是”或“否”，填的是“已销号”');
  });
});

describe('a year whose holidays are not published yet', () => {
  it('does not count New Year’s Day as a working day, and tells the admin the year is provisional', async () => {
    const wb = workbookOf([
      sheetFrom('任务台账', [
        ['问题描述', '责任单位', '整改时限', '整改状态'],
        ['背街小巷垃圾堆积', '市城管局', shDate(2026, 12, 31), '整改中'],
      ]),
      units(),
    ]);
    // Monday 2027-01-04, 09:00 in Shanghai: 2027-01-01 (a Friday) is 元旦 by law.
    const rt = await runtimeFor(wb, new Date('2027-01-04T01:00:00Z'));
    job(rt, 'setup');
    const result = job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    const r = rowOf(s, 1, '背街小巷垃圾堆积');
    expect(value(s, r, col(s, 1, '督办状态'))).toBe('逾期');
    expect(value(s, r, col(s, 1, '逾期天数'))).toBe(1);
    const said = result.warnings.join('\n');
    expect(said).toContain('2027年的工作日暂按《全国年节及纪念日放假办法》规定的法定节假日计算');
    expect(said).toContain('请在《节假日》表补充');
    const report = sheet(rt, '台账问题')
      .rows.map((row) => row.map((c) => String(c?.value ?? '')).join(' '))
      .join('\n');
    expect(report).toContain('2027年的工作日暂按');
  });
});

describe('完成时限 and 完成时间 in one ledger', () => {
  it('keeps 完成时间 as the completion date, stamps it on closing, and says how the pair was read', async () => {
    const wb = workbookOf([
      sheetFrom('任务台账', [
        ['问题描述', '责任单位', '完成时限', '整改状态', '完成时间'],
        ['背街小巷垃圾堆积', '市城管局', shDate(2026, 11, 20), '整改中', ''],
        ['农贸市场占道经营', '市住建局', shDate(2026, 11, 10), '已销号', shDate(2026, 11, 8)],
        ['公益广告破损', '市城管局', shDate(2026, 12, 31), '未开始', ''],
      ]),
      units(),
    ]);
    const rt = await runtimeFor(wb, new Date('2026-11-25T01:00:00Z'));
    job(rt, 'setup');
    const result = job(rt, 'sweep');
    const s = sheet(rt, '任务台账');
    const r = rowOf(s, 1, '背街小巷垃圾堆积');
    expect(value(s, r, col(s, 1, '督办状态'))).toBe('逾期');
    expect(value(s, r, col(s, 1, '逾期天数'))).toBe(3);
    const pairLine = '“完成时限”（C 列）读作整改时限，“完成时间”（E 列）读作完成日期';
    expect(result.warnings.join('\n')).toContain(pairLine);
    expect(result.warnings.join('\n')).not.toContain('有多列');
    const report = sheet(rt, '台账问题')
      .rows.map((row) => row.map((c) => String(c?.value ?? '')).join(' '))
      .join('\n');
    expect(report).toContain(pairLine);

    // Closed today: the day goes into the empty 完成时间, the deadline is untouched.
    rt.edit('任务台账', `D${r}`, [['已销号']]);
    expect(value(s, r, col(s, 1, '督办状态'))).toBe('已销号');
    expect(shDay(value(s, r, col(s, 1, '完成时间')))).toBe('2026-11-25');
    expect(shDay(value(s, r, col(s, 1, '完成时限')))).toBe('2026-11-20');
  });
});
