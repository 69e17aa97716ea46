/**
 * The other scripts a person runs: `npm run demo` (setup, then the daily sweep day after day
 * until the ladder reaches 约谈, each job's own run.json and outbox, every .eml readable by a mail
 * parser) and scripts/dump.ts (a workbook's cells, dates on the day typed in them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { type AddressObject, simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportXlsx, importXlsx } from '../../runtime/xlsx';
import type { MailReport } from '../../scripts/local';
import { sheetFrom, workbookOf } from './harness';
import { sharedDemo } from './shared-demo';

const root = resolve(__dirname, '../..');

function script(name: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', name), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A mail as run.json lists it. */
type Mail = MailReport;

interface Run {
  job: string;
  ok: boolean;
  workbook: string;
  now: string;
  mails: Mail[];
  preview?: Mail[];
  serviceCalls: { total: number; byMethod: Record<string, number> };
  outputs: { workbook: string | null; outbox: string; preview?: string };
}

function readRun(dir: string): Run {
  return JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Run;
}

const SAMPLE_FILE = '创城台账示例.xlsx';
/** The sample directory's 市城管局: contact, head (主要负责人) and supervising leader (分管领导). */
const CGJ = { contact: 'zhangxy@cgj.example.org', head: 'liugp@cgj.example.org', leader: 'zhangjh@cgj.example.org' };
const ADMIN = 'duban@ccb.example.org';

/** The units with due work that day: a task of theirs 逾期 or 临期 on the day's swept ledger. */
async function unitsWithDueWork(workbook: string): Promise<Set<string>> {
  const wb = await importXlsx(workbook, { timeZone: 'Asia/Shanghai' });
  const tasks = wb.sheets.find((s) => s.name === '任务台账')!;
  const header = tasks.rows[2]!.map((c) => c?.value);
  const unit = header.indexOf('责任单位');
  const state = header.indexOf('督办状态');
  expect([unit, state].every((c) => c >= 0)).toBe(true);
  return new Set(
    tasks.rows
      .slice(3)
      .filter((r) => ['逾期', '临期'].includes(String(r[state]?.value)))
      .map((r) => String(r[unit]?.value)),
  );
}

function emlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.eml'))
    .map((f) => join(dir, f))
    .sort();
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  return (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? ''));
}

describe('npm run demo', () => {
  let out: string;
  let r: ReturnType<typeof script>;
  let days: string[];
  let runs: Run[];

  beforeAll(() => {
    const demo = sharedDemo();
    out = demo.out;
    r = demo;
    days = readdirSync(out)
      .filter((n) => n.startsWith('day-'))
      .sort();
    runs = days.map((d) => readRun(join(out, d)));
  });

  it("sets up the sample, fills in 管理员邮箱, then sweeps day after day, each day on the day before's workbook", () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const setup = readRun(join(out, 'setup'));
    expect([setup.job, setup.ok]).toEqual(['setup', true]);
    expect(setup.mails).toEqual([]);
    expect(setup.serviceCalls.byMethod['Range.protect']).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/^ok: setup — 初始化 \/ 修复完成。/m);
    expect(r.stdout).toContain(`设置 → 管理员邮箱 filled in (${ADMIN}): ${join(out, 'setup', 'filled-in', SAMPLE_FILE)}`);

    expect(days[0]).toBe('day-2026-11-25');
    // Every calendar day, weekends included, until the day a 约谈 goes out.
    const dates = days.map((d) => DateTime.fromISO(d.slice(4), { zone: 'Asia/Shanghai' }));
    dates.forEach((d, i) => {
      expect(d.diff(dates[0]!, 'days').days).toBe(i);
    });
    expect(dates.filter((d) => d.weekday >= 6).length).toBeGreaterThanOrEqual(2);
    expect(runs.every((run) => run.job === 'sweep' && run.ok)).toBe(true);
    expect(runs[0]!.workbook).toBe(join(out, 'setup', 'filled-in', SAMPLE_FILE));
    // Each day starts from the day before's workbook: as the sweep left it, or as the month's
    // publication left it on 1 December; a day with people's edits from its edited/ copy of it.
    runs.slice(1).forEach((run, i) => {
      const before = days[i]! === 'day-2026-12-01' ? join(out, days[i]!, 'publish', SAMPLE_FILE) : join(out, days[i]!, SAMPLE_FILE);
      expect([before, join(out, days[i + 1]!, 'edited', SAMPLE_FILE)]).toContain(run.workbook);
    });
    expect(r.stdout).toContain('2026-11-30  · 火车站公厕问题反弹，重新打开');
    expect(r.stdout).toMatch(
      /2026-12-01 {2}▶ 2026年11月督查通报已生成：《2026年11月督查通报》。红榜：.+；黑榜：.+。 {2}\d+ mails to the units/,
    );
    // Each day's line at the terminal: what went out, by level.
    for (const [i, run] of runs.entries()) {
      const n = run.mails.length;
      expect(r.stdout).toMatch(new RegExp(`^  ${days[i]!.slice(4)} \\w{3}  \\d+ overdue  ${n === 0 ? 'no mail' : `${n} mails?: `}`, 'm'));
    }
  });

  it("the ladder reaches 约谈, which the office approves in 约谈安排: the 约谈通知 goes To the unit's leader, Cc its 分管领导 and 约谈抄送, only after 审批", () => {
    const notices = runs.map((run) => run.mails.filter((m) => m.subject.startsWith('【约谈通知】关于约谈市城管局')));
    const day = notices.findIndex((mails) => mails.length > 0);
    expect(day).toBeGreaterThan(0);
    // One 约谈通知, the day after it was proposed (the demo's office approves it then); none before, none after.
    expect(notices.flat()).toHaveLength(1);
    const [notice] = notices[day]!;
    expect(notice!.kind).toBe('interview');
    // The sample's directory names no 党组织/行政主要负责人: the 主要负责人 is summoned.
    expect([notice!.to, notice!.cc]).toEqual([CGJ.head, `${CGJ.leader}, dcs@demo.gov.cn`]);
    expect(notice!.subject).toMatch(/（X创城督约谈〔2026〕[1-9]\d*号）$/);
    // The day before, the admin's summary listed the case awaiting 审批.
    const before = runs[day - 1]!.mails.find((m) => m.to === ADMIN)!;
    expect(before.subject).toMatch(/约谈待审批\d+件/);
    // Nothing reached 市城管局's leaders as a 约谈 before the office agreed.
    const earlier = runs.slice(0, day).flatMap((run) => run.mails);
    expect(earlier.filter((m) => m.subject.includes('约谈') && m.to !== ADMIN)).toEqual([]);
    expect(r.stdout).toMatch(/^ {2}the 约谈通知: .+【约谈通知】.+\.eml$/m);
    const shown = /^ {2}the 约谈通知: (.+)$/m.exec(r.stdout)![1]!;
    expect(existsSync(shown)).toBe(true);
  });

  it('gives every mail in every run.json its kind, as the job composed it: notice, reminder, circular, interview, return, summary, report', () => {
    const dayDirs = readdirSync(out).filter((n) => /^(day|preview)-/.test(n));
    const published = dayDirs.map((n) => join(n, 'publish')).filter((n) => existsSync(join(out, n, 'run.json')));
    const kinds = new Set<string>();
    for (const dir of [...dayDirs, ...published]) {
      const run = readRun(join(out, dir));
      for (const m of [...run.mails, ...(run.preview ?? [])]) {
        const want = published.includes(dir)
          ? 'report'
          : m.to === ADMIN
            ? 'summary'
            : m.subject.startsWith('【通报】')
              ? 'circular'
              : m.subject.startsWith('【临期提醒】')
                ? 'reminder'
                : m.subject.startsWith('【退回通知】')
                  ? 'return'
                  : m.subject.startsWith('【约谈通知】')
                    ? 'interview'
                    : ['督办', '催办'].includes(m.level ?? '')
                      ? 'notice'
                      : 'unknown';
        expect([m.file, m.kind]).toEqual([m.file, want]);
        kinds.add(m.kind!);
      }
    }
    // 11-27 the office sends a task back (退回): its 退回通知; from 12-11 units reach 通报批评: their 通报;
    // 约谈通知 once a person agreed in 约谈安排 (issue 14).
    expect([...kinds].sort()).toEqual(['circular', 'interview', 'notice', 'reminder', 'report', 'return', 'summary']);
  });

  it("no mail on a weekend; on a working day never more mails than units with due work plus the admin's summary, nor two to one person (a 通报 apart)", async () => {
    for (const [i, run] of runs.entries()) {
      const day = DateTime.fromISO(run.now).setZone('Asia/Shanghai');
      if (day.weekday >= 6) {
        expect(run.mails, days[i]).toEqual([]);
        continue;
      }
      const units = await unitsWithDueWork(join(out, days[i]!, SAMPLE_FILE));
      // A 退回通知 (one per task sent back) and a 通报 (to every unit) are documents of their own, beside the unit's one digest of the day.
      const digests = run.mails.filter((m) => m.kind !== 'return' && m.kind !== 'circular');
      expect(digests.length, days[i]).toBeLessThanOrEqual(units.size + 1);
      const to = digests.map((m) => m.to);
      expect(new Set(to).size, days[i]).toBe(to.length);
      expect(readdirSync(join(out, days[i]!, 'outbox')).length).toBe(run.mails.length);
    }
  });

  // Issue 15 (scores): run.json of publish lists the 红榜 and 黑榜 with each unit's 上榜理由. November:
  // 市生态环境局 (2 due, none closed on time) and 市文明办 (a task overdue) leave two 红榜 places empty;
  // 市城管局's task closed 10-29 and reopened 11-30 costs its 反弹 only, not 20 days overdue.
  it("gives the month's 红榜 and 黑榜 with their reasons in publish's run.json", () => {
    const run = JSON.parse(readFileSync(join(out, 'day-2026-12-01', 'publish', 'run.json'), 'utf8')) as Run & {
      sheet: string;
      lists: { red: { unit: string; reason: string }[]; black: { unit: string; reason: string }[] };
    };
    expect(run.sheet).toBe('2026年11月督查通报');
    expect(run.lists).toEqual({
      red: [{ unit: '市市场监管局', reason: '到期任务2项按期销号1项，月末无逾期未整改任务' }],
      black: [
        { unit: '市住建局', reason: '逾期未整改1项' },
        { unit: '市公安局交警支队', reason: '逾期未整改1项' },
        { unit: '市城管局', reason: '逾期未整改3项，反弹1次' },
      ],
    });
  });

  // Worked out by hand from the rules (base 100; −2 a task overdue at month end; −0.5 a working day
  // beyond 5, at most −5 a task; −3 a 反弹): 市城管局 on 30 Nov has DB-0001 (due 11-15, 10 working
  // days late: −2 −2.5), DB-0008 (due 11-05, 17 late: −2 −5), DB-0015 (due 11-17, 9 late: −2 −2),
  // and 火车站公厕 (DB-0007), closed 10-29 and reopened 11-30: −3 for the 反弹 and no lateness, since
  // it is late only from its reopening. 100 − 6 − 9.5 − 3 = 81.5, last of 9 ranked, on the 黑榜.
  it('publishes 市城管局 at 81.5 as worked out by hand: its 反弹 charged from the reopening, not the closed weeks', async () => {
    const wb = await importXlsx(readFileSync(join(out, 'day-2026-12-01', 'publish', SAMPLE_FILE)));
    const page = wb.sheets.find((x) => x.name === '2026年11月督查通报')!;
    const rows = page.rows.map((r) => Array.from(r ?? [], (c) => c?.value ?? ''));
    const ranked = rows.find((r) => r[1] === '市城管局' && typeof r[0] === 'number')!;
    expect(ranked.slice(0, 8)).toEqual([9, '市城管局', 81.5, 0, 4, 0, 3, '黑榜']);
    const details = rows.filter((r) => r[0] === '市城管局' && typeof r[5] === 'number').map((r) => [r[2], r[5]]);
    expect(details).toEqual([
      ['逾期任务扣分', -2],
      ['逾期天数扣分', -2.5],
      ['反弹扣分', -3],
      ['逾期任务扣分', -2],
      ['逾期天数扣分', -5],
      ['逾期任务扣分', -2],
      ['逾期天数扣分', -2],
    ]);
    expect(rows.some((r) => String(r[6]).includes('DB-0007'))).toBe(false);
  });

  it("keeps the final day's run.json, workbook and outbox at the top, with setup/ and the first day's preview", async () => {
    const lastDay = join(out, days.at(-1)!);
    expect(readFileSync(join(out, 'run.json'), 'utf8')).toBe(readFileSync(join(lastDay, 'run.json'), 'utf8'));
    expect(readFileSync(join(out, SAMPLE_FILE)).equals(readFileSync(join(lastDay, SAMPLE_FILE)))).toBe(true);
    expect(readdirSync(join(out, 'outbox'))).toEqual(readdirSync(join(lastDay, 'outbox')));
    expect(statSync(join(out, 'setup', SAMPLE_FILE)).isFile()).toBe(true);
    expect(r.stdout).toContain(`What setup did:      ${join(out, 'setup', 'run.json')}`);
    expect(r.stdout).toContain(`What the last sweep did:  ${join(out, 'run.json')}`);
    // What the README says to open: the log sheet, and 督办次数 / 督办级别 on the rows.
    const wb = await importXlsx(join(out, SAMPLE_FILE), { timeZone: 'Asia/Shanghai' });
    expect(wb.sheets.find((s) => s.name === '督办记录')!.rows.length).toBeGreaterThan(20);
    const tasks = wb.sheets.find((s) => s.name === '任务台账')!;
    const header = tasks.rows[2]!.map((c) => c?.value);
    const row = tasks.rows.find((x) => String(x[header.indexOf('问题描述')]?.value).startsWith('人民路背街小巷'))!;
    // 市城管局 reported it done on 8 December (待验收): the ladder stopped at its second notice.
    expect([row[header.indexOf('督办次数')]?.value, row[header.indexOf('督办级别')]?.value]).toEqual([2, '催办']);
    expect(wb.sheets.some((s) => s.name === '2026年11月督查通报')).toBe(true);

    const preview = readRun(join(out, 'preview-2026-11-25'));
    expect([preview.job, preview.ok, preview.outputs.workbook, preview.mails]).toEqual(['preview', true, null, []]);
    expect(existsSync(join(out, 'preview-2026-11-25', SAMPLE_FILE))).toBe(false);
    // The preview is what the first day's sweep then sent (its admin's summary apart).
    const gist = (m: Mail) => [m.to, m.subject, m.numbers, m.level];
    expect(preview.preview!.map(gist)).toEqual(runs[0]!.mails.filter((m) => m.to !== ADMIN).map(gist));
  });

  it("every .eml it wrote parses with a mail parser: recipients, the Chinese subject, text and HTML, a task's <script> escaped in HTML and literal in text", async () => {
    const listed = new Map<string, Mail>();
    const dayDirs = readdirSync(out).filter((n) => /^(day|preview)-/.test(n));
    const published = dayDirs.map((n) => join(n, 'publish')).filter((n) => existsSync(join(out, n, 'run.json')));
    for (const dir of ['setup', ...dayDirs, ...published]) {
      const run = readRun(join(out, dir));
      for (const m of [...run.mails, ...(run.preview ?? [])]) listed.set(m.file, m);
    }
    const files = emlFiles(out).filter((f) => !f.startsWith(join(out, 'outbox')));
    expect(files.sort()).toEqual([...listed.keys()].sort());
    expect(files.some((f) => f.includes('/preview/'))).toBe(true);
    const withScript: string[] = [];
    for (const file of files) {
      const mail = await simpleParser(readFileSync(file));
      const want = listed.get(file)!;
      expect(addresses(mail.to), file).toEqual(want.to.split(', '));
      expect(mail.subject, file).toBe(want.subject);
      expect(mail.subject, file).toMatch(/^【(整改通知|通报|约谈通知|临期提醒|退回通知|督办小结|督查通报)】/);
      expect(mail.text?.trim().length, file).toBeGreaterThan(0);
      expect(typeof mail.html === 'string' && mail.html.includes('<'), file).toBe(true);
      if (mail.text!.includes('alert(1)')) {
        withScript.push(file);
        expect(mail.text).toContain('被植入脚本<script>alert(1)</script>，打开页面即弹窗');
        expect(mail.html).toContain('被植入脚本&lt;script&gt;alert(1)&lt;/script&gt;，打开页面即弹窗');
        expect(mail.html).not.toMatch(/<script/i);
      }
    }
    expect(withScript.some((f) => f.includes('/preview/'))).toBe(true);
    expect(withScript.some((f) => f.includes('/outbox/'))).toBe(true);
  });

  it('every mail reads as a 公文 of the office: its sender and 落款, Reply-To its 联系邮箱, 主送 the unit, 文号 after its 代字, dates in 年月日, its contact, no product name', async () => {
    // What scripts/demo.ts types into 设置 after setup, as the office does.
    const office = 'XX市创建全国文明城市工作指挥部办公室';
    const files = emlFiles(out).filter((f) => !f.startsWith(join(out, 'outbox')) && !f.includes('/setup/'));
    expect(files.length).toBeGreaterThan(20);
    const seen = new Set<string>();
    for (const file of files) {
      const mail = await simpleParser(readFileSync(file));
      const text = mail.text ?? '';
      const lines = text.trim().split('\n');
      expect(mail.from?.value[0]?.name?.replace(/\s/g, ''), file).toBe(office);
      expect(addresses(mail.replyTo), file).toEqual(['cwb@demo.gov.cn']);
      // The 落款: the office, then the day in 年月日.
      expect(lines.at(-2), file).toBe(office);
      expect(lines.at(-1), file).toMatch(/^2026年1[12]月[1-9]\d?日$/);
      expect(`${mail.subject} ${text}`, file).not.toContain('督办台账');
      // The admin's summary may quote how to type a date into a cell (如 2026-12-31); a unit's mail has none.
      const kind = /^【(整改通知|通报|约谈通知|退回通知|临期提醒|督查通报)】/.exec(mail.subject ?? '')?.[1];
      if (!kind) continue;
      seen.add(kind);
      expect(`${mail.subject} ${text}`, file).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
      expect(text, file).toContain('联系人：李明；联系电话：0571-87001234');
      // Every numbered document opens with its 文号 (after its series' 代字), then its title, then 主送 (issue 14).
      const head = lines.slice(0, 5);
      const numbered = (series: string, title: RegExp, addressee: string): void => {
        expect(head[0], file).toMatch(new RegExp(`^X创城督${series}〔2026〕[1-9]\\d*号$`));
        expect(mail.subject, file).toContain(`（${head[0]}）`);
        expect(head[2], file).toMatch(title);
        expect(head[4], file).toBe(addressee);
      };
      const unit = /^【[^】]+】(?:关于(?:对|约谈)|2026年\d+月)?([^：得予党]+)/.exec(mail.subject!)![1]!;
      if (kind === '整改通知') {
        numbered('', /^■ 整改通知$/, `${unit}：`);
        // Its 整改限期, how to answer (the demo's web app: the unit's own link, at the end), whom to ask.
        expect(text, file).toMatch(
          /请于2026年1[12]月[1-9]\d?日前整改到位。整改完成后，请点击文末“在线报送整改情况”链接，逐项填报整改措施并上传整改前后对比照片，经验收合格后销号；如有疑问，请联系XX市创建全国文明城市工作指挥部办公室（cwb@demo\.gov\.cn）/,
        );
        expect(text, file).toMatch(/\n在线报送整改情况：http:\/\/127\.0\.0\.1:8080\/exec\?t=v1\.[\w-]+\.[\w-]+\n/);
        expect(text, file).toMatch(/督办情况：第[1-9]\d*次督办/);
      }
      if (kind === '通报') numbered('通报', /^■ 关于对.+予以通报批评的通报$/, '各成员单位：');
      if (kind === '约谈通知') numbered('约谈', /^■ 关于约谈.+党政主要负责人的通知$/, `${unit}：`);
      if (kind === '退回通知') numbered('退回', /^■ 关于“.+”验收未通过予以退回的通知$/, `${unit}：`);
      // A reminder and the month's report mail are not numbered documents: 主送 the unit on the first line.
      if (kind === '临期提醒' || kind === '督查通报') expect(lines[0], file).toBe(`${unit}：`);
      for (const n of text.match(/[^\s：、（]*〔2026〕[^号]*号/g) ?? [])
        expect(n, file).toMatch(/(^|[^\u4e00-\u9fa5A-Za-z]|通知)X创城督(通报|约谈|退回)?〔2026〕[1-9]\d*号$/);
    }
    // The demo shows every kind of document the office issues.
    expect([...seen].sort()).toEqual(['临期提醒', '整改通知', '督查通报', '约谈通知', '退回通知', '通报'].sort());
  });
});

describe('scripts/dump.ts', () => {
  async function workbookWithDates(zone: string): Promise<string> {
    const at = (iso: string): Date => DateTime.fromISO(iso, { zone }).toJSDate();
    const wb = workbookOf([
      sheetFrom('任务台账', [
        ['整改时限', '交办时间'],
        [at('2026-07-31T00:00'), at('2026-07-01T09:30')],
      ]),
    ]);
    wb.timeZone = zone;
    const file = join(mkdtempSync(join(tmpdir(), 'duban-dump-')), 'dates.xlsx');
    await exportXlsx(wb, file);
    return file;
  }

  it('prints a date cell on the day typed in it (Asia/Shanghai by default), not a day early', async () => {
    const file = await workbookWithDates('Asia/Shanghai');
    const r = script('dump.ts', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 ["2026-07-31","2026-07-01 09:30:00"]');
  });

  it('reads and prints dates in the zone given with --tz', async () => {
    const file = await workbookWithDates('Pacific/Auckland');
    const r = script('dump.ts', file, '任务台账', '--tz', 'Pacific/Auckland');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 ["2026-07-31","2026-07-01 09:30:00"]');
  });

  it('an unreadable workbook: one sentence, exit 2', () => {
    const r = script('dump.ts', join(root, 'README.md'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^duban dump: .*README\.md: not a readable \.xlsx workbook \(.+\)\n$/);
  });
});
