import { describe, expect, it } from 'vitest';
import { allTexts } from '../../../src/core/i18n';
import { aliasesOf, matchField, PERSON_FIELD_ALIASES, type PersonField, scriptFieldNamed } from '../../../src/core/ledger/columns';
import { describeDuplicates, describeMissingHeader, findHeader } from '../../../src/core/ledger/header';
import { cellText, columnLetter, normalizeHeader } from '../../../src/core/text/text';

describe('normalizeHeader', () => {
  it('ignores line breaks, spaces, full-width letters and bracketed notes', () => {
    expect(normalizeHeader('整改\n时限（截止日期）')).toBe('整改时限');
    expect(normalizeHeader(' 责任　单位* ')).toBe('责任单位');
    expect(normalizeHeader('Ｄｅａｄｌｉｎｅ：')).toBe('deadline');
    expect(normalizeHeader('是否销号(是/否)')).toBe('是否销号');
    expect(normalizeHeader('No.')).toBe('no');
  });

  it('keeps a header that is only a bracketed word', () => {
    expect(normalizeHeader('（备注）')).toBe('备注');
  });

  it('reads blank cells as empty text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText('  市城管局 ')).toBe('市城管局');
    expect(cellText(12)).toBe('12');
  });

  it('names columns by letter', () => {
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
  });
});

describe('matchField', () => {
  it('recognises every alias of every field, in both languages', () => {
    for (const field of Object.keys(PERSON_FIELD_ALIASES) as PersonField[]) {
      for (const alias of aliasesOf(field)) expect([alias, matchField(alias)]).toEqual([alias, field]);
    }
  });

  it('never reads a header named like a script column as a field: the script knows its columns by its mark', () => {
    // 督办状态 ends in 状态 and 系统编号 in 编号: read by ending they would be the status and the ID.
    for (const key of ['col.state', 'col.daysOverdue', 'col.reopenCount', 'col.taskId', 'col.dueAsRead', 'col.firstSeen'] as const) {
      for (const text of allTexts(key)) expect([text, matchField(text)]).toEqual([text, undefined]);
    }
    expect(scriptFieldNamed('系统编号')).toBe('taskId');
    expect(scriptFieldNamed('Task ID')).toBe('taskId');
    expect(scriptFieldNamed(' 逾期\n天数 ')).toBe('daysOverdue');
    expect(scriptFieldNamed('整改状态')).toBeUndefined();
  });

  it('reads longer headers by the alias they end with', () => {
    expect(matchField('整改完成时限')).toBe('deadline');
    // 整改要求 is the office's requirement; 整改时限要求 still a deadline, 问题描述及整改要求 the task.
    expect([matchField('整改要求'), matchField('具体整改要求'), matchField('整改时限要求'), matchField('问题描述及整改要求')]).toEqual([
      'requirement',
      'requirement',
      'deadline',
      'task',
    ]);
    expect(matchField('牵头责任单位')).toBe('unit');
    expect(matchField('问题整改情况')).toBe('progress');
    expect(matchField('责任单位负责人')).toBe('person');
    expect(matchField('Task description')).toBe('task');
    expect(matchField('计划完成日期')).toBe('deadline');
  });

  it('never swaps look-alike fields', () => {
    expect(matchField('责任单位')).toBe('unit');
    expect(matchField('责任人')).toBe('person');
    expect(matchField('完成情况')).toBe('progress');
    expect(matchField('完成时限')).toBe('deadline');
    expect(matchField('完成日期')).toBe('completed');
    expect(matchField('问题来源')).toBe('source');
    expect(matchField('任务编号')).toBe('id');
    expect(matchField('延期时限')).toBe('extendedTo');
  });

  it('reads a Chinese header by its ending, not by a word it starts with', () => {
    // Issue 15: 问题类型 is a column of its own now (问题类别), still never the task.
    expect(matchField('问题类型')).toBe('problemKind');
    expect(matchField('问题点位')).toBe('place');
    expect(matchField('问题地址')).toBeUndefined();
    expect(matchField('整改时限要求')).toBe('deadline');
    expect(matchField('责任单位名称')).toBe('unit');
    expect(matchField('扣分情况')).toBe('pointsLost');
    expect(matchField('整改进度')).toBe('progress');
    expect(matchField('分管负责人')).toBe('leader');
  });

  it('tells the points a task lost in a check (失分, 扣分) from a score column', () => {
    for (const h of ['失分', '扣分', '失分值', '扣分值', '扣分分值', '测评失分', 'Points lost', 'Points deducted', 'Deductions']) {
      expect(matchField(h), h).toBe('pointsLost');
    }
    for (const h of ['分值', '得分', '测评得分', '分数', 'Score', 'Points']) expect(matchField(h), h).toBe('score');
  });

  it('reads X及Y headers as X', () => {
    expect(matchField('问题描述及整改要求')).toBe('task');
    expect(matchField('责任单位及责任人')).toBe('unit');
    expect(matchField('完成情况及佐证材料')).toBe('progress');
  });

  it("does not take a unit's request for the office's decision", () => {
    expect(matchField('是否申请销号')).toBeUndefined();
    expect(matchField('销号申请')).toBeUndefined();
    expect(matchField('申请延期至')).toBe('extendedTo');
  });

  it('does not find short English words inside others', () => {
    expect(matchField('Overdue days')).toBeUndefined();
    expect(matchField('Units involved')).toBeUndefined();
  });

  it('does not take a supporting unit for the responsible one: it is a co-unit', () => {
    expect(matchField('配合单位')).toBe('coUnits');
    expect(matchField('配合责任单位')).toBe('coUnits');
    expect(matchField('协办部门')).toBe('coUnits');
    expect(matchField('协助人')).toBeUndefined();
  });
});

const TITLE = ['xx市创建全国文明城市问题整改台账', '', '', '', '', ''];
const SUBTITLE = ['（2024年第三批）', '', '', '', '', ''];
const DATE_LINE = ['填报单位：市创城办', '', '', '', '填报日期：2024年5月6日', ''];

describe('findHeader', () => {
  it('finds the header below a merged title, a subtitle and a date line', () => {
    const values = [
      TITLE,
      SUBTITLE,
      DATE_LINE,
      ['序号', '问题描述', '责任单位', '整改时限', '整改状态', '备注'],
      [1, '人民路占道经营', '市城管局', new Date(2024, 5, 30), '整改中', ''],
    ];
    const r = findHeader(values);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.headerRow).toBe(3);
    expect(r.headerTop).toBe(3);
    expect(r.columns).toEqual({ seq: 0, task: 1, unit: 2, deadline: 3, status: 4, remark: 5 });
    expect(r.unknown).toEqual([]);
  });

  it('finds columns in any order, with line breaks and full-width brackets', () => {
    const values = [
      ['整改\n时限（截止日期）', '是否销号（是/否）', '牵头\n责任单位', '编号', '具体问题', 'Ｓｃｏｒｅ', '整改措施'],
      ['2024-06-30', '否', '市住建局', 'A-001', '工地围挡破损', 2, '修复'],
    ];
    const r = findHeader(values);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.headerRow).toBe(0);
    expect(r.columns).toEqual({ deadline: 0, closedFlag: 1, unit: 2, id: 3, task: 4, score: 5 });
    expect(r.unknown).toEqual([{ column: 6, text: '整改措施' }]);
  });

  it('reads an English ledger', () => {
    const r = findHeader([['No.', 'Task', 'Responsible unit', 'Deadline', 'Status', 'Days overdue', 'Task ID']]);
    expect(r.ok && r.columns).toEqual({ seq: 0, task: 1, unit: 2, deadline: 3, status: 4 });
  });

  it('keeps the first of two columns for one field and reports the other', () => {
    const values = [['任务内容', '责任单位', '完成时限', '状态', '备注', '备注']];
    const r = findHeader(values);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.columns.remark).toBe(4);
    expect(r.duplicates).toEqual([{ field: 'remark', columns: [5] }]);
    expect(describeDuplicates(r, 'zh-CN')).toEqual(['“备注”有多列：使用 E 列，忽略 F 列。']);
  });

  it('prefers the row naming the most fields', () => {
    const values = [
      ['问题', '责任单位', '时限', '状态'],
      ['问题描述', '责任单位', '整改时限', '整改状态', '责任人', '备注'],
    ];
    const r = findHeader(values);
    expect(r.ok && r.headerRow).toBe(1);
  });

  it('reads a header split over two rows', () => {
    const values = [
      TITLE,
      ['序号', '问题描述', '责任单位', '整改时限', '整改情况', ''],
      ['', '', '', '', '是否销号', '进展情况'],
      [1, '占道经营', '市城管局', '2024-06-30', '否', '已约谈商户'],
    ];
    const r = findHeader(values);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.headerTop).toBe(1);
    expect(r.headerRow).toBe(2);
    expect(r.columns).toMatchObject({ task: 1, unit: 2, deadline: 3, closedFlag: 4, progress: 5 });
  });

  it('reads a merged header over sub-headers that name nothing on their own', () => {
    const values = [
      ['序号', '问题描述', '责任单位', '', '整改时限', '状态'],
      ['', '', '牵头', '配合', '', ''],
      [1, '占道经营', '市城管局', '市公安局', '2024-06-30', '整改中'],
    ];
    const r = findHeader(values);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.headerTop).toBe(0);
    expect(r.headerRow).toBe(1);
    expect(r.columns).toEqual({ seq: 0, task: 1, unit: 2, deadline: 4, status: 5 });
    expect(r.unknown).toEqual([{ column: 3, text: '配合' }]);
  });

  it('never takes the word above one of Duban’s headers for that column, even unmarked (a legend’s 已销号 over 督办次数)', () => {
    const values = [
      ['XX市创城问题整改台账'],
      ['', '', '', '', '', '逾期', '临期', '待验收', '已销号', '待核实'],
      ['序号', '问题描述', '责任单位', '整改时限', '整改状态', '督办状态', '认定时限', '逾期天数', '督办次数', '最近督办'],
      [1, '垃圾堆积', '市城管局', '2026-11-20', '整改中', '逾期', '2026-11-20', 3, 1, '2026-11-24'],
    ];
    const r = findHeader(values);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.headerTop, r.headerRow]).toEqual([2, 2]);
    expect(r.columns).toEqual({ seq: 0, task: 1, unit: 2, deadline: 3, status: 4 });
  });

  it('does not take the first data row for a sub-header', () => {
    const values = [
      ['序号', '问题描述', '责任单位', '整改时限', '状态'],
      ['', '', '市住建局', '长期坚持', '整改中'],
    ];
    const r = findHeader(values);
    expect(r.ok && r.headerRow).toBe(0);
  });

  it('reads 销号情况 as the yes/no flag when its cells say yes or no', () => {
    const values = [
      ['任务', '责任单位', '时限', '销号情况'],
      ['a', '市城管局', '2024-06-30', '已销号'],
      ['b', '市城管局', '2024-06-30', '未销号'],
      ['c', '市城管局', '2024-06-30', ''],
    ];
    const r = findHeader(values);
    expect(r.ok && r.columns).toEqual({ task: 0, unit: 1, deadline: 2, closedFlag: 3 });
  });

  it('reads 销号情况 as the status when its cells hold progress words', () => {
    const values = [
      ['任务', '责任单位', '时限', '销号情况'],
      ['a', '市城管局', '2024-06-30', '已销号'],
      ['b', '市城管局', '2024-06-30', '整改中'],
    ];
    const r = findHeader(values);
    expect(r.ok && r.columns).toEqual({ task: 0, unit: 1, deadline: 2, status: 3 });
  });

  it('reports the missing required columns and what it looked for', () => {
    const values = [TITLE, ['序号', '问题描述', '牵头单位', '备注']];
    const r = findHeader(values);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toEqual(['deadline', 'status', 'closedFlag']);
    expect(r.bestRow).toBe(1);
    expect(r.lookedFor.deadline).toContain('整改时限');
    expect(r.lookedFor.deadline).toContain('Deadline');
    const zh = describeMissingHeader(r, 'zh-CN');
    expect(zh).toContain('“整改时限”（可用表头：整改时限、完成时限');
    expect(zh).toContain('“状态”');
    expect(zh).toContain('“是否销号”');
    expect(zh).toContain('第 2 行');
    expect(describeMissingHeader(r, 'en')).toContain('"Deadline" (any of:');
  });

  it('gives up on a sheet with no header at all', () => {
    const r = findHeader([['hello'], [], [1, 2, 3]]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.bestRow).toBeUndefined();
    expect(r.missing).toEqual(['task', 'unit', 'deadline', 'status', 'closedFlag']);
  });

  it('looks no further than maxScanRows', () => {
    const values: unknown[][] = [...Array.from({ length: 5 }, () => ['']), ['任务', '责任单位', '时限', '状态']];
    expect(findHeader(values, { maxScanRows: 5 }).ok).toBe(false);
    expect(findHeader(values).ok).toBe(true);
  });

  it('handles an empty sheet', () => {
    expect(findHeader([]).ok).toBe(false);
  });
});
