import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../src/core/calendar/day';
import { translator } from '../../src/core/i18n';
import { defaultSettings } from '../../src/core/settings/settings';
import { planSweep, type RowWrite, type SweepPlan } from '../../src/core/sweep/sweep';
import { columnSegments, contiguousRuns, locateRows } from '../../src/gas/write-back';

const calendar = new WorkCalendar(shippedHolidayEntries());
const toDay = (date: Date): Day => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const cellDate = (m: number, date: number, y = 2026): Date => new Date(Date.UTC(y, m - 1, date) - 8 * 3600e3);

const HEADER = ['序号', '问题描述', '责任单位', '整改时限', '整改状态', '督办状态', '系统编号'];

function plan(values: unknown[][]): SweepPlan {
  const result = planSweep({
    sheet: '任务台账',
    values,
    settings: defaultSettings('zh-CN'),
    units: [],
    haveDirectory: false,
    calendar,
    today: dayFromYmd(2026, 11, 25),
    toDay,
    t: translator('zh-CN'),
    // 督办状态 and 系统编号 are the script's: it marked them.
    scriptColumns: { state: 5, taskId: 6 },
  });
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** Sheet rows (1-based, as a person sees them) each planned row is found at. */
function where(fresh: unknown[][], p: SweepPlan, rows: RowWrite[] = p.rows): (number | undefined)[] {
  const found = locateRows(fresh, p, rows);
  return rows.map((w) => {
    const at = found.get(w);
    return at === undefined ? undefined : at + 1;
  });
}

describe('contiguousRuns', () => {
  it('groups adjacent columns so each block is one write', () => {
    expect(contiguousRuns([3, 1, 2, 7, 8, 10, 2])).toEqual([
      [1, 3],
      [7, 8],
      [10, 10],
    ]);
    expect(contiguousRuns([5])).toEqual([[5, 5]]);
    expect(contiguousRuns([])).toEqual([]);
  });
});

describe('locateRows', () => {
  const values = [
    HEADER,
    [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', 'DB-0001'],
    [2, '占道经营', '市住建局', cellDate(12, 31), '整改中', '', 'DB-0002'],
    [3, '乱贴广告', '市城管局', '长期坚持', '整改中', '', 'DB-0003'],
  ];

  it('finds every row where it was when nothing moved', () => {
    const p = plan(values);
    expect(where(values, p)).toEqual([2, 3, 4]);
  });

  it('follows rows by key when a person inserts a row above them during the sweep', () => {
    const p = plan(values);
    const fresh = [values[0]!, ['', '新增问题', '市住建局', '', '', '', ''], ...values.slice(1)];
    expect(where(fresh, p)).toEqual([3, 4, 5]);
  });

  it('follows rows by key when a person re-sorts the sheet', () => {
    const p = plan(values);
    const fresh = [values[0]!, values[3]!, values[1]!, values[2]!];
    expect(where(fresh, p)).toEqual([3, 4, 2]);
  });

  it('leaves out a row deleted during the sweep, rather than writing onto its neighbour', () => {
    const p = plan(values);
    const fresh = [values[0]!, values[1]!, values[3]!];
    expect(where(fresh, p)).toEqual([2, undefined, 3]);
  });

  it('finds rows that had no key yet by their task, unit and deadline', () => {
    const unkeyed = values.map((r, i) => (i === 0 ? r : [...r.slice(0, 6), '']));
    const p = plan(unkeyed);
    expect(p.rows.map((r) => r.key)).toEqual(['', '', '']);
    const fresh = [unkeyed[0]!, ['', '新增问题', '市住建局', '', '', '', ''], ...unkeyed.slice(1)];
    expect(where(fresh, p)).toEqual([3, 4, 5]);
    // Edited beyond recognition (the task text changed): not found, left for the next run.
    const edited = [unkeyed[0]!, unkeyed[1]!, [2, '占道经营（已核实）', '市住建局', cellDate(12, 31), '整改中', '', ''], unkeyed[3]!];
    expect(where(edited, p)).toEqual([2, undefined, 4]);
  });

  it('matches identical keyless rows each to its own row, nearest first', () => {
    const same = [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', ''];
    const twins = [HEADER, same, [2, '占道经营', '市住建局', cellDate(12, 31), '整改中', '', ''], [...same]];
    const p = plan(twins);
    const fresh = [HEADER, ['', '新增问题', '', '', '', '', ''], ...twins.slice(1)];
    expect(where(fresh, p)).toEqual([3, 4, 5]);
  });

  it('leaves a row that was given a key meanwhile for the next run, so two keys never clash', () => {
    const p = plan([HEADER, [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', '']]);
    const fresh = [HEADER, [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', 'DB-0009']];
    expect(where(fresh, p)).toEqual([undefined]);
  });
});

describe('columnSegments: the rows one script column writes', () => {
  const col = 1;
  const rows = (cells: unknown[]): unknown[][] => cells.map((v) => ['x', v]);

  it('writes nothing when every planned cell already holds its value (a same-day rerun)', () => {
    expect(
      columnSegments(
        col,
        new Map<number, unknown>([
          [0, '逾期'],
          [1, 3],
        ]),
        rows(['逾期', 3]),
        [],
      ),
    ).toEqual([]);
  });

  it('spans planned and truly empty rows between the cells that change, in one block', () => {
    const desired = new Map<number, unknown>([
      [0, '逾期'],
      [1, '临期'],
      [3, '逾期'],
    ]);
    expect(columnSegments(col, desired, rows(['', '临期', '', '']), [])).toEqual([[0, 3]]);
  });

  it('never spans a cell that is not the plan\'s: a value a person typed, or a formula showing ""', () => {
    const desired = new Map<number, unknown>([
      [0, '逾期'],
      [2, '逾期'],
      [4, '逾期'],
    ]);
    const current = rows(['', '007', '', '', '']);
    const formulas = [[], [], [], ['', '=IF(A4="","",1)'], []];
    expect(columnSegments(col, desired, current, formulas)).toEqual([
      [0, 0],
      [2, 2],
      [4, 4],
    ]);
  });

  it('compares dates by instant', () => {
    const day = new Date(Date.UTC(2026, 10, 20));
    expect(columnSegments(col, new Map([[0, new Date(day)]]), rows([new Date(day)]), [])).toEqual([]);
    expect(columnSegments(col, new Map([[0, new Date(day.getTime() + 86400e3)]]), rows([new Date(day)]), [])).toEqual([[0, 0]]);
  });
});
