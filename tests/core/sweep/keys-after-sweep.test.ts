import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { type Day, dayFromYmd } from '../../../src/core/calendar/day';
import { parseUnits } from '../../../src/core/directory/units';
import { translator } from '../../../src/core/i18n';
import { readLedger } from '../../../src/core/ledger/ledger';
import { defaultSettings } from '../../../src/core/settings/settings';
import { keyAfterSweep, keysGiven, newKeys, planWrite } from '../../../src/core/sweep/sweep';

const toDay = (date: Date): Day => Math.floor((date.getTime() + 8 * 3600e3) / 86400e3);
const cellDate = (m: number, date: number): Date => new Date(Date.UTC(2026, m - 1, date) - 8 * 3600e3);

function ledger(values: unknown[][]) {
  const read = readLedger({
    sheet: '任务台账',
    values,
    scriptColumns: { state: 5, taskId: 6 },
    settings: defaultSettings('zh-CN'),
    units: parseUnits([['单位名称'], ['市城管局'], ['市住建局']]).units,
    haveDirectory: true,
    calendar: new WorkCalendar(shippedHolidayEntries()),
    today: dayFromYmd(2026, 11, 25),
    toDay,
    t: translator('zh-CN'),
  });
  if (!read.ok) throw new Error(read.message);
  return read;
}

const values = [
  ['序号', '问题描述', '责任单位', '整改时限', '整改状态', '督办状态', '系统编号'],
  [1, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', 'DB-0007'],
  [2, '占道经营', '市住建局', cellDate(12, 31), '整改中', '', ''],
  // A person copied row 2 of the ledger: the copy carries DB-0007 too.
  [3, '垃圾堆积', '市城管局', cellDate(11, 20), '整改中', '', 'DB-0007'],
];

describe('the key a task has after the sweep (what the preview and the notice cells refer to)', () => {
  it('gives a keyless task and a copied row keys of their own, after the highest in the column', () => {
    const l = ledger(values);
    expect([...newKeys(l)]).toEqual([
      [2, 'DB-0008'],
      [3, 'DB-0009'],
    ]);
    const keyOf = keyAfterSweep(newKeys(l));
    expect(l.tasks.map(keyOf)).toEqual(['DB-0007', 'DB-0008', 'DB-0009']);
  });

  it('is the same whether read from the ledger (the preview) or from the write the sweep planned', () => {
    const l = ledger(values);
    expect(keysGiven(planWrite(l))).toEqual(newKeys(l));
    expect(keysGiven(planWrite(l, { assignKeys: false })).size).toBe(0);
  });
});
