import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import { findHeader } from '../../../src/core/ledger/header';
import { readClosedFlag } from '../../../src/core/ledger/status';
import { parseSettings } from '../../../src/core/settings/settings';
import { planSweep, type SweepPlan } from '../../../src/core/sweep/sweep';
import { normalizeWord, readApproval, readYesNo } from '../../../src/core/text/vocabulary';

describe('normalizeWord', () => {
  it('compares words however they were typed: full-width, spaced, upper case', () => {
    expect(normalizeWord(' Ｙｅｓ ')).toBe('yes');
    expect(normalizeWord('已 销　号')).toBe('已销号');
    expect(normalizeWord('ＤＯＮＥ')).toBe('done');
    expect(normalizeWord(null)).toBe('');
  });
});

describe('readYesNo: a plain yes/no', () => {
  it.each(['是', '对', 'Y', 'yes', 'TRUE', '1', '√', '✓', '✔', '☑', ' 是 ', 'Ｙｅｓ'])('reads %s as yes', (text) => {
    expect(readYesNo(text)).toBe(true);
  });

  it.each(['否', '不', 'N', 'no', 'false', '0', '×', '✗', '✘', '☐'])('reads %s as no', (text) => {
    expect(readYesNo(text)).toBe(false);
  });

  it('reads checkbox cells and 1/0 number cells', () => {
    expect(readYesNo(true)).toBe(true);
    expect(readYesNo(false)).toBe(false);
    expect(readYesNo(1)).toBe(true);
    expect(readYesNo(0)).toBe(false);
    expect(readYesNo(2)).toBeUndefined();
  });

  it('does not take a closing or approving word for a yes', () => {
    for (const word of ['已销号', '已办结', 'done', '同意', '批准', '未销号', '驳回', '', '待定']) expect(readYesNo(word)).toBeUndefined();
  });
});

describe('readClosedFlag: whether a task is closed (one vocabulary with the status words, ledger/status.ts)', () => {
  it.each(['是', '√', '☑', 'yes', '已', '已销号', '销号', '已办结', '办结', 'Closed', '已 办 结', true, 1])(
    'reads %s as closed',
    (text) => {
      expect(readClosedFlag(text)).toBe(true);
    },
  );

  it.each(['否', '×', '☐', 'no', '未', '未销号', '未办结', 'open', '未完成', false, 0])('reads %s as not closed', (text) => {
    expect(readClosedFlag(text)).toBe(false);
  });

  // Issue 13: done is the unit's 已完成 (待验收) in every column, never the office's 销号.
  it('says nothing for blank cells, progress words or approvals', () => {
    for (const v of ['', null, undefined, '整改中', 'done', '已完成', '待验收', '退回', '待定', '同意', 2])
      expect(readClosedFlag(v)).toBeUndefined();
  });

  it('counts the office’s own closed words (设置) in a 销号 column too', () => {
    expect(readClosedFlag('已完成', ['已销号', '已完成'])).toBe(true);
  });
});

describe('readApproval: whether an extension is approved', () => {
  it.each(['是', '√', '同意', '已同意', '批准', '已批准', '准予延期', '通过', 'Approved', 'OK'])('reads %s as approved', (text) => {
    expect(readApproval(text)).toBe(true);
  });

  it.each(['否', '×', '不同意', '不批准', '驳回', '未通过', 'rejected'])('reads %s as refused', (text) => {
    expect(readApproval(text)).toBe(false);
  });

  it('says nothing for pending or closing words', () => {
    for (const v of ['', '待审批', '已销号', 'done']) expect(readApproval(v)).toBeUndefined();
  });
});

const calendar = new WorkCalendar(shippedHolidayEntries());
const toDay = (date: Date): Day => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const cellDate = (m: number, date: number, y = 2026): Date => new Date(Date.UTC(y, m - 1, date) - 8 * 3600e3);
const { units } = parseUnits([['单位名称'], ['市城管局']]);

function sweep(values: unknown[][]): SweepPlan {
  const result = planSweep({
    sheet: '任务台账',
    values,
    settings: parseSettings([]).settings,
    units,
    haveDirectory: true,
    calendar,
    today: dayFromYmd(2026, 11, 25),
    toDay,
    t: translator('zh-CN'),
  });
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('a 销号 column read the same way by the header and by the rows', () => {
  const words = ['已办结', '办结', '☑', '已销号', '是'];

  it('keeps a 销号 column of closing words as the flag, and closes every task it marks', () => {
    const values = [
      ['问题描述', '责任单位', '整改时限', '销号'],
      ...words.map((w, i) => [`问题${i}`, '市城管局', cellDate(11, 2), w]),
      ['问题x', '市城管局', cellDate(11, 2), '未办结'],
    ];
    const header = findHeader(values);
    expect(header.ok && header.columns.closedFlag).toBe(3);
    const p = sweep(values);
    expect(p.tasks.map((task) => task.state.code)).toEqual([...words.map(() => 'closed'), 'overdue']);
    expect(p.rows.slice(0, words.length).every((r) => r.script.state === '已销号')).toBe(true);
  });
});

describe('one vocabulary for closing, whatever column holds it (issue 13, case 8)', () => {
  // The words real 创城 ledgers use, and the state each gives a task past its deadline.
  const WORDS: [string, string][] = [
    ['已销号', '已销号'],
    ['已办结', '已销号'],
    ['办结', '已销号'],
    ['是', '已销号'],
    ['✓', '已销号'],
    ['☑', '已销号'],
    ['√', '已销号'],
    ['已整改', '待验收'],
    ['整改完成', '待验收'],
    ['已完成', '待验收'],
    ['完成', '待验收'],
    ['否', '逾期'],
    ['未完成', '逾期'],
    ['未整改', '逾期'],
    ['整改中', '逾期'],
    ['正在整改', '逾期'],
    ['持续整改', '逾期'],
  ];

  for (const header of ['是否销号', '销号情况', '整改状态']) {
    it(`reads each word the same in a ${header} column`, () => {
      const values = [['问题描述', '责任单位', '整改时限', header], ...WORDS.map(([w], i) => [`问题${i}`, '市城管局', cellDate(11, 2), w])];
      const p = sweep(values);
      expect(p.tasks.map((task, i) => [WORDS[i]![0], task.state.code === 'overdue' ? '逾期' : p.rows[i]!.script.state])).toEqual(WORDS);
      expect(p.problems).toEqual([]);
    });
  }

  it('reports a word still not understood at its cell, in a 销号情况 column as in a status column', () => {
    const values = [
      ['问题描述', '责任单位', '整改时限', '销号情况'],
      ['问题1', '市城管局', cellDate(11, 2), '已办结'],
      ['问题2', '市城管局', cellDate(11, 2), '差不多了'],
    ];
    expect(sweep(values).problems.map((q) => [q.sheet, q.row, q.column, q.header, q.message])).toEqual([
      ['任务台账', 3, 4, '销号情况', '无法识别的状态“差不多了”：暂按待核实处理，不发督办；请改为已销号、整改中等状态'],
    ]);
  });
});

describe('settings booleans take only a plain yes or no', () => {
  it('reports 试运行 = 已销号 where it is, and keeps the default', () => {
    const { settings, problems } = parseSettings([
      ['设置项', '值', '说明'],
      ['试运行', '已销号', ''],
    ]);
    expect(settings.dryRun).toBe(false);
    expect(problems).toEqual([{ row: 1, column: 1, message: '“试运行”应为“是”或“否”，填的是“已销号”，已使用默认值 否。' }]);
  });

  it('still reads a tick or a full-width Ｙｅｓ', () => {
    for (const v of ['√', 'Ｙｅｓ', true]) expect(parseSettings([['试运行', v]]).settings.dryRun).toBe(true);
  });
});
