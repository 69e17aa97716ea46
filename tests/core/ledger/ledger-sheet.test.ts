import { describe, expect, it } from 'vitest';
import { matchField } from '../../../src/core/ledger/columns';
import { chooseLedgerSheet, describeLedgerChoice, fitOf } from '../../../src/core/ledger/ledger-sheet';

/** A 创城 问题整改台账 as offices keep it: a merged title, then the header. */
const RECTIFICATION = [
  ['xx市创建全国文明城市问题整改台账', '', '', '', ''],
  ['问题描述', '责任单位', '整改时限', '是否整改到位', '备注'],
  ['背街小巷垃圾堆积', '市城管局', '2026-11-20', '否', ''],
];
/** A 问题清单 with more of the usual columns, and no closing column of its own. */
const PROBLEM_LIST = [
  ['序号', '具体问题', '问题点位', '牵头单位', '配合单位', '完成时限', '整改措施', '整改进展', '责任人', '分管领导', '交办日期'],
  [1, '公益广告破损', '人民路', '市住建局', '', '2026-12-01', '更换', '', '张三', '李四', ''],
];
const NOTES = [['说明'], ['本表记录每月督查安排。']];
const PEOPLE = [
  ['姓名', '电话', '单位'],
  ['张三', '138', '市城管局'],
];

describe('the headers real 创城 ledgers use', () => {
  it('reads the yes/no question of rectification as the closing column', () => {
    for (const h of ['是否整改到位', '整改是否到位', '是否完成', '是否整改完成', '是否已整改', '整改完成情况', '办结情况'])
      expect([h, matchField(h)]).toEqual([h, 'closedFlag']);
  });

  it('reads the usual 问题清单 / 交办单 / 督查台账 columns', () => {
    const expected: Record<string, string> = {
      问题内容: 'task',
      存在问题: 'task',
      督查发现问题: 'task',
      位置: 'place',
      整改单位: 'unit',
      责任部门: 'unit',
      承办单位: 'unit',
      配合单位: 'coUnits',
      整改期限: 'deadline',
      办理时限: 'deadline',
      进展情况: 'progress',
      督查时间: 'issued',
      发现时间: 'issued',
    };
    for (const [h, field] of Object.entries(expected)) expect([h, matchField(h)]).toEqual([h, field]);
  });
});

describe('fitOf: how well a sheet looks like the task ledger', () => {
  it('finds the header under a title and counts the fields it names', () => {
    const fit = fitOf({ name: '整改台账', values: RECTIFICATION });
    expect(fit).toMatchObject({ name: '整改台账', missing: [], headerRow: 2, blank: false });
    expect([...fit.fields].sort()).toEqual(['closedFlag', 'deadline', 'remark', 'task', 'unit']);
  });

  it('takes a ledger without a closing column: the ledger reader then says what it lacks', () => {
    const fit = fitOf({ name: '问题清单', values: PROBLEM_LIST });
    expect(fit.missing).toEqual([]);
    expect(fit.headerRow).toBe(1);
    expect(fit.fields).toContain('task');
  });

  it('says which of task, unit and deadline a sheet lacks, and when it is blank', () => {
    expect(fitOf({ name: '人员', values: PEOPLE }).missing).toEqual(['task', 'unit', 'deadline']);
    expect(fitOf({ name: '半张', values: [['问题描述', '责任单位']] }).missing).toEqual(['deadline']);
    expect(fitOf({ name: 'Sheet1', values: [] }).blank).toBe(true);
    expect(fitOf({ name: 'Sheet1', values: [['', ' ']] }).blank).toBe(true);
    expect(fitOf({ name: '说明', values: NOTES }).blank).toBe(false);
  });
});

describe('chooseLedgerSheet', () => {
  it('takes the sheet whose header names the most fields', () => {
    const choice = chooseLedgerSheet([
      { name: '说明', values: NOTES },
      { name: '整改台账', values: RECTIFICATION },
      { name: '人员', values: PEOPLE },
    ]);
    expect(choice.kind).toBe('chosen');
    if (choice.kind === 'chosen') expect(choice.fit.name).toBe('整改台账');
  });

  it('prefers the fuller header when two sheets both qualify', () => {
    const choice = chooseLedgerSheet([
      { name: '整改台账', values: RECTIFICATION },
      { name: '问题清单', values: PROBLEM_LIST },
    ]);
    expect(choice.kind === 'chosen' && choice.fit.name).toBe('问题清单');
  });

  it('never guesses between two equally good sheets', () => {
    const choice = chooseLedgerSheet([
      { name: '整改台账', values: RECTIFICATION },
      { name: '说明', values: NOTES },
      { name: '整改台账（备份）', values: RECTIFICATION },
    ]);
    expect(choice.kind).toBe('tie');
    if (choice.kind === 'tie') expect(choice.fits.map((f) => f.name)).toEqual(['整改台账', '整改台账（备份）']);
  });

  it('finds none when no sheet names task, unit and deadline, and says whether any held data', () => {
    const none = chooseLedgerSheet([
      { name: '说明', values: NOTES },
      { name: '人员', values: PEOPLE },
    ]);
    expect(none).toMatchObject({ kind: 'none', blank: false });
    const fresh = chooseLedgerSheet([{ name: 'Sheet1', values: [] }]);
    expect(fresh).toMatchObject({ kind: 'none', blank: true });
    expect(chooseLedgerSheet([])).toMatchObject({ kind: 'none', blank: true });
  });
});

describe('describeLedgerChoice', () => {
  it('says which sheet was taken, by which header row and columns', () => {
    const choice = chooseLedgerSheet([{ name: '整改台账', values: RECTIFICATION }]);
    expect(describeLedgerChoice(choice, '任务台账', 'zh-CN')).toBe(
      '没有名为“任务台账”的表：按表头选用了《整改台账》作为任务台账（第2行表头认出5列：问题描述、责任单位、整改时限、是否整改到位、备注），已记入《设置》的“任务表名称”',
    );
  });

  it('names both sheets of a tie', () => {
    const choice = chooseLedgerSheet([
      { name: '整改台账', values: RECTIFICATION },
      { name: '整改台账（备份）', values: RECTIFICATION },
    ]);
    expect(describeLedgerChoice(choice, '任务台账', 'zh-CN')).toBe(
      '没有名为“任务台账”的表，而《整改台账》《整改台账（备份）》的表头同样像任务台账（各认出5列），督办台账不替您挑选。请在《设置》的“任务表名称”中填写台账所在表的名称，再运行“初始化 / 修复台账”。',
    );
  });

  it('names the sheets looked at, what each lacks, and the columns looked for', () => {
    const choice = chooseLedgerSheet([
      { name: '说明', values: NOTES },
      { name: '半张', values: [['问题描述', '责任单位']] },
      { name: 'Sheet1', values: [] },
    ]);
    const text = describeLedgerChoice(choice, '任务台账', 'zh-CN');
    expect(text).toContain('没有名为“任务台账”的表，其他工作表也都不像任务台账：查看了《说明》《半张》《Sheet1》');
    expect(text).toContain('《说明》缺少“任务内容”、“责任单位”、“整改时限”；《半张》缺少“整改时限”；《Sheet1》是空表。');
    expect(text).toContain('“任务内容”（可用表头：任务内容、问题描述、');
    expect(text).toContain('“责任单位”（可用表头：责任单位、牵头单位、');
    expect(text).toContain('“整改时限”（可用表头：整改时限、完成时限、');
    expect(text).toContain('请在《设置》的“任务表名称”中填写台账所在表的名称，或把台账的表头改成上述列名，再运行“初始化 / 修复台账”。');
  });

  it('speaks English too', () => {
    const choice = chooseLedgerSheet([{ name: 'Notes', values: NOTES }]);
    const text = describeLedgerChoice(choice, 'Tasks', 'en');
    expect(text).toContain('No sheet is named "Tasks" and no other sheet looks like the task ledger: looked at "Notes"');
    expect(text).toContain('"Task" (any of:');
  });
});
