import { describe, expect, it } from 'vitest';
import {
  bindKeys,
  closeness,
  editDistance,
  type KnownTask,
  normalizedPrint,
  type RowSeen,
  similarity,
} from '../../../src/core/ledger/identity';
import { keyCounter } from '../../../src/core/ledger/keys';

const TODAY = 20_000;
const row = (index: number, key: string, task: string, unit = '市城管局', place = '人民路', issued = '2026-11-02'): RowSeen => ({
  index,
  key,
  print: normalizedPrint(task, place, unit, issued),
  shown: [task, place, unit, issued],
});
const known = (key: string, task: string, unit = '市城管局', place = '人民路', issued = '2026-11-02', retired = false): KnownTask => ({
  key,
  print: normalizedPrint(task, place, unit, issued),
  shown: [task, place, unit, issued],
  retired,
  since: TODAY - 10,
  retiredOn: undefined,
});
const INDEX = [
  known('DB-0001', '背街小巷垃圾堆积'),
  known('DB-0002', '农贸市场占道经营', '市市场监管局', '东门市场'),
  known('DB-0003', '公厕保洁不到位'),
];
const bind = (rows: RowSeen[], index: KnownTask[] | undefined = INDEX, highest = 3) =>
  bindKeys(rows, index, keyCounter(highest).next, TODAY);

describe('similarity', () => {
  it('counts edits in characters, not bytes', () => {
    expect(editDistance('背街小巷垃圾堆积', '背街小巷垃圾堆放')).toBe(1);
    expect(similarity('背街小巷垃圾堆积', '背街小巷垃圾堆放')).toBe(0.875);
  });

  it('a typo fixed is the same task; another unit, another 交办日期 or a new description is not', () => {
    const base = normalizedPrint('背街小巷垃圾堆积', '人民路', '市城管局', '2026-11-02');
    expect(closeness(base, base)).toBe(1);
    expect(closeness(normalizedPrint('背街小巷垃圾堆放', '人民路', '市城管局', '2026-11-02'), base)).toBe(0.875);
    expect(closeness(normalizedPrint(' 背街小巷垃圾堆积', '人民路 ', '市城管局', '2026-11-02'), base)).toBe(1);
    expect(closeness(normalizedPrint('背街小巷垃圾堆积', '人民路', '市住建局', '2026-11-02'), base)).toBeUndefined();
    expect(closeness(normalizedPrint('背街小巷垃圾堆积', '人民路', '市城管局', '2026-11-03'), base)).toBeUndefined();
    expect(closeness(normalizedPrint('人行道破损', '人民路', '市城管局', '2026-11-02'), base)).toBeUndefined();
    // Description and place both changed: another task.
    expect(closeness(normalizedPrint('背街小巷垃圾堆放', '人民路口', '市城管局', '2026-11-02'), base)).toBeUndefined();
  });
});

describe('bindKeys: which row is which task', () => {
  it('keeps each key with its task wherever the row moved', () => {
    const id = bind([
      row(5, 'DB-0003', '公厕保洁不到位'),
      row(6, 'DB-0001', '背街小巷垃圾堆积'),
      row(7, 'DB-0002', '农贸市场占道经营', '市市场监管局', '东门市场'),
    ]);
    expect([...id.keys]).toEqual([
      [5, 'DB-0003'],
      [6, 'DB-0001'],
      [7, 'DB-0002'],
    ]);
    expect(id.given.size).toBe(0);
    expect(id.held).toEqual([]);
  });

  it('a copy above its original (edited) gets a new key; the original keeps its own', () => {
    const id = bind([row(5, 'DB-0001', '人行道破损'), row(6, 'DB-0001', '背街小巷垃圾堆积'), row(7, 'DB-0003', '公厕保洁不到位')]);
    expect(id.keys.get(6)).toBe('DB-0001');
    expect(id.keys.get(5)).toBe('DB-0004');
    expect([...id.given]).toEqual([[5, 'DB-0004']]);
  });

  it('an exact copy under the same key is held, both rows, never guessed', () => {
    const id = bind([row(5, 'DB-0001', '背街小巷垃圾堆积'), row(6, 'DB-0001', '背街小巷垃圾堆积')]);
    expect(id.held).toEqual([
      { index: 5, key: 'DB-0001', reason: 'duplicate', otherRow: 6 },
      { index: 6, key: 'DB-0001', reason: 'duplicate', otherRow: 5 },
    ]);
    expect(id.keys.size).toBe(0);
    // Its key is not retired while the rows are held.
    expect(id.retired).toEqual(['DB-0002', 'DB-0003']);
  });

  it('rows without a key (the column deleted) get their own keys back by content', () => {
    const id = bind([
      row(3, '', '公厕保洁不到位'),
      row(4, '', '农贸市场占道经营', '市市场监管局', '东门市场'),
      row(5, '', '背街小巷垃圾堆放'),
    ]);
    expect([...id.keys]).toEqual([
      [3, 'DB-0003'],
      [4, 'DB-0002'],
      [5, 'DB-0001'],
    ]);
    expect(id.relinked).toEqual([3, 4, 5]);
    // The typo fix is followed: the index now names the task as the row does.
    expect(id.index.find((k) => k.key === 'DB-0001')!.shown[0]).toBe('背街小巷垃圾堆放');
  });

  it('a task deleted retires its key; a new task gets a key never given before', () => {
    const id = bind([
      row(3, 'DB-0001', '背街小巷垃圾堆积'),
      row(4, 'DB-0002', '农贸市场占道经营', '市市场监管局', '东门市场'),
      row(5, '', '广告牌破损'),
    ]);
    expect(id.retired).toEqual(['DB-0003']);
    expect(id.keys.get(5)).toBe('DB-0004');
    expect(id.index.find((k) => k.key === 'DB-0003')).toMatchObject({ retired: true, retiredOn: TODAY });
    expect(id.index.find((k) => k.key === 'DB-0004')).toMatchObject({ retired: false, since: TODAY });
  });

  it('a new task with a retired task’s text is a new task', () => {
    const index = [...INDEX.slice(0, 2), { ...INDEX[2]!, retired: true }];
    const id = bind([row(3, '', '公厕保洁不到位')], index);
    expect(id.keys.get(3)).toBe('DB-0004');
  });

  it('a sort of the office’s columns only: every row whose key stands beside another task is held', () => {
    const id = bind([
      row(3, 'DB-0001', '农贸市场占道经营', '市市场监管局', '东门市场'),
      row(4, 'DB-0002', '背街小巷垃圾堆积'),
      row(5, 'DB-0003', '公厕保洁不到位'),
    ]);
    expect(id.held).toEqual([
      { index: 3, key: 'DB-0001', reason: 'displaced', otherKey: 'DB-0002' },
      { index: 4, key: 'DB-0002', reason: 'displaced', otherKey: 'DB-0001' },
    ]);
    expect([...id.keys]).toEqual([[5, 'DB-0003']]);
    expect(id.retired).toEqual([]);
  });

  it('a description rewritten beyond a typo under its key is held; a key-less row matching two tasks equally is held', () => {
    expect(bind([row(3, 'DB-0001', '人行道破损')]).held).toEqual([{ index: 3, key: 'DB-0001', reason: 'changed' }]);
    const twins = [known('DB-0001', '垃圾堆积'), known('DB-0002', '垃圾堆积')];
    expect(bind([row(3, '', '垃圾堆积')], twins, 2).held).toEqual([{ index: 3, key: '', reason: 'ambiguous' }]);
  });

  it('with no index yet, the keys in the column are adopted as they stand', () => {
    const id = bindKeys([row(3, 'DB-0007', '背街小巷垃圾堆积'), row(4, '', '公厕保洁不到位')], undefined, keyCounter(7).next, TODAY);
    expect([...id.keys]).toEqual([
      [3, 'DB-0007'],
      [4, 'DB-0008'],
    ]);
    expect(id.index.map((k) => k.key)).toEqual(['DB-0007', 'DB-0008']);
  });
});
