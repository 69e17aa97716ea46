/**
 * Issue 15, the bulletin: the month's sheet reads as the office's 督查通报 (期号, 发文机关, 成文日期 in
 * 年月日, 主送, five sections in order, 附件, 落款, 抄送), names each overdue matter's 责任单位,
 * 责任人 and 责任领导, and never names the software or writes an ISO date. Its 附件 is the
 * 问题清单: every matter open or overdue at month end, with who answers for it and what was done.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/core/i18n';
import { layoutPublication, type PublicationDoc } from '../../../src/core/publication/layout';
import { layoutProblemList, type OpenMatter, openMatters } from '../../../src/core/publication/problem-list';
import { rankMonth } from '../../../src/core/scores/ranking';
import { defaultRules } from '../../../src/core/scores/rules';
import { calendar, d, entry, november, task, zh } from '../scores/fixtures';

const texts = (doc: PublicationDoc): string[] =>
  doc.rows.map((r) =>
    r
      .map((c) => String(c?.value ?? ''))
      .join('|')
      .replace(/\|+$/, ''),
  );
const all = (doc: PublicationDoc): string => texts(doc).join('\n');

/** 市城管局 two overdue matters (one with its 责任人 and 责任领导), 市住建局 one closed on time, 市交通局 one open, not yet due. */
function month(opts: { criticised?: boolean } = {}) {
  const overdue = {
    ...task({ key: 'DB-0001', deadline: d(11, 16), task: '背街小巷垃圾堆积' }),
    place: '解放路32号',
    person: '张伟',
    leader: '李强',
    problemKind: '市容环境',
  };
  const overdue2 = { ...task({ key: 'DB-0002', deadline: d(11, 20), task: '占道经营' }), problemKind: '市容环境' };
  const onTime = task({ key: 'DB-0003', unit: '市住建局', deadline: d(11, 18), status: 'closed', completed: d(11, 17) });
  const open = { ...task({ key: 'DB-0004', unit: '市交通局', deadline: d(12, 20), task: '公交站牌破损' }), problemKind: '交通秩序' };
  const closedAfter = task({
    key: 'DB-0005',
    unit: '市住建局',
    deadline: d(12, 10),
    status: 'closed',
    completed: d(12, 1),
    task: '工地围挡',
  });
  const closedBefore = task({ key: 'DB-0006', unit: '市住建局', deadline: d(12, 10), status: 'closed', completed: d(11, 5) });
  const paused = task({ key: 'DB-0007', deadline: d(11, 10), status: 'paused' });
  const tasks = [overdue, overdue2, onTime, open, closedAfter, closedBefore, paused];
  const criticism = [
    { ...entry({ number: 'X创城通〔2026〕1号', key: 'DB-0001', level: 'criticism', day: d(11, 26), outcome: 'recorded', to: '' }) },
    entry({ number: 'X创城通〔2026〕1号', key: '§X创城通〔2026〕1号', level: 'criticism', day: d(11, 26) }),
  ];
  const entries = [
    entry({ number: 'X创城督〔2026〕3号', key: 'DB-0001', level: 'notice', day: d(11, 17) }),
    entry({ number: 'X创城督〔2026〕3号', key: 'DB-0001', level: 'notice', day: d(11, 17), to: 'head@example.cn', role: 'head' }),
    entry({ number: 'X创城督〔2026〕9号', key: 'DB-0001', level: 'notice', day: d(11, 25) }),
    ...(opts.criticised === false ? [] : criticism),
    entry({ number: 'X创城督〔2026〕12号', key: 'DB-0001', level: 'notice', day: d(12, 2) }),
  ];
  const scores = november(tasks, { entries });
  const ranking = rankMonth(scores, { ...defaultRules(), smallCategoryBlack: 1 }, zh);
  const matters = openMatters({ tasks, entries, asOf: scores.asOf, dryRun: false, calendar, countDays: 'working', t: zh });
  return { scores, ranking, matters };
}

function bulletin(overrides: Partial<Parameters<typeof layoutPublication>[0]> = {}): PublicationDoc {
  const { scores, ranking, matters } = month();
  return layoutPublication({
    scores,
    ranking,
    sanctions: [],
    publishedOn: d(12, 1),
    t: zh,
    issue: 2,
    office: {
      senderName: 'X市创城办',
      bulletinTo: '各县区、市直各单位',
      bulletinCc: '市文明委各成员单位',
      sanctionWording: '提请市文明委',
    },
    matters,
    attachment: '2026年11月问题清单',
    reportBy: d(12, 8),
    ...overrides,
  });
}

describe('the month’s sheet as a 督查通报', () => {
  it('has its 期号, 发文机关 and 成文日期 in 年月日 at the top, then the 主送', () => {
    const lines = texts(bulletin());
    expect(lines[0]).toBe('创建全国文明城市工作督查通报');
    expect(lines[1]).toBe('第2期');
    expect(lines[2]).toMatch(/^X市创城办\|+2026年12月1日$/);
    expect(lines).toContain('关于2026年11月创建全国文明城市工作督查情况的通报');
    const to = lines.indexOf('各县区、市直各单位：');
    expect(to).toBeGreaterThan(2);
    expect(lines[to + 1]).toContain('X市创城办对2026年11月1日至11月30日');
  });

  it('has the five sections in order, then the 附件, the 落款 (发文机关, 年月日) and the 抄送', () => {
    const lines = texts(bulletin());
    const at = (text: string): number => lines.indexOf(text);
    const order = [
      '一、总体情况',
      '二、得分排名（红黑榜及上榜理由）',
      '三、存在问题',
      '四、通报批评和约谈情况',
      '五、下一步要求',
      '附件：2026年11月问题清单',
      'X市创城办',
      '2026年12月1日',
      '抄送：市文明委各成员单位。',
    ].map(at);
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(order.at(-1)).toBe(lines.length - 1 - [...lines].reverse().findIndex((l) => l !== ''));
  });

  it('names each overdue matter by 问题类别 with its 点位, 责任单位, 责任人 and 责任领导', () => {
    const lines = texts(bulletin());
    const from = lines.indexOf('三、存在问题');
    const section = lines.slice(from, lines.indexOf('四、通报批评和约谈情况'));
    expect(section).toContain('截至2026年11月30日，仍有2项任务逾期未整改。');
    expect(section).toContain('（一）市容环境（2项）');
    expect(section).toContain(
      '1. 背街小巷垃圾堆积（点位：解放路32号；责任单位：市城管局；责任人：张伟；责任领导：李强），逾期10个工作日。',
    );
    expect(section).toContain('2. 占道经营（责任单位：市城管局），逾期6个工作日。');
    // Open but not yet due: in the 问题清单, not among the problems.
    expect(section.join('\n')).not.toContain('公交站牌破损');
  });

  it('at thousands of overdue matters lists only the most overdue of each 问题类别, with the counts, and names the 附件 for the rest', () => {
    const matter = (i: number, kind: string): OpenMatter => ({
      key: `DB-${10000 + i}`,
      row: i + 3,
      task: `${kind}问题第${i}处`,
      problemKind: kind,
      place: '',
      unit: `市直单位${i % 200}`,
      coUnits: [],
      deadline: '2026年11月2日',
      overdueDays: 1 + (i % 19),
      overdue: `逾期${1 + (i % 19)}个工作日`,
      actions: '',
    });
    const many = Array.from({ length: 5000 }, (_, i) => matter(i, i % 5 === 0 ? '交通秩序' : '市容环境'));
    const lines = texts(bulletin({ matters: many }));
    const section = lines.slice(lines.indexOf('三、存在问题'), lines.indexOf('四、通报批评和约谈情况'));
    expect(section[1]).toBe(
      '截至2026年11月30日，仍有5000项任务逾期未整改，以下每类列出逾期最久的10项，全部问题见附件《2026年11月问题清单》。',
    );
    expect(section).toContain('（一）交通秩序（1000项）');
    expect(section).toContain('（二）市容环境（4000项）');
    // The most overdue first (19 working days: i % 19 = 18), in ledger order among equals.
    expect(section[3]).toBe('1. 交通秩序问题第75处（责任单位：市直单位75），逾期19个工作日。');
    expect(section[4]).toBe('2. 交通秩序问题第170处（责任单位：市直单位170），逾期19个工作日。');
    expect(section).toContain('本类其余990项见附件《2026年11月问题清单》。');
    expect(section).toContain('本类其余3990项见附件《2026年11月问题清单》。');
    expect(section.filter((l) => /^\d+\. /.test(l))).toHaveLength(20);
    expect(section.at(-2)).toBe('本类其余3990项见附件《2026年11月问题清单》。');
    // Thirty fit on a page or two: every one is named.
    const few = texts(bulletin({ matters: many.slice(0, 30) }));
    expect(few).toContain('截至2026年11月30日，仍有30项任务逾期未整改。');
    expect(few.filter((l) => /^\d+\. /.test(l))).toHaveLength(30);
    expect(few.join('\n')).not.toContain('本类其余');
  });

  it('at hundreds of points sums 得分明细 by unit and rule, one row each, the 问题清单 named for the tasks', () => {
    const { scores, ranking, matters } = month();
    const city = scores.units.find((u) => u.unit === '市城管局')!;
    const first = city.breakdown[0]!;
    // The fixtures number rows as they make tasks: each source's row as this month has it.
    const rowOf = (u: string, rule: string): number =>
      scores.units.find((x) => x.unit === u)!.breakdown.find((b) => b.rule === rule)!.source.row;
    const [task1, log1, task3] = [rowOf('市城管局', 'overdueTask'), rowOf('市城管局', 'criticism'), rowOf('市住建局', 'closedOnTime')];
    for (let i = 0; i < 100; i++) city.breakdown.push({ ...first, source: { kind: 'task', key: `DB-${1000 + i}`, row: 20 + i } });
    const lines = texts(bulletin({ scores, ranking, matters }));
    const from = lines.findIndex((l) => l.endsWith('得分明细'));
    const section = lines.slice(
      from,
      lines.findIndex((l) => l.endsWith('得分图')),
    );
    expect(section).toEqual([
      '（五）得分明细',
      '得分明细共106项，按单位和规则汇总如下；逾期未整改的任务逐项见附件《2026年11月问题清单》。',
      '单位||规则|||分值|说明',
      `市城管局||逾期任务扣分|||-204|共102项，如任务DB-0001（任务台账第${task1}行）等`,
      `市城管局||逾期天数扣分|||-3|共2项，如任务DB-0001（任务台账第${task1}行）等`,
      // One point of a rule: as it is.
      `市城管局||通报批评扣分|||-3|X创城通〔2026〕1号（督办记录第${log1}行）：通报批评 X创城通〔2026〕1号（2026年11月26日）`,
      `市住建局||按期销号加分|||1|任务DB-0003（任务台账第${task3}行）：按期销号（2026年11月17日完成，整改时限2026年11月18日）`,
      '',
    ]);
  });

  it('gives the 通报批评 with its 文号 and date in 年月日, and asks the 黑榜 units for a 整改报告 by a date', () => {
    const text = all(bulletin());
    expect(text).toContain('X创城通〔2026〕1号（2026年11月26日）');
    const lines = texts(bulletin());
    const next = lines.slice(lines.indexOf('五、下一步要求'));
    expect(next.some((l) => /^（一）请.*市城管局.*于2026年12月8日前将书面整改报告报送X市创城办。$/.test(l))).toBe(true);
    expect(next.some((l) => l.includes('对照问题清单（附件）'))).toBe(true);
  });

  it('never names the software, never writes an ISO date, and calls the 黑榜 通报批评 only when there was one', () => {
    const text = all(bulletin());
    expect(text).not.toMatch(/督办台账|Duban/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const { scores, ranking, matters } = month({ criticised: false });
    const plain = all(bulletin({ scores, ranking, matters }));
    expect(plain).not.toContain('予以通报批评');
    expect(plain).toContain('四、通报批评和约谈情况\n本月无通报批评和约谈。');
  });

  it('says 请对照问题清单 only when the 问题清单 has matters', () => {
    expect(all(bulletin({ matters: [] }))).not.toContain('问题清单（附件）');
  });

  it('states a sanction as a request, in the wording of 设置', () => {
    const text = all(
      bulletin({
        sanctions: [
          {
            unit: '市城管局',
            category: '市直部门',
            kind: 'suspendAward',
            streak: 2,
            months: ['2026-10', '2026-11'],
            from: '2026-12',
            to: '2027-05',
          },
        ],
      }),
    );
    expect(text).toContain('提请市文明委停发其单位文明奖六个月（2026年12月至2027年5月）');
    expect(text).not.toContain('：停发单位文明奖六个月');
  });

  it('lists a unit with no task in play as 本月无督办任务 (the field the ranking sets)', () => {
    const { scores, ranking, matters } = month();
    // A区 has no task at all this month: listed, not ranked.
    const idle = ranking.categories.flatMap((c) => c.units).find((u) => u.unit === 'A区')!;
    expect([idle.ranked, idle.noTasks]).toEqual([false, true]);
    const lines = texts(bulletin({ scores, ranking, matters }));
    expect(lines.some((l) => l.includes('A区|') && l.includes('本月无督办任务'))).toBe(true);
  });

  it('shows each 红榜 and 黑榜 unit with its 上榜理由', () => {
    const { scores, ranking, matters } = month();
    const black = ranking.categories[0]!.black[0]!;
    black.listReason = '逾期未整改2项，被通报批评1次';
    const lines = texts(bulletin({ scores, ranking, matters }));
    expect(lines).toContain(`黑榜|${black.unit}|${black.score}|逾期未整改2项，被通报批评1次`);
  });

  it('reads in English too, with the same parts', () => {
    const { scores, ranking, matters } = month();
    const en = translator('en');
    const doc = layoutPublication({
      scores,
      ranking,
      sanctions: [],
      publishedOn: d(12, 1),
      t: en,
      issue: 2,
      office: {
        senderName: 'City office',
        bulletinTo: 'All units',
        bulletinCc: 'Committee members',
        sanctionWording: 'to be proposed to the committee:',
      },
      matters,
      attachment: 'November 2026 problem list',
      reportBy: d(12, 8),
    });
    const text = all(doc);
    expect(text).toContain('No. 2');
    expect(text).toContain('1 December 2026');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('prints on A4 portrait, one page wide, the chart on a page of its own with its table', () => {
    const doc = bulletin();
    expect(doc.print).toEqual({ paper: 'A4', orientation: 'portrait', fitToWidth: 1, rowBreaks: [doc.chart!.dataRow - 1] });
    // Header words fit their columns: no 到期任/务.
    const header = doc.rows.find((r) => r[0]?.value === '排名')!;
    header.forEach((cell, c) => {
      if (cell) expect(doc.widths[c]!, String(cell.value)).toBeGreaterThanOrEqual(String(cell.value).length * 14 + 10);
    });
  });
});

describe('附件：问题清单', () => {
  it('lists every matter open or overdue at month end, with 责任人, 责任领导 and what was done', () => {
    const { matters } = month();
    expect(matters.map((m: OpenMatter) => m.key)).toEqual(['DB-0001', 'DB-0002', 'DB-0004', 'DB-0005']);
    const doc = layoutProblemList({ matters, month: '2026-11', asOf: d(11, 30), name: '2026年11月问题清单', t: zh });
    expect(doc.name).toBe('2026年11月问题清单');
    const lines = texts(doc);
    const header = lines.findIndex((l) => l.startsWith('编号|'));
    expect(lines[header]).toBe('编号|问题描述|问题类别|点位|责任单位|责任人|责任领导|整改时限|逾期|督办情况');
    expect(lines[header + 1]).toBe(
      'DB-0001|背街小巷垃圾堆积|市容环境|解放路32号|市城管局|张伟|李强|2026年11月16日|逾期10个工作日|整改通知2次（X创城督〔2026〕3号、X创城督〔2026〕9号）；通报批评（X创城通〔2026〕1号）',
    );
    expect(lines[header + 3]).toBe('DB-0004|公交站牌破损|交通秩序||市交通局|||2026年12月20日');
    // Closed on 1 December: it was still open at month end.
    expect(lines[header + 4]).toMatch(/^DB-0005\|工地围挡\|/);
    expect(doc.print?.paper).toBe('A4');
    expect(all(doc)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('leaves out the 问题类别 column when the ledger has none', () => {
    const { matters } = month();
    const plain = matters.map(({ problemKind: _, ...m }) => m as OpenMatter);
    const lines = texts(layoutProblemList({ matters: plain, month: '2026-11', asOf: d(11, 30), name: 'x', t: zh }));
    expect(lines.find((l) => l.startsWith('编号|'))).toBe('编号|问题描述|点位|责任单位|责任人|责任领导|整改时限|逾期|督办情况');
  });
});
