/**
 * Issue 14: a unit with no valid address at all waits (nothing is guessed); the month's bulletin
 * marks its overdue tasks 未送达 rather than counting them as notices failed.
 */
import { describe, expect, it } from 'vitest';
import { parseUnits } from '../../../src/core/directory/units';
import { layoutPublication } from '../../../src/core/publication/layout';
import { rankMonth } from '../../../src/core/scores/ranking';
import { defaultRules } from '../../../src/core/scores/rules';
import { d, entry, november, task, unitOf, zh } from './fixtures';

const { units } = parseUnits([
  ['单位名称', '单位类型', '联系人邮箱', '主要负责人邮箱', '分管领导邮箱'],
  ['市城管局', '市直部门', 'cgj#example.org', '', ''],
  ['市住建局', '市直部门', 'zjj@example.org', '', ''],
]);

describe('notices that could not be delivered (未送达)', () => {
  const tasks = [task({ key: 'DB-0001', deadline: d(11, 20) }), task({ key: 'DB-0002', unit: '市住建局', deadline: d(11, 20) })];

  it('counts the overdue tasks of a unit with no valid address, not those of a unit that was told', () => {
    const s = november(tasks, { units });
    expect([unitOf(s, '市城管局').undelivered, unitOf(s, '市住建局').undelivered]).toEqual([1, 0]);
    // Once a notice was given (the address fixed), the task is no longer undelivered.
    const told = november(tasks, {
      units,
      entries: [entry({ number: '督办〔2026〕1号', key: 'DB-0001', level: 'notice', day: d(11, 23) })],
    });
    expect(unitOf(told, '市城管局').undelivered).toBe(0);
  });

  it('says so in the bulletin, beside the unit’s score', () => {
    const s = november(tasks, { units });
    const doc = layoutPublication({ scores: s, ranking: rankMonth(s, defaultRules(), zh), sanctions: [], publishedOn: d(12, 1), t: zh });
    const text = doc.rows.flatMap((r) => r.map((c) => String(c?.value ?? ''))).join('\n');
    expect(text).toContain('整改通知未送达1项（责任单位表中无有效邮箱，未计为未达到整改要求）');
    expect(text.match(/未送达/g)).toHaveLength(1);
  });
});
