import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import type { HistoryRow } from '../../../src/core/scores/history';
import { describeChange, publishedChanges } from '../../../src/core/scores/republish';

const zh = translator('zh-CN');
const en = translator('en');

function row(unit: string, score: number, rank: number | undefined, list: 'red' | 'black' | '' = ''): HistoryRow {
  return {
    month: '2026-11',
    unit,
    category: '市直部门',
    score,
    rank,
    rankedCount: 5,
    bottomThree: list === 'black',
    rate: 0.5,
    civilized: true,
    ranked: rank !== undefined,
    redList: list === 'red',
    listReason: '',
  };
}

describe('what a month published again changed', () => {
  const before = [
    row('市安监局', 101, 1, 'red'),
    row('市环保局', 96.5, 3),
    row('市水利局', 83.5, 5, 'black'),
    row('市档案馆', 100, undefined),
  ];
  const after = [row('市安监局', 101, 1, 'red'), row('市水利局', 97, 2, 'red'), row('市环保局', 96.5, 3), row('市教育局', 90, 4, 'black')];

  it('names each unit whose score, rank or list changed, from what to what, and the units that came or went', () => {
    const changes = publishedChanges(before, after);
    expect(changes.map((c) => describeChange(c, zh))).toEqual([
      '市水利局：得分83.5→97，排名第5名→第2名，黑榜→红榜',
      '市教育局：新列入本月（得分90，第4名，黑榜）',
      '市档案馆：不再列入本月（原得分100，不排名）',
    ]);
    expect(describeChange(changes[0]!, en)).toBe('市水利局: score 83.5 → 97, rank 5 → 2, black list → red list');
  });

  it('finds nothing when the figures are the same', () => {
    expect(
      publishedChanges(
        before,
        before.map((r) => ({ ...r })),
      ),
    ).toEqual([]);
  });
});
