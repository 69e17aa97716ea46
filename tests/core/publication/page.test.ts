import { describe, expect, it } from 'vitest';
import { heightRuns, mergeRuns, Page } from '../../../src/core/publication/page';

describe('a laid-out page written in few calls', () => {
  it('merges a run of paragraphs across the page as one block, a gap or a table row ending it', () => {
    const page = new Page([100, 100, 100]);
    page.wide('三、存在问题', 'h1');
    page.paragraph('截至2026年11月30日，仍有5000项任务逾期未整改。');
    page.paragraph('1. 背街小巷垃圾堆积');
    page.gap();
    page.table(['单位', undefined, '分值'], [[{ value: '市城管局', style: 'text', span: 2 }, undefined, { value: -2, style: 'num' }]]);
    page.paragraph('本类其余990项见附件。');
    expect(mergeRuns(page.rows, 3)).toEqual([
      { row: 0, column: 0, rows: 3, columns: 3 },
      { row: 5, column: 0, rows: 1, columns: 2 },
      { row: 6, column: 0, rows: 1, columns: 3 },
    ]);
  });

  it('sets consecutive rows of one height together, and a row given twice its last height', () => {
    expect(
      heightRuns([
        { row: 4, lines: 2 },
        { row: 5, lines: 2 },
        { row: 6, lines: 3 },
        { row: 10, lines: 2, count: 3 },
        { row: 13, lines: 2 },
        { row: 20, lines: 1 },
        { row: 6, lines: 2 },
      ]),
    ).toEqual([
      { row: 4, count: 3, lines: 2 },
      { row: 10, count: 4, lines: 2 },
    ]);
  });
});
