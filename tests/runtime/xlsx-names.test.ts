import { describe, expect, it } from 'vitest';
import { AxisMap } from '../../runtime/xlsx/axis-map.js';
import { dropSheetIn, renameSheetIn, rewriteSheetRefs } from '../../runtime/xlsx/defined-names.js';
import { moveRef, moveSqref } from '../../runtime/xlsx/reshape.js';

describe('defined names follow their sheets', () => {
  it('renames quoted and unquoted references to the sheet only, not to a sheet whose name ends the same', () => {
    const text = "SUM('任务台账'!$A$1:$A$9)+旧任务台账!$B$2+任务台账!$C$3";
    expect(renameSheetIn(text, '任务台账', "台账 (O'Neil)")).toBe("SUM('台账 (O''Neil)'!$A$1:$A$9)+旧任务台账!$B$2+'台账 (O''Neil)'!$C$3");
  });

  it('turns references to a deleted sheet into #REF!', () => {
    expect(dropSheetIn("'设置'!$B$2*Rate+设置!$A:$A", '设置')).toBe('#REF!*Rate+#REF!');
  });

  it('moves references to a sheet whose rows and columns moved, keeping their $ signs', () => {
    const axes = {
      rows: new AxisMap([{ dimension: 'rows', kind: 'delete', at: 4, count: 1 }], 'rows'),
      cols: new AxisMap([{ dimension: 'columns', kind: 'insert', at: 2, count: 2 }], 'columns'),
    };
    const move = (ref: string): string | undefined => moveRef(ref, axes);
    expect(rewriteSheetRefs("'S'!$A$1:$H$8,'S'!$1:$3,S!$D:$D,'T'!$D$9", 'S', move)).toBe("'S'!$A$1:$J$7,'S'!$1:$3,S!$F:$F,'T'!$D$9");
    expect(rewriteSheetRefs("'S'!$A$5", 'S', move)).toBe('#REF!');
    expect(move('B3')).toBe('B3');
    expect(moveSqref('A5:A5 C6:D9', axes)).toBe('E5:F8');
  });
});

describe('where a line of the file lands after insertions and deletions', () => {
  const map = new AxisMap(
    [
      { dimension: 'rows', kind: 'insert', at: 2, count: 3 },
      { dimension: 'columns', kind: 'insert', at: 0, count: 1 },
      { dimension: 'rows', kind: 'delete', at: 7, count: 2 },
    ],
    'rows',
  );

  it('maps forward and back, with inserted lines having no origin and deleted ones no place', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => map.forward(i))).toEqual([0, 1, 5, 6, undefined, undefined]);
    expect([0, 1, 2, 5, 6, 7].map((i) => map.backward(i))).toEqual([0, 1, undefined, 2, 3, 6]);
    expect(map.point(4)).toBe(7);
  });

  it('grows a range with lines inserted inside it and shrinks it with lines deleted from it', () => {
    expect(map.span(0, 6)).toEqual([0, 7]);
    expect(map.span(4, 6)).toBeUndefined();
    expect(new AxisMap([], 'rows').identity).toBe(true);
  });
});
