/**
 * What was published stays published (issue 15), through the bundle: a report mail held back by
 * the quota quotes the figures 排名历史 has for the month, not the ledger as it is when the mail
 * goes out; publishing the month again is the only way to change them, and it says which units'
 * score, rank or list changed, from what to what; 排名历史 keeps 是否排名, 红榜 and 上榜理由 (an old
 * sheet without them reads as before and gains them); the quarter (一季一测评) passes over a month a
 * unit had no work in play, and combines the ledger score with the 实地测评 and 问卷 the office
 * typed in 季度测评 by the weights of 计分规则, ranking on that.
 *
 * Figures worked out by hand from the default rules (base 100; −2 a task overdue at month end;
 * −0.5 a working day late beyond 5, at most −5 a task; +1 a task closed on time), as in
 * publish.e2e.test.ts, whose ledger this one follows.
 */
import { describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../runtime/index';
import type { SheetModel } from '../../runtime/model';
import { col, job, runtimeFor, shDate, sheet, sheetFrom, workbookOf } from './harness';

const d = shDate;
const at9 = (y: number, m: number, day: number): Date => new Date(Date.UTC(y, m - 1, day, 1, 0));

const UNITS = ['市安监局', '市城管局', '市环保局', '市教育局', '市林业局', '市水利局'];

/** Each task: unit, deadline, status, completion day. */
const TASKS: [string, Date, string, Date | ''][] = [
  // October
  ['市安监局', d(2026, 10, 15), '已销号', d(2026, 10, 14)], // on time: 101
  ['市城管局', d(2026, 10, 15), '已销号', d(2026, 10, 19)], // closed late: 100
  ['市环保局', d(2026, 10, 22), '已销号', d(2026, 10, 21)], // on time: 101
  ['市教育局', d(2026, 10, 20), '整改中', ''], // 8 working days late on 31 Oct: 96.5
  ['市林业局', d(2026, 10, 16), '整改中', ''], // 10 late: 95.5
  ['市水利局', d(2026, 10, 16), '整改中', ''], // two tasks: 92
  ['市水利局', d(2026, 10, 20), '整改中', ''],
  // November
  ['市安监局', d(2026, 11, 16), '已销号', d(2026, 11, 13)],
  ['市城管局', d(2026, 11, 16), '已销号', d(2026, 11, 13)],
  ['市环保局', d(2026, 11, 18), '整改中', ''],
  ['市林业局', d(2026, 11, 20), '整改中', ''],
  ['市水利局', d(2026, 11, 20), '整改中', ''],
  // December
  ['市安监局', d(2026, 12, 15), '已销号', d(2026, 12, 14)],
  ['市城管局', d(2026, 12, 15), '已销号', d(2026, 12, 14)],
  ['市环保局', d(2026, 12, 15), '已销号', d(2026, 12, 14)],
  ['市水利局', d(2026, 12, 10), '整改中', ''],
];

function ledger(units: string[], tasks = TASKS, extraSheets: ReturnType<typeof sheetFrom>[] = []) {
  const rows: unknown[][] = [['序号', '问题描述', '责任单位', '整改时限', '整改状态', '完成日期']];
  tasks.forEach(([unit, deadline, status, done], i) => {
    rows.push([i + 1, `问题${i + 1}`, unit, deadline, status, done]);
  });
  const directory = [
    ['单位名称', '单位类别', '联系人邮箱', '文明单位'],
    ...units.map((u, i) => [u, '市直部门', `u${i}@example.org`, '是']),
  ];
  return workbookOf([sheetFrom('任务台账', rows), sheetFrom('责任单位', directory), ...extraSheets]);
}

interface Ran {
  ok: boolean;
  message: string;
  sheet: string;
  warnings: string[];
}

function publish(rt: LocalRuntime, what: { month: string } | { quarter: string }): Ran {
  const result = rt.run<Ran>('publish', [{ authMode: 'FULL', triggerUid: 'p', ...what }], 'installable').value;
  expect(result.ok, result.message).toBe(true);
  return result;
}

const values = (s: SheetModel): unknown[][] => s.rows.map((r) => Array.from(r ?? [], (c) => c?.value ?? ''));

describe('what was published stays published', () => {
  it('a mail held back quotes the published figures after the ledger changed; publishing again says what changed', async () => {
    const rt = await runtimeFor(ledger(UNITS), at9(2026, 11, 2));
    job(rt, 'setup');
    rt.setMailQuotaLeft(4);
    publish(rt, { month: '2026-10' });
    expect(rt.outbox.map((m) => m.to).sort()).toEqual(['u0@example.org', 'u1@example.org', 'u2@example.org', 'u3@example.org']);

    // 排名历史 keeps whether each unit was ranked, its list and the published score.
    const history = sheet(rt, '排名历史');
    expect(values(history)[0]).toEqual([
      '月份',
      '单位',
      '单位类别',
      '得分',
      '排名',
      '参与排名单位数',
      '排名后三位',
      '整改率',
      '文明单位',
      '是否排名',
      '红榜',
      '上榜理由',
    ]);
    const linye = values(history).find((r) => r[1] === '市林业局')!;
    expect(linye.slice(0, 11)).toEqual(['2026-10', '市林业局', '市直部门', 95.5, 5, 6, '是', 0, '是', '是', '否']);

    // Meanwhile the office corrects the ledger: 市林业局's October task was closed on 15 October.
    const tasks = sheet(rt, '任务台账');
    const row = tasks.rows.findIndex((r) => r?.[1]?.value === '问题5') + 1;
    rt.spreadsheet.editAsUser('任务台账', `E${row}:F${row}`, [['已销号', d(2026, 10, 15)]]);

    // The next morning's sweep sends the two mails the quota held back, with October as published.
    rt.clock.set(at9(2026, 11, 3));
    const before = rt.outbox.length;
    job(rt, 'sweep');
    const owed = rt.outbox.slice(before).filter((m) => m.subject.startsWith('【督查通报】'));
    expect(owed.map((m) => m.to).sort()).toEqual(['u4@example.org', 'u5@example.org']);
    const linyeMail = owed.find((m) => m.to === 'u4@example.org')!;
    expect(linyeMail.subject).toBe('【督查通报】2026年10月市林业局得分95.5，排名第5/6');
    expect(linyeMail.body).toContain('市林业局（市直部门）：得分95.5，排名第5/6，整改率0%，列入黑榜');

    // Publishing October again takes the corrected ledger, and says what changed, from what to what.
    const sent = rt.outbox.length;
    const again = publish(rt, { month: '2026-10' });
    expect(again.message).toContain(
      '2026年10月已重新公布：3个单位的得分、排名或榜单有变化（见下方），已收到通报邮件的人员不会再收到邮件。',
    );
    expect(again.warnings).toContain('市林业局：得分95.5→101，排名第5名→第3名，黑榜→红榜');
    expect(again.warnings).toContain('市教育局：排名第4名→第5名');
    expect(again.warnings.some((w) => w.startsWith('市城管局：排名第3名→第4名，'))).toBe(true);
    expect(
      values(sheet(rt, '排名历史'))
        .find((r) => r[1] === '市林业局')!
        .slice(3, 5),
    ).toEqual([101, 3]);
    // Nobody is told again.
    expect(rt.outbox.length).toBe(sent);

    // The same month published once more, nothing changed: it says so.
    expect(publish(rt, { month: '2026-10' }).message).toContain('2026年10月已重新公布，各单位的得分、排名和榜单与上次公布相同。');
  });

  it('reads an old 排名历史 without 是否排名 as before, and gives it the new columns', async () => {
    const old = sheetFrom('排名历史', [
      ['月份', '单位', '单位类别', '得分', '排名', '参与排名单位数', '排名后三位', '整改率', '文明单位'],
      ['2026-09', '市水利局', '市直部门', 90, 6, 6, '是', 0, '是'],
      ['2026-09', '市教育局', '市直部门', 100, '', 6, '否', '', '是'],
    ]);
    old.rows[1]![0] = { value: '2026-09', format: { numberFormat: '@' } };
    old.rows[2]![0] = { value: '2026-09', format: { numberFormat: '@' } };
    const rt = await runtimeFor(ledger(UNITS, TASKS, [old]), at9(2026, 11, 2));
    job(rt, 'setup');
    const oct = publish(rt, { month: '2026-10' });
    const rows = values(sheet(rt, '排名历史'));
    expect(rows[0]!.slice(9)).toEqual(['是否排名', '红榜', '上榜理由']);
    expect(rows.filter((r) => r[0] === '2026-09').map((r) => [r[1], r[4], r[9], r[10]])).toEqual([
      ['市水利局', 6, '是', '否'],
      ['市教育局', '', '否', '否'],
    ]);
    // 水利局: bottom three in September and October, as the old sheet said: the award stops.
    expect(
      sheet(rt, oct.sheet).rows.some((r) => String(r?.[0]?.value) === '市水利局' && String(r?.[6]?.value ?? '').includes('停发')),
    ).toBe(true);
  });
});

describe('一季一测评', () => {
  it('leaves an office sheet that is merely called 季度测评 alone, and keeps its own under a name of its own', async () => {
    const office = sheetFrom('季度测评', [
      ['序号', '测评单位', '得分'],
      [1, '市安监局', 88],
    ]);
    const rt = await runtimeFor(ledger(UNITS, TASKS, [office]), at9(2026, 11, 2));
    const setup = job(rt, 'setup');
    expect(values(sheet(rt, '季度测评'))).toEqual([
      ['序号', '测评单位', '得分'],
      [1, '市安监局', 88],
    ]);
    expect(values(sheet(rt, '季度测评（督办台账）'))[0]).toEqual(['季度', '单位', '台账得分', '实地测评', '问卷', '备注']);
    expect(setup.warnings.join('\n')).toContain('季度测评（督办台账）');
  });

  it('passes over a month a unit had no work in play, and combines the typed 实地测评 and 问卷 with the ledger by weight', async () => {
    // 市人社局: a task closed on time in October, none at all in November, one issued and closed in December.
    const units = [...UNITS, '市人社局'];
    const october = [...TASKS, ['市人社局', d(2026, 10, 15), '已销号', d(2026, 10, 14)] as (typeof TASKS)[number]];
    const rt = await runtimeFor(ledger(units, october), at9(2026, 11, 2));
    job(rt, 'setup');
    // Setup gives the office its 季度测评 sheet, Duban's own.
    expect(values(sheet(rt, '季度测评'))[0]).toEqual(['季度', '单位', '台账得分', '实地测评', '问卷', '备注']);

    publish(rt, { month: '2026-10' });
    rt.clock.set(at9(2026, 12, 1));
    publish(rt, { month: '2026-11' });
    const nov = values(sheet(rt, '排名历史')).find((r) => r[0] === '2026-11' && r[1] === '市人社局')!;
    expect([nov[3], nov[4], nov[9]]).toEqual([100, '', '否']);

    // December: the new task is typed into the ledger, and closed on time.
    const tasks = sheet(rt, '任务台账');
    const next = tasks.rows.filter((r) => r?.[0]?.value !== undefined).length + 1;
    rt.spreadsheet.editAsUser('任务台账', `A${next}:F${next}`, [
      [next - 1, '问题新', '市人社局', d(2026, 12, 18), '已销号', d(2026, 12, 17)],
    ]);
    rt.clock.set(at9(2027, 1, 4));
    publish(rt, { month: '2026-12' });

    // The quarter, nothing typed yet: the ledger alone; 季度测评 gains a row per unit with its 台账得分.
    const first = publish(rt, { quarter: '2026-Q4' });
    expect(first.sheet).toBe('2026年第4季度测评');
    const assessment = sheet(rt, '季度测评');
    const rowOf = (unit: string): number => values(assessment).findIndex((r) => r[1] === unit) + 1;
    expect(values(assessment)[rowOf('市人社局') - 1]).toEqual(['2026-Q4', '市人社局', 101]);
    expect(values(assessment)[rowOf('市水利局') - 1]).toEqual(['2026-Q4', '市水利局', 82.5]);
    const page = (): unknown[][] => values(sheet(rt, '2026年第4季度测评'));
    const header = page().find((r) => r[0] === '单位类别')!;
    expect(header).toEqual([
      '单位类别',
      '单位',
      '2026年10月',
      '2026年11月',
      '2026年12月',
      '台账得分',
      '实地测评',
      '问卷',
      '季度得分',
      '排名',
      '趋势',
    ]);
    // November neither helps nor spoils 人社局: (101 + 101) ÷ 2, not (101 + 100 + 101) ÷ 3; second to 市安监局 (101 too) by name.
    expect(page().find((r) => r[1] === '市人社局')).toEqual([
      '市直部门',
      '市人社局',
      101,
      '无督办任务',
      101,
      101,
      '—',
      '—',
      101,
      2,
      '持平',
    ]);

    // The office types its field check and survey scores; one is not a score.
    const [field, survey] = [col(assessment, 1, '实地测评'), col(assessment, 1, '问卷')];
    const type = (unit: string, f: unknown, s: unknown) =>
      rt.spreadsheet.editAsUser(
        '季度测评',
        `${String.fromCharCode(64 + field)}${rowOf(unit)}:${String.fromCharCode(64 + survey)}${rowOf(unit)}`,
        [[f, s]],
      );
    type('市人社局', 70, 80);
    type('市水利局', 90, 95);
    type('市安监局', 80, '');
    type('市城管局', '良好', 90);
    const typed = values(assessment).map((r) => r.slice(3, 5));

    const second = publish(rt, { quarter: '2026-Q4' });
    expect(second.warnings).toContain(
      `《季度测评》D${rowOf('市城管局')} (实地测评): 实地测评“良好”不是0到100之间的分数，没有计入季度得分。`,
    );
    // The office's cells are as typed; Duban's 台账得分 unchanged.
    expect(values(assessment).map((r) => r.slice(3, 5))).toEqual(typed);
    expect(values(assessment)[rowOf('市人社局') - 1]!.slice(0, 3)).toEqual(['2026-Q4', '市人社局', 101]);

    const byUnit = (unit: string) => page().find((r) => r[1] === unit);
    // 101×50% + 70×30% + 80×20% = 87.5: from second place to sixth.
    expect(byUnit('市人社局')).toEqual(['市直部门', '市人社局', 101, '无督办任务', 101, 101, 70, 80, 87.5, 6, '持平']);
    // 82.5×50% + 90×30% + 95×20% = 87.25
    expect(byUnit('市水利局')).toEqual(['市直部门', '市水利局', 92, 83.5, 72, 82.5, 90, 95, 87.25, 7, '下降']);
    // 问卷 left blank: (101×50% + 80×30%) ÷ 80% = 93.125
    expect(byUnit('市安监局')).toEqual(['市直部门', '市安监局', 101, 101, 101, 101, 80, '—', 93.13, 4, '持平']);
    // 实地测评 unreadable, left out: (100.67×50% + 90×20%) ÷ 70% = 97.62
    expect(byUnit('市城管局')).toEqual(['市直部门', '市城管局', 100, 101, 101, 100.67, '—', 90, 97.62, 1, '上升']);
    // The page says how the quarter is scored.
    const text = page().flat().map(String).join('\n');
    expect(text).toContain('台账得分为本季度各月督查通报得分的平均，本月无督办任务（未排名）的月份不计入');
    expect(text).toContain('季度得分 = 台账得分×50% + 实地测评×30% + 问卷×20%');

    // The menu asks for a month: a quarter typed there publishes the quarter's review.
    expect(publish(rt, { month: '2026-Q4' }).sheet).toBe('2026年第4季度测评');
  });
});
