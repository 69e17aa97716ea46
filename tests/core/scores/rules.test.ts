import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import { DEFAULT_RULES, missingRuleRows, parseRules, quarterWeights, RULE_KEYS, ruleLabel, ruleRows } from '../../../src/core/scores/rules';

const zh = translator('zh-CN');
const en = translator('en');

describe('ruleRows', () => {
  it('writes a header, then every rule with its default and its explanation', () => {
    const rows = ruleRows(zh);
    expect(rows[0]).toEqual(['规则', '分值', '说明']);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['基础分', 100],
      ['逾期任务扣分', 2],
      ['逾期天数扣分', 0.5],
      ['逾期扣分起算天数', 5],
      ['逾期天数扣分上限', 5],
      ['通报批评扣分', 3],
      ['约谈扣分', 5],
      ['反弹扣分', 3],
      ['测评失分计入比例', 1],
      ['按期销号加分', 1],
      ['配合单位分担比例', 0],
      ['红榜名额', 3],
      // Issue 15 (scores): 红榜 needs merit, 黑榜 needs a category of four.
      ['红榜逾期任务上限', 0],
      ['红榜按期销号下限', 1],
      ['小类别黑榜名额', 0],
      ['季度台账权重', 0.5],
      ['季度实地测评权重', 0.3],
      ['季度问卷权重', 0.2],
    ]);
    for (const row of rows.slice(1)) expect(String(row[2]).length).toBeGreaterThan(15);
    expect(ruleRows(en)[0]).toEqual(['Rule', 'Value', 'Explanation']);
    expect(ruleLabel('coUnitShare', en)).toBe('Co-unit share');
  });

  it('reads back as the defaults, in either language', () => {
    expect(parseRules(ruleRows(zh))).toEqual({ rules: DEFAULT_RULES, problems: [] });
    expect(parseRules(ruleRows(en), 'en')).toEqual({ rules: DEFAULT_RULES, problems: [] });
  });
});

describe('parseRules', () => {
  it('reads values as people type them, and any rule set to 0', () => {
    const { rules, problems } = parseRules([
      ['规则', '分值', '说明'],
      ['逾期任务扣分', '扣3分', ''],
      ['逾期天数扣分', 0, ''],
      ['逾期扣分起算天数', '3个工作日', ''],
      ['配合单位分担比例', '50%', ''],
      ['约谈扣分', '８', ''],
      ['Red list size', '5', ''],
      ['relapse', '', ''],
    ]);
    expect(problems.map((p) => [p.row, p.column])).toEqual([[7, 1]]);
    expect(rules).toEqual({
      ...DEFAULT_RULES,
      overdueTask: 3,
      overdueDay: 0,
      overdueDayThreshold: 3,
      coUnitShare: 0.5,
      interview: 8,
      redListSize: 5,
    });
  });

  it('reads the quarter’s weights (一季一测评) as shares, 50% or 0.5, in either language', () => {
    const { rules, problems } = parseRules([
      ['规则', '分值', '说明'],
      ['季度台账权重', '60%', ''],
      ['季度实地测评权重', 0.25, ''],
      ['Quarter survey weight', '15%', ''],
    ]);
    expect(problems).toEqual([]);
    expect(quarterWeights(rules)).toEqual({ ledger: 0.6, field: 0.25, survey: 0.15 });
    expect(quarterWeights(DEFAULT_RULES)).toEqual({ ledger: 0.5, field: 0.3, survey: 0.2 });
    expect(
      parseRules([
        ['规则', '分值'],
        ['季度问卷权重', '120%'],
      ]).problems[0]?.message,
    ).toBe('“季度问卷权重”应为 0 到 1 之间的数（也可写 0% 到 100%），填的是“120%”，已使用默认值 0.2。');
  });

  it('reports each bad value where it is and keeps the default', () => {
    const values = [
      ['', '', ''],
      ['规则', '分值', '说明'],
      ['通报批评扣分', '-3', ''],
      ['反弹扣分', '严重', ''],
      ['逾期扣分起算天数', 2.5, ''],
      ['配合单位分担比例', 1.5, ''],
      ['红榜名额', '', ''],
      ['加班费', 10, ''],
      ['约谈扣分', 6, ''],
      ['约谈扣分', 7, ''],
    ];
    const { rules, problems } = parseRules(values);
    expect(rules).toEqual({ ...DEFAULT_RULES, interview: 6 });
    expect(problems).toEqual([
      { row: 2, column: 1, message: '“通报批评扣分”应为不小于 0 的数，填的是“-3”，已使用默认值 3。' },
      { row: 3, column: 1, message: '“反弹扣分”应为不小于 0 的数，填的是“严重”，已使用默认值 3。' },
      { row: 4, column: 1, message: '“逾期扣分起算天数”应为不小于 0 的整数，填的是“2.5”，已使用默认值 5。' },
      { row: 5, column: 1, message: '“配合单位分担比例”应为 0 到 1 之间的数（也可写 0% 到 100%），填的是“1.5”，已使用默认值 0。' },
      { row: 6, column: 1, message: '“红榜名额”没有填写，已使用默认值 3；不计这一项请填 0。' },
      { row: 7, column: 0, message: '不认识的计分规则“加班费”，已忽略。' },
      { row: 9, column: 0, message: '计分规则“约谈扣分”重复出现，使用第一次的值。' },
    ]);
  });

  it('words its problems in the sheet’s language', () => {
    const { problems } = parseRules(
      [
        ['Rule', 'Value'],
        ['Per interview', 'lots'],
      ],
      'en',
    );
    expect(problems[0]?.message).toBe('"Per interview" should be a number not below 0, not "lots": the default 5 is used.');
  });

  it('finds the columns by their headers, in any order', () => {
    const { rules, problems } = parseRules([
      ['说明', '分值', '规则'],
      ['', 4, '通报批评扣分'],
    ]);
    expect(problems).toEqual([]);
    expect(rules.criticism).toBe(4);
  });

  it('reads the 红榜 and 黑榜 rules of issue 15 in either language, whole numbers only', () => {
    const { rules, problems } = parseRules([
      ['规则', '分值'],
      ['红榜逾期任务上限', '1项'],
      ['Fewest closed on time for the red list', 2],
      ['小类别黑榜名额', 1.5],
    ]);
    expect([rules.redMaxOverdue, rules.redMinClosedOnTime, rules.smallCategoryBlack]).toEqual([1, 2, 0]);
    expect(problems.map((p) => [p.row, p.message])).toEqual([[3, '“小类别黑榜名额”应为不小于 0 的整数，填的是“1.5”，已使用默认值 0。']]);
    expect(ruleLabel('smallCategoryBlack', en)).toBe('Black list places in a small category');
  });

  it('takes the default for a rule the sheet does not list', () => {
    expect(parseRules([]).rules).toEqual(DEFAULT_RULES);
  });
});

describe('missingRuleRows', () => {
  it('lists the rules no row names yet, in either language, for setup to add', () => {
    const sheet = ruleRows(en).filter((r) => r[0] !== 'Per relapse' && r[0] !== 'Red list size');
    expect(missingRuleRows(sheet, zh).map((r) => r[0])).toEqual(['反弹扣分', '红榜名额']);
    expect(missingRuleRows(ruleRows(zh), en)).toEqual([]);
    expect(missingRuleRows([], zh)).toHaveLength(RULE_KEYS.length);
  });
});
