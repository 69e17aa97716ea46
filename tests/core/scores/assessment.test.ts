import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import { assessmentHeader, parseAssessment, planAssessment } from '../../../src/core/scores/assessment';
import type { HistoryRow } from '../../../src/core/scores/history';
import { quarterRollup } from '../../../src/core/scores/quarter';

const zh = translator('zh-CN');
const en = translator('en');

function row(month: string, unit: string, score: number, ranked = true): HistoryRow {
  return {
    month,
    unit,
    category: '市直部门',
    score,
    rank: ranked ? 1 : undefined,
    rankedCount: 3,
    bottomThree: false,
    rate: 0.5,
    civilized: false,
    ranked,
    redList: false,
    listReason: '',
  };
}

const rollup = quarterRollup(
  [row('2026-10', '市城管局', 90), row('2026-11', '市城管局', 80), row('2026-10', '市住建局', 95), row('2026-10', '市档案馆', 100, false)],
  2026,
  4,
);

describe('季度测评, the sheet where the office types each unit’s 实地测评 and 问卷 score', () => {
  it('has Duban’s columns (季度, 单位, 台账得分) and the office’s (实地测评, 问卷, 备注), in either language', () => {
    expect(assessmentHeader(zh)).toEqual(['季度', '单位', '台账得分', '实地测评', '问卷', '备注']);
    expect(assessmentHeader(en)).toEqual(['Quarter', 'Unit', 'Ledger score', 'Field check', 'Survey', 'Remark']);
  });

  it('adds a row for each unit of the quarter it lacks, keeps Duban’s 台账得分 current, and reads what the office typed', () => {
    const values = [
      ['单位', '季度', '台账得分', '问卷', '实地测评', '备注'],
      ['市城管局', '2026-Q4', 70, '90分', 80, '现场检查11月'],
      ['市住建局', '2026-Q3', 88, 60, 60, ''],
    ];
    const sheet = parseAssessment(values, zh);
    expect(sheet.problems).toEqual([]);
    const plan = planAssessment(sheet, { year: 2026, quarter: 4 }, rollup, zh);
    expect(plan.update).toEqual([{ row: 1, ledgerScore: 85 }]);
    expect(plan.append).toEqual([
      { quarter: '2026-Q4', unit: '市住建局', ledgerScore: 95 },
      { quarter: '2026-Q4', unit: '市档案馆', ledgerScore: '' },
    ]);
    expect(plan.typed).toEqual([{ unit: '市城管局', field: 80, survey: 90 }]);
    expect(plan.problems).toEqual([]);
  });

  it('says where a score it cannot take is, and leaves that part out; a second row for a unit, or a unit not in the quarter, too', () => {
    const values = [
      ['季度', '单位', '台账得分', '实地测评', '问卷', '备注'],
      ['2026-Q4', '市城管局', 85, '优', 120, ''],
      ['2026年第4季度', '市住建局', 95, 88, '', ''],
      ['2026-Q4', '市住建局', 95, 70, '', ''],
      ['2026-Q4', '市水务局', '', 75, '', ''],
      ['第四季度', '市档案馆', '', 75, '', ''],
    ];
    const sheet = parseAssessment(values, zh);
    const plan = planAssessment(sheet, { year: 2026, quarter: 4 }, rollup, zh);
    expect(plan.typed).toEqual([{ unit: '市住建局', field: 88, survey: undefined }]);
    expect([...sheet.problems, ...plan.problems]).toEqual([
      { row: 1, column: 3, message: '实地测评“优”不是0到100之间的分数，没有计入季度得分。' },
      { row: 1, column: 4, message: '问卷“120”不是0到100之间的分数，没有计入季度得分。' },
      { row: 5, column: 0, message: '季度“第四季度”无法识别（应为 2026-Q4 或 2026年第4季度），这一行未计入。' },
      { row: 3, column: 1, message: '市住建局在2026年第4季度已有一行（第3行），这一行未计入。' },
      { row: 4, column: 1, message: '市水务局在2026年第4季度的排名历史中没有记录，这一行的测评分未计入。' },
    ]);
    // 市档案馆 has no readable row: one is added for it.
    expect(plan.append).toEqual([{ quarter: '2026-Q4', unit: '市档案馆', ledgerScore: '' }]);
  });
});
