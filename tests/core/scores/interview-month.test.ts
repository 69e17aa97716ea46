/**
 * The month's bulletin and 约谈 (issue 14, "约谈 is decided by a person"): a 约谈 counts when its
 * 约谈通知 was sent, once, on the unit, naming the case's tasks; a proposal alone costs nothing;
 * the bulletin says 已约谈 when the office entered its 约谈完成日期.
 */
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/core/notices/log';
import { layoutPublication } from '../../../src/core/publication/layout';
import { rankMonth } from '../../../src/core/scores/ranking';
import { defaultRules } from '../../../src/core/scores/rules';
import { d, entry, november, task, unitOf, zh } from './fixtures';

const NUMBER = 'X创城督约谈〔2026〕1号';
const t1 = task({ key: 'DB-0301', unit: '市住建局', deadline: d(9, 18), task: '老旧小区飞线充电' });
const t2 = task({ key: 'DB-0302', unit: '市住建局', deadline: d(9, 18), task: '背街小巷垃圾堆积' });

/** The case proposed on 11-10 for both tasks (约谈编号 1): events, not documents. */
const proposed: LogEntry[] = ['DB-0301', 'DB-0302'].map((key) => ({
  ...entry({ number: '', key, unit: '市住建局', level: 'interview', day: d(11, 10), outcome: 'recorded', to: '' }),
  ordinal: 1,
}));
/** Its 约谈通知, sent on 11-16 to two leaders and copied to the 分管领导. */
const notice: LogEntry[] = ['sun@zjj.example.org', 'qian@zjj.example.org', 'wang@example.org'].map((to) => ({
  ...entry({ number: NUMBER, key: `§${NUMBER}`, unit: '市住建局', level: 'interview', day: d(11, 16), to }),
  ordinal: 1,
}));

describe('约谈 in the month', () => {
  it('a proposal alone costs no points and names nobody', () => {
    const s = november([t1, t2], { entries: proposed });
    const u = unitOf(s, '市住建局');
    expect(u.interviews).toBe(0);
    expect(u.breakdown.filter((b) => b.rule === 'interview')).toEqual([]);
    expect(s.named).toEqual([]);
  });

  it('counts one 约谈 when its 约谈通知 went, and names each of its tasks with the number', () => {
    const s = november([t1, t2], { entries: [...proposed, ...notice] });
    const u = unitOf(s, '市住建局');
    expect(u.interviews).toBe(1);
    expect(s.summary.interviews).toBe(1);
    expect(u.breakdown.filter((b) => b.rule === 'interview').map((b) => [b.points, b.note])).toEqual([
      [-5, `约谈 ${NUMBER}（2026-11-16）`],
    ]);
    expect(s.named.map((n) => [n.level, n.number, n.unit, n.key, n.task, n.heldOn])).toEqual([
      ['interview', NUMBER, '市住建局', 'DB-0301', '老旧小区飞线充电', undefined],
      ['interview', NUMBER, '市住建局', 'DB-0302', '背街小巷垃圾堆积', undefined],
    ]);
  });

  it('says 已约谈 in the bulletin once 约谈完成日期 is entered', () => {
    const s = november([t1, t2], { entries: [...proposed, ...notice], interviewsHeld: new Map([[NUMBER, d(11, 20)]]) });
    expect(s.named.map((n) => n.heldOn)).toEqual([d(11, 20), d(11, 20)]);
    const doc = layoutPublication({ scores: s, ranking: rankMonth(s, defaultRules(), zh), sanctions: [], publishedOn: d(12, 1), t: zh });
    const texts = doc.rows.flat().map((c) => c?.value);
    // Issue 15: a 通报 writes its dates in 年月日.
    expect(texts).toContain('约谈（已约谈，2026年11月20日）');
    expect(texts).toContain('老旧小区飞线充电');
  });
});
